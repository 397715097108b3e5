"""SQL for the order aggregate: orders and their lines."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_order(tx: Tx, *, reference: str, platform: str, customer_name: str, notes: str,
                       status: str) -> int:
    now = utcnow()
    return await tx.insert(
        "INSERT INTO orders (reference, platform, customer_name, notes, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        reference, platform, customer_name, notes, status, now, now)


async def insert_line(tx: Tx, order_id: int, product_id: int, quantity: int, unit_price: str) -> int:
    return await tx.insert(
        "INSERT INTO order_lines (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?) RETURNING id",
        order_id, product_id, quantity, unit_price)


async def get_order(db: Db, order_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM orders WHERE id = ?", order_id)


async def list_orders(db: Db, status: str | None = None, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    if status:
        return await db.all("SELECT * FROM orders WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                            status, limit, offset)
    return await db.all("SELECT * FROM orders ORDER BY id DESC LIMIT ? OFFSET ?", limit, offset)


async def lines(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name AS product_name FROM order_lines l JOIN products p ON p.id = l.product_id"
        " WHERE l.order_id = ? ORDER BY l.id", order_id)


async def set_status(tx: Tx, order_id: int, status: str, expected: str) -> bool:
    """Compare-and-set, so a concurrent change can never be overwritten silently."""
    changed = await tx.execute("UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                               status, utcnow(), order_id, expected)
    return changed == 1


async def set_shipping(tx: Tx, order_id: int, carrier: str, tracking_number: str) -> None:
    await tx.execute("UPDATE orders SET carrier = ?, tracking_number = ?, shipped_at = ? WHERE id = ?",
                     carrier, tracking_number, utcnow(), order_id)
