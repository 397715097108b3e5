"""SQL for the shop's settings: one row per key, its value a string the owning domain module encodes.

Every area keeps its few settings here (cost settings, order settings, QC reasons, branding) rather
than in a table of its own, so one place knows how a setting is read and replaced.
"""

from __future__ import annotations

from odind.store.db import Db, Tx


async def get(db: Db, key: str) -> str | None:
    found = await db.scalar("SELECT value FROM settings WHERE key = ?", key)
    return None if found is None else str(found)


async def put(tx: Tx, key: str, value: str) -> None:
    if not await tx.execute("UPDATE settings SET value = ? WHERE key = ?", value, key):
        await tx.execute("INSERT INTO settings (key, value) VALUES (?, ?)", key, value)


async def delete(tx: Tx, key: str) -> None:
    await tx.execute("DELETE FROM settings WHERE key = ?", key)
