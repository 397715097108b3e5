"""Sales orders: create, confirm, allocate, Schedule All, pick, pack, ship, cancel, remove, payments,
P&L and the PDF invoice."""

from __future__ import annotations

from aiohttp import web

from odind.domain.accounts.tokens import Role
from odind.domain.sales import allocation, orders, payments, shipments
from odind.domain.sales.invoices import invoice_pdf
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("orders")


@api.post("/api/orders", "Create an order (draft: true for a quote that allocates nothing yet)",
          body=orders.OrderIn)
async def create_order(request: web.Request) -> web.Response:
    data = await read_body(request, orders.OrderIn)
    ctx = context(request)
    created = await orders.create_order(ctx.store, actor(request), data,
                                        default_tax_rate=ctx.config.sales.tax_rate_percent)
    return web.json_response(created, status=201)


@api.get("/api/orders", "List orders (optionally ?status=)")
async def list_orders(request: web.Request) -> web.Response:
    status = request.query.get("status")
    return web.json_response(await orders.list_orders(context(request).store, status=status))


@api.get("/api/orders/{order_id}", "One order with lines, units, jobs, shipments, payment status and P&L")
async def get_order(request: web.Request) -> web.Response:
    return web.json_response(await orders.get_order(context(request).store, int_param(request, "order_id")))


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


@api.get("/api/orders/{order_id}/shipments", "The order's shipments with their contents")
async def list_shipments(request: web.Request) -> web.Response:
    return web.json_response(await shipments.for_order(context(request).store, int_param(request, "order_id")))


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


@api.get("/api/orders/{order_id}/payments", "Payments, refunds and credit notes of an order")
async def list_payments(request: web.Request) -> web.Response:
    return web.json_response(await payments.list_payments(context(request).store, int_param(request, "order_id")))


@api.post("/api/orders/{order_id}/payments", "Record a payment received", body=payments.PaymentIn)
async def record_payment(request: web.Request) -> web.Response:
    data = await read_body(request, payments.PaymentIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.record_payment(context(request).store, actor(request), order_id, data),
                             status=201)


@api.post("/api/orders/{order_id}/refunds", "Refund money (a credit note if the order is invoiced)",
          body=payments.PaymentIn)
async def refund(request: web.Request) -> web.Response:
    data = await read_body(request, payments.PaymentIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.refund(context(request).store, actor(request), order_id, data),
                             status=201)


@api.put("/api/orders/{order_id}/payment-terms", "Set payment terms: prepay, or the customer's PO with due date",
         body=payments.TermsIn)
async def payment_terms(request: web.Request) -> web.Response:
    data = await read_body(request, payments.TermsIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.set_terms(context(request).store, actor(request), order_id, data))


@api.put("/api/settings/orders", "Order settings: auto-allocation on confirm", body=orders.OrderSettingsIn,
         role=Role.ADMIN)
async def order_settings(request: web.Request) -> web.Response:
    data = await read_body(request, orders.OrderSettingsIn)
    return web.json_response(await orders.set_settings(context(request).store, actor(request), data))


@api.get("/api/orders/{order_id}/invoice.pdf", "The order's invoice as PDF", produces="application/pdf",
         role=Role.VIEWER)
async def invoice(request: web.Request) -> web.Response:
    ctx = context(request)
    order_id = int_param(request, "order_id")
    pdf, reference = await invoice_pdf(ctx.store, ctx.config, order_id)
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="invoice-{reference}.pdf"'})
