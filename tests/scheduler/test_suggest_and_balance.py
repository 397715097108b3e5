"""Filament load suggestions, and keeping printers for the work only they can do."""

from __future__ import annotations

from odind.planning.model import PlanSettings
from odind.planning.plan import plan
from odind.planning.suggest import suggest_loads

from .helpers import NOW, job, need, printer, spool

SETTINGS = PlanSettings()


def test_a_printer_with_nothing_to_start_is_told_what_to_load():
    jobs = [job(1, filaments=(need("PETG", "#FF0000"),), print_time_s=7200),
            job(2, filaments=(need("PETG", "#FF0000"),), print_time_s=3600),
            job(3, filaments=(need("ABS", "#000000"),), print_time_s=3600)]
    printers = [printer(1, filaments=(spool("PLA", "#000000", slot="ext"),))]
    result = plan(jobs, printers, NOW, SETTINGS)
    assert result.assignments == []
    [suggestion] = suggest_loads(jobs, printers, result)
    assert suggestion.loads == (("ext", ("PETG", "#FF0000")),)
    assert (suggestion.jobs, suggestion.print_time_s, suggestion.instead_of) == (2, 10800, None)
    assert suggestion.text("Bench-1") == "load PETG #FF0000 on Bench-1 (slot ext) to start 2 job(s), 3.0 h of printing"


def test_the_tray_given_up_is_the_one_the_queue_needs_least():
    ams = (spool("PLA", "#000000", slot="0"), spool("PLA", "#FFFFFF", slot="1"), spool("PLA", "#0000FF", slot="2"))
    red = job(1, filaments=(need("PETG", "#FF0000"),))
    black_and_abs = job(2, filaments=(need("PLA", "#000000"), need("ABS", "#000000")))  # waits, wants black kept
    blue_and_abs = job(3, filaments=(need("PLA", "#0000FF"), need("ABS", "#000000")))
    printers = [printer(1, filaments=ams)]
    queue = [red, black_and_abs, blue_and_abs]
    result = plan(queue, printers, NOW, SETTINGS)
    assert result.assignments == []
    [suggestion] = suggest_loads(queue, printers, result)
    assert suggestion.loads == (("1", ("ABS", "#000000")),)  # two jobs need ABS; white is wanted by nobody


def test_no_suggestion_for_a_printer_that_starts_something_unless_swaps_are_preferred():
    black_low = job(1, filaments=(need("PLA", "#000000"),))
    red_rush = job(2, priority=2, filaments=(need("PLA", "#FF0000"),))
    printers = [printer(1, filaments=(spool("PLA", "#000000"),))]
    result = plan([black_low, red_rush], printers, NOW, SETTINGS)
    assert [a.job_id for a in result.assignments] == [1]
    assert suggest_loads([black_low, red_rush], printers, result) == []
    [swap] = suggest_loads([black_low, red_rush], printers, result, now=NOW, settings=SETTINGS, prefer_swaps=True)
    assert swap.instead_of == 1 and swap.loads == (("0", ("PLA", "#FF0000")),)
    # a swap that gains too little is not worth it
    red_same = job(2, filaments=(need("PLA", "#FF0000"),))
    result = plan([black_low, red_same], printers, NOW, SETTINGS)
    assert suggest_loads([black_low, red_same], printers, result, now=NOW, settings=SETTINGS,
                         prefer_swaps=True) == []


def test_a_big_printer_keeps_to_big_parts_when_they_pile_up():
    big = printer(1, family="moonraker", model="Voron 2.4", volume=(350, 350, 340))
    small = printer(2, family="prusalink", model="MK4", volume=(250, 210, 220), idle=False)
    gcode = dict(file_kind="gcode", printer_model=None)
    large = [job(i, bbox=(300, 300, 100), print_time_s=4 * 3600, due_at=NOW + 3 * 86400, **gcode)
             for i in range(1, 6)]
    urgent_small = job(10, bbox=(100, 100, 50), due_at=NOW + 2 * 86400, **gcode)
    queue = [*large, urgent_small]
    chosen = plan(queue, [big, small], NOW, SETTINGS).assignments[0]
    assert chosen.job_id in {1, 2, 3, 4, 5}
    assert plan(queue, [big, small], NOW, PlanSettings(w_balance=0)).assignments[0].job_id == 10
