"""Faults around dispatch: printers that vanish, stay silent or never start; restarts; cancels; clocks."""

from __future__ import annotations

import asyncio
import time

import pytest

from odind.domain.production import jobs
from odind.drivers.http.sim import HttpSimulator
from odind.store.production import jobs as jobs_sql
from tests.core.factories import add_bambu_model, add_gcode_model
from tests.dispatch.conftest import Rig


def _never_starts(sim: HttpSimulator) -> list[str]:
    """The printer takes the upload and says it started, but never does (a hung firmware)."""
    uploads: list[str] = []

    async def start(name: str) -> None:
        uploads.append(name)
    sim.device.start = start  # type: ignore[method-assign]
    return uploads


async def test_printer_going_offline_as_the_job_is_sent_gets_it_back_later(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1", poll_interval_s=30.0)
    await rig.wait_online(printer_id)
    sim = rig.sims[printer_id]
    await sim.go_away()  # the poller has not noticed: the farm still shows the printer idle
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=10)
    [job_id] = await rig.queue(model["id"])

    async def unclaimed() -> bool:
        return any(e["action"] == "unclaim" for e in await rig.events(job_id))
    await rig.wait_for(unclaimed, "the refused start to put the job back")
    job = await rig.job(job_id)
    assert job["status"] in ("queued", "dispatched") and sim.device.starts == []

    await sim.come_back()
    await rig.wait_status(job_id, "printing")  # the slow poller would take 30 s to see it finish
    assert sim.device.starts == [f"odind-{job_id}.gcode"]


async def test_printer_that_never_confirms_a_start_gets_the_job_interrupted_not_resent(
        rig: Rig) -> None:
    rig.config.scheduler.start_ack_timeout_s = 1.0
    printer_id = await rig.add_printer("Hung-1")
    uploads = _never_starts(rig.sims[printer_id])
    model = await add_gcode_model(rig.store, rig.tmp_path)
    first, second = await rig.queue(model["id"], 2)

    job = await rig.wait_status(first, "interrupted")
    assert "did not confirm the start within 1 s" in job["message"]
    await asyncio.sleep(1.5)  # sweeps go by
    assert uploads == [f"odind-{first}.gcode"]
    assert (await rig.job(first))["status"] == "interrupted"
    assert (await rig.job(second))["status"] == "queued"  # the printer still says it is starting


async def test_restart_while_printing_does_not_resend_and_the_job_finishes(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1", speed=1200.0)
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=120)  # 6 s at this speed
    [job_id] = await rig.queue(model["id"])
    await rig.wait_status(job_id, "printing")

    await rig.stop()
    await asyncio.sleep(0.3)
    await rig.start()

    await rig.wait_status(job_id, "completed")
    assert rig.sims[printer_id].device.starts == [f"odind-{job_id}.gcode"]


async def test_restart_between_claim_and_send_leaves_the_job_for_the_operator(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1")
    await rig.wait_online(printer_id)
    await asyncio.sleep(0.5)  # let the first reconcile finish: a cancel inside Store.read() breaks the store
    await rig.stop()
    model = await add_gcode_model(rig.store, rig.tmp_path)
    [job_id] = await rig.queue(model["id"])
    await jobs.claim(rig.store, "scheduler", job_id, printer_id, "claimed, then the power went")

    await rig.start()

    job = await rig.wait_status(job_id, "interrupted")
    assert "no longer reports this job" in job["message"]
    await asyncio.sleep(1.0)
    assert rig.sims[printer_id].device.starts == []


async def test_job_cancelled_while_its_file_is_on_the_way_is_stopped_on_the_printer(rig: Rig) -> None:
    printer_id = await rig.add_printer("Bench-1", timeout_s=20.0)
    await rig.wait_online(printer_id)
    sim = rig.sims[printer_id]
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=120)
    sim.go_silent()
    [job_id] = await rig.queue(model["id"])

    async def claimed() -> bool:
        return any(e["action"] == "dispatch" for e in await rig.events(job_id))
    await rig.wait_for(claimed, "the claim")
    await jobs.cancel(rig.store, "operator", job_id)
    sim.go_silent(False)

    async def stopped() -> bool:
        return bool(sim.device.starts) and not sim.device.busy
    await rig.wait_for(stopped, "the printer to stop the cancelled job")
    assert sim.device.job is not None and sim.device.job.phase == "cancelled"
    assert (await rig.job(job_id))["status"] == "cancelled"
    assert len(sim.device.starts) == 1


