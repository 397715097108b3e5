"""Exact money: Decimal end to end, rounded once where a figure is shown or invoiced.

The one rounding rule: `shown()` rounds half-up to the penny. Nothing else rounds; sums and
products of stored prices stay exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0")


def parse(value: object, field: str) -> Decimal:
    """Read money from user input; floats are refused because they are already inexact."""
    from odind.errors import Invalid

    if isinstance(value, bool) or isinstance(value, float):
        raise Invalid(f"{field} must be a decimal string such as \"12.50\", not a float", field=field)
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Invalid(f"{field} is not a number: {value!r}", field=field) from None
    if not amount.is_finite():
        raise Invalid(f"{field} must be a finite number", field=field)
    return amount


def shown(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Margin-style percentage shown to two places; None when the whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(PENNY, rounding=ROUND_HALF_UP)
