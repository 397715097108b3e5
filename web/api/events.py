"""Server-sent events: the event bus, live, for the status page and scripts."""

from __future__ import annotations

import asyncio
import contextlib
import json

from aiohttp import web

from odind.bus import Event
from odind.domain import events
from odind.errors import Invalid
from odind.web.context import context
from odind.web.routes import Api

api = Api("events")
KEEPALIVE_S = 15.0


@api.get("/api/events", "Server-sent events: every committed change and live printer status",
         produces="text/event-stream")
async def stream(request: web.Request) -> web.StreamResponse:
    ctx = context(request)
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    subscription = ctx.bus.subscribe()
    pending: asyncio.Task[Event] | None = None
    try:
        await response.write(b"retry: 2000\n\n")
        while True:
            if pending is None:
                pending = asyncio.ensure_future(anext(subscription))
            done, _ = await asyncio.wait({pending}, timeout=KEEPALIVE_S)
            if not done:
                await response.write(b": keepalive\n\n")
                continue
            event = pending.result()
            pending = None
            data = json.dumps(event.to_json(), default=str, separators=(",", ":"))
            await response.write(f"event: {event.name}\ndata: {data}\n\n".encode())
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await pending
        await subscription.aclose()
    return response


@api.get("/api/events/log", "The append-only event log, newest first (?limit=, default 100); one entity's"
         " whole history with ?entity=job&entity_id=42 (a job's log explains why it went where it went)")
async def recent(request: web.Request) -> web.Response:
    raw = request.query.get("limit", "100")
    limit = min(int(raw), 1000) if raw.isdigit() and int(raw) > 0 else 100
    entity, entity_id = request.query.get("entity"), request.query.get("entity_id", "")
    store = context(request).store
    if entity:
        if not entity_id.isdigit():
            raise Invalid("entity_id must be a whole number when entity is given", field="entity_id")
        rows = await events.history(store, entity, int(entity_id))
    else:
        rows = await events.recent(store, limit)
    return web.json_response(rows, dumps=lambda o: json.dumps(o, default=str))
