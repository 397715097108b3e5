"""SQL for money received from and paid back to customers, and the credit notes for refunds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def insert_payment(tx: Tx, *, order_id: int, kind: str, amount: str, method: str, reference: str | None,
                         received_on: str, return_id: int | None = None) -> int:
    return await tx.insert(
        "INSERT INTO payments (order_id, kind, amount, method, reference, return_id, received_on, actor,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        order_id, kind, amount, method, reference, return_id, received_on, tx.actor, utcnow())


async def for_order(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM payments WHERE order_id = ? ORDER BY id", order_id)


async def for_orders(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"SELECT * FROM payments WHERE order_id IN ({marks(order_ids)}) ORDER BY id", *order_ids)


async def sums(db: Db, order_id: int) -> tuple[Decimal, Decimal]:
    """(paid, refunded), summed exactly in Python: SQLite would add the TEXT amounts as floats."""
    paid = refunded = Decimal(0)
    for row in await for_order(db, order_id):
        if row["kind"] == "payment":
            paid += Decimal(row["amount"])
        else:
            refunded += Decimal(row["amount"])
    return paid, refunded


async def insert_credit_note(tx: Tx, *, order_id: int, invoice_id: int, payment_id: int, number: str,
                             issued_on: str, amount: str) -> int:
    return await tx.insert(
        "INSERT INTO credit_notes (order_id, invoice_id, payment_id, number, issued_on, amount, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", order_id, invoice_id, payment_id, number, issued_on, amount,
        utcnow())


async def credit_note(db: Db, credit_note_id: int) -> dict[str, Any] | None:
    return await db.one(
        "SELECT c.*, i.number AS invoice_number, p.reference AS payment_reference, p.return_id FROM credit_notes c"
        " JOIN invoices i ON i.id = c.invoice_id JOIN payments p ON p.id = c.payment_id WHERE c.id = ?",
        credit_note_id)


async def credit_notes_for_order(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM credit_notes WHERE order_id = ? ORDER BY id", order_id)
