"""What a stored model row says: its parsed metadata, how many units one print makes, and the
filament each unit takes. Read by the catalog, costing and production alike, so it sits apart from all three."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from odind.modelfiles import ModelMetadata


def model_metadata(row: dict[str, Any]) -> ModelMetadata:
    return ModelMetadata.model_validate_json(row["metadata_json"])


def units_per_print(row: dict[str, Any]) -> int:
    return max(int(row["objects_per_plate"] or 1), 1)


def grams_per_unit(row: dict[str, Any]) -> list[tuple[str, str | None, Decimal]]:
    """Filament per finished unit: the first plate's grams shared among its objects."""
    metadata = model_metadata(row)
    filaments = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
    per_plate = units_per_print(row)
    return [(f.material.upper(), f.colour, Decimal(str(f.grams or 0)) / per_plate) for f in filaments]
