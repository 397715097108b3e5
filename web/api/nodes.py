"""The farm's nodes: each daemon sharing the database, its printers, version and last heartbeat."""

from __future__ import annotations

from aiohttp import web

from odind.domain import nodes
from odind.web.context import context
from odind.web.routes import Api

api = Api("nodes")


@api.get("/api/nodes", "The farm's nodes with their printers, version, schema and last heartbeat")
async def list_nodes(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response({"this": nodes.node_name(ctx.config),
                              "nodes": await nodes.list_nodes(ctx.store, ctx.config.store.lease_s)})
