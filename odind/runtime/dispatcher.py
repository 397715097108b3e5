"""Continuous dispatch: on every printer or queue event (and a periodic sweep) plan and start jobs.

The planning itself is pure (`plan()`); this loop gathers candidates from the store and the farm's
live status, claims each chosen job atomically in the store before touching the printer, and
gives the job back to the queue if the printer refuses it. A printer is held while its job is
`dispatched` (sent, not yet confirmed), so a slow printer never gets a second job; a start that
is never confirmed within the bound is marked interrupted for the operator, never resent.

Durations the loop measures itself (how long a start has gone unconfirmed, how long a printer that
refused a start is left alone) run on the monotonic clock, so a wall-clock jump (NTP fixing a Pi
that booted without a real-time clock) neither expires every start at once nor holds one forever.
The wall clock is only used where the calendar matters: quiet hours, job age, due dates.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from datetime import time as clock_time
from typing import Any

from odind.config import Config, SchedulerConfig
from odind.domain import printers
from odind.domain.model_rows import model_metadata
from odind.domain.production import jobs
from odind.domain.stock.inventory import MG_PER_GRAM
from odind.drivers.base import DriverError
from odind.errors import Conflict, IllegalTransition
from odind.modelfiles import ModelMetadata
from odind.planning.model import JobCandidate, PlanSettings, PrinterCandidate
from odind.planning.plan import plan
from odind.runtime.farm import Farm
from odind.store import catalog as catalog_sql
from odind.store import printers as printers_sql
from odind.store.db import Store
from odind.store.production import dispatch as dispatch_sql
from odind.store.production import jobs as jobs_sql
from odind.tasks import TaskSet
from odind.vocabulary import LoadedFilament, PrinterAction, PrinterState

log = logging.getLogger(__name__)

ACTOR = "scheduler"
FREE_STATES = (PrinterState.IDLE, PrinterState.FINISHED)
WEAR_REFRESH_S = 60.0  # printer hours only move when a job completes; a minute stale is fine
READ_CHUNK = 1000  # queued jobs read in full at a time, when first seen: a 60,000-job queue never all at once
SAFETY_SWEEP_S = 60.0  # a sweep this often whatever happens, should an event ever go missing


def _ship_by(day: str | None) -> float | None:
    """An order due on a day must be printed by that day's start, when the parcel goes out."""
    if not day:
        return None
    return datetime.combine(date.fromisoformat(day), clock_time.min, tzinfo=UTC).timestamp()


def _epoch(iso: str | None) -> float | None:
    return datetime.fromisoformat(iso).timestamp() if iso else None


def _tags(text: str | None) -> frozenset[str]:
    return frozenset(t for t in (text or "").split(",") if t)


def _with_ledger(slot: LoadedFilament, spools: list[dict[str, Any]]) -> LoadedFilament:
    """Grams left on a slot the printer cannot weigh, from the inventory spool on it.

    What the operator typed when loading a spool goes stale with every print; the ledger has each
    print's consumption. Trays that report their own level (Bambu AMS) keep it.
    """
    if slot.remaining_pct is not None:
        return slot
    material, colour = slot.material.upper(), (slot.colour or "").upper()
    for spool in spools:
        if spool["material"].upper() == material and (spool["colour"] or "").upper() == colour:
            return slot.model_copy(update={"remaining_g": max(spool["remaining_mg"], 0) / MG_PER_GRAM})
    return slot


def plan_settings(config: SchedulerConfig) -> PlanSettings:
    return PlanSettings(blackout_start=config.blackout_start, blackout_end=config.blackout_end,
                        tz=config.zone(), shortest_job_first=config.shortest_job_first,
                        **{f"w_{name}": value for name, value in config.weights.items()})


