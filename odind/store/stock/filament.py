"""SQL for filament as stock: reorder points per material and colour, and the FIFO cost layers of
bought spools. Grams left are always the spools' ledger sums, as for every stock."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from odind.store.db import Db, Tx, utcnow

_SPOOL_GRAMS = ("COALESCE((SELECT SUM(m.quantity) FROM stock_movements m"
                " WHERE m.item_kind = 'spool' AND m.item_id = s.id), 0)")


async def set_reorder(tx: Tx, *, material: str, colour: str, reorder_point_g: str, reorder_spools: int,
                      grams_per_spool: str, spool_cost: str | None, supplier: str | None) -> None:
    await tx.execute(
        "INSERT INTO filament_reorder (material, colour, reorder_point_g, reorder_spools, grams_per_spool,"
        " spool_cost, supplier, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (material, colour)"
        " DO UPDATE SET reorder_point_g = excluded.reorder_point_g, reorder_spools = excluded.reorder_spools,"
        " grams_per_spool = excluded.grams_per_spool, spool_cost = excluded.spool_cost,"
        " supplier = excluded.supplier, updated_at = excluded.updated_at",
        material, colour, reorder_point_g, reorder_spools, grams_per_spool, spool_cost, supplier, utcnow())


async def stock_by_material(db: Db) -> list[dict[str, Any]]:
    """Every material and colour that has spools or a reorder point, with milligrams left on its spools."""
    return await db.all(
        "SELECT k.material, k.colour, COALESCE(g.left_mg, 0) AS left_mg, COALESCE(g.spools, 0) AS spools,"
        " r.reorder_point_g, r.reorder_spools, r.grams_per_spool, r.spool_cost, r.supplier"
        " FROM (SELECT material, COALESCE(colour, '') AS colour FROM spools"
        "       UNION SELECT material, colour FROM filament_reorder) k"
        " LEFT JOIN (SELECT s.material, COALESCE(s.colour, '') AS colour, SUM(" + _SPOOL_GRAMS + ") AS left_mg,"
        "            COUNT(*) AS spools FROM spools s GROUP BY s.material, COALESCE(s.colour, '')) g"
        "   ON g.material = k.material AND g.colour = k.colour"
        " LEFT JOIN filament_reorder r ON r.material = k.material AND r.colour = k.colour"
        " ORDER BY k.material, k.colour")


async def open_spool_grams(db: Db) -> dict[tuple[str, str], Decimal]:
    """Grams of filament already on order (draft or confirmed, not yet received) per material and colour."""
    rows = await db.all(
        "SELECT l.material, COALESCE(l.colour, '') AS colour, l.grams_per_spool, l.quantity - l.received AS n"
        " FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.purchase_order_id"
        " WHERE l.item_kind = 'filament' AND o.status IN ('draft', 'expected', 'partially_received')")
    grams: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (row["material"], row["colour"])
        grams[key] = grams.get(key, Decimal(0)) + Decimal(row["grams_per_spool"]) * int(row["n"])
    return grams


async def insert_layer(tx: Tx, *, material: str, colour: str, spool_id: int, purchased_on: str, grams: str,
                       total_cost: str, supplier: str | None, reference: str | None) -> int:
    return await tx.insert(
        "INSERT INTO filament_layers (material, colour, spool_id, purchased_on, grams, total_cost, supplier,"
        " reference, remaining_g, remaining_cost, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        material, colour, spool_id, purchased_on, grams, total_cost, supplier, reference, grams, total_cost,
        utcnow())


async def layer_of_spool(db: Db, spool_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM filament_layers WHERE spool_id = ?", spool_id)


async def set_layer_remaining(tx: Tx, layer_id: int, remaining_g: str, remaining_cost: str) -> None:
    await tx.execute("UPDATE filament_layers SET remaining_g = ?, remaining_cost = ? WHERE id = ?",
                     remaining_g, remaining_cost, layer_id)


async def layers(db: Db, material: str, colour: str) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM filament_layers WHERE material = ? AND colour = ?"
                        " ORDER BY purchased_on, id", material, colour)


async def set_spool_tag(tx: Tx, spool_id: int, tag_uid: str) -> None:
    await tx.execute("UPDATE spools SET tag_uid = ? WHERE id = ?", tag_uid, spool_id)


async def last_spool_cost(db: Db, material: str, colour: str) -> str | None:
    """What the latest bought spool of a material and colour cost, for drafting the next order."""
    found = await db.scalar("SELECT total_cost FROM filament_layers WHERE material = ? AND colour = ?"
                            " ORDER BY purchased_on DESC, id DESC LIMIT 1", material, colour)
    return None if found is None else str(found)
