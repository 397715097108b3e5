"""Faults on the wire and on the board: no hang, no duplicate line, no job started twice."""

from __future__ import annotations

import asyncio
import errno
from pathlib import Path

import pytest
import serial

from odind.drivers.base import DriverError, JobSpec
from odind.drivers.marlin import Driver
from odind.drivers.marlin.transport import PortUnavailable, SerialLink, describe_open_error
from odind.vocabulary import PrinterState

from .conftest import Harness, job_commands, wait_for, write_gcode
from .test_driver import assert_numbered_exactly_once

FAST_TIMEOUTS = {"response_timeout_s": 0.6, "silence_timeout_s": 1.2, "handshake_timeout_s": 0.5,
                 "handshake_attempts": 2}


@pytest.mark.parametrize(("model", "sim"), [
    ("Ender-3 V2", {}),
    ("Ender-3 V2", {"ok_after_resend": True, "resend_format": "Resend:N{n}"}),
    ("Ender-3 V2", {"resend_format": "rs N{n} Expected checksum 67"}),
    ("Ender-3 (Marlin 1.1)", {"resend_format": "Resend: N:{n}"}),
    ("Original Prusa i3 MK3S", {}),
])
async def test_garbled_lines_noise_and_lost_oks(harness: Harness, tmp_path: Path, model: str,
                                                sim: dict[str, object]) -> None:
    faults = {"resend_ratio": 0.04, "garbage_ratio": 0.02, "drop_ok_ratio": 0.005, "seed": 7}
    simulator, driver, recorder = await harness(model=model, sim=faults | sim,
                                                conn={"response_timeout_s": 0.5})
    expected = write_gcode(tmp_path / "part.gcode", 250)
    await driver.start_job(JobSpec(job_key="odind-20", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert simulator.resend_requests > 0
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)
    assert recorder.kinds() == ["job_started", "job_completed"]


async def test_rx_buffer_overflow_garbles_lines_and_the_board_asks_again(harness: Harness,
                                                                         tmp_path: Path) -> None:
    """Told the board has 1 KiB of receive buffer (it has 128 bytes), the host overflows it.

    Overflow merges the head of one line with the next; Marlin's 8-bit XOR lets about one such
    merge in 256 through, which is exactly why the window must respect the real buffer. The
    line numbering still guarantees nothing runs twice or out of order.
    """
    simulator, driver, _ = await harness(sim={"speed": 4.0}, conn={"rx_buffer_bytes": 1024})
    expected = write_gcode(tmp_path / "part.gcode", 150, header=False)
    await driver.start_job(JobSpec(job_key="odind-21", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert simulator.bytes_dropped > 0 and simulator.resend_requests > 0
    assert_numbered_exactly_once(simulator)
    received = job_commands(simulator, expected)
    remaining = iter(expected)
    assert all(line in remaining for line in received)  # a subsequence: in order, nothing twice
    assert len(received) >= len(expected) - 3


async def test_ok_storm_and_noise_mid_job(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, _ = await harness(sim={"speed": 100.0})
    expected = write_gcode(tmp_path / "part.gcode", 400)
    await driver.start_job(JobSpec(job_key="odind-22", file=tmp_path / "part.gcode"))
    await wait_for(lambda: (driver.status().progress or 0) > 0.2, what="printing")
    simulator.ok_storm(200)
    simulator.inject_garbage(b"\xff\xfe\x00\x80 \xc3( ok N99999 P15 B3 *\n")
    simulator.inject_garbage(b"x" * 5000 + b"\n")
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)


async def test_busy_keepalives_keep_a_long_command_from_timing_out(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, _ = await harness(sim={"speed": 1.0, "busy_interval_s": 0.2},
                                         conn={"response_timeout_s": 0.6})
    (tmp_path / "dwell.gcode").write_text("G4 S2\nG1 X1 F600\n")
    await driver.start_job(JobSpec(job_key="odind-23", file=tmp_path / "dwell.gcode"))
    await wait_for(lambda: driver.status().extra.get("busy") == "processing", what="busy keepalive")
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert driver.protocol.resends == 0 and simulator.resend_requests == 0
    assert "busy" not in driver.status().extra


async def test_firmware_reset_mid_job_interrupts_it_for_good(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 50.0})
    expected = write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-24", file=tmp_path / "part.gcode"))
    await wait_for(lambda: (driver.status().progress or 0) > 0.1, what="printing")
    simulator.reset()
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job_interrupted")
    [interrupted] = recorder.of("job_interrupted")
    assert interrupted.job_key == "odind-24" and "restarted" in (interrupted.message or "")
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="idle after reset")
    accepted = len(simulator.accepted)
    await asyncio.sleep(0.3)
    after_reset = [command.text for command in simulator.accepted[accepted:]]
    assert not set(after_reset) & set(expected[9:])  # no job line is sent again
    assert recorder.kinds() == ["job_started", "job_interrupted"]


async def test_thermal_runaway_is_an_error_with_the_firmware_message(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 50.0})
    write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-25", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="printing")
    simulator.thermal_runaway()
    await wait_for(lambda: driver.status().state == PrinterState.ERROR, what="error state")
    await wait_for(lambda: bool(recorder.of("job_failed")), what="job_failed")
    [failed] = recorder.of("job_failed")
    assert not failed.cancelled and "Thermal Runaway" in (failed.message or "")
    await asyncio.sleep(0.2)
    status = driver.status()
    assert "Thermal Runaway" in (status.message or "") and "kill() called" in (status.message or "")
    with pytest.raises(DriverError, match="error"):
        await driver.start_job(JobSpec(job_key="odind-26", file=tmp_path / "part.gcode"))
    simulator.reset()  # the operator fixed it and pressed reset
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="idle after reset")


