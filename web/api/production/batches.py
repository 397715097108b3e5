"""Production batches: "N sets of product X" expanded into plate jobs, with progress."""

from __future__ import annotations

from aiohttp import web

from odind.domain.paging import PageIn
from odind.domain.production import batches as production
from odind.web.api.params import int_param, page_params
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api


class BatchOut(Out):
    """A production batch: N sets of a product, with progress."""

    id: int
    product_id: int
    sets: int


api = Api("batches")


@api.post("/api/batches", "Make N sets of a product: expand to parts, pack plates, queue the jobs",
          body=production.BatchIn)
async def create_batch(request: web.Request) -> web.Response:
    data = await read_body(request, production.BatchIn)
    return web.json_response(await production.create_batch(context(request).store, actor(request), data),
                             status=201)


class BatchPage(Page[BatchOut]):
    pass


@api.get("/api/batches", "A page of production batches with progress, newest first (?limit=, ?cursor=)",
         query=PageIn, response=BatchPage)
async def list_batches(request: web.Request) -> web.Response:
    return reply(BatchPage, await production.list_batches(context(request).store, page_params(request)))


@api.get("/api/batches/{batch_id}", "One batch: sets and parts done, its jobs", response=BatchOut)
async def get_batch(request: web.Request) -> web.Response:
    return web.json_response(await production.get_batch(context(request).store, int_param(request, "batch_id")))


def _batch_action(action: production.BatchAction, summary: str) -> None:
    @api.post(f"/api/batches/{{batch_id}}/{action}", summary)
    async def handler(request: web.Request) -> web.Response:
        batch_id = int_param(request, "batch_id")
        return web.json_response(await production.act(context(request).store, actor(request), batch_id, action))

    handler.__name__ = f"batch_{action}"


_batch_action("pause", "Pause a batch: its queued plates wait (printing ones finish)")
_batch_action("resume", "Resume a paused batch: its waiting plates are queued again")
_batch_action("cancel", "Cancel a batch: waiting plates are dropped; printing ones finish and are stocked")


settings_panel(api, "production", body=production.ProductionSettingsIn, read=production.production_settings,
               write=production.set_production_settings,
               read_summary="Production settings: when a printed part's consumables are drawn",
               write_summary="Draw a part's consumables as it is stocked (unit) or as a set is assembled")
