"""The words for printers and filament that every layer shares: drivers report in them, the planner
plans in them, model files are read into them. A leaf module, so none of those layers import another
to speak of a loaded spool or a printer's state.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class PrinterAction(StrEnum):
    """What an operator may ask of a printer mid-job; the whole set, so the farm never looks up a method by name."""

    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


class PrinterState(StrEnum):
    OFFLINE = "offline"  # not connected (unplugged, unreachable, auth refused)
    IDLE = "idle"  # connected and ready for a job
    PREPARING = "preparing"  # a job was accepted: uploading, heating, levelling
    PRINTING = "printing"
    PAUSED = "paused"
    FINISHED = "finished"  # the last job ended successfully; the part may still be on the plate
    ERROR = "error"  # a fault that needs the operator (thermal runaway, kill, HMS fatal)


class Temperature(BaseModel):
    actual: float
    target: float | None = None


class LoadedFilament(BaseModel):
    """What sits in one feed slot: an AMS tray, a toolhead, or the external spool holder."""

    slot: str  # "0".."15" for AMS trays, "ext" for the spool holder, "T0"/"T1" for toolheads
    material: str  # PLA, PETG, ABS, TPU ...
    colour: str | None = None  # "#RRGGBB" upper case, or None when unknown
    remaining_pct: float | None = None
    remaining_g: float | None = None
    tag_uid: str | None = None  # the spool's RFID tag where the printer reads one (Bambu AMS tray_uuid)


class PrinterStatus(BaseModel):
    """A snapshot of live telemetry; cheap to build, never written to disk."""

    state: PrinterState = PrinterState.OFFLINE
    job_key: str | None = None  # the daemon's job this printer is busy with, when known
    progress: float | None = None  # 0.0 .. 1.0
    time_left_s: int | None = None
    layer: int | None = None
    total_layers: int | None = None
    temperatures: dict[str, Temperature] = Field(default_factory=dict)  # "tool0", "bed", "chamber"
    filaments: list[LoadedFilament] = Field(default_factory=list)
    message: str | None = None  # human-readable reason for OFFLINE / ERROR
    firmware: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)  # family-specific fields (HMS codes ...)


class FilamentNeed(BaseModel):
    """One filament a sliced file needs, in slicer order (index 0 is the slicer's filament 1)."""

    material: str
    colour: str | None = None
    grams: float | None = None
