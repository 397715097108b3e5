"""Job events from gcode_state transitions, without a network: each at most once, in order."""

from __future__ import annotations

from odind.drivers.bambu.jobs import JobTracker
from odind.drivers.bambu.state import interpret
from odind.vocabulary import PrinterState


def _feed(tracker: JobTracker, *reports: tuple[str, str, int], now: float = 0.0) -> list[tuple[str, str]]:
    events = []
    for gcode_state, subtask, error in reports:
        view = tracker.observe(interpret({"gcode_state": gcode_state, "subtask_name": subtask,
                                          "print_error": error}), now)
        events += [(e.kind, e.job_key) for e in view.events]
    return events


def test_a_print_starts_once_and_completes_once() -> None:
    tracker = JobTracker(start_grace_s=60)
    events = _feed(tracker, ("IDLE", "", 0), ("PREPARE", "odind-1", 0), ("RUNNING", "odind-1", 0),
                   ("PAUSE", "odind-1", 0), ("RUNNING", "odind-1", 0), ("FINISH", "odind-1", 0),
                   ("FINISH", "odind-1", 0))
    assert events == [("job_started", "odind-1"), ("job_completed", "odind-1")]


def test_state_seen_first_after_a_restart_is_not_a_transition() -> None:
    assert _feed(JobTracker(60), ("FINISH", "odind-1", 0)) == []
    assert _feed(JobTracker(60), ("FAILED", "odind-1", 0x07008011)) == []
    assert _feed(JobTracker(60), ("RUNNING", "odind-1", 0), ("FINISH", "odind-1", 0)) == [
        ("job_started", "odind-1"), ("job_completed", "odind-1")]


def test_cancel_and_fault_are_told_apart() -> None:
    tracker = JobTracker(60)
    _feed(tracker, ("RUNNING", "a", 0))
    view = tracker.observe(interpret({"gcode_state": "FAILED", "subtask_name": "a", "print_error": 50348044}), 0)
    (event,) = view.events
    assert (event.kind, event.cancelled, event.message) == ("job_failed", True, "cancelled")
    assert view.state == PrinterState.IDLE

    tracker = JobTracker(60)
    _feed(tracker, ("RUNNING", "b", 0))
    tracker.cancelling("b")  # our own stop, before the printer shows the cancel code
    (event,) = tracker.observe(interpret({"gcode_state": "FAILED", "subtask_name": "b"}), 0).events
    assert event.cancelled

    tracker = JobTracker(60)
    _feed(tracker, ("RUNNING", "c", 0))
    view = tracker.observe(interpret({"gcode_state": "FAILED", "subtask_name": "c", "print_error": 0x0C004001}), 0)
    (event,) = view.events
    assert (event.cancelled, event.message, view.state) == (False, "print error 0C00_4001", PrinterState.ERROR)


def test_going_idle_mid_job_is_an_interruption() -> None:
    assert _feed(JobTracker(60), ("RUNNING", "d", 0), ("IDLE", "", 0)) == [
        ("job_started", "d"), ("job_interrupted", "d")]


def test_pending_start_holds_the_printer_until_the_job_shows_up() -> None:
    tracker = JobTracker(start_grace_s=30)
    _feed(tracker, ("FINISH", "old", 0))
    tracker.starting("new", now=0)
    view = tracker.observe(interpret({"gcode_state": "FINISH", "subtask_name": "old"}), 1)
    assert (view.state, view.job_key, view.events) == (PrinterState.PREPARING, "new", [])
    view = tracker.observe(interpret({"gcode_state": "PREPARE", "subtask_name": "new"}), 2)
    assert tracker.pending is None and [(e.kind, e.job_key) for e in view.events] == [("job_started", "new")]


def test_a_start_that_never_shows_up_fails_after_the_grace_period() -> None:
    tracker = JobTracker(start_grace_s=30)
    tracker.starting("lost", now=0)
    assert tracker.observe(interpret({"gcode_state": "IDLE"}), 29).state == PrinterState.PREPARING
    view = tracker.observe(interpret({"gcode_state": "IDLE"}), 31)
    assert view.state == PrinterState.IDLE and tracker.pending is None
    (event,) = view.events
    assert event.kind == "job_failed" and event.job_key == "lost" and "never started" in (event.message or "")


def test_paused_with_an_error_says_why() -> None:
    view = JobTracker(60).observe(interpret({"gcode_state": "PAUSE", "subtask_name": "e",
                                             "print_error": 0x07008011}), 0)
    assert view.state == PrinterState.PAUSED and view.message == "paused: print error 0700_8011"
