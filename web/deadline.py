"""A deadline on every request that sends a body, so one that never finishes (slowloris) cannot hold a
connection, a handler and, for a write, the store's one writer, for ever."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler

from odind.errors import RequestTimeout
from odind.web.context import CONTEXT
from odind.web.routes import route_info

UPLOAD_FACTOR = 20  # a 256 MB model over slow Wi-Fi may take minutes; a JSON body never does


@web.middleware
async def deadline_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    info = route_info(request)
    if request.method in ("GET", "HEAD", "OPTIONS") or info is None or info.produces == "text/event-stream":
        return await handler(request)
    limit = request.app[CONTEXT].config.http.request_timeout_s * (UPLOAD_FACTOR if info.upload else 1)
    try:
        async with asyncio.timeout(limit):
            return await handler(request)
    except TimeoutError:
        raise RequestTimeout(f"the request was not complete within {limit:g} s; send it again") from None
