"""Rendered PDFs, read back with pypdf: the figures, titles and lines a customer will see."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from odind.invoice import (
    Branding,
    InvoiceDocument,
    InvoiceLine,
    PackingSlip,
    PackingSlipLine,
    render_invoice,
    render_packing_slip,
)
from tests.invoice.helpers import pdf_pages, pdf_text

D = Decimal
HEADING = "Description SKU Qty Unit price Line total"


def test_three_line_gbp_invoice_shows_exact_figures(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    data = render_invoice(make_doc(), branding)

    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in [
        "Red Fox Prints",
        "Invoice",
        "INV-0042",
        "23 Nov 2026",
        "ETSY-3141",
        "Etsy",
        "Ada Lovelace",
        "1 Analytical St",
        HEADING,
        "Articulated fox FOX-1 2 £12.50 £25.00",
        "Dragon egg EGG-2 1 £7.99 £7.99",
        "Cable clip (pack) CLP-3 3 £3.33 £9.99",
        "Subtotal £42.98",
        "Shipping £0.00",
        "VAT 20% £8.60",
        "Total £51.58",
        "Balance due £51.58",
        "VAT reg GB123456789",
        "Page 1 of 1",
    ]:
        assert expected in text, expected
    assert "DRAFT" not in text
    assert "Refunds" not in text
    assert "Discount" not in text


def test_discounts_shipping_refunds_and_two_rates(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    lines = [
        InvoiceLine(description="Fox", sku="FOX-1", quantity=2, unit_price=D("10"), discount=D("2.50")),
        InvoiceLine(description="Print guide", sku="BK-1", quantity=1, unit_price=D("5"), tax_rate=D("5")),
    ]
    doc = make_doc(lines=lines, order_discount=D("2.25"), shipping_charged=D("3.95"), refunds=D("4"))
    text = pdf_text(render_invoice(doc, branding))

    # Goods after line discounts are 22.50; the order discount (10 % of them) takes 1.75 off the fox
    # and 0.50 off the guide. 20 % x (15.75 + 3.95 shipping) = 3.94; 5 % x 4.50 = 0.225 -> 0.23;
    # tax 4.165 -> 4.17; total 25 - 4.75 + 3.95 + 4.165 = 28.365 -> 28.37; balance 24.365 -> 24.37.
    for expected in [
        "Fox\nDiscount −£2.50",
        "Subtotal £25.00",
        "Discount −£4.75",
        "Shipping £3.95",
        "VAT 5% £0.23",
        "VAT 20% £3.94",
        "Total VAT £4.17",
        "Total £28.37",
        "Refunds −£4.00",
        "Balance due £24.37",
    ]:
        assert expected in text, expected


def test_euro_invoice_prints_the_euro_sign(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    text = pdf_text(render_invoice(make_doc(currency="EUR", tax_label="MwSt"), branding))

    assert "Subtotal €42.98" in text
    assert "MwSt 20% €8.60" in text
    assert "Total €51.58" in text
    assert "£" not in text


def test_dollar_invoice_without_tax_shows_no_tax_row(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    text = pdf_text(render_invoice(make_doc(currency="USD", default_tax_rate=D("0")), branding))

    assert "Shipping $0.00\nTotal $42.98" in text
    assert "VAT 0%" not in text


def test_sub_penny_unit_price_is_shown_as_given(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    lines = [InvoiceLine(description="M3 insert", sku="INS-3", quantity=100, unit_price=D("0.125"))]
    text = pdf_text(render_invoice(make_doc(lines=lines), branding))

    assert "M3 insert INS-3 100 £0.125 £12.50" in text


def test_credit_note_has_its_title_and_the_invoice_it_credits(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    doc = make_doc(kind="credit_note", number="CN-0007", credits_invoice_number="INV-0042")
    text = pdf_text(render_invoice(doc, branding))

    assert "Credit note" in text
    assert "CN-0007" in text
    assert "Credits invoice INV-0042" in text
    assert "Balance to credit £51.58" in text
    assert "Balance due" not in text


def test_due_date_is_shown_when_given(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    text = pdf_text(render_invoice(make_doc(due_on=date(2026, 12, 7)), branding))

    assert "Date 23 Nov 2026" in text
    assert "Due 7 Dec 2026" in text


def test_proforma_title(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    assert "Pro forma invoice" in pdf_text(render_invoice(make_doc(kind="proforma", number=None), branding))


def test_unnumbered_invoice_renders_as_draft(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    data = render_invoice(make_doc(number=None), branding)

    assert "DRAFT" in pdf_text(data)
    assert PdfReader(io.BytesIO(data)).metadata.title == "Invoice DRAFT"


def test_a_reprint_is_byte_for_byte_the_original(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    first = render_invoice(make_doc(), branding)
    assert render_invoice(make_doc(), branding) == first
    assert render_invoice(make_doc(refunds=D("1")), branding) != first
    assert PdfReader(io.BytesIO(first)).metadata.creation_date.date() == make_doc().issued_on


def test_120_line_order_breaks_across_pages_with_the_heading_repeated(
    make_doc: Callable[..., InvoiceDocument], branding: Branding
) -> None:
    lines = [
        InvoiceLine(description=f"Item {index:03d} articulated fox", sku=f"SKU-{index:03d}", quantity=1,
                    unit_price=D("1.25"))
        for index in range(120)
    ]
    pages = pdf_pages(render_invoice(make_doc(lines=lines), branding))

    assert len(pages) > 1
    text = "\n".join(pages)
    for index in range(120):
        assert f"Item {index:03d} articulated fox SKU-{index:03d} 1 £1.25 £1.25" in text, index
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if "articulated fox" in page:
            assert page.count(HEADING) == 1, number
    assert "Subtotal £150.00" in pages[-1]
    assert "Total £180.00" in pages[-1]


def test_embeds_the_bundled_font(make_doc: Callable[..., InvoiceDocument], branding: Branding) -> None:
    reader = PdfReader(io.BytesIO(render_invoice(make_doc(), branding)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}

    assert any(name.endswith("+DejaVuSansBook") for name in names), names
    assert any(name.endswith("+DejaVuSansBold") for name in names), names


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_logo_is_drawn(fmt: str, tmp_path: Path, make_doc: Callable[..., InvoiceDocument]) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (120, 60), (200, 80, 26)).save(logo, fmt)
    branding = Branding(business_name="Red Fox Prints", logo=logo.getvalue())
    reader = PdfReader(io.BytesIO(render_invoice(make_doc(), branding)))

    images = reader.pages[0].images
    assert len(images) == 1
    assert images[0].image.size == (120, 60)
    assert "Red Fox Prints" in reader.pages[0].extract_text()


def test_a_wide_banner_logo_is_fitted_into_the_header(
    tmp_path: Path, make_doc: Callable[..., InvoiceDocument]
) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (1000, 100), (200, 80, 26)).save(logo, "PNG")
    branding = Branding(business_name="Fox", logo=logo.getvalue())
    page = PdfReader(io.BytesIO(render_invoice(make_doc(), branding))).pages[0]

    placed = re.search(rb"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm /I\w+ Do", page.get_contents().get_data())
    assert placed is not None
    width_mm, height_mm = (float(value) * 25.4 / 72 for value in placed.groups())
    assert width_mm == pytest.approx(50, abs=0.1)
    assert height_mm == pytest.approx(5, abs=0.1)


def test_packing_slip_lists_what_goes_in_the_parcel(branding: Branding) -> None:
    slip = PackingSlip(
        branding=branding,
        order_reference="ETSY-3141",
        shipment_reference="SHP-7",
        carrier="Royal Mail",
        tracking_number="AB123456789GB",
        ship_to=["Zoë Ångström", "1 Analytical St", "London N1 1AA"],
        lines=[
            PackingSlipLine(sku="FOX-1", description="Articulated fox", quantity=2),
            PackingSlipLine(description="Gift note", quantity=1),
        ],
    )
    text = pdf_text(render_packing_slip(slip))

    for expected in [
        "Packing slip",
        "Order ETSY-3141",
        "Shipment SHP-7",
        "Carrier Royal Mail",
        "Tracking AB123456789GB",
        "SHIP TO",
        "Zoë Ångström",
        "FOX-1 Articulated fox 2",
        "Gift note 1",
        "3 items in 2 lines",
    ]:
        assert expected in text, expected
    assert "£" not in text
