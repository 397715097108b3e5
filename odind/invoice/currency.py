"""Currencies a document can be issued in, and how their amounts are written.

Every figure a document shows goes through odind.money.shown exactly once, from the exact value, so a
figure is never a rounding of a rounding. Unit prices are inputs, not results: they are shown as
given (padded to the minor unit), never rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

CurrencyCode = Literal["GBP", "EUR", "USD", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY"]

MINUS = "\u2212"


@dataclass(frozen=True)
class Currency:
    code: str
    prefix: str
    minor_digits: int


_CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("GBP", "£", 2),
        Currency("EUR", "€", 2),
        Currency("USD", "$", 2),
        Currency("CAD", "CA$", 2),
        Currency("AUD", "A$", 2),
        Currency("NZD", "NZ$", 2),
        Currency("CHF", "CHF\u00a0", 2),
        Currency("SEK", "SEK\u00a0", 2),
        Currency("NOK", "NOK\u00a0", 2),
        Currency("DKK", "DKK\u00a0", 2),
        Currency("PLN", "PLN\u00a0", 2),
        Currency("JPY", "¥", 0),
    )
}


def currency(code: str) -> Currency:
    return _CURRENCIES[code]


def format_money(amount: Decimal, code: str) -> str:
    """`£1,234.50`, `−£2.00`: symbol first, thousands grouped, a true minus sign for negatives.

    Shows at least the minor unit and every digit the amount carries beyond it, so a sub-penny unit
    price such as 0.125 prints in full instead of being silently rounded.
    """
    cur = _CURRENCIES[code]
    places = max(cur.minor_digits, -int(amount.as_tuple().exponent))
    body = f"{abs(amount):,.{places}f}"
    return f"{MINUS if amount < 0 else ''}{cur.prefix}{body}"
