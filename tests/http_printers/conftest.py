"""Each HTTP printer family's driver against its own simulator, on a free local port, and the helpers
the tests against real servers (OctoPrint, Moonraker) share."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from odind.drivers import registry
from odind.drivers.base import DriverEvent, JobSpec
from odind.drivers.http.printer import HttpPrinterDriver
from odind.drivers.http.sim import HttpSimulator
from odind.drivers.registry import driver_class
from odind.modelfiles.synth import prusa_gcode
from odind.vocabulary import FilamentNeed, LoadedFilament, PrinterState

FAMILIES = ("moonraker", "octoprint", "prusalink")
WAIT_S = 30.0  # generous: other engineers load the same two cores
FAST = {"poll_interval_s": 0.05, "timeout_s": 2.0, "max_backoff_s": 0.2}


class EventLog:
    """Collects a driver's events from subscription on, and lets a test wait for one."""

    def __init__(self, driver: HttpPrinterDriver) -> None:
        self.events: list[DriverEvent] = []
        self._changed = asyncio.Condition()
        self._task = asyncio.create_task(self._collect(driver))

    async def _collect(self, driver: HttpPrinterDriver) -> None:
        async for event in driver.events():
            async with self._changed:
                self.events.append(event)
                self._changed.notify_all()

    async def wait(self, kind: str, job_key: str | None = None, timeout: float = WAIT_S) -> DriverEvent:
        def found() -> DriverEvent | None:
            for event in self.events:
                if event.kind == kind and (job_key is None or event.job_key == job_key):
                    return event
            return None

        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: found() is not None)
        event = found()
        assert event is not None
        return event

    def jobs(self, job_key: str) -> list[str]:
        """The job events for one key, in order (state and telemetry left out)."""
        return [e.kind for e in self.events if e.job_key == job_key and e.kind.startswith("job_")]

    async def close(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def eventually(check: Callable[[], bool], timeout: float = WAIT_S) -> None:
    """Poll a condition on the driver's in-memory status (which has no change notification)."""
    async with asyncio.timeout(timeout):
        while True:
            if check():
                return
            await asyncio.sleep(0.02)


async def wait_state(driver: HttpPrinterDriver, state: PrinterState, timeout: float = WAIT_S) -> None:
    await eventually(lambda: driver.status().state == state, timeout)


D = TypeVar("D", bound=HttpPrinterDriver)


@asynccontextmanager
async def driver_factory(cls: type[D], prefix: str, settings: dict[str, Any],
                         data_dir: Path) -> AsyncIterator[Callable[..., D]]:
    """Make drivers named prefix-0, prefix-1, ... with `settings` and per-call overrides; close them after."""
    made: list[D] = []

    def make(**overrides: Any) -> D:
        driver = cls(f"{prefix}-{len(made)}", cls.Connection.model_validate({**settings, **overrides}),
                     data_dir=data_dir)
        made.append(driver)
        return driver

    try:
        yield make
    finally:
        for driver in made:
            await driver.close()


async def connected(driver: HttpPrinterDriver, timeout: float = WAIT_S) -> EventLog:
    """Connect with an event log listening; ready for a job. FINISHED counts as ready: a real server keeps
    an earlier test's finished file on show until the next one is sent."""
    log = EventLog(driver)
    await asyncio.sleep(0)  # let the collector subscribe before anything happens
    await driver.connect()
    await eventually(lambda: driver.status().state in (PrinterState.IDLE, PrinterState.FINISHED), timeout)
    return log


async def following(driver: HttpPrinterDriver, timeout: float = WAIT_S) -> EventLog:
    """Connected, and following the server's push socket rather than polling."""
    log = await connected(driver, timeout)
    await eventually(lambda: driver.push_live, timeout)
    return log


@dataclass
class Rig:
    family: str
    sim: HttpSimulator
    driver: HttpPrinterDriver
    log: EventLog
    workdir: Path
    _extra: list[HttpPrinterDriver] = field(default_factory=list)

    def job(self, job_key: str, print_time_s: int = 600) -> JobSpec:
        path = self.workdir / f"{job_key}-upload.gcode"
        path.write_text(prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FF8000", grams=4.0)],
                                    print_time_s=print_time_s, segments=20))
        return JobSpec(job_key=job_key, file=path, print_time_s=print_time_s)

    def make_driver(self, name: str = "other", **overrides: Any) -> HttpPrinterDriver:
        cls = driver_class(self.family)
        connection = cls.Connection.model_validate({**self.sim.connection, **FAST, **overrides})
        driver = cls(name, connection, data_dir=self.workdir)
        assert isinstance(driver, HttpPrinterDriver)
        self._extra.append(driver)
        return driver


@pytest.fixture(params=FAMILIES)
def family(request: pytest.FixtureRequest) -> str:
    return request.param


async def launch(family: str, workdir: Path, speed: float) -> HttpSimulator:
    sim_module = registry.simulator_module(family)
    sim = await sim_module.launch_simulator(
        name=f"sim-{family}", model="test", speed=speed,
        filaments=[LoadedFilament(slot="T0", material="PLA", colour="#FF8000")], workdir=workdir)
    assert isinstance(sim, HttpSimulator)
    return sim


@pytest.fixture
def speed() -> float:
    """600 print-seconds in about 2.5 s: long enough to pause, short enough to finish."""
    return 240.0


@pytest.fixture
async def rig(family: str, tmp_path: Path, speed: float) -> AsyncIterator[Rig]:
    sim = await launch(family, tmp_path / "sim", speed)
    cls = driver_class(family)
    driver = cls("p1", cls.Connection.model_validate({**sim.connection, **FAST}), data_dir=tmp_path)
    assert isinstance(driver, HttpPrinterDriver)
    log = EventLog(driver)
    await asyncio.sleep(0)  # let the collector subscribe before anything happens
    rig = Rig(family=family, sim=sim, driver=driver, log=log, workdir=tmp_path)
    await driver.connect()
    try:
        yield rig
    finally:
        await log.close()
        for extra in rig._extra:
            await extra.close()
        await driver.close()
        await sim.close()
