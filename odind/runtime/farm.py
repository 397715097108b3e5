"""The farm: one driver per printer, live status in memory, driver events turned into domain calls.

Drivers only report what happened; the farm is where those reports become job transitions
(through the domain functions, like every other change) and where the dispatcher learns that a
printer became free. It follows the event bus to attach printers added through the API, detach
removed ones, and stop a printer whose job was cancelled.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any

from odind.bus import EventBus, Live, Saved
from odind.config import Config
from odind.domain.model_rows import model_metadata
from odind.domain.nodes import node_name
from odind.domain.production import jobs
from odind.domain.stock import filament
from odind.domain.transitions import ACTIVE_JOB_STATES
from odind.domain.views import job_key
from odind.drivers.base import DriverError, DriverEvent, JobSpec, PrinterDriver
from odind.drivers.registry import driver_class
from odind.errors import Conflict
from odind.store import printers as printers_sql
from odind.store.db import Store
from odind.store.production import jobs as jobs_sql
from odind.tasks import TaskSet
from odind.vocabulary import LoadedFilament, PrinterAction, PrinterState

log = logging.getLogger(__name__)

ACTOR = "farm"
TELEMETRY_INTERVAL_S = 1.0
# What can free a printer; telemetry (a cooling nozzle on an idle printer) must not wake the planner.
WAKING_EVENTS = frozenset({"state", "job_completed", "job_failed", "job_interrupted"})


def job_id_from_key(key: str | None) -> int | None:
    if key and key.startswith("odind-") and key[6:].isdigit():
        return int(key[6:])
    return None


class Farm:
    def __init__(self, store: Store, bus: EventBus, config: Config) -> None:
        self.store = store
        self.bus = bus
        self.config = config
        self.node = node_name(config)
        self.drivers: dict[int, PrinterDriver] = {}
        self.remote: dict[int, dict[str, Any]] = {}  # other nodes' printers, as their heartbeats summarise them
        self.problems: dict[int, str] = {}
        self.wake = asyncio.Event()  # set whenever a printer may have become free
        self._tasks = TaskSet("farm")
        self._listeners: dict[int, asyncio.Task[Any]] = {}
        self._reconciled: set[int] = set()
        self._last_telemetry: dict[int, float] = {}
        self._progress: dict[int, float] = {}  # the last progress each printer reported for its job
        self._last_seen: dict[int, float] = {}

    async def start(self) -> None:
        async with self.store.read() as db:
            rows = await printers_sql.list_printers(db)
        for row in rows:
            if self.owns(row):
                await self.attach(row)
        self._tasks.spawn(self._follow_bus(), "bus")

    def owns(self, row: dict[str, Any]) -> bool:
        """This node runs the printer's driver: its own, or one no node has taken yet (on SQLite, all)."""
        return not self.store.shared or row.get("node") in (None, self.node)

    def summary(self) -> dict[int, dict[str, Any]]:
        """What the other nodes' pages show of this node's printers: state and progress, not telemetry."""
        keep = ("state", "job_key", "progress", "time_left_s", "layer", "total_layers", "message", "last_seen")
        found = {}
        for printer_id in self.drivers:
            view = self.status(printer_id)
            found[printer_id] = {key: view[key] for key in keep if key in view}
        return found

    async def close(self, timeout: float = 5.0) -> None:
        await self._tasks.cancel_all(timeout)
        for printer_id in list(self.drivers):
            await self.detach(printer_id, timeout=timeout)

    async def attach(self, row: dict[str, Any]) -> None:
        """Start a printer's driver; a misconfigured printer is reported and skipped, never fatal."""
        printer_id = row["id"]
        try:
            cls = driver_class(row["driver"])
            connection = cls.Connection.model_validate(json.loads(row["connection_json"]))
            driver = cls(row["name"], connection, data_dir=self.config.data_dir / "printers" / str(printer_id))
            loaded = [LoadedFilament.model_validate(f) for f in json.loads(row["loaded_json"])]
            if loaded:
                driver.set_loaded_filaments(loaded)
        except Exception as exc:
            self.problems[printer_id] = f"cannot start driver: {exc}"
            log.error("printer %s skipped: %s", row["name"], exc)
            return
        self.drivers[printer_id] = driver
        self.problems.pop(printer_id, None)
        self._listeners[printer_id] = self._tasks.spawn(self._listen(printer_id, driver), f"printer-{printer_id}")
        await asyncio.sleep(0)  # let the listener subscribe before the driver can emit
        await driver.connect()

    async def detach(self, printer_id: int, timeout: float = 5.0) -> None:
        driver = self.drivers.pop(printer_id, None)
        listener = self._listeners.pop(printer_id, None)
        if listener is not None:
            listener.cancel()
        if driver is not None:
            try:
                await asyncio.wait_for(driver.close(), timeout)
            except Exception:
                log.exception("printer %s did not close cleanly", driver.name)
        self._reconciled.discard(printer_id)

    def status(self, printer_id: int) -> dict[str, Any]:
        driver = self.drivers.get(printer_id)
        if driver is None and printer_id in self.remote:
            return dict(self.remote[printer_id])
        if driver is None:
            return {"state": PrinterState.OFFLINE.value, "message": self.problems.get(printer_id, "not attached")}
        view = driver.status().model_dump(mode="json")
        view["last_seen"] = self._last_seen.get(printer_id)
        return view

    async def start_job(self, printer_id: int, job: dict[str, Any], model: dict[str, Any]) -> None:
        driver = self.drivers.get(printer_id)
        if driver is None:
            raise DriverError("printer is not attached")
        metadata = model_metadata(model)
        filaments = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
        spec = JobSpec(job_key=job_key(job["id"]), file=Path(model["stored_path"]), plate=job["plate"],
                       filaments=filaments, print_time_s=model["print_time_s"])
        await driver.start_job(spec)

    async def command(self, printer_id: int, action: PrinterAction) -> None:
        """Carry out an operator's action; a printer that refuses is a 409 naming it and why."""
        driver = self.drivers.get(printer_id)
        if driver is None:
            raise Conflict(f"printer {printer_id} is not attached: {self.problems.get(printer_id, 'not started')}",
                           field="printer_id")
        try:
            await driver.perform(action)
        except DriverError as exc:
            raise Conflict(f"{driver.name} did not {action}: {exc}", field="printer_id") from None

    async def set_loaded(self, printer_id: int, loaded: list[LoadedFilament]) -> None:
        driver = self.drivers.get(printer_id)
        if driver is not None:
            driver.set_loaded_filaments(loaded)
        self.wake.set()

    async def _listen(self, printer_id: int, driver: PrinterDriver) -> None:
        async for event in driver.events():
            try:
                await self._handle(printer_id, event)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("printer %s: event %s not handled", driver.name, event.kind)

    async def _handle(self, printer_id: int, event: DriverEvent) -> None:
        now = time.monotonic()
        self._last_seen[printer_id] = time.time()
        job_id = job_id_from_key(event.job_key)
        limit = self.config.scheduler.reprint_limit
        if event.status.progress is not None and event.status.job_key:
            self._progress[printer_id] = event.status.progress
        progress = event.status.progress if event.status.progress is not None else self._progress.get(printer_id)
        if event.kind in ("job_started", "job_completed", "job_failed", "job_interrupted"):
            self._progress.pop(printer_id, None)
        if event.kind == "job_started" and job_id:
            await jobs.started(self.store, ACTOR, job_id)
        elif event.kind == "job_completed" and job_id:
            await jobs.completed(self.store, ACTOR, job_id)
        elif event.kind == "job_failed" and job_id:
            await jobs.failed(self.store, ACTOR, job_id, event.message or "print failed",
                              cancelled=event.cancelled, reprint_limit=limit, progress=progress)
        elif event.kind == "job_interrupted" and job_id:
            await jobs.interrupted(self.store, ACTOR, job_id, event.message or "printer reset mid-job",
                                   progress=progress)
        elif event.kind == "filaments" and self.drivers.get(printer_id) is not None \
                and self.drivers[printer_id].senses_filament:
            await filament.sync_from_printer(self.store, ACTOR, printer_id, event.status.filaments)
        elif event.kind == "state":
            if event.status.state == PrinterState.PAUSED and job_id:
                await jobs.paused(self.store, ACTOR, job_id)
            elif event.status.state == PrinterState.PRINTING and job_id:
                await jobs.started(self.store, ACTOR, job_id)
            if event.status.state != PrinterState.OFFLINE and printer_id not in self._reconciled:
                await self._reconcile(printer_id, event)
        if event.kind == "telemetry" and now - self._last_telemetry.get(printer_id, 0) < TELEMETRY_INTERVAL_S:
            return
        self._last_telemetry[printer_id] = now
        self.bus.publish(Live(printer_id=printer_id, kind=event.kind, status=event.status.model_dump(mode="json")))
        if event.kind == "filaments" or (event.kind in WAKING_EVENTS
                                         and event.status.state in (PrinterState.IDLE, PrinterState.FINISHED)):
            self.wake.set()

    async def _reconcile(self, printer_id: int, event: DriverEvent) -> None:
        """After (re)connecting, settle jobs the store thinks are on this printer, never resending one.

        A job the printer still reports is left to run; a job it no longer knows was lost by a reset,
        an unplug or a daemon restart mid-dispatch, and waits for the operator as interrupted.
        """
        self._reconciled.add(printer_id)
        async with self.store.read() as db:
            active = [j for j in await jobs_sql.jobs_in(db, tuple(ACTIVE_JOB_STATES)) if j["printer_id"] == printer_id]
        reported = job_id_from_key(event.status.job_key)
        for job in active:
            if job["id"] == reported:
                if event.status.state == PrinterState.FINISHED:
                    await jobs.completed(self.store, ACTOR, job["id"])
                continue
            if job["status"] == "dispatched" and event.status.state == PrinterState.PREPARING:
                continue
            await jobs.interrupted(self.store, ACTOR, job["id"],
                                   "the printer no longer reports this job (reset, unplug or restart); "
                                   "check the plate, then requeue or cancel it")

    async def _follow_bus(self) -> None:
        async for event in self.bus.subscribe_saved():
            try:
                await self._on_bus(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("farm could not follow event %s", event.name)

    async def _on_bus(self, event: Saved) -> None:
        entity, action, entity_id = event.entity, event.action, event.entity_id
        if entity_id is None:
            return
        if entity == "printer" and action == "added":
            async with self.store.read() as db:
                row = await printers_sql.get_printer(db, entity_id)
            if row is not None and self.owns(row):
                await self.attach(row)
            self.wake.set()
        elif entity == "printer" and action == "removed":
            await self.detach(entity_id)
        elif entity == "printer" and action == "updated" and event.data.get("reconnect"):
            await self.detach(entity_id)
            async with self.store.read() as db:
                row = await printers_sql.get_printer(db, entity_id)
            if row is not None:
                await self.attach(row)
            self.wake.set()
        elif entity == "printer" and action == "filament_loaded":
            async with self.store.read() as db:
                row = await printers_sql.get_printer(db, entity_id)
            if row is not None:
                await self.set_loaded(entity_id, [LoadedFilament.model_validate(f)
                                                  for f in json.loads(row["loaded_json"])])
        elif entity == "printer" and action == "plate_cleared":
            self.wake.set()
        elif entity == "job" and action in ("queued", "requeue"):  # new work, a reprint or an operator requeue
            self.wake.set()
        elif entity == "job" and action == "cancel" and event.data.get("from") in ACTIVE_JOB_STATES:
            printer_id = event.data.get("printer_id")
            if printer_id in self.drivers:
                try:
                    await self.drivers[printer_id].cancel()
                except DriverError as exc:
                    log.warning("printer %s did not take the cancel: %s", self.drivers[printer_id].name, exc)
