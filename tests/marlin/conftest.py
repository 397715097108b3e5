"""Fixtures for the Marlin driver: simulators on real ptys, drivers talking to them, G-code files."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from odind.drivers.base import DriverEvent
from odind.drivers.marlin import Driver
from odind.drivers.marlin.protocol import clean_line
from odind.drivers.marlin.sim import MarlinSimulator, config_for_model
from odind.vocabulary import PrinterState

WAIT_S = 30.0  # generous: other engineers run their suites on the same two cores


def write_gcode(path: Path, segments: int, *, header: bool = True, feed: int = 6000, bed: int = 60,
                hotend: int = 200) -> list[str]:
    """A small print: heat, home, then short curved G1 segments; returns the commands in order."""
    lines = ["; generated for tests", f"M140 S{bed}", f"M104 S{hotend}", "G28", f"M190 S{bed}", f"M109 S{hotend}",
             "G90", "M83", f"G1 F{feed}"] if header else []
    for i in range(segments):
        angle = i * 0.07
        lines.append(f"G1 X{100 + 40 * math.cos(angle):.3f} Y{100 + 40 * math.sin(angle):.3f} E0.0213 ; seg")
        if i and i % 50 == 0:
            lines.append(f"M73 P{i * 100 // segments} R{(segments - i) // 50}")
            lines.append("")
    lines.append("M104 S0")
    path.write_text("\n".join(lines) + "\n")
    return [command for line in lines if (command := clean_line(line))]


async def wait_for(predicate: Callable[[], bool], timeout: float = WAIT_S, what: str = "condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


class Recorder:
    """Collects every event a driver emits, from the moment it is created."""

    def __init__(self, driver: Driver) -> None:
        self.events: list[DriverEvent] = []
        self._task = asyncio.create_task(self._collect(driver))

    async def _collect(self, driver: Driver) -> None:
        async for event in driver.events():
            self.events.append(event)

    def kinds(self) -> list[str]:
        return [event.kind for event in self.events if event.kind not in ("telemetry", "state")]

    def states(self) -> list[str]:
        return [event.status.state.value for event in self.events if event.kind == "state"]

    def of(self, kind: str) -> list[DriverEvent]:
        return [event for event in self.events if event.kind == kind]

    async def close(self) -> None:
        self._task.cancel()


Harness = Callable[..., Awaitable[tuple[MarlinSimulator, Driver, Recorder]]]


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    """`await harness(model=..., sim={...}, conn={...})` -> a connected, idle driver on a simulator."""
    started: list[tuple[MarlinSimulator, Driver, Recorder]] = []

    async def start(model: str = "Ender-3 V2", sim: dict[str, Any] | None = None,
                    conn: dict[str, Any] | None = None, wait_idle: bool = True) -> tuple[
                        MarlinSimulator, Driver, Recorder]:
        options = {"speed": 500.0, "baud": 250000} | (sim or {})
        simulator = MarlinSimulator(config_for_model(model, **options), name=f"sim{len(started)}",
                                    workdir=tmp_path)
        await simulator.start()
        connection = Driver.Connection.model_validate(
            simulator.connection | {"handshake_timeout_s": 1.0, "resend_settle_s": 0.05} | (conn or {}))
        driver = Driver(f"printer{len(started)}", connection, data_dir=tmp_path)
        recorder = Recorder(driver)
        started.append((simulator, driver, recorder))
        await asyncio.sleep(0)
        await driver.connect()
        if wait_idle:
            await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="printer idle")
            await wait_for(lambda: driver.status().firmware is not None and "THERMAL_PROTECTION" in driver.capabilities,
                           what="M115 answer, to its last capability")
        return simulator, driver, recorder

    yield start
    for simulator, driver, recorder in reversed(started):
        await recorder.close()
        await driver.close()
        await simulator.close()


def job_commands(simulator: MarlinSimulator, expected: list[str]) -> list[str]:
    """The commands of one job the board accepted, in order (polls and handshakes filtered out)."""
    wanted = set(expected)
    return [command.text for command in simulator.accepted if command.text in wanted]
