"""Every slicer format the parser reads, in the shapes those slicers write, and nothing guessed.

Headers are written line for line as each slicer prints them (the corpus test covers real files;
these cover layouts the corpus has no licensed file for, and the edge cases of each format).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from odind.modelfiles import UnsafeUpload, parse_model
from odind.vocabulary import FilamentNeed

WriteGcode = Callable[..., Path]
WriteZip = Callable[..., Path]


def test_cura_griffin_header_gives_time_volumes_and_nozzle_but_no_grams(write_gcode: WriteGcode) -> None:
    path = write_gcode(
        "UMS5_part.gcode",
        ";START_OF_HEADER",
        ";HEADER_VERSION:0.1",
        ";FLAVOR:Griffin",
        ";GENERATOR.NAME:Cura_SteamEngine",
        ";GENERATOR.VERSION:5.2.1",
        ";GENERATOR.BUILD_DATE:2022-11-15",
        ";TARGET_MACHINE.NAME:Ultimaker S5",
        ";EXTRUDER_TRAIN.0.INITIAL_TEMPERATURE:215",
        ";EXTRUDER_TRAIN.0.MATERIAL.VOLUME_USED:9172",
        ";EXTRUDER_TRAIN.0.MATERIAL.GUID:506c9f0d-e3aa-4bd4-b2d2-23e2425b1aa9",
        ";EXTRUDER_TRAIN.0.NOZZLE.DIAMETER:0.4",
        ";EXTRUDER_TRAIN.0.NOZZLE.NAME:AA 0.4",
        ";EXTRUDER_TRAIN.1.INITIAL_TEMPERATURE:210",
        ";EXTRUDER_TRAIN.1.MATERIAL.VOLUME_USED:628",
        ";EXTRUDER_TRAIN.1.MATERIAL.GUID:3ee70a86-77d8-4b87-8005-e4a1bc57d2ce",
        ";EXTRUDER_TRAIN.1.NOZZLE.DIAMETER:0.4",
        ";BUILD_PLATE.INITIAL_TEMPERATURE:60",
        ";PRINT.TIME:5201",
        ";PRINT.GROUPS:1",
        ";PRINT.SIZE.MAX.Z:60.03",
        ";END_OF_HEADER",
        ";Generated with Cura_SteamEngine 5.2.1",
        "T0",
        ";LAYER_COUNT:300",
        ";MESH:bracket.stl",
        ";MESH:NONMESH",
        ";MESH:clip.stl",
    )
    meta = parse_model(path)
    assert (meta.flavour, meta.slicer, meta.slicer_version) == ("cura", "Cura_SteamEngine", "5.2.1")
    assert (meta.print_time_s, meta.layer_count, meta.max_z_mm, meta.nozzle_diameter) == (5201, 300, 60.03, 0.4)
    assert meta.printer_model == "Ultimaker S5"
    assert meta.filament_volumes_cm3 == [9.172, 0.628]  # mm^3 in the header
    assert meta.filaments == [FilamentNeed(material="unknown"), FilamentNeed(material="unknown")]
    assert meta.plate_details[0].objects == ["bracket.stl", "clip.stl"]
    assert meta.known is True


def test_cura_marlin_metres_per_extruder_and_volumetric_mode(write_gcode: WriteGcode) -> None:
    dual = write_gcode("dual.gcode", ";FLAVOR:Marlin", ";TIME:7000", ";Filament used: 1.2m, 0.35m, 0m",
                       ";Generated with Cura_SteamEngine 5.6.0")
    meta = parse_model(dual)
    assert meta.filament_lengths_m == [1.2, 0.35]  # the unused third extruder is dropped
    assert [f.grams for f in meta.filaments] == [None, None]
    volumetric = write_gcode("vol.gcode", ";FLAVOR:Marlin(Volumetric)", ";TIME:64",
                             ";Filament used: 4615.03mm3", ";Generated with Cura_SteamEngine 4.13.1")
    meta = parse_model(volumetric)
    assert (meta.filament_volumes_cm3, meta.filament_lengths_m) == ([4.61503], [None])


def test_cura_length_in_a_unit_cura_never_writes_is_unknown(write_gcode: WriteGcode) -> None:
    path = write_gcode("odd.gcode", ";FLAVOR:Marlin", ";TIME:60", ";Filament used: 8.36in",
                       ";Generated with Cura_SteamEngine 5.0.0")
    meta = parse_model(path)
    assert (meta.print_time_s, meta.filament_lengths_m) == (60, [None])


def test_bambu_slot_list_books_weights_to_the_slots_it_names(write_gcode: WriteGcode) -> None:
    path = write_gcode(
        "plate_1.gcode",
        "; HEADER_BLOCK_START",
        "; BambuStudio 02.05.00.66",
        "; model printing time: 13m 48s; total estimated time: 20m 12s",
        "; total layer number: 25",
        "; total filament length [mm] : 391.43,245.25",
        "; total filament volume [cm^3] : 941.50,589.89",
        "; total filament weight [g] : 1.19,0.74",
        "; filament_density: 1.26,1.26,1.26,1.04",
        "; filament_diameter: 1.75,1.75,1.75,1.75",
        "; max_z_height: 5.00",
        "; filament: 1,4",
        "; HEADER_BLOCK_END",
        "; CONFIG_BLOCK_START",
        "; filament_colour = #FFFFFF;#000000;#FF0000;#00FF00",
        "; filament_type = PLA;PLA;PETG;ABS",
        "; CONFIG_BLOCK_END",
    )
    meta = parse_model(path)
    assert [(f.material, f.colour, f.grams) for f in meta.filaments] == [
        ("PLA", "#FFFFFF", 1.19),
        ("PLA", "#000000", 0.0),
        ("PETG", "#FF0000", 0.0),
        ("ABS", "#00FF00", 0.74),
    ]
    assert meta.filament_lengths_m == [0.39143, 0.0, 0.0, 0.24525]
    assert meta.filament_volumes_cm3 == [None, 0.0, 0.0, None]  # labelled cm^3, sized like mm^3
    assert (meta.print_time_s, meta.max_z_mm) == (1212, 5.0)


def test_bambu_weights_for_fewer_slots_than_configured_and_no_slot_list_are_not_assigned(
    write_gcode: WriteGcode,
) -> None:
    path = write_gcode(
        "old.gcode",
        "; HEADER_BLOCK_START",
        "; BambuStudio 01.08.04.51",
        "; model printing time: 1h 0m 0s; total estimated time: 1h 5m 0s",
        "; total filament weight [g] : 12.00",
        "; HEADER_BLOCK_END",
        "; filament_type = PLA;PETG;PLA",
    )
    meta = parse_model(path)
    assert [f.grams for f in meta.filaments] == [None, None, None]  # which slot printed is not stated
    assert meta.print_time_s == 3900


@pytest.mark.parametrize(
    ("line", "flavour", "slicer", "version"),
    [
        ("; generated by OrcaSlicer 2.3.0 on 2025-05-09 at 02:26:52", "orcaslicer", "OrcaSlicer", "2.3.0"),
        ("; generated by Snapmaker Orca 2.3.4 on 2026-08-23 at 10:00:00", "snapmaker-orca", "Snapmaker Orca", "2.3.4"),
        ("; generated by Orca-Flashforge 1.4.0 on 2025-02-01 at 09:00:00", "orca-flashforge", "Orca-Flashforge",
         "1.4.0"),
        ("; generated by SuperSlicer 2.5.59.13 on 2024-03-01 at 12:00:00 UTC", "superslicer", "SuperSlicer",
         "2.5.59.13"),
        ("; generated by PrusaSlicer 2.8.1+linux-x64-GTK3 on 2024-10-01 at 08:00:00 UTC", "prusaslicer",
         "PrusaSlicer", "2.8.1+linux-x64-GTK3"),
        ("; G-Code generated by Simplify3D(R) Version 4.1.2", "simplify3d", "Simplify3D", "4.1.2"),
        (";Sliced by ideaMaker 4.2.3, 2022-03-01", "ideamaker", "ideaMaker", "4.2.3"),
        ("; generated by SomeNewSlicer 0.9", "unknown", "SomeNewSlicer", "0.9"),
    ],
)
def test_each_slicer_is_named_as_what_it_is(write_gcode: WriteGcode, line: str, flavour: str, slicer: str,
                                            version: str) -> None:
    path = write_gcode("job.gcode", "; HEADER_BLOCK_START", line, "; HEADER_BLOCK_END", "G28")
    meta = parse_model(path)
    assert (meta.flavour, meta.slicer, meta.slicer_version) == (flavour, slicer, version)


def test_simplify3d_build_summary(write_gcode: WriteGcode) -> None:
    path = write_gcode(
        "s3d.gcode",
        "; G-Code generated by Simplify3D(R) Version 4.1.2",
        "; Settings Summary",
        ";   processName,Process1",
        ";   extruderDiameter,0.4",
        "G28",
        "; Build Summary",
        ";   Build time: 1 hours 34 minutes",
        ";   Filament length: 3542.7 mm (3.54 m)",
        ";   Plastic volume: 8521.23 mm^3 (8.52 cc)",
        ";   Plastic weight: 10.65 g (0.02 lb)",
        ";   Material cost: 0.49",
    )
    meta = parse_model(path)
    assert (meta.flavour, meta.print_time_s) == ("simplify3d", 5640)
    assert meta.filaments == [FilamentNeed(material="unknown", grams=10.65)]
    assert (meta.filament_lengths_m, meta.filament_volumes_cm3) == ([3.5427], [8.52123])


S3D_SUMMARY = ("; Build Summary", ";   Build time: 0 hours 40 minutes", ";   Filament length: 1000.0 mm (1.00 m)",
               ";   Plastic weight: 3.00 g (0.01 lb)")


def _s3d(write_gcode: WriteGcode, *settings: str, body: tuple[str, ...] = ()) -> Path:
    return write_gcode("s3d.gcode", "; G-Code generated by Simplify3D(R) Version 4.1.2", "; Settings Summary",
                       *settings, "G28", *body, *S3D_SUMMARY)


def test_simplify3d_totals_go_to_the_one_extruder_that_prints(write_gcode: WriteGcode) -> None:
    meta = parse_model(_s3d(write_gcode, ";   processName,Right", ";   applyToModels,Hook,Hook(2)",
                            ";   printMaterial,PETG", ";   printExtruders,Right Extruder Only",
                            ";   extruderName,Left Extruder,Right Extruder", ";   extruderToolheadNumber,0,1",
                            ";   extruderDiameter,0.4,0.6"))
    assert meta.filaments == [FilamentNeed(material="unknown", grams=0.0), FilamentNeed(material="PETG", grams=3.0)]
    assert (meta.filament_lengths_m, meta.nozzle_diameter) == ([0.0, 1.0], 0.6)
    assert [name for plate in meta.plate_details for name in plate.objects] == ["Hook", "Hook(2)"]


def test_simplify3d_totals_shared_by_two_extruders_are_unknown_per_slot(write_gcode: WriteGcode) -> None:
    meta = parse_model(_s3d(write_gcode, ";   processName,Body", ";   applyToModels,Body",
                            ";   printMaterial,PLA", ";   printExtruders,Both Extruders",
                            ";   extruderName,Left,Right", ";   extruderToolheadNumber,0,1",
                            body=("; process Body", "; process Trim")))
    assert [f.grams for f in meta.filaments] == [None, None]
    assert meta.filament_lengths_m == [None, None]
    assert meta.objects_per_plate is None  # Trim's models are not in the summary


def test_simplify3d_absurd_toolhead_is_no_slot(write_gcode: WriteGcode) -> None:
    meta = parse_model(_s3d(write_gcode, ";   extruderName,Only", ";   extruderToolheadNumber,9999"))
    assert meta.print_time_s == 2400
    assert ([f.grams for f in meta.filaments], meta.filament_lengths_m) == ([None], [None])


def test_ideamaker_objects_only_when_its_object_count_agrees(write_gcode: WriteGcode) -> None:
    lines = (";Sliced by ideaMaker 4.2.0.5250, 2021-09-03", ";TOTAL_NUM: 3", ";PRINTING: a.stl",
             ";PRINTING: NON-OBJECT", ";PRINTING: b.stl", ";Print Time: 100")
    assert parse_model(write_gcode("a.gcode", *lines)).plate_details[0].objects == []
    agreed = (lines[0], ";TOTAL_NUM: 2", *lines[2:])
    assert parse_model(write_gcode("b.gcode", *agreed)).plate_details[0].objects == ["a.stl", "b.stl"]


def test_simplify3d_weight_in_pounds_only_is_unknown(write_gcode: WriteGcode) -> None:
    path = write_gcode("s3d.gcode", "; G-Code generated by Simplify3D(R) Version 5.0.0",
                       ";   Build time: 0 hours 34 minutes", ";   Plastic weight: 0.02 lb")
    meta = parse_model(path)
    assert (meta.print_time_s, [f.grams for f in meta.filaments]) == (2040, [None])


def test_ideamaker_header_and_footer(write_gcode: WriteGcode) -> None:
    path = write_gcode(
        "raise.gcode",
        ";Sliced by ideaMaker 4.2.3, 2022-03-01",
        ";Dimension: 305.000 305.000 605.000 0.400 0.400",
        ";Filament Type #1: PLA",
        ";Filament Type #2: PVA",
        ";Filament Diameter #1: 1.75",
        ";Filament Diameter #2: 1.75",
        ";Filament Density #1: 1.24",
        ";Filament Density #2: 1.19",
        "G28",
        ";Print Time: 4521",
        ";Material#1 Used: 2000.0",
        ";Material#2 Used: 150.0",
    )
    meta = parse_model(path)
    assert (meta.flavour, meta.print_time_s, meta.nozzle_diameter) == ("ideamaker", 4521, 0.4)
    assert [(f.material, f.grams) for f in meta.filaments] == [("PLA", 5.97), ("PVA", 0.43)]
    assert meta.filament_lengths_m == [2.0, 0.15]


def test_superslicer_footer_reads_like_prusaslicer(write_gcode: WriteGcode) -> None:
    path = write_gcode(
        "ss.gcode",
        "; generated by SuperSlicer 2.5.59.13 on 2024-03-01 at 12:00:00 UTC",
        "G28",
        "; filament used [mm] = 5234.11",
        "; filament used [cm3] = 12.59",
        "; filament used [g] = 15.61",
        "; total filament used [g] = 15.61",
        "; estimated printing time (normal mode) = 2h 3m 4s",
        "; filament_type = PETG",
        "; filament_colour = #112233",
    )
    meta = parse_model(path)
    assert (meta.flavour, meta.print_time_s) == ("superslicer", 7384)
    assert meta.filaments == [FilamentNeed(material="PETG", colour="#112233", grams=15.61)]


def _orca_project(write_zip: WriteZip, application: str) -> Path:
    slice_info = """<?xml version="1.0" encoding="UTF-8"?>
