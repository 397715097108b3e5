"""Finished goods on the shelf per location, counted in or out through the ledger."""

from __future__ import annotations

from aiohttp import web

from odind.domain.sales import allocation
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("finished_goods")


@api.get("/api/products/{product_id}/stock", "Finished goods per location: on hand, allocated, available")
async def product_stock(request: web.Request) -> web.Response:
    return web.json_response(await allocation.get_stock(context(request).store, int_param(request, "product_id")))


@api.post("/api/products/{product_id}/stock", "Count finished goods in or out at a location (through the ledger)",
          body=allocation.StockAdjustIn)
async def adjust_stock(request: web.Request) -> web.Response:
    data = await read_body(request, allocation.StockAdjustIn)
    product_id = int_param(request, "product_id")
    return web.json_response(await allocation.adjust_stock(context(request).store, actor(request), product_id, data))
