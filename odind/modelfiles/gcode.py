"""Metadata from the comments slicers write into G-code (PrusaSlicer, OrcaSlicer, BambuStudio, Cura).

Slicers put the figures at the very top (Bambu/Orca header block, Cura) or the very bottom
(PrusaSlicer/Orca statistics and config block), so only a window at each end is read: a
multi-hundred-megabyte file costs the same as a small one.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from odind.modelfiles.colours import normalise_colour
from odind.modelfiles.durations import parse_duration
from odind.modelfiles.models import Flavour
from odind.vocabulary import FilamentNeed

log = logging.getLogger(__name__)
T = TypeVar("T")

UNKNOWN_MATERIAL = "unknown"  # a slot the file uses without naming its material
WINDOW_BYTES = 512 * 1024  # per end; the largest config blocks seen are around 100 KiB
_FILAMENT_DIAMETER_MM = 1.75
_DEFAULT_DENSITY_G_CM3 = 1.24
_GENERATORS: tuple[tuple[str, Flavour], ...] = (
    ("prusaslicer", "prusaslicer"),
    ("orcaslicer", "orcaslicer"),
    ("bambustudio", "bambustudio"),
)
_M73_REMAINING = re.compile(r"^M73\s+P0*(?:\.0+)?\s+R(\d+)", re.IGNORECASE)
_LAYER_Z = re.compile(r"^;\s*(?:Z|Z_HEIGHT)\s*:\s*([0-9.]+)\s*$")
_EXCLUDE_OBJECT = re.compile(r"^EXCLUDE_OBJECT_DEFINE\s+NAME=(\S+)", re.IGNORECASE)
_CURA = re.compile(r"^;(TIME|LAYER_COUNT):(.*)$")
_LIST_SPLIT = re.compile(r"[;,]")


@dataclass
class GcodeFacts:
    """Everything the comments say; None / empty where a slicer did not say it."""

    flavour: Flavour = "unknown"
    print_time_s: int | None = None
    filaments: list[FilamentNeed] = field(default_factory=list)
    total_grams: float | None = None
    printer_model: str | None = None
    nozzle_diameter: float | None = None
    layer_count: int | None = None
    max_z_mm: float | None = None
    objects: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return (
            self.print_time_s is not None
            or self.total_grams is not None
            or any(f.grams is not None for f in self.filaments)
        )


def read_ends(path: Path, window: int = WINDOW_BYTES) -> tuple[str, str]:
    """The first and last `window` bytes as text, cut at line boundaries; the tail is '' for small files."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        if size <= 2 * window:
            return handle.read().decode("utf-8", errors="replace"), ""
        head = handle.read(window)
        handle.seek(size - window)
        tail = handle.read(window)
    head = head[: head.rfind(b"\n") + 1]
    tail = tail[tail.find(b"\n") + 1 :]
    return head.decode("utf-8", errors="replace"), tail.decode("utf-8", errors="replace")


def _comment_pairs(lines: list[str]) -> dict[str, str]:
    """`; key = value` and `; key: value` comments, first occurrence wins, keys lower-cased."""
    pairs: dict[str, str] = {}
    for line in lines:
        if not line.startswith(";"):
            continue
        body = line.lstrip(";").strip()
        if " = " in body or body.endswith(" ="):
            key, _, value = body.partition("=")
            pairs.setdefault(key.strip().lower(), value.strip())
        elif ":" in body:
            # Bambu joins two pairs on one line: "model printing time: 14m 25s; total estimated time: 20m"
            for part in body.split(";"):
                key, sep, value = part.partition(":")
                if sep:
                    pairs.setdefault(key.strip().lower(), value.strip())
    return pairs


def _split(value: str | None) -> list[str]:
    if value is None:
        return []
    return [item.strip() for item in _LIST_SPLIT.split(value)]


def _floats(value: str | None) -> list[float | None]:
    result: list[float | None] = []
    for item in _split(value):
        try:
            result.append(float(item))
        except ValueError:
            result.append(None)
    return result


def _first_float(value: str | None) -> float | None:
    return next((number for number in _floats(value) if number is not None), None)


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def _at(values: list[T], index: int) -> T | None:
    return values[index] if index < len(values) else None


