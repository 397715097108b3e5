"""The job tracker's rules, one snapshot at a time (no HTTP involved)."""

from __future__ import annotations

from odind.drivers.http.tracking import JobTracker, RemoteActivity, Snapshot, key_from_filename
from odind.vocabulary import PrinterState

A = RemoteActivity


def snap(activity: RemoteActivity, filename: str | None = None) -> Snapshot:
    return Snapshot(activity=activity, filename=filename)


def kinds(tracker: JobTracker, activity: RemoteActivity, filename: str | None = None,
          now: float = 0.0) -> list[tuple[str, str]]:
    return [(e.kind, e.job_key) for e in tracker.observe(snap(activity, filename), now).events]


def test_key_comes_from_the_file_name_without_folders_or_suffix() -> None:
    assert key_from_filename("odind-42.gcode") == "odind-42"
    assert key_from_filename("sub/dir/odind-42.GCODE") == "odind-42"
    assert key_from_filename("") is None and key_from_filename(None) is None


def test_pending_job_starts_when_printing_and_completes_once() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-1", now=0)
    out = tracker.observe(snap(A.IDLE), 1)
    assert out.state == PrinterState.PREPARING and out.job_key == "odind-1" and not out.events
    assert kinds(tracker, A.PRINTING, "odind-1.gcode", 2) == [("job_started", "odind-1")]
    assert kinds(tracker, A.PRINTING, "odind-1.gcode", 3) == []
    assert kinds(tracker, A.COMPLETE, "odind-1.gcode", 4) == [("job_completed", "odind-1")]
    out = tracker.observe(snap(A.COMPLETE, "odind-1.gcode"), 5)
    assert out.state == PrinterState.FINISHED and not out.events
    # A printer that forgets the finished job (screen dismissed) still shows the plate as not cleared.
    assert tracker.observe(snap(A.IDLE), 6).state == PrinterState.FINISHED


def test_job_that_ran_between_two_polls_still_reports_started_then_completed() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-2", now=0)
    assert kinds(tracker, A.COMPLETE, "odind-2.gcode", 1) == [("job_started", "odind-2"),
                                                             ("job_completed", "odind-2")]


def test_previous_jobs_end_is_not_mistaken_for_the_pending_one() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-3", now=0)
    out = tracker.observe(snap(A.COMPLETE, "odind-2.gcode"), 1)
    assert out.state == PrinterState.PREPARING and not out.events


def test_pending_job_never_picked_up_fails_after_the_timeout() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-4", now=0)
    assert kinds(tracker, A.IDLE, None, 5) == []
    out = tracker.observe(snap(A.IDLE), 11)
    assert [(e.kind, e.job_key) for e in out.events] == [("job_failed", "odind-4")]
    assert out.state == PrinterState.IDLE


def test_started_job_vanishing_is_interrupted_not_failed() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-5", now=0)
    kinds(tracker, A.PRINTING, "odind-5.gcode")
    assert kinds(tracker, A.IDLE) == [("job_interrupted", "odind-5")]
    assert kinds(tracker, A.PRINTING, "benchy.gcode") == [("job_started", "benchy")]


def test_cancel_and_error_fail_the_job_with_the_right_flag() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-6", now=0)
    kinds(tracker, A.PAUSED, "odind-6.gcode")
    cancelled = tracker.observe(snap(A.CANCELLED, "odind-6.gcode"), 1)
    assert cancelled.events[0].kind == "job_failed" and cancelled.events[0].cancelled
    assert cancelled.state == PrinterState.IDLE and cancelled.job_key is None

    tracker.begin("odind-7", now=2)
    kinds(tracker, A.PRINTING, "odind-7.gcode", 3)
    failed = tracker.observe(Snapshot(activity=A.ERROR, message="thermal runaway"), 4)
    assert [(e.kind, e.cancelled, e.message) for e in failed.events] == [
        ("job_failed", False, "thermal runaway")]
    assert failed.state == PrinterState.ERROR


def test_job_found_printing_on_first_contact_is_adopted() -> None:
    tracker = JobTracker(start_timeout_s=10)
    out = tracker.observe(snap(A.PRINTING, "odind-8.gcode"), 0)
    assert out.job_key == "odind-8" and [e.kind for e in out.events] == ["job_started"]


def test_finished_job_found_on_first_contact_shows_but_raises_no_event() -> None:
    tracker = JobTracker(start_timeout_s=10)
    out = tracker.observe(snap(A.COMPLETE, "odind-9.gcode"), 0)
    assert out.state == PrinterState.FINISHED and out.job_key == "odind-9" and not out.events


def test_printer_switching_to_another_file_interrupts_ours() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-10", now=0)
    kinds(tracker, A.PRINTING, "odind-10.gcode")
    assert kinds(tracker, A.PRINTING, "other.gcode") == [("job_interrupted", "odind-10"),
                                                         ("job_started", "other")]


def test_busy_printer_that_names_no_file_keeps_the_pending_job() -> None:
    tracker = JobTracker(start_timeout_s=10)
    tracker.begin("odind-11", now=0)
    out = tracker.observe(snap(A.PREPARING), 1)
    assert out.state == PrinterState.PREPARING and out.job_key == "odind-11" and not out.events
    assert kinds(tracker, A.PRINTING, "odind-11.gcode", 2) == [("job_started", "odind-11")]
