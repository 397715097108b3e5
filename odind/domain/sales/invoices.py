"""Invoices and credit notes for orders.

An order's invoice is a pro forma until the order is fulfilled; the first time a fulfilled or
shipped order's invoice is asked for it is finalised: its number comes from a counter bumped in
the same transaction as the invoice row, so a rollback leaves no gap and a number is never reused.
A finalised invoice is never deleted or renumbered; money given back is a credit note, numbered the
same way, that names the invoice it credits.
"""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from odind.config import Config
from odind.domain.sales import order_money
from odind.domain.shop import document_branding
from odind.errors import Conflict, NotFound
from odind.invoice import InvoiceDocument, InvoiceLine, compute_totals, render_invoice
from odind.store.db import Store, Tx
from odind.store.sales import invoices as sql
from odind.store.sales import orders as orders_sql
from odind.store.sales import payments as payments_sql

FINAL_STATES = ("fulfilled", "shipped")
PLATFORM_NAMES = {"etsy": "Etsy", "amazon": "Amazon", "wholesale": "Wholesale", "direct": "Direct",
                  "other": "Other"}


async def invoice_pdf(store: Store, config: Config, order_id: int) -> tuple[bytes, str]:
    """The PDF bytes and the reference used in its file name."""
    async with store.transaction("invoicing") as tx:
        order = await orders_sql.get_order(tx, order_id)
        if order is None:
            raise NotFound(f"order {order_id} does not exist", field="order_id")
        if order["status"] == "cancelled":
            raise Conflict("a cancelled order has no invoice", field="order_id")
        lines = await orders_sql.lines(tx, order_id)
        active = order_money.active_quantities(await orders_sql.item_counts(tx, order_id))
        _, refunded = await payments_sql.sums(tx, order_id)
        existing = await sql.for_order(tx, order_id)
        issued_on = date.fromisoformat(existing["issued_on"]) if existing else date.today()
        final = existing is not None or order["status"] in FINAL_STATES
        doc = order_money.order_document(
            order, lines, active, fallback_tax=config.sales.tax_rate_percent, refunds=refunded,
            currency=config.branding.currency, kind="invoice" if final else "proforma",
            number=existing["number"] if existing else None, issued_on=issued_on,
            platform=PLATFORM_NAMES.get(order["platform"], order["platform"]),
            customer_address_lines=[p for p in order["ship_to"].split("\n") if p],
            due_on=_due_on(order, issued_on))
        if doc is None:
            raise Conflict("the order has no active lines to invoice", field="order_id")
        if existing is None and final:
            doc = doc.model_copy(update={"number": await finalise(tx, order_id, doc)})
    pdf = await asyncio.to_thread(render_invoice, doc, await document_branding(store, config))
    return pdf, doc.number or order["reference"]


def _due_on(order: dict[str, Any], issued_on: date) -> date | None:
    if not order["payment_due_on"]:
        return None
    return max(date.fromisoformat(order["payment_due_on"]), issued_on)


async def finalise(tx: Tx, order_id: int, doc: InvoiceDocument) -> str:
    number = f"INV-{await sql.next_number(tx, 'invoice'):06d}"
    total = compute_totals(doc.model_copy(update={"refunds": Decimal(0)})).total
    await sql.insert_invoice(tx, order_id=order_id, number=number, issued_on=doc.issued_on.isoformat(),
                             total=str(total))
    await tx.record("order", order_id, "invoiced", number=number, total=str(total))
    return number


async def credit_refund(tx: Tx, order_id: int, payment_id: int, amount: Decimal) -> str | None:
    """Number a credit note for a refund on an invoiced order, in the refund's own transaction."""
    invoice = await sql.for_order(tx, order_id)
    if invoice is None:
        return None
    number = f"CN-{await sql.next_number(tx, 'credit_note'):06d}"
    credit_id = await payments_sql.insert_credit_note(tx, order_id=order_id, invoice_id=invoice["id"],
                                                      payment_id=payment_id, number=number,
                                                      issued_on=date.today().isoformat(), amount=str(amount))
    await tx.record("credit_note", credit_id, "issued", order_id=order_id, number=number, amount=str(amount),
                    credits=invoice["number"])
    return number


async def credit_note_pdf(store: Store, config: Config, credit_note_id: int) -> tuple[bytes, str]:
    """The refund as one gross line: the tax it gives back was charged on the invoice it credits."""
    async with store.read() as db:
        note = await payments_sql.credit_note(db, credit_note_id)
        if note is None:
            raise NotFound(f"credit note {credit_note_id} does not exist", field="credit_note_id")
        order = await orders_sql.get_order(db, note["order_id"])
    assert order is not None  # a credit note's order cannot be removed: it was invoiced
    what = f"Refund against invoice {note['invoice_number']}"
    if note["return_id"]:
        what += f" (return RMA-{note['return_id']:05d})"
    doc = InvoiceDocument(
        kind="credit_note", number=note["number"], issued_on=date.fromisoformat(note["issued_on"]),
        order_reference=order["reference"], customer_name=order["customer_name"],
        platform=PLATFORM_NAMES.get(order["platform"], order["platform"]), currency=config.branding.currency,
        credits_invoice_number=note["invoice_number"],
        lines=[InvoiceLine(description=what, quantity=1, unit_price=Decimal(note["amount"]), tax_rate=Decimal(0))])
    pdf = await asyncio.to_thread(render_invoice, doc, await document_branding(store, config))
    return pdf, note["number"]
