"""Filament colours in the one spelling odind uses everywhere: "#RRGGBB", upper case."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#?(?P<rgb>[0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?$")


def normalise_colour(value: str | None) -> str | None:
    """"#ff8000", "FF8000" and Bambu's RGBA "#FF8000FF" all become "#FF8000"; anything else is None."""
    if not value:
        return None
    match = _HEX.match(value.strip())
    return f"#{match['rgb'].upper()}" if match else None
