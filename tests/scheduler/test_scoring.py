"""Among feasible pairs the planner prefers what saves the operator work and the customer time."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest

from odind.planning import plan as plan_module
from odind.planning.model import PlanSettings
from odind.planning.plan import plan

from .helpers import NOW, job, need, printer, spool

SETTINGS = PlanSettings()


def chosen(jobs, printers, settings=SETTINGS, now=NOW):
    return {a.job_id: a.printer_id for a in plan(jobs, printers, now, settings).assignments}


def test_loaded_colour_preferred_when_any_colour_will_do():
    flexible = job(1, filaments=(need("PLA", "#FF0000"),), any_colour=True)
    printers = [printer(1, filaments=(spool("PLA", "#FFFFFF"),), used_hours=0),
                printer(2, filaments=(spool("PLA", "#FF0000"),), used_hours=10)]
    assert chosen([flexible], printers) == {1: 2}
    # and with only the other colour loaded it still starts
    assert chosen([flexible], printers[:1]) == {1: 1}


def test_least_filament_that_still_suffices():
    printers = [printer(1, filaments=(spool(grams=800),)), printer(2, filaments=(spool(grams=50),))]
    assert chosen([job(1, filaments=(need(grams=30),))], printers) == {1: 2}
    assert chosen([job(1, filaments=(need(grams=80),))], printers) == {1: 1}


def test_least_used_printer():
    printers = [printer(1, used_hours=900), printer(2, used_hours=20), printer(3, used_hours=500)]
    assert chosen([job(1)], printers) == {1: 2}


def test_priority_then_due_date_then_age():
    one = [printer(1)]
    assert chosen([job(1), job(2, priority=1)], one) == {2: 1}
    soon, later = job(1, due_at=NOW + 86400), job(2, due_at=NOW + 9 * 86400)
    assert chosen([later, soon], one) == {1: 1}
    assert chosen([job(1, due_at=NOW - 3600), job(2, due_at=NOW + 3600)], one) == {1: 1}
    older, newer = job(1, created_at=NOW - 20 * 3600), job(2, created_at=NOW - 3600)
    assert chosen([newer, older], one) == {1: 1}


def test_priority_outweighs_a_due_date():
    assert chosen([job(1, due_at=NOW), job(2, priority=1)], [printer(1)]) == {2: 1}


def test_shortest_job_first_only_when_configured():
    long_old = job(1, print_time_s=6 * 3600, created_at=NOW - 10 * 3600)
    short_new = job(2, print_time_s=1800, created_at=NOW - 3600)
    assert chosen([long_old, short_new], [printer(1)]) == {1: 1}
    assert chosen([long_old, short_new], [printer(1)], PlanSettings(shortest_job_first=True)) == {2: 1}


def test_waiting_jobs_say_they_are_queued_and_the_winner_says_why():
    result = plan([job(1), job(2, priority=2)], [printer(1)], NOW, SETTINGS)
    assert result.waiting == {1: "queued behind higher-scoring jobs for Bench-1"}
    explanation = result.assignments[0].explanation
    assert explanation.startswith("job 2 on Bench-1: score ")
    assert "priority +20.0" in explanation and "ahead of job 1 on priority (+20.0)" in explanation


def test_global_assignment_starts_more_printers_than_greedy():
    """Printer 1 has red and black, printer 2 only black. Taking printers one at a time, printer 1
    grabs the urgent black job and printer 2 idles; planning both at once starts both."""
    printers = [printer(1, filaments=(spool("PLA", "#000000", slot="0"), spool("PLA", "#FF0000", slot="1")),
                        used_hours=0),
                printer(2, filaments=(spool("PLA", "#000000"),), used_hours=1000)]
    black = job(1, priority=1, filaments=(need("PLA", "#000000"),))
    red = job(2, filaments=(need("PLA", "#FF0000"),))
    result = plan([black, red], printers, NOW, SETTINGS)
    assert {a.job_id: a.printer_id for a in result.assignments} == {1: 2, 2: 1}
    by_job = {a.job_id: a for a in result.assignments}
    assert "job 1 would score" in by_job[2].explanation and "went to Bench-2" in by_job[2].explanation


def test_global_assignment_maximises_total_score():
    """Both printers could take both jobs; the pairing with the higher total wins even though one
    printer does not get its own favourite."""
    printers = [printer(1, filaments=(spool("PLA", "#000000", grams=60, slot="0"),
                                      spool("PETG", "#000000", grams=60, slot="1")), used_hours=0),
                printer(2, filaments=(spool("PLA", "#000000", grams=1000, slot="0"),
                                      spool("PETG", "#000000", grams=1000, slot="1")), used_hours=1000)]
    pla = job(1, filaments=(need("PLA", grams=50),))
    petg = job(2, filaments=(need("PETG", grams=50),), created_at=NOW - 2 * 3600)
    result = plan([pla, petg], printers, NOW, SETTINGS)
    assert len(result.assignments) == 2


@pytest.fixture
def greedy_only(monkeypatch):
    monkeypatch.setattr(plan_module, "EXACT_ROWS", 0)


def test_greedy_path_also_starts_every_printer_it_can(greedy_only):
    printers = [printer(1, filaments=(spool("PLA", "#000000", slot="0"), spool("PLA", "#FF0000", slot="1")),
                        used_hours=0),
                printer(2, filaments=(spool("PLA", "#000000"),), used_hours=1000)]
    black = job(1, priority=1, filaments=(need("PLA", "#000000"),))
    red = job(2, filaments=(need("PLA", "#FF0000"),))
    result = plan([black, red], printers, NOW, SETTINGS)
    assert {a.job_id: a.printer_id for a in result.assignments} == {1: 2, 2: 1}


def test_quiet_hours():
    settings = PlanSettings(blackout_start=time(22, 0), blackout_end=time(7, 0), tz=ZoneInfo("UTC"))
    evening = 1_795_032_000.0  # 2026-11-18 20:00 UTC
    short, long_, endless = job(1, print_time_s=3600), job(2, print_time_s=3 * 3600), job(3, print_time_s=16 * 3600)
    result = plan([short, long_, endless], [printer(1), printer(2), printer(3)], evening, settings)
    assert [a.job_id for a in result.assignments] == [1]
    assert result.waiting[2] == "would still be printing when quiet hours start at 22:00; waits until 07:00"
    assert result.waiting[3] == ("longer than the 15h 00m between quiet hours: it can never start unless "
                                 "quiet hours change")
    night = evening + 3 * 3600
    assert plan([short], [printer(1)], night, settings).waiting[1] == "quiet hours until 07:00"
    morning = evening + 11 * 3600
    assert plan([long_], [printer(1)], morning, settings).assignments


def test_quiet_hours_follow_the_local_clock():
    settings = PlanSettings(blackout_start=time(22, 0), blackout_end=time(7, 0), tz=ZoneInfo("Europe/Berlin"))
    evening = 1_795_032_000.0  # 20:00 UTC is 21:00 in Berlin in November
    result = plan([job(1, print_time_s=2 * 3600)], [printer(1)], evening, settings)
    assert result.waiting[1] == "would still be printing when quiet hours start at 22:00; waits until 07:00"
    assert plan([job(1, print_time_s=50 * 60)], [printer(1)], evening, settings).assignments
