"""Which slicer wrote a file, from the name it gives itself.

Forks keep their parent's layout but not its name: Orca-Flashforge and Snapmaker Orca are OrcaSlicer
forks, OrcaSlicer and QIDIStudio are BambuStudio forks, so the name decides, never the layout. A fork
that writes its parent's name (OrcaSlicer 2.1.0-alpha's model files say "BambuStudio-2.1.0-alpha") is
reported under that name: the file is taken at its word.
"""

from __future__ import annotations

import re

from odind.modelfiles.models import Flavour

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_MARKERS: tuple[tuple[str, Flavour], ...] = (
    ("superslicer", "superslicer"),
    ("prusaslicer", "prusaslicer"),
    ("bambustudio", "bambustudio"),
    ("qidistudio", "qidistudio"),  # QIDI's BambuStudio fork
    ("cura", "cura"),
    ("simplify3d", "simplify3d"),
    ("ideamaker", "ideamaker"),
    ("slic3r", "slic3r"),  # Slic3r and Slic3r Prusa Edition, PrusaSlicer's ancestors
    ("kisslicer", "kisslicer"),
    ("kirimoto", "kirimoto"),
)


def classify(name: str | None) -> Flavour:
    """The flavour for a generator name such as "Snapmaker Orca", "OrcaSlicer-2.1.1" or "Cura_SteamEngine"."""
    if not name:
        return "unknown"
    key = _NOT_ALNUM.sub("", name.lower())
    if "orca" in key:
        if "flashforge" in key:
            return "orca-flashforge"
        if "snapmaker" in key:
            return "snapmaker-orca"
        return "orcaslicer"
    return next((flavour for marker, flavour in _MARKERS if marker in key), "unknown")
