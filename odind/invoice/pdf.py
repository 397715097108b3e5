"""Invoices, credit notes and packing slips drawn as PDF with fpdf2.

fpdf2 is pure Python and needs no system libraries, which keeps rendering dependable on a Raspberry
Pi; its table layer breaks long tables across pages and repeats the heading row by itself. The
fonts are the bundled DejaVu Sans (see `odind/fonts/`), embedded and subset into every file, so £
and € print the same whatever fonts the host has. Figures come from `compute_totals`, which rounds
each one once; this module only formats them.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.resources import as_file, files
from typing import Any, Literal

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, TableCellFillMode, TableHeadingsDisplay, XPos, YPos

from odind.invoice.currency import format_money
from odind.invoice.document import Branding, InvoiceDocument, PackingSlip, logo_size
from odind.invoice.totals import InvoiceTotals, compute_totals
from odind.money import shown

log = logging.getLogger(__name__)

FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

_TITLES = {"invoice": "Invoice", "credit_note": "Credit note", "proforma": "Pro forma invoice", "quote": "Quote"}
_BALANCE_LABELS = {"invoice": "Balance due", "credit_note": "Balance to credit", "proforma": "Balance due",
                   "quote": "Total"}

_INK = (33, 33, 33)
_MUTED = (110, 110, 110)
_RULE = (200, 200, 200)
_ZEBRA = (246, 246, 246)
_WHITE = (255, 255, 255)

_LOGO_HEIGHT_MM = 18
_LOGO_MAX_WIDTH_MM = 50
_BODY_PT = 9.5


class _Sheet(FPDF):
    """An A4 page with the bundled font and a footer (branding footer, page x of y) on every page."""

    def __init__(self, branding: Branding, title: str, created: date | None = None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        if created is not None:
            self.set_creation_date(datetime.combine(created, datetime.min.time(), tzinfo=UTC))
        self._footer_text = branding.footer
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=22)
        self.set_title(title)
        self.set_author(branding.business_name)
        self.set_creator("odind")
        with ExitStack() as stack:
            for style, name in _FONT_FILES.items():
                path = stack.enter_context(as_file(files("odind").joinpath("fonts", name)))
                self.add_font(FONT, style, path)
        self.set_font(FONT, size=_BODY_PT)
        self.set_text_color(*_INK)
        self.set_draw_color(*_RULE)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-16)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*_MUTED)
        if self._footer_text:
            self.cell(0, 4, self._footer_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")


def render_invoice(doc: InvoiceDocument, branding: Branding) -> bytes:
    """The invoice, credit note or pro forma as PDF bytes; `doc` is already validated.

    The file is dated by the issue date, not the clock, so a reprint is byte for byte the original.
    """
    totals = compute_totals(doc)
    title = _TITLES[doc.kind]
    number = doc.number or "DRAFT"
    pdf = _Sheet(branding, f"{title} {number}", created=doc.issued_on)
    meta: list[tuple[str, str]] = [("Date", _date(doc.issued_on))]
    if doc.due_on is not None:
        meta.append(("Valid until" if doc.kind == "quote" else "Due", _date(doc.due_on)))
    if doc.kind != "quote":
        meta.append(("Order", doc.order_reference))
    if doc.platform:
        meta.append(("Platform", doc.platform))
    if doc.credits_invoice_number:
        meta.append(("Credits invoice", doc.credits_invoice_number))
    _letterhead(pdf, branding, title, number, meta)
    _address_block(pdf, "Bill to" if doc.kind != "credit_note" else "Customer",
                   [doc.customer_name, *doc.customer_address_lines])
    _line_table(pdf, doc, totals, branding)
    _totals_block(pdf, doc, totals)
    if doc.notes:
        _notes(pdf, doc.notes)
    data = bytes(pdf.output())
    log.debug("rendered %s %s: %d lines, %d pages", doc.kind, number, len(doc.lines), pdf.pages_count)
    return data


def render_packing_slip(slip: PackingSlip) -> bytes:
    """A packing slip as PDF bytes: what goes in the parcel and where it goes, without prices."""
    branding = slip.branding
    pdf = _Sheet(branding, f"Packing slip {slip.order_reference}")
    meta = [("Order", slip.order_reference)]
    if slip.shipment_reference:
        meta.append(("Shipment", slip.shipment_reference))
    if slip.carrier:
        meta.append(("Carrier", slip.carrier))
    if slip.tracking_number:
        meta.append(("Tracking", slip.tracking_number))
    _letterhead(pdf, branding, "Packing slip", None, meta)
    _address_block(pdf, "Ship to", slip.ship_to)
    pdf.set_font(FONT, "", _BODY_PT)
    with pdf.table(
        col_widths=(30, 108, 20, 22),
        text_align=("LEFT", "LEFT", "RIGHT", "CENTER"),
        **_table_style(branding),
    ) as table:
        table.row(["SKU", "Description", "Qty", "Packed"])
        for line in slip.lines:
            table.row([line.sku or "", line.description, str(line.quantity), "\u25a1"])
    pdf.ln(3)
    pdf.set_font(FONT, "B", _BODY_PT)
    items = sum(line.quantity for line in slip.lines)
    pdf.cell(0, 6, f"{items} item{'s' if items != 1 else ''} in {len(slip.lines)} line"
             f"{'s' if len(slip.lines) != 1 else ''}", align="R")
    return bytes(pdf.output())


def _date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _letterhead(
    pdf: _Sheet, branding: Branding, title: str, number: str | None, meta: Sequence[tuple[str, str]]
) -> None:
    """Business on the left (logo, name in the accent colour, address); title and references right."""
    top = pdf.t_margin
    text_x = pdf.l_margin
    logo_height = 0.0
    if branding.logo is not None:
        width, logo_height = _logo_box(branding.logo)
        pdf.image(io.BytesIO(branding.logo), x=pdf.l_margin, y=top, w=width, h=logo_height)
        text_x += width + 4
    left_width = 100 - (text_x - pdf.l_margin)
    pdf.set_xy(text_x, top)
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(*branding.accent_rgb)
    pdf.multi_cell(left_width, 7, branding.business_name, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*_MUTED)
    for line in branding.address_lines:
        pdf.multi_cell(left_width, 4.2, line, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    left_bottom = max(pdf.get_y(), top + logo_height)

    right_x, right_width = 120.0, pdf.w - pdf.r_margin - 120.0
    pdf.set_xy(right_x, top)
    pdf.set_font(FONT, "B", 17)
    pdf.set_text_color(*_INK)
    pdf.cell(right_width, 8, title, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if number is not None:
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*branding.accent_rgb)
        pdf.cell(right_width, 6, number, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(1)
    for label, value in meta:
        pdf.set_x(right_x)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*_MUTED)
        pdf.cell(28, 4.6, label)
        pdf.set_text_color(*_INK)
        pdf.multi_cell(right_width - 28, 4.6, value, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, max(left_bottom, pdf.get_y()) + 6)
    pdf.set_text_color(*_INK)


def _logo_box(logo: bytes) -> tuple[float, float]:
    """Fit the logo in a 50 x 18 mm box, keeping its shape, so a wide banner cannot cover the header."""
    pixels_wide, pixels_high = logo_size(logo)
    ratio = pixels_wide / pixels_high
    width = min(_LOGO_HEIGHT_MM * ratio, _LOGO_MAX_WIDTH_MM)
    return width, width / ratio


def _address_block(pdf: _Sheet, label: str, lines: Sequence[str]) -> None:
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_text_color(*_MUTED)
    pdf.cell(0, 5, label.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*_INK)
    for index, line in enumerate(lines):
        pdf.set_font(FONT, "B" if index == 0 else "", _BODY_PT)
        pdf.multi_cell(95, 4.8, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)


def _table_style(branding: Branding) -> dict[str, Any]:
    """What the line tables share: accent heading repeated on every page, zebra rows, top-aligned cells."""
    return {
        "headings_style": FontFace(emphasis="BOLD", color=_WHITE, fill_color=branding.accent_rgb),
        "repeat_headings": TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        "borders_layout": TableBordersLayout.HORIZONTAL_LINES,
        "cell_fill_color": _ZEBRA,
        "cell_fill_mode": TableCellFillMode.EVEN_ROWS,
        "line_height": 4.6,
        "padding": (1.4, 1.6),
        "v_align": "TOP",
    }


def _line_table(pdf: _Sheet, doc: InvoiceDocument, totals: InvoiceTotals, branding: Branding) -> None:
    money = doc.currency
    pdf.set_font(FONT, "", _BODY_PT)
    with pdf.table(
        col_widths=(70, 30, 14, 32, 34),
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        **_table_style(branding),
    ) as table:
        table.row(["Description", "SKU", "Qty", "Unit price", "Line total"])
        for line, value in zip(doc.lines, totals.line_values, strict=True):
            description = line.description
            if line.discount:
                description += f"\nDiscount {format_money(-shown(line.discount, money), money)}"
            table.row([
                description,
                line.sku or "",
                str(line.quantity),
                format_money(line.unit_price, money),
                format_money(value, money),
            ])


def _totals_rows(doc: InvoiceDocument, totals: InvoiceTotals) -> list[tuple[str, str, bool]]:
    """(label, figure, emphasised) rows; zero-rate tax is left out so an unregistered seller shows none."""
    money = doc.currency

    def fmt(amount: Decimal) -> str:
        return format_money(amount, money)

    rows = [("Subtotal", fmt(totals.subtotal), False)]
    if totals.discount:
        rows.append(("Discount", fmt(-totals.discount), False))
    rows.append(("Shipping", fmt(totals.shipping), False))
    taxed = {rate: tax for rate, tax in totals.tax_by_rate.items() if rate > 0}
    for rate, tax in taxed.items():
        rows.append((f"{doc.tax_label} {_percent(rate)}%", fmt(tax), False))
    if len(taxed) > 1:
        rows.append((f"Total {doc.tax_label}", fmt(totals.tax), False))
    rows.append(("Total", fmt(totals.total), True))
    if totals.refunds:
        rows.append(("Refunds", fmt(-totals.refunds), False))
    rows.append((_BALANCE_LABELS[doc.kind], fmt(totals.balance), True))
    return rows


def _percent(rate: Decimal) -> str:
    text = format(rate, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _totals_block(pdf: _Sheet, doc: InvoiceDocument, totals: InvoiceTotals) -> None:
    rows = _totals_rows(doc, totals)
    row_height = 6.0
    pdf.ln(3)
    if pdf.will_page_break(row_height * len(rows)):
        pdf.add_page()
    label_x, label_width, figure_width = 105.0, 55.0, 35.0
    for label, figure, emphasised in rows:
        pdf.set_x(label_x)
        pdf.set_font(FONT, "B" if emphasised else "", 10 if emphasised else _BODY_PT)
        border: Literal["T", 0] = "T" if emphasised else 0
        pdf.cell(label_width, row_height, label, border=border)
        pdf.cell(figure_width, row_height, figure, border=border, align="R",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _notes(pdf: _Sheet, notes: str) -> None:
    pdf.ln(6)
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_text_color(*_MUTED)
    pdf.cell(0, 5, "NOTES", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", _BODY_PT)
    pdf.set_text_color(*_INK)
    pdf.multi_cell(0, 4.8, notes, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
