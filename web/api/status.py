"""One aggregate read for the status page, so a phone on Wi-Fi makes one request, not six.

The stored part (printers, queue, orders to ship, low stock, recent events) is read in one
snapshot of bounded queries and kept until the bus reports a committed change (or for a few
seconds at most, for the few updates that record no event, like waiting reasons); the live part
comes from the farm's memory. The encoded (and gzipped) answer is shared for up to a second, as
the farm forwards telemetry once a second anyway and the page follows it live over SSE. So a wall
screen and ten phones polling cost the daemon one encode a second and the database almost nothing.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from odind.bus import Saved
from odind.domain.status import stored_status
from odind.store.db import Store
from odind.tasks import TaskSet
from odind.web.context import CONTEXT, AppContext, context
from odind.web.routes import Api

api = Api("status")
MAX_AGE_S = 5.0
RENDER_AGE_S = 1.0


class StoredPart:
    """The stored half of the status, with the bus telling it when it went stale."""

    def __init__(self) -> None:
        self.version = 0
        self._cached: tuple[int, float, dict[str, Any]] | None = None
        self._rendered: tuple[int, float, bytes, bytes] | None = None

    def changed(self) -> None:
        self.version += 1

    async def get(self, store: Store) -> dict[str, Any]:
        now = time.monotonic()
        if self._cached and self._cached[0] == self.version and now - self._cached[1] < MAX_AGE_S:
            return self._cached[2]
        version = self.version
        part = await stored_status(store)
        if version == self.version:  # nothing committed while we read: safe to keep
            self._cached = (version, now, part)
        return part


    async def render(self, ctx: AppContext) -> tuple[bytes, bytes]:
        """The whole answer as JSON and gzipped JSON, shared by every request within a second."""
        now = time.monotonic()
        if self._rendered and self._rendered[0] == self.version and now - self._rendered[1] < RENDER_AGE_S:
            return self._rendered[2], self._rendered[3]
        version = self.version
        part = await self.get(ctx.store)
        printers = [{**printer, "status": ctx.farm.status(printer["id"])} for printer in part["printers"]]
        body = json.dumps({**part, "now": time.time(), "printers": printers}, separators=(",", ":")).encode()
        packed = gzip.compress(body, 5)
        if version == self.version:
            self._rendered = (version, now, body, packed)
        return body, packed


STORED = web.AppKey("odind_status_stored", StoredPart)


async def follow_bus(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: mark the stored part stale on every committed event (live status changes nothing stored)."""
    stored = app[STORED] = StoredPart()
    bus = app[CONTEXT].bus
    tasks = TaskSet("status")

    async def follow() -> None:
        async for event in bus.subscribe():
            if isinstance(event, Saved):
                stored.changed()

    tasks.spawn(follow(), "bus")
    yield
    await tasks.cancel_all()


@api.get("/api/status", "Everything the status page shows: printers with live status and plate state, the "
         "queue with waiting reasons, orders ready to ship, low stock and recent events")
async def status(request: web.Request) -> web.Response:
    body, packed = await request.app[STORED].render(context(request))
    headers = {"Cache-Control": "no-store", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = packed
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, content_type="application/json", headers=headers)
