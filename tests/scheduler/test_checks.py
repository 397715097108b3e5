"""Each hard check refuses a start and says why, in words an operator can act on."""

from __future__ import annotations

from odind.planning.model import PlanSettings
from odind.planning.plan import plan
from odind.vocabulary import LoadedFilament

from .helpers import NOW, job, need, printer, spool

SETTINGS = PlanSettings()


def run(jobs, printers, now=NOW, settings=SETTINGS):
    return plan(jobs, printers, now, settings)


def test_a_feasible_job_starts_on_the_free_printer():
    result = run([job(1)], [printer(1)])
    assert [(a.job_id, a.printer_id) for a in result.assignments] == [(1, 1)]
    assert result.waiting == {}


def test_offline_busy_and_held_printers_take_nothing():
    result = run([job(1)], [printer(1, online=False), printer(2, idle=False), printer(3, held_until=NOW + 60)])
    assert result.assignments == []
    assert result.waiting[1] == "waiting for a free printer: Bench-1 offline, Bench-2 busy and Bench-3 starting a job"


def test_an_expired_hold_no_longer_blocks():
    assert run([job(1)], [printer(1, held_until=NOW - 1)]).assignments[0].printer_id == 1


def test_plate_not_cleared():
    result = run([job(1)], [printer(3, plate_clear=False)])
    assert result.assignments == []
    assert result.waiting[1] == "plate not cleared on Bench-3"


def test_bambu_file_goes_only_to_the_model_it_was_sliced_for():
    result = run([job(1, printer_model="Bambu Lab X1C")], [printer(1, model="P1S")])
    assert result.waiting[1] == "no X1C to take this file (sliced for a Bambu Lab X1C)"


def test_model_spellings_agree():
    for sliced_for in ("Bambu Lab P1S", "P1S", "C12", "bambu lab p1s"):
        for reported in ("P1S", "Bambu Lab P1S", "C12"):
            result = run([job(1, printer_model=sliced_for)], [printer(1, model=reported)])
            assert len(result.assignments) == 1, (sliced_for, reported)


def test_plain_gcode_never_goes_to_a_bambu_printer_and_3mf_never_to_marlin():
    gcode = job(1, file_kind="gcode", printer_model=None)
    three_mf = job(2)
    result = run([gcode, three_mf], [printer(1, family="bambu")])
    assert [a.job_id for a in result.assignments] == [2]
    assert result.waiting[1] == (
        "no printer takes plain G-code: it needs a Marlin, Klipper, OctoPrint or PrusaLink printer")
    result = run([gcode, three_mf], [printer(1, family="marlin", model="Ender-3")])
    assert [a.job_id for a in result.assignments] == [1]
    assert result.waiting[2] == "no P1S to take this file (sliced for a Bambu Lab P1S)"


def test_a_3mf_without_a_model_goes_to_any_bambu():
    result = run([job(1, printer_model=None)], [printer(1, family="prusalink", model="MK4"), printer(2, model="A1")])
    assert [a.printer_id for a in result.assignments] == [2]
    result = run([job(1, printer_model=None)], [printer(1, family="prusalink", model="MK4")])
    assert result.waiting[1] == "no Bambu Lab printer to take this 3MF"


def test_build_volume():
    result = run([job(1, bbox=(300, 300, 250)), job(2, bbox=(250, 250, 250))], [printer(1)])
    assert result.waiting[1] == "no printer fits 300x300x250 mm"
    assert [a.job_id for a in result.assignments] == [2]


def test_nozzle_diameter():
    result = run([job(1, nozzle=0.6)], [printer(1, nozzle=0.4)])
    assert result.waiting[1] == "no printer with a 0.6 mm nozzle can take this file"
    assert run([job(1, nozzle=None)], [printer(1, nozzle=0.6)]).assignments


def test_required_filament_and_colour_must_be_loaded():
    red_petg = job(1, filaments=(need("PETG", "#FF0000"),))
    result = run([red_petg], [printer(1, filaments=(spool("PETG", "#000000"),))])
    assert result.waiting[1] == "waiting for filament: PETG #FF0000 on Bench-1"
    two = [printer(1, filaments=(spool("PLA"),)), printer(2, filaments=(spool("PLA"),))]
    assert run([red_petg], two).waiting[1] == "waiting for filament: PETG #FF0000 on any P1S"


def test_any_colour_and_ams_spellings():
    any_black = job(1, filaments=(need("PLA", None),))
    assert run([any_black], [printer(1, filaments=(spool("PLA", "#FFFFFF"),))]).assignments
    # Bambu trays report RRGGBBAA in lower or upper case; the slicer writes #RRGGBB
    ams = (LoadedFilament(slot="0", material="pla", colour="ff0000ff", remaining_pct=80),
           LoadedFilament(slot="1", material="PETG", colour="#00FF00", remaining_g=500))
    two_colour = job(2, filaments=(need("PLA", "#ff0000"), need("PETG", "#00FF00")))
    assert run([two_colour], [printer(1, filaments=ams)]).assignments[0].job_id == 2


