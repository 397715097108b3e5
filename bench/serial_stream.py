"""How close the Marlin driver streams to the serial link's own limit, windowed vs. ping-pong.

Streams a file of short curved segments (default 100,000 lines) through the real driver to the
simulated board, which runs in its own process on a pty with the chosen baud rate and 2 ms of USB
latency each way, and prints, per baud rate and mode:

- lines/s actually acknowledged,
- the link's limit for the same file: (baud / 10 bits per byte) / mean numbered-line bytes,
- their ratio,
- host CPU seconds per 10,000 lines (this process only; the simulator's CPU is shown apart),
- resends acted on, probes for lost oks, and stalls: gaps of over 1 s between two acknowledged lines.

It then streams a shorter job to OctoPrint's own virtual printer (the `octoprint` package from
`.venv-octoprint`, bridged to a pty by the test fixture `tests/marlin/virtual_printer.py`) with its
stock settings for a Marlin 2 board with ADVANCED_OK: 128-byte receive buffer, 4-command buffer,
`ok N{lastN} P{buffer} B{buffer}`, its own simulated errors at lines 100-115 and the reset banner on
connect. It has no baud rate, so lines/s is its own processing speed; the figures that matter are
completion, resends and stalls.

The board's speed factor is high so its moves never throttle the stream, and it runs at a higher
priority (nice -10 when allowed) because it stands in for a microcontroller that never waits for a
CPU: the figures measure the host and the link, not the printer or the simulator's scheduling.
Ping-pong (one line in flight, what OctoPrint, Printrun and PrusaLink do) runs fewer lines by
default because at ~100 lines/s 100,000 lines take a quarter of an hour; lines/s does not depend
on the file length.

    .venv/bin/python bench/serial_stream.py                   # full run, prints a markdown table
    .venv/bin/python bench/serial_stream.py --lines 20000 --write bench/results/marlin.md
    .venv/bin/python bench/serial_stream.py --virtual-lines 0     # without the virtual printer
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import math
import os
import platform
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from odind.drivers.base import JobSpec
from odind.drivers.marlin import Driver
from odind.drivers.marlin.protocol import LineAcked, clean_line, frame
from odind.vocabulary import PrinterState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the virtual printer's fixture lives with the tests

from tests.marlin.virtual_printer import virtual_printer  # noqa: E402

log = logging.getLogger("bench.serial_stream")
STALL_S = 1.0


@dataclass
class Result:
    baud: int
    mode: str
    lines: int
    seconds: float
    host_user: float
    host_system: float
    sim_cpu: float
    mean_bytes: float
    resends: int
    probes: int = 0
    stalls: list[float] = field(default_factory=list)
    completed: bool = True

    @property
    def lines_per_s(self) -> float:
        return self.lines / self.seconds

    @property
    def limit(self) -> float:
        return self.baud / 10 / self.mean_bytes

    @property
    def ratio(self) -> float:
        return self.lines_per_s / self.limit


def write_segments(path: Path, count: int) -> list[str]:
    """A spiral of ~0.5 mm segments with extrusion, like an arc-heavy part sliced without arcs."""
    lines = ["G90", "M83", "G1 F3000"]
    radius, angle = 20.0, 0.0
    for _ in range(count - len(lines)):
        angle += 0.5 / radius
        radius += 0.0004
        x, y = 110 + radius * math.cos(angle), 110 + radius * math.sin(angle)
        lines.append(f"G1 X{x:.3f} Y{y:.3f} E{0.5 * 0.0333:.5f}")
    path.write_text("\n".join(lines) + "\n")
    return lines


def mean_numbered_bytes(commands: list[str], first_number: int) -> float:
    total = sum(len(frame(first_number + i, command)) for i, command in enumerate(commands))
    return total / len(commands)


async def start_simulator(baud: int, latency_ms: float, workdir: Path,
                          board_nice: int = 0) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "odind.drivers.marlin.sim", "--baud", str(baud), "--latency-ms", str(latency_ms),
        "--speed", "1000", "--workdir", str(workdir), stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE)
    if board_nice:
        try:
            os.setpriority(os.PRIO_PROCESS, process.pid, board_nice)
        except PermissionError:
            log.warning("cannot renice the simulated board to %d; figures include its scheduling delays",
                        board_nice)
    assert process.stdout is not None
    port = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
    return process, port


def watch_acks(driver: Driver) -> list[float]:
    """Times of every acknowledged line (the driver's own handler, wrapped for the benchmark)."""
    times: list[float] = []
    handle = driver._handle

    def timed(event: object) -> None:
        if isinstance(event, LineAcked):
            times.append(time.perf_counter())
        handle(event)  # type: ignore[arg-type]

    driver._handle = timed  # type: ignore[method-assign]
    return times


async def stream(driver: Driver, path: Path, key: str, deadline_s: float) -> tuple[float, float, float, list[float],
                                                                                    bool]:
    """Print `path`; (seconds, user CPU, kernel CPU, stalls, completed)."""
    for _ in range(200):
        if driver.status().state == PrinterState.IDLE and driver.capabilities:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    acks = watch_acks(driver)
    times0, wall0 = os.times(), time.perf_counter()
    await driver.start_job(JobSpec(job_key=key, file=path))
    acks.append(wall0)
    completed = True
    while driver.status().state != PrinterState.FINISHED:
        if driver.status().state in (PrinterState.ERROR, PrinterState.OFFLINE):
            raise RuntimeError(f"stream failed: {driver.status().message}")
        if time.perf_counter() - wall0 > deadline_s:
            completed = False
            break
        await asyncio.sleep(0.02)
    times1, seconds = os.times(), time.perf_counter() - wall0
    acks.sort()
    stalls = [later - earlier for earlier, later in itertools.pairwise(acks) if later - earlier > STALL_S]
    return seconds, times1.user - times0.user, times1.system - times0.system, stalls, completed


async def run_one(path: Path, commands: list[str], baud: int, windowed: bool, latency_ms: float,
                  workdir: Path, board_nice: int) -> Result:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process, port = await start_simulator(baud, latency_ms, workdir, board_nice)
    driver = Driver("bench", {"port": port, "baud": baud, "windowed": windowed}, data_dir=workdir)
    try:
        await driver.connect()
        first_number = driver.protocol.next_number
        job_lines = [command for line in commands if (command := clean_line(line))] + ["M400"]
        seconds, host_user, host_system, stalls, _ = await stream(driver, path, f"bench-{baud}-{windowed}", 3600)
        resends, probes = driver.protocol.resends, driver.protocol.probes
    finally:
        await driver.close()
        process.terminate()
        await process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sim_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Result(baud=baud, mode="windowed" if windowed else "ping-pong", lines=len(job_lines),
                  seconds=seconds, host_user=host_user, host_system=host_system, sim_cpu=sim_cpu,
                  mean_bytes=mean_numbered_bytes(job_lines, first_number), resends=resends, probes=probes,
                  stalls=stalls)


async def run_virtual(path: Path, commands: list[str], workdir: Path, deadline_s: float) -> Result:
    """The same driver against OctoPrint's virtual printer; a run that does not finish is reported so."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    async with virtual_printer(workdir / "virtual", sendBusy=True) as peer:
        driver = Driver("bench-virtual", {"port": peer.port, "baud": 115200}, data_dir=workdir)
        try:
            await driver.connect()
            seconds, host_user, host_system, stalls, completed = await stream(driver, path, "bench-virtual",
                                                                              deadline_s)
            resends, probes = driver.protocol.resends, driver.protocol.probes
            first_number = driver.protocol.next_number
        finally:
            await driver.close()
        job = [command for line in commands if (command := clean_line(line))]
        exact = [command for _, command in peer.accepted if command in set(job)] == job
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sim_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Result(baud=0, mode="OctoPrint virtual printer", lines=len(job) + 1, seconds=seconds,
                  host_user=host_user, host_system=host_system, sim_cpu=sim_cpu,
                  mean_bytes=mean_numbered_bytes(job, first_number), resends=resends, probes=probes,
                  stalls=stalls, completed=completed and exact)


def per_10k(seconds: float, result: Result) -> float:
    return seconds / result.lines * 10_000


def table(results: list[Result], latency_ms: float, load: tuple[float, float], board_nice: int) -> str:
    rows = [
        f"Marlin serial streaming, simulated board (nice {board_nice}) with {latency_ms:g} ms USB latency each way "
        f"({platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.1f} at start and "
        f"{load[1]:.1f} at end, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}); "
        "`bench/serial_stream.py`.",
        "",
        "| baud | mode | lines | lines/s | link limit lines/s | of limit | host CPU s / 10k lines "
        "(user + kernel) | board CPU s | resends | probes | stalls > 1 s (longest) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        stalls = f"{len(r.stalls)} ({max(r.stalls):.1f} s)" if r.stalls else "0"
        if r.baud:
            link = f"| {r.baud} | {r.mode} | {r.lines:,} | {r.lines_per_s:.0f} | {r.limit:.0f} | {r.ratio:.1%} "
        else:
            done = "" if r.completed else " (**did not complete exactly**)"
            link = f"| - | {r.mode}{done} | {r.lines:,} | {r.lines_per_s:.0f} | - | - "
        rows.append(link + f"| {per_10k(r.host_user + r.host_system, r):.2f} ({per_10k(r.host_user, r):.2f} "
                    f"+ {per_10k(r.host_system, r):.2f}) | {r.sim_cpu:.1f} | {r.resends} | {r.probes} | {stalls} |")
    mean = sum(r.mean_bytes for r in results) / len(results)
    rows += ["", f"Mean numbered line: {mean:.1f} bytes (`N<n> G1 X.. Y.. E..*cs\\n`); link limit = "
             "baud / 10 / mean line bytes (8N1)."]
    return "\n".join(rows) + "\n"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=int, default=100_000, help="lines for windowed streaming")
    parser.add_argument("--pingpong-lines", type=int, default=10_000, help="lines for ping-pong")
    parser.add_argument("--baud", type=int, action="append", help="repeatable; default 115200 and 250000")
    parser.add_argument("--latency-ms", type=float, default=2.0)
    parser.add_argument("--virtual-lines", type=int, default=5_000,
                        help="lines for OctoPrint's virtual printer (0: skip it)")
    parser.add_argument("--virtual-deadline", type=float, default=300.0,
                        help="seconds after which a virtual printer run counts as not completed")
    parser.add_argument("--write", type=Path, help="also write the markdown table to this file")
    parser.add_argument("--board-nice", type=int, default=-10,
                        help="priority of the simulated board (it stands in for a microcontroller, which "
                             "never waits for a CPU); needs root below 0, 0 to leave it alone")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    results: list[Result] = []
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="odind-bench-") as tmp:
        workdir = Path(tmp)
        for baud in args.baud or [115200, 250000]:
            for windowed, count in ((True, args.lines), (False, args.pingpong_lines)):
                path = workdir / f"segments-{count}.gcode"
                commands = write_segments(path, count)
                result = await run_one(path, commands, baud, windowed, args.latency_ms, workdir,
                                       args.board_nice)
                sys.stderr.write(f"{baud} {result.mode}: {result.lines_per_s:.0f} lines/s, "
                                 f"{result.ratio:.1%} of the link\n")
                results.append(result)
        if args.virtual_lines:
            path = workdir / f"virtual-{args.virtual_lines}.gcode"
            commands = write_segments(path, args.virtual_lines)
            result = await run_virtual(path, commands, workdir, args.virtual_deadline)
            sys.stderr.write(f"virtual printer: {result.lines_per_s:.0f} lines/s, {result.resends} resends, "
                             f"{len(result.stalls)} stalls, completed {result.completed}\n")
            results.append(result)
    output = table(results, args.latency_ms, (load_start, os.getloadavg()[0]), args.board_nice)
    sys.stdout.write(output)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(output)


if __name__ == "__main__":
    asyncio.run(main())
