"""Newest-first pages of a table's rows, optionally in one status: the shape outbox messages and quotes share.

Keyset paging (below the last id seen), so rows added meanwhile never repeat or skip anything. `table`
is always a constant of the calling store module, never input.
"""

from __future__ import annotations

from typing import Any

from odind.store.db import Db


def _where(status: str | None) -> tuple[str, list[Any]]:
    return ("status = ?", [status]) if status else ("1 = 1", [])


async def newest_first(db: Db, table: str, *, status: str | None, before_id: int | None,
                       limit: int) -> list[dict[str, Any]]:
    where, args = _where(status)
    if before_id is not None:
        where += " AND id < ?"
        args.append(before_id)
    return await db.all(f"SELECT * FROM {table} WHERE {where} ORDER BY id DESC LIMIT ?", *args, limit)


async def count(db: Db, table: str, *, status: str | None) -> int:
    where, args = _where(status)
    return int(await db.scalar(f"SELECT COUNT(*) FROM {table} WHERE {where}", *args))
