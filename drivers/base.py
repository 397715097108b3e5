"""The contract every printer family implements, so the daemon never cares which wire it talks over.

A driver owns one printer: it keeps a connection alive (reconnecting with backoff on its own),
holds live telemetry in memory, and reports what matters to the daemon as `DriverEvent`s.
The daemon persists only the state changes it reads from those events; progress and
temperatures stay in memory (the SD card is the disk).

Jobs are identified by a `job_key` chosen by the daemon (e.g. ``odind-42``). Drivers carry it to
the printer where the protocol allows (file name, subtask name) so that after a daemon restart a
printer still busy with a job can be matched to it, and a job is never started twice.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from odind.vocabulary import FilamentNeed, LoadedFilament, PrinterAction, PrinterState, PrinterStatus

log = logging.getLogger(__name__)


class JobSpec(BaseModel):
    """Everything a driver needs to start one print."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    job_key: str
    file: Path  # a local copy of the sliced file (.gcode, .gcode.3mf)
    plate: int = 1  # plate index inside a .3mf
    filaments: list[FilamentNeed] = Field(default_factory=list)
    print_time_s: int | None = None


EventKind = Literal[
    "state",  # PrinterStatus.state changed (including going offline / coming back)
    "job_started",  # the printer confirmed it is printing job_key
    "job_completed",  # job_key finished successfully
    "job_failed",  # job_key ended with an error or was cancelled (message says which)
    "job_interrupted",  # the printer reset or vanished mid-job; never resumed blindly
    "filaments",  # what is loaded changed
    "telemetry",  # progress / temperatures moved; in-memory only, may be coalesced
]


class DriverEvent(BaseModel):
    kind: EventKind
    printer: str  # the driver's name (the daemon's printer name)
    job_key: str | None = None
    message: str | None = None
    cancelled: bool = False  # for job_failed: the user or operator cancelled it (not a fault)
    status: PrinterStatus


class DriverError(Exception):
    """A command the printer refused or could not carry out; the message is shown to users."""


class PrinterDriver(ABC):
    """Base class for one connected printer.

    Subclasses set `family` (the config `driver` value) and `Connection` (a pydantic model that
    validates the `connection` table of the printer's config or API body).
    """

    family: ClassVar[str]
    Connection: ClassVar[type[BaseModel]]
    senses_filament: ClassVar[bool] = False  # True where the printer reports its own spools (an AMS)

    def __init__(self, name: str, connection: BaseModel, *, data_dir: Path) -> None:
        self.name = name
        self.connection = connection
        self.data_dir = data_dir  # per-printer scratch space (pinned certificates, uploads)
        self._status = PrinterStatus()
        self._subscribers: set[asyncio.Queue[DriverEvent]] = set()

    @abstractmethod
    async def connect(self) -> None:
        """Start supervising the printer; returns at once, reconnecting in the background."""

    @abstractmethod
    async def close(self) -> None:
        """Stop supervising and release the port or connection."""

    @abstractmethod
    async def start_job(self, job: JobSpec) -> None:
        """Send the job to the printer; raise DriverError with a readable reason if it cannot."""

    @abstractmethod
    async def pause(self) -> None: ...

    @abstractmethod
    async def resume(self) -> None: ...

    @abstractmethod
    async def cancel(self) -> None: ...

    async def perform(self, action: PrinterAction) -> None:
        """Carry out an operator's action; raise DriverError with a readable reason if the printer refuses."""
        match action:
            case PrinterAction.PAUSE:
                await self.pause()
            case PrinterAction.RESUME:
                await self.resume()
            case PrinterAction.CANCEL:
                await self.cancel()

    def set_loaded_filaments(self, filaments: list[LoadedFilament]) -> None:
        """Take what the operator says is loaded, for printers that cannot sense their spools.

        A printer that reports its own (`senses_filament`) keeps what it reports.
        """
        if self.senses_filament:
            return
        new = [filament.model_copy() for filament in filaments]
        if new == self._status.filaments:
            return
        self._status.filaments = new
        self._emit("filaments", job_key=self._status.job_key)

    def status(self) -> PrinterStatus:
        """A copy the caller may keep and change, taken on every event and every dispatch tick.

        Built level by level rather than with model_copy(deep=True): half the CPU, because
        Temperature and LoadedFilament hold only immutable values and a shallow copy of each is whole.
        """
        status = self._status
        return status.model_copy(update={
            "temperatures": {name: t.model_copy() for name, t in status.temperatures.items()},
            "filaments": [f.model_copy() for f in status.filaments],
            "extra": copy.deepcopy(status.extra) if status.extra else {},
        })

    async def events(self) -> AsyncIterator[DriverEvent]:
        """Yield events from now on; each caller gets every event."""
        queue: asyncio.Queue[DriverEvent] = asyncio.Queue(maxsize=1000)
        self._subscribers.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._subscribers.discard(queue)

    def _emit(self, kind: EventKind, *, job_key: str | None = None, message: str | None = None,
              cancelled: bool = False) -> None:
        event = DriverEvent(kind=kind, printer=self.name, job_key=job_key, message=message,
                            cancelled=cancelled, status=self.status())
        for queue in self._subscribers:
            if queue.full():
                if kind == "telemetry":
                    continue
                log.warning("%s: event queue full, dropping oldest event", self.name)
                queue.get_nowait()
            queue.put_nowait(event)

    def _set_state(self, state: PrinterState, message: str | None = None) -> None:
        """Record a state change and tell subscribers once (not on every poll)."""
        if self._status.state == state and self._status.message == message:
            return
        if state == PrinterState.OFFLINE and self._status.state != PrinterState.OFFLINE:
            log.warning("printer %s unavailable: %s", self.name, message or "no reason given")
        elif self._status.state == PrinterState.OFFLINE and state != PrinterState.OFFLINE:
            log.info("printer %s back online", self.name)
        self._status.state = state
        self._status.message = message
        self._emit("state", job_key=self._status.job_key, message=message)


class SimulatedPrinter(ABC):
    """A running device-side simulator, as started by a family's `sim.launch_simulator()`.

    Every family's `drivers/<family>/sim.py` exposes::

        async def launch_simulator(*, name: str, model: str, speed: float,
                                   filaments: list[LoadedFilament], workdir: Path) -> SimulatedPrinter

    so that `odind demo` and tests can start any family the same way.
    """

    connection: dict[str, Any]  # what to put in the printer's `connection` config
    model: str

    @abstractmethod
    async def close(self) -> None: ...
