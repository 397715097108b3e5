"""People who log in: scrypt password hashes, browser sessions and the API tokens each user owns.

Passwords are the one secret here a person chooses, so they get a slow, memory-hard hash
(`hashlib.scrypt`, stdlib) with a salt per user; scrypt runs in a worker thread so a login never
stalls the event loop. Session secrets and tokens are random and long, so a SHA-256 of them is
what is stored (nothing to brute-force), exactly like the CLI's API tokens.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from odind.domain.accounts.tokens import TOKEN_PREFIX, Role, hash_token
from odind.domain.types import Input, Name
from odind.errors import Conflict, Forbidden, NotFound, Unauthorized
from odind.store.accounts import tokens as access_sql
from odind.store.accounts import users as sql
from odind.store.db import Store

SESSION_LIFETIME = timedelta(days=7)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # 16 MiB per hash: ~0.1 s on a Raspberry Pi 4
MIN_PASSWORD = 8
LOGIN_REFUSED = "name or password is wrong"

UserName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64,
                                            pattern=r"^[^\x00-\x1f\x7f]+$")]
Password = Annotated[str, StringConstraints(min_length=MIN_PASSWORD, max_length=1024)]


class UserIn(Input):
    name: UserName
    role: Role
    password: Password


class UserUpdateIn(Input):
    role: Role | None = None
    password: Password | None = None


class LoginIn(Input):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
    password: Annotated[str, Field(max_length=1024)]


class TokenIn(Input):
    name: Name
    role: Role | None = None  # defaults to the owner's role; never above it


@dataclass(frozen=True)
class Session:
    """A logged-in browser; `secret` goes into the cookie and is shown nowhere else."""

    secret: str
    csrf_token: str
    expires_at: datetime


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r * p + (1 << 20),
                          dklen=32)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


async def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = await asyncio.to_thread(_scrypt, password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


async def verify_password(password: str, stored: str) -> bool:
    """Parameters travel with each hash, so raising them later leaves old passwords working."""
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    computed = await asyncio.to_thread(_scrypt, password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(computed, base64.b64decode(digest))


_DUMMY_HASH: str | None = None


async def _dummy_hash() -> str:
    """A hash to check unknown names against, so they take as long to refuse as a wrong password."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = await hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


async def create_user(store: Store, actor: str, data: UserIn) -> dict[str, Any]:
    password_hash = await hash_password(data.password)
    async with store.transaction(actor) as tx:
        if await sql.user_by_name(tx, data.name):
            raise Conflict(f"a user named {data.name} already exists", field="name")
        user_id = await sql.insert_user(tx, name=data.name, role=data.role.value, password_hash=password_hash)
        await tx.record("user", user_id, "created", name=data.name, role=data.role.value)
        return await _require(tx, user_id)


async def _require(db: Any, user_id: int) -> dict[str, Any]:
    row = await sql.get_user(db, user_id)
    if row is None:
        raise NotFound(f"user {user_id} does not exist", field="user_id")
    return row


