"""The device side of a simulated Bambu printer: requests in, reports out, no I/O.

It keeps the state a printer would, answers requests the way firmware does (pushall with a full
report, get_version with modules, commands with result/reason echoing sequence_id), prints a job
over its sliced time divided by the speed factor, and produces full (X1-like) or delta (P1/A1-like)
reports. `sim.py` moves its messages over MQTT.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from odind.vocabulary import LoadedFilament

CANCELLED = 0x0300400C
LOCKED_ERR_CODE = 84033543
CONTROL_COMMANDS = frozenset({"pause", "resume", "stop", "gcode_line", "project_file"})
PREPARE_S = 90.0  # printer-time spent heating and levelling before the first layer
FIRMWARE = {"X1": "01.08.02.00", "P1": "01.07.00.00", "A1": "01.04.00.00", "H2": "01.01.00.00"}


@dataclass(frozen=True)
class Project:
    """What the printer reads from an uploaded project: sliced time and layer count."""

    print_time_s: float
    layers: int


class ProjectError(Exception):
    """The referenced file is missing, damaged or does not match its md5."""


def full_profile(model: str) -> bool:
    """X1-family printers send whole objects; P1 and A1 only what changed."""
    return model.upper().startswith(("X1", "H2"))


def _family(model: str) -> str:
    return model.upper()[:2]


def _tray(tray_id: int, filament: LoadedFilament | None, *, keep_keys: bool = False) -> dict[str, Any]:
    """A tray as firmware reports it; an empty AMS slot is just its id, the spool holder keeps its keys."""
    if filament is None and not keep_keys:
        return {"id": str(tray_id)}
    colour = "" if filament is None else (filament.colour or "#FFFFFF").lstrip("#").upper() + "FF"
    remain = 0 if filament is None else -1 if filament.remaining_pct is None else round(filament.remaining_pct)
    material = "" if filament is None else filament.material
    return {
        "id": str(tray_id), "tag_uid": "0000000000000000", "tray_id_name": "", "tray_info_idx": "GFL99",
        "tray_type": material, "tray_sub_brands": material, "tray_color": colour, "tray_weight": "1000",
        "tray_diameter": "1.75", "tray_temp": "55", "tray_time": "8", "bed_temp_type": "1",
        "bed_temp": "55", "nozzle_temp_max": "240", "nozzle_temp_min": "190", "xcam_info": "0" * 24,
        "tray_uuid": "0" * 32, "remain": remain, "k": 0.02, "n": 1, "cols": [colour] if colour else [],
    }


class DevicePrinter:
    def __init__(self, *, serial: str, model: str, speed: float, filaments: list[LoadedFilament],
                 load_project: Callable[[str, str, str], Project]) -> None:
        self.serial = serial
        self.model = model
        self.speed = speed
        self.full = full_profile(model)
        self.locked = False  # newer firmware without Developer LAN mode
        self.mute_replies = False
        self._load_project = load_project
        self._seq = 0
        self._tick = 0
        self._last_sent: dict[str, Any] = {}
        self._error_clears_at: float | None = None
        self.state: dict[str, Any] = self._initial_state(filaments)
        self._job: dict[str, float] = {}

    # --- state -----------------------------------------------------------------------------------

    def _initial_state(self, filaments: list[LoadedFilament]) -> dict[str, Any]:
        by_slot = {f.slot: f for f in filaments}
        units = sorted({int(s) // 4 for s in by_slot if s.isdigit()})
        ams = [{"id": str(u), "humidity": "4", "temp": "24.5",
                "tray": [_tray(t, by_slot.get(str(u * 4 + t))) for t in range(4)]} for u in units]
        ext = by_slot.get("ext")
        tray_now = "255"
        if ams:
            tray_now = next((s for s in sorted(by_slot, key=lambda s: int(s) if s.isdigit() else 99)
                             if s.isdigit()), "255")
        elif ext is not None:
            tray_now = "254"
        vt = _tray(254, ext, keep_keys=True)
        return {
            "gcode_state": "IDLE", "mc_percent": 0, "mc_remaining_time": 0, "mc_print_stage": "1",
            "stg_cur": 255, "layer_num": 0, "total_layer_num": 0, "gcode_file": "", "subtask_name": "",
            "gcode_file_prepare_percent": "0", "print_type": "idle", "print_error": 0, "hms": [],
            "nozzle_temper": 24.0, "nozzle_target_temper": 0.0, "bed_temper": 23.0,
            "bed_target_temper": 0.0, "chamber_temper": 24.0, "spd_lvl": 2, "spd_mag": 100,
            "wifi_signal": "-45dBm", "lights_report": [{"node": "chamber_light", "mode": "on"}],
            "ams": {"ams": ams, "ams_exist_bits": format(sum(1 << u for u in units), "x"),
                    "tray_now": tray_now, "tray_tar": tray_now, "version": 1},
            "vt_tray": vt, "sdcard": True, "nozzle_diameter": "0.4",
        }

    def _report(self, full: bool) -> dict[str, Any]:
        self._seq += 1
        state = self.state
        if full:
            body = {k: _fresh(v) for k, v in state.items()}
            body["msg"] = 0
        else:
            body = {k: _fresh(v) for k, v in state.items() if self._last_sent.get(k) != v}
            body["msg"] = 1
        self._last_sent = {k: _fresh(v) for k, v in state.items()}
        body["command"] = "push_status"
        body["sequence_id"] = str(self._seq)
        return {"print": body}

    def periodic_report(self) -> dict[str, Any]:
        """The report sent on every tick: whole objects for X1, changed keys for P1/A1."""
        self._tick += 1
        jitter = 0.1 if self._tick % 2 else 0.0
        self.state["chamber_temper"] = 24.0 + jitter
        if self.full:
            report = self._report(full=True)
            report["print"]["msg"] = 1
            return report
        return self._report(full=False)

    # --- requests --------------------------------------------------------------------------------

    def handle(self, doc: dict[str, Any], now: float) -> list[dict[str, Any]]:
        """Messages to publish in answer to one request (several sections may share one request)."""
        out: list[dict[str, Any]] = []
        for section, body in doc.items():
            if not isinstance(body, dict):
                continue
            command = body.get("command")
            seq = body.get("sequence_id")
            if section == "pushing" and command == "pushall":
                out.append(self._report(full=True))
            elif section == "info" and command == "get_version":
                out.append(self._reply("info", "get_version", seq, module=self._modules()))
            elif section == "print" and command in CONTROL_COMMANDS:
                out.extend(self._control(str(command), seq, body, now))
        if self.mute_replies:
            return [m for m in out if _is_report(m)]
        return out

    def _modules(self) -> list[dict[str, Any]]:
        firmware = FIRMWARE.get(_family(self.model), "01.07.00.00")
        return [{"name": "ota", "sw_ver": firmware, "hw_ver": "", "sn": self.serial,
                 "product_name": f"Bambu Lab {self.model}"},
                {"name": "mc", "sw_ver": "00.00.25.52", "hw_ver": "MC07", "sn": self.serial}]

    def _reply(self, section: str, command: str, seq: Any, *, ok: bool = True, reason: str = "",
               **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"command": command, "result": "success" if ok else "fail",
                                "reason": reason or ("success" if ok else "failed")}
        if seq is not None:
            body["sequence_id"] = str(seq)
        body.update(extra)
        return {section: body}

    def _control(self, command: str, seq: Any, body: dict[str, Any], now: float) -> list[dict[str, Any]]:
        if self.locked:
            return [{"print": {"command": command, "sequence_id": str(seq), "result": "failed",
                               "reason": "mqtt message verify failed", "err_code": LOCKED_ERR_CODE}}]
        gcode_state = self.state["gcode_state"]
        ok, reason = True, ""
        if command == "pause":
            ok = gcode_state in ("RUNNING", "PREPARE")
            if ok:
                self.state["gcode_state"] = "PAUSE"
                self._job["paused_at"] = now
        elif command == "resume":
            ok = gcode_state == "PAUSE"
            if ok:
                self._job["paused_total"] += now - self._job.pop("paused_at", now)
                self.state["gcode_state"] = "RUNNING" if self._job.get("running_since") else "PREPARE"
        elif command == "stop":
            ok = gcode_state in ("RUNNING", "PREPARE", "PAUSE")
            if ok:
                self._end("FAILED", now, error=CANCELLED)
        elif command == "project_file":
            ok, reason = self._start(body, now)
        if not ok and not reason:
            reason = f"cannot {command} while {gcode_state}"
        out = [self._reply("print", command, seq, ok=ok, reason=reason)]
        if ok and command != "gcode_line":
            out.append(self.periodic_report())
        return out

    def _start(self, body: dict[str, Any], now: float) -> tuple[bool, str]:
        if self.state["gcode_state"] in ("RUNNING", "PREPARE", "PAUSE"):
            return False, "printer is busy"
        try:
            project = self._load_project(str(body.get("url", "")), str(body.get("param", "")),
                                         str(body.get("md5", "")))
        except ProjectError as exc:
            return False, str(exc)
        self._job = {"accepted": now, "prepare": PREPARE_S / self.speed,
                     "duration": max(project.print_time_s, 1.0) / self.speed, "paused_total": 0.0,
                     "print_time_s": project.print_time_s, "layers": float(project.layers)}
        self._error_clears_at = None
        self.state.update({
            "gcode_state": "PREPARE", "mc_percent": 0, "print_error": 0, "layer_num": 0,
            "total_layer_num": project.layers, "subtask_name": str(body.get("subtask_name", "")),
            "gcode_file": str(body.get("file", "")), "print_type": "local", "stg_cur": 2,
            "gcode_file_prepare_percent": "100", "nozzle_target_temper": 220.0, "bed_target_temper": 55.0,
            "mc_remaining_time": math.ceil(project.print_time_s / 60),
        })
        return True, ""

    def _end(self, gcode_state: str, now: float, *, error: int = 0) -> None:
        self.state.update({"gcode_state": gcode_state, "print_error": error, "stg_cur": 255,
                           "nozzle_target_temper": 0.0, "bed_target_temper": 0.0, "print_type": "idle"})
        if gcode_state == "FINISH":
            self.state.update({"mc_percent": 100, "mc_remaining_time": 0,
                               "layer_num": self.state["total_layer_num"]})
        if error == CANCELLED:
            self._error_clears_at = now + 2.0  # the cancel code shows only briefly
        self._job.pop("paused_at", None)

    # --- time ------------------------------------------------------------------------------------

    def advance(self, now: float) -> bool:
        """Move the print on; True when gcode_state changed (worth a report of its own)."""
        if self._error_clears_at is not None and now >= self._error_clears_at:
            self._error_clears_at = None
            self.state["print_error"] = 0
        gcode_state = self.state["gcode_state"]
        job = self._job
        if gcode_state == "PREPARE" and now - job["accepted"] - job["paused_total"] >= job["prepare"]:
            job["running_since"] = now
            job["paused_before_run"] = job["paused_total"]
            self.state.update({"gcode_state": "RUNNING", "stg_cur": 0, "nozzle_temper": 220.0,
                               "bed_temper": 55.0, "layer_num": 1})
            return True
        if gcode_state != "RUNNING":
            return False
        elapsed = now - job["running_since"] - (job["paused_total"] - job.get("paused_before_run", 0.0))
        fraction = min(1.0, max(0.0, elapsed / job["duration"]))
        if fraction >= 1.0:
            self._end("FINISH", now)
            return True
        left_s = job["print_time_s"] * (1.0 - fraction)
        self.state.update({"mc_percent": int(fraction * 100), "mc_remaining_time": math.ceil(left_s / 60),
                           "layer_num": max(1, math.ceil(fraction * job["layers"]))})
        return False

    def step_s(self, report_interval_s: float) -> float:
        """How often the clock should look at this printer: finer while a fast job runs."""
        job = self._job
        if self.state["gcode_state"] in ("PREPARE", "RUNNING") and job:
            return max(0.02, min(report_interval_s, job["duration"] / 20, job["prepare"] / 2 + 0.02))
        return report_interval_s / 2

    # --- faults ----------------------------------------------------------------------------------

    def fail(self, print_error: int, now: float) -> None:
        self._end("FAILED", now, error=print_error)

    def power_cycle(self) -> None:
        """Lose the job as a power cut would: back to IDLE with no trace of it."""
        self._job = {}
        self._error_clears_at = None
        self.state.update({"gcode_state": "IDLE", "mc_percent": 0, "mc_remaining_time": 0, "layer_num": 0,
                           "subtask_name": "", "gcode_file": "", "print_type": "idle", "print_error": 0,
                           "stg_cur": 255, "nozzle_target_temper": 0.0, "bed_target_temper": 0.0})

    def set_hms(self, entries: list[tuple[int, int]]) -> None:
        self.state["hms"] = [{"attr": attr, "code": code} for attr, code in entries]


def _is_report(message: dict[str, Any]) -> bool:
    body = message.get("print")
    return isinstance(body, dict) and body.get("command") == "push_status"


def _fresh(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value
