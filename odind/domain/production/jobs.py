"""Print-job lifecycle: claimed by the dispatcher, confirmed by the printer, finished, failed, requeued.

Each step is a compare-and-set on the job's status through the JOB transition table, so two
dispatchers (or a dispatcher and a late printer event) can never both move the same job: one wins,
the other sees a 409 and leaves it alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from odind.domain import model_rows
from odind.domain.paging import PageIn, page
from odind.domain.sales import orders
from odind.domain.stock.inventory import MG_PER_GRAM
from odind.domain.transitions import JOB
from odind.domain.views import job_view
from odind.errors import IllegalTransition, NotFound
from odind.planning.policy import copies_needed, should_requeue
from odind.store import catalog as catalog_sql
from odind.store import printers as printers_sql
from odind.store.db import Db, Store, Tx, utcnow
from odind.store.production import dispatch as dispatch_sql
from odind.store.production import jobs as sql
from odind.store.sales import orders as orders_sql
from odind.store.stock import inventory as inventory_sql


async def _require(db: Db, job_id: int) -> dict[str, Any]:
    job = await sql.get_job(db, job_id)
    if job is None:
        raise NotFound(f"job {job_id} does not exist", field="job_id")
    return job


async def _move(tx: Tx, job: dict[str, Any], action: str, *, note: dict[str, Any] | None = None,
                **fields: Any) -> dict[str, Any]:
    target = JOB.next(job["status"], action)
    if not await sql.update_status(tx, job["id"], expected=job["status"], status=target, **fields):
        raise IllegalTransition(f"job {job['id']} changed while this request ran", field="status")
    await tx.record("job", job["id"], action, order_id=job["order_id"], printer_id=fields.get(
        "printer_id", job["printer_id"]), **{"from": job["status"], "to": target}, **(note or {}))
    return await _require(tx, job["id"])


async def claim(store: Store, actor: str, job_id: int, printer_id: int, explanation: str, *,
                check_printer: bool = False) -> dict[str, Any]:
    """Atomically give a queued job to a printer; raises IllegalTransition if someone else took it.

    With `check_printer` (the dispatcher) the printer is checked again inside the transaction: the
    plan was made from a snapshot, and a completion committed since (plate now occupied, or the
    printer's last job not yet settled) must win over it, or a part would be printed onto another.
    """
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if check_printer:
            await _require_ready(tx, printer_id)
        return await _move(tx, job, "dispatch", note={"why": explanation}, printer_id=printer_id,
                           dispatched_at=utcnow(), waiting_reason=None, message=None)


async def _require_ready(tx: Tx, printer_id: int) -> None:
    printer = await printers_sql.get_printer(tx, printer_id)
    if printer is None:
        raise IllegalTransition(f"printer {printer_id} no longer exists", field="printer_id")
    if not printer["plate_clear"]:
        raise IllegalTransition(f"plate not cleared on {printer['name']}", field="printer_id")
    other = await dispatch_sql.printer_busy_with(tx, printer_id)
    if other is not None:
        raise IllegalTransition(f"{printer['name']} still has job {other}", field="printer_id")


async def unclaim(store: Store, actor: str, job_id: int, reason: str) -> dict[str, Any]:
    """The printer refused the start before printing anything: the job goes back to the queue."""
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        return await _move(tx, job, "unclaim", note={"reason": reason}, printer_id=None, waiting_reason=reason,
                           message=reason)


async def started(store: Store, actor: str, job_id: int) -> dict[str, Any] | None:
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if job["status"] == "paused":
            return await _move(tx, job, "resume")
        if job["status"] != "dispatched":
            return None
        return await _move(tx, job, "start", started_at=utcnow())


async def paused(store: Store, actor: str, job_id: int) -> dict[str, Any] | None:
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if job["status"] != "printing":
            return None
        return await _move(tx, job, "pause")


async def completed(store: Store, actor: str, job_id: int) -> dict[str, Any] | None:
    """Finish a job: use up filament from the printer's spools, block the plate, roll the order up."""
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if not JOB.can(job["status"], "complete"):
            return None
        job = await _move(tx, job, "complete", finished_at=utcnow())
        printer = await printers_sql.get_printer(tx, job["printer_id"]) if job["printer_id"] else None
        if printer is not None:
            await _use_filament(tx, job, printer["id"])
            if not printer["auto_clear"]:
                await printers_sql.set_plate_clear(tx, printer["id"], False)
                await tx.record("printer", printer["id"], "plate_occupied", job_id=job_id)
        await orders.roll_up(tx, job["order_id"])
        return job


async def _use_filament(tx: Tx, job: dict[str, Any], printer_id: int) -> None:
    model = await catalog_sql.get_model(tx, job["model_id"])
    assert model is not None  # a job's model cannot be deleted while the job exists
    metadata = model_rows.model_metadata(model)
    needs = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
    spools = await inventory_sql.spools_on_printer(tx, printer_id)
    for need in needs:
        if not need.grams:
            continue
        material = need.material.upper()
        candidates = [s for s in spools if s["material"] == material and s["colour"] == need.colour] or \
                     [s for s in spools if s["material"] == material]
        if not candidates:
            await tx.record("job", job["id"], "filament_untracked", material=material, colour=need.colour,
                            grams=str(need.grams))
            continue
        spool = candidates[0]
        mg = int(Decimal(str(need.grams)) * MG_PER_GRAM)
        await inventory_sql.move(tx, item_kind="spool", item_id=spool["id"], quantity=-mg, reason="consume",
                                 job_id=job["id"], order_id=job["order_id"])


async def failed(store: Store, actor: str, job_id: int, message: str, *, cancelled: bool,
                 reprint_limit: int) -> dict[str, Any] | None:
    """A failed or cancelled print is requeued as a reprint until the limit, then waits for the operator."""
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if not JOB.can(job["status"], "fail"):
            return None
        job = await _move(tx, job, "fail", note={"cancelled": cancelled}, message=message,
                          finished_at=utcnow(), attempts=job["attempts"] + 1)
        if job["printer_id"]:
            await printers_sql.set_plate_clear(tx, job["printer_id"], False)
            await tx.record("printer", job["printer_id"], "plate_occupied", job_id=job_id)
        order_active = True
        if job["order_id"] is not None:
            order = await orders_sql.get_order(tx, job["order_id"])
            order_active = order is not None and order["status"] in ("in_progress", "partial")
        if not order_active or not should_requeue(job["attempts"], reprint_limit):
            return job
        missing = await _copies_missing(tx, job)
        if not missing:
            await tx.record("job", job["id"], "not_reprinted", order_id=job["order_id"],
                            why="the order line already has every copy it needs, done, printing or queued")
            return job
        return await _move(tx, job, "requeue", note={"reprint": job["attempts"], "copies_missing": missing},
                           printer_id=None,
                           waiting_reason=f"reprint {job['attempts']} of {reprint_limit} after: {message}")


async def _copies_missing(tx: Tx, job: dict[str, Any]) -> int:
    """Copies the job's order line still lacks with this job failed (a batch or loose job: all)."""
    if job["order_line_id"] is None:
        return int(job["units"])
    counts = await dispatch_sql.line_copies(tx, job["order_line_id"], job["model_id"])
    return copies_needed(counts["ordered"], counts["done"], counts["printing"], counts["queued"])


async def interrupted(store: Store, actor: str, job_id: int, message: str) -> dict[str, Any] | None:
    """The printer reset or vanished mid-job: never resumed blindly, the operator decides.

    A half-printed part may still be on the plate, so the printer is held like after a failure
    until someone confirms the plate is clear, even if it reconnects idle.
    """
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        if not JOB.can(job["status"], "interrupt"):
            return None
        job = await _move(tx, job, "interrupt", message=message, finished_at=utcnow())
        if job["printer_id"]:
            await printers_sql.set_plate_clear(tx, job["printer_id"], False)
            await tx.record("printer", job["printer_id"], "plate_occupied", job_id=job_id)
        return job


async def requeue(store: Store, actor: str, job_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        job = await _move(tx, job, "requeue", printer_id=None, message=None, waiting_reason=None)
        return job_view(job)


async def cancel(store: Store, actor: str, job_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        job = await _require(tx, job_id)
        job = await _move(tx, job, "cancel", message=f"cancelled by {actor}")
        await orders.roll_up(tx, job["order_id"])
        return job_view(job)


async def get_job(store: Store, job_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return job_view(await _require(db, job_id))


async def list_jobs(store: Store, request: PageIn, *, status: str | None = None) -> dict[str, Any]:
    """A page of jobs, newest first, with the total in `status`; the queue may hold tens of thousands."""
    async with store.read() as db:
        rows = await sql.list_jobs(db, status=status, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count_jobs(db, status=status)
    return page(rows, [job_view(job) for job in rows[:request.limit]], total, request)
