"""The Moonraker driver against a real Moonraker 0.11.0 server (PyPI `moonraker`).

Moonraker is the peer here: its HTTP API, its websocket with JSON-RPC 2.0, its file manager and its
job history. Behind it, on Klippy's Unix socket, the tests' KlippyHost stands in for Klipper's host
process (which needs a printer's microcontroller to start). So upload, start, subscription pushes,
`notify_klippy_*` and history are Moonraker's own doing, from what Klippy's socket says.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from odind.drivers.base import DriverError, JobSpec
from odind.drivers.http.moonraker.driver import MoonrakerDriver
from odind.modelfiles.synth import prusa_gcode
from odind.vocabulary import FilamentNeed, PrinterState

from .conftest import EventLog, driver_factory, eventually, following, wait_state
from .klippy_host import KlippyHost
from .moonraker_server import MoonrakerServer
from .peer_process import started

WAIT_S = 60.0
SPEED = 60.0  # a 60-second print takes one second
SETTINGS = {"poll_interval_s": 0.5, "idle_poll_interval_s": 0.5, "timeout_s": 5.0, "max_backoff_s": 0.5}


@pytest.fixture(scope="module")
def klippy_socket() -> Iterator[Path]:
    """Unix socket paths are short (108 bytes): pytest's temporary directories can be longer."""
    with tempfile.TemporaryDirectory(prefix="klippy-") as directory:
        yield Path(directory) / "klippy.sock"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, klippy_socket: Path) -> Iterator[MoonrakerServer]:
    data_path = tmp_path_factory.mktemp("moonraker")
    moonraker = started(lambda port: MoonrakerServer(data_path, port, klippy_socket))
    try:
        yield moonraker
    finally:
        moonraker.stop()


@pytest.fixture
async def klippy(server: MoonrakerServer, klippy_socket: Path) -> AsyncIterator[KlippyHost]:
    host = KlippyHost(klippy_socket, server.gcodes, speed=SPEED)
    await host.start()
    try:
        await eventually(lambda: server.get("/server/info")["klippy_state"] == "ready", WAIT_S)
        yield host
    finally:
        await host.stop()
        await eventually(lambda: not server.get("/server/info")["klippy_connected"], WAIT_S)


DriverFactory = Callable[..., MoonrakerDriver]


@pytest.fixture
async def make_driver(server: MoonrakerServer, klippy: KlippyHost, tmp_path: Path) -> AsyncIterator[DriverFactory]:
    settings = {"url": server.url, "api_key": server.api_key, **SETTINGS}
    async with driver_factory(MoonrakerDriver, "voron", settings, tmp_path) as make:
        yield make


def job(tmp_path: Path, job_key: str, print_time_s: int) -> JobSpec:
    path = tmp_path / f"{job_key}-upload.gcode"
    path.write_text(prusa_gcode(print_time_s=print_time_s, filaments=[FilamentNeed(material="PLA", grams=3)]))
    return JobSpec(job_key=job_key, file=path)


async def printing(driver: MoonrakerDriver, spec: JobSpec) -> EventLog:
    """Following the printer, with `spec` sent and reported started."""
    log = await following(driver, WAIT_S)
    await driver.start_job(spec)
    await log.wait("job_started", spec.job_key, WAIT_S)
    return log


def history(server: MoonrakerServer, job_key: str) -> list[str]:
    """Moonraker's own job history for the file: each try's status, oldest first."""
    jobs = server.get("/server/history/list?limit=100&order=asc")["jobs"]
    return [entry["status"] for entry in jobs if entry["filename"] == f"{job_key}.gcode"]


async def sd_progress(server: MoonrakerServer) -> float:
    """Klipper's progress as Moonraker relays it; asked from a thread, as Klippy answers on this loop."""
    answer = await asyncio.to_thread(server.get, "/printer/objects/query?virtual_sdcard")
    return float(answer["status"]["virtual_sdcard"]["progress"])


def starts(klippy: KlippyHost, job_key: str) -> int:
    return sum(1 for script in klippy.scripts if f'"{job_key}.gcode"' in script)


async def test_prints_to_completion_following_the_websocket(
        server: MoonrakerServer, klippy: KlippyHost, make_driver: DriverFactory, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="odind.drivers.http.printer")
    driver = make_driver()
    log = await following(driver, WAIT_S)
    assert driver.status().firmware == "Klipper v0.12.0-302-g87ac69363"
    await eventually(lambda: set(driver.status().temperatures) >= {"tool0", "bed"}, WAIT_S)

    await driver.start_job(job(tmp_path, "odind-mr-1", print_time_s=240))
    await log.wait("job_started", "odind-mr-1", WAIT_S)
    done = await log.wait("job_completed", "odind-mr-1", WAIT_S)
    assert done.status.state == PrinterState.FINISHED
    assert log.jobs("odind-mr-1") == ["job_started", "job_completed"]
    progress = [e.status.progress for e in log.events if e.kind == "telemetry" and e.status.progress]
    assert len(set(progress)) >= 2 and progress == sorted(progress)  # live progress, only forwards
    assert (server.gcodes / "odind-mr-1.gcode").read_bytes() == (tmp_path / "odind-mr-1-upload.gcode").read_bytes()
    assert starts(klippy, "odind-mr-1") == 1
    await eventually(lambda: history(server, "odind-mr-1") == ["completed"], WAIT_S)
    assert driver.push_live
    assert not [r for r in caplog.records if "push socket lost" in r.getMessage()]