<config>
  <header><header_item key="X-BBL-Client-Type" value="slicer"/></header>
  <plate>
    <metadata key="index" value="1"/><metadata key="prediction" value="1200"/><metadata key="weight" value="4.50"/>
    <object identify_id="10" name="Knob" skipped="false"/>
    <filament id="1" type="PLA" color="#FF0000" used_m="1.50" used_g="4.50"/>
  </plate>
  <plate>
    <metadata key="index" value="2"/><metadata key="prediction" value="600"/><metadata key="weight" value="2.00"/>
    <object identify_id="11" name="Lid" skipped="false"/>
    <object identify_id="12" name="Lid" skipped="false"/>
    <filament id="2" type="PETG" color="#0000FF" used_m="0.66" used_g="2.00"/>
  </plate>
</config>
"""
    model = f'<model><metadata name="Application">{application}</metadata><build/></model>'
    return write_zip("project.3mf", {"3D/3dmodel.model": model, "Metadata/slice_info.config": slice_info})


@pytest.mark.parametrize(
    ("application", "flavour", "slicer", "version"),
    [
        ("OrcaSlicer-2.1.1", "orcaslicer", "OrcaSlicer", "2.1.1"),
        ("Snapmaker_Orca-2.2.0", "snapmaker-orca", "Snapmaker_Orca", "2.2.0"),
        ("BambuStudio-01.10.01.50", "bambustudio", "BambuStudio", "01.10.01.50"),
    ],
)
def test_sliced_projects_are_named_by_their_application(write_zip: WriteZip, application: str, flavour: str,
                                                        slicer: str, version: str) -> None:
    meta = parse_model(_orca_project(write_zip, application))
    assert (meta.flavour, meta.slicer, meta.slicer_version) == (flavour, slicer, version)


def test_slice_info_alone_does_not_make_a_file_bambu(write_zip: WriteZip) -> None:
    info = '<config><plate><metadata key="index" value="1"/><metadata key="prediction" value="60"/></plate></config>'
    meta = parse_model(write_zip("x.3mf", {"Metadata/slice_info.config": info}))
    assert (meta.flavour, meta.print_time_s) == ("unknown", 60)


def test_multi_plate_project_keeps_each_plates_slots_and_lengths(write_zip: WriteZip) -> None:
    meta = parse_model(_orca_project(write_zip, "OrcaSlicer-2.1.1"))
    assert (meta.plates, meta.print_time_s, meta.objects_per_plate) == (2, 1800, None)  # 1 and 2 objects
    first, second = meta.plate_details
    assert (first.filaments, first.filament_lengths_m) == ([FilamentNeed(material="PLA", colour="#FF0000",
                                                                          grams=4.5)], [1.5])
    assert [f.grams for f in second.filaments] == [0.0, 2.0]  # slot 1 idle on plate 2, kept for the index
    assert second.filament_lengths_m == [0.0, 0.66]
    assert [f.grams for f in meta.filaments] == [4.5, 2.0]
    assert meta.filament_lengths_m == [1.5, 0.66]
    assert second.objects == ["Lid", "Lid"]


PLAIN_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"
       xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06">
 <metadata name="Application">FreeCAD 0.21</metadata>
 <resources>
  <object id="3" name="Gear" type="model"><mesh><vertices><vertex x="0" y="0" z="0"/></vertices>
   <triangles/></mesh></object>
  <object id="4" type="model"><mesh><vertices/><triangles/></mesh></object>
 </resources>
 <build>
  <item objectid="3"/>
  <item objectid="3" transform="1 0 0 0 1 0 0 0 1 40 0 0"/>
  <item objectid="4" p:UUID="b7e5c4a2-0000-4000-8000-000000000001"/>
 </build>
</model>
"""


