"""SQL for return orders (RMAs) and their lines."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def insert_return(tx: Tx, *, order_id: int | None, customer_name: str, reason: str, refund_amount: str,
                        customer_id: int | None = None) -> int:
    now = utcnow()
    return_id = await tx.insert(
        "INSERT INTO return_orders (reference, order_id, customer_id, customer_name, status, reason, refund_amount,"
        " created_at, updated_at) VALUES ('', ?, ?, ?, 'expected', ?, ?, ?, ?) RETURNING id",
        order_id, customer_id, customer_name, reason, refund_amount, now, now)
    await tx.execute("UPDATE return_orders SET reference = ? WHERE id = ?", f"RMA-{return_id:05d}", return_id)
    return return_id


async def insert_line(tx: Tx, return_id: int, *, product_id: int, order_line_id: int | None, quantity: int,
                      disposition: str, location: str) -> int:
    return await tx.insert(
        "INSERT INTO return_lines (return_id, product_id, order_line_id, quantity, disposition, location)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", return_id, product_id, order_line_id, quantity, disposition,
        location)


async def get_return(db: Db, return_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM return_orders WHERE id = ?", return_id)


async def list_returns(db: Db, *, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    if before_id is None:
        return await db.all("SELECT * FROM return_orders ORDER BY id DESC LIMIT ?", limit)
    return await db.all("SELECT * FROM return_orders WHERE id < ? ORDER BY id DESC LIMIT ?", before_id, limit)


async def count_returns(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM return_orders"))


async def lines(db: Db, return_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name AS product_name FROM return_lines l JOIN products p ON p.id = l.product_id"
        " WHERE l.return_id = ? ORDER BY l.id", return_id)


async def expected_for_line(db: Db, order_line_id: int) -> int:
    """Units of an order line already on a return that has not arrived yet."""
    return int(await db.scalar(
        "SELECT COALESCE(SUM(l.quantity), 0) FROM return_lines l JOIN return_orders r ON r.id = l.return_id"
        " WHERE l.order_line_id = ? AND r.status = 'expected'", order_line_id))


async def set_status(tx: Tx, return_id: int, status: str, expected: str) -> bool:
    changed = await tx.execute("UPDATE return_orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                               status, utcnow(), return_id, expected)
    return changed == 1


async def restocked_of(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    """Units returned to stock per order line: (order_id, order_line_id, n) for received restocks."""
    return await db.all(
        "SELECT r.order_id, rl.order_line_id, SUM(rl.quantity) AS n FROM return_lines rl JOIN return_orders r"
        f" ON r.id = rl.return_id WHERE r.order_id IN ({marks(order_ids)}) AND r.status = 'received'"
        " AND rl.disposition = 'restock' GROUP BY r.order_id, rl.order_line_id", *order_ids)
