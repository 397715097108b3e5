"""Fixtures for invoice tests: a branding and a document factory with one override per test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from odind.invoice import Branding, InvoiceDocument
from tests.invoice.helpers import three_lines


@pytest.fixture
def branding() -> Branding:
    return Branding(
        business_name="Red Fox Prints",
        address_lines=["12 Kiln Lane", "Leeds LS1 4AB"],
        accent_colour="#C8501A",
        footer="VAT reg GB123456789",
    )


@pytest.fixture
def make_doc() -> Callable[..., InvoiceDocument]:
    def build(**overrides: Any) -> InvoiceDocument:
        fields: dict[str, Any] = {
            "number": "INV-0042",
            "issued_on": date(2026, 11, 23),
            "order_reference": "ETSY-3141",
            "customer_name": "Ada Lovelace",
            "customer_address_lines": ["1 Analytical St", "London N1 1AA"],
            "platform": "Etsy",
            "currency": "GBP",
            "default_tax_rate": Decimal("20"),
            "lines": three_lines(),
        }
        fields.update(overrides)
        return InvoiceDocument(**fields)

    return build
