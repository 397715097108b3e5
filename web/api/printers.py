"""Printers: configuration, live status, loaded filament, plate clearing and job commands."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from odind.domain import printers
from odind.domain.accounts.tokens import Role
from odind.domain.nodes import node_name
from odind.runtime.connections import check_connection, probe_connection
from odind.vocabulary import PrinterAction
from odind.web.api.params import int_param
from odind.web.context import AppContext, actor, context
from odind.web.errors import read_body
from odind.web.responses import Out
from odind.web.routes import Api


class PrinterOut(Out):
    """A printer with its live state."""

    id: int
    name: str
    driver: str
    model: str


api = Api("printers")


def _live(ctx: AppContext, row: dict[str, Any]) -> dict[str, Any]:
    view = printers.printer_view(row)
    view["status"] = ctx.farm.status(row["id"])
    return view


@api.get("/api/printers", "Printers with live state, job, progress and loaded filament", response=list[PrinterOut])
async def list_printers(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response([_live(ctx, row) for row in await printers.list_printers(ctx.store)])


@api.get("/api/printers/{printer_id}", "One printer with live status", response=PrinterOut)
async def get_printer(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response(_live(ctx, await printers.get_printer(ctx.store, int_param(request, "printer_id"))))


@api.post("/api/printers", "Add a printer", role=Role.ADMIN, body=printers.PrinterIn)
async def add_printer(request: web.Request) -> web.Response:
    data = await read_body(request, printers.PrinterIn)
    ctx = context(request)
    owner = node_name(ctx.config) if ctx.store.shared else None  # one SQLite node owns every printer anyway
    row = await printers.add_printer(ctx.store, actor(request), data, check_connection, node=owner)
    return web.json_response(row, status=201)


@api.put("/api/printers/{printer_id}", "Change a printer's details or connection (it reconnects)",
         role=Role.ADMIN, body=printers.PrinterIn)
async def update_printer(request: web.Request) -> web.Response:
    data = await read_body(request, printers.PrinterIn)
    ctx = context(request)
    row = await printers.update_printer(ctx.store, actor(request), int_param(request, "printer_id"), data,
                                        check_connection)
    return web.json_response(row)


@api.post("/api/printers/test-connection", "Try a driver and connection without saving: what answered, or why not",
          role=Role.ADMIN, body=printers.ConnectionTestIn)
async def test_connection(request: web.Request) -> web.Response:
    data = await read_body(request, printers.ConnectionTestIn)
    return web.json_response(await probe_connection(data.driver, data.connection, timeout_s=data.wait_s))


@api.delete("/api/printers/{printer_id}", "Remove a printer")
async def remove_printer(request: web.Request) -> web.Response:
    await printers.remove_printer(context(request).store, actor(request), int_param(request, "printer_id"))
    return web.json_response({"removed": True})


@api.put("/api/printers/{printer_id}/filament", "Say what is loaded (printers that cannot report it)",
         body=printers.LoadedIn)
async def set_filament(request: web.Request) -> web.Response:
    data = await read_body(request, printers.LoadedIn)
    ctx = context(request)
    return web.json_response(await printers.set_loaded(ctx.store, actor(request), int_param(request, "printer_id"),
                                                       data))


@api.post("/api/printers/{printer_id}/plate-cleared", "Confirm the build plate is clear for the next job")
async def plate_cleared(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response(await printers.plate_cleared(ctx.store, actor(request),
                                                          int_param(request, "printer_id")))


async def _command(request: web.Request, action: PrinterAction) -> web.Response:
    ctx = context(request)
    printer_id = int_param(request, "printer_id")
    row = await printers.get_printer(ctx.store, printer_id)
    await ctx.farm.command(printer_id, action)
    return web.json_response(_live(ctx, row))


@api.post("/api/printers/{printer_id}/pause", "Pause the current print")
async def pause(request: web.Request) -> web.Response:
    return await _command(request, PrinterAction.PAUSE)


@api.post("/api/printers/{printer_id}/resume", "Resume the paused print")
async def resume(request: web.Request) -> web.Response:
    return await _command(request, PrinterAction.RESUME)
