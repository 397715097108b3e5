"""The driver against the simulated board over a real pty: jobs, pause/resume/cancel, reports."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from odind.drivers.base import DriverError, JobSpec
from odind.drivers.marlin import Driver
from odind.drivers.marlin.sim import MarlinSimulator, launch_simulator
from odind.vocabulary import LoadedFilament, PrinterState

from .conftest import Harness, job_commands, wait_for, write_gcode


def assert_numbered_exactly_once(simulator: MarlinSimulator) -> None:
    """Between handshakes, the board accepted line numbers 1, 2, 3, ... with no gap or repeat."""
    expected = None
    for command in simulator.accepted:
        if command.word == "M110":
            expected = command.number + 1 if command.number is not None else None
            continue
        assert command.number == expected, f"line {command.number} accepted, expected {expected}"
        expected += 1


async def test_connects_identifies_firmware_and_reports_temperatures(harness: Harness) -> None:
    simulator, driver, _ = await harness(conn={"poll_interval_s": 0.5})
    status = driver.status()
    assert status.state == PrinterState.IDLE
    assert status.firmware is not None and status.firmware.startswith("Marlin 2.1")
    assert driver.capabilities["AUTOREPORT_TEMP"] is True
    assert driver.protocol.advanced is True
    await wait_for(lambda: "bed" in driver.status().temperatures, what="auto-reported temperatures")
    assert any(command.word == "M155" for command in simulator.accepted)


async def test_windowed_job_streams_every_line_once_and_finishes(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness()
    expected = write_gcode(tmp_path / "part.gcode", 400)
    await driver.start_job(JobSpec(job_key="odind-1", file=tmp_path / "part.gcode", print_time_s=3600))
    assert driver.status().job_key == "odind-1"
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert recorder.kinds() == ["job_started", "job_completed"]
    assert all(event.job_key == "odind-1" for event in recorder.of("job_completed"))
    assert recorder.states()[-3:] == ["preparing", "printing", "finished"]
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)
    status = driver.status()
    assert status.progress == 1.0 and status.time_left_s == 0
    assert simulator.bytes_dropped == 0 and simulator.resend_requests == 0
    assert simulator.progress is not None and simulator.progress > 80  # M73 lines reached the board


async def test_ping_pong_firmware_with_polled_temperatures(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, _ = await harness(model="Original Prusa i3 MK3S", sim={"autoreport_temp": False},
                                         conn={"poll_interval_s": 0.2})
    assert driver.protocol.advanced is False
    expected = write_gcode(tmp_path / "part.gcode", 120)
    await driver.start_job(JobSpec(job_key="odind-2", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    assert job_commands(simulator, expected) == expected
    assert_numbered_exactly_once(simulator)
    assert sum(command.word == "M105" for command in simulator.accepted) >= 2
    temperatures = driver.status().temperatures
    assert {"tool0", "bed", "probe", "ambient"} <= set(temperatures)
    assert temperatures["bed"].target == 60.0


async def test_progress_follows_m73_and_file_position(harness: Harness, tmp_path: Path) -> None:
    _, driver, recorder = await harness(sim={"speed": 100.0})
    write_gcode(tmp_path / "part.gcode", 600)
    await driver.start_job(JobSpec(job_key="odind-3", file=tmp_path / "part.gcode"))
    await wait_for(lambda: (driver.status().progress or 0) > 0.3, what="progress")
    middle = driver.status()
    assert middle.state == PrinterState.PRINTING
    assert 0.3 < (middle.progress or 0) < 1.0
    assert middle.time_left_s is not None and middle.time_left_s > 0
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    progress = [event.status.progress for event in recorder.of("telemetry") if event.status.progress]
    assert progress == sorted(progress)


async def test_start_job_rules(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, _ = await harness(sim={"speed": 100.0})
    write_gcode(tmp_path / "a.gcode", 300)
    bad = tmp_path / "long.gcode"
    bad.write_text("G28\nM117 " + "x" * 120 + "\n")
    with pytest.raises(DriverError, match="line 2 is longer"):
        await driver.start_job(JobSpec(job_key="odind-4", file=bad))
    with pytest.raises(DriverError, match="plain G-code"):
        await driver.start_job(JobSpec(job_key="odind-4", file=tmp_path / "a.gcode.3mf"))
    with pytest.raises(DriverError, match="cannot read"):
        await driver.start_job(JobSpec(job_key="odind-4", file=tmp_path / "missing.gcode"))
    await driver.start_job(JobSpec(job_key="odind-4", file=tmp_path / "a.gcode"))
    with pytest.raises(DriverError, match="busy with job odind-4"):
        await driver.start_job(JobSpec(job_key="odind-5", file=tmp_path / "a.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="first job finished")
    write_gcode(tmp_path / "b.gcode", 30)
    await driver.start_job(JobSpec(job_key="odind-5", file=tmp_path / "b.gcode"))  # accepted from FINISHED
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED and driver.status().job_key == "odind-5",
                   what="second job finished")
    assert_numbered_exactly_once(simulator)


async def test_pause_parks_and_resume_continues_without_losing_lines(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(
        sim={"speed": 100.0}, conn={"park_gcode": "G91\nG1 Z10 F600\nG90", "resume_gcode": "M117 resumed"})
    expected = write_gcode(tmp_path / "part.gcode", 500)
    await driver.start_job(JobSpec(job_key="odind-6", file=tmp_path / "part.gcode"))
    await wait_for(lambda: (driver.status().progress or 0) > 0.2, what="printing")
    await driver.pause()
    assert driver.status().state == PrinterState.PAUSED
    await wait_for(lambda: any(command.text == "G1 Z10 F600" for command in simulator.accepted), what="park")
    accepted_while_paused = len(simulator.accepted)
    await asyncio.sleep(0.3)
    assert len(simulator.accepted) - accepted_while_paused <= 1  # a temperature poll at most
    with pytest.raises(DriverError):
        await driver.pause()
    await driver.resume()
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="job finished")
    texts = [command.text for command in simulator.accepted]
    park_at = texts.index("G1 Z10 F600")
    assert texts[park_at - 1:park_at + 2] == ["G91", "G1 Z10 F600", "G90"]
    del texts[park_at - 1:park_at + 2]
    texts.remove("M117 resumed")
    assert [text for text in texts if text in set(expected)] == expected
    assert_numbered_exactly_once(simulator)
    assert recorder.kinds() == ["job_started", "job_completed"]


async def test_cancel_stops_feeding_and_runs_end_gcode(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 100.0})
    expected = write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-7", file=tmp_path / "part.gcode"))
    await wait_for(lambda: (driver.status().progress or 0) > 0.1, what="printing")
    await driver.cancel()
    await wait_for(lambda: bool(recorder.of("job_failed")), what="job_failed event")
    [failed] = recorder.of("job_failed")
    assert failed.cancelled and failed.job_key == "odind-7"
    assert driver.status().state == PrinterState.IDLE
    await wait_for(lambda: simulator.accepted[-1].text == "M84", what="end G-code")
    texts = [command.text for command in simulator.accepted]
    assert texts[-4:] == ["M104 S0", "M140 S0", "M107", "M84"]
    assert len(job_commands(simulator, expected)) < len(expected)
    with pytest.raises(DriverError):
        await driver.cancel()
    write_gcode(tmp_path / "next.gcode", 20)
    await driver.start_job(JobSpec(job_key="odind-8", file=tmp_path / "next.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="next job finished")
    assert_numbered_exactly_once(simulator)


async def test_printer_menu_pause_resume_cancel(harness: Harness, tmp_path: Path) -> None:
    simulator, driver, recorder = await harness(sim={"speed": 10.0})
    write_gcode(tmp_path / "part.gcode", 800)
    await driver.start_job(JobSpec(job_key="odind-9", file=tmp_path / "part.gcode"))
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="printing")
    simulator.host_action("pause")
    await wait_for(lambda: driver.status().state == PrinterState.PAUSED, what="paused from the menu")
    simulator.host_action("resume")
    await wait_for(lambda: driver.status().state == PrinterState.PRINTING, what="resumed from the menu")
    simulator.host_action("cancel")
    await wait_for(lambda: bool(recorder.of("job_failed")), what="cancelled from the menu")
    assert recorder.of("job_failed")[0].cancelled
    simulator.host_action("pause")  # nothing to pause: ignored, no error state
    simulator.host_action("notification Filament runout")
    await wait_for(lambda: driver.status().extra.get("notification") == "Filament runout", what="notification")
    assert driver.status().state == PrinterState.IDLE


async def test_loaded_filaments_are_kept_and_announced(harness: Harness) -> None:
    _, driver, recorder = await harness()
    driver.set_loaded_filaments([LoadedFilament(slot="T0", material="PETG", colour="#FF8000")])
    assert driver.status().filaments[0].material == "PETG"
    await wait_for(lambda: bool(recorder.of("filaments")), what="filaments event")
    assert recorder.of("filaments")[0].status.filaments[0].colour == "#FF8000"


async def test_launch_simulator_contract_and_a_long_move_print(tmp_path: Path) -> None:
    simulator = await launch_simulator(name="demo-mk3", model="Ender-3 V2", speed=1500.0,
                                       filaments=[LoadedFilament(slot="T0", material="PLA")], workdir=tmp_path)
    try:
        assert set(simulator.connection) == {"port", "baud"}
        assert os.readlink(simulator.connection["port"]).startswith("/dev/pts/")
        driver = Driver("demo", Driver.Connection.model_validate(simulator.connection), data_dir=tmp_path)
        await driver.connect()
        try:
            await wait_for(lambda: driver.status().state == PrinterState.IDLE, what="idle")
            gcode = ["G90", "M83", "G1 F1200"] + [
                f"G1 X{200 if i % 2 else 10} Y{10 + i % 190} E1.5" for i in range(300)]
            (tmp_path / "long.gcode").write_text("\n".join(gcode) + "\n")
            loop = asyncio.get_running_loop()
            started = loop.time()
            await driver.start_job(JobSpec(job_key="odind-10", file=tmp_path / "long.gcode"))
            await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="finished")
            print_time = 300 * 190 / (1200 / 60)  # ~9.5 s per move at 20 mm/s
            assert loop.time() - started >= print_time / 1500 * 0.9  # moves really take simulated time
        finally:
            await driver.close()
    finally:
        await simulator.close()


async def test_sliced_prusa_gcode_prints_with_slicer_progress(harness: Harness, tmp_path: Path) -> None:
    from odind.modelfiles.synth import prusa_gcode
    from odind.vocabulary import FilamentNeed

    simulator, driver, recorder = await harness(model="Original Prusa i3 MK3S",
                                                sim={"speed": 2000.0, "latency_s": 0.0005})
    need = FilamentNeed(material="PETG", colour="#00FF00", grams=20.0)
    (tmp_path / "sliced.gcode").write_text(prusa_gcode(filaments=[need], print_time_s=3600, segments=300))
    await driver.start_job(JobSpec(job_key="odind-11", file=tmp_path / "sliced.gcode", print_time_s=3600,
                                   filaments=[need]))
    await wait_for(lambda: 0.2 < (driver.status().progress or 0) < 0.9, what="mid-print")
    middle = driver.status()
    assert middle.time_left_s is not None and 0 < middle.time_left_s < 3600
    await wait_for(lambda: driver.status().state == PrinterState.FINISHED, what="finished")
    assert recorder.kinds() == ["job_started", "job_completed"]
    assert not simulator.unknown_commands
    assert_numbered_exactly_once(simulator)
