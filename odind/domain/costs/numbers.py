"""How exact figures leave the daemon: decimal strings, exact and shown.

The one rounding rule is odind.money.shown (half-up to the penny), applied only here, where a figure
is shown; `exact` strings carry the unrounded value so scripts and tests can check it to the last digit.
"""

from __future__ import annotations

from decimal import Decimal

from odind import money


def exact(amount: Decimal) -> str:
    """The unrounded value as plain decimal text, without exponent or trailing zeros."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def shown(amount: Decimal) -> str:
    return format(money.shown(amount), "f")


def margin(profit: Decimal, revenue: Decimal) -> str | None:
    value = money.percent(profit, revenue)
    return None if value is None else format(value, "f")
