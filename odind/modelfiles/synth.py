"""Synthetic sliced files for tests, the demo and the printer simulators.

The G-code is shaped like real slicer output so the parser is exercised on the same layout, and
its G1 moves are timed the way Marlin plans them (XYZ length / feedrate; E rides along; no
acceleration), starting from the origin where G28 leaves the head, so a simulator streaming the
file spends `print_time_s` (divided by its speed factor) in moves; heating (M190/M109) comes on
top. All moves stay inside a 200 x 200 x 200 mm volume; output is deterministic for given inputs.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from odind.modelfiles.colours import normalise_colour
from odind.modelfiles.durations import format_duration
from odind.modelfiles.printer_models import BAMBU_MODEL_NAMES
from odind.vocabulary import FilamentNeed

FILAMENT_DIAMETER_MM = 1.75
_FILAMENT_AREA_MM2 = math.pi * (FILAMENT_DIAMETER_MM / 2) ** 2
_DENSITY_G_CM3 = {"PLA": 1.24, "PETG": 1.27, "ABS": 1.04, "ASA": 1.07, "TPU": 1.21, "PC": 1.20, "PA": 1.14}
_CENTRE_MM = 100.0
_EDGES_PER_LAYER = 4  # one square perimeter per layer
_TARGET_SPEED_MM_S = 50.0
_MAX_SEGMENTS = 100_000  # 0.001 mm layers still fit under 180 mm
_FIXED_DATE = "2026-01-01 at 00:00:00 UTC"
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _Filament:
    material: str
    colour: str
    grams: float
    density: float

    @property
    def length_mm(self) -> float:
        return self.grams / (self.density / 1000.0) / _FILAMENT_AREA_MM2

    @property
    def volume_cm3(self) -> float:
        return self.grams / self.density


def _filaments(needs: list[FilamentNeed]) -> list[_Filament]:
    if not needs:
        raise ValueError("a sliced file needs at least one filament")
    return [
        _Filament(
            material=need.material.upper(),
            colour=normalise_colour(need.colour) or "",
            grams=float(need.grams or 0.0),
            density=_DENSITY_G_CM3.get(need.material.upper(), 1.24),
        )
        for need in needs
    ]


def _check_time(print_time_s: int) -> None:
    if print_time_s < 1:
        raise ValueError("print_time_s must be at least 1 second")


def _toolpath(print_time_s: int, segments: int, extrude_mm: float) -> tuple[list[str], int, float]:
    """G1 moves tracing square perimeters layer by layer; returns (lines, layers, max Z).

    The machine is assumed at the origin after G28. Coordinates are rounded before measuring so
    the durations a simulator computes from the text add up to `print_time_s`.
    """
    if not _EDGES_PER_LAYER <= segments <= _MAX_SEGMENTS:
        raise ValueError(f"segments must be between {_EDGES_PER_LAYER} and {_MAX_SEGMENTS}")
    layers = segments // _EDGES_PER_LAYER
    layer_height = math.floor(min(0.2, 180.0 / layers) * 1000) / 1000  # top layer at most 180 mm
    side = min(160.0, max(2.0, _TARGET_SPEED_MM_S * print_time_s / segments))
    half = round(side / 2, 3)
    corners = [(-half, -half), (half, -half), (half, half), (-half, half)]

    # The first edge of each layer climbs to the new Z while it moves, so one layer = four G1 lines.
    points: list[tuple[float, float, float, int]] = [
        (round(_CENTRE_MM + corners[0][0], 3), round(_CENTRE_MM + corners[0][1], 3), layer_height, 1)
    ]
    for layer in range(1, layers + 1):
        z = round(layer * layer_height, 3)
        for dx, dy in corners[1:] + corners[:1]:
            points.append((round(_CENTRE_MM + dx, 3), round(_CENTRE_MM + dy, 3), z, layer))

    lengths: list[float] = []
    previous = (0.0, 0.0, 0.0)
    for x, y, z, _ in points:
        lengths.append(math.dist(previous, (x, y, z)))
        previous = (x, y, z)
    total_mm = sum(lengths)
    feed_mm_min = total_mm / print_time_s * 60.0
    extruding_mm = total_mm - lengths[0]

    lines: list[str] = []
    last_layer = 0
    for index, ((x, y, z, layer), length) in enumerate(zip(points, lengths, strict=True)):
        if layer != last_layer:
            done = (layer - 1) / layers
            lines.append(";LAYER_CHANGE")
            lines.append(f";Z:{z:.3f}")
            lines.append(f"M73 P{int(done * 100)} R{math.ceil(print_time_s * (1 - done) / 60)}")
            last_layer = layer
        extrude = "" if index == 0 else f" E{extrude_mm * length / extruding_mm:.5f}"
        lines.append(f"G1 X{x:.3f} Y{y:.3f} Z{z:.3f}{extrude} F{feed_mm_min:.4f}")
    lines.append("M73 P100 R0")
    return lines, layers, points[-1][2]


def _start_block(temps: tuple[int, int]) -> list[str]:
    nozzle, bed = temps
    return [
        f"M140 S{bed}",
        f"M104 S{nozzle}",
        f"M190 S{bed}",
        f"M109 S{nozzle}",
        "G28",
        "G90",
        "M83",
    ]


_END_BLOCK = ["M104 S0", "M140 S0", "M107", "M84"]


_TEMPS_C = {"PETG": (240, 80), "ABS": (255, 100), "ASA": (260, 100), "TPU": (230, 50)}  # nozzle, bed


def _temps(material: str) -> tuple[int, int]:
    return _TEMPS_C.get(material, (215, 60))


def _join(values: list[str], sep: str = ", ") -> str:
    return sep.join(values)


def prusa_gcode(
    *,
    filaments: list[FilamentNeed],
    print_time_s: int,
    printer_model: str = "MK4",
    nozzle_diameter: float = 0.4,
    segments: int = 300,
) -> str:
    """PrusaSlicer-style G-code: header line, start block, timed moves, metadata and config block."""
    _check_time(print_time_s)
    fils = _filaments(filaments)
    moves, layers, _ = _toolpath(print_time_s, segments, sum(f.length_mm for f in fils))
    total_g = sum(f.grams for f in fils)
    lines = [
        f"; generated by PrusaSlicer 2.7.1+linux-x64 on {_FIXED_DATE}",
        "",
        f"M73 P0 R{math.ceil(print_time_s / 60)}",
        *_start_block(_temps(fils[0].material)),
        *moves,
        *_END_BLOCK,
        "",
        '; objects_info = {"objects":[{"name":"Part 1 id:0 copy 0",'
        '"polygon":[[90.0,90.0],[110.0,90.0],[110.0,110.0],[90.0,110.0]]}]}',
        f"; filament used [mm] = {_join([f'{f.length_mm:.2f}' for f in fils])}",
        f"; filament used [cm3] = {_join([f'{f.volume_cm3:.2f}' for f in fils])}",
        f"; filament used [g] = {_join([f'{f.grams:.2f}' for f in fils])}",
        f"; filament cost = {_join(['0.00' for _ in fils])}",
        f"; total filament used [g] = {total_g:.2f}",
        "; total filament cost = 0.00",
        f"; total toolchanges = {max(0, len(fils) - 1)}",
        f"; total layers count = {layers}",
        f"; estimated printing time (normal mode) = {format_duration(print_time_s)}",
        f"; estimated printing time (silent mode) = {format_duration(print_time_s)}",
        "",
        "; prusaslicer_config = begin",
        "; bed_shape = 0x0,200x0,200x200,0x200",
        f"; extruder_colour = {_join([f.colour for f in fils], ';')}",
        f"; filament_colour = {_join([f.colour for f in fils], ';')}",
        f"; filament_density = {_join([f'{f.density:g}' for f in fils], ',')}",
        f"; filament_diameter = {_join([f'{FILAMENT_DIAMETER_MM:g}' for _ in fils], ',')}",
        f"; filament_type = {_join([f.material for f in fils], ';')}",
        "; layer_height = 0.2",
        "; max_print_height = 200",
        f"; nozzle_diameter = {_join([f'{nozzle_diameter:g}' for _ in fils], ',')}",
        f"; printer_model = {printer_model}",
        "; prusaslicer_config = end",
    ]
    return "\n".join(lines) + "\n"


def _bambu_plate_gcode(fils: list[_Filament], print_time_s: int, printer_name: str, nozzle: float) -> str:
    moves, layers, max_z = _toolpath(print_time_s, 300, sum(f.length_mm for f in fils))
    duration = format_duration(print_time_s)
    lines = [
        "; HEADER_BLOCK_START",
        "; BambuStudio 01.09.07.52",
        f"; model printing time: {duration}; total estimated time: {duration}",
        f"; total layer number: {layers}",
        f"; total filament length [mm] : {_join([f'{f.length_mm:.2f}' for f in fils], ',')}",
        f"; total filament volume [cm^3] : {_join([f'{f.volume_cm3 * 1000:.2f}' for f in fils], ',')}",
        f"; total filament weight [g] : {_join([f'{f.grams:.2f}' for f in fils], ',')}",
        f"; filament_density: {_join([f'{f.density:g}' for f in fils], ',')}",
        f"; filament_diameter: {_join([f'{FILAMENT_DIAMETER_MM:g}' for _ in fils], ',')}",
        f"; max_z_height: {max_z:.2f}",
        "; HEADER_BLOCK_END",
        "",
        "; CONFIG_BLOCK_START",
        f"; filament_colour = {_join([f.colour for f in fils], ';')}",
        f"; filament_type = {_join([f.material for f in fils], ';')}",
        "; layer_height = 0.2",
        f"; nozzle_diameter = {nozzle:g}",
        f"; printer_model = {printer_name}",
        "; CONFIG_BLOCK_END",
        "",
        "; EXECUTABLE_BLOCK_START",
        f"M73 P0 R{math.ceil(print_time_s / 60)}",
        *_start_block(_temps(fils[0].material)),
        *moves,
        *_END_BLOCK,
        "; EXECUTABLE_BLOCK_END",
    ]
    return "\n".join(lines) + "\n"


def _slice_info(
    fils: list[_Filament], print_time_s: int, model_id: str, plates: int, objects: int, nozzle: float
) -> str:
    rows = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<config>",
        "  <header>",
        '    <header_item key="X-BBL-Client-Type" value="slicer"/>',
        '    <header_item key="X-BBL-Client-Version" value="01.09.07.52"/>',
        "  </header>",
    ]
    for plate in range(1, plates + 1):
        rows += [
            "  <plate>",
            f'    <metadata key="index" value="{plate}"/>',
            f'    <metadata key="printer_model_id" value="{model_id}"/>',
            f'    <metadata key="nozzle_diameters" value="{nozzle:g}"/>',
            f'    <metadata key="prediction" value="{print_time_s}"/>',
            f'    <metadata key="weight" value="{sum(f.grams for f in fils):.2f}"/>',
            '    <metadata key="outside" value="false"/>',
            '    <metadata key="support_used" value="false"/>',
            '    <metadata key="label_object_enabled" value="true"/>',
        ]
        for obj in range(1, objects + 1):
            name = quoteattr(f"Part {obj}")
            rows.append(f'    <object identify_id="{plate * 100 + obj}" name={name} skipped="false"/>')
        for slot, fil in enumerate(fils, start=1):
            rows.append(
                f'    <filament id="{slot}" tray_info_idx="GFL99" type={quoteattr(fil.material)} '
                f'color="{fil.colour}" used_m="{fil.length_mm / 1000:.2f}" used_g="{fil.grams:.2f}"/>'
            )
        rows.append("  </plate>")
    rows.append("</config>")
    return "\n".join(rows) + "\n"


def _plate_json(fils: list[_Filament], objects: int, nozzle: float) -> str:
    boxes = [
        {"id": obj, "name": f"Part {obj}", "layer_height": 0.2, "area": 100.0,
         "bbox": [90.0, 90.0, 110.0, 110.0]}
        for obj in range(1, objects + 1)
    ]
    body = {
        "bbox_all": [90.0, 90.0, 110.0, 110.0],
        "bbox_objects": boxes,
        "bed_type": "textured_plate",
        "filament_colors": [f.colour for f in fils],
        "filament_ids": list(range(len(fils))),
        "first_extruder": 0,
        "is_seq_print": False,
        "nozzle_diameter": nozzle,
        "version": 2,
    }
    return json.dumps(body, indent=1)


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>
 <Default Extension="png" ContentType="image/png"/>
 <Default Extension="gcode" ContentType="text/x.gcode"/>
</Types>
"""

