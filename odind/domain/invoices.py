"""Invoices for orders: a pro forma until the order is fulfilled, then a numbered, final invoice.

The number is assigned once, in the transaction that records the invoice, the first time a
fulfilled or shipped order's invoice is asked for; the same number comes back every time after.
"""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from odind.config import Config
from odind.errors import Conflict, NotFound
from odind.invoice import Branding, InvoiceDocument, InvoiceLine, compute_totals, render_invoice
from odind.store import invoices as sql
from odind.store import orders as orders_sql
from odind.store.db import Store

FINAL_STATES = ("fulfilled", "shipped")
PLATFORM_NAMES = {"etsy": "Etsy", "amazon": "Amazon", "wholesale": "Wholesale", "direct": "Direct",
                  "other": "Other"}


def branding(config: Config) -> Branding:
    b = config.branding
    return Branding(business_name=b.business_name, address_lines=b.address_lines, logo_path=b.logo,
                    accent_colour=b.accent_colour, footer=b.footer)


async def invoice_pdf(store: Store, config: Config, order_id: int) -> tuple[bytes, str]:
    """The PDF bytes and the reference used in its file name."""
    async with store.transaction("invoicing") as tx:
        order = await orders_sql.get_order(tx, order_id)
        if order is None:
            raise NotFound(f"order {order_id} does not exist", field="order_id")
        if order["status"] == "cancelled":
            raise Conflict("a cancelled order has no invoice", field="order_id")
        lines = await orders_sql.lines(tx, order_id)
        existing = await sql.for_order(tx, order_id)
        issued_on = date.fromisoformat(existing["issued_on"]) if existing else date.today()
        doc = InvoiceDocument(
            kind="invoice" if existing or order["status"] in FINAL_STATES else "proforma",
            number=existing["number"] if existing else None, issued_on=issued_on,
            order_reference=order["reference"], customer_name=order["customer_name"],
            platform=PLATFORM_NAMES.get(order["platform"], order["platform"]), currency=config.branding.currency,
            default_tax_rate=config.sales.tax_rate_percent,
            lines=[InvoiceLine(description=line["product_name"], sku=line["sku"], quantity=line["quantity"],
                               unit_price=Decimal(line["unit_price"])) for line in lines])
        if existing is None and order["status"] in FINAL_STATES:
            number = f"INV-{await sql.next_number(tx, 'invoice'):06d}"
            doc = doc.model_copy(update={"number": number})
            total = compute_totals(doc).total
            await sql.insert_invoice(tx, order_id=order_id, number=number, issued_on=issued_on.isoformat(),
                                     total=str(total))
            await tx.record("order", order_id, "invoiced", number=number, total=str(total))
    pdf = await asyncio.to_thread(render_invoice, doc, branding(config))
    return pdf, doc.number or order["reference"]
