"""SQL for transfers of finished goods between stock locations."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_transfer(tx: Tx, *, from_location: str, to_location: str) -> int:
    now = utcnow()
    transfer_id = await tx.insert(
        "INSERT INTO transfers (reference, from_location, to_location, status, created_at, updated_at)"
        " VALUES ('', ?, ?, 'draft', ?, ?) RETURNING id", from_location, to_location, now, now)
    await tx.execute("UPDATE transfers SET reference = ? WHERE id = ?", f"TRF-{transfer_id:05d}", transfer_id)
    return transfer_id


async def insert_line(tx: Tx, transfer_id: int, product_id: int, quantity: int) -> int:
    return await tx.insert("INSERT INTO transfer_lines (transfer_id, product_id, quantity) VALUES (?, ?, ?)"
                           " RETURNING id", transfer_id, product_id, quantity)


async def get_transfer(db: Db, transfer_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM transfers WHERE id = ?", transfer_id)


async def list_transfers(db: Db, *, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    if before_id is None:
        return await db.all("SELECT * FROM transfers ORDER BY id DESC LIMIT ?", limit)
    return await db.all("SELECT * FROM transfers WHERE id < ? ORDER BY id DESC LIMIT ?", before_id, limit)


async def count_transfers(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM transfers"))


async def lines(db: Db, transfer_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT l.*, p.sku, p.name AS product_name FROM transfer_lines l JOIN products p ON p.id = l.product_id"
        " WHERE l.transfer_id = ? ORDER BY l.id", transfer_id)


async def set_status(tx: Tx, transfer_id: int, status: str, expected: str) -> bool:
    changed = await tx.execute("UPDATE transfers SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                               status, utcnow(), transfer_id, expected)
    return changed == 1
