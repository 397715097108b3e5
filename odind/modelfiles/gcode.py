"""Metadata from the comments slicers write into G-code.

PrusaSlicer, SuperSlicer, Slic3r, OrcaSlicer and its forks, BambuStudio, Cura (Marlin and Griffin
headers), Simplify3D, ideaMaker, KISSlicer and Kiri:Moto all put their figures at the very top or the
very bottom, so only a window at each end is read: a multi-hundred-megabyte file costs the same as a
small one.

Nothing is guessed. A figure the file does not state, or states in a shape that cannot be right (a unit
the format never uses, a negative or absurd number, bytes that are not text), is None. Grams are only
derived when the file states what the arithmetic needs: a volume and the density, or a length, the
diameter and the density (PrusaSlicer writes 0 g when its profile has no density).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

from odind.modelfiles.colours import normalise_colour
from odind.modelfiles.durations import parse_duration
from odind.modelfiles.models import Flavour
from odind.modelfiles.simplify3d import Settings as Simplify3dSettings
from odind.modelfiles.simplify3d import read_settings as simplify3d_settings
from odind.modelfiles.slicers import classify
from odind.vocabulary import FilamentNeed

log = logging.getLogger(__name__)
T = TypeVar("T")

UNKNOWN_MATERIAL = "unknown"  # a slot the file uses without naming its material
WINDOW_BYTES = 512 * 1024  # per end; the largest config blocks seen are around 100 KiB
OBJECT_BLOCK_LIMIT = 32 * 1024 * 1024  # object definitions read past the head window, at most
OBJECT_LINE_PREFIXES = (b"EXCLUDE_OBJECT_DEFINE", b"M486")
GENERATOR_LINES = 200  # Cura writes its name after a header of up to ~30 lines; thumbnails come later

# Bounds past which a stated figure is a broken file, not a print (a 50 kg spool is already absurd).
MAX_SECONDS = 90 * 86400
MAX_GRAMS = 50_000.0
MAX_METRES = 50_000.0
MAX_CM3 = 50_000.0
MAX_LAYERS = 1_000_000
MAX_Z_MM = 5_000.0
MAX_NOZZLE_MM = 3.0
MAX_DENSITY = 20.0
MAX_DIAMETER_MM = 5.0
MAX_SLOTS = 64  # filament slots; a higher id is a broken file, and would size every per-slot list
VOLUME_TOLERANCE = 0.05  # a stated volume must agree with length x cross-section this closely

_LIST_SPLIT = re.compile(r"[;,]")
_GENERATED_BY = re.compile(
    r"^;\s*(?:G-Code\s+)?generated\s+by\s+(?P<name>.+?)(?:\(R\))?\s+(?:Version\s+)?(?P<version>v?\d[\w.+\-]*)",
    re.IGNORECASE,
)
_GENERATED_WITH = re.compile(r"^;\s*Generated with\s+(?P<name>\S+)\s+(?P<version>\S+)", re.IGNORECASE)
_BAMBU = re.compile(r"^;\s*(?P<name>BambuStudio)\s+(?P<version>\d[\d.]*)\s*$")
_KISSLICER = re.compile(r"^;\s*KISSlicer\b")
_KISSLICER_VERSION = re.compile(r"^;\s*version\b.*?(?P<version>\d+\.\d+\.\d+)")
_KISSLICER_EXTRUDER = re.compile(r"^ext #?(\d{1,4})$")
_KISSLICER_USED = re.compile(r"^([0-9.]+)\s*mm\s*\(([0-9.]+)\s*cm\^3\)$")
_KIRIMOTO_FIGURE = re.compile(r"^; --- (filament used|print time): ([0-9.]+) ?(mm|s) ---\s*$")
_SLIC3R_LENGTH = re.compile(r"([0-9.]+)mm\b")
_SLIC3R_VOLUME = re.compile(r"\(([0-9.]+)cm3\)")
_MINUTES = re.compile(r"^([0-9.]+)\s*minutes$")
_SLICED_BY = re.compile(r"^;\s*Sliced by\s+(?P<name>ideaMaker)\s+(?P<version>\d[\d.]*)", re.IGNORECASE)
_M73_REMAINING = re.compile(r"^M73\s+P0*(?:\.0+)?\s+R(\d+)", re.IGNORECASE)
_LAYER_Z = re.compile(r"^;\s*(?:Z|Z_HEIGHT)\s*:\s*([0-9.]+)\s*$")
_S3D_LAYER = re.compile(r"^; layer (\d+), Z = ([0-9.]+)\s*$")
_IDEAMAKER_OBJECT = re.compile(r"^;PRINTING: (.+)$")
_EXCLUDE_OBJECT = re.compile(r"^EXCLUDE_OBJECT_DEFINE\s+NAME=(\S+)", re.IGNORECASE)
_M486_NAME = re.compile(r'^M486\s[^;]*?A"?([^";]+)', re.IGNORECASE)
_CURA_MESH = re.compile(r"^;MESH:(.+)$")
_PRUSA_OBJECT = re.compile(r"^; printing object (.+)$")
_CURA_USED = re.compile(r"^\s*([0-9.eE+-]+)\s*(m|mm3)\s*$")
_GRIFFIN_VOLUME = re.compile(r"^extruder_train\.(\d{1,4})\.material\.volume_used$")
_IDEAMAKER_USED = re.compile(r"^material#(\d{1,4}) used$")
_IDEAMAKER_INDEXED = re.compile(r"^filament (type|density|diameter) #(\d{1,4})$")
_LEADING_NUMBER = re.compile(r"^\s*([0-9.eE+-]+)\s*(\S+)")
_DIGITS = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


@dataclass
class GcodeFacts:
    """Everything the comments say; None / empty where a slicer did not say it."""

    flavour: Flavour = "unknown"
    slicer: str | None = None
    slicer_version: str | None = None
    print_time_s: int | None = None
    filaments: list[FilamentNeed] = field(default_factory=list)
    lengths_m: list[float | None] = field(default_factory=list)
    volumes_cm3: list[float | None] = field(default_factory=list)
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
            or any(length is not None for length in self.lengths_m)
            or any(volume is not None for volume in self.volumes_cm3)
        )


def read_ends(path: Path, window: int = WINDOW_BYTES) -> tuple[str, str]:
    """The first and last `window` bytes as text, cut at line boundaries; the tail is '' for small files.

    A head window that ends inside the block of object definitions (thousands of labelled objects)
    is extended to the end of that block, so the object count is never cut short.
    """
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        if size <= 2 * window:
            return handle.read().decode("utf-8", errors="replace"), ""
        head = _whole_object_block(handle, handle.read(window))
        handle.seek(size - window)
        tail = handle.read(window)
    head = head[: head.rfind(b"\n") + 1]
    tail = tail[tail.find(b"\n") + 1 :]
    return head.decode("utf-8", errors="replace"), tail.decode("utf-8", errors="replace")


def _whole_object_block(handle: BinaryIO, head: bytes) -> bytes:
    complete = head[: head.rfind(b"\n")]
    if not complete[complete.rfind(b"\n") + 1 :].startswith(OBJECT_LINE_PREFIXES):
        return head
    chunks = [head]
    pending = head[head.rfind(b"\n") + 1 :]
    read = 0
    while read < OBJECT_BLOCK_LIMIT:
        chunk = handle.read(WINDOW_BYTES)
        if not chunk:
            break
        read += len(chunk)
        chunks.append(chunk)
        lines = (pending + chunk).split(b"\n")
        pending = lines[-1]
        if any(not line.startswith(OBJECT_LINE_PREFIXES) for line in lines[:-1]):
            break
    return b"".join(chunks)


def _comment_pairs(lines: Iterable[str]) -> dict[str, str]:
    """`; key = value` and `;key: value` comments, first occurrence wins, keys lower-cased."""
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


def _number(text: str | None, limit: float) -> float | None:
    """A finite number in [0, limit], or None: a negative or absurd figure is no figure."""
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= limit else None


def _split(value: str | None) -> list[str]:
    return [] if value is None else [item.strip() for item in _LIST_SPLIT.split(value)]


def _numbers(value: str | None, limit: float) -> list[float | None]:
    return [_number(item, limit) for item in _split(value)]


def _first(values: list[float | None]) -> float | None:
    return next((value for value in values if value is not None), None)


def _positive(values: list[float | None], index: int) -> float | None:
    value = values[index] if index < len(values) else None
    return value if value else None


def _int(value: str | None, limit: int) -> int | None:
    number = _number(value, limit)
    return int(number) if number is not None else None


def material_name(value: str | None) -> str:
    """Upper-case material as slicers spell it ("PLA", "PETG-CF"), or UNKNOWN_MATERIAL."""
    return value.strip().upper() if value and value.strip() else UNKNOWN_MATERIAL


def _generator(head_lines: list[str], pairs: dict[str, str]) -> tuple[str | None, str | None]:
    for number, line in enumerate(head_lines[:GENERATOR_LINES]):
        if not line.startswith(";"):
            continue
        if _KISSLICER.match(line):  # "; KISSlicer - FREE", its version two lines further down
            versions = (m["version"] for later in head_lines[number + 1 : number + 6]
                        if (m := _KISSLICER_VERSION.match(later)))
            return "KISSlicer", next(versions, None)
        match = (
            _GENERATED_BY.match(line) or _BAMBU.match(line) or _GENERATED_WITH.match(line)
            or _SLICED_BY.match(line)
        )
        if match:
            return match["name"].strip(), match["version"]
    name = pairs.get("generator.name")  # Cura's Griffin header
    return (name, pairs.get("generator.version")) if name else (None, None)


def _print_time(pairs: dict[str, str], lines: list[str], kirimoto: dict[str, float]) -> int | None:
    if "print time" in kirimoto:
        return _int(str(kirimoto["print time"]), MAX_SECONDS)
    for key in ("calculated-during-export build time", "estimated build time"):  # KISSlicer, in minutes
        if match := _MINUTES.match(pairs.get(key, "")):
            minutes = _number(match[1], MAX_SECONDS / 60)
            return None if minutes is None else round(minutes * 60)
    for key in ("total estimated time", "estimated printing time (normal mode)", "estimated printing time",
                "build time"):
        seconds = parse_duration(pairs.get(key, ""))
        if seconds is not None:
            return seconds if seconds <= MAX_SECONDS else None
    for key in ("print.time", "time", "print time"):  # Griffin, Cura Marlin, ideaMaker: plain seconds
        value = pairs.get(key, "")
        if _DIGITS.match(value):
            return _int(value, MAX_SECONDS)
    for line in lines:
        match = _M73_REMAINING.match(line)
        if match:
            minutes = _int(match[1], MAX_SECONDS // 60)
            return None if minutes is None else minutes * 60
    return None


@dataclass
class _Stated:
    """Per-slot figures as the file states them, keyed by 1-based slot."""

    lengths_mm: dict[int, float | None] = field(default_factory=dict)
    volumes_cm3: dict[int, float | None] = field(default_factory=dict)
    grams: dict[int, float | None] = field(default_factory=dict)
    total_grams: float | None = None  # stated for the whole print where the per-slot split is not

    def slots(self) -> set[int]:
        return set(self.lengths_mm) | set(self.volumes_cm3) | set(self.grams)


def _aligned(values: list[float | None]) -> dict[int, float | None]:
    return {slot: value for slot, value in enumerate(values, start=1)}


def _used_slots(pairs: dict[str, str], count: int, project_slots: int, hint: list[int] | None) -> list[int] | None:
    """Slots a Bambu header's figures belong to: its `; filament: 1,4` list, else the slots the
    surrounding project says the plate uses (`hint`), else only when unambiguous."""
    listed = [_int(item, MAX_SLOTS) for item in _split(pairs.get("filament"))]
    if listed:
        if all(slot for slot in listed) and len(listed) == count:
            return [slot for slot in listed if slot]
        log.info("slot list %r does not fit %d header figures; per-slot use unknown", pairs["filament"], count)
        return None
    if hint is not None and len(hint) == count:
        return hint
    if count == max(project_slots, 1):
        return list(range(1, count + 1))
    log.info("header figures for %d filaments but %d slots and no slot list; per-slot use unknown",
             count, project_slots)
    return None


def _with_unit(value: str | None, unit: str, limit: float) -> float | None:
    """Simplify3D's "3542.7 mm (3.54 m)": the first number, only when it carries the expected unit."""
    match = _LEADING_NUMBER.match(value or "")
    return _number(match[1], limit) if match and match[2].lower() == unit else None


