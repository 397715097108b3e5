"""A daemon with 60,000 queued jobs and its printers printing: what it costs when little changes.

Runs `odind demo` (7 simulated printers of every family, real protocols) at real-time speed in its
own process, queues 60,000 jobs through `POST /api/batches` (six batches of 10,000 single-part sets),
lets it settle, then measures:

  idle load     the daemon's CPU time over a quiet minute (from /proc/<pid>/stat, so other load on
                the machine does not count against it) as a share of one core
  RSS           resident memory after that minute
  write burst   100 API writes (consumable stock adjustments) sent at once, each one's latency

    .venv/bin/python bench/queue_load.py [--jobs 60000] [--quiet-seconds 60]

writes bench/results/queue.md. Targets (issue 17): idle < 2 % of a core, RSS < 120 MB, burst p99 < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "queue.md"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


async def start_demo(folder: Path) -> tuple[asyncio.subprocess.Process, str, str]:
    log = (folder / "demo.log").open("wb")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "odind.cli", "demo", "--data-dir", str(folder / "demo"), "--http-port", "0",
        "--sim-speed", "1", cwd=ROOT, stdout=log, stderr=asyncio.subprocess.STDOUT)
    token_file = folder / "demo" / "demo-admin-token"
    for _ in range(600):
        text = (folder / "demo.log").read_text(errors="replace")
        found = re.search(r"odind demo: (http://[^/ ]+)/", text)
        if found and token_file.exists():
            return proc, found.group(1), token_file.read_text().strip()
        if proc.returncode is not None:
            raise RuntimeError("odind demo exited:\n" + text[-2000:])
        await asyncio.sleep(0.1)
    raise RuntimeError("odind demo did not start")


async def queue_jobs(http: aiohttp.ClientSession, base: str, jobs: int) -> tuple[int, list[float]]:
    products = await (await http.get(f"{base}/api/products?q=FOX-005")).json()
    product = products["items"][0]["id"]
    took = []
    for _ in range(max(1, jobs // 10_000)):
        started = time.perf_counter()
        async with http.post(f"{base}/api/batches", json={"product_id": product, "sets": min(jobs, 10_000)}) as r:
            assert r.status == 201, await r.text()
        took.append(time.perf_counter() - started)
    queued = await (await http.get(f"{base}/api/jobs?status=queued&limit=1")).json()
    return queued["total"], took


async def write_burst(http: aiohttp.ClientSession, base: str, count: int) -> list[float]:
    consumables = await (await http.get(f"{base}/api/consumables")).json()
    item = consumables[0]["id"]

    async def one() -> float:
        started = time.perf_counter()
        async with http.post(f"{base}/api/consumables/{item}/stock", json={"quantity": 1, "reason": "count"}) as r:
            assert r.status == 200, await r.text()
        return time.perf_counter() - started

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="odind-queue-bench-") as name:
        folder = Path(name)
        proc, base, token = await start_demo(folder)
        try:
            async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as http:
                await asyncio.sleep(5)
                cpu0, wall0 = cpu_seconds(proc.pid), time.monotonic()
                await asyncio.sleep(args.quiet_seconds / 2)
                empty_load = (cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - wall0)
                empty_rss = rss_mib(proc.pid)
                print(f"before queueing: {100 * empty_load:.2f} % of a core, {empty_rss:.0f} MiB", flush=True)
                empty_burst = sorted(await write_burst(http, base, 100))
                print(f"burst of 100 writes with no queue: p50 {1000 * statistics.median(empty_burst):.0f} ms, "
                      f"p99 {1000 * empty_burst[98]:.0f} ms", flush=True)

                queued, took = await queue_jobs(http, base, args.jobs)
                print(f"queued {queued} jobs; each batch request took {', '.join(f'{t:.2f} s' for t in took)}",
                      flush=True)
                await asyncio.sleep(10)  # let the dispatcher plan once and the waiting reasons settle
                cpu0, wall0 = cpu_seconds(proc.pid), time.monotonic()
                await asyncio.sleep(args.quiet_seconds)
                load = (cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - wall0)
                rss = rss_mib(proc.pid)
                print(f"idle with {queued} queued: {100 * load:.2f} % of a core, RSS {rss:.0f} MiB", flush=True)

                latencies = sorted(await write_burst(http, base, 100))
                p50 = 1000 * statistics.median(latencies)
                p99 = 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
                print(f"burst of 100 writes: p50 {p50:.0f} ms, p99 {p99:.0f} ms", flush=True)
        finally:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()
    lines = [
        "# A long queue on a quiet farm",
        "",
        f"`bench/queue_load.py`, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; `odind demo` (7 simulated printers, real-time) with {queued:,} queued jobs.",
        "",
        "| figure | measured | target |",
        "|---|---:|---:|",
        f"| idle load before queueing | {100 * empty_load:.2f} % of a core | |",
        f"| idle load with the queue | {100 * load:.2f} % of a core | < 2 % |",
        f"| RSS before / with the queue | {empty_rss:.0f} / {rss:.0f} MiB | < 120 MiB |",
        f"| one batch request of 10,000 sets | {statistics.median(took):.2f} s (median) | |",
        f"| 100 writes at once, no queue: p50 / p99 | {1000 * statistics.median(empty_burst):.0f} / "
        f"{1000 * empty_burst[98]:.0f} ms | |",
        f"| 100 writes at once, with the queue: p50 / p99 | {p50:.0f} / {p99:.0f} ms | p99 < 100 ms |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=60_000)
    parser.add_argument("--quiet-seconds", type=float, default=60.0)
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
