"""The driver against a simulated printer over real TLS MQTT and implicit FTPS."""

from __future__ import annotations

from pathlib import Path

import pytest

from odind.drivers.bambu.sim import SimulatedBambu
from odind.drivers.base import DriverError, JobSpec
from odind.vocabulary import FilamentNeed, PrinterState
from tests.bambu.conftest import DriverFactory, SimFactory, project, wait_until

RED = FilamentNeed(material="PLA", colour="#FF0000", grams=12)
BLUE = FilamentNeed(material="PLA", colour="#0000FF", grams=3)


async def test_connect_reports_state_filaments_and_firmware(driver, sim: SimulatedBambu) -> None:
    drv, log = driver
    status = drv.status()
    assert status.state == PrinterState.IDLE
    assert [(f.slot, f.material, f.colour) for f in status.filaments] == [
        ("0", "PLA", "#FF0000"), ("1", "PLA", "#0000FF"), ("ext", "PETG", "#000000")]
    await wait_until(lambda: drv.status().firmware is not None, what="firmware")
    assert drv.status().firmware == "01.07.00.00"
    assert drv.status().temperatures["bed"].actual == 23.0
    assert "state" in log.kinds() and "filaments" in log.kinds()


async def test_job_prints_end_to_end(driver, sim: SimulatedBambu, tmp_path: Path) -> None:
    drv, log = driver
    job = JobSpec(job_key="odind-1", file=project(tmp_path, [RED, BLUE], print_time_s=1200), filaments=[RED, BLUE])
    await drv.start_job(job)
    assert drv.status().state == PrinterState.PREPARING and drv.status().job_key == "odind-1"
    started = await log.wait_for("job_started")
    assert started.job_key == "odind-1"
    done = await log.wait_for("job_completed")
    assert done.job_key == "odind-1" and done.status.state == PrinterState.FINISHED
    assert drv.status().progress == 1.0 and drv.status().layer == drv.status().total_layers == 75
    uploaded = sim.card / "odind-1.gcode.3mf"
    assert uploaded.read_bytes() == job.file.read_bytes()
    states = [e.status.state for e in log.of("state")]
    assert states.index(PrinterState.PREPARING) < states.index(PrinterState.PRINTING) \
        < states.index(PrinterState.FINISHED)
    assert any(e.status.progress and 0 < e.status.progress < 1 for e in log.of("telemetry"))
    assert log.kinds().count("job_completed") == 1 and not log.of("job_failed")


async def test_project_file_carries_the_mapping_and_options(make_sim: SimFactory, make_driver: DriverFactory,
                                                            tmp_path: Path) -> None:
    sim = await make_sim()
    seen: list[dict] = []
    original = sim.device.handle

    def spy(doc, now):
        if isinstance(doc.get("print"), dict) and doc["print"].get("command") == "project_file":
            seen.append(doc["print"])
        return original(doc, now)

    sim.device.handle = spy  # type: ignore[method-assign]
    drv, _log = await make_driver(sim, timelapse=True, bed_levelling=False)
    await drv.start_job(JobSpec(job_key="odind-2", file=project(tmp_path, [BLUE, RED]), plate=1,
                                filaments=[BLUE, RED]))
    (request,) = seen
    assert request["ams_mapping"] == [1, 0] and request["use_ams"] is True
    assert request["timelapse"] is True and request["bed_leveling"] is False
    assert request["url"] == "file:///sdcard/odind-2.gcode.3mf" and request["subtask_name"] == "odind-2"
    assert request["param"] == "Metadata/plate_1.gcode" and len(request["md5"]) == 32


async def test_next_job_starts_from_finished_and_a_job_never_runs_twice(driver, tmp_path: Path) -> None:
    drv, log = driver
    first = JobSpec(job_key="odind-1", file=project(tmp_path, [RED], 600), filaments=[RED])
    await drv.start_job(first)
    await log.wait_for("job_completed")
    with pytest.raises(DriverError, match="already ran"):
        await drv.start_job(first)
    await drv.start_job(JobSpec(job_key="odind-2", file=project(tmp_path, [RED], 600, "two"), filaments=[RED]))
    second = await log.wait_for("job_completed", count=2)
    assert second.job_key == "odind-2"
    assert [e.job_key for e in log.of("job_started")] == ["odind-1", "odind-2"]


