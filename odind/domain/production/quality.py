"""Quality control: a finished print the operator rejects is waste, not stock.

The reasons are the shop's own list. A rejected batch plate is taken back off the shelf through the
stock ledger, so it can only be rejected while its units are still free there: units already
allocated to an order or shipped are refused with a 409 saying so (the order's own flow handles them).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from odind.domain.stock.finished_goods import stock_levels
from odind.domain.types import Input, Name
from odind.errors import Conflict, Invalid, NotFound
from odind.store import settings as settings_sql
from odind.store.db import Store
from odind.store.production import attempts as sql
from odind.store.production import dispatch as dispatch_sql
from odind.store.production import jobs as jobs_sql
from odind.store.stock import inventory as inventory_sql

REASONS_SETTING = "qc_reasons"
DEFAULT_REASONS = ["layer shift", "warping", "stringing", "under-extrusion", "wrong colour", "broken part",
                   "surface defect"]


class ReasonsIn(Input):
    reasons: list[Name] = Field(min_length=1, max_length=50)


class RejectIn(Input):
    reason: Name
    note: str = Field("", max_length=500)


async def reasons(store: Store) -> list[str]:
    async with store.read() as db:
        stored = await settings_sql.get(db, REASONS_SETTING)
    return DEFAULT_REASONS if stored is None else list(json.loads(stored))


async def set_reasons(store: Store, actor: str, data: ReasonsIn) -> list[str]:
    unique = list(dict.fromkeys(data.reasons))
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, REASONS_SETTING, json.dumps(unique))
        await tx.record("settings", None, "qc_reasons_changed", reasons=unique)
    return unique


async def reject(store: Store, actor: str, job_id: int, data: RejectIn) -> dict[str, Any]:
    """Fail a finished print at quality control: its filament becomes waste and its units leave the shelf."""
    allowed = await reasons(store)
    if data.reason not in allowed:
        raise Invalid(f"reason must be one of the shop's QC reasons: {', '.join(allowed)}", field="reason")
    async with store.transaction(actor) as tx:
        job = await jobs_sql.get_job(tx, job_id)
        if job is None:
            raise NotFound(f"job {job_id} does not exist", field="job_id")
        attempt = await sql.last_completed(tx, job_id)
        if job["status"] != "completed" or attempt is None:
            raise Conflict(f"job {job_id} is {job['status']}; only a finished print can fail quality control",
                           field="job_id")
        if job["order_id"] is not None:
            raise Conflict(f"job {job_id}'s units are already allocated to order {job['order_reference']};"
                           " cancel or return them on the order instead", field="job_id")
        taken = await _take_off_shelf(tx, job)
        await sql.fail_qc(tx, attempt["id"], data.reason)
        await tx.record("job", job_id, "failed_qc", reason=data.reason, note=data.note, attempt=attempt["attempt"],
                        units_taken=taken)
        return {"job_id": job_id, "attempt": attempt["attempt"], "reason": data.reason, "units_taken": taken}


async def _take_off_shelf(tx: Any, job: dict[str, Any]) -> dict[str, int]:
    """Take back the units this plate put on the shelf, refusing if any are no longer free there."""
    if job["batch_id"] is None:
        return {}
    batch = await dispatch_sql.get_batch(tx, job["batch_id"])
    assert batch is not None
    taken: dict[str, int] = {}
    for output in await sql.output_of_job(tx, job["id"]):
        product_id, units = output["product_id"], output["units"]
        level = (await stock_levels(tx, product_id)).get(batch["location"], {"available": 0})
        if level["available"] < units:
            raise Conflict(f"{units - max(level['available'], 0)} of the {units} unit(s) this print made are"
                           " allocated to orders or shipped; they cannot be taken back as failed",
                           field="job_id", details={"available": level["available"]})
        await inventory_sql.move(tx, item_kind="product", item_id=product_id, quantity=-units,
                                 reason="qc_failed", job_id=job["id"], location=batch["location"])
        await sql.insert_output(tx, batch_id=batch["id"], product_id=product_id, units=-units, job_id=job["id"])
        taken[str(product_id)] = units
    return taken
