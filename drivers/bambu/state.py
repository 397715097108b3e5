"""Printer state kept from push_status reports: deltas merged into the last full snapshot.

P1 and A1 printers send only the keys that changed, X1 printers send whole objects; either way the
driver must hold the complete picture. Objects merge key by key; lists (AMS units, trays, HMS) are
replaced whole, since the printer always resends a list complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from odind.drivers.bambu.protocol import CANCELLED_BY_USER, hms_severity, render_hms, render_print_error
from odind.vocabulary import LoadedFilament, PrinterState, Temperature


def merge(base: dict[str, Any], delta: dict[str, Any]) -> None:
    """Deep-merge `delta` into `base` in place."""
    for key, value in delta.items():
        current = base.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge(current, value)
        elif isinstance(value, dict):
            base[key] = _copy(value)
        else:
            base[key] = value


def _copy(value: dict[str, Any]) -> dict[str, Any]:
    return {k: _copy(v) if isinstance(v, dict) else v for k, v in value.items()}


class ReportState:
    """The merged `print` object of one printer."""

    def __init__(self) -> None:
        self.print: dict[str, Any] = {}

    def apply(self, body: dict[str, Any]) -> bool:
        """Apply one push_status body (`msg == 0` marks a full snapshot, which replaces).

        Returns whether the loaded filaments may have changed, so the AMS is re-read only then.
        """
        if body.get("msg") == 0:
            self.print = _copy(body)
            return True
        merge(self.print, body)
        return "ams" in body or "vt_tray" in body


def _lenient(kind: type) -> BeforeValidator:
    """Firmware sends numbers as strings, and garbage now and then; keep what parses, drop the rest."""

    def convert(value: Any) -> Any:
        if value is None or isinstance(value, bool) or isinstance(value, dict | list):
            return None
        try:
            if kind is int:
                return int(float(value)) if isinstance(value, str) else int(value)
            if kind is float:
                return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
        return value if isinstance(value, str) else str(value)

    return BeforeValidator(convert)


LInt = Annotated[int | None, _lenient(int)]
LFloat = Annotated[float | None, _lenient(float)]
LStr = Annotated[str | None, _lenient(str)]


def _list_of_dicts(value: Any) -> list[Any]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict_or_none(value: Any) -> Any:
    return value if isinstance(value, dict) else None


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Tray(_Lenient):
    id: LInt = None
    tray_type: LStr = None
    tray_color: LStr = None
    remain: LInt = None
    tray_uuid: LStr = None


class AmsUnit(_Lenient):
    id: LInt = None
    humidity: LStr = None
    temp: LStr = None
    tray: Annotated[list[Tray], BeforeValidator(_list_of_dicts)] = []


class Ams(_Lenient):
    ams: Annotated[list[AmsUnit], BeforeValidator(_list_of_dicts)] = []
    tray_now: LStr = None


class Hms(_Lenient):
    attr: LInt = None
    code: LInt = None


class PrintReport(_Lenient):
    """The fields of the merged `print` object the driver uses."""

    gcode_state: LStr = None
    mc_percent: LInt = None
    mc_remaining_time: LInt = None
    layer_num: LInt = None
    total_layer_num: LInt = None
    subtask_name: LStr = None
    gcode_file: LStr = None
    print_error: LInt = None
    nozzle_temper: LFloat = None
    nozzle_target_temper: LFloat = None
    bed_temper: LFloat = None
    bed_target_temper: LFloat = None
    chamber_temper: LFloat = None
    spd_lvl: LInt = None
    hms: Annotated[list[Hms], BeforeValidator(_list_of_dicts)] = []


class FilamentReport(_Lenient):
    """The AMS and spool-holder part, parsed only when a report touched it (it is the bulky part)."""

    ams: Annotated[Ams | None, BeforeValidator(_dict_or_none)] = None
    vt_tray: Annotated[Tray | None, BeforeValidator(_dict_or_none)] = None


_STATE_MAP = {
    "IDLE": PrinterState.IDLE,
    "INIT": PrinterState.PREPARING,
    "SLICING": PrinterState.PREPARING,
    "PREPARE": PrinterState.PREPARING,
    "RUNNING": PrinterState.PRINTING,
    "PAUSE": PrinterState.PAUSED,
    "FINISH": PrinterState.FINISHED,
    "OFFLINE": PrinterState.OFFLINE,
}
BUSY_GCODE_STATES = frozenset({"INIT", "SLICING", "PREPARE", "RUNNING", "PAUSE"})


@dataclass
class Snapshot:
    """What one merged report means, in the driver contract's terms."""

    state: PrinterState
    gcode_state: str
    subtask: str | None
    progress: float | None
    time_left_s: int | None
    layer: int | None
    total_layers: int | None
    temperatures: dict[str, Temperature]
    filaments: list[LoadedFilament]
    print_error: str | None
    cancelled: bool
    hms: list[dict[str, str]] = field(default_factory=list)
    message: str | None = None
    tray_now: str | None = None


