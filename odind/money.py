"""Exact money: the one Money type, the one rounding rule, and how figures leave the daemon.

Amounts are `Decimal` end to end and never floats (a float has already lost the value typed).
Sums and products of stored prices stay exact. Two things look like rounding and are not the same:

- `shown()` is the one rounding rule: half away from zero to the currency's minor unit, applied
  once, from the exact value, where a figure is shown or invoiced.
- `carried()` keeps a quotient (a £19.99 spool over 750 g) to twelve decimal places, a trillionth
  of a pound that no figure ever shows, so that every later sum and multiple of it stays exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

ZERO = Decimal(0)
PENNY = Decimal("0.01")
CARRIED_PLACES = Decimal("1e-12")

MINOR_DIGITS: dict[str, int] = {
    "GBP": 2, "EUR": 2, "USD": 2, "CAD": 2, "AUD": 2, "NZD": 2, "CHF": 2, "SEK": 2, "NOK": 2, "DKK": 2,
    "PLN": 2, "JPY": 0,
}


def refuse_float(value: object) -> object:
    """Money and rates arrive as decimal strings or Decimals; a float or a bool is refused outright."""
    if isinstance(value, float | bool):
        raise ValueError('must be a decimal string such as "12.50", not a float')
    return value


def _no_float_noise(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -8:
        raise ValueError("at most 8 decimal places")
    return value


Money = Annotated[Decimal, BeforeValidator(refuse_float), Field(ge=0, le=Decimal("1e12"), allow_inf_nan=False),
                  AfterValidator(_no_float_noise)]
"""A non-negative amount of money: a price, a fee, a payment."""


def shown(amount: Decimal | Fraction, currency: str = "GBP") -> Decimal:
    """The one rounding: half away from zero to the currency's minor unit.

    Done on integers, so a Fraction with no finite decimal form is still rounded exactly once.
    """
    digits = MINOR_DIGITS[currency]
    scaled = Fraction(amount) * 10**digits
    units = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(-units if scaled < 0 else units).scaleb(-digits)


def carried(quotient: Decimal) -> Decimal:
    """A quotient carried to twelve places so sums built on it stay exact; not a display rounding."""
    return quotient.quantize(CARRIED_PLACES, rounding=ROUND_HALF_EVEN)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """A margin-style percentage shown to two places; None when the whole is zero."""
    if whole == 0:
        return None
    return shown(Fraction(part) * 100 / Fraction(whole))


def exact_text(amount: Decimal) -> str:
    """The unrounded value as plain decimal text, without exponent or trailing zeros, for scripts."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def shown_text(amount: Decimal, currency: str = "GBP") -> str:
    return format(shown(amount, currency), "f")


def percent_text(part: Decimal, whole: Decimal) -> str | None:
    value = percent(part, whole)
    return None if value is None else format(value, "f")
