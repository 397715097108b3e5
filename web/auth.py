"""Authentication at the edge: each route declares the least role it needs (see routes.py).

Scripts send a Bearer token; the status page sends its session cookie plus, on requests that
change something, the session's CSRF token (see sessions.py).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from odind.domain.accounts.tokens import Role, authenticate
from odind.errors import Forbidden, Unauthorized
from odind.web.context import ACTOR, ROLE, context
from odind.web.identities import IDENTITIES
from odind.web.routes import route_info
from odind.web.sessions import COOKIE, IDENTITY, check_csrf, session_identity

KIOSK_PATHS = frozenset({"/api/status", "/api/events", "/api/me"})  # what the wall screen reads, nothing more
KIOSK = {"name": "kiosk", "role": Role.VIEWER, "via": "kiosk"}


def kiosk_enabled(request: web.Request) -> bool:
    return context(request).config.http.kiosk


async def identify(request: web.Request) -> dict[str, Any] | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    known = request.app[IDENTITIES]
    if scheme.lower() == "bearer" and token.strip():
        who = known.get("token", token.strip())
        if who is None:
            who = {**await authenticate(context(request).store, token.strip()), "via": "token"}
            known.remember("token", token.strip(), who)
        return who
    secret = request.cookies.get(COOKIE)
    who = known.get("session", secret) if secret else None
    if who is None:
        who = await session_identity(request)
        if who is not None and secret:
            known.remember("session", secret, who)
    return who


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    info = route_info(request)
    if info is None or info.role is None:
        return await handler(request)
    who = await identify(request)
    if who is None and info.role is Role.VIEWER and request.method == "GET" and request.path in KIOSK_PATHS \
            and kiosk_enabled(request):
        who = dict(KIOSK)
    if who is None:
        raise Unauthorized("log in, or send an API token as 'Authorization: Bearer <token>'")
    check_csrf(request, who)
    role: Role = who["role"]
    if not role.allows(info.role):
        raise Forbidden(f"this needs the {info.role.value} role; you have {role.value}")
    request[ACTOR] = f"{role.value}:{who['name']}"
    request[ROLE] = role
    request[IDENTITY] = who
    return await handler(request)
