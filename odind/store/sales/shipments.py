"""SQL for shipments: parcels that carry some of an order's units to the customer."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def insert_shipment(tx: Tx, *, order_id: int, status: str, carrier: str | None, tracking_number: str | None,
                          ship_method: str | None) -> int:
    now = utcnow()
    return await tx.insert(
        "INSERT INTO shipments (order_id, status, carrier, tracking_number, ship_method, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", order_id, status, carrier, tracking_number, ship_method,
        now, now)


async def get_shipment(db: Db, shipment_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM shipments WHERE id = ?", shipment_id)


async def for_order(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM shipments WHERE order_id = ? ORDER BY id", order_id)


async def for_orders(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"SELECT * FROM shipments WHERE order_id IN ({marks(order_ids)}) ORDER BY id", *order_ids)


async def set_status(tx: Tx, shipment_id: int, status: str, expected: str) -> bool:
    delivered = utcnow() if status == "delivered" else None
    changed = await tx.execute(
        "UPDATE shipments SET status = ?, updated_at = ?, delivered_at = COALESCE(?, delivered_at)"
        " WHERE id = ? AND status = ?", status, utcnow(), delivered, shipment_id, expected)
    return changed == 1


async def contents(db: Db, shipment_id: int) -> list[dict[str, Any]]:
    """Units per order line in one shipment (any status: a returned unit was still shipped in it)."""
    return await db.all(
        "SELECT i.order_line_id, i.product_id, p.sku, p.name AS product_name, COUNT(*) AS quantity"
        " FROM line_items i JOIN products p ON p.id = i.product_id WHERE i.shipment_id = ?"
        " GROUP BY i.order_line_id, i.product_id, p.sku, p.name ORDER BY i.order_line_id", shipment_id)
