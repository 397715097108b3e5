"""True cost and pricing: cost settings, sales channels, COGS, pricing, cost history, purchases, usage."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from aiohttp import web

from odind.costing.settings import CostSettings
from odind.domain.accounts.tokens import Role
from odind.domain.costs import channels, history, order_costs, purchases
from odind.errors import Invalid
from odind.web.api.params import int_param, whole_number
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out
from odind.web.routes import Api

api = Api("costs")

def decimal_query(request: web.Request, name: str, *, minimum: Decimal = Decimal(0),
                  below: Decimal | None = None) -> Decimal | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Invalid(f"{name} must be a decimal number such as 12.50, not {raw!r}", field=name) from None
    if not value.is_finite() or value < minimum or (below is not None and value >= below):
        bound = f" and below {below}" if below is not None else ""
        raise Invalid(f"{name} must be at least {minimum}{bound}, got {raw}", field=name)
    return value


def quantity_query(request: web.Request) -> int:
    raw = request.query.get("quantity", "1")
    if not whole_number(raw) or not 1 <= int(raw) <= 1_000_000:
        raise Invalid(f"quantity must be a whole number from 1 to 1000000, not {raw!r}", field="quantity")
    return int(raw)


settings_panel(api, "costs", body=CostSettings, read=channels.get_settings, write=channels.put_settings,
               read_summary="Cost settings: labour, power, printer models, software, buffer, overhead, purge",
               write_summary="Replace the cost settings (material prices merge into material prices)")


@api.get("/api/channels", "Sales channels with their fees", response=list[Out])
async def list_channels(request: web.Request) -> web.Response:
    return web.json_response(await channels.list_channels(context(request).store))


@api.post("/api/channels", "Add a sales channel", role=Role.ADMIN, body=channels.ChannelIn)
async def create_channel(request: web.Request) -> web.Response:
    data = await read_body(request, channels.ChannelIn)
    result = await channels.create_channel(context(request).store, actor(request), data)
    return web.json_response(result, status=201)


@api.get("/api/channels/{channel_id}", "One sales channel")
async def get_channel(request: web.Request) -> web.Response:
    return web.json_response(await channels.get_channel(context(request).store, int_param(request, "channel_id")))


@api.put("/api/channels/{channel_id}", "Replace a sales channel's terms", role=Role.ADMIN, body=channels.ChannelIn)
async def update_channel(request: web.Request) -> web.Response:
    data = await read_body(request, channels.ChannelIn)
    channel_id = int_param(request, "channel_id")
    return web.json_response(await channels.update_channel(context(request).store, actor(request), channel_id, data))


@api.post("/api/channels/{channel_id}/archive", "Archive a sales channel: orders keep its figures",
          role=Role.ADMIN)
async def archive_channel(request: web.Request) -> web.Response:
    channel_id = int_param(request, "channel_id")
    return web.json_response(await channels.archive_channel(context(request).store, actor(request), channel_id,
                                                            archived=True))


@api.post("/api/channels/{channel_id}/restore", "Bring an archived sales channel back", role=Role.ADMIN)
async def restore_channel(request: web.Request) -> web.Response:
    channel_id = int_param(request, "channel_id")
    return web.json_response(await channels.archive_channel(context(request).store, actor(request), channel_id,
                                                            archived=False))


@api.delete("/api/channels/{channel_id}", "Remove a sales channel")
async def delete_channel(request: web.Request) -> web.Response:
    await channels.delete_channel(context(request).store, actor(request), int_param(request, "channel_id"))
    return web.Response(status=204)


@api.get("/api/products/{product_id}/cogs",
         "True COGS breakdown of a product or set; a batch with ?quantity= and ?labour_hours=")
async def cogs(request: web.Request) -> web.Response:
    result = await channels.cogs(context(request).store, int_param(request, "product_id"), quantity_query(request),
                                 decimal_query(request, "labour_hours"))
    return web.json_response(result)


@api.get("/api/products/{product_id}/pricing",
         "Fees, profit, margin, break-even and target-margin price on one ?channel= (?price=, ?target_margin=)")
async def pricing(request: web.Request) -> web.Response:
    channel = request.query.get("channel")
    if not channel:
        raise Invalid("name the channel: ?channel=<id or name>", field="channel")
    result = await channels.pricing(
        context(request).store, int_param(request, "product_id"), channel, price=decimal_query(request, "price"),
        target_margin=decimal_query(request, "target_margin", below=Decimal(100)), quantity=quantity_query(request),
        labour_hours=decimal_query(request, "labour_hours"))
    return web.json_response(result)


@api.get("/api/products/{product_id}/pricing/compare", "Every sales channel side by side for a product or set")
async def compare(request: web.Request) -> web.Response:
    result = await channels.compare(
        context(request).store, int_param(request, "product_id"), price=decimal_query(request, "price"),
        target_margin=decimal_query(request, "target_margin", below=Decimal(100)), quantity=quantity_query(request),
        labour_hours=decimal_query(request, "labour_hours"))
    return web.json_response(result)


@api.get("/api/products/{product_id}/cost-history", "How a product's COGS moved: a snapshot per change")
async def cost_history(request: web.Request) -> web.Response:
    return web.json_response(await history.cost_history(context(request).store, int_param(request, "product_id")))


@api.post("/api/consumables/{consumable_id}/purchases",
          "Record a purchase: a FIFO cost layer and a receipt in the stock ledger", body=purchases.PurchaseIn)
async def purchase(request: web.Request) -> web.Response:
    data = await read_body(request, purchases.PurchaseIn)
    cid = int_param(request, "consumable_id")
    return web.json_response(await purchases.purchase(context(request).store, actor(request), cid, data), status=201)


@api.get("/api/consumables/{consumable_id}/purchases", "A consumable's cost layers, current unit cost, stock value")
async def list_purchases(request: web.Request) -> web.Response:
    return web.json_response(await purchases.purchases(context(request).store, int_param(request, "consumable_id")))


@api.post("/api/consumables/{consumable_id}/usage", "Use stock: drawn FIFO, its cost recorded per order/job",
          body=purchases.UsageIn)
async def use(request: web.Request) -> web.Response:
    data = await read_body(request, purchases.UsageIn)
    cid = int_param(request, "consumable_id")
    return web.json_response(await purchases.use(context(request).store, actor(request), cid, data), status=201)


@api.get("/api/consumables/{consumable_id}/usage", "Audit trail: every draw with its layer, order, job and cost",
         response=list[Out])
async def usage(request: web.Request) -> web.Response:
    return web.json_response(await purchases.usage(context(request).store, int_param(request, "consumable_id")))


@api.put("/api/consumables/{consumable_id}/purchasing",
         "Unit of measure, reorder point and quantity, preferred supplier, lead days", body=purchases.PurchasingIn)
async def set_purchasing(request: web.Request) -> web.Response:
    data = await read_body(request, purchases.PurchasingIn)
    cid = int_param(request, "consumable_id")
    return web.json_response(await purchases.set_purchasing(context(request).store, actor(request), cid, data))


@api.get("/api/orders/{order_id}/costs", "An order's COGS, fees and profit as snapshotted when it was made")
async def order_cost(request: web.Request) -> web.Response:
    return web.json_response(await order_costs.order_costs(context(request).store, int_param(request, "order_id")))


@api.post("/api/orders/{order_id}/costs/snapshot", "Keep an order's costs as they are now (idempotent)")
async def snapshot(request: web.Request) -> web.Response:
    order_id = int_param(request, "order_id")
    return web.json_response(await order_costs.take_snapshot(context(request).store, actor(request), order_id))