def test_missing_filament_names_only_what_is_missing():
    two_colour = job(1, filaments=(need("PLA", "#000000"), need("PLA", "#FFFFFF")))
    result = run([two_colour], [printer(1, filaments=(spool("PLA", "#000000"),))])
    assert result.waiting[1] == "waiting for filament: PLA #FFFFFF on Bench-1"
    loose = job(2, filaments=(need("TPU", None),))
    assert run([loose], [printer(1)]).waiting[2] == "waiting for filament: TPU (any colour) on Bench-1"


def test_enough_filament_left_on_the_spool():
    hungry = job(1, filaments=(need("PLA", "#000000", grams=300),))
    result = run([hungry], [printer(1, filaments=(spool(grams=120),))])
    assert result.waiting[1] == "not enough filament: PLA #000000 needs 300 g, Bench-1 has 120 g left"
    assert run([hungry], [printer(1, filaments=(spool(grams=None),))]).assignments  # unknown: trust the operator
    two_spools = (spool(grams=120, slot="0"), spool(grams=400, slot="1"))
    assert run([hungry], [printer(1, filaments=two_spools)]).assignments


def test_one_job_short_of_filament_does_not_hold_back_its_group():
    small, big = job(1, filaments=(need(grams=50),)), job(2, filaments=(need(grams=500),))
    result = run([big, small], [printer(1, filaments=(spool(grams=100),))])
    assert [a.job_id for a in result.assignments] == [1]
    assert result.waiting[2].startswith("not enough filament")


def test_printer_tags():
    result = run([job(1, tags=frozenset({"enclosure", "hardened"}))], [printer(1, tags=frozenset({"enclosure"}))])
    assert result.waiting[1] == "no suitable printer has the tag(s) hardened"
    assert run([job(1, tags=frozenset({"enclosure"}))], [printer(1, tags=frozenset({"enclosure", "x"}))]).assignments


def test_checks_apply_in_order_on_one_printer():
    lacking = job(1, filaments=(need("PETG", "#FF0000"),))
    assert run([lacking], [printer(1, plate_clear=False, filaments=())]).waiting[1] == "plate not cleared on Bench-1"
    assert run([lacking], [printer(1, idle=False, plate_clear=False)]).waiting[1].startswith("waiting for a free")
    huge_wide = job(2, bbox=(400, 400, 400), nozzle=0.8)
    assert run([huge_wide], [printer(1)]).waiting[2] == "no printer fits 400x400x400 mm"
    wrong_model_huge = job(3, bbox=(400, 400, 400), printer_model="X1C")
    assert run([wrong_model_huge], [printer(1)]).waiting[3].startswith("no X1C")


def test_the_most_specific_reason_across_printers_wins():
    # The X1C could take the job if it were free; the idle P1S never could.
    x1c_job = job(1, printer_model="X1C")
    result = run([x1c_job], [printer(1, model="P1S"), printer(2, model="X1C", idle=False)])
    assert result.waiting[1] == "waiting for a free printer: Bench-2 busy"
    # A free P1S that only lacks filament says more than a busy one.
    red = job(2, filaments=(need("PLA", "#FF0000"),))
    result = run([red], [printer(1, idle=False), printer(2)])
    assert result.waiting[2] == "waiting for filament: PLA #FF0000 on any P1S"
    # Nothing in the farm can ever take it: the furthest static check speaks.
    too_big = job(3, bbox=(300, 300, 300))
    result = run([too_big], [printer(1, online=False), printer(2, model="X1C")])
    assert result.waiting[3] == "no printer fits 300x300x300 mm"


def test_a_job_no_printer_can_take_says_why_with_an_empty_farm():
    assert run([job(1)], []).waiting[1] == "no P1S to take this file (sliced for a Bambu Lab P1S)"


def test_no_jobs_no_plan():
    result = run([], [printer(1)])
    assert result.assignments == [] and result.waiting == {}


def test_a_plate_in_the_way_is_named_before_a_swap_when_the_filament_is_loaded_behind_it():
    red = job(1, filaments=(need("PLA", "#FF0000"),))
    swap_or_clear = [printer(1, filaments=(spool("PLA", "#FFFFFF"),)),
                     printer(2, plate_clear=False, filaments=(spool("PLA", "#FF0000"),))]
    assert run([red], swap_or_clear).waiting[1] == "plate not cleared on Bench-2"
    swap_only = [printer(1, filaments=(spool("PLA", "#FFFFFF"),)),
                 printer(2, plate_clear=False, filaments=(spool("PLA", "#00FF00"),))]
    assert run([red], swap_only).waiting[1] == "waiting for filament: PLA #FF0000 on any P1S"


def test_a_busy_printer_holding_the_filament_is_named_before_a_swap():
    red = job(1, filaments=(need("PLA", "#FF0000"),))
    printers = [printer(1, filaments=(spool("PLA", "#FFFFFF"),)),
                printer(2, idle=False, filaments=(spool("PLA", "#FF0000"),))]
    assert run([red], printers).waiting[1] == "waiting for a free printer: Bench-2 busy"
