"""Simplify3D's "Settings Summary": which extruder a file prints with, its material, nozzle and models.

Simplify3D states its filament figures once, for the whole print, in the "Build Summary" at the end.
Which slot they belong to comes from the settings at the top: a process prints with its primary
extruder unless `printExtruders` says otherwise, and "Both Extruders" means the total is shared
between extruders in proportions the file does not state. The summary lists the settings of the
first process only, so the models it names are the file's objects only while no other process runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SETTING = re.compile(r"^;\s{2,}(\w+),(.*)$")
_PROCESS = re.compile(r"^; process (.+)$")
_NUMBER = re.compile(r"[0-9]{1,4}")
_SUMMARY_LINES = 1000  # the summary is ~270 lines; a file without one is not searched further
MAX_TOOLHEADS = 64


@dataclass
class Settings:
    """What the summary says; `slot` is None when several extruders share the stated totals."""

    extruders: int = 1
    slot: int | None = 1  # 1-based, from the toolhead number: T0 is slot 1
    material: str | None = None
    nozzle_mm: str | None = None
    objects: list[str] = field(default_factory=list)


def read_settings(head_lines: list[str]) -> Settings:
    values: dict[str, str] = {}
    processes: dict[str, None] = {}
    for line in head_lines[:_SUMMARY_LINES]:
        if match := _SETTING.match(line):
            values.setdefault(match[1].lower(), match[2].strip())
    for line in head_lines:
        if line.startswith("; process ") and (match := _PROCESS.match(line)):
            processes[match[1].strip()] = None
    if values.get("processname"):
        processes[values["processname"]] = None
    names = [name.strip() for name in values.get("extrudername", "").split(",") if name.strip()]
    toolheads = [_small_int(item) for item in values.get("extrudertoolheadnumber", "").split(",")]
    index = _extruder_index(values, names)
    settings = Settings(extruders=max(len(names), 1))
    diameters = [item.strip() for item in values.get("extruderdiameter", "").split(",")]
    if index is None:
        settings.slot = None
        settings.nozzle_mm = diameters[0] if len(set(diameters)) == 1 else None  # alike on every extruder
    else:
        stated = toolheads[index] if index < len(toolheads) else None
        toolhead = index if stated is None else stated
        settings.slot = toolhead + 1 if toolhead < MAX_TOOLHEADS else None
        settings.nozzle_mm = diameters[index] if index < len(diameters) else None
    settings.material = values.get("printmaterial") or None
    if len(processes) <= 1:
        settings.objects = [name.strip() for name in values.get("applytomodels", "").split(",") if name.strip()]
    return settings


def _extruder_index(values: dict[str, str], names: list[str]) -> int | None:
    """Index into `extruderName` of the one extruder that prints, or None when it is not one."""
    chosen = values.get("printextruders", "").strip()
    lowered = chosen.lower()
    if lowered.startswith(("both", "all")):
        return None
    if lowered.endswith(" only"):
        name = chosen[: -len(" only")].strip()
        return names.index(name) if name in names else None
    if len(names) <= 1:
        return 0
    primary = _small_int(values.get("primaryextruder", ""))
    return primary if primary is not None and primary < len(names) else None


def _small_int(text: str) -> int | None:
    """A toolhead or extruder number: a few ASCII digits, or None (a broken or absurd figure)."""
    return int(text) if _NUMBER.fullmatch(text := text.strip()) else None
