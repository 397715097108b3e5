"""Reading the append-only event log: recent activity, or one entity's whole history."""

from __future__ import annotations

from typing import Any

from odind.store import events as sql
from odind.store.db import Store


async def recent(store: Store, limit: int) -> list[dict[str, Any]]:
    async with store.read() as db:
        return await sql.recent(db, limit)


async def history(store: Store, entity: str, entity_id: int) -> list[dict[str, Any]]:
    """Everything that happened to one entity, which for a job says why it went where it went."""
    async with store.read() as db:
        return await sql.for_entity(db, entity, entity_id)