async def test_pause_resume_and_cancel_through_moonraker(
        server: MoonrakerServer, klippy: KlippyHost, make_driver: DriverFactory, tmp_path: Path) -> None:
    driver = make_driver()
    spec = job(tmp_path, "odind-mr-2", print_time_s=3600)
    log = await printing(driver, spec)

    # A daemon restarted mid-print asks again: Moonraker already prints the file, so it is adopted.
    fresh = make_driver()
    await fresh.connect()
    await wait_state(fresh, PrinterState.PRINTING, WAIT_S)
    await fresh.start_job(spec)
    assert fresh.status().job_key == "odind-mr-2"
    await fresh.close()

    await driver.pause()
    await wait_state(driver, PrinterState.PAUSED, WAIT_S)
    held = await sd_progress(server)
    await asyncio.sleep(0.6)
    assert await sd_progress(server) == held
    with pytest.raises(DriverError, match="cannot pause"):
        await driver.pause()

    await driver.resume()
    await wait_state(driver, PrinterState.PRINTING, WAIT_S)
    await driver.cancel()
    failed = await log.wait("job_failed", "odind-mr-2", WAIT_S)
    assert failed.cancelled
    assert log.jobs("odind-mr-2") == ["job_started", "job_failed"]
    assert starts(klippy, "odind-mr-2") == 1
    await eventually(lambda: history(server, "odind-mr-2") == ["cancelled"], WAIT_S)


async def test_a_klipper_shutdown_mid_print_fails_the_job_with_its_reason(
        server: MoonrakerServer, klippy: KlippyHost, make_driver: DriverFactory, tmp_path: Path) -> None:
    driver = make_driver()
    log = await printing(driver, job(tmp_path, "odind-mr-3", print_time_s=3600))

    klippy.shut_down("MCU 'mcu' shutdown: Timer too close")
    failed = await log.wait("job_failed", "odind-mr-3", WAIT_S)
    assert not failed.cancelled
    assert "Timer too close" in (failed.message or "")
    await wait_state(driver, PrinterState.ERROR, WAIT_S)
    assert server.get("/server/info")["klippy_state"] == "shutdown"
    await eventually(lambda: history(server, "odind-mr-3") == ["error"], WAIT_S)


async def test_klippy_lost_mid_print_is_interrupted_never_restarted(
        server: MoonrakerServer, klippy: KlippyHost, make_driver: DriverFactory, tmp_path: Path) -> None:
    driver = make_driver()
    log = await printing(driver, job(tmp_path, "odind-mr-4", print_time_s=3600))

    # Klippy's process dies (a crash, a power cut of the host): Moonraker says notify_klippy_disconnected.
    await klippy.stop()
    await wait_state(driver, PrinterState.OFFLINE, WAIT_S)
    assert "lost its connection to Klipper" in (driver.status().message or "")
    assert driver.status().job_key == "odind-mr-4"  # offline is not the end of the job
    assert driver.push_live  # Moonraker itself is still there
    await klippy.start()

    # Klippy came back with no job: the driver reads that back and never sends the file again.
    await log.wait("job_interrupted", "odind-mr-4", WAIT_S)
    await wait_state(driver, PrinterState.IDLE, WAIT_S)
    await asyncio.sleep(1.0)
    assert starts(klippy, "odind-mr-4") == 1
    assert klippy.printer.starts == []
    assert log.jobs("odind-mr-4") == ["job_started", "job_interrupted"]


@pytest.mark.parametrize("crash", [False, True], ids=["restarted", "killed"])
async def test_moonraker_restarted_mid_print_keeps_following_the_same_job(
        server: MoonrakerServer, klippy: KlippyHost, make_driver: DriverFactory, tmp_path: Path, crash: bool) -> None:
    driver = make_driver(poll_interval_s=0.3, idle_poll_interval_s=0.3)
    key = f"odind-mr-5-{int(crash)}"
    log = await printing(driver, job(tmp_path, key, print_time_s=900))

    await asyncio.to_thread(server.stop, abruptly=crash)
    await wait_state(driver, PrinterState.OFFLINE, WAIT_S)
    await asyncio.to_thread(server.start)

    # Klipper printed on while Moonraker was away: the same job is followed to its end, started once.
    await log.wait("job_completed", key, WAIT_S)
    assert log.jobs(key) == ["job_started", "job_completed"]
    assert starts(klippy, key) == 1 and klippy.printer.starts == [f"{key}.gcode"]
    await eventually(lambda: driver.push_live, WAIT_S)


async def test_a_wrong_api_key_is_a_clear_offline_reason(make_driver: DriverFactory) -> None:
    driver = make_driver(api_key="0" * 32, poll_interval_s=0.2)
    await driver.connect()
    await eventually(lambda: "API key" in (driver.status().message or ""), WAIT_S)
    assert driver.status().state == PrinterState.OFFLINE
    await asyncio.sleep(0.5)
    assert not driver.push_live
