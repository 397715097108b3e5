"""SQL for purchase orders, their lines and the receipts that bring their stock in."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_po(tx: Tx, *, supplier: str, status: str, expected_on: str | None, notes: str,
                    supplier_id: int | None = None) -> int:
    now = utcnow()
    po_id = await tx.insert(
        "INSERT INTO purchase_orders (reference, supplier, supplier_id, status, expected_on, notes, created_at,"
        " updated_at) VALUES ('', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        supplier, supplier_id, status, expected_on, notes, now, now)
    await tx.execute("UPDATE purchase_orders SET reference = ? WHERE id = ?", f"PO-{po_id:05d}", po_id)
    return po_id


async def insert_line(tx: Tx, po_id: int, *, item_kind: str, item_id: int | None, material: str | None,
                      colour: str | None, grams_per_spool: str | None, quantity: int, unit_cost: str) -> int:
    return await tx.insert(
        "INSERT INTO purchase_order_lines (purchase_order_id, item_kind, item_id, material, colour, grams_per_spool,"
        " quantity, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        po_id, item_kind, item_id, material, colour, grams_per_spool, quantity, unit_cost)


async def get_po(db: Db, po_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM purchase_orders WHERE id = ?", po_id)


async def list_pos(db: Db, *, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    if before_id is None:
        return await db.all("SELECT * FROM purchase_orders ORDER BY id DESC LIMIT ?", limit)
    return await db.all("SELECT * FROM purchase_orders WHERE id < ? ORDER BY id DESC LIMIT ?", before_id, limit)


async def count_pos(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM purchase_orders"))


async def lines(db: Db, po_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, COALESCE(c.sku, p.sku) AS sku, COALESCE(c.name, p.name) AS item_name"
        " FROM purchase_order_lines l"
        " LEFT JOIN consumables c ON l.item_kind = 'consumable' AND c.id = l.item_id"
        " LEFT JOIN products p ON l.item_kind = 'product' AND p.id = l.item_id"
        " WHERE l.purchase_order_id = ? ORDER BY l.id", po_id)


async def set_status(tx: Tx, po_id: int, status: str, expected: str) -> bool:
    changed = await tx.execute("UPDATE purchase_orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                               status, utcnow(), po_id, expected)
    return changed == 1


async def add_received(tx: Tx, line_id: int, quantity: int) -> None:
    await tx.execute("UPDATE purchase_order_lines SET received = received + ? WHERE id = ?", quantity, line_id)


async def insert_receipt(tx: Tx, *, line_id: int, quantity: int, unit_cost: str, location: str,
                         movement_id: int | None) -> int:
    return await tx.insert(
        "INSERT INTO purchase_receipts (purchase_order_line_id, quantity, unit_cost, location, movement_id,"
        " received_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        line_id, quantity, unit_cost, location, movement_id, utcnow(), tx.actor)


async def receipts(db: Db, po_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT r.* FROM purchase_receipts r JOIN purchase_order_lines l ON l.id = r.purchase_order_line_id"
        " WHERE l.purchase_order_id = ? ORDER BY r.id", po_id)


async def open_quantities(db: Db) -> dict[int, int]:
    """Consumable units already on order (confirmed, not yet received), so alerts don't order twice."""
    rows = await db.all(
        "SELECT l.item_id, SUM(l.quantity - l.received) AS n FROM purchase_order_lines l"
        " JOIN purchase_orders o ON o.id = l.purchase_order_id WHERE l.item_kind = 'consumable'"
        " AND o.status IN ('draft', 'expected', 'partially_received') GROUP BY l.item_id")
    return {row["item_id"]: int(row["n"]) for row in rows}


async def layer_movement(db: Db, layer_id: int) -> int | None:
    found = await db.scalar("SELECT movement_id FROM consumable_layers WHERE id = ?", layer_id)
    return None if found is None else int(found)


async def low_stock_consumables(db: Db) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT c.*, COALESCE((SELECT SUM(m.quantity) FROM stock_movements m WHERE m.item_kind = 'consumable'"
        " AND m.item_id = c.id), 0) AS on_hand FROM consumables c ORDER BY c.vendor, c.id")