def _grams(pairs: dict[str, str]) -> list[float | None]:
    """Per-filament grams, straight from the file or derived from volume or length and density.

    PrusaSlicer writes 0.00 g when the profile has no density, so all-zero weights fall through.
    """
    for key in ("filament used [g]", "total filament weight [g]"):
        stated = _floats(pairs.get(key))
        if any(grams for grams in stated):
            return stated
    densities = _floats(pairs.get("filament_density"))
    if "filament used [cm3]" in pairs:
        volumes = _floats(pairs["filament used [cm3]"])
        return [
            None if cm3 is None else round(cm3 * (_at(densities, i) or _DEFAULT_DENSITY_G_CM3), 2)  # type: ignore[arg-type]  # a missing density is None; `or` falls back
            for i, cm3 in enumerate(volumes)
        ]
    lengths = _floats(pairs.get("filament used [mm]") or pairs.get("total filament length [mm]"))
    diameters = _floats(pairs.get("filament_diameter"))
    grams: list[float | None] = []
    for i, length in enumerate(lengths):
        if length is None:
            grams.append(None)
            continue
        radius = (_at(diameters, i) or _FILAMENT_DIAMETER_MM) / 2
        density = _at(densities, i) or _DEFAULT_DENSITY_G_CM3
        grams.append(round(length * math.pi * radius**2 * density / 1000.0, 2))
    return grams


def material_name(value: str | None) -> str:
    """Upper-case material as slicers spell it ("PLA", "PETG-CF"), or UNKNOWN_MATERIAL."""
    return value.strip().upper() if value and value.strip() else UNKNOWN_MATERIAL


def build_filaments(
    types: list[str], colours: list[str], grams: list[float | None], total: float | None = None
) -> list[FilamentNeed]:
    """Slicer-ordered needs; unused slots after the last used one are dropped, earlier ones kept."""
    count = max(len(types), len(grams), len(colours) if (types or grams) else 0)
    if count == 0 and total is not None:
        count = 1
    if count == 1 and not any(g is not None for g in grams) and total is not None:
        grams = [total]
    needs = [
        FilamentNeed(
            material=material_name(_at(types, i)),
            colour=normalise_colour(_at(colours, i)),
            grams=_at(grams, i),
        )
        for i in range(count)
    ]
    if any((need.grams or 0) > 0 for need in needs):
        while needs and not needs[-1].grams:
            needs.pop()
    return needs


def _flavour(head_lines: list[str]) -> Flavour:
    for line in head_lines[:40]:
        if not line.startswith(";"):
            continue
        lowered = line.lower()
        for marker, flavour in _GENERATORS:
            if marker in lowered:
                return flavour
    return "unknown"


def _objects(pairs: dict[str, str], lines: list[str]) -> list[str]:
    info = pairs.get("objects_info")
    if info:
        try:
            return [str(obj.get("name", "")) for obj in json.loads(info).get("objects", [])]
        except (ValueError, AttributeError, TypeError):
            log.debug("objects_info is not the JSON PrusaSlicer writes; ignored")
    names = []
    for line in lines:
        match = _EXCLUDE_OBJECT.match(line)
        if match and match[1] not in names:
            names.append(match[1].strip("'\""))
    return names


def _print_time(pairs: dict[str, str], cura: dict[str, str], lines: list[str]) -> int | None:
    for key in ("total estimated time", "estimated printing time (normal mode)", "estimated printing time"):
        seconds = parse_duration(pairs.get(key, ""))
        if seconds is not None:
            return seconds
    if cura.get("TIME", "").strip().isdigit():
        return int(cura["TIME"])
    for line in lines:
        match = _M73_REMAINING.match(line)
        if match:
            return int(match[1]) * 60
    return None


def _max_z(pairs: dict[str, str], tail_lines: list[str]) -> float | None:
    stated = _first_float(pairs.get("max_z_height"))
    if stated is not None:
        return stated
    heights = [float(m[1]) for line in tail_lines if (m := _LAYER_Z.match(line))]
    return max(heights) if heights else None


def parse_gcode_text(head: str, tail: str = "") -> GcodeFacts:
    """Facts from the two ends of a G-code file; never raises on odd content."""
    head_lines = head.splitlines()
    tail_lines = tail.splitlines()
    lines = head_lines + tail_lines
    pairs = _comment_pairs(lines)
    cura = {m[1]: m[2].strip() for line in head_lines[:60] if (m := _CURA.match(line))}
    grams = _grams(pairs)
    total = _first_float(pairs.get("total filament used [g]")) or None
    if total is None and any(g is not None for g in grams):
        total = round(sum(g for g in grams if g is not None), 2)
    layer_count = _int(pairs.get("total layers count") or pairs.get("total layer number"))
    if layer_count is None:
        layer_count = _int(cura.get("LAYER_COUNT"))
    return GcodeFacts(
        flavour=_flavour(head_lines),
        print_time_s=_print_time(pairs, cura, lines),
        filaments=build_filaments(_split(pairs.get("filament_type")), _split(pairs.get("filament_colour")),
                                  grams, total),
        total_grams=total,
        printer_model=pairs.get("printer_model") or None,
        nozzle_diameter=_first_float(pairs.get("nozzle_diameter")),
        layer_count=layer_count,
        max_z_mm=_max_z(pairs, tail_lines or head_lines),
        objects=_objects(pairs, head_lines),
    )
