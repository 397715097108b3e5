"""SQL for print attempts (what each try at a job used and made) and what batches put on the shelf."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from odind.store.db import Db, Tx, marks, utcnow


async def attempts_of(db: Db, job_id: int) -> int:
    return int(await db.scalar("SELECT COUNT(*) FROM print_attempts WHERE job_id = ?", job_id))


async def insert_attempt(tx: Tx, *, job_id: int, attempt: int, outcome: str, printer_id: int | None,
                         model_id: int, product_id: int | None, units: int, progress: str,
                         message: str | None, started_at: str | None, estimated_s: int | None) -> int:
    return await tx.insert(
        "INSERT INTO print_attempts (job_id, attempt, outcome, printer_id, model_id, product_id, units, progress,"
        " message, started_at, estimated_s, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        job_id, attempt, outcome, printer_id, model_id, product_id, units, progress, message, started_at,
        estimated_s, utcnow())


async def insert_filament(tx: Tx, *, attempt_id: int, material: str, colour: str, planned_g: str, used_g: str,
                          spool_id: int | None, cost: str | None) -> None:
    await tx.insert(
        "INSERT INTO attempt_filament (attempt_id, material, colour, planned_g, used_g, spool_id, cost)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", attempt_id, material, colour, planned_g, used_g, spool_id, cost)


async def between(db: Db, since: str, until: str) -> list[dict[str, Any]]:
    """Attempts that ended in [since, until), each filament a row (attempts with no filament once)."""
    return await db.all(
        "SELECT a.id, a.job_id, a.attempt, a.outcome, a.printer_id, p.name AS printer_name, a.product_id,"
        " pr.sku AS product_sku, a.units, a.progress, a.started_at, a.estimated_s, a.finished_at, f.material,"
        " f.colour, f.planned_g, f.used_g,"
        " f.spool_id, f.cost FROM print_attempts a LEFT JOIN attempt_filament f ON f.attempt_id = a.id"
        " LEFT JOIN printers p ON p.id = a.printer_id LEFT JOIN products pr ON pr.id = a.product_id"
        " WHERE a.finished_at >= ? AND a.finished_at < ? ORDER BY a.id, f.id", since, until)


async def for_job(db: Db, job_id: int) -> list[dict[str, Any]]:
    return await db.all(
        "SELECT a.*, f.material, f.colour, f.planned_g, f.used_g, f.spool_id, f.cost FROM print_attempts a"
        " LEFT JOIN attempt_filament f ON f.attempt_id = a.id WHERE a.job_id = ? ORDER BY a.id, f.id", job_id)


async def batch_stocked(db: Db, batch_id: int) -> dict[int, int]:
    rows = await db.all("SELECT product_id, SUM(units) AS n FROM batch_output WHERE batch_id = ?"
                        " GROUP BY product_id", batch_id)
    return {row["product_id"]: int(row["n"]) for row in rows}


async def insert_output(tx: Tx, *, batch_id: int, product_id: int, units: int, job_id: int) -> None:
    await tx.insert("INSERT INTO batch_output (batch_id, product_id, units, job_id, created_at)"
                    " VALUES (?, ?, ?, ?, ?) RETURNING id", batch_id, product_id, units, job_id, utcnow())


async def last_completed(db: Db, job_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM print_attempts WHERE job_id = ? AND outcome = 'completed'"
                        " ORDER BY attempt DESC LIMIT 1", job_id)


async def fail_qc(tx: Tx, attempt_id: int, reason: str) -> None:
    await tx.execute("UPDATE print_attempts SET outcome = 'failed_qc', message = ? WHERE id = ?", reason, attempt_id)


async def output_of_job(db: Db, job_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM batch_output WHERE job_id = ? ORDER BY id", job_id)


async def good_copies_of_batch(db: Db, batch_id: int) -> dict[int, int]:
    """Model id -> copies the batch's completed prints made and quality control kept."""
    rows = await db.all("SELECT a.model_id, SUM(a.units) AS n FROM print_attempts a JOIN jobs j ON j.id = a.job_id"
                        " WHERE j.batch_id = ? AND a.outcome = 'completed' GROUP BY a.model_id", batch_id)
    copies: dict[int, int] = defaultdict(int)
    copies.update({row["model_id"]: int(row["n"]) for row in rows})
    return copies


async def waste_of_orders(db: Db, order_ids: list[int]) -> list[dict[str, Any]]:
    """Filament the orders' failed, cancelled, interrupted or rejected prints used: (order_id, material, used_g,
    cost where its spool's cost was known)."""
    return await db.all(
        "SELECT j.order_id, f.material, f.used_g, f.cost FROM print_attempts a JOIN jobs j ON j.id = a.job_id"
        f" JOIN attempt_filament f ON f.attempt_id = a.id WHERE j.order_id IN ({marks(order_ids)})"
        " AND a.outcome <> 'completed'", *order_ids)


async def wait_events(db: Db, since: str, until: str) -> list[dict[str, Any]]:
    """When each printer's plate was left occupied or cleared, and when it began or stopped waiting for a
    filament swap, from the event log, oldest first."""
    return await db.all(
        "SELECT e.entity_id AS printer_id, p.name AS printer_name, e.action, e.at FROM events e"
        " JOIN printers p ON p.id = e.entity_id WHERE e.entity = 'printer' AND e.action IN ('plate_occupied',"
        " 'plate_cleared', 'filament_wait_started', 'filament_wait_ended') AND e.at >= ? AND e.at < ?"
        " ORDER BY e.id", since, until)
