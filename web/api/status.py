"""One aggregate read for the status page, so a phone on Wi-Fi makes one request, not six.

Everything comes from one read snapshot of bounded queries plus the farm's in-memory live status;
the page then follows /api/events and asks again only when something committed.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from odind.domain.printers import printer_view
from odind.domain.transitions import ACTIVE_JOB_STATES
from odind.store import printers as printers_sql
from odind.store import status as sql
from odind.web.context import AppContext, context
from odind.web.routes import Api

api = Api("status")
QUEUE_LIMIT = 50
SHIP_LIMIT = 50
EVENT_LIMIT = 12


def _printer(ctx: AppContext, row: dict[str, Any], job: dict[str, Any] | None) -> dict[str, Any]:
    view = printer_view(row)
    view["status"] = ctx.farm.status(row["id"])
    view["job"] = job
    return view


@api.get("/api/status", "Everything the status page shows: printers with live status and plate state, the "
         "queue with waiting reasons, orders ready to ship, low stock and recent events")
async def status(request: web.Request) -> web.Response:
    ctx = context(request)
    async with ctx.store.read() as db:
        printers = await printers_sql.list_printers(db)
        active = await sql.active_jobs(db, tuple(sorted(ACTIVE_JOB_STATES)))
        queue, queued_total = await sql.queue(db, QUEUE_LIMIT)
        ready, ready_total = await sql.orders_in(db, "fulfilled", SHIP_LIMIT)
        low = await sql.low_stock(db)
        events = await sql.recent_events(db, EVENT_LIMIT)
    on_printer = {job["printer_id"]: job for job in active}
    return web.json_response({
        "now": time.time(),
        "printers": [_printer(ctx, row, on_printer.get(row["id"])) for row in printers],
        "queue": queue, "queue_total": queued_total,
        "ready_to_ship": ready, "ready_to_ship_total": ready_total,
        "low_stock": low, "events": events,
    })
