"""Health check and the OpenAPI document."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from aiohttp import web

from odind.web.context import context
from odind.web.routes import Api

api = Api("meta")
OPENAPI = web.AppKey("openapi", dict)


def odind_version() -> str:
    try:
        return version("odind")
    except PackageNotFoundError:
        return "0+unknown"


@api.get("/api/health", "Liveness and a summary; needs no token", role=None)
async def health(request: web.Request) -> web.Response:
    ctx = context(request)
    schema = await ctx.store.version()
    return web.json_response({"status": "ok", "version": odind_version(), "schema": schema,
                              "printers": len(ctx.farm.drivers)})


@api.get("/api/openapi.json", "This API's OpenAPI 3.1 document", role=None)
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(request.app[OPENAPI])
