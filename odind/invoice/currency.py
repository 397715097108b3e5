"""Currencies a document can be issued in: their minor unit, their symbol, and the one rounding.

Every figure a document shows goes through `round_shown` exactly once, from the exact value, so a
figure is never a rounding of a rounding. Unit prices are inputs, not results: they are shown as
given (padded to the minor unit), never rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
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


def round_shown(amount: Fraction | Decimal, code: str) -> Decimal:
    """Round half away from zero (ROUND_HALF_UP) to the currency's minor unit, from the exact value.

    Done on integers so a Fraction that has no finite decimal form is still rounded exactly once.
    """
    digits = _CURRENCIES[code].minor_digits
    scaled = Fraction(amount) * 10**digits
    units = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    if scaled < 0:
        units = -units
    return Decimal(units).scaleb(-digits)


def format_money(amount: Decimal, code: str) -> str:
    """`£1,234.50`, `−£2.00`: symbol first, thousands grouped, a true minus sign for negatives.

    Shows at least the minor unit and every digit the amount carries beyond it, so a sub-penny unit
    price such as 0.125 prints in full instead of being silently rounded.
    """
    cur = _CURRENCIES[code]
    places = max(cur.minor_digits, -int(amount.as_tuple().exponent))
    body = f"{abs(amount):,.{places}f}"
    return f"{MINUS if amount < 0 else ''}{cur.prefix}{body}"
