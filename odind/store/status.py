"""Lean, bounded reads for the status page: a handful of indexed queries, each with a LIMIT."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db

WAITING_STATES = ("queued", "dispatched", "interrupted")


async def active_jobs(db: Db, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    """Jobs on printers: few by nature (at most one per printer, plus stale ones)."""
    marks = ",".join("?" * len(statuses))
    return await db.all(
        "SELECT j.id, j.status, j.printer_id, j.order_id, j.plate, j.units, j.started_at, j.message,"
        " m.name AS model_name, m.print_time_s, o.reference AS order_reference FROM jobs j"
        " JOIN models m ON m.id = j.model_id LEFT JOIN orders o ON o.id = j.order_id"
        f" WHERE j.status IN ({marks}) ORDER BY j.id", *statuses)


async def queue(db: Db, limit: int) -> tuple[list[dict[str, Any]], int]:
    marks = ",".join("?" * len(WAITING_STATES))
    rows = await db.all(
        "SELECT j.id, j.status, j.priority, j.order_id, j.plate, j.units, j.waiting_reason, j.message,"
        " j.printer_id, j.created_at, m.name AS model_name, m.print_time_s, o.reference AS order_reference,"
        " p.name AS printer_name FROM jobs j JOIN models m ON m.id = j.model_id"
        " LEFT JOIN orders o ON o.id = j.order_id LEFT JOIN printers p ON p.id = j.printer_id"
        f" WHERE j.status IN ({marks}) ORDER BY j.status = 'interrupted' DESC, j.priority DESC, j.id LIMIT ?",
        *WAITING_STATES, limit)
    total = await db.scalar(f"SELECT COUNT(*) FROM jobs WHERE status IN ({marks})", *WAITING_STATES)
    return rows, int(total)


async def orders_in(db: Db, status: str, limit: int) -> tuple[list[dict[str, Any]], int]:
    rows = await db.all(
        "SELECT o.id, o.reference, o.platform, o.customer_name, o.updated_at,"
        " (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id) AS items"
        " FROM orders o WHERE o.status = ? ORDER BY o.updated_at LIMIT ?", status, limit)
    total = await db.scalar("SELECT COUNT(*) FROM orders WHERE status = ?", status)
    return rows, int(total)


async def low_stock(db: Db) -> list[dict[str, Any]]:
    """Consumables below their reorder point; on-hand is the ledger sum, as everywhere."""
    return await db.all(
        "SELECT * FROM (SELECT c.id, c.sku, c.name, c.reorder_point, c.vendor,"
        " COALESCE((SELECT SUM(m.quantity) FROM stock_movements m WHERE m.item_kind = 'consumable'"
        " AND m.item_id = c.id), 0) AS stock FROM consumables c) AS counted WHERE stock < reorder_point ORDER BY sku")


async def recent_events(db: Db, limit: int) -> list[dict[str, Any]]:
    return await db.all("SELECT id, at, actor, entity, entity_id, action FROM events ORDER BY id DESC LIMIT ?",
                        limit)