def _stated(pairs: dict[str, str], project_slots: int, hint: list[int] | None, dialect: _Dialect) -> _Stated:
    stated = _Stated()
    s3d = dialect.s3d
    if any(key in pairs for key in ("filament used [mm]", "filament used [g]", "filament used [cm3]")):
        stated.lengths_mm = _aligned(_numbers(pairs.get("filament used [mm]"), MAX_METRES * 1000))
        stated.volumes_cm3 = _aligned(_numbers(pairs.get("filament used [cm3]"), MAX_CM3))
        stated.grams = _aligned(_numbers(pairs.get("filament used [g]"), MAX_GRAMS))
        return stated
    bambu = {
        "lengths_mm": _numbers(pairs.get("total filament length [mm]"), MAX_METRES * 1000),
        "volumes_cm3": _numbers(pairs.get("total filament volume [cm^3]"), MAX_CM3),
        "grams": _numbers(pairs.get("total filament weight [g]"), MAX_GRAMS),
    }
    count = max(len(values) for values in bambu.values())
    if count:
        slots = _used_slots(pairs, count, project_slots, hint)
        if slots is not None:
            for name, values in bambu.items():
                setattr(stated, name, dict(zip(slots, values, strict=False)))
        return stated
    if dialect.flavour == "slic3r":
        return _slic3r_figures(pairs.get("filament used", ""))
    if "filament used" in dialect.kirimoto:
        stated.lengths_mm[1] = _number(str(dialect.kirimoto["filament used"]), MAX_METRES * 1000)
        return stated
    if "filament used" in pairs:  # Cura Marlin flavour: "8.36m", "1.2m, 0m", or mm3 in volumetric mode
        for slot, item in enumerate(_split(pairs["filament used"]), start=1):
            match = _CURA_USED.match(item)
            if match is None:
                stated.lengths_mm[slot] = None
            elif match[2] == "m":
                metres = _number(match[1], MAX_METRES)
                stated.lengths_mm[slot] = None if metres is None else metres * 1000
            else:
                cubic = _number(match[1], MAX_CM3 * 1000)
                stated.volumes_cm3[slot] = None if cubic is None else cubic / 1000
        return stated
    for key, value in pairs.items():
        if (match := _GRIFFIN_VOLUME.match(key)) and int(match[1]) < MAX_SLOTS:
            cubic = _number(value, MAX_CM3 * 1000)
            stated.volumes_cm3[int(match[1]) + 1] = None if cubic is None else cubic / 1000
        elif (match := _IDEAMAKER_USED.match(key)) and 0 < int(match[1]) <= MAX_SLOTS:
            stated.lengths_mm[int(match[1])] = _number(value, MAX_METRES * 1000)
        elif (match := _KISSLICER_EXTRUDER.match(key)) and 0 < int(match[1]) <= MAX_SLOTS:
            used = _KISSLICER_USED.match(value)
            stated.lengths_mm[int(match[1])] = _number(used[1], MAX_METRES * 1000) if used else None
            stated.volumes_cm3[int(match[1])] = _number(used[2], MAX_CM3) if used else None
    if stated.slots():
        return stated
    if s3d is not None and any(key in pairs for key in ("filament length", "plastic volume", "plastic weight")):
        _simplify3d_figures(pairs, s3d, stated)
    return stated