def _colour(raw: str | None) -> str | None:
    if not raw or len(raw) < 6:
        return None
    head = raw[:6].upper()
    return f"#{head}" if all(c in "0123456789ABCDEF" for c in head) else None


def _filament(slot: str, tray: Tray) -> LoadedFilament | None:
    if not tray.tray_type:
        return None
    remain = tray.remain if tray.remain is not None and 0 <= tray.remain <= 100 else None
    tag = tray.tray_uuid if tray.tray_uuid and tray.tray_uuid.strip("0") else None  # all zeros: no RFID spool
    return LoadedFilament(slot=slot, material=tray.tray_type, colour=_colour(tray.tray_color),
                          remaining_pct=None if remain is None else float(remain), tag_uid=tag)


@dataclass(frozen=True)
class Loaded:
    filaments: list[LoadedFilament]
    tray_now: str | None


def read_filaments(raw: dict[str, Any]) -> Loaded:
    report = FilamentReport.model_validate(raw)
    return Loaded(filaments=loaded_filaments(report),
                  tray_now=report.ams.tray_now if report.ams is not None else None)


def loaded_filaments(report: FilamentReport) -> list[LoadedFilament]:
    """AMS trays as slots "0".."15" (ams_id*4 + tray_id), the external spool as "ext"."""
    loaded: list[LoadedFilament] = []
    if report.ams is not None:
        for position, unit in enumerate(report.ams.ams):
            ams_id = unit.id if unit.id is not None else position
            for tray_pos, tray in enumerate(unit.tray):
                tray_id = tray.id if tray.id is not None else tray_pos
                item = _filament(str(ams_id * 4 + tray_id), tray)
                if item is not None:
                    loaded.append(item)
    if report.vt_tray is not None:
        item = _filament("ext", report.vt_tray)
        if item is not None:
            loaded.append(item)
    return loaded


def _temps(report: PrintReport) -> dict[str, Temperature]:
    temps: dict[str, Temperature] = {}
    if report.nozzle_temper is not None:
        temps["tool0"] = Temperature(actual=report.nozzle_temper, target=report.nozzle_target_temper)
    if report.bed_temper is not None:
        temps["bed"] = Temperature(actual=report.bed_temper, target=report.bed_target_temper)
    if report.chamber_temper is not None:
        temps["chamber"] = Temperature(actual=report.chamber_temper)
    return temps


def interpret(raw: dict[str, Any], loaded: Loaded | None = None) -> Snapshot:
    """Map the merged `print` object onto driver state; never raises on odd values.

    `loaded` is the filament part from an earlier call when the AMS has not changed since.
    """
    report = PrintReport.model_validate(raw)
    if loaded is None:
        loaded = read_filaments(raw)
    gcode_state = (report.gcode_state or "UNKNOWN").upper()
    error_code = report.print_error or 0
    cancelled = error_code == CANCELLED_BY_USER
    hms = [{"code": render_hms(h.attr, h.code), "severity": hms_severity(h.code)}
           for h in report.hms if h.attr is not None and h.code is not None]
    fatal = [h["code"] for h in hms if h["severity"] == "fatal"]
    message: str | None = None
    if gcode_state == "FAILED":
        # A stop leaves FAILED + 0300_400C; an acknowledged fault leaves FAILED with no error.
        state = PrinterState.ERROR if error_code and not cancelled else PrinterState.IDLE
    else:
        state = _STATE_MAP.get(gcode_state, PrinterState.IDLE)
    if state == PrinterState.ERROR:
        message = f"print error {render_print_error(error_code)}"
    elif fatal and state not in (PrinterState.PRINTING, PrinterState.PREPARING):
        state = PrinterState.ERROR
        message = "HMS " + ", ".join(fatal)
    progress = None if report.mc_percent is None else max(0, min(100, report.mc_percent)) / 100
    remaining = report.mc_remaining_time
    return Snapshot(
        state=state,
        gcode_state=gcode_state,
        subtask=report.subtask_name or None,
        progress=progress,
        time_left_s=None if remaining is None or remaining < 0 else remaining * 60,
        layer=report.layer_num,
        total_layers=report.total_layer_num,
        temperatures=_temps(report),
        filaments=loaded.filaments,
        print_error=render_print_error(error_code) if error_code else None,
        cancelled=cancelled,
        hms=hms,
        message=message,
        tray_now=loaded.tray_now,
    )
