"""Purchase orders: raised, drafted from low stock, confirmed, received into stock at their cost, closed."""

from __future__ import annotations

from aiohttp import web

from odind.domain.paging import PageIn
from odind.domain.stock import purchasing
from odind.web.api.params import int_param, page_params
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("purchasing")


@api.post("/api/purchase-orders", "Raise a purchase order (expected at once unless draft)", body=purchasing.POIn)
async def create_po(request: web.Request) -> web.Response:
    data = await read_body(request, purchasing.POIn)
    return web.json_response(await purchasing.create(context(request).store, actor(request), data), status=201)


@api.post("/api/purchase-orders/from-low-stock", "Draft purchase orders for every consumable and filament "
          "under its reorder point, one per supplier", response=list[Out])
async def po_from_low_stock(request: web.Request) -> web.Response:
    return web.json_response(await purchasing.from_low_stock(context(request).store, actor(request)), status=201)


@api.get("/api/purchase-orders", "A page of purchase orders, newest first (?limit=, ?cursor=)", query=PageIn,
         response=Page[Out])
async def list_pos(request: web.Request) -> web.Response:
    return reply(Page[Out], await purchasing.list_all(context(request).store, page_params(request)))


@api.get("/api/purchase-orders/{po_id}", "One purchase order with its lines and receipts")
async def get_po(request: web.Request) -> web.Response:
    return web.json_response(await purchasing.get(context(request).store, int_param(request, "po_id")))


@api.post("/api/purchase-orders/{po_id}/receive", "Receive goods (all outstanding, or chosen lines and "
          "quantities); more than outstanding is refused", body=purchasing.ReceiveIn)
async def receive_po(request: web.Request) -> web.Response:
    data = await read_body(request, purchasing.ReceiveIn) if request.can_read_body else purchasing.ReceiveIn()
    po_id = int_param(request, "po_id")
    return web.json_response(await purchasing.receive(context(request).store, actor(request), po_id, data))


def _po_action(action: str, summary: str) -> None:
    @api.post(f"/api/purchase-orders/{{po_id}}/{action}", summary)
    async def handler(request: web.Request) -> web.Response:
        po_id = int_param(request, "po_id")
        return web.json_response(await purchasing.act(context(request).store, actor(request), po_id,
                                                      action))  # type: ignore[arg-type]

    handler.__name__ = f"po_{action}"


_po_action("confirm", "Confirm a draft purchase order: its goods are now expected")
_po_action("cancel", "Cancel a purchase order nothing has been received on")
_po_action("close", "Close a partially received purchase order: the rest will not come")
