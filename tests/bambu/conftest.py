"""Fixtures for the Bambu tests: simulated printers on their own mosquitto, drivers, event logs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from odind.drivers.bambu import Connection, Driver
from odind.drivers.bambu.sim import SimulatedBambu, launch_simulator
from odind.drivers.bambu.sim_broker import BrokerUnavailable, find_mosquitto
from odind.drivers.base import DriverEvent, PrinterDriver
from odind.modelfiles.synth import bambu_3mf
from odind.vocabulary import FilamentNeed, LoadedFilament

try:
    find_mosquitto()
except BrokerUnavailable:  # pragma: no cover - scripts/setup.sh installs it
    pytest.fail("mosquitto is missing: run `scripts/setup.sh test` (apt-get install mosquitto)", pytrace=False)

RED_PLA = LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=80)
BLUE_PLA = LoadedFilament(slot="1", material="PLA", colour="#0000FF", remaining_pct=40)
BLACK_PETG = LoadedFilament(slot="ext", material="PETG", colour="#000000")


async def wait_until(predicate: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class EventLog:
    """Collects a driver's events from the moment it is created."""

    def __init__(self, driver: PrinterDriver) -> None:
        self.events: list[DriverEvent] = []
        self._ready = asyncio.Event()
        self._task = asyncio.create_task(self._collect(driver))

    async def _collect(self, driver: PrinterDriver) -> None:
        stream = driver.events()
        first = asyncio.ensure_future(anext(stream))
        self._ready.set()
        self.events.append(await first)
        async for event in stream:
            self.events.append(event)

    async def started(self) -> None:
        await self._ready.wait()
        await asyncio.sleep(0)

    def kinds(self, *, skip_telemetry: bool = True) -> list[str]:
        return [e.kind for e in self.events if not (skip_telemetry and e.kind == "telemetry")]

    def of(self, kind: str) -> list[DriverEvent]:
        return [e for e in self.events if e.kind == kind]

    async def wait_for(self, kind: str, timeout: float = 20.0, count: int = 1) -> DriverEvent:
        await wait_until(lambda: len(self.of(kind)) >= count, timeout, f"{count} {kind} event(s)")
        return self.of(kind)[count - 1]

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


def project(tmp_path: Path, needs: list[FilamentNeed], print_time_s: int = 1800, name: str = "job") -> Path:
    path = tmp_path / f"{name}.gcode.3mf"
    path.write_bytes(bambu_3mf(filaments=needs, print_time_s=print_time_s))
    return path


SimFactory = Callable[..., Awaitable[SimulatedBambu]]
DriverFactory = Callable[..., Awaitable[tuple[Driver, EventLog]]]


@pytest.fixture
async def make_sim(tmp_path: Path) -> AsyncIterator[SimFactory]:
    sims: list[SimulatedBambu] = []

    async def make(model: str = "P1S", speed: float = 600.0,
                   filaments: list[LoadedFilament] | None = None) -> SimulatedBambu:
        sim = await launch_simulator(name=f"sim{len(sims)}", model=model, speed=speed,
                                     filaments=[RED_PLA, BLUE_PLA, BLACK_PETG] if filaments is None
                                     else filaments, workdir=tmp_path / f"sim{len(sims)}")
        sims.append(sim)
        return sim

    yield make
    for sim in sims:
        await sim.close()


@pytest.fixture
async def sim(make_sim: SimFactory) -> SimulatedBambu:
    return await make_sim()


@pytest.fixture
async def make_driver(tmp_path: Path) -> AsyncIterator[DriverFactory]:
    created: list[tuple[Driver, EventLog]] = []

    async def make(sim: SimulatedBambu, *, online: bool = True, data_dir: Path | None = None,
                   **overrides: Any) -> tuple[Driver, EventLog]:
        settings = {**sim.connection, "command_timeout_s": 5.0, **overrides}
        driver = Driver("printer", Connection.model_validate(settings),
                        data_dir=data_dir or tmp_path / "driver")
        log = EventLog(driver)
        await log.started()
        created.append((driver, log))
        await driver.connect()
        if online:
            await wait_until(lambda: driver.status().state.value != "offline" and driver.status().filaments,
                             what="the driver to come online")
        return driver, log

    yield make
    for driver, log in created:
        await driver.close()
        await log.close()


@pytest.fixture
async def driver(make_driver: DriverFactory, sim: SimulatedBambu) -> tuple[Driver, EventLog]:
    return await make_driver(sim)
