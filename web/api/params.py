"""Path parameter parsing shared by the route modules."""

from __future__ import annotations

from aiohttp import web

from odind.errors import NotFound


def int_param(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not raw.isdigit() or len(raw) > 18:
        raise NotFound(f"{name} must be a positive whole number, not {raw!r}", field=name)
    return int(raw)
