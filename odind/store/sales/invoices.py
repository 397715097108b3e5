"""SQL for invoices and the gapless counter that numbers them."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def for_order(db: Db, order_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM invoices WHERE order_id = ?", order_id)


async def next_number(tx: Tx, counter: str) -> int:
    """Bump and read in the caller's transaction: a rollback undoes the bump too."""
    await tx.execute("UPDATE counters SET value = value + 1 WHERE name = ?", counter)
    return int(await tx.scalar("SELECT value FROM counters WHERE name = ?", counter))


async def insert_invoice(tx: Tx, *, order_id: int, number: str, issued_on: str, total: str) -> int:
    return await tx.insert("INSERT INTO invoices (order_id, number, issued_on, total, created_at)"
                           " VALUES (?, ?, ?, ?, ?) RETURNING id", order_id, number, issued_on, total, utcnow())


async def is_invoiced(db: Db, order_id: int) -> bool:
    return await db.scalar("SELECT 1 FROM invoices WHERE order_id = ?", order_id) is not None


async def invoiced_of(db: Db, order_ids: list[int]) -> set[int]:
    """Which of these orders have an invoice."""
    rows = await db.all(f"SELECT DISTINCT order_id FROM invoices WHERE order_id IN ({marks(order_ids)})", *order_ids)
    return {row["order_id"] for row in rows}
