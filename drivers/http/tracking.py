"""Job tracking for the HTTP printer families, as a pure state machine with no I/O.

Whether a printer is polled (PrusaLink, or any family while its push socket is down) or pushes
its state (Moonraker, OctoPrint), each answer or message yields a `Snapshot` (the printer's state
reduced to what the daemon cares about) and `JobTracker.observe` turns the difference between
snapshots into the driver events. Keeping this apart from the HTTP code lets the rules
(when a job counts as started, finished, cancelled or lost) be tested one snapshot at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from pydantic import BaseModel, Field

from odind.drivers.base import EventKind
from odind.vocabulary import PrinterState, Temperature

GCODE_SUFFIX = ".gcode"


class RemoteActivity(StrEnum):
    """What the printer says it is doing, in one vocabulary for all three families."""

    IDLE = "idle"  # ready, no job (or a job file merely selected)
    PREPARING = "preparing"  # a job is loaded but not yet printing (busy, starting)
    PRINTING = "printing"
    PAUSED = "paused"
    COMPLETE = "complete"  # the last job finished successfully
    CANCELLED = "cancelled"  # the last job was stopped by someone
    ERROR = "error"  # the job or the printer failed


class Snapshot(BaseModel):
    """One answer or pushed message worth of printer state, already mapped from the family's JSON."""

    activity: RemoteActivity
    filename: str | None = None  # the current or last job's file name, as the printer reports it
    job_id: str | None = None  # the printer's own job id, where commands need it (PrusaLink)
    progress: float | None = None  # 0.0 .. 1.0
    time_left_s: int | None = None
    layer: int | None = None
    total_layers: int | None = None
    temperatures: dict[str, Temperature] = Field(default_factory=dict)
    message: str | None = None


def remote_name(job_key: str) -> str:
    """The file name a job is uploaded under, so the printer itself carries the daemon's key."""
    return f"{job_key}{GCODE_SUFFIX}"


def key_from_filename(filename: str | None) -> str | None:
    """Recover the job key from a printer's file name (`gcodes/odind-42.gcode` -> `odind-42`)."""
    if not filename:
        return None
    name = PurePosixPath(filename).name
    if name.lower().endswith(GCODE_SUFFIX):
        name = name[: -len(GCODE_SUFFIX)]
    return name or None


@dataclass(frozen=True)
class JobEvent:
    kind: EventKind
    job_key: str
    message: str | None = None
    cancelled: bool = False


@dataclass
class Outcome:
    """What one snapshot means: the state and job to show, and the events to emit in order."""

    state: PrinterState
    job_key: str | None
    message: str | None
    events: list[JobEvent] = field(default_factory=list)


_ACTIVE = {RemoteActivity.PREPARING, RemoteActivity.PRINTING, RemoteActivity.PAUSED}
_STATE_OF = {
    RemoteActivity.PREPARING: PrinterState.PREPARING,
    RemoteActivity.PRINTING: PrinterState.PRINTING,
    RemoteActivity.PAUSED: PrinterState.PAUSED,
    RemoteActivity.COMPLETE: PrinterState.FINISHED,
    RemoteActivity.CANCELLED: PrinterState.IDLE,
    RemoteActivity.ERROR: PrinterState.ERROR,
}


