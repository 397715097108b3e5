"""The one entry point for uploads: pick the reader by file type, refuse unsafe containers."""

from __future__ import annotations

import logging
from pathlib import Path

from odind.modelfiles.gcode import WINDOW_BYTES, parse_gcode_text, read_ends
from odind.modelfiles.models import ModelMetadata, PlateMetadata, UnsafeUpload
from odind.modelfiles.safezip import SafeArchive
from odind.modelfiles.threemf import parse_3mf

log = logging.getLogger(__name__)

GCODE_SUFFIXES = (".gcode", ".gco", ".g")
THREEMF_SUFFIXES = (".gcode.3mf", ".3mf")
_ZIP_MAGIC = b"PK\x03\x04"
_BGCODE_MAGIC = b"GCDE"


def _check_text(path: Path, label: str) -> None:
    """G-code goes to printers line by line; a binary file under a .gcode name must not."""
    with path.open("rb") as handle:
        start = handle.read(WINDOW_BYTES)
    if start.startswith(_BGCODE_MAGIC):
        raise UnsafeUpload(f"{label} is binary G-code (.bgcode), which odind does not read; export .gcode")
    if start.startswith(_ZIP_MAGIC):
        raise UnsafeUpload(f"{label} is a zip archive, not G-code; name a 3MF package .3mf or .gcode.3mf")
    if b"\x00" in start:
        raise UnsafeUpload(f"{label} is binary, not text G-code")


def parse_model(path: Path, filename: str | None = None) -> ModelMetadata:
    """Metadata of an uploaded sliced file.

    Unparsable content is accepted with known=False; UnsafeUpload is raised for a container
    odind will not open (bad or hostile zip, binary posing as G-code) or an unsupported file type.
    `filename` is the name the user uploaded (the stored path may be a temporary name).
    """
    label = filename or path.name
    lowered = label.lower()
    if lowered.endswith(THREEMF_SUFFIXES):
        with SafeArchive(path, label) as archive:
            metadata = parse_3mf(archive)
    elif lowered.endswith(GCODE_SUFFIXES):
        _check_text(path, label)
        head, tail = read_ends(path)
        facts = parse_gcode_text(head, tail)
        metadata = ModelMetadata(
            kind="gcode",
            flavour=facts.flavour,
            known=facts.known,
            slicer=facts.slicer,
            slicer_version=facts.slicer_version,
            print_time_s=facts.print_time_s,
            filaments=facts.filaments,
            filament_lengths_m=facts.lengths_m,
            filament_volumes_cm3=facts.volumes_cm3,
            plates=1,
            objects_per_plate=len(facts.objects) or None,
            printer_model=facts.printer_model,
            nozzle_diameter=facts.nozzle_diameter,
            layer_count=facts.layer_count,
            max_z_mm=facts.max_z_mm,
            plate_details=[
                PlateMetadata(index=1, print_time_s=facts.print_time_s, filaments=facts.filaments,
                              filament_lengths_m=facts.lengths_m, objects=facts.objects)
            ],
        )
    else:
        suffix = Path(lowered).suffix or "(none)"
        raise UnsafeUpload(
            f"unsupported file type {suffix!r} for {label!r}: upload .gcode, .3mf or .gcode.3mf"
        )
    log.debug("parsed %s: known=%s flavour=%s", label, metadata.known, metadata.flavour)
    return metadata
