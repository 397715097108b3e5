"""Authentication at the edge: each route declares the least role it needs (see routes.py)."""

from __future__ import annotations

from aiohttp import web

from odind.domain.access import Role, authenticate
from odind.errors import Forbidden, Unauthorized
from odind.web.context import ACTOR, ROLE, context
from odind.web.routes import route_info


async def identify(request: web.Request) -> dict[str, object] | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return await authenticate(context(request).store, token.strip())
    return None


@web.middleware
async def auth_middleware(request: web.Request, handler):  # type: ignore[no-untyped-def]
    info = route_info(request)
    if info is None or info.role is None:
        return await handler(request)
    who = await identify(request)
    if who is None:
        raise Unauthorized("send an API token as 'Authorization: Bearer <token>'")
    role: Role = who["role"]  # type: ignore[assignment]
    if not role.allows(info.role):
        raise Forbidden(f"this needs the {info.role.value} role; your token has {role.value}")
    request[ACTOR] = f"{role.value}:{who['name']}"
    request[ROLE] = role
    return await handler(request)
