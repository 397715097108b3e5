"""Metadata from 3MF packages: BambuStudio/OrcaSlicer sliced (.gcode.3mf), their projects, plain 3MF.

`Metadata/slice_info.config` is the authority (per-plate prediction, weight, filaments,
objects); `plate_<n>.json` and the header of `plate_<n>.gcode` fill what it leaves out. A 3MF with
no plates of its own (any other application's, or a bare model) has one plate whose objects are
the core spec's build items.
"""

from __future__ import annotations

import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from odind.modelfiles.colours import normalise_colour
from odind.modelfiles.gcode import (
    MAX_GRAMS,
    MAX_METRES,
    MAX_NOZZLE_MM,
    MAX_SECONDS,
    MAX_SLOTS,
    UNKNOWN_MATERIAL,
    GcodeFacts,
    material_name,
    parse_gcode_text,
)
from odind.modelfiles.models import Kind, ModelMetadata, PlateMetadata, UnsafeUpload
from odind.modelfiles.printer_models import BAMBU_MODEL_NAMES
from odind.modelfiles.safezip import SafeArchive
from odind.modelfiles.slicers import classify
from odind.modelfiles.xmlsafe import parse_xml
from odind.vocabulary import FilamentNeed

log = logging.getLogger(__name__)

SLICE_INFO = "Metadata/slice_info.config"
MODEL_SETTINGS = "Metadata/model_settings.config"
PROJECT_SETTINGS = "Metadata/project_settings.config"
MODEL_PART = "3D/3dmodel.model"
CONFIG_LIMIT = 4 * 1024 * 1024  # real configs are KiBs; parsed XML costs ~100x its size in memory
GCODE_HEAD = 256 * 1024  # Bambu's header and config blocks open the plate G-code
MODEL_LIMIT = 32 * 1024 * 1024  # past this the build list (after the meshes) is left unknown
_PLATE_GCODE = re.compile(r"^Metadata/plate_(\d+)\.gcode$")
_APPLICATION = re.compile(rb'<metadata\s+name="Application"\s*>([^<]*)<', re.IGNORECASE)
_APPLICATION_VERSION = re.compile(r"^(?P<name>.+?)[-_ ]v?(?P<version>\d[\w.+\-]*)$")


@dataclass
class _Plate:
    index: int
    print_time_s: int | None = None
    weight_g: float | None = None
    slots: dict[int, FilamentNeed] = field(default_factory=dict)  # slicer filament id (1-based) -> need
    lengths_m: dict[int, float | None] = field(default_factory=dict)
    objects: list[str] = field(default_factory=list)
    printer_model_id: str | None = None
    nozzle_diameter: float | None = None
    gcode: GcodeFacts | None = None


def _float(value: Any) -> float | None:
    try:
        return float(str(value).split(",")[0]) if value not in (None, "") else None
    except ValueError:
        return None


def _bounded(value: Any, limit: float) -> float | None:
    number = _float(value)
    return number if number is not None and math.isfinite(number) and 0 <= number <= limit else None


