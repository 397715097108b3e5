"""SQL for reading the append-only event log (writes happen through Tx.record)."""

from __future__ import annotations

import json
from typing import Any

from odind.store.db import Db, marks


async def for_entity(db: Db, entity: str, entity_id: int) -> list[dict[str, Any]]:
    rows = await db.all("SELECT * FROM events WHERE entity = ? AND entity_id = ? ORDER BY id", entity, entity_id)
    for row in rows:
        row["data"] = json.loads(row.pop("data_json"))
    return rows


async def recent(db: Db, limit: int = 100) -> list[dict[str, Any]]:
    rows = await db.all("SELECT * FROM events ORDER BY id DESC LIMIT ?", limit)
    for row in rows:
        row["data"] = json.loads(row.pop("data_json"))
    return rows


async def by_ids(db: Db, ids: list[int]) -> list[dict[str, Any]]:
    """Events by id, oldest first: what another node's oversized notification pointed at."""
    if not ids:
        return []
    rows = await db.all(f"SELECT * FROM events WHERE id IN ({marks(ids)}) ORDER BY id", *ids)
    for row in rows:
        row["data"] = json.loads(row.pop("data_json"))
    return rows
