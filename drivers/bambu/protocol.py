"""Bambu LAN requests and replies: fresh payloads, codes rendered for people. No I/O here."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

CANCELLED_BY_USER = 0x0300400C  # print_error after a stop from the screen, the app or us
HMS_SEVERITY = {1: "fatal", 2: "serious", 3: "common", 4: "info"}
# Firmware with "Authorization Control" answers control commands with this when Developer mode is off.
DEVELOPER_MODE_ERR_CODES = frozenset({84033543, 84033545})

# Serial-number prefixes seen on the LAN, for printers configured without an explicit model.
_SERIAL_PREFIX_MODEL = {
    "00M": "X1C", "00W": "X1", "03W": "X1E", "01S": "P1P", "01P": "P1S",
    "030": "A1 mini", "039": "A1", "094": "H2D", "22E": "P2S",
}


def model_from_serial(serial: str | None) -> str | None:
    return _SERIAL_PREFIX_MODEL.get((serial or "")[:3].upper())


def uses_ftp_url(model: str | None) -> bool:
    """H2-series printers fetch the project by an ftp:// URL; older families read it from /sdcard."""
    return model is not None and model.upper().startswith("H2")


def project_url(model: str | None, file_name: str) -> str:
    return f"ftp:///{file_name}" if uses_ftp_url(model) else f"file:///sdcard/{file_name}"


class Sequence:
    """Sequence ids are strings the printer echoes; a counter per driver keeps replies apart."""

    def __init__(self, start: int = 1) -> None:
        self._counter = itertools.count(start)

    def next(self) -> str:
        return str(next(self._counter))


def get_version(seq: str) -> dict[str, Any]:
    return {"info": {"sequence_id": seq, "command": "get_version"}}


def pushall(seq: str) -> dict[str, Any]:
    return {"pushing": {"sequence_id": seq, "command": "pushall"}}


def print_command(seq: str, command: str) -> dict[str, Any]:
    return {"print": {"sequence_id": seq, "command": command}}


def gcode_line(seq: str, gcode: str) -> dict[str, Any]:
    line = gcode if gcode.endswith("\n") else gcode + "\n"
    return {"print": {"sequence_id": seq, "command": "gcode_line", "param": line}}


@dataclass(frozen=True)
class ProjectOptions:
    use_ams: bool
    ams_mapping: list[int]
    bed_levelling: bool
    timelapse: bool
    flow_cali: bool
    vibration_cali: bool
    layer_inspect: bool
    bed_type: str


def project_file(seq: str, *, model: str | None, file_name: str, plate: int, md5: str,
                 subtask_name: str, options: ProjectOptions) -> dict[str, Any]:
    return {"print": {
        "sequence_id": seq,
        "command": "project_file",
        "param": f"Metadata/plate_{plate}.gcode",
        "url": project_url(model, file_name),
        "file": file_name,
        "md5": md5,
        "subtask_name": subtask_name,
        "bed_type": options.bed_type,
        "timelapse": options.timelapse,
        "bed_leveling": options.bed_levelling,
        "flow_cali": options.flow_cali,
        "vibration_cali": options.vibration_cali,
        "layer_inspect": options.layer_inspect,
        "use_ams": options.use_ams,
        "ams_mapping": list(options.ams_mapping),
        "profile_id": "0",
        "project_id": "0",
        "subtask_id": "0",
        "task_id": "0",
    }}


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def decode(raw: bytes | bytearray | str) -> dict[str, Any] | None:
    """A report as a dict, or None for anything that is not a JSON object (noise, truncation)."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


@dataclass(frozen=True)
class Reply:
    command: str
    sequence_id: str
    ok: bool
    reason: str
    locked: bool  # refused because Developer LAN mode is off


def reply_of(doc: dict[str, Any]) -> Reply | None:
    """The command reply inside a report, if it is one (push_status reports are not replies)."""
    for body in doc.values():
        if not isinstance(body, dict):
            continue
        command = body.get("command")
        seq = body.get("sequence_id")
        if not isinstance(command, str) or command == "push_status" or seq is None:
            continue
        result = str(body.get("result", "success")).lower()
        reason = str(body.get("reason", "") or "")
        err_code = body.get("err_code")
        locked = err_code in DEVELOPER_MODE_ERR_CODES or "verify failed" in reason.lower()
        ok = result == "success" and not locked
        return Reply(command=command, sequence_id=str(seq), ok=ok, reason=reason, locked=locked)
    return None


def render_print_error(code: int) -> str:
    """`0300_400C` style, as the printer's screen and Bambu's wiki show it."""
    text = f"{code & 0xFFFFFFFF:08X}"
    return f"{text[:4]}_{text[4:]}"


def render_hms(attr: int, code: int) -> str:
    parts = (attr >> 16, attr & 0xFFFF, code >> 16, code & 0xFFFF)
    return "HMS_" + "_".join(f"{p & 0xFFFF:04X}" for p in parts)


def hms_severity(code: int) -> str:
    return HMS_SEVERITY.get(code >> 16, "unknown")
