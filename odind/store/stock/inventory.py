"""SQL for stock: consumables, filament spools, material prices and the movements ledger.

On-hand is always SUM(quantity) over the ledger; there is no stored counter to drift from it.
Callers run inside a write transaction (one writer at a time), so a balance read and the
movement that depends on it cannot interleave with another writer.
"""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_consumable(tx: Tx, *, sku: str, name: str, unit_cost: str, reorder_point: int,
                            vendor: str | None, notes: str | None) -> int:
    return await tx.insert(
        "INSERT INTO consumables (sku, name, unit_cost, reorder_point, vendor, notes, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        sku, name, unit_cost, reorder_point, vendor, notes, utcnow())


async def consumable_sku_taken(db: Db, sku: str) -> bool:
    return await db.scalar("SELECT 1 FROM consumables WHERE sku = ?", sku) is not None


_CONSUMABLE_WITH_STOCK = (
    "SELECT c.*, COALESCE((SELECT SUM(m.quantity) FROM stock_movements m"
    " WHERE m.item_kind = 'consumable' AND m.item_id = c.id), 0) AS on_hand FROM consumables c"
)


async def get_consumable(db: Db, consumable_id: int) -> dict[str, Any] | None:
    return await db.one(f"{_CONSUMABLE_WITH_STOCK} WHERE c.id = ?", consumable_id)


async def list_consumables(db: Db) -> list[dict[str, Any]]:
    return await db.all(f"{_CONSUMABLE_WITH_STOCK} ORDER BY c.id")


async def consumables_by_ids(db: Db, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.all(f"{_CONSUMABLE_WITH_STOCK} WHERE c.id IN ({marks})", *ids)
    return {row["id"]: row for row in rows}


async def balance(db: Db, item_kind: str, item_id: int) -> int:
    return int(await db.scalar(
        "SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE item_kind = ? AND item_id = ?",
        item_kind, item_id))


async def move(tx: Tx, *, item_kind: str, item_id: int, quantity: int, reason: str,
               order_id: int | None = None, job_id: int | None = None, note: str | None = None,
               location: str = "main", unit_cost: str | None = None, order_line_id: int | None = None) -> int:
    """One ledger row; `unit_cost` is what a receipt paid per unit, so cost layers can be derived."""
    return await tx.insert(
        "INSERT INTO stock_movements (item_kind, item_id, location, quantity, reason, order_id, job_id,"
        " actor, note, created_at, unit_cost, order_line_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        item_kind, item_id, location, quantity, reason, order_id, job_id, tx.actor, note, utcnow(), unit_cost,
        order_line_id)


async def order_net(db: Db, order_id: int, item_kind: str) -> list[dict[str, Any]]:
    """What an order holds per item: the sum of its reservations and releases."""
    return await db.all(
        "SELECT item_id, SUM(quantity) AS quantity FROM stock_movements"
        " WHERE order_id = ? AND item_kind = ? AND reason IN ('reserve', 'release')"
        " GROUP BY item_id HAVING SUM(quantity) <> 0",
        order_id, item_kind)


async def movements(db: Db, item_kind: str, item_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM stock_movements WHERE item_kind = ? AND item_id = ? ORDER BY id",
                        item_kind, item_id)


async def insert_spool(tx: Tx, *, material: str, colour: str | None, brand: str | None,
                       net_weight_mg: int, cost: str, printer_id: int | None) -> int:
    return await tx.insert(
        "INSERT INTO spools (material, colour, brand, net_weight_mg, cost, printer_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        material, colour, brand, net_weight_mg, cost, printer_id, utcnow())


_SPOOL_WITH_STOCK = (
    "SELECT s.*, COALESCE((SELECT SUM(m.quantity) FROM stock_movements m"
    " WHERE m.item_kind = 'spool' AND m.item_id = s.id), 0) AS remaining_mg FROM spools s"
)


async def get_spool(db: Db, spool_id: int) -> dict[str, Any] | None:
    return await db.one(f"{_SPOOL_WITH_STOCK} WHERE s.id = ?", spool_id)


async def list_spools(db: Db, *, after_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Oldest first, from just after `after_id`; every spool when no limit is given (costing reads them all)."""
    where, args = ("WHERE s.id > ?", [after_id]) if after_id is not None else ("", [])
    if limit is None:
        return await db.all(f"{_SPOOL_WITH_STOCK} {where} ORDER BY s.id", *args)
    return await db.all(f"{_SPOOL_WITH_STOCK} {where} ORDER BY s.id LIMIT ?", *args, limit)


async def count_spools(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM spools"))


async def spools_on_printer(db: Db, printer_id: int) -> list[dict[str, Any]]:
    return await db.all(f"{_SPOOL_WITH_STOCK} WHERE s.printer_id = ? ORDER BY s.id", printer_id)


async def set_material_price(tx: Tx, material: str, cost_per_gram: str) -> None:
    updated = await tx.execute("UPDATE material_prices SET cost_per_gram = ?, updated_at = ? WHERE material = ?",
                               cost_per_gram, utcnow(), material)
    if not updated:
        await tx.execute("INSERT INTO material_prices (material, cost_per_gram, updated_at) VALUES (?, ?, ?)",
                         material, cost_per_gram, utcnow())


async def material_prices(db: Db) -> dict[str, str]:
    rows = await db.all("SELECT material, cost_per_gram FROM material_prices ORDER BY material")
    return {row["material"]: row["cost_per_gram"] for row in rows}


async def update_consumable(tx: Tx, consumable_id: int, *, sku: str, name: str, reorder_point: int,
                            vendor: str | None, notes: str | None) -> None:
    await tx.execute("UPDATE consumables SET sku = ?, name = ?, reorder_point = ?, vendor = ?, notes = ? WHERE id = ?",
                     sku, name, reorder_point, vendor, notes, consumable_id)


async def set_consumable_archived(tx: Tx, consumable_id: int, archived_at: str | None) -> None:
    await tx.execute("UPDATE consumables SET archived_at = ? WHERE id = ?", archived_at, consumable_id)


async def consumable_by_sku(db: Db, sku: str) -> dict[str, Any] | None:
    return await db.one("SELECT id FROM consumables WHERE sku = ?", sku)


async def set_spool_printer(tx: Tx, spool_id: int, printer_id: int | None) -> None:
    await tx.execute("UPDATE spools SET printer_id = ? WHERE id = ?", printer_id, spool_id)