def _slic3r_figures(value: str) -> _Stated:
    """Slic3r's "1482.1mm, 34.4mm (3.6cm3)": a length per extruder, and one volume for them all."""
    stated = _Stated()
    head, _, _ = value.partition("(")
    for slot, item in enumerate(_SLIC3R_LENGTH.findall(head)[:MAX_SLOTS], start=1):
        stated.lengths_mm[slot] = _number(item, MAX_METRES * 1000)
    volume = _SLIC3R_VOLUME.search(value)
    if volume and len(stated.lengths_mm) == 1:
        stated.volumes_cm3[1] = _number(volume[1], MAX_CM3)
    return stated


def _simplify3d_figures(pairs: dict[str, str], s3d: Simplify3dSettings, stated: _Stated) -> None:
    """The Build Summary's totals on the slot that printed them; per slot unknown when several did."""
    length = _with_unit(pairs.get("filament length"), "mm", MAX_METRES * 1000)
    cubic = _with_unit(pairs.get("plastic volume"), "mm^3", MAX_CM3 * 1000)
    grams = _with_unit(pairs.get("plastic weight"), "g", MAX_GRAMS)
    if s3d.slot is None:
        stated.total_grams = grams
        for slot in range(1, s3d.extruders + 1):
            stated.lengths_mm[slot] = stated.volumes_cm3[slot] = stated.grams[slot] = None
        return
    for slot in range(1, s3d.slot):  # the summary's extruder is the only one that prints
        stated.lengths_mm[slot] = stated.volumes_cm3[slot] = stated.grams[slot] = 0.0
    stated.lengths_mm[s3d.slot] = length
    stated.volumes_cm3[s3d.slot] = None if cubic is None else cubic / 1000
    stated.grams[s3d.slot] = grams


