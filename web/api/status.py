"""One aggregate read for the status page, so a phone on Wi-Fi makes one request, not six.

The stored part (printers, queue, orders to ship, low stock, recent events) is read in one
snapshot of bounded queries and kept until the bus reports a committed change (or for a few
seconds at most, for the few updates that record no event, like waiting reasons); the live part
comes from the farm's memory. The answer is encoded and gzipped once per change of either part
(live changes coming faster are gathered, one encode a second at most, as the page follows
telemetry over SSE anyway) and served as those bytes until the next change, with an ETag, so a
client that has it gets a 304. A wall screen and ten phones polling cost the daemon a few bytes copied.

`now` in the answer is when it was built, the moment its live statuses were read; the server's
clock at the time of the request is in the `X-Odind-Now` header.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Rendered:
    version: int
    live: int
    part: dict[str, Any]  # the stored part it was built from
    at: float
    body: bytes
    packed: bytes
    etag: str


class StoredPart:
    """The stored half of the status, with the bus telling it when it, or the live half, went stale."""

    def __init__(self) -> None:
        self.version = 0
        self.live = 0
        self._cached: tuple[int, float, dict[str, Any]] | None = None
        self._rendered: Rendered | None = None

    def changed(self) -> None:
        self.version += 1

    def live_changed(self) -> None:
        self.live += 1

    async def get(self, store: Store) -> dict[str, Any]:
        now = time.monotonic()
        if self._cached and self._cached[0] == self.version and now - self._cached[1] < MAX_AGE_S:
            return self._cached[2]
        version = self.version
        part = await stored_status(store)
        if version == self.version:  # nothing committed while we read: safe to keep
            self._cached = (version, now, part)
        return part

    def _current(self, now: float) -> Rendered | None:
        """The built answer while it still holds: nothing committed since, and no live change (or only
        live changes within the last second, gathered into the next build: a page that missed one hears
        it over SSE; a committed change, which pages refetch on, is never held back)."""
        r, cached = self._rendered, self._cached
        if r is None or cached is None or r.part is not cached[2] or now - cached[1] >= MAX_AGE_S:
            return None
        if r.version == self.version and (r.live == self.live or now - r.at < RENDER_AGE_S):
            return r
        return None

    async def render(self, ctx: AppContext) -> Rendered:
        """The whole answer as JSON, gzipped JSON and its ETag, built again only after a change."""
        now = time.monotonic()
        current = self._current(now)
        if current is not None:
            return current
        version, live = self.version, self.live
        part = await self.get(ctx.store)
        printers = [{**printer, "status": ctx.farm.status(printer["id"])} for printer in part["printers"]]
        body = json.dumps({**part, "now": time.time(), "printers": printers}, separators=(",", ":")).encode()
        rendered = Rendered(version=version, live=live, part=part, at=now, body=body, packed=gzip.compress(body, 5),
                            etag=f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"')
        if version == self.version:
            self._rendered = rendered
        return rendered


STORED = web.AppKey("odind_status_stored", StoredPart)


async def follow_bus(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: mark the stored part stale on every committed event, the live part on every live one."""
    stored = app[STORED] = StoredPart()
    bus = app[CONTEXT].bus
    tasks = TaskSet("status")

    async def follow() -> None:
        async for event in bus.subscribe():
            if isinstance(event, Saved):
                stored.changed()
            else:
                stored.live_changed()

    tasks.spawn(follow(), "bus")
    yield
    await tasks.cancel_all()


@api.get("/api/status", "Everything the status page shows: printers with live status and plate state, the "
         "queue with waiting reasons, orders ready to ship, low stock and recent events")
async def status(request: web.Request) -> web.Response:
    rendered = await request.app[STORED].render(context(request))
    body = rendered.body
    headers = {"Cache-Control": "private, no-cache", "Vary": "Accept-Encoding", "ETag": rendered.etag,
               "X-Odind-Now": f"{time.time():.3f}"}
    if rendered.etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = rendered.packed
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, content_type="application/json", headers=headers)
