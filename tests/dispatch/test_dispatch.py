"""Dispatch against simulated printers: the right printer, the plate-clear gate, reprints, roll-up."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from odind.domain import printers
from odind.domain.production import jobs
from odind.domain.sales import orders
from odind.domain.stock import inventory
from tests.core.factories import add_gcode_model, add_product
from tests.dispatch.conftest import Rig

BLACK, WHITE = "#000000", "#FFFFFF"


async def test_job_goes_to_the_printer_with_its_filament(rig: Rig) -> None:
    white = await rig.add_printer("White-1", colours=(WHITE,))
    black = await rig.add_printer("Black-1", family="prusalink", colours=(BLACK,))
    model = await add_gcode_model(rig.store, rig.tmp_path, name="black-part", colour=BLACK, minutes=20)
    [job_id] = await rig.queue(model["id"])

    job = await rig.wait_status(job_id, "completed")

    assert job["printer_id"] == black
    assert len(rig.sims[black].device.starts) == 1 and rig.sims[white].device.starts == []
    dispatch = next(e for e in await rig.events(job_id) if e["action"] == "dispatch")
    assert dispatch["why"].startswith(f"job {job_id} on Black-1: score")


async def test_waiting_for_filament_is_worded_for_the_operator(rig: Rig) -> None:
    await rig.add_printer("White-1", colours=(WHITE,))
    model = await add_gcode_model(rig.store, rig.tmp_path, name="red-part", colour="#FF0000")
    [job_id] = await rig.queue(model["id"])

    job = await rig.wait_for(lambda: _reason(rig, job_id), "a waiting reason")

    assert job == "waiting for filament: PLA #FF0000 on White-1"
    status, body = await rig.call("GET", f"/api/jobs/{job_id}")
    assert status == 200 and body["waiting_reason"] == job


async def test_a_free_printer_waiting_for_a_filament_swap_is_recorded_from_start_to_end(rig: Rig) -> None:
    white = await rig.add_printer("White-1", colours=(WHITE,))
    model = await add_gcode_model(rig.store, rig.tmp_path, name="red-part", colour="#FF0000", minutes=10)
    [job_id] = await rig.queue(model["id"])

    async def waits() -> list[str]:
        async with rig.store.read() as db:
            rows = await db.all("SELECT action FROM events WHERE entity = 'printer' AND entity_id = ?"
                                " AND action LIKE 'filament_wait%' ORDER BY id", white)
        return [row["action"] for row in rows]

    await rig.wait_for(waits, "the wait for a swap to be recorded")
    await asyncio.sleep(1.0)  # several sweeps: one wait, recorded once
    assert await waits() == ["filament_wait_started"]

    await printers.set_loaded(rig.store, "test", white, printers.LoadedIn(filaments=[
        printers.FilamentSlotIn(slot="0", material="PLA", colour="#FF0000", remaining_g=900)]))
    await rig.wait_status(job_id, "completed")
    assert await waits() == ["filament_wait_started", "filament_wait_ended"]
    status, report = await rig.call("GET", "/api/production/metrics?by=printer")
    assert status == 200 and [g["filament_wait_hours"] for g in report["groups"] if g["key"] == "White-1"] != []


async def _reason(rig: Rig, job_id: int) -> str | None:
    return (await rig.job(job_id))["waiting_reason"]


async def test_plate_clear_gate_holds_the_next_job_until_the_operator_clears_it(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1", auto_clear=False)
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=10)
    first, second = await rig.queue(model["id"], 2)

    await rig.wait_status(first, "completed")

    async def gated() -> bool:
        return await _reason(rig, second) == "plate not cleared on Bench-1"
    await rig.wait_for(gated, "the second job to wait for the plate")
    await asyncio.sleep(1.0)  # several sweeps: the gate holds
    assert (await rig.job(second))["status"] == "queued"
    assert (await printers.get_printer(rig.store, printer_id))["plate_clear"] == 0  # persisted

    status, body = await rig.call("POST", f"/api/printers/{printer_id}/plate-cleared")
    assert status == 200 and body["plate_clear"] is True

    await rig.wait_status(second, "completed")
    assert len(rig.sims[printer_id].device.starts) == 2


async def test_auto_clear_printer_runs_the_queue_unattended(rig: Rig) -> None:
    printer_id = await rig.add_printer("Belt-1", auto_clear=True)
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=5)
    ids = await rig.queue(model["id"], 3)
    for job_id in ids:
        await rig.wait_status(job_id, "completed")
    assert len(rig.sims[printer_id].device.starts) == 3


async def test_print_stopped_at_the_printer_is_reprinted_once_then_waits_for_the_operator(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1", auto_clear=True)
    sim = rig.sims[printer_id]
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=120)
    [job_id] = await rig.queue(model["id"])

    for attempt in (1, 2):
        await rig.wait_status(job_id, "printing")
        await rig.wait_for(lambda: _printing(sim), "the print to run")
        sim.device.cancel()  # stopped on the printer's own screen: spaghetti, say
        if attempt == 1:
            job = await rig.wait_for(lambda: _requeued(rig, job_id), "the reprint")
            assert job["attempts"] == 1
            requeue = next(e for e in await rig.events(job_id) if e["action"] == "requeue")
            assert requeue["reprint"] == 1 and requeue["copies_missing"] == 1
            await printers.plate_cleared(rig.store, "test", printer_id)  # a failure always needs a look
    job = await rig.wait_status(job_id, "failed")
    assert job["attempts"] == 2
    await asyncio.sleep(0.6)
    assert (await rig.job(job_id))["status"] == "failed" and len(sim.device.starts) == 2


async def _printing(sim) -> bool:  # type: ignore[no-untyped-def]
    return sim.device.busy


async def _requeued(rig: Rig, job_id: int):  # type: ignore[no-untyped-def]
    job = await rig.job(job_id)
    return job if job["attempts"] == 1 and job["status"] in ("queued", "dispatched", "printing") else None


async def test_order_rolls_up_to_fulfilled_from_simulated_completions(rig: Rig) -> None:
    await rig.add_printer("Bench-1")
    await rig.add_printer("Bench-2", family="octoprint")
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=10)
    product = await add_product(rig.store, "ORN", price="5.00", models=[(model["id"], 2)])
    order = await orders.create_order(rig.store, "test", orders.OrderIn(
        platform=orders.Platform.DIRECT, customer_name="Ada", lines=[orders.OrderLineIn(
            product_id=product["id"], quantity=2)]))
    scheduled = await orders.schedule_all(rig.store, "test", order["id"])
    assert len(scheduled["jobs"]) == 4

    async def fulfilled() -> bool:
        return (await orders.get_order(rig.store, order["id"]))["status"] == "fulfilled"
    await rig.wait_for(fulfilled, "the order to be fulfilled")
    assert sum(len(s.device.starts) for s in rig.sims.values()) == 4


@pytest.mark.parametrize("scheduler", [{"sweep_interval_s": 120.0, "reprint_limit": 1}])
async def test_an_operator_requeue_wakes_the_dispatcher_without_waiting_for_the_sweep(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1")
    await rig.wait_online(printer_id)
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=5)
    [job_id] = await rig.queue(model["id"])
    await rig.wait_status(job_id, "printing")
    await jobs.interrupted(rig.store, "test", job_id, "power cut")
    await rig.wait_for(lambda: _idle(rig, printer_id), "the printer to finish")
    await printers.plate_cleared(rig.store, "operator", printer_id)  # checked: nothing worth keeping
    await asyncio.sleep(0.5)  # the wake-up from the plate comes and goes with nothing to start

    status, body = await rig.call("POST", f"/api/jobs/{job_id}/requeue")
    assert status == 200 and body["status"] == "queued"

    await rig.wait_status(job_id, "printing", "completed", timeout=30.0)  # the sweep is 120 s away
    assert len(rig.sims[printer_id].device.starts) == 2


async def _idle(rig: Rig, printer_id: int) -> bool:
    return not rig.sims[printer_id].device.busy and rig.farm is not None \
        and rig.farm.status(printer_id)["state"] in ("idle", "finished")


async def test_spool_left_is_read_from_the_ledger_not_from_what_was_typed_at_loading(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1")  # loaded as 900 g
    await inventory.create_spool(rig.store, "test", inventory.SpoolIn(
        material="PLA", colour="#FFFFFF", grams=Decimal(30), cost=Decimal("0.60"), printer_id=printer_id))
    model = await add_gcode_model(rig.store, rig.tmp_path, grams=50.0)
    [job_id] = await rig.queue(model["id"])

    reason = await rig.wait_for(lambda: _reason(rig, job_id), "a waiting reason")

    assert reason == "not enough filament: PLA #FFFFFF needs 50 g, Bench-1 has 30 g left"
    assert rig.sims[printer_id].device.starts == []
