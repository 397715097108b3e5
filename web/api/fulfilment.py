"""Finished-goods stock, shipments and packing slips, credit notes, backorders and CSV order import."""

from __future__ import annotations

from aiohttp import web

from odind.domain.accounts.tokens import Role
from odind.domain.sales import allocation, order_import, shipments
from odind.domain.sales.invoices import credit_note_pdf
from odind.errors import BadRequest, Invalid
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("fulfilment")


@api.get("/api/products/{product_id}/stock", "Finished goods per location: on hand, allocated, available")
async def product_stock(request: web.Request) -> web.Response:
    return web.json_response(await allocation.get_stock(context(request).store, int_param(request, "product_id")))


@api.post("/api/products/{product_id}/stock", "Count finished goods in or out at a location (through the ledger)",
          body=allocation.StockAdjustIn)
async def adjust_stock(request: web.Request) -> web.Response:
    data = await read_body(request, allocation.StockAdjustIn)
    product_id = int_param(request, "product_id")
    return web.json_response(await allocation.adjust_stock(context(request).store, actor(request), product_id, data))


@api.post("/api/backorders/retry", "Allocate newly available stock to backorders, oldest first")
async def retry_backorders(request: web.Request) -> web.Response:
    return web.json_response({"allocated": await allocation.retry_backorders(context(request).store,
                                                                             actor(request))})


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


@api.get("/api/credit-notes/{credit_note_id}.pdf", "A credit note (for a refund) as PDF", produces="application/pdf")
async def credit_note(request: web.Request) -> web.Response:
    ctx = context(request)
    pdf, number = await credit_note_pdf(ctx.store, ctx.config, int_param(request, "credit_note_id"))
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="credit-note-{number}.pdf"'})


@api.post("/api/orders/import", "Import orders from a CSV (?format=etsy for Etsy's sold order items, or "
          "generic); all or nothing, unknown SKUs reported", upload=True, role=Role.OPERATOR)
async def import_orders(request: web.Request) -> web.Response:
    fmt = request.query.get("format", "generic")
    if fmt not in ("etsy", "generic"):
        raise Invalid(f"format must be etsy or generic, not {fmt!r}", field="format")
    if request.content_type == "multipart/form-data":
        form = await request.post()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise BadRequest("send the CSV as the multipart field 'file'")
        raw = upload.file.read()
    elif request.content_type in ("text/csv", "text/plain"):
        raw = await request.read()
    else:
        raise BadRequest("send the CSV as multipart/form-data (field 'file') or as text/csv")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("the CSV must be UTF-8 text", field="file") from None
    ctx = context(request)
    result = await order_import.import_csv(ctx.store, actor(request), text, fmt,
                                      default_tax_rate=ctx.config.sales.tax_rate_percent)
    return web.json_response(result, status=201)
