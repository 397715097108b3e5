"""Every try at a print, kept with its outcome and the filament it really used.

A completed print used what its plate was sliced for; a failed, cancelled or interrupted one used
that share of it its progress reached (the printer's figure), which is booked as waste against the
job, the printer, the spool it came from and the product it was for, at what that spool's filament
really cost per gram where it is known. Spools lose every gram, printed
or wasted, through the stock ledger; a spool never goes below nothing (the rest is recorded as run
out). These rows are what the efficiency metrics are computed from.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Literal

from odind.domain import model_rows
from odind.domain.stock import filament
from odind.domain.stock.inventory import MG_PER_GRAM
from odind.money import exact_text
from odind.store import catalog as catalog_sql
from odind.store.db import Tx
from odind.store.production import attempts as sql
from odind.store.production import dispatch as dispatch_sql
from odind.store.sales import orders as orders_sql
from odind.store.stock import inventory as inventory_sql

Outcome = Literal["completed", "failed", "cancelled", "interrupted"]


def _progress(value: float | None, outcome: Outcome) -> Decimal:
    """The share of the plate printed: all of it when completed; the printer's figure, kept in 0..1, else.
    An unknown figure counts as nothing printed rather than a guess."""
    if outcome == "completed":
        return Decimal(1)
    if value is None or value != value:
        return Decimal(0)
    return min(max(Decimal(str(round(value, 4))), Decimal(0)), Decimal(1))


async def _product_of(tx: Tx, job: dict[str, Any]) -> int | None:
    if job.get("order_line_id"):
        line = await orders_sql.get_line(tx, job["order_line_id"])
        return None if line is None else int(line["product_id"])
    if job.get("batch_id"):
        batch = await dispatch_sql.get_batch(tx, job["batch_id"])
        if batch is not None:
            for product_id, part in json.loads(batch["parts_json"]).items():
                if str(job["model_id"]) in part["models"]:
                    return int(product_id)
    return None


async def record(tx: Tx, job: dict[str, Any], outcome: Outcome, *, progress: float | None = None,
                 message: str | None = None) -> list[dict[str, Any]]:
    """Keep one attempt of `job` and draw its filament from the printer's spools; returns the filament rows."""
    share = _progress(progress, outcome)
    attempt = await sql.attempts_of(tx, job["id"]) + 1
    model = await catalog_sql.get_model(tx, job["model_id"])
    assert model is not None  # a job's model cannot be deleted while the job exists
    attempt_id = await sql.insert_attempt(
        tx, job_id=job["id"], attempt=attempt, outcome=outcome, printer_id=job["printer_id"],
        model_id=job["model_id"], product_id=await _product_of(tx, job), units=job["units"],
        progress=str(share), message=message, started_at=job["started_at"], estimated_s=model["print_time_s"])
    metadata = model_rows.model_metadata(model)
    needs = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
    spools = await inventory_sql.spools_on_printer(tx, job["printer_id"]) if job["printer_id"] else []
    booked = []
    for need in needs:
        if not need.grams:
            continue
        material, colour = need.material.upper(), (need.colour or "")
        planned = Decimal(str(need.grams))
        used = planned * share
        candidates = [s for s in spools if s["material"] == material and (s["colour"] or "") == colour] or \
                     [s for s in spools if s["material"] == material]
        spool = candidates[0] if candidates else None
        cost = None if spool is None else await filament.draw_cost(tx, spool, used)
        await sql.insert_filament(tx, attempt_id=attempt_id, material=material, colour=colour,
                                  planned_g=str(planned), used_g=str(used),
                                  spool_id=None if spool is None else spool["id"],
                                  cost=None if cost is None else exact_text(cost))
        booked.append({"material": material, "colour": colour or None, "planned_g": str(planned),
                       "used_g": str(used), "spool_id": None if spool is None else spool["id"],
                       "cost": None if cost is None else exact_text(cost)})
        if spool is None:
            await tx.record("job", job["id"], "filament_untracked", material=material, colour=need.colour,
                            grams=str(used))
            continue
        await _draw(tx, job, spool, int((used * MG_PER_GRAM).to_integral_value()), outcome)
    if outcome != "completed":
        await tx.record("job", job["id"], "waste_booked", attempt=attempt, outcome=outcome, progress=str(share),
                        printer_id=job["printer_id"], filament=booked)
    return booked


async def _draw(tx: Tx, job: dict[str, Any], spool: dict[str, Any], mg: int, outcome: Outcome) -> None:
    """Take `mg` (the ledger counts whole milligrams) off a spool, never below empty: a spool that runs out
    mid-print says so instead."""
    if mg <= 0:
        return
    taken = min(mg, max(int(spool["remaining_mg"]), 0))
    if taken:
        await inventory_sql.move(tx, item_kind="spool", item_id=spool["id"], quantity=-taken,
                                 reason="consume" if outcome == "completed" else "waste",
                                 job_id=job["id"], order_id=job["order_id"])
        spool["remaining_mg"] = int(spool["remaining_mg"]) - taken
    if taken < mg:
        await tx.record("spool", spool["id"], "ran_out", job_id=job["id"],
                        short_grams=str(Decimal(mg - taken) / MG_PER_GRAM))
