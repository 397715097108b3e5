"""A third-party client (PyPI `bambulabs-api`) drives the simulator as it would a printer.

That client hard-codes port 8883 only in its `Printer` facade; its `PrinterMQTTClient` takes the
port, so the test uses that directly (it also switches certificate checks off, as it does with
real printers). It runs paho's own network thread, hence the `to_thread` polling.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bambulabs_api.mqtt_client import PrinterMQTTClient
from bambulabs_api.states_info import GcodeState

from odind.drivers.base import JobSpec
from odind.vocabulary import FilamentNeed, PrinterState
from tests.bambu.conftest import DriverFactory, SimFactory, project, wait_until


async def _poll(read: Callable[[], Any], accept: Callable[[Any], bool], what: str, timeout: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await asyncio.to_thread(read)
        if accept(value):
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; last value {value!r}")
        await asyncio.sleep(0.05)


async def test_third_party_client_reads_state_and_pauses(make_sim: SimFactory, make_driver: DriverFactory,
                                                         tmp_path: Path) -> None:
    for model in ("P1S", "X1C"):
        sim = await make_sim(model=model, speed=300)
        client = PrinterMQTTClient(hostname="127.0.0.1", access=sim.access_code, printer_serial=sim.serial,
                                   port=sim.broker.port)
        client.connect()
        client.start()
        try:
            await _poll(client.ready, bool, "first report")
            assert await asyncio.to_thread(client.get_printer_state) == GcodeState.IDLE
            firmware = await _poll(client.firmware_version, lambda v: v is not None, "firmware")
            assert firmware == {"P1S": "01.07.00.00", "X1C": "01.08.02.00"}[model]
            assert client.vt_tray().tray_type == "PETG"
            await asyncio.to_thread(client.process_ams)
            assert client.ams_hub[0].get_filament_tray(0).tray_type == "PLA"

            red = FilamentNeed(material="PLA", colour="#FF0000")
            drv, _log = await make_driver(sim, data_dir=tmp_path / model)
            await drv.start_job(JobSpec(job_key=f"odind-{model}", file=project(tmp_path, [red], 36000, model),
                                        filaments=[red]))
            await _poll(client.get_printer_state, lambda s: s == GcodeState.RUNNING, "RUNNING")
            percent = await _poll(client.get_last_print_percentage, lambda p: isinstance(p, int) and p >= 0,
                                  "percent")
            assert 0 <= percent < 100
            assert client.subtask_name() == f"odind-{model}"
            assert client.total_layer_num() == 75

            assert await asyncio.to_thread(client.pause_print)
            await _poll(client.get_printer_state, lambda s: s == GcodeState.PAUSE, "PAUSE")
            await wait_until(lambda d=drv: d.status().state == PrinterState.PAUSED, what="driver sees pause")
            assert await asyncio.to_thread(client.resume_print)
            await _poll(client.get_printer_state, lambda s: s == GcodeState.RUNNING, "RUNNING again")
        finally:
            await asyncio.to_thread(client.stop)
            client._client.disconnect()  # the library has no public disconnect