def test_plain_3mf_build_items_are_its_objects(write_zip: WriteZip) -> None:
    meta = parse_model(write_zip("gears.3mf", {"3D/3dmodel.model": PLAIN_MODEL}))
    assert (meta.kind, meta.known, meta.plates, meta.objects_per_plate) == ("3mf", False, 1, 3)
    assert meta.plate_details[0].objects == ["Gear", "Gear", "object 4"]
    assert (meta.flavour, meta.slicer, meta.slicer_version) == ("unknown", "FreeCAD", "0.21")


def test_plain_3mf_model_with_a_dtd_is_refused(write_zip: WriteZip) -> None:
    hostile = PLAIN_MODEL.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                                  '<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY a "aaaa">]>\n')
    with pytest.raises(UnsafeUpload, match="DTD"):
        parse_model(write_zip("lol.3mf", {"3D/3dmodel.model": hostile}))


def test_truncated_plain_model_gives_no_objects_rather_than_some(write_zip: WriteZip) -> None:
    cut = PLAIN_MODEL[: PLAIN_MODEL.index('<item objectid="4"')]
    meta = parse_model(write_zip("cut.3mf", {"3D/3dmodel.model": cut}))
    assert (meta.plates, meta.objects_per_plate, meta.plate_details[0].objects) == (1, None, [])


def test_project_settings_json_that_is_not_an_object_is_ignored(write_zip: WriteZip) -> None:
    info = '<config><plate><metadata key="index" value="1"/><metadata key="prediction" value="90"/></plate></config>'
    meta = parse_model(write_zip("j.3mf", {"Metadata/slice_info.config": info,
                                           "Metadata/project_settings.config": json.dumps(["PLA"])}))
    assert meta.print_time_s == 90
