"""Connection settings, auth variants and wire details particular to each HTTP family."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import pytest
from pydantic import ValidationError

from odind.drivers.base import DriverError
from odind.drivers.http.moonraker.driver import MoonrakerConnection
from odind.drivers.http.octoprint.driver import OctoPrintConnection
from odind.drivers.http.octoprint.sim import OctoPrintSimulator
from odind.drivers.http.prusalink.driver import PrusaLinkConnection
from odind.drivers.http.prusalink.sim import PrusaLinkSimulator, short_name
from odind.drivers.registry import driver_class
from odind.vocabulary import PrinterState

from .conftest import FAMILIES, FAST, Rig, eventually, launch, wait_state


@pytest.mark.parametrize("family_name", FAMILIES)
def test_registry_finds_each_family(family_name: str) -> None:
    cls = driver_class(family_name)
    assert cls.family == family_name
    connection = cls.Connection.model_validate({"url": "http://printer.local:7125/", "api_key": "k"})
    assert connection.url == "http://printer.local:7125"
    assert connection.poll_interval_s > 0


def test_connection_settings_are_checked_with_the_field_named() -> None:
    with pytest.raises(ValidationError, match="url"):
        MoonrakerConnection.model_validate({"url": "ftp://printer"})
    with pytest.raises(ValidationError, match="api_key"):
        OctoPrintConnection.model_validate({"url": "http://octopi.local"})
    with pytest.raises(ValidationError, match="username and password"):
        PrusaLinkConnection.model_validate({"url": "http://mk4.local"})
    with pytest.raises(ValidationError, match="poll_intervall"):
        MoonrakerConnection.model_validate({"url": "http://voron.local", "poll_intervall": 1})
    assert MoonrakerConnection.model_validate({"url": "http://voron.local"}).api_key is None


async def test_printer_refusal_reaches_the_caller_with_its_reason(rig: Rig) -> None:
    slow = rig.make_driver(poll_interval_s=60.0)  # its view stays stale between commands
    await slow.connect()
    await eventually(lambda: slow.status().state == PrinterState.IDLE)
    await slow.start_job(rig.job("odind-20", print_time_s=3600))
    assert slow.status().state == PrinterState.PRINTING
    rig.sim.device.pause()  # someone pauses it on the printer's own screen
    with pytest.raises(DriverError, match="not printing"):
        await slow.pause()
    assert slow.status().state == PrinterState.PAUSED  # and the driver re-read the printer


async def test_reachability_changes_are_logged_once(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    await wait_state(rig.driver, PrinterState.IDLE)
    caplog.set_level(logging.INFO, logger="odind.drivers")
    await rig.sim.go_away()
    await wait_state(rig.driver, PrinterState.OFFLINE)
    await asyncio.sleep(0.6)  # several failed polls at the 0.2 s backoff cap
    reason = rig.driver.status().message
    await rig.sim.come_back()
    await wait_state(rig.driver, PrinterState.IDLE)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unavailable" in m for m in messages) == 1, messages
    assert sum("back online" in m for m in messages) == 1, messages
    assert reason and "connect" in reason


async def test_moonraker_query_returns_only_the_objects_asked_for(tmp_path: Path) -> None:
    sim = await launch("moonraker", tmp_path, speed=100)
    try:
        headers = {"X-Api-Key": sim.api_key}
        async with aiohttp.ClientSession() as http:
            url = f"{sim.connection['url']}/printer/objects/query?print_stats&extruder"
            async with http.get(url, headers=headers) as resp:
                body = await resp.json()
            async with http.get(f"{sim.connection['url']}/server/info") as resp:
                assert resp.status == 401
        assert set(body["result"]["status"]) == {"print_stats", "extruder"}
        assert body["result"]["status"]["print_stats"]["state"] == "standby"
    finally:
        await sim.close()


@pytest.mark.parametrize("family", ["prusalink"])
async def test_prusalink_digest_auth_prints_without_an_api_key(rig: Rig) -> None:
    assert isinstance(rig.sim, PrusaLinkSimulator)
    driver = rig.make_driver(api_key=None, **rig.sim.digest_credentials)
    await driver.connect()
    await eventually(lambda: driver.status().state == PrinterState.IDLE)
    await driver.start_job(rig.job("odind-21"))
    await eventually(lambda: driver.status().state == PrinterState.PRINTING)
    assert driver.status().job_key == "odind-21"  # from display_name, not the USB short name
    assert rig.sim.device.starts == ["odind-21.gcode"]

    wrong = rig.make_driver(api_key=None, username="maker", password="guess")
    await wrong.connect()
    await eventually(lambda: "API key" in (wrong.status().message or ""))


@pytest.mark.parametrize("family", ["prusalink"])
@pytest.mark.parametrize(("storage", "endpoint"), [("local", True), ("usb", False)], ids=["pi-beside-mk3", "old-mk4"])
async def test_prusalink_uploads_to_the_storage_the_printer_offers(rig: Rig, storage: str, endpoint: bool) -> None:
    assert isinstance(rig.sim, PrusaLinkSimulator)
    rig.sim.storage, rig.sim.storage_endpoint = storage, endpoint
    driver = rig.make_driver()
    await driver.connect()
    await eventually(lambda: driver.status().state == PrinterState.IDLE)
    await driver.start_job(rig.job("odind-23"))
    await eventually(lambda: driver.status().state == PrinterState.PRINTING)
    assert rig.sim.device.starts == ["odind-23.gcode"]


def test_prusalink_short_names_follow_fat_rules() -> None:
    assert short_name("odind-42.gcode") == "ODIND-42.GCO"
    assert short_name("odind-1234.gcode") == "ODIND-~1.GCO"


@pytest.mark.parametrize("family", ["octoprint"])
async def test_octoprint_keeps_a_finished_file_selected_and_reports_finished(rig: Rig) -> None:
    await rig.driver.start_job(rig.job("odind-22", print_time_s=60))
    await rig.log.wait("job_completed", "odind-22")
    # A fresh driver (daemon restart) sees the finished job but raises no event for it.
    fresh = rig.make_driver(**FAST)
    await fresh.connect()
    await eventually(lambda: fresh.status().state == PrinterState.FINISHED)
    assert fresh.status().job_key == "odind-22"


@pytest.mark.parametrize("family", ["octoprint"])
async def test_octoprint_without_its_printer_is_offline_until_the_link_returns(rig: Rig) -> None:
    assert isinstance(rig.sim, OctoPrintSimulator)
    await wait_state(rig.driver, PrinterState.IDLE)
    rig.sim.serial_connected = False
    await wait_state(rig.driver, PrinterState.OFFLINE)
    assert "not connected to the printer" in (rig.driver.status().message or "")
    rig.sim.serial_connected = True
    await wait_state(rig.driver, PrinterState.IDLE)


@pytest.mark.parametrize("family", ["moonraker"])
async def test_klipper_shutdown_fails_the_job_with_klippers_reason(rig: Rig) -> None:
    await rig.driver.start_job(rig.job("odind-23", print_time_s=3600))
    await rig.log.wait("job_started", "odind-23")
    rig.sim.device.fail("MCU 'mcu' shutdown: Timer too close")
    failed = await rig.log.wait("job_failed", "odind-23")
    assert "Timer too close" in (failed.message or "")
    await wait_state(rig.driver, PrinterState.ERROR)
    assert "FIRMWARE_RESTART" in (rig.driver.status().message or "")