def _indexed(pairs: dict[str, str], kind: str) -> str | None:
    """ideaMaker's per-extruder "Filament Density #1: 1.24" lines, joined like a slicer list."""
    found = {int(m[2]): value for key, value in pairs.items()
             if (m := _IDEAMAKER_INDEXED.match(key)) and m[1] == kind and 0 < int(m[2]) <= MAX_SLOTS}
    return ",".join(found.get(slot, "") for slot in range(1, max(found) + 1)) if found else None


def _consistent_volume(volume: float | None, length_mm: float | None, diameter: float | None) -> float | None:
    """Drop a volume that disagrees with length x cross-section (BambuStudio labels mm^3 as cm^3)."""
    if volume is None or length_mm is None or diameter is None:
        return volume
    expected = length_mm * math.pi * (diameter / 2) ** 2 / 1000
    return volume if abs(volume - expected) <= VOLUME_TOLERANCE * expected + 0.01 else None


def _grams(stated: float | None, volume: float | None, length_mm: float | None,
           density: float | None, diameter: float | None) -> float | None:
    if stated:
        return stated
    derived = None
    if volume is not None and density:
        derived = round(volume * density, 2)
    elif length_mm is not None and density and diameter:
        derived = round(length_mm * math.pi * (diameter / 2) ** 2 * density / 1000, 2)
    elif stated == 0 and not (length_mm or volume):
        return 0.0
    return derived if derived is not None and derived <= MAX_GRAMS else None


