"""Slicer time strings: every shape the slicers print, and round trips through our own format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odind.modelfiles.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1d 2h 3m 4s", 93784),
        ("2d 3h 4m 5s", 183845),
        ("1h 2m 3s", 3723),
        ("17m 8s", 1028),
        ("45s", 45),
        ("0s", 0),
        ("2h 0m 0s", 7200),
        ("20m", 1200),
        ("3h", 10800),
        (" 14m 25s ", 865),
        ("1h2m3s", 3723),
        ("2:03:04", 7384),
        ("1d 0:00:10", 86410),
    ],
)
def test_parses_slicer_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "   ", "soon", "12", "1h 2x", "m s", "-5s", "1.5h"])
def test_rejects_non_durations(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (45, "45s"), (1028, "17m 8s"), (3600, "1h 0m 0s"), (93784, "1d 2h 3m 4s"), (86400, "1d 0h 0m 0s")],
)
def test_formats_like_prusaslicer(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_refuses_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)


@given(st.integers(min_value=0, max_value=400 * 86400))
def test_format_then_parse_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(
    st.integers(0, 30), st.integers(0, 23), st.integers(0, 59), st.integers(0, 59),
    st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_any_subset_of_units_parses(days: int, hours: int, minutes: int, secs: int, keep: list[bool]) -> None:
    units = [(days, "d", 86400), (hours, "h", 3600), (minutes, "m", 60), (secs, "s", 1)]
    chosen = [(value, unit, scale) for (value, unit, scale), flag in zip(units, keep, strict=True) if flag]
    if not chosen:
        chosen = [units[-1]]
    text = " ".join(f"{value}{unit}" for value, unit, _ in chosen)
    assert parse_duration(text) == sum(value * scale for value, _, scale in chosen)
