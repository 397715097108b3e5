"""Several nodes on one PostgreSQL, next to one node on SQLite: how fast the farm's queue drains.

Each node is its own process with its own store (own connections), as separate daemons would be, and
its own printers (50 each for 3 nodes; 150 for the single SQLite node). All of them take jobs from one
queue of plate jobs: read a page of queued jobs, claim one for a free printer of theirs (the same
compare-and-set claim the dispatcher makes), then report it started and completed, as a printer would
at once. That is three write transactions per job, the store work a job costs apart from the printer.

Reported per setup: jobs per second, claim conflicts (another node took the job first), p50/p99 claim
latency, and per node its CPU seconds, peak RSS and the p99 of the status page's stored read (what
/api/status runs when its cache is stale), polled 20 times a second during the drain. PostgreSQL is a
private cluster with fsync on, started here and removed afterwards.

    .venv/bin/python bench/shared_store.py [--jobs 600] [--nodes 3] [--printers 50]

writes bench/results/shared_store.md.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from odind.domain import printers
from odind.domain.production import batches, jobs
from odind.domain.status import stored_status
from odind.errors import IllegalTransition
from odind.runtime.connections import check_connection
from odind.store.db import Store
from odind.store.postgres import PgStore
from tests.core.factories import add_gcode_model, add_product
from tests.postgres_cluster import Cluster


def _store(target: str) -> Store:
    return PgStore(target) if target.startswith("postgresql") else Store(Path(target))


async def _prepare(target: str, nodes: int, per_node: int, n_jobs: int, workdir: Path) -> None:
    store = _store(target)
    await store.open()
    model = await add_gcode_model(store, workdir)
    product = await add_product(store, "BENCH", price="1.00", models=[(model["id"], 1)])
    for node in range(nodes):
        for i in range(per_node):
            await printers.add_printer(store, "bench", printers.PrinterIn(
                name=f"n{node}-p{i}", driver="moonraker", model="Voron 2.4",
                connection={"url": "http://127.0.0.1:9"}), check_connection, node=f"node-{node}")
    await batches.create_batch(store, "bench", batches.BatchIn(product_id=product["id"], sets=n_jobs))
    await store.close()


async def _drain(target: str, node: str) -> dict[str, Any]:
    store = _store(target)
    await store.open()
    async with store.read() as db:
        mine = [row["id"] for row in await db.all("SELECT id FROM printers WHERE node = ? ORDER BY id", node)]
    latencies: list[float] = []
    status_latencies: list[float] = []
    conflicts = done = 0
    turn = 0
    draining = True

    async def poll_status() -> None:
        """The page's stored read (what /api/status runs when its cache is stale), 20 times a second."""
        while draining:
            started = time.perf_counter()
            await stored_status(store)
            status_latencies.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)

    poller = asyncio.create_task(poll_status())
    while True:
        async with store.read() as db:
            queued = [row["id"] for row in await db.all(
                "SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 20")]
        if not queued:
            break
        for job_id in queued:
            printer_id = mine[turn % len(mine)]
            started = time.perf_counter()
            try:
                await jobs.claim(store, node, job_id, printer_id, "bench")
            except IllegalTransition:
                conflicts += 1
                continue
            finally:
                latencies.append(time.perf_counter() - started)
            turn += 1
            await jobs.started(store, node, job_id)
            await jobs.completed(store, node, job_id)
            done += 1
    draining = False
    await poller
    await store.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    status_latencies.sort()
    status_p99 = status_latencies[max(0, int(len(status_latencies) * 0.99) - 1)] * 1000
    return {"node": node, "done": done, "conflicts": conflicts, "latencies": latencies, "status_p99_ms": status_p99,
            "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def _node_process(target: str, node: str, out: Any) -> None:
    out.put(asyncio.run(_drain(target, node)))


def run(target: str, nodes: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_node_process, args=(target, f"node-{i}", out)) for i in range(nodes)]
    started = time.perf_counter()
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
    wall = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r["latencies"])
    done = sum(r["done"] for r in results)
    return {"wall_s": wall, "jobs": done, "jobs_per_s": done / wall, "conflicts": sum(r["conflicts"] for r in results),
            "p50_ms": statistics.median(latencies) * 1000, "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
            "per_node": [(r["node"], r["done"], r["cpu_s"], r["rss_mb"], r["status_p99_ms"]) for r in results]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=600)
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--printers", type=int, default=50)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sqlite_path = str(work / "bench.db")
        asyncio.run(_prepare(sqlite_path, 1, args.nodes * args.printers, args.jobs, work))
        rows.append((f"SQLite, 1 node x {args.nodes * args.printers} printers", run(sqlite_path, 1)))
        cluster = Cluster(durable=True).start()
        try:
            url = cluster.url()
            asyncio.run(_prepare(url, args.nodes, args.printers, args.jobs, work))
            rows.append((f"PostgreSQL, {args.nodes} nodes x {args.printers} printers", run(url, args.nodes)))
        finally:
            cluster.remove()
    lines = ["| setup | jobs | jobs/s | claim conflicts | claim p50 ms | claim p99 ms"
             " | per node: jobs, CPU s, RSS MB, status read p99 ms |",
             "|---|---|---|---|---|---|---|"]
    for name, r in rows:
        per = "; ".join(f"{n}: {d}, {c:.1f}, {m:.0f}, {p:.1f}" for n, d, c, m, p in sorted(r["per_node"]))
        lines.append(f"| {name} | {r['jobs']} | {r['jobs_per_s']:.0f} | {r['conflicts']} | {r['p50_ms']:.1f} "
                     f"| {r['p99_ms']:.1f} | {per} |")
    table = "\n".join(lines)
    print(table)
    out = Path(__file__).resolve().parent / "results" / "shared_store.md"
    out.write_text("# Shared store: draining one queue (bench/shared_store.py)\n\n"
                   "Three write transactions per job (claim, started, completed); 2 shared cores.\n\n" + table + "\n")


if __name__ == "__main__":
    main()
