"""Transfers of finished goods between stock locations."""

from __future__ import annotations

from aiohttp import web

from odind.domain.paging import PageIn
from odind.domain.stock import transfers
from odind.web.api.params import int_param, page_params
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("transfers")


@api.post("/api/transfers", "Plan a transfer of finished goods between locations", body=transfers.TransferIn)
async def create_transfer(request: web.Request) -> web.Response:
    data = await read_body(request, transfers.TransferIn)
    return web.json_response(await transfers.create(context(request).store, actor(request), data), status=201)


@api.get("/api/transfers", "A page of transfers, newest first (?limit=, ?cursor=)", query=PageIn,
         response=Page[Out])
async def list_transfers(request: web.Request) -> web.Response:
    return reply(Page[Out], await transfers.list_all(context(request).store, page_params(request)))


@api.get("/api/transfers/{transfer_id}", "One transfer")
async def get_transfer(request: web.Request) -> web.Response:
    return web.json_response(await transfers.get(context(request).store, int_param(request, "transfer_id")))


def _transfer_action(action: str, summary: str) -> None:
    @api.post(f"/api/transfers/{{transfer_id}}/{action}", summary)
    async def handler(request: web.Request) -> web.Response:
        transfer_id = int_param(request, "transfer_id")
        return web.json_response(await transfers.act(context(request).store, actor(request), transfer_id,
                                                     action))  # type: ignore[arg-type]

    handler.__name__ = f"transfer_{action}"


_transfer_action("ship", "Send a transfer: the goods leave the source location")
_transfer_action("receive", "Receive a transfer at its destination")
_transfer_action("cancel", "Cancel a transfer that has not left")
