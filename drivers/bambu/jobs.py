"""Which job a Bambu printer is on and when it started, ended or vanished. No I/O.

The printer only reports a state and a subtask name; the daemon needs each job's start and end
exactly once, also across reconnects and a daemon restart (the subtask name is the job key).
"""

from __future__ import annotations

from dataclasses import dataclass

from odind.drivers.bambu.state import BUSY_GCODE_STATES, Snapshot
from odind.drivers.base import EventKind
from odind.vocabulary import PrinterState

JOB_GCODE_STATES = BUSY_GCODE_STATES | {"FINISH", "FAILED"}


@dataclass(frozen=True)
class JobEvent:
    kind: EventKind
    job_key: str
    message: str | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class View:
    """What the driver shows for one report: its state, message and job."""

    state: PrinterState
    message: str | None
    job_key: str | None
    events: list[JobEvent]


class JobTracker:
    def __init__(self, start_grace_s: float) -> None:
        self.start_grace_s = start_grace_s
        self.pending: str | None = None  # accepted by us, not yet seen in the reports
        self._pending_deadline = 0.0
        self._cancel_requested: str | None = None
        self._last_gcode_state: str | None = None
        self._last_key: str | None = None
        self._announced: str | None = None

    def starting(self, job_key: str, now: float) -> None:
        """project_file is about to be sent: hold the printer for this job until it shows up."""
        self.pending = job_key
        self._pending_deadline = now + self.start_grace_s
        self._cancel_requested = None

    def start_refused(self) -> None:
        self.pending = None

    def cancelling(self, job_key: str | None) -> None:
        self._cancel_requested = job_key

    def observe(self, snap: Snapshot, now: float) -> View:
        key = snap.subtask if snap.gcode_state in JOB_GCODE_STATES else None
        state, message = snap.state, snap.message
        events: list[JobEvent] = []
        if self.pending is not None:
            if key == self.pending:
                self.pending = None
            elif now > self._pending_deadline:
                events.append(JobEvent("job_failed", self.pending,
                                       f"the printer accepted job {self.pending} but never started it"))
                self.pending = None
            else:
                key, state, message = self.pending, PrinterState.PREPARING, None
        if state == PrinterState.PAUSED and snap.print_error:
            message = f"paused: print error {snap.print_error}"
        events.extend(self._transitions(snap))
        return View(state=state, message=message, job_key=key, events=events)

    def _transitions(self, snap: Snapshot) -> list[JobEvent]:
        previous, self._last_gcode_state = self._last_gcode_state, snap.gcode_state
        key = snap.subtask if snap.gcode_state in JOB_GCODE_STATES else None
        last_key, self._last_key = self._last_key, key
        was_busy = previous in BUSY_GCODE_STATES
        if snap.gcode_state in ("PREPARE", "RUNNING", "PAUSE") and key and self._announced != key:
            self._announced = key
            return [JobEvent("job_started", key)]
        if snap.gcode_state == "FINISH" and was_busy and key:
            return [JobEvent("job_completed", key)]
        if snap.gcode_state == "FAILED" and was_busy and key:
            cancelled = snap.cancelled or self._cancel_requested == key
            reason = "cancelled" if cancelled else f"print error {snap.print_error or 'unknown'}"
            return [JobEvent("job_failed", key, reason, cancelled)]
        if snap.gcode_state == "IDLE" and was_busy and last_key:
            return [JobEvent("job_interrupted", last_key, "the printer went idle mid-job")]
        return []
