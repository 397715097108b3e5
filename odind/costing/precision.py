"""How far quotients are carried, so that every sum and multiple built on them stays exact.

A cost per print hour applied to 1,200 seconds, a £19.99 spool over 750 g, or a share of a FIFO layer
(£0.37 over 138 magnets) usually has no finite decimal expansion. Left at Decimal's 28 significant
digits, such a quotient makes later sums inexact in the last digit, and a set of nine no longer costs
exactly nine times one. Carrying each quotient to a fixed 12 decimal places (a trillionth of a pound,
invisible in any figure shown) keeps every later addition and multiplication exact. This is not the
display rounding: figures are still rounded only when shown, with odind.money.shown.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

CARRIED_PLACES = Decimal("1e-12")


def carried(quotient: Decimal) -> Decimal:
    return quotient.quantize(CARRIED_PLACES, rounding=ROUND_HALF_EVEN)
