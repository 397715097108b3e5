"""Orders: create, Schedule All, ship, cancel, P&L and the PDF invoice."""

from __future__ import annotations

from aiohttp import web

from odind.domain import orders
from odind.domain.access import Role
from odind.domain.invoices import invoice_pdf
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("orders")


@api.post("/api/orders", "Create an order", body=orders.OrderIn)
async def create_order(request: web.Request) -> web.Response:
    data = await read_body(request, orders.OrderIn)
    return web.json_response(await orders.create_order(context(request).store, actor(request), data), status=201)


@api.get("/api/orders", "List orders (optionally ?status=)")
async def list_orders(request: web.Request) -> web.Response:
    status = request.query.get("status")
    return web.json_response(await orders.list_orders(context(request).store, status=status))


@api.get("/api/orders/{order_id}", "One order with lines, jobs and P&L")
async def get_order(request: web.Request) -> web.Response:
    return web.json_response(await orders.get_order(context(request).store, int_param(request, "order_id")))


@api.post("/api/orders/{order_id}/schedule", "Schedule All: create the order's print jobs, reserve consumables")
async def schedule(request: web.Request) -> web.Response:
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.schedule_all(context(request).store, actor(request), order_id))


@api.post("/api/orders/{order_id}/ship", "Mark a fulfilled order shipped", body=orders.ShipIn)
async def ship(request: web.Request) -> web.Response:
    data = await read_body(request, orders.ShipIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.ship(context(request).store, actor(request), order_id, data))


@api.post("/api/orders/{order_id}/cancel", "Cancel an order and release what it reserved")
async def cancel(request: web.Request) -> web.Response:
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.cancel(context(request).store, actor(request), order_id))


@api.get("/api/orders/{order_id}/invoice.pdf", "The order's invoice as PDF", produces="application/pdf",
         role=Role.VIEWER)
async def invoice(request: web.Request) -> web.Response:
    ctx = context(request)
    order_id = int_param(request, "order_id")
    pdf, reference = await invoice_pdf(ctx.store, ctx.config, order_id)
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="invoice-{reference}.pdf"'})
