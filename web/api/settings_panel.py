"""A settings panel: GET /api/settings/<name> for anyone signed in, PUT for an admin.

Every panel reads its settings from the store and writes them through its domain function (which
validates, writes, records the event and publishes it), so its two routes are the same for each.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel

from odind.domain.accounts.tokens import Role
from odind.store.db import Store
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

M = TypeVar("M", bound=BaseModel)


def settings_panel(api: Api, name: str, *, body: type[M], read: Callable[[Store], Awaitable[Any]],
                   write: Callable[[Store, str, M], Awaitable[Any]], read_summary: str, write_summary: str) -> None:
    @api.get(f"/api/settings/{name}", read_summary)
    async def get_settings(request: web.Request) -> web.Response:
        return web.json_response(await read(context(request).store))

    @api.put(f"/api/settings/{name}", write_summary, role=Role.ADMIN, body=body)
    async def put_settings(request: web.Request) -> web.Response:
        data = await read_body(request, body)
        return web.json_response(await write(context(request).store, actor(request), data))