class JobTracker:
    """Follows the one job a printer is busy with and decides which events its snapshots imply.

    A job is `started` once the printer reports it printing (or paused); until then it is
    `pending`, and a printer that never picks it up within `start_timeout_s` fails it. A started
    job that vanishes (printer idle, or busy with another file) is interrupted, never resumed.
    Events are only emitted for transitions this tracker saw; a finished job found on first
    contact shows in the state and job key, so the daemon can reconcile it, but raises no event.
    """

    def __init__(self, start_timeout_s: float) -> None:
        self.start_timeout_s = start_timeout_s
        self.key: str | None = None
        self.started = False
        self.pending_since: float | None = None
        self.finished = False  # the last job this tracker saw ended well; the plate is not clear

    def begin(self, job_key: str, now: float) -> None:
        """The driver has asked the printer to print `job_key`."""
        self.key = job_key
        self.started = False
        self.pending_since = now
        self.finished = False

    def abandon(self, job_key: str) -> None:
        """The start request failed before the printer took the job."""
        if self.key == job_key and not self.started:
            self.key = None
            self.pending_since = None

    def observe(self, snap: Snapshot, now: float) -> Outcome:
        remote_key = key_from_filename(snap.filename)
        if snap.activity in _ACTIVE:
            return self._active(snap, remote_key)
        if snap.activity is RemoteActivity.IDLE:
            return self._idle(snap, now)
        return self._ended(snap, remote_key, now)

    def _active(self, snap: Snapshot, remote_key: str | None) -> Outcome:
        events: list[JobEvent] = []
        # A printer busy without naming a file (PrusaLink BUSY, a job read between two requests)
        # gives no reason to drop ours; only another named file does.
        if self.key is not None and remote_key is not None and remote_key != self.key:
            events.append(self._drop(f"printer is busy with another file ({snap.filename})"))
        if self.key is None:
            self.key = remote_key
            self.started = False
            self.pending_since = None
        if snap.activity is not RemoteActivity.PREPARING and not self.started and self.key is not None:
            self.started = True
            self.pending_since = None
            events.append(JobEvent("job_started", self.key))
        self.finished = False
        return Outcome(_STATE_OF[snap.activity], self.key, snap.message, events)

    def _idle(self, snap: Snapshot, now: float) -> Outcome:
        events: list[JobEvent] = []
        if self.key is not None and (self.started or self._start_overdue(now)):
            events.append(self._drop("printer is idle: it restarted or lost the job"))
        if self.key is not None:
            return Outcome(PrinterState.PREPARING, self.key, None, events)
        state = PrinterState.FINISHED if self.finished else PrinterState.IDLE
        return Outcome(state, None, snap.message, events)

    def _ended(self, snap: Snapshot, remote_key: str | None, now: float) -> Outcome:
        events: list[JobEvent] = []
        # A printer that reports the end without naming the file (PrusaLink, some firmware) means ours.
        unnamed = remote_key is None and (self.started or snap.activity is RemoteActivity.ERROR)
        ours = remote_key == self.key or unnamed
        if self.key is not None and ours:
            if not self.started and snap.activity is not RemoteActivity.ERROR:
                events.append(JobEvent("job_started", self.key))  # it ran between two looks
            events.append(self._finish(snap))
        elif self.key is not None and (self.started or self._start_overdue(now)):
            events.append(self._drop(f"printer reports another file ({snap.filename})"))
        if self.key is not None:
            # Our start request is still on its way; the printer shows the previous job's end.
            return Outcome(PrinterState.PREPARING, self.key, None, events)
        shown_key = None if snap.activity is RemoteActivity.CANCELLED else remote_key
        return Outcome(_STATE_OF[snap.activity], shown_key, snap.message, events)

    def _finish(self, snap: Snapshot) -> JobEvent:
        key = self.key
        assert key is not None
        self.key = None
        self.started = False
        self.pending_since = None
        if snap.activity is RemoteActivity.COMPLETE:
            self.finished = True
            return JobEvent("job_completed", key)
        if snap.activity is RemoteActivity.CANCELLED:
            return JobEvent("job_failed", key, snap.message or "cancelled", cancelled=True)
        return JobEvent("job_failed", key, snap.message or "the printer reported an error")

    def _drop(self, reason: str) -> JobEvent:
        key = self.key
        assert key is not None
        started = self.started
        self.key = None
        self.started = False
        self.pending_since = None
        if started:
            return JobEvent("job_interrupted", key, reason)
        return JobEvent("job_failed", key, f"the printer did not start the job: {reason}")

    def _start_overdue(self, now: float) -> bool:
        return self.pending_since is not None and now - self.pending_since > self.start_timeout_s
