"""Which loaded tray feeds each of the slicer's filaments (the `ams_mapping` of project_file)."""

from __future__ import annotations

from odind.drivers.base import DriverError
from odind.vocabulary import FilamentNeed, LoadedFilament

EXTERNAL_SPOOL = 254


def _tray_index(slot: str) -> int:
    return EXTERNAL_SPOOL if slot == "ext" else int(slot)


def _fits(need: FilamentNeed, loaded: LoadedFilament) -> bool:
    if need.material.strip().upper() != loaded.material.strip().upper():
        return False
    return need.colour is None or (loaded.colour or "").upper() == need.colour.upper()


def ams_mapping(needs: list[FilamentNeed], loaded: list[LoadedFilament], *,
                use_ams: bool) -> list[int]:
    """One tray index per need, in slicer order; raises DriverError naming what is missing.

    A wrong colour is a wrong product for a print shop, so colours must match exactly when the job
    names one. Among fitting trays the fullest wins, so a nearly empty spool is not picked first.
    """
    candidates = [f for f in loaded if use_ams or f.slot == "ext"]
    mapping: list[int] = []
    for position, need in enumerate(needs, start=1):
        fitting = [f for f in candidates if _fits(need, f)]
        if not fitting:
            wanted = f"{need.material} {need.colour or ''}".strip()
            have = ", ".join(f"{f.slot}: {f.material} {f.colour or ''}".strip() for f in candidates)
            raise DriverError(f"filament {position} ({wanted}) is not loaded; loaded: {have or 'nothing'}")
        best = max(fitting, key=lambda f: f.remaining_pct if f.remaining_pct is not None else -1.0)
        mapping.append(_tray_index(best.slot))
    return mapping
