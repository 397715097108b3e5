"""The stored half of the status page: printers, what they print, the queue's head, orders to ship,
low stock and recent activity, read in one snapshot of bounded, indexed queries."""

from __future__ import annotations

from typing import Any

from odind.domain.printers import printer_view
from odind.domain.stock import filament
from odind.domain.transitions import ACTIVE_JOB_STATES
from odind.store import outbox as outbox_sql
from odind.store import printers as printers_sql
from odind.store import status as sql
from odind.store.db import Store

QUEUE_LIMIT = 50
SHIP_LIMIT = 50
EVENT_LIMIT = 12


async def stored_status(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        printers = await printers_sql.list_printers(db)
        active = await sql.active_jobs(db, tuple(sorted(ACTIVE_JOB_STATES)))
        queue, queued_total = await sql.queue(db, QUEUE_LIMIT)
        ready, ready_total = await sql.orders_in(db, "fulfilled", SHIP_LIMIT)
        low = [{"kind": "consumable", **row} for row in await sql.low_stock(db)]
        low += [{"kind": "filament", "id": None, "sku": " ".join(filter(None, (f["material"], f["colour"]))),
                 "name": f"{f['material']} filament", "stock": f"{f['grams_left']} g",
                 "reorder_point": f"{f['reorder_point_g']} g", "vendor": f["supplier"]}
                for f in await filament.low_filament(db)]
        events = await sql.recent_events(db, EVENT_LIMIT)
        messages_failed = await outbox_sql.count(db, status="failed")
    on_printer = {job["printer_id"]: job for job in active}
    shown = [{key: value for key, value in printer_view(row).items() if key != "connection"}  # not for a wall screen
             for row in printers]
    return {"printers": [{**view, "job": on_printer.get(view["id"])} for view in shown],
            "queue": queue, "queue_total": queued_total, "ready_to_ship": ready, "ready_to_ship_total": ready_total,
            "low_stock": low, "events": events, "messages_failed": messages_failed}
