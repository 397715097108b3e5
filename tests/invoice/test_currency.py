"""How money reads on a document: symbol first, grouped thousands, a true minus, no silent rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from odind.invoice import format_money

D = Decimal


@pytest.mark.parametrize(
    ("amount", "code", "expected"),
    [
        (D("1234.5"), "GBP", "£1,234.50"),
        (D("-2"), "EUR", "−€2.00"),
        (D("0"), "USD", "$0.00"),
        (D("0.125"), "GBP", "£0.125"),
        (D("1106"), "JPY", "¥1,106"),
        (D("19.9"), "CHF", "CHF\u00a019.90"),
        (D("1E+3"), "AUD", "A$1,000.00"),
    ],
)
def test_format_money(amount: Decimal, code: str, expected: str) -> None:
    assert format_money(amount, code) == expected
