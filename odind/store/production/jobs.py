"""SQL for print jobs."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, chunked, marks, utcnow

_JOB = (
    "SELECT j.*, m.name AS model_name, m.filename AS model_filename, m.kind AS model_kind,"
    " m.print_time_s AS model_print_time_s, o.reference AS order_reference, o.ship_by AS order_ship_by,"
    " p.name AS printer_name"
    " FROM jobs j JOIN models m ON m.id = j.model_id LEFT JOIN orders o ON o.id = j.order_id"
    " LEFT JOIN printers p ON p.id = j.printer_id"
)


async def insert_job(tx: Tx, *, order_id: int | None, order_line_id: int | None, model_id: int, plate: int,
                     units: int, priority: int = 0) -> int:
    return await tx.insert(
        "INSERT INTO jobs (order_id, order_line_id, model_id, plate, units, status, priority, created_at)"
        " VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING id",
        order_id, order_line_id, model_id, plate, units, priority, utcnow())


async def get_job(db: Db, job_id: int) -> dict[str, Any] | None:
    return await db.one(f"{_JOB} WHERE j.id = ?", job_id)


async def list_jobs(db: Db, *, status: str | None = None, before_id: int | None = None,
                    limit: int = 50) -> list[dict[str, Any]]:
    """Newest first, from just below `before_id`."""
    clauses: list[str] = ["1 = 1"]
    args: list[Any] = []
    if status:
        clauses.append("j.status = ?")
        args.append(status)
    if before_id is not None:
        clauses.append("j.id < ?")
        args.append(before_id)
    return await db.all(f"{_JOB} WHERE {' AND '.join(clauses)} ORDER BY j.id DESC LIMIT ?", *args, limit)


async def count_jobs(db: Db, *, status: str | None = None) -> int:
    if status:
        return int(await db.scalar("SELECT COUNT(*) FROM jobs WHERE status = ?", status))
    return int(await db.scalar("SELECT COUNT(*) FROM jobs"))


async def jobs_for_order(db: Db, order_id: int) -> list[dict[str, Any]]:
    return await db.all(f"{_JOB} WHERE j.order_id = ? ORDER BY j.id", order_id)


async def jobs_of_orders(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"{_JOB} WHERE j.order_id IN ({marks(order_ids)}) ORDER BY j.id", *order_ids)


async def queued_index(db: Db) -> list[dict[str, Any]]:
    """The queue as the dispatcher walks it: id, priority and waiting reason only, highest priority first.
    The rest of a job never changes while it waits, so only jobs not seen before are read in full."""
    return await db.all("SELECT id, priority, waiting_reason FROM jobs WHERE status = 'queued'"
                        " ORDER BY priority DESC, id")


async def jobs_by_ids(db: Db, ids: list[int]) -> list[dict[str, Any]]:
    return await db.all(f"{_JOB} WHERE j.id IN ({marks(ids)})", *ids)


async def jobs_in(db: Db, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    return await db.all(f"{_JOB} WHERE j.status IN ({marks(statuses)}) ORDER BY j.priority DESC, j.id", *statuses)


async def update_status(tx: Tx, job_id: int, *, expected: str, status: str, **fields: Any) -> bool:
    """Compare-and-set on status: the claim that makes a job go to one printer only."""
    allowed = {"printer_id", "waiting_reason", "message", "dispatched_at", "started_at", "finished_at",
               "attempts"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown job fields {unknown}")
    assignments = "".join(f", {name} = ?" for name in fields)
    changed = await tx.execute(f"UPDATE jobs SET status = ?{assignments} WHERE id = ? AND status = ?",
                               status, *fields.values(), job_id, expected)
    return changed == 1


async def set_waiting_reasons(tx: Tx, reasons: dict[int, str | None]) -> None:
    """One statement per reason and 500 jobs, not one per job: a long queue mostly shares a few reasons."""
    by_reason: dict[str | None, list[int]] = {}
    for job_id, reason in reasons.items():
        by_reason.setdefault(reason, []).append(job_id)
    for reason, ids in by_reason.items():
        for chunk in chunked(ids):
            await tx.execute(f"UPDATE jobs SET waiting_reason = ? WHERE status = 'queued' AND id IN ({marks(chunk)})",
                             reason, *chunk)


async def active_on_printer(db: Db, printer_id: int) -> int:
    """Jobs on a printer that are on their way, printing or paused."""
    return int(await db.scalar("SELECT COUNT(*) FROM jobs WHERE printer_id = ? AND status IN"
                               " ('dispatched', 'printing', 'paused')", printer_id))
