"""Exact money: Decimal end to end, rounded once where a figure is shown or invoiced.

The one rounding rule: `shown()` rounds half-up to the penny. Nothing else rounds; sums and
products of stored prices stay exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0")


def shown(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Margin-style percentage shown to two places; None when the whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(PENNY, rounding=ROUND_HALF_UP)
