"""Sales orders: create, confirm, allocate, Schedule All, pick, pack, ship, cancel, remove, payments,
P&L and the PDF invoice."""

from __future__ import annotations

from aiohttp import web
from pydantic import Field

from odind.domain.accounts.tokens import Role
from odind.domain.paging import PageIn
from odind.domain.sales import allocation, order_import, orders, proposals, shipments
from odind.domain.sales.invoices import invoice_pdf
from odind.errors import Invalid, TooLarge, UnsupportedMediaType
from odind.web import multipart
from odind.web.api.params import int_param, query_values
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

CSV_LIMIT = 8 << 20  # a year of a busy shop's Etsy orders is well under 1 MB

api = Api("orders")


class OrderLineOut(Out):
    id: int
    product_id: int
    sku: str
    product_name: str
    quantity: int
    active_quantity: int
    unit_price: str
    unit_discount: str
    line_total: str
    status: str
    units: dict[str, int]


class PnLOut(Out):
    revenue: str
    cogs: str
    fees: str
    profit: str
    margin_percent: str | None
    exact: dict[str, str]


class OrderOut(Out):
    """A sales order as the list and the order page show it; money as decimal strings."""

    id: int
    reference: str
    platform: str | None
    customer_name: str | None
    status: str
    state: str
    fulfilment: str
    payment_status: str
    ship_by: str | None
    created_at: str
    allowed_actions: list[str]
    allowed_state_actions: list[str]
    lines: list[OrderLineOut]
    totals: dict[str, str]
    pnl: PnLOut


class OrderQuery(PageIn):
    status: str | None = Field(None, max_length=40, description="only orders in this status")
    q: str | None = Field(None, max_length=200, description="search in reference, customer name and e-mail")
    customer_id: int | None = Field(None, ge=1, le=2**53, description="only this customer's orders")


class OrderPage(Page[OrderOut]):
    pass


@api.post("/api/orders", "Create an order (draft: true for a quote that allocates nothing yet)",
          body=orders.OrderIn)
async def create_order(request: web.Request) -> web.Response:
    data = await read_body(request, orders.OrderIn)
    ctx = context(request)
    created = await orders.create_order(ctx.store, actor(request), data,
                                        default_tax_rate=ctx.config.sales.tax_rate_percent)
    return web.json_response(created, status=201)


@api.get("/api/orders", "A page of orders, newest first (?status=, ?q= to search, ?customer_id=, ?limit=, ?cursor=)",
         query=OrderQuery, response=OrderPage)
async def list_orders(request: web.Request) -> web.Response:
    query = OrderQuery.model_validate(query_values(request, OrderQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(OrderPage, await orders.list_orders(context(request).store, page, status=query.status,
                                                     search=query.q, customer_id=query.customer_id))


@api.get("/api/orders/{order_id}/proposal", "Lines read from the order's notes, for the shop to review "
         "(a draft: nothing changes)")
async def order_proposal(request: web.Request) -> web.Response:
    return web.json_response(await proposals.for_order(context(request).store, int_param(request, "order_id")))


@api.get("/api/orders/{order_id}", "One order with lines, units, jobs, shipments, payment status and P&L",
         response=OrderOut)
async def get_order(request: web.Request) -> web.Response:
    return reply(OrderOut, await orders.get_order(context(request).store, int_param(request, "order_id")))


@api.put("/api/orders/{order_id}", "Edit an order (lines, customer, ship-by) while nothing of it is allocated, "
         "printed or invoiced", body=orders.OrderChangeIn, response=OrderOut)
async def edit_order(request: web.Request) -> web.Response:
    data = await read_body(request, orders.OrderChangeIn)
    order_id = int_param(request, "order_id")
    return reply(OrderOut, await orders.edit(context(request).store, actor(request), order_id, data))


@api.post("/api/orders/{order_id}/schedule", "Schedule All: print what stock does not cover, reserve consumables")
async def schedule(request: web.Request) -> web.Response:
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.schedule_all(context(request).store, actor(request), order_id))


@api.post("/api/orders/{order_id}/allocate", "Allocate finished stock to the order's units (by line and "
          "location, or automatically); a shortfall backorders", body=allocation.AllocateIn)
async def allocate(request: web.Request) -> web.Response:
    data = await read_body(request, allocation.AllocateIn) if request.can_read_body else allocation.AllocateIn()
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.allocate(context(request).store, actor(request), order_id, data))


def _core(action: orders.CoreAction, summary: str) -> None:
    @api.post(f"/api/orders/{{order_id}}/{action.value}", summary)
    async def handler(request: web.Request) -> web.Response:
        order_id = int_param(request, "order_id")
        return web.json_response(await orders.core_action(context(request).store, actor(request), order_id, action))

    handler.__name__ = f"order_{action.value}"


