"""Reads what a sliced upload needs (time, filaments, plates) and refuses containers that are unsafe."""

from odind.modelfiles.models import ModelMetadata, PlateMetadata, UnsafeUpload
from odind.modelfiles.parse import parse_model

__all__ = ["ModelMetadata", "PlateMetadata", "UnsafeUpload", "parse_model"]
