"""Continuous dispatch: on every printer or queue event (and a periodic sweep) plan and start jobs.

The planning itself is pure (`plan()`); this loop gathers candidates from the store and the farm's
live status, claims each chosen job atomically in the store before touching the printer, and
gives the job back to the queue if the printer refuses it. A printer is held while its job is
`dispatched` (sent, not yet confirmed), so a slow printer never gets a second job; a start that
is never confirmed within the bound is marked interrupted for the operator, never resent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime
from typing import Any

from odind.config import Config
from odind.domain import jobs
from odind.domain.catalog import model_metadata
from odind.drivers.base import DriverError, LoadedFilament, PrinterState
from odind.errors import IllegalTransition
from odind.farm import Farm
from odind.scheduler.model import JobCandidate, PlanSettings, PrinterCandidate
from odind.scheduler.plan import plan
from odind.store import catalog as catalog_sql
from odind.store import jobs as jobs_sql
from odind.store import printers as printers_sql
from odind.store.db import Store

log = logging.getLogger(__name__)

ACTOR = "scheduler"
FREE_STATES = (PrinterState.IDLE, PrinterState.FINISHED)


def _epoch(iso: str | None) -> float | None:
    return datetime.fromisoformat(iso).timestamp() if iso else None


class Dispatcher:
    def __init__(self, store: Store, farm: Farm, config: Config) -> None:
        self.store = store
        self.farm = farm
        self.config = config
        self.settings = PlanSettings()
        self._candidates: dict[int, JobCandidate] = {}  # built once per job; the model never changes
        self._model_cache: dict[int, dict[str, Any]] = {}
        self.ticks = 0

    async def run(self) -> None:
        interval = self.config.scheduler.sweep_interval_s
        while True:
            try:
                await asyncio.wait_for(self.farm.wake.wait(), timeout=interval)
            except TimeoutError:
                pass
            self.farm.wake.clear()
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("dispatch tick failed; retrying on the next event or sweep")

    async def tick(self) -> None:
        self.ticks += 1
        now = time.time()
        async with self.store.read() as db:
            queued = await jobs_sql.jobs_in(db, ("queued",))
            active = await jobs_sql.jobs_in(db, ("dispatched",))
            printer_rows = await printers_sql.list_printers(db)
            missing = sorted({j["model_id"] for j in queued} - set(self._model_cache))
            for model_id, row in (await catalog_sql.models_by_ids(db, missing)).items():
                self._model_cache[model_id] = row
        await self._expire_unconfirmed(active, now)
        held = {j["printer_id"] for j in active}
        job_candidates = [self._job_candidate(j) for j in queued]
        printer_candidates = [self._printer_candidate(row, held) for row in printer_rows]
        result = plan(job_candidates, printer_candidates, now, self.settings)
        assigned = {a.job_id for a in result.assignments}
        changed = {job["id"]: result.waiting.get(job["id"]) for job in queued
                   if job["id"] not in assigned and result.waiting.get(job["id"]) != job["waiting_reason"]}
        if changed:
            async with self.store.transaction(ACTOR) as tx:
                await jobs_sql.set_waiting_reasons(tx, changed)
        for assignment in result.assignments:
            await self._dispatch(assignment.job_id, assignment.printer_id, assignment.explanation)
        live = {j["id"] for j in queued}
        for job_id in [k for k in self._candidates if k not in live]:
            del self._candidates[job_id]

    def _job_candidate(self, job: dict[str, Any]) -> JobCandidate:
        cached = self._candidates.get(job["id"])
        if cached is not None and cached.priority == job["priority"]:
            return cached
        model = self._model_cache[job["model_id"]]
        metadata = model_metadata(model)
        filaments = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
        candidate = JobCandidate(
            id=job["id"], priority=job["priority"], created_at=_epoch(job["created_at"]) or 0.0, due_at=None,
            print_time_s=model["print_time_s"] or 0, filaments=tuple(filaments),
            file_kind="gcode.3mf" if model["kind"] in ("gcode.3mf", "3mf") else "gcode",
            printer_model=metadata.printer_model if model["kind"] != "gcode" else None,
            nozzle_diameter=metadata.nozzle_diameter, bbox_mm=None, required_tags=frozenset(),
            order_id=job["order_id"], label=f"{job['model_name']} (job {job['id']})")
        self._candidates[job["id"]] = candidate
        return candidate

    def _printer_candidate(self, row: dict[str, Any], held: set[int]) -> PrinterCandidate:
        status = self.farm.drivers[row["id"]].status() if row["id"] in self.farm.drivers else None
        state = status.state if status else PrinterState.OFFLINE
        reported = status.filaments if status else []
        loaded = reported or [LoadedFilament.model_validate(f) for f in json.loads(row["loaded_json"])]
        volume = json.loads(row["build_volume"])
        return PrinterCandidate(
            id=row["id"], name=row["name"], family=row["driver"], model=row["model"],
            online=state != PrinterState.OFFLINE, idle=state in FREE_STATES and row["id"] not in held,
            plate_clear=bool(row["plate_clear"]), build_volume_mm=(volume[0], volume[1], volume[2]),
            nozzle_diameter=float(row["nozzle_diameter"]), filaments=tuple(loaded),
            tags=frozenset(t for t in row["tags"].split(",") if t), used_hours=0.0, held_until=None)

    async def _dispatch(self, job_id: int, printer_id: int, explanation: str) -> None:
        try:
            job = await jobs.claim(self.store, ACTOR, job_id, printer_id, explanation)
        except IllegalTransition:
            return  # cancelled or taken meanwhile
        model = self._model_cache[job["model_id"]]
        try:
            await self.farm.start_job(printer_id, job, model)
        except DriverError as exc:
            log.warning("printer %s refused job %s: %s", printer_id, job_id, exc)
            await jobs.unclaim(self.store, ACTOR, job_id, f"printer refused the start: {exc}")
        except Exception as exc:
            log.exception("starting job %s on printer %s failed", job_id, printer_id)
            await jobs.interrupted(self.store, ACTOR, job_id, f"start failed unexpectedly: {exc}")

    async def _expire_unconfirmed(self, active: list[dict[str, Any]], now: float) -> None:
        bound = self.config.scheduler.start_ack_timeout_s
        for job in active:
            sent = _epoch(job["dispatched_at"])
            if sent is not None and now - sent > bound:
                await jobs.interrupted(self.store, ACTOR, job["id"],
                                       f"the printer did not confirm the start within {bound:.0f} s; "
                                       "check it, then requeue or cancel the job")
