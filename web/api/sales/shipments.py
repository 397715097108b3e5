"""Shipments: shipping an order whole or in parcels, carrier progress, and packing slips."""

from __future__ import annotations

from aiohttp import web

from odind.domain.sales import shipments
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out
from odind.web.routes import Api

api = Api("shipments")


@api.get("/api/shipments/{shipment_id}", "One shipment with its contents")
async def get_shipment(request: web.Request) -> web.Response:
    return web.json_response(await shipments.get(context(request).store, int_param(request, "shipment_id")))


@api.post("/api/shipments/{shipment_id}/status", "Carrier progress: dispatch, out_for_delivery, deliver, "
          "exception; or cancel a parcel that has not left", body=shipments.ShipmentActionIn)
async def shipment_status(request: web.Request) -> web.Response:
    data = await read_body(request, shipments.ShipmentActionIn)
    shipment_id = int_param(request, "shipment_id")
    return web.json_response(await shipments.act(context(request).store, actor(request), shipment_id, data))


@api.get("/api/shipments/{shipment_id}/packing-slip.pdf", "The shipment's packing slip as PDF",
         produces="application/pdf")
async def packing_slip(request: web.Request) -> web.Response:
    ctx = context(request)
    pdf, reference = await shipments.packing_slip_pdf(ctx.store, ctx.config, int_param(request, "shipment_id"))
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="packing-slip-{reference}.pdf"'})


@api.post("/api/orders/{order_id}/ship", "Ship everything left in one parcel (a fulfilled order)",
          body=shipments.ShipIn)
async def ship(request: web.Request) -> web.Response:
    data = await read_body(request, shipments.ShipIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await shipments.ship_order(context(request).store, actor(request), order_id, data))


@api.post("/api/orders/{order_id}/shipments", "Ship chosen lines and quantities with carrier and tracking",
          body=shipments.ShipmentIn)
async def create_shipment(request: web.Request) -> web.Response:
    data = await read_body(request, shipments.ShipmentIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await shipments.create(context(request).store, actor(request), order_id, data),
                             status=201)


@api.get("/api/orders/{order_id}/shipments", "The order's shipments with their contents", response=list[Out])
async def list_shipments(request: web.Request) -> web.Response:
    return web.json_response(await shipments.for_order(context(request).store, int_param(request, "order_id")))
