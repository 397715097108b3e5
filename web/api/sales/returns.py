"""Return orders: goods coming back from customers, restocked or scrapped, refunded if agreed."""

from __future__ import annotations

from aiohttp import web

from odind.domain.paging import PageIn
from odind.domain.sales import returns
from odind.web.api.params import int_param, page_params
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("returns")


@api.post("/api/returns", "Expect a return (from a sales order's shipped units, or without one)",
          body=returns.ReturnIn)
async def create_return(request: web.Request) -> web.Response:
    data = await read_body(request, returns.ReturnIn)
    return web.json_response(await returns.create(context(request).store, actor(request), data), status=201)


@api.get("/api/returns", "A page of returns, newest first (?limit=, ?cursor=)", query=PageIn, response=Page[Out])
async def list_returns(request: web.Request) -> web.Response:
    return reply(Page[Out], await returns.list_all(context(request).store, page_params(request)))


@api.get("/api/returns/{return_id}", "One return")
async def get_return(request: web.Request) -> web.Response:
    return web.json_response(await returns.get(context(request).store, int_param(request, "return_id")))


@api.post("/api/returns/{return_id}/receive", "Receive a return: restock or scrap, refund if agreed",
          body=returns.ReceiveReturnIn)
async def receive_return(request: web.Request) -> web.Response:
    data = await read_body(request, returns.ReceiveReturnIn) if request.can_read_body else returns.ReceiveReturnIn()
    return_id = int_param(request, "return_id")
    return web.json_response(await returns.receive(context(request).store, actor(request), return_id,
                                                   data.refund_method))


@api.post("/api/returns/{return_id}/cancel", "Cancel an expected return")
async def cancel_return(request: web.Request) -> web.Response:
    return web.json_response(await returns.cancel(context(request).store, actor(request),
                                                  int_param(request, "return_id")))
