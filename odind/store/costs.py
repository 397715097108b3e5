"""SQL for costing: sales channels, FIFO layers and draws, cost snapshots, order costs.

Amounts are exact decimal strings; nothing here computes a figure, it only keeps them.
"""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def insert_channel(tx: Tx, *, name: str, platform: str | None, terms_json: str) -> int:
    now = utcnow()
    return await tx.insert(
        "INSERT INTO sales_channels (name, platform, terms_json, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id", name, platform, terms_json, now, now)


async def update_channel(tx: Tx, channel_id: int, *, name: str, platform: str | None, terms_json: str) -> bool:
    return await tx.execute(
        "UPDATE sales_channels SET name = ?, platform = ?, terms_json = ?, updated_at = ? WHERE id = ?",
        name, platform, terms_json, utcnow(), channel_id) == 1


async def delete_channel(tx: Tx, channel_id: int) -> bool:
    return await tx.execute("DELETE FROM sales_channels WHERE id = ?", channel_id) == 1


async def get_channel(db: Db, channel_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM sales_channels WHERE id = ?", channel_id)


async def channel_by_name(db: Db, name: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM sales_channels WHERE lower(name) = lower(?)", name)


async def list_channels(db: Db) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM sales_channels ORDER BY id")


async def channel_for_platform(db: Db, platform: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM sales_channels WHERE lower(platform) = lower(?) ORDER BY id LIMIT 1",
                        platform)


async def set_consumable_unit_cost(tx: Tx, consumable_id: int, unit_cost: str) -> None:
    await tx.execute("UPDATE consumables SET unit_cost = ? WHERE id = ?", unit_cost, consumable_id)


async def update_purchasing(tx: Tx, consumable_id: int, *, unit: str, reorder_point: int, reorder_quantity: int,
                            vendor: str | None, lead_days: int | None) -> None:
    await tx.execute(
        "UPDATE consumables SET unit = ?, reorder_point = ?, reorder_quantity = ?, vendor = ?, lead_days = ?"
        " WHERE id = ?", unit, reorder_point, reorder_quantity, vendor, lead_days, consumable_id)


async def insert_layer(tx: Tx, *, consumable_id: int, purchased_on: str, quantity: str, unit: str,
                       pack_size: str | None, total_cost: str, supplier: str | None, reference: str | None,
                       remaining: str, movement_id: int | None) -> int:
    return await tx.insert(
        "INSERT INTO consumable_layers (consumable_id, purchased_on, quantity, unit, pack_size, total_cost,"
        " supplier, reference, remaining, remaining_cost, movement_id, actor, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        consumable_id, purchased_on, quantity, unit, pack_size, total_cost, supplier, reference, remaining, total_cost,
        movement_id, tx.actor, utcnow())


async def set_layer_remaining(tx: Tx, layer_id: int, remaining: str, remaining_cost: str) -> None:
    await tx.execute("UPDATE consumable_layers SET remaining = ?, remaining_cost = ? WHERE id = ?",
                     remaining, remaining_cost, layer_id)


async def layers(db: Db, consumable_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM consumable_layers WHERE consumable_id = ? ORDER BY purchased_on, id",
                        consumable_id)


async def insert_draw(tx: Tx, *, consumable_id: int, layer_id: int | None, quantity: str, cost: str,
                      order_id: int | None, job_id: int | None, movement_id: int | None) -> int:
    return await tx.insert(
        "INSERT INTO consumable_draws (consumable_id, layer_id, quantity, cost, order_id, job_id, movement_id,"
        " actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        consumable_id, layer_id, quantity, cost, order_id, job_id, movement_id, tx.actor, utcnow())


async def draws(db: Db, consumable_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT d.*, l.supplier, l.reference, l.purchased_on FROM consumable_draws d"
        " LEFT JOIN consumable_layers l ON l.id = d.layer_id WHERE d.consumable_id = ? ORDER BY d.id",
        consumable_id)


async def order_draws(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT d.*, c.sku FROM consumable_draws d JOIN consumables c ON c.id = d.consumable_id"
        " WHERE d.order_id = ? ORDER BY d.id", order_id)


async def insert_snapshot(tx: Tx, *, product_id: int, total: str, breakdown_json: str, reason: str) -> int:
    return await tx.insert(
        "INSERT INTO cost_snapshots (product_id, total, breakdown_json, reason, created_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id", product_id, total, breakdown_json, reason, utcnow())


async def latest_snapshot_totals(db: Db) -> dict[int, str]:
    rows = await db.all(
        "SELECT s.product_id, s.total FROM cost_snapshots s WHERE s.id ="
        " (SELECT MAX(id) FROM cost_snapshots t WHERE t.product_id = s.product_id)")
    return {row["product_id"]: row["total"] for row in rows}


async def snapshots(db: Db, product_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM cost_snapshots WHERE product_id = ? ORDER BY id", product_id)


async def get_order_cost(db: Db, order_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM order_costs WHERE order_id = ?", order_id)


async def insert_order_cost(tx: Tx, *, order_id: int, ordered_at: str, channel_id: int | None, channel_name: str,
                            revenue: str, cogs: str, fees: str, shipping: str, detail_json: str) -> None:
    await tx.execute(
        "INSERT INTO order_costs (order_id, ordered_at, channel_id, channel_name, revenue, cogs, fees, shipping,"
        " detail_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        order_id, ordered_at, channel_id, channel_name, revenue, cogs, fees, shipping, detail_json, utcnow())


async def insert_order_cost_line(tx: Tx, *, order_id: int, product_id: int, sku: str, name: str, kind: str,
                                 quantity: int, revenue: str, cogs: str, fees: str, shipping: str) -> None:
    await tx.execute(
        "INSERT INTO order_cost_lines (order_id, product_id, sku, name, kind, quantity, revenue, cogs, fees,"
        " shipping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        order_id, product_id, sku, name, kind, quantity, revenue, cogs, fees, shipping)


async def order_cost_lines(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM order_cost_lines WHERE order_id = ? ORDER BY id", order_id)


async def order_header(db: Db, order_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM orders WHERE id = ?", order_id)


async def order_sale_lines(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name, p.kind FROM order_lines l"
        " JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.id", order_id)


async def orders_between(db: Db, first_day: str, last_day: str) -> list[dict[str, Any]]:
    """Orders placed on the days from `first_day` to `last_day` inclusive (ISO dates), not cancelled."""
    return await db.all(
        "SELECT id, reference, platform, status, created_at FROM orders"
        " WHERE substr(created_at, 1, 10) BETWEEN ? AND ? AND status <> 'cancelled' ORDER BY id",
        first_day, last_day)


async def order_costs_of(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"SELECT * FROM order_costs WHERE order_id IN ({marks(order_ids)})", *order_ids)


async def order_cost_lines_of(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"SELECT * FROM order_cost_lines WHERE order_id IN ({marks(order_ids)}) ORDER BY id",
                        *order_ids)


async def set_channel_archived(tx: Tx, channel_id: int, archived_at: str | None) -> bool:
    return await tx.execute("UPDATE sales_channels SET archived_at = ? WHERE id = ?", archived_at,
                            channel_id) > 0


async def delete_order_cost(tx: Tx, order_id: int) -> None:
    await tx.execute("DELETE FROM order_cost_lines WHERE order_id = ?", order_id)
    await tx.execute("DELETE FROM order_costs WHERE order_id = ?", order_id)
