"""Moonraker over its websocket: live updates without polling, Klippy's states, and the fallback."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from odind.drivers.http.moonraker.driver import MoonrakerDriver
from odind.drivers.http.moonraker.sim import MoonrakerSimulator
from odind.vocabulary import PrinterState

from .conftest import EventLog, Rig, eventually, wait_state

pytestmark = pytest.mark.parametrize("family", ["moonraker"])

STATUS_READS = ("GET /server/info", "GET /printer/info", "GET /printer/objects/query")


def status_reads(sim: MoonrakerSimulator) -> int:
    """How many times drivers have asked for the printer's state over HTTP."""
    return sum(sim.requests[key] for key in STATUS_READS)


async def following(rig: Rig) -> tuple[MoonrakerDriver, MoonrakerSimulator]:
    driver, sim = rig.driver, rig.sim
    assert isinstance(driver, MoonrakerDriver) and isinstance(sim, MoonrakerSimulator)
    await eventually(lambda: driver.push_live)
    await wait_state(driver, PrinterState.IDLE)
    return driver, sim


async def test_a_print_is_followed_over_the_websocket_without_status_reads(rig: Rig) -> None:
    driver, sim = await following(rig)
    assert driver.status().firmware and driver.status().firmware.startswith("Klipper v0.12")
    await driver.start_job(rig.job("odind-m1"))
    reads = status_reads(sim)  # the guarded start reads the printer itself; from here on, only pushes

    await rig.log.wait("job_started", "odind-m1")
    await rig.log.wait("job_completed", "odind-m1")
    await wait_state(driver, PrinterState.FINISHED)
    assert status_reads(sim) == reads  # polling every 0.05 s would have made dozens
    assert rig.log.jobs("odind-m1") == ["job_started", "job_completed"]
    progress = [e.status.progress for e in rig.log.events if e.kind == "telemetry" and e.status.progress]
    assert len(set(progress)) >= 3 and progress == sorted(progress)
    assert sim.websocket_clients == 1


async def test_pushed_telemetry_is_applied_at_the_polling_pace_and_state_changes_at_once(rig: Rig) -> None:
    _, sim = await following(rig)
    driver = rig.make_driver("paced", poll_interval_s=1.0)
    log = EventLog(driver)
    await asyncio.sleep(0)
    await driver.connect()
    await eventually(lambda: driver.push_live)
    await driver.start_job(rig.job("odind-m6"))  # 600 print-seconds: about 2.5 s
    await log.wait("job_started", "odind-m6")
    pushed = sim.updates_pushed
    await log.wait("job_completed", "odind-m6")
    telemetry = [e for e in log.events if e.kind == "telemetry" and e.job_key == "odind-m6"]
    assert sim.updates_pushed - pushed >= 6  # four a second to each of the two drivers
    assert 1 <= len(telemetry) <= 5  # at most one a second, plus the ones riding on state changes
    assert log.jobs("odind-m6") == ["job_started", "job_completed"]
    await log.close()


async def test_klippy_shutdown_is_an_error_with_klippers_reason_without_polling(rig: Rig) -> None:
    driver, sim = await following(rig)
    await driver.start_job(rig.job("odind-m2", print_time_s=3600))
    await rig.log.wait("job_started", "odind-m2")
    reads = status_reads(sim)
    sim.device.fail("MCU 'mcu' shutdown: Timer too close")
    failed = await rig.log.wait("job_failed", "odind-m2")
    assert "Timer too close" in (failed.message or "")
    await wait_state(driver, PrinterState.ERROR)
    assert "FIRMWARE_RESTART" in (driver.status().message or "")
    assert status_reads(sim) == reads and driver.push_live


async def test_klippy_disconnect_goes_offline_and_ready_subscribes_again(rig: Rig) -> None:
    driver, sim = await following(rig)
    reads = status_reads(sim)
    sim.klippy_connected = False
    await wait_state(driver, PrinterState.OFFLINE)
    assert "lost its connection to Klipper" in (driver.status().message or "")
    sim.klippy_connected = True
    await wait_state(driver, PrinterState.IDLE)
    assert status_reads(sim) == reads and driver.push_live

    # The new subscription carries a print's progress as the first one did.
    await driver.start_job(rig.job("odind-m3", print_time_s=300))
    reads = status_reads(sim)
    await rig.log.wait("job_completed", "odind-m3")
    assert status_reads(sim) == reads


