"""Builders and PDF reading shared by the invoice tests."""

from __future__ import annotations

import io
from decimal import Decimal

from pypdf import PdfReader

from odind.invoice import InvoiceLine


def three_lines() -> list[InvoiceLine]:
    """25.00 + 7.99 + 9.99 = 42.98 net; 20 % tax is 8.596, so the shown tax rounds up to 8.60."""
    return [
        InvoiceLine(description="Articulated fox", sku="FOX-1", quantity=2, unit_price=Decimal("12.50")),
        InvoiceLine(description="Dragon egg", sku="EGG-2", quantity=1, unit_price=Decimal("7.99")),
        InvoiceLine(description="Cable clip (pack)", sku="CLP-3", quantity=3, unit_price=Decimal("3.33")),
    ]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))