async def test_job_no_printer_can_take_says_why_and_the_loop_does_not_spin(rig: Rig) -> None:
    await rig.add_printer("Voron-1")
    await rig.add_printer("MK4-1", family="prusalink")
    model = await add_bambu_model(rig.store, rig.tmp_path)  # sliced for a P1S; no Bambu printer here
    [job_id] = await rig.queue(model["id"])

    async def reason() -> str | None:
        return (await rig.job(job_id))["waiting_reason"]
    text = await rig.wait_for(reason, "a waiting reason")
    assert text == "no P1S to take this file (sliced for a Bambu Lab P1S)"
    assert rig.dispatcher is not None
    before = rig.dispatcher.ticks
    await asyncio.sleep(2.0)
    assert rig.dispatcher.ticks - before <= 2.0 / 0.2 + 4  # the sweep, not a busy loop
    assert (await rig.job(job_id))["status"] == "queued"


async def test_thousands_of_queued_jobs_fill_every_printer_once(rig: Rig) -> None:
    ids = [await rig.add_printer(f"P-{i}", poll_interval_s=0.5) for i in range(3)]
    for printer_id in ids:
        await rig.wait_online(printer_id)
    await rig.stop()
    await rig.start()
    assert rig.dispatcher is not None
    rig.dispatcher.stop()  # tick by hand from here: planning passes over the whole queue
    for printer_id in ids:
        await rig.wait_online(printer_id)
    model = await add_gcode_model(rig.store, rig.tmp_path, minutes=600)
    queued = await rig.queue(model["id"], 2500)

    await rig.dispatcher.tick()
    await rig.dispatcher.tick()

    async with rig.store.read() as db:
        dispatched = await jobs_sql.jobs_in(db, ("dispatched", "printing"))
        waiting = await jobs_sql.jobs_in(db, ("queued",))
        dispatch_events = await db.scalar("SELECT COUNT(*) FROM events WHERE action = 'dispatch'")
    assert len(dispatched) == 3 == dispatch_events
    assert sorted(j["printer_id"] for j in dispatched) == sorted(ids)
    assert {j["id"] for j in dispatched} == set(queued[:3])  # equal jobs: first come, first served
    assert len(waiting) == 2497 and all(j["waiting_reason"] for j in waiting)


@pytest.mark.parametrize("jump_s", [86400.0, -86400.0])
async def test_wall_clock_jumps_neither_expire_nor_freeze_an_unconfirmed_start(rig: Rig, jump_s: float) -> None:
    printer_id = await rig.add_printer("Hung-1")
    uploads = _never_starts(rig.sims[printer_id])
    model = await add_gcode_model(rig.store, rig.tmp_path)
    [job_id] = await rig.queue(model["id"])
    await rig.wait_status(job_id, "dispatched")
    assert rig.dispatcher is not None

    rig.dispatcher.wall = lambda: time.time() + jump_s
    for _ in range(3):
        await rig.dispatcher.tick()
    assert (await rig.job(job_id))["status"] == "dispatched"  # a day "passed": no false timeout

    rig.config.scheduler.start_ack_timeout_s = 0.5
    job = await rig.wait_status(job_id, "interrupted")  # real time passing still counts
    assert job["printer_id"] == printer_id and len(uploads) == 1


async def test_a_printer_slow_to_take_its_file_does_not_hold_up_the_others(rig: Rig) -> None:
    slow = await rig.add_printer("Slow-1", colours=("#000000",), timeout_s=60.0)
    quick = await rig.add_printer("Quick-1", colours=("#FFFFFF",))
    for printer_id in (slow, quick):
        await rig.wait_online(printer_id)
    black = await add_gcode_model(rig.store, rig.tmp_path, name="black", colour="#000000")
    white = await add_gcode_model(rig.store, rig.tmp_path, name="white", colour="#FFFFFF")
    rig.sims[slow].go_silent()  # its upload hangs for as long as the test lasts
    [slow_job] = await rig.queue(black["id"], priority=5)
    [quick_job] = await rig.queue(white["id"])

    job = await rig.wait_status(quick_job, "printing", "completed", timeout=30.0)

    assert job["printer_id"] == quick
    assert (await rig.job(slow_job))["status"] == "dispatched"
    rig.sims[slow].go_silent(False)


async def test_a_node_that_cannot_renew_its_lease_claims_nothing_until_it_can(rig: Rig) -> None:
    white = "#FFFFFF"
    printer = await rig.add_printer("White-1", colours=(white,))
    assert rig.dispatcher is not None
    lease_held = False
    rig.dispatcher.may_claim = lambda: lease_held  # what Presence answers while cut off from the database
    model = await add_gcode_model(rig.store, rig.tmp_path, name="part", colour=white, minutes=5)
    [job_id] = await rig.queue(model["id"])
    ticks = rig.dispatcher.ticks
    await rig.wait_for(lambda: _ticked(rig, ticks + 3), "three sweeps")
    assert (await rig.job(job_id))["status"] == "queued"

    lease_held = True
    job = await rig.wait_status(job_id, "dispatched", "printing", "completed")
    assert job["printer_id"] == printer


async def _ticked(rig: Rig, ticks: int) -> bool:
    assert rig.dispatcher is not None
    return rig.dispatcher.ticks >= ticks
