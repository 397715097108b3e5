"""The driver against OctoPrint's own virtual printer (the `octoprint` package's `virtual_printer`).

The printer runs in `.venv-octoprint` behind a pty (see `virtual_printer.py`); its stock simulated
errors stay on (a resend at line 100, a resend whose next line is never answered at 105, a line
number error without resend at 110, a checksum error at 115), as does its reset banner on connect.
"Exactly" means: the printer took every line number once, in order, and the job's commands among
them are the file's, in order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from odind.drivers.base import JobSpec
from odind.drivers.marlin import Driver
from odind.vocabulary import PrinterState

from .conftest import Recorder, wait_for, write_gcode
from .virtual_printer import VirtualPrinterPeer, virtual_printer

JOB_WAIT_S = 100.0
Session = tuple[VirtualPrinterPeer, Driver, Recorder]


def assert_exactly_once_in_order(peer: VirtualPrinterPeer, expected: list[str]) -> None:
    numbers = [number for number, _ in peer.accepted]
    assert numbers == list(range(1, len(numbers) + 1)), "line numbers taken out of order or twice"
    assert not peer.skipped
    wanted = set(expected)
    assert [command for command in peer.commands() if command in wanted] == expected


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[Session]]]:
    """`await session(**plugin_settings)` -> the virtual printer and an idle driver connected to it."""
    async with AsyncExitStack() as stack:
        async def start(**settings: Any) -> Session:
            peer = await stack.enter_async_context(virtual_printer(tmp_path, **settings))
            driver = Driver("vp", {"port": peer.port, "baud": 115200}, data_dir=tmp_path)
            recorder = Recorder(driver)
            stack.push_async_callback(driver.close)
            stack.push_async_callback(recorder.close)
            await driver.connect()
            await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="idle")
            return peer, driver, recorder

        yield start


async def print_job(driver: Driver, path: Path, key: str) -> None:
    await driver.start_job(JobSpec(job_key=key, file=path))
    ended = (PrinterState.FINISHED, PrinterState.ERROR, PrinterState.OFFLINE)
    await wait_for(lambda: driver.status().state in ended, timeout=JOB_WAIT_S, what="job finished")
    assert driver.status().state == PrinterState.FINISHED, driver.status().message


@pytest.mark.parametrize("resend_ratio", [0, 3, 10])
async def test_job_completes_exactly_with_advanced_ok(session: Callable[..., Awaitable[Session]], tmp_path: Path,
                                                      resend_ratio: int) -> None:
    peer, driver, recorder = await session(resend_ratio=resend_ratio, sendBusy=True)
    expected = write_gcode(tmp_path / "part.gcode", 1500, bed=25, hotend=30)
    await print_job(driver, tmp_path / "part.gcode", "vp-advanced")
    assert_exactly_once_in_order(peer, expected)
    assert recorder.kinds() == ["job_started", "job_completed"]
    assert peer.dropped_bytes == 0  # the window never overran the 128-byte receive buffer
    assert peer.opened == 1  # its reset banner on connect was taken for what it is
    if resend_ratio:
        assert driver.protocol.resends > 0


@pytest.mark.parametrize("resend_ratio", [0, 10])
async def test_job_completes_exactly_with_plain_ok(session: Callable[..., Awaitable[Session]], tmp_path: Path,
                                                   resend_ratio: int) -> None:
    peer, driver, recorder = await session(resend_ratio=resend_ratio, okFormatString="ok")
    expected = write_gcode(tmp_path / "part.gcode", 600, bed=25, hotend=30)
    await print_job(driver, tmp_path / "part.gcode", "vp-plain")
    assert driver.protocol.advanced is False
    assert_exactly_once_in_order(peer, expected)
    assert recorder.kinds() == ["job_started", "job_completed"]


async def test_long_dwell_with_busy_keepalives_is_no_lost_ok(session: Callable[..., Awaitable[Session]],
                                                              tmp_path: Path) -> None:
    """G4 S7 outlasts the 6 s allowed for a blocking command; the printer's keepalives carry it."""
    peer, driver, _ = await session(sendBusy=True, busyInterval=1.0)
    commands = ["G90", "G1 X10 F6000", "G4 S7", "G1 X20"]
    (tmp_path / "dwell.gcode").write_text("\n".join(commands) + "\n")
    await print_job(driver, tmp_path / "dwell.gcode", "vp-dwell")
    assert driver.protocol.probes == 0 and driver.protocol.resends == 0
    assert_exactly_once_in_order(peer, [*commands, "M400"])  # the driver ends every job with M400


async def test_lost_ok_is_found_by_a_short_probe(session: Callable[..., Awaitable[Session]],
                                                  tmp_path: Path) -> None:
    """Line 105 is asked for again and the line after it is never answered (the printer's own fault
    injection); with nothing behind it on the wire only a probe finds out, and within seconds."""
    peer, driver, _ = await session(okFormatString="ok")
    expected = write_gcode(tmp_path / "part.gcode", 150, bed=25, hotend=30)
    started = driver.protocol.probes
    await print_job(driver, tmp_path / "part.gcode", "vp-probe")
    assert driver.protocol.probes > started
    assert_exactly_once_in_order(peer, expected)


async def test_board_reset_mid_job_interrupts_it(session: Callable[..., Awaitable[Session]],
                                                 tmp_path: Path) -> None:
    peer, driver, recorder = await session()
    expected = write_gcode(tmp_path / "part.gcode", 3000, feed=600, bed=25, hotend=30)
    await driver.start_job(JobSpec(job_key="vp-reset", file=tmp_path / "part.gcode"))
    await wait_for(lambda: len(peer.accepted) > 200, what="printing")
    await peer.command("reset")
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job interrupted")
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="idle again")
    taken = len(peer.accepted)
    await wait_for(lambda: bool(peer.counter_sets) and len(peer.counter_sets) >= 2, what="handshake again")
    assert not set(peer.commands()[taken:]) & set(expected)  # nothing of the job after the reset
    assert recorder.kinds() == ["job_started", "job_interrupted"]
    interrupted = recorder.of("job_interrupted")[0]
    assert interrupted.job_key == "vp-reset" and "restarted" in (interrupted.message or "")
    follow_up = write_gcode(tmp_path / "next.gcode", 50, bed=25, hotend=30)
    first = len(peer.accepted)
    await print_job(driver, tmp_path / "next.gcode", "vp-next")
    assert [command for command in peer.commands()[first:] if command in set(follow_up)] == follow_up


async def test_line_cut_mid_job_and_back(session: Callable[..., Awaitable[Session]], tmp_path: Path) -> None:
    peer, driver, recorder = await session()
    expected = write_gcode(tmp_path / "part.gcode", 3000, feed=600, bed=25, hotend=30)
    await driver.start_job(JobSpec(job_key="vp-cut", file=tmp_path / "part.gcode"))
    await wait_for(lambda: len(peer.accepted) > 200, what="printing")
    await peer.command("cut")
    await wait_for(lambda: driver.status().state == PrinterState.OFFLINE, what="offline")
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job interrupted")
    taken = len(peer.accepted)
    await peer.command("plug")
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="back online")
    assert peer.opened == 2
    assert not set(peer.commands()[taken:]) & set(expected)  # never resumed from a guessed line
    assert recorder.kinds() == ["job_started", "job_interrupted"]