async def test_busy_printer_refuses_a_second_job(make_sim: SimFactory, make_driver: DriverFactory,
                                                 tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    drv, log = await make_driver(sim)
    await drv.start_job(JobSpec(job_key="odind-1", file=project(tmp_path, [RED], 36000), filaments=[RED]))
    await log.wait_for("job_started")
    with pytest.raises(DriverError, match=r"is (preparing|printing)"):
        await drv.start_job(JobSpec(job_key="odind-2", file=project(tmp_path, [RED], 60, "b"), filaments=[RED]))
    assert not (sim.card / "odind-2.gcode.3mf").exists()


async def test_pause_resume_and_cancel(make_sim: SimFactory, make_driver: DriverFactory, tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    drv, log = await make_driver(sim)
    await drv.start_job(JobSpec(job_key="odind-5", file=project(tmp_path, [RED], 36000), filaments=[RED]))
    await wait_until(lambda: drv.status().state == PrinterState.PRINTING, what="printing")
    await drv.pause()
    await wait_until(lambda: drv.status().state == PrinterState.PAUSED, what="paused")
    assert sim.device.state["gcode_state"] == "PAUSE"
    with pytest.raises(DriverError, match="refused pause"):
        await drv.pause()
    await drv.resume()
    await wait_until(lambda: drv.status().state == PrinterState.PRINTING, what="printing again")
    await drv.cancel()
    failed = await log.wait_for("job_failed")
    assert failed.cancelled and failed.job_key == "odind-5" and failed.message == "cancelled"
    await wait_until(lambda: drv.status().state == PrinterState.IDLE, what="idle after cancel")
    assert not log.of("job_completed")


async def test_gcode_line_is_acknowledged(driver) -> None:
    drv, _log = driver
    await drv.send_gcode("M104 S0")


async def test_missing_filament_is_refused_before_upload(driver, sim: SimulatedBambu, tmp_path: Path) -> None:
    drv, _log = driver
    green = FilamentNeed(material="PLA", colour="#00FF00")
    with pytest.raises(DriverError, match="not loaded"):
        await drv.start_job(JobSpec(job_key="odind-9", file=project(tmp_path, [green]), filaments=[green]))
    assert not any(sim.card.iterdir())
    assert drv.status().state == PrinterState.IDLE


async def test_bad_job_files_and_keys_are_refused(driver, tmp_path: Path) -> None:
    drv, _log = driver
    junk = tmp_path / "junk.gcode.3mf"
    junk.write_bytes(b"not a zip")
    with pytest.raises(DriverError, match="not a readable"):
        await drv.start_job(JobSpec(job_key="odind-1", file=junk))
    with pytest.raises(DriverError, match=r"plate_3\.gcode"):
        await drv.start_job(JobSpec(job_key="odind-1", file=project(tmp_path, [RED]), plate=3))
    with pytest.raises(DriverError, match="cannot be used"):
        await drv.start_job(JobSpec(job_key="../x", file=project(tmp_path, [RED])))


async def test_restarted_driver_recognises_the_running_job(make_sim: SimFactory, make_driver: DriverFactory,
                                                           tmp_path: Path) -> None:
    sim = await make_sim(speed=300)
    first, _log = await make_driver(sim)
    await first.start_job(JobSpec(job_key="odind-77", file=project(tmp_path, [RED], 36000), filaments=[RED]))
    await wait_until(lambda: first.status().state == PrinterState.PRINTING, what="printing")
    await first.close()
    second, _ = await make_driver(sim)
    await wait_until(lambda: second.status().state == PrinterState.PRINTING, what="second driver printing")
    assert second.status().job_key == "odind-77"
    with pytest.raises(DriverError):
        await second.start_job(JobSpec(job_key="odind-77", file=project(tmp_path, [RED], 60, "again"),
                                       filaments=[RED]))


async def test_x1_full_reports_and_a1_delta_reports(make_sim: SimFactory, make_driver: DriverFactory,
                                                    tmp_path: Path) -> None:
    for model in ("X1C", "A1"):
        sim = await make_sim(model=model)
        assert sim.device.full == (model == "X1C")
        drv, log = await make_driver(sim)
        await drv.start_job(JobSpec(job_key=f"odind-{model}", file=project(tmp_path, [RED], 600, model),
                                    filaments=[RED]))
        done = await log.wait_for("job_completed")
        assert done.job_key == f"odind-{model}"
        assert drv.status().filaments[0].material == "PLA"
