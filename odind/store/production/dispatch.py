"""SQL the dispatcher needs beyond the job table: printer wear, copies per order line, batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from odind.store.db import Db, Tx, utcnow

_ACTIVE = "('dispatched', 'printing', 'paused')"


async def printer_print_hours(db: Db) -> dict[int, float]:
    """Hours of completed prints per printer (the slicer's print time: what the printer ran)."""
    rows = await db.all(
        "SELECT j.printer_id, SUM(COALESCE(m.print_time_s, 0)) AS seconds FROM jobs j"
        " JOIN models m ON m.id = j.model_id WHERE j.status = 'completed' AND j.printer_id IS NOT NULL"
        " GROUP BY j.printer_id")
    return {row["printer_id"]: float(row["seconds"] or 0) / 3600.0 for row in rows}


async def printer_busy_with(db: Db, printer_id: int) -> int | None:
    """The job the store has active on a printer, if any."""
    found = await db.scalar(f"SELECT id FROM jobs WHERE printer_id = ? AND status IN {_ACTIVE} LIMIT 1",
                           printer_id)
    return None if found is None else int(found)


async def line_copies(db: Db, order_line_id: int, model_id: int) -> dict[str, int]:
    """Copies of one model for one order line: ordered (units being printed for, times the BOM
    quantity), done (completed, on a plate or not), printing (active on a printer) and queued."""
    per_unit = await db.scalar(
        "SELECT pc.quantity FROM product_components pc JOIN order_lines l ON l.product_id = pc.product_id"
        " WHERE l.id = ? AND pc.model_id = ?", order_line_id, model_id) or 0
    units = await db.scalar("SELECT COUNT(*) FROM line_items WHERE order_line_id = ? AND to_print = 1"
                            " AND status <> 'cancelled'", order_line_id) or 0
    rows = await db.all("SELECT status, SUM(units) AS units FROM jobs WHERE order_line_id = ? AND model_id = ?"
                        " GROUP BY status", order_line_id, model_id)
    by = {row["status"]: int(row["units"] or 0) for row in rows}
    return {"ordered": int(per_unit) * int(units), "done": by.get("completed", 0),
            "printing": sum(by.get(s, 0) for s in ("dispatched", "printing", "paused")),
            "queued": by.get("queued", 0)}


async def insert_batch(tx: Tx, *, product_id: int, sets: int, priority: int, required_tags: str,
                       bom_json: str, note: str, location: str, parts_json: str) -> int:
    return await tx.insert(
        "INSERT INTO batches (product_id, sets, priority, required_tags, bom_json, note, created_at, location,"
        " parts_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", product_id, sets, priority, required_tags,
        bom_json, note, utcnow(), location, parts_json)


async def insert_batch_jobs(tx: Tx, *, batch_id: int, plates: Sequence[tuple[int, int]], priority: int,
                            required_tags: str) -> list[int]:
    """A new batch's jobs, (model id, units) each, in one statement; their ids in the same order."""
    now = utcnow()
    await tx.execute_many(
        "INSERT INTO jobs (batch_id, model_id, plate, units, status, priority, required_tags, created_at)"
        " VALUES (?, ?, 1, ?, 'queued', ?, ?, ?)",
        [(batch_id, model_id, units, priority, required_tags, now) for model_id, units in plates])
    return [row["id"] for row in await tx.all("SELECT id FROM jobs WHERE batch_id = ? ORDER BY id", batch_id)]


async def get_batch(db: Db, batch_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT b.*, p.sku AS product_sku, p.name AS product_name FROM batches b"
                        " JOIN products p ON p.id = b.product_id WHERE b.id = ?", batch_id)


async def list_batches(db: Db, *, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    below, args = ("WHERE b.id < ?", [before_id]) if before_id is not None else ("", [])
    return await db.all("SELECT b.*, p.sku AS product_sku, p.name AS product_name FROM batches b"
                        f" JOIN products p ON p.id = b.product_id {below} ORDER BY b.id DESC LIMIT ?", *args, limit)


async def count_batches(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM batches"))


async def batch_jobs(db: Db, batch_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT j.id, j.model_id, j.units, j.status, j.printer_id, j.attempts, j.waiting_reason,"
                        " m.name AS model_name FROM jobs j JOIN models m ON m.id = j.model_id"
                        " WHERE j.batch_id = ? ORDER BY j.id", batch_id)


async def spools_on_printers(db: Db) -> dict[int, list[dict[str, Any]]]:
    """Per printer, the inventory spools on it with grams left by the ledger (what prints consumed)."""
    rows = await db.all(
        "SELECT s.printer_id, s.material, s.colour, COALESCE((SELECT SUM(m.quantity) FROM stock_movements m"
        " WHERE m.item_kind = 'spool' AND m.item_id = s.id), 0) AS remaining_mg FROM spools s"
        " WHERE s.printer_id IS NOT NULL ORDER BY s.id")
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["printer_id"], []).append(row)
    return found


async def set_batch_status(tx: Tx, batch_id: int, status: str, expected: str) -> bool:
    return await tx.execute("UPDATE batches SET status = ? WHERE id = ? AND status = ?",
                            status, batch_id, expected) == 1
