"""Bambu printer model ids (as in slice_info.config) to the names BambuStudio prints in G-code."""

from __future__ import annotations

BAMBU_MODEL_NAMES: dict[str, str] = {
    "BL-P001": "Bambu Lab X1 Carbon",
    "BL-P002": "Bambu Lab X1",
    "C13": "Bambu Lab X1E",
    "C11": "Bambu Lab P1P",
    "C12": "Bambu Lab P1S",
    "N1": "Bambu Lab A1 mini",
    "N2S": "Bambu Lab A1",
    "O1D": "Bambu Lab H2D",
}