async def list_users(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return await sql.list_users(db)


async def update_user(store: Store, actor: str, user_id: int, data: UserUpdateIn) -> dict[str, Any]:
    """A new password ends the user's sessions; a lower role revokes the tokens above it."""
    password_hash = await hash_password(data.password) if data.password is not None else None
    async with store.transaction(actor) as tx:
        user = await _require(tx, user_id)
        changes: dict[str, Any] = {}
        if data.role is not None and data.role.value != user["role"]:
            if user["role"] == Role.ADMIN.value and await sql.count_admins(tx) == 1:
                raise Conflict(f"{user['name']} is the last admin; make someone else admin first", field="role")
            changes["role"] = data.role.value
            above = tuple(r.value for r in Role if not data.role.allows(r))
            if above:
                await sql.revoke_user_tokens(tx, user_id, above)
        if password_hash is not None:
            changes["password_changed"] = True
            await sql.delete_user_sessions(tx, user_id)
        await sql.update_user(tx, user_id, role=changes.get("role"), password_hash=password_hash)
        if changes:
            await tx.record("user", user_id, "updated", name=user["name"], **changes)
        return await _require(tx, user_id)


async def delete_user(store: Store, actor: str, user_id: int) -> None:
    async with store.transaction(actor) as tx:
        user = await _require(tx, user_id)
        if user["role"] == Role.ADMIN.value and await sql.count_admins(tx) == 1:
            raise Conflict(f"{user['name']} is the last admin and cannot be removed", field="user_id")
        await sql.revoke_user_tokens(tx, user_id, tuple(r.value for r in Role))
        await sql.delete_user(tx, user_id)
        await tx.record("user", user_id, "deleted", name=user["name"])


async def login(store: Store, data: LoginIn) -> tuple[Session, dict[str, Any]]:
    """Check a password and open a session; every refusal reads the same, whatever the cause."""
    async with store.read() as db:
        row = await sql.user_by_name(db, data.name)
    ok = await verify_password(data.password, row["password_hash"] if row else await _dummy_hash())
    if row is None or not ok:
        raise Unauthorized(LOGIN_REFUSED)
    secret = secrets.token_urlsafe(32)
    session = Session(secret=secret, csrf_token=secrets.token_urlsafe(32), expires_at=_now() + SESSION_LIFETIME)
    async with store.transaction(f"{row['role']}:{row['name']}") as tx:
        await sql.delete_expired_sessions(tx, _stamp(_now()))
        await sql.insert_session(tx, user_id=row["id"], token_hash=hash_token(secret),
                                 csrf_token=session.csrf_token, expires_at=_stamp(session.expires_at))
        await tx.record("user", row["id"], "logged_in", name=row["name"])
    return session, {"id": row["id"], "name": row["name"], "role": row["role"]}


async def session_identity(store: Store, secret: str) -> dict[str, Any] | None:
    """Who a session cookie belongs to, or None when it is unknown, expired or logged out."""
    async with store.read() as db:
        row = await sql.session_by_hash(db, hash_token(secret), _stamp(_now()))
    if row is None:
        return None
    return {"name": row["name"], "role": Role(row["role"]), "user_id": row["user_id"], "csrf": row["csrf_token"]}


async def logout(store: Store, actor: str, secret: str) -> bool:
    async with store.transaction(actor) as tx:
        ended = await sql.delete_session(tx, hash_token(secret))
        if ended:
            await tx.record("session", None, "logged_out")
        return ended


async def create_user_token(store: Store, actor: str, user_id: int, data: TokenIn) -> dict[str, Any]:
    """A token for scripts, owned by a user and scoped to at most the user's role; shown once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with store.transaction(actor) as tx:
        user = await _require(tx, user_id)
        owner_role = Role(user["role"])
        role = data.role or owner_role
        if not owner_role.allows(role):
            raise Forbidden(f"a token cannot have more than your own role ({owner_role.value})", field="role")
        token_id = await sql.insert_user_token(tx, user_id=user_id, name=data.name, role=role.value,
                                               token_hash=hash_token(token))
        await tx.record("token", token_id, "created", name=data.name, role=role.value, user=user["name"])
    return {"id": token_id, "name": data.name, "role": role.value, "token": token}


async def list_tokens(store: Store, user_id: int | None = None) -> list[dict[str, Any]]:
    async with store.read() as db:
        return await sql.list_tokens(db, user_id)


async def revoke_token(store: Store, actor: str, token_id: int, *, owner: int | None = None) -> dict[str, Any]:
    """Revoke a token; with `owner`, only one of that user's own (anyone else's reads as not found)."""
    async with store.transaction(actor) as tx:
        token = await sql.get_token(tx, token_id)
        if token is None or (owner is not None and token["user_id"] != owner):
            raise NotFound(f"token {token_id} does not exist", field="token_id")
        if token["revoked_at"] is not None:
            raise Conflict(f"token {token_id} is already revoked", field="token_id")
        await access_sql.revoke_token(tx, token_id)
        await tx.record("token", token_id, "revoked", name=token["name"])
        return {"id": token_id, "name": token["name"], "revoked": True}
