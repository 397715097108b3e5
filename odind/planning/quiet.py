"""Operator quiet hours: no print may start that would still be running when they begin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo


@dataclass(frozen=True, slots=True)
class QuietWindow:
    """The quiet hours as seen from one instant."""

    active: bool  # now is inside quiet hours
    next_start: float  # epoch s when the next (or current) quiet period began / begins
    ends_at: float  # epoch s when that quiet period ends
    daily_window_s: float  # printing time available between two quiet periods

    def allows(self, now: float, print_time_s: float) -> bool:
        return not self.active and now + print_time_s <= self.next_start


def quiet_window(now: float, start: time | None, end: time | None, tz: tzinfo) -> QuietWindow | None:
    """Locate the quiet period in local time (so it follows daylight saving), or None if unset."""
    if start is None or end is None or start == end:
        return None
    today = datetime.fromtimestamp(now, tz).date()
    periods = []
    for offset in (-1, 0, 1, 2):
        day = today + timedelta(days=offset)
        opens = datetime.combine(day, start, tz)
        closes = datetime.combine(day if end > start else day + timedelta(days=1), end, tz)
        periods.append((opens.timestamp(), closes.timestamp()))
    current = next(((b, e) for b, e in periods if b <= now < e), None)
    begin, finish = current or min(((b, e) for b, e in periods if b > now), key=lambda p: p[0])
    window_s = (_seconds(start) - _seconds(end)) % 86400
    return QuietWindow(active=current is not None, next_start=begin, ends_at=finish, daily_window_s=window_s)


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second
