"""Slicer duration strings ("1d 2h 3m 4s", "17m 8s", "45s") to seconds and back."""

from __future__ import annotations

import re

_DHMS = re.compile(
    r"^\s*(?:(?P<d>\d{1,9})\s*d)?\s*(?:(?P<h>\d{1,9})\s*h)?\s*(?:(?P<m>\d{1,9})\s*m(?:in)?)?\s*(?:(?P<s>\d{1,9})\s*s)?\s*$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\s*(?:(?P<d>\d{1,9})\s*d\s*)?(?P<h>\d{1,9}):(?P<m>\d{1,2}):(?P<s>\d{1,2})\s*$")
_WORDS = re.compile(
    r"^\s*(?:(?P<d>\d{1,9})\s*days?)?\s*(?:(?P<h>\d{1,9})\s*hours?)?\s*(?:(?P<m>\d{1,9})\s*minutes?)?"
    r"\s*(?:(?P<s>\d{1,9})\s*seconds?)?\s*$",
    re.IGNORECASE,
)


def parse_duration(text: str) -> int | None:
    """Seconds in a slicer time string, or None when it is not one.

    Slicers drop leading zero units ("17m 8s"); some tools print clock style ("2:03:04");
    Simplify3D spells the units out ("1 hours 2 minutes").
    """
    match = _DHMS.match(text) or _CLOCK.match(text) or _WORDS.match(text)
    if match is None or not any(match.groupdict().values()):
        return None
    parts = {key: int(value) if value else 0 for key, value in match.groupdict().items()}
    return ((parts["d"] * 24 + parts["h"]) * 60 + parts["m"]) * 60 + parts["s"]


def format_duration(seconds: int) -> str:
    """PrusaSlicer's style: units down from the largest non-zero one, e.g. "1h 0m 5s", "45s"."""
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h {minutes}m {secs}s"
    if hours:
        return f"{hours}h {minutes}m {secs}s"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"
