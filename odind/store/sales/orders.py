"""SQL for the sales-order aggregate: orders, their lines and the per-unit line items."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, chunked, marks, utcnow
from odind.store.search import contains

_ORDER_FIELDS = ("customer_email", "ship_to", "ship_method", "backorder_ship_method", "shipping_charged",
                 "order_discount", "tax_rate", "payment_terms", "po_number", "payment_due_on", "ship_by",
                 "customer_id", "reminded_due_on")


async def insert_order(tx: Tx, *, reference: str, platform: str, customer_name: str, notes: str,
                       status: str, state: str = "pending", **extra: Any) -> int:
    now = utcnow()
    order_id = await tx.insert(
        "INSERT INTO orders (reference, platform, customer_name, notes, status, state, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        reference, platform, customer_name, notes, status, state, now, now)
    if extra:
        await update_fields(tx, order_id, **extra)
    return order_id


async def update_fields(tx: Tx, order_id: int, **fields: Any) -> None:
    """Set descriptive fields (never status or state, which move only through their tables)."""
    unknown = set(fields) - set(_ORDER_FIELDS) - {"reference"}
    assert not unknown, f"not an order field: {unknown}"
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await tx.execute(f"UPDATE orders SET {assignments}, updated_at = ? WHERE id = ?",
                     *fields.values(), utcnow(), order_id)


async def insert_line(tx: Tx, order_id: int, product_id: int, quantity: int, unit_price: str, *,
                      tax_rate: str | None = None, unit_discount: str = "0") -> int:
    line_id = await tx.insert(
        "INSERT INTO order_lines (order_id, product_id, quantity, unit_price, tax_rate, unit_discount)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        order_id, product_id, quantity, unit_price, tax_rate, unit_discount)
    await tx.execute(
        "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)"
        " INSERT INTO line_items (order_id, order_line_id, product_id, status, updated_at)"
        " SELECT ?, ?, ?, 'pending', ? FROM n", quantity, order_id, line_id, product_id, utcnow())
    return line_id


async def get_order(db: Db, order_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM orders WHERE id = ?", order_id)


async def find_by_reference(db: Db, platform: str, reference: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM orders WHERE platform = ? AND reference = ?", platform, reference)


def _order_filter(status: str | None, search: str | None, customer_id: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1 = 1"]
    args: list[Any] = []
    if customer_id is not None:
        clauses.append("customer_id = ?")
        args.append(customer_id)
    if status:
        clauses.append("status = ?")
        args.append(status)
    if search:
        clause, patterns = contains(("reference", "customer_name", "customer_email"), search)
        clauses.append(clause)
        args.extend(patterns)
    return " AND ".join(clauses), args


async def list_orders(db: Db, *, status: str | None = None, search: str | None = None, before_id: int | None = None,
                      limit: int = 50, customer_id: int | None = None) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    where, args = _order_filter(status, search, customer_id)
    if before_id is not None:
        where += " AND id < ?"
        args.append(before_id)
    return await db.all(f"SELECT * FROM orders WHERE {where} ORDER BY id DESC LIMIT ?", *args, limit)


async def count_orders(db: Db, *, status: str | None = None, search: str | None = None,
                       customer_id: int | None = None) -> int:
    where, args = _order_filter(status, search, customer_id)
    return int(await db.scalar(f"SELECT COUNT(*) FROM orders WHERE {where}", *args))


async def unreminded_past_due(db: Db, today: str, limit: int) -> list[dict[str, Any]]:
    """Orders whose payment due date has passed and that were not yet reminded for that date."""
    return await db.all("SELECT * FROM orders WHERE payment_due_on IS NOT NULL AND payment_due_on < ?"
                        " AND status <> 'cancelled' AND (reminded_due_on IS NULL OR reminded_due_on <> payment_due_on)"
                        " ORDER BY id LIMIT ?", today, limit)


async def orders_of_customer(db: Db, customer_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM orders WHERE customer_id = ? ORDER BY id DESC", customer_id)


async def lines(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name AS product_name, p.kind AS product_kind FROM order_lines l"
        " JOIN products p ON p.id = l.product_id"
        " WHERE l.order_id = ? ORDER BY l.id", order_id)


async def get_line(db: Db, line_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM order_lines WHERE id = ?", line_id)


async def lines_of(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name AS product_name, p.kind AS product_kind FROM order_lines l"
        f" JOIN products p ON p.id = l.product_id WHERE l.order_id IN ({marks(order_ids)})"
        " ORDER BY l.order_id, l.id", *order_ids)


async def set_status(tx: Tx, order_id: int, status: str, expected: str) -> bool:
    """Compare-and-set, so a concurrent change can never be overwritten silently."""
    changed = await tx.execute("UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                               status, utcnow(), order_id, expected)
    return changed == 1


async def set_state(tx: Tx, order_id: int, state: str, expected: str, held_from: str | None) -> bool:
    changed = await tx.execute(
        "UPDATE orders SET state = ?, held_from = ?, updated_at = ? WHERE id = ? AND state = ?",
        state, held_from, utcnow(), order_id, expected)
    return changed == 1


async def set_shipping(tx: Tx, order_id: int, carrier: str, tracking_number: str) -> None:
    await tx.execute("UPDATE orders SET carrier = ?, tracking_number = ?, shipped_at = ? WHERE id = ?",
                     carrier, tracking_number, utcnow(), order_id)


async def delete_order(tx: Tx, order_id: int) -> None:
    await tx.execute("DELETE FROM orders WHERE id = ?", order_id)


async def items(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM line_items WHERE order_id = ? ORDER BY id", order_id)


async def items_of_line(db: Db, line_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM line_items WHERE order_line_id = ? ORDER BY id", line_id)


async def mark_to_print(tx: Tx, item_ids: list[int]) -> None:
    for chunk in chunked(item_ids):
        await tx.execute(f"UPDATE line_items SET to_print = 1 WHERE id IN ({marks(chunk)})", *chunk)


async def backordered_items(db: Db, product_id: int | None = None) -> list[dict[str, Any]]:
    """Backorders oldest first, for orders that may take stock (not draft, held or cancelled)."""
    where = "AND i.product_id = ?" if product_id is not None else ""
    params = (product_id,) if product_id is not None else ()
    return await db.all(
        "SELECT i.* FROM line_items i JOIN orders o ON o.id = i.order_id"
        f" WHERE i.status = 'backordered' AND i.to_print = 0 AND o.state IN ('pending', 'processing') {where}"
        " ORDER BY i.backordered_at, i.id", *params)


async def allocated_by_location(db: Db, product_id: int) -> dict[str, int]:
    rows = await db.all(
        "SELECT location, COUNT(*) AS n FROM line_items WHERE product_id = ?"
        " AND status IN ('allocated', 'picked', 'packed') GROUP BY location", product_id)
    return {row["location"]: int(row["n"]) for row in rows}


async def on_hand_by_location(db: Db, item_kind: str, item_id: int) -> dict[str, int]:
    rows = await db.all(
        "SELECT location, SUM(quantity) AS n FROM stock_movements WHERE item_kind = ? AND item_id = ?"
        " GROUP BY location", item_kind, item_id)
    return {row["location"]: int(row["n"]) for row in rows}


async def produced_for_line(db: Db, line_id: int) -> int:
    return int(await db.scalar(
        "SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE item_kind = 'product'"
        " AND reason = 'produce' AND order_line_id = ?", line_id))


async def line_parts_held(db: Db, line_id: int) -> list[dict[str, Any]]:
    """Parts a set line holds from finished stock, per part and location (negative: taken from stock)."""
    return await db.all(
        "SELECT item_id, location, SUM(quantity) AS quantity FROM stock_movements WHERE item_kind = 'product'"
        " AND order_line_id = ? AND reason IN ('reserve', 'release') GROUP BY item_id, location"
        " HAVING SUM(quantity) <> 0 ORDER BY item_id, location", line_id)


async def detach_jobs(tx: Tx, job_ids: list[int]) -> None:
    """Prints already under way outlive a removed order: they keep running, owned by no order."""
    for chunk in chunked(job_ids):
        await tx.execute(f"UPDATE jobs SET order_id = NULL, order_line_id = NULL WHERE id IN ({marks(chunk)})", *chunk)


async def item_counts(db: Db, order_id: int) -> list[dict[str, Any]]:
    """Units per line, status and location: what views and roll-ups need, without a row per unit."""
    return await db.all(
        "SELECT order_line_id, status, location, to_print, COUNT(*) AS n FROM line_items WHERE order_id = ?"
        " GROUP BY order_line_id, status, location, to_print ORDER BY order_line_id", order_id)


async def item_counts_of(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT order_id, order_line_id, status, location, to_print, COUNT(*) AS n FROM line_items"
        f" WHERE order_id IN ({marks(order_ids)})"
        " GROUP BY order_id, order_line_id, status, location, to_print ORDER BY order_id, order_line_id", *order_ids)


async def set_items(tx: Tx, item_ids: list[int], *, expected: str, status: str, **fields: Any) -> int:
    """Compare-and-set many units at once; returns how many were still `expected` and moved."""
    extra = "".join(f", {name} = ?" for name in fields)
    changed = 0
    for chunk in chunked(item_ids):
        changed += await tx.execute(
            f"UPDATE line_items SET status = ?, updated_at = ?{extra} WHERE status = ? AND id IN ({marks(chunk)})",
            status, utcnow(), *fields.values(), expected, *chunk)
    return changed


async def update_header(tx: Tx, order_id: int, *, customer_name: str, platform: str, notes: str) -> None:
    await tx.execute("UPDATE orders SET customer_name = ?, platform = ?, notes = ?, updated_at = ? WHERE id = ?",
                     customer_name, platform, notes, utcnow(), order_id)


async def delete_lines(tx: Tx, order_id: int) -> None:
    """Only for an order none of whose units has moved yet (see domain.sales.orders.edit)."""
    await tx.execute("DELETE FROM line_items WHERE order_id = ?", order_id)
    await tx.execute("DELETE FROM order_lines WHERE order_id = ?", order_id)


async def order_has_jobs(db: Db, order_id: int) -> bool:
    return await db.scalar("SELECT 1 FROM jobs WHERE order_id = ?", order_id) is not None
