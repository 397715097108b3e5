"""Validation at the boundary: bad figures are refused with the offending field named."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image
from pydantic import ValidationError

from odind.invoice import Branding, InvoiceDocument, InvoiceLine, PackingSlip, PackingSlipLine

D = Decimal


def _locations(error: ValidationError) -> list[tuple[str | int, ...]]:
    return [tuple(item["loc"]) for item in error.errors()]


def test_negative_unit_price_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        InvoiceLine(description="Fox", quantity=1, unit_price=D("-1.00"))
    assert _locations(caught.value) == [("unit_price",)]
    assert "greater than or equal to 0" in str(caught.value)


def test_negative_price_inside_a_document_names_the_line(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError) as caught:
        make_doc(lines=[{"description": "Fox", "quantity": 1, "unit_price": "-3"}])
    assert _locations(caught.value) == [("lines", 0, "unit_price")]


@pytest.mark.parametrize(
    "field", ["shipping_charged", "order_discount", "refunds", "default_tax_rate", "shipping_tax_rate"]
)
def test_negative_document_money_names_the_field(field: str, make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError) as caught:
        make_doc(**{field: D("-0.01")})
    assert _locations(caught.value) == [(field,)]


@pytest.mark.parametrize("quantity", [0, -2])
def test_quantity_must_be_positive(quantity: int) -> None:
    with pytest.raises(ValidationError) as caught:
        InvoiceLine(description="Fox", quantity=quantity, unit_price=D("1"))
    assert _locations(caught.value) == [("quantity",)]


def test_float_money_is_refused_because_it_is_already_inexact() -> None:
    with pytest.raises(ValidationError) as caught:
        InvoiceLine(description="Fox", quantity=1, unit_price=0.1)
    assert _locations(caught.value) == [("unit_price",)]
    assert "not a float" in str(caught.value)


def test_decimal_strings_are_taken_exactly() -> None:
    line = InvoiceLine(description="Fox", quantity=3, unit_price="0.10")
    assert line.gross == D("0.30")


def test_tax_rate_over_100_percent_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        InvoiceLine(description="Fox", quantity=1, unit_price=D("1"), tax_rate=D("120"))
    assert _locations(caught.value) == [("tax_rate",)]


def test_line_discount_cannot_exceed_the_line() -> None:
    with pytest.raises(ValidationError) as caught:
        InvoiceLine(description="Fox", quantity=2, unit_price=D("3"), discount=D("6.01"))
    assert _locations(caught.value) == [("discount",)]
    assert InvoiceLine(description="Fox", quantity=2, unit_price=D("3"), discount=D("6")).discount == D("6")


def test_order_discount_cannot_exceed_the_goods(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError) as caught:
        make_doc(order_discount=D("42.99"))  # goods are 42.98
    assert _locations(caught.value) == [("order_discount",)]


def test_refunds_cannot_exceed_the_total(make_doc: Callable[..., InvoiceDocument]) -> None:
    make_doc(refunds=D("51.576"))  # the exact total
    with pytest.raises(ValidationError, match=re.escape("refunds 51.58 are more than the document total £51.58")):
        make_doc(refunds=D("51.58"))


def test_credit_note_must_say_which_invoice_it_credits(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError, match="credits_invoice_number is required"):
        make_doc(kind="credit_note")
    with pytest.raises(ValidationError, match="belongs on a credit note"):
        make_doc(kind="invoice", credits_invoice_number="INV-1")


def test_due_date_cannot_precede_the_issue_date(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError, match="due_on 2026-11-22 is before issued_on 2026-11-23"):
        make_doc(due_on=date(2026, 11, 22))
    assert make_doc(due_on=date(2026, 12, 7)).due_on == date(2026, 12, 7)


def test_unknown_currency_and_typo_fields_are_refused(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError) as caught:
        make_doc(currency="XBT")
    assert _locations(caught.value) == [("currency",)]
    with pytest.raises(ValidationError) as caught:
        make_doc(shiping_charged=D("1"))
    assert _locations(caught.value) == [("shiping_charged",)]


def test_document_needs_a_line(make_doc: Callable[..., InvoiceDocument]) -> None:
    with pytest.raises(ValidationError) as caught:
        make_doc(lines=[])
    assert _locations(caught.value) == [("lines",)]


def test_accent_colour_must_be_hex() -> None:
    with pytest.raises(ValidationError) as caught:
        Branding(business_name="Fox", accent_colour="orange")
    assert _locations(caught.value) == [("accent_colour",)]
    assert Branding(business_name="Fox", accent_colour="#C8501a").accent_rgb == (200, 80, 26)


def test_logo_must_be_a_readable_png_or_jpeg() -> None:
    with pytest.raises(ValidationError, match="neither a readable PNG nor a JPEG") as caught:
        Branding(business_name="Fox", logo=b"not an image")
    assert _locations(caught.value) == [("logo",)]
    gif, jpeg = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (8, 8), (200, 80, 26)).save(gif, "GIF")
    with pytest.raises(ValidationError, match="neither a readable PNG nor a JPEG"):
        Branding(business_name="Fox", logo=gif.getvalue())
    with pytest.raises(ValidationError, match="neither a readable PNG nor a JPEG"):
        Branding(business_name="Fox", logo=b"\x89PNG\r\n\x1a\n" + b"\0" * 40)

    Image.new("RGB", (8, 8), (200, 80, 26)).save(jpeg, "JPEG")
    assert Branding(business_name="Fox", logo=jpeg.getvalue()).logo == jpeg.getvalue()


def test_packing_slip_refuses_zero_quantity_and_empty_address(branding: Branding) -> None:
    with pytest.raises(ValidationError) as caught:
        PackingSlip(branding=branding, order_reference="O-1", ship_to=[],
                    lines=[{"description": "Fox", "quantity": 0}])
    assert sorted(_locations(caught.value), key=str) == [("lines", 0, "quantity"), ("ship_to",)]
    slip = PackingSlip(branding=branding, order_reference="O-1", ship_to=["Ada"],
                       lines=[PackingSlipLine(description="Fox", quantity=1)])
    assert slip.lines[0].quantity == 1
