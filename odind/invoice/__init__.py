"""PDF invoices, credit notes and packing slips: validated documents, exact totals, fpdf2 rendering."""

from odind.invoice.currency import format_money
from odind.invoice.document import (
    Branding,
    InvoiceDocument,
    InvoiceLine,
    PackingSlip,
    PackingSlipLine,
)
from odind.invoice.totals import ExactTotals, InvoiceTotals, compute_totals, exact_totals


def render_invoice(doc: InvoiceDocument, branding: Branding) -> bytes:
    """See `odind.invoice.pdf.render_invoice`.

    fpdf2 and Pillow take ~30 MB resident, so they load on the first PDF rather than when the daemon
    starts: a farm controller on a Pi runs for weeks between invoices.
    """
    from odind.invoice import pdf

    return pdf.render_invoice(doc, branding)


def render_packing_slip(slip: PackingSlip) -> bytes:
    """See `odind.invoice.pdf.render_packing_slip`; fpdf2 loads on first use, as for invoices."""
    from odind.invoice import pdf

    return pdf.render_packing_slip(slip)


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
]