def _positive_int(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None and math.isfinite(number) and number > 0 else None


def _seconds(value: Any) -> int | None:
    seconds = _positive_int(value)
    return seconds if seconds is not None and seconds <= MAX_SECONDS else None


def _json(archive: SafeArchive, name: str) -> dict[str, Any]:
    if name not in archive.names:
        return {}
    try:
        body = json.loads(archive.read(name, CONFIG_LIMIT))
    except (ValueError, RecursionError):
        log.info("%s is not JSON; ignored", name)
        return {}
    return body if isinstance(body, dict) else {}


def _xml(archive: SafeArchive, name: str) -> ET.Element | None:
    if name not in archive.names:
        return None
    return parse_xml(archive.read(name, CONFIG_LIMIT), name)


def _metadata(element: ET.Element) -> dict[str, str]:
    return {
        item.get("key", ""): item.get("value", "")
        for item in element.findall("metadata")
        if item.get("key")
    }


def _plate_from_slice_info(element: ET.Element, position: int) -> _Plate:
    meta = _metadata(element)
    plate = _Plate(
        index=_positive_int(meta.get("index")) or position,
        print_time_s=_seconds(meta.get("prediction")),
        weight_g=_bounded(meta.get("weight"), MAX_GRAMS) or None,
        printer_model_id=meta.get("printer_model_id") or None,
        nozzle_diameter=_bounded(meta.get("nozzle_diameters"), MAX_NOZZLE_MM) or None,
    )
    plate.objects = [
        obj.get("name", "") for obj in element.findall("object") if obj.get("skipped", "false") != "true"
    ]
    for fil in element.findall("filament"):
        slot = _positive_int(fil.get("id"))
        if slot is None or slot > MAX_SLOTS:
            log.info("filament id %r in slice_info is not a slot number; ignored", fil.get("id"))
            continue
        plate.slots[slot] = FilamentNeed(
            material=material_name(fil.get("type")),
            colour=normalise_colour(fil.get("color")),
            grams=_bounded(fil.get("used_g"), MAX_GRAMS),
        )
        plate.lengths_m[slot] = _bounded(fil.get("used_m"), MAX_METRES)
    return plate


def _fill_from_json(plate: _Plate, body: dict[str, Any]) -> None:
    if plate.nozzle_diameter is None:
        plate.nozzle_diameter = _bounded(body.get("nozzle_diameter"), MAX_NOZZLE_MM) or None
    if not plate.objects and isinstance(body.get("bbox_objects"), list):
        plate.objects = [str(obj.get("name") or "") for obj in body["bbox_objects"] if isinstance(obj, dict)]


def _fill_from_gcode(plate: _Plate, facts: GcodeFacts) -> None:
    plate.gcode = facts
    if plate.print_time_s is None:
        plate.print_time_s = facts.print_time_s
    if not plate.slots:
        plate.slots = {i: need for i, need in enumerate(facts.filaments, start=1)}
    for slot, length in enumerate(facts.lengths_m, start=1):
        if plate.lengths_m.get(slot) is None and slot in plate.slots:
            plate.lengths_m[slot] = length
    for slot, need in plate.slots.items():
        stated = facts.filaments[slot - 1].grams if slot <= len(facts.filaments) else None
        if need.grams is None and stated is not None:
            plate.slots[slot] = need.model_copy(update={"grams": stated})
    if plate.weight_g is None:
        plate.weight_g = facts.total_grams
    if plate.nozzle_diameter is None:
        plate.nozzle_diameter = facts.nozzle_diameter
    if not plate.objects:
        plate.objects = facts.objects


def _ordered(slots: dict[int, FilamentNeed], names: list[str]) -> list[FilamentNeed]:
    """Slot map to a list where index = slot - 1; gaps get the project's material and 0 g."""
    if not slots:
        return []
    needs = []
    for slot in range(1, max(slots) + 1):
        if slot in slots:
            needs.append(slots[slot])
        else:
            name = names[slot - 1] if slot - 1 < len(names) else None
            needs.append(FilamentNeed(material=material_name(name), grams=0.0))
    return needs


def _plate_needs(plate: _Plate, names: list[str]) -> list[FilamentNeed]:
    needs = _ordered(plate.slots, names)
    if len(needs) == 1 and needs[0].grams is None and plate.weight_g is not None:
        needs = [needs[0].model_copy(update={"grams": plate.weight_g})]
    return needs


def _plate_lengths(plate: _Plate, count: int) -> list[float | None]:
    """Metres per slot, aligned with the plate's needs; a gap slot prints nothing."""
    return [plate.lengths_m.get(slot) if slot in plate.slots else 0.0 for slot in range(1, count + 1)]


def _merge_lengths(plates: list[list[float | None]]) -> list[float | None]:
    """Whole-file metres per slot: a sum, unknown as soon as one plate that uses the slot does not say."""
    merged: list[float | None] = []
    for lengths in plates:
        for i, length in enumerate(lengths):
            if i == len(merged):
                merged.append(length)
            else:
                known = merged[i]
                merged[i] = None if known is None or length is None else round(known + length, 6)
    return merged


def _merge(plates: list[list[FilamentNeed]]) -> list[FilamentNeed]:
    """Whole-file needs: grams add up slot by slot, the first plate naming a slot names it."""
    merged: list[FilamentNeed] = []
    for needs in plates:
        for i, need in enumerate(needs):
            if i == len(merged):
                merged.append(need)
                continue
            known = merged[i]
            grams = need.grams if known.grams is None else known.grams + (need.grams or 0.0)
            material = known.material if known.material != UNKNOWN_MATERIAL else need.material
            merged[i] = FilamentNeed(material=material, colour=known.colour or need.colour,
                                     grams=None if grams is None else round(grams, 2))
    return merged


def _application(archive: SafeArchive) -> tuple[str | None, str | None]:
    """The 3MF's own "Application" metadata, e.g. ("OrcaSlicer", "2.1.1") from "OrcaSlicer-2.1.1"."""
    if MODEL_PART not in archive.names:
        return None, None
    match = _APPLICATION.search(archive.head(MODEL_PART, 16 * 1024))
    if not match:
        return None, None
    application = match[1].decode("utf-8", errors="replace").strip()
    split = _APPLICATION_VERSION.match(application)
    return (split["name"], split["version"]) if split else (application or None, None)


def _refuse_dtd(*_: object) -> None:
    raise UnsafeUpload(f"{MODEL_PART} declares a DTD or entities, which odind refuses to expand")


def _build_items(archive: SafeArchive) -> list[str]:
    """Object names of the core spec's build items, in build order; [] when the model cannot say.

    Streamed through expat without building a tree: the meshes before the build list can be large.
    """
    if MODEL_PART not in archive.names:
        return []
    names: dict[str, str] = {}
    items: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "object":
            names[attrs.get("id", "")] = attrs.get("name", "")
        elif local == "item":
            items.append(attrs.get("objectid", ""))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    try:
        for chunk in archive.chunks(MODEL_PART, min(MODEL_LIMIT, archive.remaining)):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        log.info("%s is not a whole, well-formed model within %d bytes (%s); objects unknown",
                 MODEL_PART, MODEL_LIMIT, exc)
        return []
    settings = _settings_names(_xml(archive, MODEL_SETTINGS))
    return [names.get(item) or settings.get(item) or f"object {item}" for item in items]


def _settings_names(root: ET.Element | None) -> dict[str, str]:
    """Object names a BambuStudio-family project keeps in model_settings.config, by object id: its
    3D model names the meshes, not always the objects that hold them."""
    if root is None:
        return {}
    return {obj.get("id", ""): _metadata(obj).get("name", "") for obj in root.findall("object")}


def _unsliced_plates(archive: SafeArchive) -> list[_Plate]:
    """Plates and their objects as a BambuStudio/OrcaSlicer project lays them out before slicing."""
    root = _xml(archive, MODEL_SETTINGS)
    if root is None:
        return []
    names_by_id = _settings_names(root)
    plates = []
    for position, element in enumerate(root.findall("plate"), start=1):
        meta = _metadata(element)
        objects = [
            names_by_id.get(_metadata(instance).get("object_id", ""), "")
            for instance in element.findall("model_instance")
        ]
        plates.append(_Plate(index=_positive_int(meta.get("plater_id")) or position, objects=objects))
    return plates


def _uniform(counts: list[int]) -> int | None:
    return counts[0] if counts and all(count == counts[0] for count in counts) else None


def parse_3mf(archive: SafeArchive) -> ModelMetadata:
    """Metadata of a checked 3MF archive; it is a "gcode.3mf" when it carries plate G-code to run."""
    slice_root = _xml(archive, SLICE_INFO)
    plates: dict[int, _Plate] = {}
    if slice_root is not None:
        for position, element in enumerate(slice_root.findall("plate"), start=1):
            plate = _plate_from_slice_info(element, position)
            plates[plate.index] = plate
    gcode_members = {
        int(match[1]): name for name in archive.names if (match := _PLATE_GCODE.match(name))
    }
    for index, name in sorted(gcode_members.items()):
        plate = plates.setdefault(index, _Plate(index=index))
        _fill_from_json(plate, _json(archive, f"Metadata/plate_{index}.json"))
        head = archive.head(name, GCODE_HEAD).decode("utf-8", errors="replace")
        _fill_from_gcode(plate, parse_gcode_text(head, used_slots=sorted(plate.slots) or None))
    for plate in plates.values():
        if plate.index not in gcode_members:
            _fill_from_json(plate, _json(archive, f"Metadata/plate_{plate.index}.json"))

    project = _json(archive, PROJECT_SETTINGS)
    types = project.get("filament_type")
    material_names = [name if isinstance(name, str) else "" for name in types] if isinstance(types, list) else []
    kind: Kind = "gcode.3mf" if gcode_members else "3mf"
    ordered = [plates[index] for index in sorted(plates)] or _unsliced_plates(archive)
    if not ordered:
        ordered = [_Plate(index=1, objects=_build_items(archive))]
    per_plate = [_plate_needs(plate, material_names) for plate in ordered]
    per_plate_lengths = [_plate_lengths(plate, len(needs)) for plate, needs in zip(ordered, per_plate, strict=True)]
    details = [
        PlateMetadata(index=plate.index, print_time_s=plate.print_time_s, filaments=needs,
                      filament_lengths_m=lengths, objects=plate.objects)
        for plate, needs, lengths in zip(ordered, per_plate, per_plate_lengths, strict=True)
    ]
    facts = [plate.gcode for plate in ordered if plate.gcode is not None]
    times = [plate.print_time_s for plate in ordered]
    filaments = _merge(per_plate)
    lengths = _merge_lengths(per_plate_lengths)
    known = (any(t is not None for t in times) or any(f.grams is not None for f in filaments)
             or any(length for length in lengths))
    model_id = next((p.printer_model_id for p in ordered if p.printer_model_id), None)
    project_model = project.get("printer_model")
    printer_model = (
        BAMBU_MODEL_NAMES.get(model_id or "")
        or next((f.printer_model for f in facts if f.printer_model), None)
        or (project_model if isinstance(project_model, str) and project_model else None)
    )
    slicer, version = next(((f.slicer, f.slicer_version) for f in facts if f.slicer), _application(archive))
    layer_counts = [f.layer_count for f in facts if f.layer_count is not None]
    heights = [f.max_z_mm for f in facts if f.max_z_mm is not None]
    return ModelMetadata(
        kind=kind,
        flavour=classify(slicer),
        known=known,
        slicer=slicer,
        slicer_version=version,
        print_time_s=sum(t for t in times if t is not None) if times and None not in times else None,
        filaments=filaments,
        filament_lengths_m=lengths,
        plates=max(1, len(ordered)),
        objects_per_plate=_uniform([len(plate.objects) for plate in ordered if plate.objects]),
        printer_model=printer_model,
        printer_model_id=model_id,
        nozzle_diameter=next((p.nozzle_diameter for p in ordered if p.nozzle_diameter), None),
        layer_count=max(layer_counts) if layer_counts else None,
        max_z_mm=max(heights) if heights else None,
        plate_details=details,
    )
