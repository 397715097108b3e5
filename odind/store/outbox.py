"""SQL for the outbox: messages written with the change they tell of, drained by the sender."""

from __future__ import annotations

from typing import Any

from odind.store import status_lists
from odind.store.db import Db, Tx, utcnow

MESSAGE_FIELDS = ("event_id", "template", "channel", "recipient", "subject", "body_text", "body_html", "message_id")


async def insert(tx: Tx, message: dict[str, Any]) -> int:
    now = utcnow()
    columns = ", ".join(MESSAGE_FIELDS)
    marks = ", ".join("?" for _ in MESSAGE_FIELDS)
    return await tx.insert(f"INSERT INTO outbox ({columns}, status, next_attempt_at, created_at)"
                           f" VALUES ({marks}, 'pending', ?, ?) RETURNING id",
                           *(message[f] for f in MESSAGE_FIELDS), now, now)


async def due(db: Db, now: str, limit: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
                        " ORDER BY next_attempt_at, id LIMIT ?", now, limit)


async def next_due_at(db: Db) -> str | None:
    found = await db.scalar("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
    return None if found is None else str(found)


async def get(db: Db, message_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM outbox WHERE id = ?", message_id)


async def mark_sent(tx: Tx, message_id: int) -> bool:
    return bool(await tx.execute("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?,"
                                 " last_error = NULL WHERE id = ? AND status = 'pending'", utcnow(), message_id))


async def mark_attempt_failed(tx: Tx, message_id: int, error: str, next_attempt_at: str, give_up: bool) -> None:
    await tx.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?"
                     " WHERE id = ? AND status = 'pending'", error, next_attempt_at,
                     "failed" if give_up else "pending", message_id)


async def requeue(tx: Tx, message_id: int) -> bool:
    return bool(await tx.execute("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?"
                                 " WHERE id = ? AND status = 'failed'", utcnow(), message_id))


async def page(db: Db, *, status: str | None, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    return await status_lists.newest_first(db, "outbox", status=status, before_id=before_id, limit=limit)


async def count(db: Db, *, status: str | None) -> int:
    return await status_lists.count(db, "outbox", status=status)


async def claim(tx: Tx, message_id: int, seen_next_attempt_at: str, lease_until: str) -> bool:
    """Take a due message for one send: only one node of a farm wins it; if that node dies mid-send,
    the message is due again when the lease runs out."""
    return bool(await tx.execute("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'"
                                 " AND next_attempt_at = ?", lease_until, message_id, seen_next_attempt_at))
