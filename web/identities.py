"""Who a bearer token or session cookie is, remembered between requests until an account changes.

Every request names its caller, and asking the store each time was most of what a poll of
/api/status cost. A remembered answer is dropped the moment the bus reports any change to users,
tokens or sessions (on every node of a farm: their events cross over LISTEN/NOTIFY), and kept at
most `TTL_S` whatever happens, so a session that simply expires ends on time. Refusals are not
remembered: a wrong token costs its store read every time.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from odind.tasks import TaskSet
from odind.web.context import CONTEXT

TTL_S = 30.0
MAX_KNOWN = 4096
ACCOUNT_ENTITIES = frozenset({"user", "token", "session"})


class Identities:
    def __init__(self) -> None:
        self._known: dict[bytes, tuple[float, dict[str, Any]]] = {}

    @staticmethod
    def _key(kind: str, secret: str) -> bytes:
        return hashlib.blake2b(f"{kind}:{secret}".encode(), digest_size=16).digest()

    def get(self, kind: str, secret: str) -> dict[str, Any] | None:
        found = self._known.get(self._key(kind, secret))
        if found is None or time.monotonic() - found[0] >= TTL_S:
            return None
        return dict(found[1])

    def remember(self, kind: str, secret: str, who: dict[str, Any]) -> None:
        if len(self._known) >= MAX_KNOWN:
            self._known.clear()
        self._known[self._key(kind, secret)] = (time.monotonic(), dict(who))

    def forget_all(self) -> None:
        self._known.clear()


IDENTITIES = web.AppKey("odind_identities", Identities)


async def follow_accounts(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: forget every remembered caller when a user, token or session changes."""
    identities = app[IDENTITIES] = Identities()
    tasks = TaskSet("identities")

    async def follow() -> None:
        async for event in app[CONTEXT].bus.subscribe_saved():
            if event.entity in ACCOUNT_ENTITIES:
                identities.forget_all()

    tasks.spawn(follow(), "bus")
    yield
    await tasks.cancel_all()
