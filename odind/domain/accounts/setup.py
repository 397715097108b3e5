"""First run: whoever creates the first admin must show the one-time setup code.

A fresh farm on a shared LAN has no users; without a code, anyone who reached the page first
would own it. The daemon writes the code to its log and to a file in its state directory (0600),
which only the person who installed it can read. The code works once, and only while there is
no user at all; claiming it creates the admin, and the file is removed.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from pathlib import Path
from typing import Annotated, Any

from pydantic import StringConstraints

from odind.domain.accounts import users
from odind.domain.accounts.tokens import Role
from odind.domain.types import Input
from odind.errors import Conflict, Forbidden
from odind.store.accounts import users as sql
from odind.store.db import Store

log = logging.getLogger(__name__)

CODE_FILE = "setup-code"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread off a terminal
CODE_LENGTH = 12  # 60 bits, and the login limiter stands in front of guesses


class FirstAdminIn(Input):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    name: users.UserName
    password: users.Password


def code_path(data_dir: Path) -> Path:
    return data_dir / CODE_FILE


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def _normalise(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


async def needed(store: Store) -> bool:
    async with store.read() as db:
        return await sql.count_users(db) == 0


async def prepare(store: Store, data_dir: Path) -> str | None:
    """At start: with no users, make (or keep) the code and log it; with users, drop any stale one."""
    path = code_path(data_dir)
    if not await needed(store):
        path.unlink(missing_ok=True)
        return None
    if path.exists():
        code = path.read_text(encoding="utf-8").strip()
    else:
        code = _new_code()
        path.touch(mode=0o600)
        path.write_text(code + "\n", encoding="utf-8")
    log.warning("no users yet: open the web page and create the first admin with setup code %s (also in %s)",
                code, path)
    return code


def discard(data_dir: Path) -> None:
    code_path(data_dir).unlink(missing_ok=True)


async def claim(store: Store, data_dir: Path, data: FirstAdminIn) -> dict[str, Any]:
    """Create the first admin; refused once any user exists, or with a wrong code."""
    path = code_path(data_dir)
    expected = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if not await needed(store):
        raise Conflict("this farm already has users; log in instead", field="code")
    if not expected or not hmac.compare_digest(_normalise(data.code).encode(), _normalise(expected).encode()):
        raise Forbidden("the setup code is wrong; it is in the daemon's log and in its state directory",
                        field="code")
    password_hash = await users.hash_password(data.password)
    async with store.transaction(f"setup:{data.name}") as tx:
        if await sql.count_users(tx) != 0:
            raise Conflict("this farm already has users; log in instead", field="code")
        user_id = await sql.insert_user(tx, name=data.name, role=Role.ADMIN.value, password_hash=password_hash)
        await tx.record("user", user_id, "created", name=data.name, role=Role.ADMIN.value, via="setup code")
    path.unlink(missing_ok=True)
    return {"id": user_id, "name": data.name, "role": Role.ADMIN.value}
