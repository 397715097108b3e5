"""How the planner words things for the operator: filament, sizes, durations, printer lists."""

from __future__ import annotations

from collections.abc import Sequence

from odind.planning.model import Need


def need_text(need: Need) -> str:
    material, colour = need
    return f"{material} {colour}" if colour else f"{material} (any colour)"


def needs_text(needs: Sequence[Need]) -> str:
    return ", ".join(need_text(n) for n in needs)


def size_text(dims: Sequence[float]) -> str:
    return "x".join(f"{d:g}" for d in dims) + " mm"


def duration_text(seconds: float) -> str:
    minutes = max(0, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def names_text(names: Sequence[str], limit: int = 3) -> str:
    """'A, B and C' or 'A, B, C and 4 more'."""
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def choice_text(names: Sequence[str], models: Sequence[str]) -> str:
    """Which printers an operator could act on: 'Bench-1 or Bench-2', 'any P1S', 'any of 12 printers'."""
    if len(names) == 1:
        return names[0]
    if len(set(models)) == 1 and models[0]:
        return f"any {models[0]}"
    if len(names) <= 3:
        return ", ".join(names[:-1]) + " or " + names[-1]
    return f"any of {len(names)} suitable printers"
