"""What odind learns from an uploaded sliced file, and the error for files it refuses to open.

These are boundary models: the API returns them and the scheduler reads print time and
filament needs from them, so they carry only what a slicer actually wrote (None = not stated).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from odind.vocabulary import FilamentNeed

Kind = Literal["gcode", "gcode.3mf", "3mf"]
Flavour = Literal[
    "prusaslicer", "superslicer", "slic3r", "orcaslicer", "orca-flashforge", "snapmaker-orca", "bambustudio",
    "qidistudio", "cura", "simplify3d", "ideamaker", "kisslicer", "kirimoto", "unknown",
]


class UnsafeUpload(ValueError):
    """A container odind will not open (bad zip, zip bomb, path escape); the message suits a 4xx reply."""


class PlateMetadata(BaseModel):
    """One plate of a multi-plate project; a Bambu job prints exactly one plate."""

    index: int  # 1-based, as the slicer numbers plates
    print_time_s: int | None = None
    filaments: list[FilamentNeed] = Field(default_factory=list)
    filament_lengths_m: list[float | None] = Field(default_factory=list)  # index-aligned with filaments
    objects: list[str] = Field(default_factory=list)  # object names as the slicer shows them


class ModelMetadata(BaseModel):
    """Metadata of one uploaded file.

    `filaments` follows slicer order so list index = slicer filament id - 1; a slot the file does
    not use (but that sits before a used one) is kept with grams 0.0 so the index mapping holds.
    For multi-plate files `print_time_s` and filament grams are totals over all plates;
    `plate_details` has the per-plate figures. A figure the file does not state (or states in a form
    that cannot be right: wrong unit, negative, absurd) is None; grams are only derived from a stated
    volume or length when the file also states the density (and the diameter, for a length).
    `filament_lengths_m` and `filament_volumes_cm3` are index-aligned with `filaments`.
    """

    kind: Kind
    flavour: Flavour
    known: bool  # False when no metadata could be parsed (the file is accepted, marked unknown)
    slicer: str | None = None  # the generator as the file names it, e.g. "Snapmaker Orca", "Cura_SteamEngine"
    slicer_version: str | None = None
    print_time_s: int | None = None
    filaments: list[FilamentNeed] = Field(default_factory=list)
    filament_lengths_m: list[float | None] = Field(default_factory=list)
    filament_volumes_cm3: list[float | None] = Field(default_factory=list)
    plates: int = 1
    objects_per_plate: int | None = None
    printer_model: str | None = None  # e.g. "MK4", "Bambu Lab P1S"
    printer_model_id: str | None = None  # Bambu id such as "C12"
    nozzle_diameter: float | None = None
    layer_count: int | None = None
    max_z_mm: float | None = None
    plate_details: list[PlateMetadata] = Field(default_factory=list)
