"""Klipper's side of a simulated printer: Klippy's state and its printer objects for a SimDevice.

Two simulators show the same printer: the Moonraker simulator, which answers as Moonraker would,
and the test suite's Klippy API socket, which sits behind a real Moonraker. Both read Klipper's
objects from here, so a real Moonraker and our own one report the same printer the same way.
"""

from __future__ import annotations

import copy
from typing import Any

from odind.drivers.http.sim import SimDevice

KLIPPER_VERSION = "v0.12.0-302-g87ac69363"

# Klipper's print_stats.state for each phase of a simulated job.
_PHASE_STATE = {"printing": "printing", "paused": "paused", "complete": "complete",
                "cancelled": "cancelled", "error": "error"}


def klippy_state(device: SimDevice, *, connected: bool = True) -> dict[str, str]:
    """Klippy's `webhooks` object: a print fault shuts Klipper down, as a heater or MCU error does."""
    if not connected:
        return {"state": "disconnected", "state_message": "Klippy Disconnected"}
    device.update()
    job = device.job
    reason = job.fault if job is not None and job.phase == "error" else None
    if reason is None:
        return {"state": "ready", "state_message": "Printer is ready"}
    return {"state": "shutdown", "state_message": (
        f"{reason}\nOnce the underlying issue is corrected, use the\n\"FIRMWARE_RESTART\" command to "
        "reset the firmware, reload the\nconfig, and restart the host software.\nPrinter is shutdown")}


def printer_objects(device: SimDevice, *, gcodes_dir: str) -> dict[str, dict[str, Any]]:
    """The printer objects a Klipper printer with a virtual SD card reports, in Klipper's shapes."""
    device.update()
    job = device.job
    now = device.now()
    state = _PHASE_STATE[job.phase] if job is not None else "standby"
    progress = device.progress()
    size = job.path.stat().st_size if job is not None and job.path.exists() else 0
    return {
        "print_stats": {
            "filename": job.name if job is not None else "",
            "total_duration": device.elapsed_s(),
            "print_duration": device.elapsed_s(),
            "filament_used": round(progress * 1500.0, 2),
            "state": state,
            "message": (job.fault or "") if job is not None else "",
            "info": {"total_layer": None, "current_layer": None},
        },
        "virtual_sdcard": {
            "file_path": f"{gcodes_dir}/{job.name}" if job is not None else None,
            "progress": progress,
            "is_active": state == "printing",
            "file_position": round(size * progress),
            "file_size": size,
        },
        "pause_resume": {"is_paused": state == "paused"},
        "extruder": {"temperature": device.nozzle.actual(now), "target": device.nozzle.target,
                     "power": 0.4 if device.nozzle.target else 0.0, "pressure_advance": 0.04,
                     "smooth_time": 0.04},
        "heater_bed": {"temperature": device.bed.actual(now), "target": device.bed.target,
                       "power": 0.3 if device.bed.target else 0.0},
        "display_status": {"progress": progress, "message": None},
        "webhooks": klippy_state(device),
    }


def select(objects: dict[str, dict[str, Any]], wanted: dict[str, list[str] | None]) -> dict[str, dict[str, Any]]:
    """The asked-for objects and fields (None: all of them); unknown ones are left out, as Klippy does."""
    return {name: dict(objects[name]) if fields is None else
            {key: objects[name][key] for key in fields if key in objects[name]}
            for name, fields in wanted.items() if name in objects}


def unsent(status: dict[str, dict[str, Any]], sent: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The fields of `status` that differ from what a subscriber was last sent, which `sent` now records:
    Klippy pushes a subscription's changes only."""
    changes: dict[str, dict[str, Any]] = {}
    for name, values in status.items():
        told = sent.setdefault(name, {})
        changed = {key: value for key, value in values.items() if told.get(key, object()) != value}
        if changed:
            changes[name] = changed
            told.update(copy.deepcopy(changed))
    return changes