class Dispatcher:
    def __init__(self, store: Store, farm: Farm, config: Config) -> None:
        self.store = store
        self.farm = farm
        self.config = config
        self.settings = plan_settings(config.scheduler)
        self.wall: Callable[[], float] = time.time  # calendar time; tests jump it
        self._candidates: dict[int, JobCandidate] = {}  # built once per job; the model never changes
        self._model_cache: dict[int, dict[str, Any]] = {}
        self._metadata: dict[int, ModelMetadata] = {}  # parsed once per model, not once per job
        self._sent: dict[int, float] = {}  # dispatched job -> monotonic time it was sent (or first seen)
        self._refused: dict[int, float] = {}  # printer -> monotonic time until which it is left alone
        self._wear: dict[int, float] = {}
        self._wear_read = -WEAR_REFRESH_S
        self.ticks = 0
        # False while this node cannot renew its lease (cut off from the database): it takes no new work.
        self.may_claim: Callable[[], bool] = lambda: True
        self._starved: set[int] | None = None  # this node's printers waiting for a filament swap
        self._last_tick = -SAFETY_SWEEP_S
        self._time_sensitive = True  # until the first tick says otherwise
        self._stopping = False
        self._starts = TaskSet("dispatcher")

    def stop(self) -> None:
        """End `run()` between ticks. Cancelling it works too, but may cut a store call in half;
        a graceful stop never leaves a claim made and the start not sent."""
        self._stopping = True
        self.farm.wake.set()

    async def close(self) -> None:
        """Stop the loop and cut short any start still in flight (it stays dispatched until reconciled)."""
        self.stop()
        await self._starts.cancel_all()

    async def run(self) -> None:
        try:
            await self._loop()
        finally:
            await self._starts.cancel_all()  # a start cut short stays dispatched; reconcile settles it

    async def _loop(self) -> None:
        interval = self.config.scheduler.sweep_interval_s
        while not self._stopping:
            woken = True
            try:
                await asyncio.wait_for(self.farm.wake.wait(), timeout=interval)
            except TimeoutError:
                woken = False
            self.farm.wake.clear()
            if self._stopping:
                break
            if not woken and not self._sweep_due():
                continue
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("dispatch tick failed; retrying on the next event or sweep")

    def _sweep_due(self) -> bool:
        """Whether a sweep with no event behind it can change anything. The plan's outcome changes with
        time only where a printer could start now (a hold running out, quiet hours ending) or a start
        awaits its confirmation; with every printer busy, offline or waiting for its plate, only an
        event can change it, and the queue, however long, is left alone (but for a slow safety sweep)."""
        return self._time_sensitive or time.monotonic() - self._last_tick >= SAFETY_SWEEP_S

    async def tick(self) -> None:
        self.ticks += 1
        self._last_tick = time.monotonic()
        if not self.may_claim():
            log.warning("this node's lease is not being renewed; claiming no work until it is")
            return
        now, mono = self.wall(), time.monotonic()
        async with self.store.read() as db:
            queued = await jobs_sql.queued_index(db)
            unseen = [j["id"] for j in queued if (c := self._candidates.get(j["id"])) is None
                      or c.priority != j["priority"]]
            for start in range(0, len(unseen), READ_CHUNK):
                rows = await jobs_sql.jobs_by_ids(db, unseen[start:start + READ_CHUNK])
                missing = sorted({j["model_id"] for j in rows} - set(self._model_cache))
                for model_id, row in (await catalog_sql.models_by_ids(db, missing)).items():
                    self._model_cache[model_id] = row
                for row in rows:
                    self._candidates[row["id"]] = self._job_candidate(row)
            active = await jobs_sql.jobs_in(db, ("dispatched",))
            printer_rows = await printers_sql.list_printers(db)
            spools = await dispatch_sql.spools_on_printers(db)
            if mono - self._wear_read >= WEAR_REFRESH_S:
                self._wear = await dispatch_sql.printer_print_hours(db)
                self._wear_read = mono
        here = {row["id"] for row in printer_rows if self.farm.owns(row)}  # other nodes settle their own
        await self._expire_unconfirmed([j for j in active if j["printer_id"] in here], mono)
        held = {j["printer_id"] for j in active}
        job_candidates = [self._candidates[j["id"]] for j in queued]
        printer_candidates = [self._printer_candidate(row, held, now, mono, spools.get(row["id"], []))
                              for row in printer_rows]
        self._time_sensitive = bool(active) or any(until > mono for until in self._refused.values()) or any(
            p.online and p.idle and p.plate_clear for p in printer_candidates)
        result = plan(job_candidates, printer_candidates, now, self.settings)
        assigned = {a.job_id for a in result.assignments}
        changed = {job["id"]: result.waiting.get(job["id"]) for job in queued
                   if job["id"] not in assigned and result.waiting.get(job["id"]) != job["waiting_reason"]}
        if changed:
            async with self.store.transaction(ACTOR) as tx:
                await jobs_sql.set_waiting_reasons(tx, changed)
        await self._note_starved(set(result.starved) & here, here)
        for a in result.assignments:
            job = await self._claim(a.job_id, a.printer_id, a.explanation)
            if job is not None:
                # The claim holds the printer; the upload runs on its own, so a slow one (a big 3MF over
                # weak Wi-Fi) keeps neither the other printers nor the next tick waiting.
                self._starts.spawn(self._start(job, a.printer_id), f"start-job-{a.job_id}")
        live = {j["id"] for j in queued}
        for job_id in [k for k in self._candidates if k not in live]:
            del self._candidates[job_id]

    async def _note_starved(self, starved: set[int], here: set[int]) -> None:
        if self._starved is None:
            self._starved = await printers.waiting_for_filament(self.store) & here
        started, ended = starved - self._starved, (self._starved - starved) & here
        if started or ended:
            await printers.filament_waits(self.store, ACTOR, started, ended)
            self._starved = (self._starved | started) - ended

    def _job_candidate(self, job: dict[str, Any]) -> JobCandidate:
        model = self._model_cache[job["model_id"]]
        metadata = self._metadata.get(model["id"])
        if metadata is None:
            metadata = self._metadata[model["id"]] = model_metadata(model)
        plates = metadata.plate_details
        plate = plates[min(max(job["plate"], 1), len(plates)) - 1] if plates else None
        filaments = plate.filaments if plate is not None else metadata.filaments
        print_time = (plate.print_time_s if plate is not None else None) or model["print_time_s"] or 0
        # Slicer metadata gives the print's height, not its footprint: only Z is checked against the
        # build volume (a file sliced for a smaller bed than the printer's still fits).
        bbox = (0.0, 0.0, float(metadata.max_z_mm)) if metadata.max_z_mm else None
        candidate = JobCandidate(
            id=job["id"], priority=job["priority"], created_at=_epoch(job["created_at"]) or 0.0,
            due_at=_ship_by(job.get("order_ship_by")),
            print_time_s=print_time, filaments=tuple(filaments),
            file_kind="gcode.3mf" if model["kind"] in ("gcode.3mf", "3mf") else "gcode",
            printer_model=metadata.printer_model_id or metadata.printer_model if model["kind"] != "gcode" else None,
            nozzle_diameter=metadata.nozzle_diameter, bbox_mm=bbox, required_tags=_tags(job.get("required_tags")),
            order_id=job["order_id"], label=f"{job['model_name']} (job {job['id']})")
        return candidate

    def _printer_candidate(self, row: dict[str, Any], held: set[int], now: float, mono: float,
                           spools: list[dict[str, Any]]) -> PrinterCandidate:
        status = self.farm.drivers[row["id"]].status() if row["id"] in self.farm.drivers else None
        state = status.state if status else PrinterState.OFFLINE
        reported = status.filaments if status else []
        loaded = reported or [LoadedFilament.model_validate(f) for f in json.loads(row["loaded_json"])]
        loaded = [_with_ledger(f, spools) for f in loaded]
        volume = json.loads(row["build_volume"])
        refused_until = self._refused.get(row["id"], 0.0)
        return PrinterCandidate(
            id=row["id"], name=row["name"], family=row["driver"], model=row["model"],
            online=state != PrinterState.OFFLINE, idle=state in FREE_STATES and row["id"] not in held,
            plate_clear=bool(row["plate_clear"]), build_volume_mm=(volume[0], volume[1], volume[2]),
            nozzle_diameter=float(row["nozzle_diameter"]), filaments=tuple(loaded), tags=_tags(row["tags"]),
            used_hours=self._wear.get(row["id"], 0.0),
            held_until=now + refused_until - mono if refused_until > mono else None)

    async def _claim(self, job_id: int, printer_id: int, explanation: str) -> dict[str, Any] | None:
        try:
            job = await jobs.claim(self.store, ACTOR, job_id, printer_id, explanation, check_printer=True)
        except IllegalTransition as exc:
            log.debug("job %s not claimed for printer %s: %s", job_id, printer_id, exc)
            return None  # cancelled or taken meanwhile, or the printer's plate was occupied since the plan
        self._sent[job_id] = time.monotonic()
        return job

    async def _start(self, job: dict[str, Any], printer_id: int) -> None:
        job_id = job["id"]
        model = self._model_cache[job["model_id"]]
        try:
            await self.farm.start_job(printer_id, job, model)
        except DriverError as exc:
            log.warning("printer %s refused job %s: %s", printer_id, job_id, exc)
            self._sent.pop(job_id, None)
            self._refused[printer_id] = time.monotonic() + self._refusal_hold_s()
            try:
                await jobs.unclaim(self.store, ACTOR, job_id, f"printer refused the start: {exc}")
            except IllegalTransition:
                pass  # cancelled while the printer was being asked
            return
        except Exception as exc:
            log.exception("starting job %s on printer %s failed", job_id, printer_id)
            self._sent.pop(job_id, None)
            await jobs.interrupted(self.store, ACTOR, job_id, f"start failed unexpectedly: {exc}")
            return
        await self._cancel_if_cancelled(job_id, printer_id)

    async def _cancel_if_cancelled(self, job_id: int, printer_id: int) -> None:
        """A cancel that arrived while the file was on its way found an idle printer and could not stop
        it; now the printer has the job, stop it."""
        async with self.store.read() as db:
            job = await jobs_sql.get_job(db, job_id)
        if job is not None and job["status"] == "cancelled":
            log.info("job %s was cancelled while it was being sent; stopping printer %s", job_id, printer_id)
            try:
                await self.farm.command(printer_id, PrinterAction.CANCEL)
            except Conflict as exc:
                log.warning("printer %s did not take the cancel of job %s: %s", printer_id, job_id, exc)

    def _refusal_hold_s(self) -> float:
        """How long a printer that refused a start is passed over, so one refusal is not retried on
        every event; a few sweeps, long enough for the poller to see the printer as it is."""
        return 3 * self.config.scheduler.sweep_interval_s

    async def _expire_unconfirmed(self, active: list[dict[str, Any]], mono: float) -> None:
        bound = self.config.scheduler.start_ack_timeout_s
        current = {job["id"] for job in active}
        for job_id in [k for k in self._sent if k not in current]:
            del self._sent[job_id]
        for job in active:
            sent = self._sent.setdefault(job["id"], mono)  # sent before a restart: the bound starts now
            if mono - sent > bound:
                del self._sent[job["id"]]
                await jobs.interrupted(self.store, ACTOR, job["id"],
                                       f"the printer did not confirm the start within {bound:.0f} s; "
                                       "check it, then requeue or cancel the job")