@dataclass
class _Dialect:
    """What one slicer states in a shape of its own, read before the shared parsing."""

    flavour: Flavour
    s3d: Simplify3dSettings | None = None
    kirimoto: dict[str, float] = field(default_factory=dict)  # its "; --- print time: 806s ---" lines


def _kirimoto_figures(lines: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for line in lines:
        if line.startswith("; --- ") and (match := _KIRIMOTO_FIGURE.match(line)):
            value = _number(match[2], MAX_SECONDS if match[1] == "print time" else MAX_METRES * 1000)
            if value is not None:
                figures.setdefault(match[1], value)
    return figures


@dataclass
class _Filaments:
    needs: list[FilamentNeed]
    lengths_m: list[float | None]
    volumes_cm3: list[float | None]
    total_grams: float | None


def _filaments(pairs: dict[str, str], hint: list[int] | None, dialect: _Dialect) -> _Filaments:
    s3d = dialect.s3d
    types = _split(pairs.get("filament_type") or _indexed(pairs, "type"))[:MAX_SLOTS]
    if s3d is not None and s3d.slot is not None and s3d.material:
        types = [""] * (s3d.slot - 1) + [s3d.material]
    colours = _split(pairs.get("filament_colour"))
    densities = _numbers(pairs.get("filament_density") or _indexed(pairs, "density"), MAX_DENSITY)
    diameters = _numbers(pairs.get("filament_diameter") or _indexed(pairs, "diameter"), MAX_DIAMETER_MM)
    stated = _stated(pairs, len(types), hint, dialect)
    used = stated.slots()
    count = max(len(types), max(used, default=0))
    needs: list[FilamentNeed] = []
    lengths: list[float | None] = []
    volumes: list[float | None] = []
    bambu_listed = "filament" in pairs and "total filament weight [g]" in pairs
    for slot in range(1, count + 1):
        length = stated.lengths_mm.get(slot)
        volume = stated.volumes_cm3.get(slot)
        grams = stated.grams.get(slot)
        if bambu_listed and used and slot not in used:
            length, volume, grams = 0.0, 0.0, 0.0  # the slot list says this slot prints nothing
        density = _positive(densities, slot - 1)
        diameter = _positive(diameters, slot - 1)
        volume = _consistent_volume(volume, length, diameter)
        needs.append(FilamentNeed(
            material=material_name(types[slot - 1] if slot <= len(types) else None),
            colour=normalise_colour(colours[slot - 1] if slot <= len(colours) else None),
            grams=_grams(grams, volume, length, density, diameter),
        ))
        lengths.append(None if length is None else round(length / 1000, 6))
        volumes.append(None if volume is None else round(volume, 6))
    in_use = [bool(n.grams or length or volume) for n, length, volume in zip(needs, lengths, volumes, strict=True)]
    if any(in_use):
        keep = max(i for i, flag in enumerate(in_use) if flag) + 1
        needs, lengths, volumes = needs[:keep], lengths[:keep], volumes[:keep]
    return _Filaments(needs, lengths, volumes, stated.total_grams)


def _objects(pairs: dict[str, str], lines: list[str]) -> list[str]:
    """Object labels, each once, in file order; dict keys keep this linear in the number of objects."""
    info = pairs.get("objects_info")
    if info:
        try:
            return list(dict.fromkeys(str(obj.get("name", "")) for obj in json.loads(info).get("objects", [])))
        except (ValueError, AttributeError, TypeError, RecursionError):
            log.debug("objects_info is not the JSON PrusaSlicer writes; ignored")
    names: dict[str, None] = {}
    meshes: dict[str, None] = {}  # Cura's ;MESH: and PrusaSlicer's "; printing object", seen per layer
    for line in lines:
        first = line[:1]
        if first in ("E", "e") and (match := _EXCLUDE_OBJECT.match(line)):
            names[match[1].strip("'\"")] = None
        elif first in ("M", "m") and (match := _M486_NAME.match(line)):
            names[match[1].strip()] = None
        elif first == ";" and line.startswith(";MESH:") and (match := _CURA_MESH.match(line)):
            if match[1] != "NONMESH":
                meshes[match[1].strip()] = None
        elif first == ";" and line.startswith("; printing object ") and (match := _PRUSA_OBJECT.match(line)):
            meshes[match[1].strip()] = None
    if names:
        return list(names)
    if meshes:
        return list(meshes)
    return [f"label {label}" for label in dict.fromkeys(_split(pairs.get("model label id"))) if label.isdigit()]


def _max_z(pairs: dict[str, str], tail_lines: list[str]) -> float | None:
    for key in ("max_z_height", "print.size.max.z", "maxz"):
        stated = _number(pairs.get(key), MAX_Z_MM)
        if stated is not None:
            return stated
    box = (pairs.get("bounding box") or "").split()  # ideaMaker: "xmin xmax ymin ymax zmin zmax"
    if len(box) == 6 and (top := _number(box[5], MAX_Z_MM)) is not None:
        return top
    layer = _last_simplify3d_layer(tail_lines)
    if layer is not None:
        return layer[1]
    heights = [h for line in tail_lines if line.startswith(";") and (m := _LAYER_Z.match(line))
               if (h := _number(m[1], MAX_Z_MM)) is not None]
    return max(heights) if heights else None


def _last_simplify3d_layer(lines: list[str]) -> tuple[int, float] | None:
    """Simplify3D's last "; layer 49, Z = 12.000" marker: its number is the layer count."""
    for line in reversed(lines):
        if line.startswith("; layer ") and (match := _S3D_LAYER.match(line)):
            number, height = _int(match[1], MAX_LAYERS), _number(match[2], MAX_Z_MM)
            return (number, height) if number is not None and height is not None else None
    return None


def _ideamaker_objects(pairs: dict[str, str], lines: list[str]) -> list[str]:
    """ideaMaker's ";PRINTING: name" per object and layer, trusted only when ";TOTAL_NUM:" agrees."""
    names = dict.fromkeys(match[1].strip() for line in lines
                          if line.startswith(";PRINTING: ") and (match := _IDEAMAKER_OBJECT.match(line)))
    names.pop("NON-OBJECT", None)
    total = _int(pairs.get("total_num"), MAX_LAYERS)
    return list(names) if total is None or total == len(names) else []


def _nozzle(pairs: dict[str, str]) -> float | None:
    for key in ("nozzle_diameter", "extruder_train.0.nozzle.diameter", "nozzle_dia_1"):  # KISSlicer: _1
        value = _first(_numbers(pairs.get(key), MAX_NOZZLE_MM))
        if value:
            return value
    dimension = (pairs.get("dimension") or "").split()  # ideaMaker: "x y z nozzle ..."
    value = _number(dimension[3], MAX_NOZZLE_MM) if len(dimension) > 3 else None
    return value or None


def parse_gcode_text(head: str, tail: str = "", used_slots: list[int] | None = None) -> GcodeFacts:
    """Facts from the two ends of a G-code file; never raises on odd content.

    `used_slots` are the filament slots a 3MF's slice_info says the plate prints with, for a header
    that lists per-filament figures without saying which slots they belong to.
    """
    head_lines = head.splitlines()
    tail_lines = tail.splitlines()
    lines = head_lines + tail_lines
    pairs = _comment_pairs(lines)
    slicer, version = _generator(head_lines, pairs)
    flavour = classify(slicer)
    s3d = simplify3d_settings(head_lines) if flavour == "simplify3d" else None
    dialect = _Dialect(flavour, s3d, _kirimoto_figures(tail_lines or head_lines) if flavour == "kirimoto" else {})
    filaments = _filaments(pairs, used_slots, dialect)
    grams = [need.grams for need in filaments.needs]
    total = _number(pairs.get("total filament used [g]"), MAX_GRAMS) or filaments.total_grams
    if total is None and grams and all(g is not None for g in grams):
        total = round(sum(g for g in grams if g is not None), 2)
    layer_count = next(
        (count for key in ("total layers count", "total layer number", "layer_count")
         if (count := _int(pairs.get(key), MAX_LAYERS)) is not None),
        None,
    )
    if layer_count is None and s3d is not None and (layer := _last_simplify3d_layer(tail_lines or head_lines)):
        layer_count = layer[0]
    objects = s3d.objects if s3d is not None and s3d.objects else _objects(pairs, head_lines)
    if not objects and flavour == "ideamaker":
        objects = _ideamaker_objects(pairs, head_lines)
    nozzle = _number(s3d.nozzle_mm, MAX_NOZZLE_MM) if s3d is not None and s3d.nozzle_mm else None
    return GcodeFacts(
        flavour=flavour,
        slicer=slicer,
        slicer_version=version,
        print_time_s=_print_time(pairs, lines, dialect.kirimoto),
        filaments=filaments.needs,
        lengths_m=filaments.lengths_m,
        volumes_cm3=filaments.volumes_cm3,
        total_grams=total,
        printer_model=pairs.get("printer_model") or pairs.get("target_machine.name") or None,
        nozzle_diameter=nozzle or _nozzle(pairs),
        layer_count=layer_count,
        max_z_mm=_max_z(pairs, tail_lines or head_lines),
        objects=objects,
    )