async def test_a_dropped_websocket_hands_over_to_polling_and_back(rig: Rig) -> None:
    driver, sim = await following(rig)
    await driver.start_job(rig.job("odind-m4", print_time_s=3600))
    await rig.log.wait("job_started", "odind-m4")
    sim.websocket_open = False
    await sim.drop_websockets()
    await eventually(lambda: not driver.push_live)
    reads = status_reads(sim)
    await eventually(lambda: status_reads(sim) >= reads + 6)  # polling took over
    assert driver.status().state == PrinterState.PRINTING
    assert (driver.status().progress or 0) > 0

    sim.websocket_open = True
    await eventually(lambda: driver.push_live)
    reads = status_reads(sim)
    await asyncio.sleep(0.5)  # ten polling intervals
    assert status_reads(sim) == reads  # polling stopped again
    await driver.cancel()
    failed = await rig.log.wait("job_failed", "odind-m4")
    assert failed.cancelled
    assert rig.log.jobs("odind-m4") == ["job_started", "job_failed"]


async def test_without_a_websocket_the_driver_polls(rig: Rig) -> None:
    _, sim = await following(rig)
    sim.websocket_open = False  # a proxy in front of Moonraker that does not pass upgrades
    driver = rig.make_driver("behind-proxy")
    await driver.connect()
    await wait_state(driver, PrinterState.IDLE)
    await driver.start_job(rig.job("odind-m5", print_time_s=120))
    await eventually(lambda: driver.status().state == PrinterState.FINISHED)
    assert not driver.push_live
    assert sim.requests["GET /websocket"] > 1  # it keeps trying, with backoff
    await driver.close()

    opened = sim.requests["GET /websocket"]
    unpushed = rig.make_driver("push-off", push=False)
    await unpushed.connect()
    await wait_state(unpushed, PrinterState.FINISHED)
    await asyncio.sleep(0.3)
    assert sim.requests["GET /websocket"] == opened


async def call(ws: aiohttp.ClientWebSocketResponse, method: str, params: dict[str, Any] | None = None,
               request_id: int = 1) -> dict[str, Any]:
    """One JSON-RPC call; notifications arriving meanwhile are skipped."""
    await ws.send_json({"jsonrpc": "2.0", "method": method, "id": request_id,
                        **({"params": params} if params is not None else {})})
    while True:
        message = await ws.receive_json(timeout=5)
        if message.get("id") == request_id:
            assert message["jsonrpc"] == "2.0"
            return message


async def test_the_simulator_speaks_moonrakers_websocket_shapes(rig: Rig) -> None:
    _, sim = await following(rig)
    identity = {"client_name": "probe", "version": "1", "type": "other", "url": ""}
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{sim.connection['url']}/websocket") as ws:
        assert (await call(ws, "printer.info"))["error"]["code"] == 401  # no key on the upgrade
        assert (await call(ws, "server.connection.identify", identity))["error"]["code"] == 401
        answer = await call(ws, "server.connection.identify", {**identity, "api_key": sim.api_key})
        assert isinstance(answer["result"]["connection_id"], int)
        assert "already identified" in (await call(ws, "server.connection.identify", identity))["error"]["message"]
        assert (await call(ws, "printer.no_such_thing"))["error"]["code"] == -32601

        objects = {"print_stats": None, "extruder": ["temperature", "target"], "webhooks": None, "nope": None}
        result = (await call(ws, "printer.objects.subscribe", {"objects": objects}))["result"]
        assert isinstance(result["eventtime"], float)
        assert set(result["status"]) == {"print_stats", "extruder", "webhooks"}  # unknown objects left out
        assert set(result["status"]["extruder"]) == {"temperature", "target"}
        assert result["status"]["webhooks"]["state"] == "ready"

        sim.device.store("probe.gcode", rig.job("probe").file.read_bytes())
        await sim.device.start("probe.gcode")
        updates = []
        while len(updates) < 2:
            message = await ws.receive_json(timeout=5)
            assert message["jsonrpc"] == "2.0" and "id" not in message
            if message["method"] == "notify_status_update":
                changes, eventtime = message["params"]
                assert isinstance(eventtime, float)
                updates.append(changes)
    assert updates[0]["print_stats"]["state"] == "printing"
    assert updates[0]["print_stats"]["filename"] == "probe.gcode"
    assert updates[0]["extruder"]["target"] == 215.0
    assert "filename" not in updates[1].get("print_stats", {})  # only what changed since
    assert "target" not in updates[1].get("extruder", {})
