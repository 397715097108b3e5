"""Payments and refunds recorded against sales orders, and the payment terms they are judged by.

The payment status shown on an order (unpaid, waiting for payment, paid, PO provided, PO payment
due, refunded) is derived from these records and the order's total each time it is read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from odind.domain.sales import invoices, orders
from odind.domain.types import Input, Name
from odind.errors import Conflict, Invalid
from odind.money import Money
from odind.store.db import Store, Tx
from odind.store.sales import orders as orders_sql
from odind.store.sales import payments as sql


class Method(StrEnum):
    CARD = "card"
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"
    PAYPAL = "paypal"
    MARKETPLACE = "marketplace"
    OTHER = "other"


class PaymentIn(Input):
    amount: Money = Field(gt=0)
    method: Method
    reference: Name | None = None
    received_on: date | None = None


class TermsIn(Input):
    payment_terms: Literal["prepay", "po"]
    po_number: Name | None = None
    payment_due_on: date | None = None


async def record_payment(store: Store, actor: str, order_id: int, data: PaymentIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order = await orders.require(tx, order_id)
        if order["state"] == "cancelled":
            raise Conflict("a cancelled order takes no payments", field="order_id")
        payment_id = await sql.insert_payment(
            tx, order_id=order_id, kind="payment", amount=str(data.amount), method=data.method.value,
            reference=data.reference, received_on=(data.received_on or date.today()).isoformat())
        await tx.record("order", order_id, "payment_recorded", payment_id=payment_id, amount=str(data.amount),
                        method=data.method.value)
        return await orders.view(tx, order_id)


async def refund_in_tx(tx: Tx, order_id: int, amount: Decimal, method: str, reference: str | None,
                       return_id: int | None = None) -> dict[str, Any]:
    """Pay money back: never more than was paid; an invoiced order gets a numbered credit note."""
    paid, refunded = await sql.sums(tx, order_id)
    if amount > paid - refunded:
        raise Invalid(f"refund {amount} is more than the {paid - refunded} paid and not yet refunded",
                      field="amount", details={"refundable": str(paid - refunded)})
    payment_id = await sql.insert_payment(tx, order_id=order_id, kind="refund", amount=str(amount), method=method,
                                          reference=reference, received_on=date.today().isoformat(),
                                          return_id=return_id)
    credit_note = await invoices.credit_refund(tx, order_id, payment_id, amount)
    await tx.record("order", order_id, "refunded", payment_id=payment_id, amount=str(amount),
                    credit_note=credit_note, return_id=return_id)
    return {"payment_id": payment_id, "credit_note": credit_note}


async def refund(store: Store, actor: str, order_id: int, data: PaymentIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await orders.require(tx, order_id)
        await refund_in_tx(tx, order_id, data.amount, data.method.value, data.reference)
        return await orders.view(tx, order_id)


async def set_terms(store: Store, actor: str, order_id: int, data: TermsIn) -> dict[str, Any]:
    if data.payment_terms == "po" and not data.po_number:
        raise Invalid("a purchase-order payment needs the customer's PO number", field="po_number")
    async with store.transaction(actor) as tx:
        await orders.require(tx, order_id)
        await orders_sql.update_fields(
            tx, order_id, payment_terms=data.payment_terms, po_number=data.po_number,
            payment_due_on=data.payment_due_on.isoformat() if data.payment_due_on else None)
        await tx.record("order", order_id, "payment_terms_set", payment_terms=data.payment_terms,
                        po_number=data.po_number, due_on=data.payment_due_on)
        return await orders.view(tx, order_id)


REMINDER_BATCH = 200
UNPAID_PAST_DUE = frozenset({"overdue", "PO payment due"})


async def remind_overdue(store: Store) -> int:
    """Record a payment reminder for each order past its due date and not paid, once per due date (a timer
    calls this; the reminder e-mail, when the shop turns it on, follows from the event); how many."""
    reminded = 0
    async with store.transaction("clock") as tx:
        for order in await orders_sql.unreminded_past_due(tx, date.today().isoformat(), REMINDER_BATCH):
            await orders_sql.update_fields(tx, order["id"], reminded_due_on=order["payment_due_on"])
            view = await orders.view(tx, order["id"])
            if view["payment_status"] in UNPAID_PAST_DUE:
                await tx.record("order", order["id"], "payment_reminder", due_on=order["payment_due_on"],
                                balance=view["totals"]["balance"])
                reminded += 1
    return reminded


async def list_payments(store: Store, order_id: int) -> dict[str, Any]:
    async with store.read() as db:
        await orders.require(db, order_id)
        rows = await sql.for_order(db, order_id)
        notes = await sql.credit_notes_for_order(db, order_id)
    return {
        "payments": [{"id": r["id"], "kind": r["kind"], "amount": r["amount"], "method": r["method"],
                      "reference": r["reference"], "received_on": r["received_on"], "return_id": r["return_id"]}
                     for r in rows],
        "credit_notes": [{"id": n["id"], "number": n["number"], "amount": n["amount"], "issued_on": n["issued_on"]}
                         for n in notes],
    }
