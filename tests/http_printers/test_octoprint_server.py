"""The OctoPrint driver against a real OctoPrint 1.11.8 server and its virtual printer.

The driver polls only while its push socket is down, and says so in the log each time the socket
drops; a test that finds no such line learnt everything after the socket came up (progress, pause,
completion) from OctoPrint's push messages, or from the reads its own commands make.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from odind.drivers.base import DriverError, JobSpec
from odind.drivers.http.octoprint.driver import OctoPrintDriver
from odind.vocabulary import PrinterState

from .conftest import connected, driver_factory, eventually, following, wait_state
from .octoprint_server import VERSION, OctoPrintServer, job_gcode
from .peer_process import started

WAIT_S = 60.0
SETTINGS = {"poll_interval_s": 0.5, "idle_poll_interval_s": 0.5, "timeout_s": 5.0, "max_backoff_s": 0.5}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OctoPrintServer]:
    basedir = tmp_path_factory.mktemp("octoprint")
    octoprint = started(lambda port: OctoPrintServer(basedir, port, secrets.token_hex(16).upper()))
    try:
        yield octoprint
    finally:
        octoprint.stop()


DriverFactory = Callable[..., OctoPrintDriver]


@pytest.fixture
async def make_driver(server: OctoPrintServer, tmp_path: Path) -> AsyncIterator[DriverFactory]:
    settings = {"url": server.url, "api_key": server.api_key, **SETTINGS}
    async with driver_factory(OctoPrintDriver, "octopi", settings, tmp_path) as make:
        yield make


async def connected_or_printing(driver: OctoPrintDriver) -> None:
    await driver.connect()
    await eventually(lambda: driver.status().state == PrinterState.PRINTING, WAIT_S)


def job(tmp_path: Path, job_key: str, seconds: float) -> JobSpec:
    path = tmp_path / f"{job_key}-upload.gcode"
    path.write_text(job_gcode(seconds))
    return JobSpec(job_key=job_key, file=path)


def prints_of(server: OctoPrintServer, job_key: str) -> dict[str, Any]:
    """OctoPrint's own count of prints of a file: how many ended well and how many did not."""
    return server.get(f"/api/files/local/{job_key}.gcode").get("prints", {})


def push_drops(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "push socket lost" in r.getMessage()]


async def test_prints_to_completion_following_the_push_socket(
        server: OctoPrintServer, make_driver: DriverFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="odind.drivers.http.printer")
    driver = make_driver()
    log = await following(driver, WAIT_S)
    assert driver.status().firmware == f"OctoPrint {VERSION}"
    await eventually(lambda: set(driver.status().temperatures) >= {"tool0", "bed"}, WAIT_S)

    await driver.start_job(job(tmp_path, "odind-op-1", seconds=3))
    await log.wait("job_started", "odind-op-1", WAIT_S)
    done = await log.wait("job_completed", "odind-op-1", WAIT_S)
    assert done.status.state == PrinterState.FINISHED
    assert log.jobs("odind-op-1") == ["job_started", "job_completed"]
    progress = [e.status.progress for e in log.events if e.kind == "telemetry" and e.status.progress]
    assert len(set(progress)) >= 2 and progress == sorted(progress)  # live progress, only forwards
    assert prints_of(server, "odind-op-1")["success"] == 1
    assert server.get("/api/job")["state"] == "Operational"
    assert driver.push_live and push_drops(caplog) == []


async def test_pause_resume_and_cancel_and_a_restarted_daemon_adopts_the_job(
        server: OctoPrintServer, make_driver: DriverFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="odind.drivers.http.printer")
    driver = make_driver()
    log = await following(driver, WAIT_S)
    spec = job(tmp_path, "odind-op-2", seconds=30)
    await driver.start_job(spec)
    await log.wait("job_started", "odind-op-2", WAIT_S)

    # A daemon restarted mid-print asks again: the printer already has the job, so it is adopted.
    fresh = make_driver()
    await connected_or_printing(fresh)
    await fresh.start_job(spec)
    assert fresh.status().job_key == "odind-op-2"
    await fresh.close()

    await driver.pause()
    await wait_state(driver, PrinterState.PAUSED, WAIT_S)
    held = server.get("/api/job")["progress"]["filepos"]
    await asyncio.sleep(1.0)
    assert server.get("/api/job")["progress"]["filepos"] == held
    with pytest.raises(DriverError, match="cannot pause"):
        await driver.pause()

    await driver.resume()
    await wait_state(driver, PrinterState.PRINTING, WAIT_S)
    await driver.cancel()
    failed = await log.wait("job_failed", "odind-op-2", WAIT_S)
    assert failed.cancelled
    await wait_state(driver, PrinterState.IDLE, WAIT_S)
    assert log.jobs("odind-op-2") == ["job_started", "job_failed"]
    prints = prints_of(server, "odind-op-2")
    assert (prints["success"], prints["failure"]) == (0, 1)
    assert driver.push_live and push_drops(caplog) == []


async def test_polling_alone_follows_a_print_when_push_is_off(
        server: OctoPrintServer, make_driver: DriverFactory, tmp_path: Path) -> None:
    driver = make_driver(push=False, poll_interval_s=0.2, idle_poll_interval_s=0.2)
    log = await connected(driver, WAIT_S)
    await driver.start_job(job(tmp_path, "odind-op-3", seconds=2))
    await log.wait("job_completed", "odind-op-3", WAIT_S)
    assert not driver.push_live
    assert log.jobs("odind-op-3") == ["job_started", "job_completed"]
    assert prints_of(server, "odind-op-3")["success"] == 1


@pytest.mark.parametrize("crash", [False, True], ids=["restarted", "killed"])
async def test_server_restart_mid_print_is_read_back_not_restarted(
        server: OctoPrintServer, make_driver: DriverFactory, tmp_path: Path, crash: bool) -> None:
    driver = make_driver(poll_interval_s=0.3, idle_poll_interval_s=0.3)
    log = await following(driver, WAIT_S)
    key = f"odind-op-4-{int(crash)}"
    await driver.start_job(job(tmp_path, key, seconds=30))
    await log.wait("job_started", key, WAIT_S)
    uploaded = server.get(f"/api/files/local/{key}.gcode")["date"]

    await asyncio.to_thread(server.stop, abruptly=crash)
    await wait_state(driver, PrinterState.OFFLINE, WAIT_S)
    assert driver.status().job_key == key  # offline is not the end of the job
    assert log.jobs(key) == ["job_started"]
    await asyncio.to_thread(server.start)

    # The print died with the server process; the driver reads that back and never re-sends the job.
    interrupted = await log.wait("job_interrupted", key, WAIT_S)
    assert "restarted" in (interrupted.message or "")
    await wait_state(driver, PrinterState.IDLE, WAIT_S)
    await eventually(lambda: driver.push_live, WAIT_S)
    await asyncio.sleep(1.0)
    assert server.get("/api/job")["state"] == "Operational"
    assert server.get(f"/api/files/local/{key}.gcode")["date"] == uploaded
    assert log.jobs(key) == ["job_started", "job_interrupted"]


async def test_a_wrong_api_key_is_a_clear_offline_reason_and_no_push(make_driver: DriverFactory) -> None:
    driver = make_driver(api_key="0" * 32, poll_interval_s=0.2)
    await driver.connect()
    await eventually(lambda: "API key" in (driver.status().message or ""), WAIT_S)
    assert driver.status().state == PrinterState.OFFLINE
    await asyncio.sleep(0.5)
    assert not driver.push_live
