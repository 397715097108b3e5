"""Consumables, filament spools and material prices."""

from __future__ import annotations

from aiohttp import web

from odind.domain.accounts.tokens import Role
from odind.domain.paging import PageIn
from odind.domain.stock import filament, inventory
from odind.web.api.params import int_param, page_params
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api


class SpoolOut(Out):
    """A spool of filament and the grams its ledger says are left."""

    id: int
    material: str


api = Api("inventory")


@api.post("/api/consumables", "Create a consumable with its opening stock", body=inventory.ConsumableIn)
async def create_consumable(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.ConsumableIn)
    result = await inventory.create_consumable(context(request).store, actor(request), data)
    return web.json_response(result, status=201)


@api.get("/api/consumables", "List consumables with stock and low-stock flags", response=list[Out])
async def list_consumables(request: web.Request) -> web.Response:
    return web.json_response(await inventory.list_consumables(context(request).store))


@api.get("/api/consumables/{consumable_id}", "One consumable")
async def get_consumable(request: web.Request) -> web.Response:
    cid = int_param(request, "consumable_id")
    return web.json_response(await inventory.get_consumable(context(request).store, cid))


@api.put("/api/consumables/{consumable_id}", "Change a consumable's SKU, name, reorder point, vendor, notes",
         body=inventory.ConsumableChangeIn)
async def update_consumable(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.ConsumableChangeIn)
    cid = int_param(request, "consumable_id")
    return web.json_response(await inventory.update_consumable(context(request).store, actor(request), cid, data))


@api.post("/api/consumables/{consumable_id}/archive", "Archive a consumable: kept for history, not offered")
async def archive_consumable(request: web.Request) -> web.Response:
    cid = int_param(request, "consumable_id")
    return web.json_response(await inventory.archive_consumable(context(request).store, actor(request), cid,
                                                                archived=True))


@api.post("/api/consumables/{consumable_id}/restore", "Bring an archived consumable back")
async def restore_consumable(request: web.Request) -> web.Response:
    cid = int_param(request, "consumable_id")
    return web.json_response(await inventory.archive_consumable(context(request).store, actor(request), cid,
                                                                archived=False))


@api.post("/api/consumables/{consumable_id}/stock", "Adjust stock (a ledger movement)",
          body=inventory.StockAdjustIn)
async def adjust_stock(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.StockAdjustIn)
    cid = int_param(request, "consumable_id")
    return web.json_response(await inventory.adjust_consumable(context(request).store, actor(request), cid, data))


@api.post("/api/spools", "Add a filament spool", body=inventory.SpoolIn)
async def create_spool(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.SpoolIn)
    return web.json_response(await inventory.create_spool(context(request).store, actor(request), data), status=201)


class SpoolPage(Page[SpoolOut]):
    pass


@api.get("/api/spools", "A page of spools with grams left, oldest first (?limit=, ?cursor=)", query=PageIn,
         response=SpoolPage)
async def list_spools(request: web.Request) -> web.Response:
    return reply(SpoolPage, await inventory.list_spools(context(request).store, page_params(request)))


@api.put("/api/spools/{spool_id}", "Weigh a spool (grams left) or move it to a printer or the shelf",
         body=inventory.SpoolChangeIn)
async def update_spool(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.SpoolChangeIn)
    spool_id = int_param(request, "spool_id")
    return web.json_response(await inventory.update_spool(context(request).store, actor(request), spool_id, data))


@api.put("/api/settings/materials/{material}", "Set a material's cost per gram", role=Role.ADMIN,
         body=inventory.MaterialPriceIn)
async def set_material_price(request: web.Request) -> web.Response:
    data = await read_body(request, inventory.MaterialPriceIn)
    result = await inventory.set_material_price(context(request).store, actor(request),
                                                request.match_info["material"], data)
    return web.json_response(result)


@api.get("/api/settings/materials", "Material prices per gram")
async def material_prices(request: web.Request) -> web.Response:
    return web.json_response(await inventory.material_prices(context(request).store))


@api.get("/api/filament", "Filament stock per material and colour: grams left on its spools, reorder point, "
         "low flag and the FIFO cost layers of the spools bought", response=list[Out])
async def filament_stock(request: web.Request) -> web.Response:
    return web.json_response(await filament.stock(context(request).store))


@api.put("/api/filament/reorder", "Set a material and colour's reorder point (grams), reorder quantity (spools) "
         "and preferred supplier", body=filament.FilamentReorderIn)
async def set_filament_reorder(request: web.Request) -> web.Response:
    data = await read_body(request, filament.FilamentReorderIn)
    return web.json_response(await filament.set_reorder(context(request).store, actor(request), data))
