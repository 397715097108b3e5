"""PDF invoices, credit notes and packing slips: validated documents, exact totals, fpdf2 rendering."""

from odind.invoice.currency import format_money, round_shown
from odind.invoice.document import (
    Branding,
    InvoiceDocument,
    InvoiceLine,
    PackingSlip,
    PackingSlipLine,
)
from odind.invoice.pdf import render_invoice, render_packing_slip
from odind.invoice.totals import ExactTotals, InvoiceTotals, compute_totals, exact_totals

__all__ = [
    "Branding",
    "ExactTotals",
    "InvoiceDocument",
    "InvoiceLine",
    "InvoiceTotals",
    "PackingSlip",
    "PackingSlipLine",
    "compute_totals",
    "exact_totals",
    "format_money",
    "render_invoice",
    "render_packing_slip",
    "round_shown",
]
