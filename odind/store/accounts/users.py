"""SQL for users, their login sessions and the API tokens they own."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow

_USER_COLUMNS = "id, name, role, created_at, updated_at"


async def insert_user(tx: Tx, *, name: str, role: str, password_hash: str) -> int:
    now = utcnow()
    return await tx.insert("INSERT INTO users (name, role, password_hash, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?) RETURNING id", name, role, password_hash, now, now)


async def user_by_name(db: Db, name: str) -> dict[str, Any] | None:
    """The full row, password hash included: for checking a login only."""
    return await db.one("SELECT * FROM users WHERE name = ?", name)


async def get_user(db: Db, user_id: int) -> dict[str, Any] | None:
    return await db.one(f"SELECT {_USER_COLUMNS} FROM users WHERE id = ?", user_id)


async def list_users(db: Db) -> list[dict[str, Any]]:
    return await db.all(f"SELECT {_USER_COLUMNS} FROM users ORDER BY name")


async def update_user(tx: Tx, user_id: int, *, role: str | None = None, password_hash: str | None = None) -> None:
    if role is not None:
        await tx.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, utcnow(), user_id)
    if password_hash is not None:
        await tx.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                         password_hash, utcnow(), user_id)


async def delete_user(tx: Tx, user_id: int) -> None:
    await tx.execute("DELETE FROM users WHERE id = ?", user_id)


async def count_admins(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'"))


async def insert_session(tx: Tx, *, user_id: int, token_hash: str, csrf_token: str, expires_at: str) -> int:
    return await tx.insert("INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, expires_at)"
                           " VALUES (?, ?, ?, ?, ?) RETURNING id", user_id, token_hash, csrf_token, utcnow(),
                           expires_at)


async def session_by_hash(db: Db, token_hash: str, now: str) -> dict[str, Any] | None:
    """A live session with its user's current name and role (a role change applies at once)."""
    return await db.one(
        "SELECT s.id, s.user_id, s.csrf_token, s.expires_at, u.name, u.role FROM sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?", token_hash, now)


async def delete_session(tx: Tx, token_hash: str) -> bool:
    return await tx.execute("DELETE FROM sessions WHERE token_hash = ?", token_hash) == 1


async def delete_user_sessions(tx: Tx, user_id: int) -> int:
    return await tx.execute("DELETE FROM sessions WHERE user_id = ?", user_id)


async def delete_expired_sessions(tx: Tx, now: str) -> int:
    return await tx.execute("DELETE FROM sessions WHERE expires_at <= ?", now)


async def insert_user_token(tx: Tx, *, user_id: int, name: str, role: str, token_hash: str) -> int:
    return await tx.insert("INSERT INTO api_tokens (name, role, token_hash, created_at, user_id)"
                           " VALUES (?, ?, ?, ?, ?) RETURNING id", name, role, token_hash, utcnow(), user_id)


async def list_tokens(db: Db, user_id: int | None = None) -> list[dict[str, Any]]:
    """Token metadata (never the hash); all tokens, or one user's."""
    columns = ("SELECT t.id, t.name, t.role, t.created_at, t.revoked_at, t.user_id, u.name AS user_name"
               " FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id")
    if user_id is None:
        return await db.all(f"{columns} ORDER BY t.id")
    return await db.all(f"{columns} WHERE t.user_id = ? ORDER BY t.id", user_id)


async def get_token(db: Db, token_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT id, name, role, user_id, revoked_at FROM api_tokens WHERE id = ?", token_id)


async def revoke_user_tokens(tx: Tx, user_id: int, roles: tuple[str, ...]) -> int:
    marks = ",".join("?" * len(roles))
    return await tx.execute(f"UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                            f" AND role IN ({marks})", utcnow(), user_id, *roles)


async def count_users(db: Db) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM users"))
