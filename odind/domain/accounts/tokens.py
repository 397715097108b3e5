"""API tokens: random secrets shown once, stored only as SHA-256 hashes, scoped by role."""

from __future__ import annotations

import hashlib
import secrets
from enum import StrEnum
from typing import Any

from odind.errors import Unauthorized
from odind.store.accounts import tokens as sql
from odind.store.db import Store

TOKEN_PREFIX = "odt_"


class Role(StrEnum):
    VIEWER = "viewer"
    OPERATOR = "operator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return {"viewer": 0, "operator": 1, "admin": 2}[self.value]

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


def hash_token(token: str) -> str:
    """Tokens carry 256 bits of randomness, so a fast hash is enough: nothing to brute-force."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(store: Store, actor: str, *, role: Role, name: str) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with store.transaction(actor) as tx:
        token_id = await sql.insert_token(tx, name=name, role=role.value, token_hash=hash_token(token))
        await tx.record("token", token_id, "created", name=name, role=role.value)
    return token


async def authenticate(store: Store, token: str) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.token_by_hash(db, hash_token(token))
    if row is None:
        raise Unauthorized("the API token is not valid")
    return {"name": row["name"], "role": Role(row["role"])}