async def test_silent_printer_becomes_an_error_not_a_hang(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 50.0}, conn=FAST_TIMEOUTS)
    write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-27", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="printing")
    simulator.go_silent(3.0)
    await wait_for(lambda: driver.status().state == PrinterState.ERROR, timeout=10, what="error state")
    assert "no reply" in (driver.status().message or "") or "acknowledg" in (driver.status().message or "")
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job_interrupted")
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="back after the silence")
    assert recorder.kinds() == ["job_started", "job_interrupted"]


async def test_unplug_mid_job_then_replug(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 50.0})
    write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-28", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="printing")
    simulator.unplug()
    await wait_for(lambda: driver.status().state == PrinterState.OFFLINE, what="offline")
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job_interrupted")
    assert simulator.port in (driver.status().message or "")
    with pytest.raises(DriverError, match="offline"):
        await driver.start_job(JobSpec(job_key="odind-29", file=tmp_path / "part.gcode"))
    simulator.replug()
    await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="back online")
    write_gcode(tmp_path / "next.gcode", 20)
    await driver.start_job(JobSpec(job_key="odind-29", file=tmp_path / "next.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="next job finished")
    assert [event.job_key for event in recorder.of("job_started")] == ["odind-28", "odind-29"]


async def test_missing_port_is_reported_by_name(tmp_path: Path) -> None:
    port = str(tmp_path / "ttyUSB-nothing")
    driver = Driver("ghost", {"port": port}, data_dir=tmp_path)
    await driver.connect()
    try:
        await wait_for(lambda: driver.status().message is not None, what="offline message")
        status = driver.status()
        assert status.state == PrinterState.OFFLINE
        assert port in (status.message or "") and "does not exist" in (status.message or "")
    finally:
        await driver.close()


async def test_port_held_by_another_program(harness: Harness, tmp_path: Path) -> None:
    simulator, _, _ = await harness()
    with pytest.raises(PortUnavailable, match="in use"):
        await SerialLink.open(simulator.port, 115200, lambda lines: None)


async def test_permission_denied_names_the_dialout_group(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise serial.SerialException(errno.EACCES, "could not open port /dev/ttyACM0: Permission denied")

    monkeypatch.setattr(serial, "serial_for_url", refuse)
    with pytest.raises(PortUnavailable) as caught:
        await SerialLink.open("/dev/ttyACM0", 115200, lambda lines: None)
    assert "/dev/ttyACM0" in str(caught.value) and "dialout" in str(caught.value)
    assert "dialout" in describe_open_error("/dev/ttyUSB0", PermissionError(errno.EPERM, "denied"))


def test_connection_validation() -> None:
    connection = Driver.Connection.model_validate({"port": "/dev/ttyUSB0", "baud": 250000})
    assert connection.baud == 250000 and connection.windowed
    with pytest.raises(ValueError, match="baud"):
        Driver.Connection.model_validate({"port": "/dev/ttyUSB0", "baud": 0})
    with pytest.raises(ValueError, match="bauds"):
        Driver.Connection.model_validate({"port": "/dev/ttyUSB0", "bauds": 115200})


async def test_closing_the_driver_mid_job_reports_it_interrupted(harness: Harness, tmp_path: Path) -> None:
    _, driver, recorder = await harness(sim={"speed": 50.0})
    write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-30", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="printing")
    await driver.close()
    await wait_for(lambda: bool(recorder.of("job_interrupted")), what="job_interrupted")
    assert recorder.of("job_interrupted")[0].job_key == "odind-30"


VIRTUAL_PRINTER_STYLE = {"ok_reports_moves": True, "bufsize": 1, "planner_blocks": 4, "drain_rx_on_error": False}


async def test_board_that_reports_its_move_buffer_as_p_and_b_is_never_overrun(harness: Harness,
                                                                              tmp_path: Path) -> None:
    """OctoPrint's virtual printer, reproduced: taking its B for a command queue overran its receive buffer."""
    simulator, driver, _recorder = await harness(sim=VIRTUAL_PRINTER_STYLE | {"speed": 20.0})
    expected = write_gcode(tmp_path / "part.gcode", 400, header=False)
    await driver.start_job(JobSpec(job_key="odind-30", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert simulator.bytes_dropped == 0 and simulator.resend_requests == 0
    assert job_commands(simulator, expected) == expected
    assert driver.protocol.queue_credits is False


async def test_resend_storm_sends_each_lost_line_again_once(harness: Harness, tmp_path: Path) -> None:
    """Without draining its buffer the board refuses every line behind a garbled one, each with its own
    request; the host sends the lost line again once per loss, not once per request."""
    simulator, driver, _recorder = await harness(sim=VIRTUAL_PRINTER_STYLE | {"resend_ratio": 0.05, "seed": 3})
    expected = write_gcode(tmp_path / "part.gcode", 400, header=False)
    await driver.start_job(JobSpec(job_key="odind-31", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)
    garbled = simulator.garbled_lines
    assert garbled > 0 and simulator.resend_requests > garbled  # a storm: more requests than losses
    assert driver.protocol.resends <= garbled + driver.protocol.probes  # but one retransmission per loss


async def test_lost_oks_are_probed_for_not_waited_out(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, _recorder = await harness(model="Ender-3 (Marlin 1.1)",
                                                sim={"drop_ok_ratio": 0.02, "seed": 5})
    expected = write_gcode(tmp_path / "part.gcode", 200, header=False)
    await driver.start_job(JobSpec(job_key="odind-32", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert driver.protocol.probes > 0
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)
