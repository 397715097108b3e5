"""SQL for API tokens (stored as hashes only)."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_token(tx: Tx, *, name: str, role: str, token_hash: str) -> int:
    return await tx.insert("INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)"
                           " RETURNING id", name, role, token_hash, utcnow())


async def token_by_hash(db: Db, token_hash: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", token_hash)


async def revoke_token(tx: Tx, token_id: int) -> bool:
    return await tx.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                            utcnow(), token_id) == 1