_core(orders.CoreAction.CONFIRM, "Confirm a draft order (allocates at once if auto-allocation is on)")
_core(orders.CoreAction.HOLD, "Put an order on hold")
_core(orders.CoreAction.RELEASE, "Release an order from hold, back to where it was")
_core(orders.CoreAction.UNALLOCATE, "Give back the stock an unscheduled, unshipped order holds")


@api.post("/api/orders/{order_id}/pick", "Record picking of allocated units (all, or by line)",
          body=shipments.PickIn)
async def pick(request: web.Request) -> web.Response:
    data = await read_body(request, shipments.PickIn) if request.can_read_body else shipments.PickIn()
    order_id = int_param(request, "order_id")
    return web.json_response(await shipments.pick_or_pack(context(request).store, actor(request), order_id,
                                                          "picked", data))


@api.post("/api/orders/{order_id}/pack", "Record packing of allocated or picked units (all, or by line)",
          body=shipments.PickIn)
async def pack(request: web.Request) -> web.Response:
    data = await read_body(request, shipments.PickIn) if request.can_read_body else shipments.PickIn()
    order_id = int_param(request, "order_id")
    return web.json_response(await shipments.pick_or_pack(context(request).store, actor(request), order_id,
                                                          "packed", data))


@api.post("/api/orders/{order_id}/cancel", "Cancel an order and release what it reserved")
async def cancel(request: web.Request) -> web.Response:
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.cancel(context(request).store, actor(request), order_id))


@api.post("/api/orders/{order_id}/cancel-lines", "Cancel chosen units of chosen lines; the order's status "
          "is derived again", body=orders.CancelLinesIn)
async def cancel_lines(request: web.Request) -> web.Response:
    data = await read_body(request, orders.CancelLinesIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.cancel_lines(context(request).store, actor(request), order_id, data))


@api.delete("/api/orders/{order_id}", "Remove an order permanently (admin; confirm with its reference)",
            body=orders.RemoveIn)
async def remove(request: web.Request) -> web.Response:
    data = await read_body(request, orders.RemoveIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await orders.remove(context(request).store, actor(request), order_id, data))


settings_panel(api, "orders", body=orders.OrderSettingsIn, read=orders.order_settings, write=orders.set_settings,
               read_summary="Order settings: whether finished stock is allocated as soon as an order is confirmed",
               write_summary="Order settings: auto-allocation on confirm")


@api.get("/api/orders/{order_id}/invoice.pdf", "The order's invoice as PDF", produces="application/pdf",
         role=Role.VIEWER)
async def invoice(request: web.Request) -> web.Response:
    ctx = context(request)
    order_id = int_param(request, "order_id")
    pdf, reference = await invoice_pdf(ctx.store, ctx.config, order_id)
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="invoice-{reference}.pdf"'})


@api.post("/api/backorders/retry", "Allocate newly available stock to backorders, oldest first")
async def retry_backorders(request: web.Request) -> web.Response:
    return web.json_response({"allocated": await allocation.retry_backorders(context(request).store,
                                                                             actor(request))})


@api.post("/api/orders/import", "Import orders from a CSV (?format=etsy for Etsy's sold order items, or "
          "generic); all or nothing, unknown SKUs reported", upload=True, role=Role.OPERATOR)
async def import_orders(request: web.Request) -> web.Response:
    fmt: order_import.Format
    match request.query.get("format", "generic"):
        case "etsy":
            fmt = "etsy"
        case "generic":
            fmt = "generic"
        case other:
            raise Invalid(f"format must be etsy or generic, not {other!r}", field="format")
    if request.content_type == "multipart/form-data":
        raw = None
        async for part in multipart.parts(request):
            if part.name == "file" and raw is None:
                raw = await multipart.read_bytes(part, CSV_LIMIT, "the CSV")
        if raw is None:
            raise Invalid("send the CSV as the multipart field 'file'", field="file")
    elif request.content_type in ("text/csv", "text/plain"):
        if request.content_length is not None and request.content_length > CSV_LIMIT:
            raise TooLarge(f"the CSV may be at most {CSV_LIMIT} bytes", field="file")
        raw = await request.content.read(CSV_LIMIT + 1)
        if len(raw) > CSV_LIMIT:
            raise TooLarge(f"the CSV may be at most {CSV_LIMIT} bytes", field="file")
    else:
        raise UnsupportedMediaType("send the CSV as multipart/form-data (field 'file') or as text/csv",
                                   field="file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("the CSV must be UTF-8 text", field="file") from None
    ctx = context(request)
    result = await order_import.import_csv(ctx.store, actor(request), text, fmt,
                                      default_tax_rate=ctx.config.sales.tax_rate_percent)
    return web.json_response(result, status=201)
