"""Bambu driver cost: CPU per 10,000 delta reports, and the daemon side of 50 printers for 60 s.

Usage: .venv/bin/python bench/bambu_reports.py [--printers 50] [--seconds 60] [--reports 10000]

Part 1 feeds recorded P1-style delta reports (from the simulator's device model during a print)
straight into a driver: decode, merge, map onto PrinterStatus, publish events to one subscriber.
Part 2 starts N simulated printers (each with its own mosquitto and FTPS card) in a child process,
connects N drivers in this process, starts a long job on each and measures this process only: CPU
seconds and RSS while every printer reports once a second.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from odind.drivers.bambu import Connection, Driver
from odind.drivers.bambu.sim import launch_simulator
from odind.drivers.bambu.sim_device import DevicePrinter, Project
from odind.drivers.base import JobSpec
from odind.modelfiles.synth import bambu_3mf
from odind.vocabulary import FilamentNeed, LoadedFilament, PrinterState

FILAMENTS = [LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=80),
             LoadedFilament(slot="1", material="PETG", colour="#000000", remaining_pct=60)]
RED = FilamentNeed(material="PLA", colour="#FF0000", grams=20)
SIM_SPEED = 30.0  # heating and levelling take 3 s, the 10-hour job 20 minutes: printing throughout
PREPARE_WAIT_S = 5.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def recorded_deltas(count: int) -> list[bytes]:
    """Delta reports as a P1S sends them while printing (progress, layers, temperatures)."""
    device = DevicePrinter(serial="01P00A000000001", model="P1S", speed=1.0, filaments=FILAMENTS,
                           load_project=lambda url, plate, md5: Project(print_time_s=count * 1.0, layers=300))
    device.handle({"print": {"command": "project_file", "sequence_id": "1", "url": "file:///sdcard/a",
                             "param": "Metadata/plate_1.gcode", "subtask_name": "odind-1"}}, 0.0)
    reports = [json.dumps(device.handle({"pushing": {"command": "pushall"}}, 0.0)[0]).encode()]
    for second in range(count - 1):
        device.advance(100.0 + second)
        reports.append(json.dumps(device.periodic_report()).encode())
    return reports


async def bench_merge(count: int) -> dict[str, float]:
    reports = recorded_deltas(count)
    driver = Driver("bench", {"host": "127.0.0.1", "serial": "01P00A000000001", "access_code": "x"},
                    data_dir=Path(tempfile.mkdtemp()))
    received = 0

    async def consume() -> None:
        nonlocal received
        async for _event in driver.events():
            received += 1

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(0)
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for index, raw in enumerate(reports):
        driver._payload(raw)  # the link's callback, without the network
        if index % 50 == 0:
            await asyncio.sleep(0)
    await asyncio.sleep(0)
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started_wall
    consumer.cancel()
    assert driver.status().state == PrinterState.PRINTING
    return {"reports": count, "cpu_s": cpu, "wall_s": wall, "events": received,
            "mean_bytes": sum(map(len, reports)) / len(reports)}


async def run_simulators(count: int) -> None:
    """Child process: start the printers, print their connections, live until stdin closes."""
    workdir = Path(tempfile.mkdtemp(prefix="odind-bambu-bench-"))
    sims = [await launch_simulator(name=f"p{i}", model="P1S" if i % 2 else "X1C", speed=SIM_SPEED,
                                   filaments=FILAMENTS, workdir=workdir / f"p{i}") for i in range(count)]
    sys.stdout.write(json.dumps([s.connection for s in sims]) + "\n")
    sys.stdout.flush()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for sim in sims:
        await sim.close()


async def bench_fleet(count: int, seconds: float) -> dict[str, Any]:
    child = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve-simulators", str(count),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=1 << 22)
    assert child.stdout is not None and child.stdin is not None
    connections = json.loads(await child.stdout.readline())
    workdir = Path(tempfile.mkdtemp(prefix="odind-bambu-drivers-"))
    job_file = workdir / "job.gcode.3mf"
    job_file.write_bytes(bambu_3mf(filaments=[RED], print_time_s=36000))
    rss_before = rss_mb()
    drivers = [Driver(f"p{i}", Connection.model_validate(c), data_dir=workdir / f"p{i}")
               for i, c in enumerate(connections)]
    for driver in drivers:
        await driver.connect()
    for _ in range(600):
        if all(d.status().state == PrinterState.IDLE for d in drivers):
            break
        await asyncio.sleep(0.2)
    else:
        raise SystemExit("not every simulated printer came online within 120 s")
    await asyncio.gather(*(d.start_job(JobSpec(job_key=f"odind-{i}", file=job_file, filaments=[RED]))
                           for i, d in enumerate(drivers)))
    await asyncio.sleep(PREPARE_WAIT_S)
    received_before = sum(d.reports_received for d in drivers)
    cpu_start, wall_start = cpu_s(), time.perf_counter()
    peak = rss_mb()
    while time.perf_counter() - wall_start < seconds:
        await asyncio.sleep(1)
        peak = max(peak, rss_mb())
    cpu, wall = cpu_s() - cpu_start, time.perf_counter() - wall_start
    reports = sum(d.reports_received for d in drivers) - received_before
    states = {d.status().state.value for d in drivers}
    for driver in drivers:
        await driver.close()
    child.stdin.close()
    await child.wait()
    return {"printers": count, "seconds": wall, "reports": reports, "cpu_s": cpu,
            "cpu_pct": 100 * cpu / wall, "rss_before_mb": rss_before, "rss_peak_mb": peak,
            "states": sorted(states)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--serve-simulators", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.serve_simulators:
        await run_simulators(args.serve_simulators)
        return
    merge = await bench_merge(args.reports)
    print(f"merge+publish: {merge['reports']} delta reports (mean {merge['mean_bytes']:.0f} B) in "
          f"{merge['cpu_s']:.3f} s CPU ({1e6 * merge['cpu_s'] / merge['reports']:.0f} us/report), "
          f"{merge['events']} events published")
    fleet = await bench_fleet(args.printers, args.seconds)
    print(f"fleet: {fleet['printers']} printers x {fleet['seconds']:.0f} s, {fleet['reports']} reports "
          f"received; daemon CPU {fleet['cpu_s']:.2f} s ({fleet['cpu_pct']:.1f}% of one core); RSS "
          f"{fleet['rss_before_mb']:.0f} MB before drivers, peak {fleet['rss_peak_mb']:.0f} MB; "
          f"states {fleet['states']}")


if __name__ == "__main__":
    asyncio.run(main())
