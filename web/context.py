"""What request handlers may reach: the daemon's parts, handed over explicitly (no globals)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from odind.bus import EventBus
from odind.config import Config
from odind.domain.accounts.tokens import Role
from odind.runtime.farm import Farm
from odind.store.db import Store


@dataclass
class AppContext:
    config: Config
    store: Store
    bus: EventBus
    farm: Farm


CONTEXT = web.AppKey("odind_context", AppContext)
ACTOR = web.RequestKey("odind_actor", str)
ROLE = web.RequestKey("odind_role", Role)


def context(request: web.Request) -> AppContext:
    return request.app[CONTEXT]


def actor(request: web.Request) -> str:
    """Who is acting, for the event log: the token's or user's name."""
    return str(request.get(ACTOR, "anonymous"))
