"""Bad input and faults: garbage payloads, refused logins, broker restarts, failed uploads, silence."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from odind.drivers.bambu.sim import SimulatedBambu
from odind.drivers.base import DriverError, JobSpec
from odind.vocabulary import FilamentNeed, PrinterState
from tests.bambu.conftest import DriverFactory, SimFactory, project, wait_until

RED = FilamentNeed(material="PLA", colour="#FF0000")


def _spy(sim: SimulatedBambu) -> list[dict[str, Any]]:
    """Record every request the simulated printer receives."""
    seen: list[dict[str, Any]] = []
    original = sim.device.handle

    def handle(doc: dict[str, Any], now: float) -> list[dict[str, Any]]:
        seen.append(doc)
        return original(doc, now)

    sim.device.handle = handle  # type: ignore[method-assign]
    return seen


def _commands(seen: list[dict[str, Any]], section: str, command: str) -> int:
    return sum(1 for doc in seen if isinstance(doc.get(section), dict) and doc[section].get("command") == command)


async def test_garbage_payloads_are_ignored(driver, sim: SimulatedBambu) -> None:
    drv, _log = driver
    for raw in (b"not json", b'{"print": {"command": "push_status", "gcode_st', b"[1,2]", b"\xff\xfe\x00"):
        await sim.publish_raw(raw)
    odd = {"print": {"command": "push_status", "msg": 1, "mc_percent": "abc", "gcode_state": 7,
                     "ams": "broken", "layer_num": {"x": 1}, "brand_new_key": [1, 2]}}
    await sim.publish_raw(json.dumps(odd).encode())
    await wait_until(lambda: drv.bad_payloads == 4, what="bad payloads counted")
    sim.device.state["nozzle_target_temper"] = 199.0
    await wait_until(lambda: drv.status().temperatures["tool0"].target == 199.0, what="later reports applied")
    assert drv.status().state != PrinterState.OFFLINE


async def test_reports_for_another_serial_are_not_applied(driver, sim: SimulatedBambu) -> None:
    drv, _log = driver
    foreign = {"print": {"command": "push_status", "msg": 0, "gcode_state": "RUNNING", "subtask_name": "x"}}
    await sim.publish_raw(json.dumps(foreign).encode(), topic="device/01P00A999999999/report")
    await asyncio.sleep(0.5)
    assert drv.status().state == PrinterState.IDLE and drv.status().job_key is None


async def test_wrong_access_code_fails_clearly_without_a_retry_storm(sim: SimulatedBambu,
                                                                     make_driver: DriverFactory) -> None:
    drv, _log = await make_driver(sim, online=False, access_code="00000000")
    await wait_until(lambda: "access code refused" in (drv.status().message or ""), what="auth error")
    assert drv.status().state == PrinterState.OFFLINE
    await asyncio.sleep(1.5)
    assert drv.link.connect_attempts == 1


async def test_broker_restart_mid_job_reconnects_without_restarting_the_job(
        make_sim: SimFactory, make_driver: DriverFactory, tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    seen = _spy(sim)
    drv, log = await make_driver(sim)
    await drv.start_job(JobSpec(job_key="odind-4", file=project(tmp_path, [RED], 900), filaments=[RED]))
    await wait_until(lambda: drv.status().state == PrinterState.PRINTING, what="printing")
    await sim.restart_broker()
    await log.wait_for("job_completed", timeout=30)
    states = [e.status.state for e in log.of("state")]
    assert PrinterState.OFFLINE in states
    assert len(log.of("job_started")) == 1 and len(log.of("job_completed")) == 1
    assert _commands(seen, "print", "project_file") == 1
    assert _commands(seen, "pushing", "pushall") >= 2  # asked again after reconnecting


async def test_failed_upload_sends_no_project_file(driver, sim: SimulatedBambu, tmp_path: Path) -> None:
    drv, log = driver
    seen = _spy(sim)
    job = JobSpec(job_key="odind-6", file=project(tmp_path, [RED], 600), filaments=[RED])
    sim.fail_uploads_after(1000)
    with pytest.raises(DriverError, match=r"upload of odind-6\.gcode\.3mf .* failed"):
        await drv.start_job(job)
    assert _commands(seen, "print", "project_file") == 0
    assert drv.status().state == PrinterState.IDLE and sim.device.state["gcode_state"] == "IDLE"
    assert not (sim.card / "odind-6.gcode.3mf").exists()
    sim.fail_uploads_after(None)
    await drv.start_job(job)
    assert (await log.wait_for("job_completed")).job_key == "odind-6"


async def test_command_without_reply_times_out(make_sim: SimFactory, make_driver: DriverFactory) -> None:
    sim = await make_sim()
    drv, _log = await make_driver(sim, command_timeout_s=0.5)
    sim.mute_replies()
    with pytest.raises(DriverError, match="did not answer gcode_line within"):
        await drv.send_gcode("M400")


async def test_locked_firmware_explains_developer_mode(driver, sim: SimulatedBambu, tmp_path: Path) -> None:
    drv, _log = driver
    sim.lock_commands()
    with pytest.raises(DriverError, match="Developer mode"):
        await drv.pause()
    with pytest.raises(DriverError, match="Developer mode"):
        await drv.start_job(JobSpec(job_key="odind-8", file=project(tmp_path, [RED]), filaments=[RED]))
    assert drv.status().state == PrinterState.IDLE and drv.status().job_key is None
    assert drv.status().temperatures  # reading still works


async def test_silent_printer_gets_pushall_then_goes_offline(make_sim: SimFactory,
                                                             make_driver: DriverFactory) -> None:
    sim = await make_sim()
    seen = _spy(sim)
    drv, _log = await make_driver(sim, stale_after_s=0.6)
    before = _commands(seen, "pushing", "pushall")
    sim.silent = True
    await wait_until(lambda: drv.status().state == PrinterState.OFFLINE, what="offline after silence")
    assert "no reports" in (drv.status().message or "")
    assert _commands(seen, "pushing", "pushall") > before
    sim.silent = False
    await wait_until(lambda: drv.status().state == PrinterState.IDLE, what="back online")


async def test_print_failure_and_hms(make_sim: SimFactory, make_driver: DriverFactory, tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    drv, log = await make_driver(sim)
    await drv.start_job(JobSpec(job_key="odind-3", file=project(tmp_path, [RED], 36000), filaments=[RED]))
    await wait_until(lambda: drv.status().state == PrinterState.PRINTING, what="printing")
    sim.set_hms([(0x05000200, 0x00030002)])
    await wait_until(lambda: drv.status().extra["hms"], what="HMS warning")
    assert drv.status().extra["hms"] == [{"code": "HMS_0500_0200_0003_0002", "severity": "common"}]
    assert drv.status().state == PrinterState.PRINTING
    sim.fail(0x07008011)
    failed = await log.wait_for("job_failed")
    assert failed.job_key == "odind-3" and not failed.cancelled and failed.message == "print error 0700_8011"
    assert drv.status().state == PrinterState.ERROR and drv.status().message == "print error 0700_8011"
    with pytest.raises(DriverError, match="is error"):
        await drv.start_job(JobSpec(job_key="odind-4", file=project(tmp_path, [RED]), filaments=[RED]))


async def test_power_cut_mid_job_is_an_interruption(make_sim: SimFactory, make_driver: DriverFactory,
                                                    tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    drv, log = await make_driver(sim)
    await drv.start_job(JobSpec(job_key="odind-11", file=project(tmp_path, [RED], 36000), filaments=[RED]))
    await wait_until(lambda: drv.status().state == PrinterState.PRINTING, what="printing")
    await sim.power_cycle()
    interrupted = await log.wait_for("job_interrupted")
    assert interrupted.job_key == "odind-11"
    assert drv.status().state == PrinterState.IDLE and drv.status().job_key is None
    assert not log.of("job_completed") and not log.of("job_failed")


async def test_unanswered_project_file_is_never_sent_twice(make_sim: SimFactory, make_driver: DriverFactory,
                                                           tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    seen = _spy(sim)
    drv, log = await make_driver(sim, command_timeout_s=0.5)
    sim.mute_replies()
    job = JobSpec(job_key="odind-12", file=project(tmp_path, [RED], 36000), filaments=[RED])
    with pytest.raises(DriverError, match="did not answer project_file"):
        await drv.start_job(job)
    assert drv.status().job_key == "odind-12" and drv.status().state != PrinterState.IDLE
    with pytest.raises(DriverError):
        await drv.start_job(job)
    assert (await log.wait_for("job_started")).job_key == "odind-12"
    with pytest.raises(DriverError):
        await drv.start_job(job)
    assert _commands(seen, "print", "project_file") == 1