_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Target="/3D/3dmodel.model" Id="rel-1"
  Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
</Relationships>
"""


def _model_xml(plates: int, objects: int) -> str:
    """A 3MF model with one tiny tetrahedron per object, so the package is a valid 3MF too."""
    rows = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<model unit="millimeter" xml:lang="en-US" '
        'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02">',
        "<resources>",
    ]
    count = plates * objects
    for obj in range(1, count + 1):
        rows += [
            f'<object id="{obj}" type="model"><mesh><vertices>',
            '<vertex x="0" y="0" z="0"/><vertex x="10" y="0" z="0"/>'
            '<vertex x="0" y="10" z="0"/><vertex x="0" y="0" z="10"/>',
            "</vertices><triangles>",
            '<triangle v1="0" v2="2" v3="1"/><triangle v1="0" v2="1" v3="3"/>'
            '<triangle v1="0" v2="3" v3="2"/><triangle v1="1" v2="2" v3="3"/>',
            "</triangles></mesh></object>",
        ]
    rows += ["</resources>", "<build>"]
    rows += [f'<item objectid="{obj}"/>' for obj in range(1, count + 1)]
    rows += ["</build>", "</model>"]
    return "\n".join(rows) + "\n"


def bambu_3mf(
    *,
    filaments: list[FilamentNeed],
    print_time_s: int,
    printer_model_id: str = "C12",
    plates: int = 1,
    objects_per_plate: int = 1,
    nozzle_diameter: float = 0.4,
) -> bytes:
    """A BambuStudio .gcode.3mf; every plate is identical and takes `print_time_s` with `filaments`.

    So the file as a whole takes plates * print_time_s and plates * grams (what parse_model totals).
    """
    _check_time(print_time_s)
    if plates < 1 or objects_per_plate < 1:
        raise ValueError("plates and objects_per_plate must be at least 1")
    fils = _filaments(filaments)
    printer_name = BAMBU_MODEL_NAMES.get(printer_model_id, printer_model_id)
    members: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _RELS),
        ("3D/3dmodel.model", _model_xml(plates, objects_per_plate)),
        (
            "Metadata/slice_info.config",
            _slice_info(fils, print_time_s, printer_model_id, plates, objects_per_plate, nozzle_diameter),
        ),
    ]
    gcode = _bambu_plate_gcode(fils, print_time_s, printer_name, nozzle_diameter).encode()
    digest = hashlib.md5(gcode).hexdigest().upper()  # integrity check the printer expects, not security
    for plate in range(1, plates + 1):
        members += [
            (f"Metadata/plate_{plate}.gcode", gcode),
            (f"Metadata/plate_{plate}.gcode.md5", digest),
            (f"Metadata/plate_{plate}.json", _plate_json(fils, objects_per_plate, nozzle_diameter)),
        ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
