"""Whole daemons, one farm: three `odind run` nodes on one PostgreSQL (50 simulated printers each) next to
one node on SQLite with all 150, printing the same queue.

Where bench/shared_store.py measures the store's share of a job (claims made by plain processes), this
runs the real thing: each node is `python -m odind.cli run` with its own PrusaLink simulators (HTTP, in
a child process per node), its own dispatcher and its own web server. An order of `--jobs-per-printer`
short prints per printer is scheduled through node 1's API, and the farm prints it out:

  dispatch      seconds from Schedule All until every printer has started a job, and jobs started per second
  throughput    jobs completed per second over the whole queue (printers, dispatch and store together)
  status p99    /api/status answered by each node, polled 10 times a second per node through the run
  CPU, RSS      each daemon's CPU seconds over the run (from /proc) and its resident memory at the end
  double starts jobs that started more than once (must be 0)

PostgreSQL is a private cluster (tests/postgres_cluster.py), started here and removed afterwards.

    .venv/bin/python bench/farm_nodes.py [--printers 150] [--nodes 3] [--jobs-per-printer 3] [--speed 300]

writes bench/results/farm_nodes.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.farm_supervision import (
    free_port,
    proc_cpu_s,
    proc_status,
    run_daemon,
    start_simulators,
    stop_simulators,
    toml_value,
)
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.postgres_cluster import Cluster

PRINT_TIME_S = 900  # simulated; at speed 300 a print takes 3 s
RESULTS = Path(__file__).resolve().parent / "results" / "farm_nodes.md"


@dataclass
class Node:
    name: str
    port: int
    config: Path
    daemon: asyncio.subprocess.Process | None = None
    latencies: list[float] = field(default_factory=list)
    cpu_start: float = 0.0


def write_config(path: Path, data_dir: Path, node: str, port: int, store_url: str | None,
                 printers: list[dict[str, Any]]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"data_dir = {toml_value(data_dir)}", 'log_level = "WARNING"', "", "[http]", 'host = "127.0.0.1"',
             f"port = {port}", "", "[scheduler]", "sweep_interval_s = 1.0", ""]
    if store_url:
        lines += ["[store]", f"url = {toml_value(store_url)}", f"node = {toml_value(node)}", "heartbeat_s = 2.0", ""]
    for index, connection in enumerate(printers):
        lines += ["[[printers]]", f"name = {toml_value(f'{node}-p{index}')}", 'driver = "prusalink"',
                  'model = "MK4"', "auto_clear = true", "[printers.connection]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in connection.items() if value is not None]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


async def call(session: aiohttp.ClientSession, method: str, url: str, expect: int = 200, **kw: Any) -> Any:
    async with session.request(method, url, **kw) as response:
        body = await response.json()
        if response.status != expect:
            raise SystemExit(f"{method} {url}: HTTP {response.status}: {body}")
        return body


async def until(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(aiohttp.ClientError):
            found = await check()
            if found:
                return found
        await asyncio.sleep(0.25)
    raise SystemExit(f"timed out waiting for {what}")


async def poll_status(session: aiohttp.ClientSession, node: Node, headers: dict[str, str], stop: asyncio.Event) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        with contextlib.suppress(aiohttp.ClientError):
            async with session.get(f"http://127.0.0.1:{node.port}/api/status", headers=headers) as response:
                await response.read()
                node.latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.1)


async def run_setup(label: str, nodes_n: int, printers: int, per_printer: int, speed: float,
                    store_url: str | None, work: Path) -> dict[str, Any]:
    per_node = printers // nodes_n
    children = []
    nodes: list[Node] = []
    try:
        launched = await asyncio.gather(*(start_simulators("prusalink", per_node, speed) for _ in range(nodes_n)))
        for index, (child, connections) in enumerate(launched):
            children.append(child)
            node = Node(name=f"node-{index + 1}", port=free_port(), config=work / f"node-{index + 1}.toml")
            write_config(node.config, work / node.name, node.name, node.port, store_url, connections)
            nodes.append(node)
        token = ""
        for node in nodes:  # one after the other: the first migrates a shared schema, the rest find it done
            node.daemon, created = await run_daemon(node.config, work / node.name)
            token = token or created
            async with aiohttp.ClientSession() as probe:
                await until(lambda n=node: _healthy(probe, n), 120, f"{node.name} to answer")
        headers = {"Authorization": f"Bearer {token}"}
        first = f"http://127.0.0.1:{nodes[0].port}"
        async with aiohttp.ClientSession(headers=headers) as session:
            async def all_online() -> list[dict[str, Any]] | None:
                rows = await call(session, "GET", f"{first}/api/printers")
                return rows if len(rows) == printers and all(r["status"]["state"] != "offline" for r in rows) \
                    else None

            rows = await until(all_online, 180, "every printer online")
            for row in rows:
                await call(session, "PUT", f"{first}/api/printers/{row['id']}/filament", json={"filaments": [
                    {"slot": "0", "material": "PLA", "colour": "#FFFFFF", "remaining_g": 100000}]})
            need = [FilamentNeed(material="PLA", colour="#FFFFFF", grams=5)]
            form = aiohttp.FormData()
            form.add_field("file", io.BytesIO(synth.prusa_gcode(filaments=need, print_time_s=PRINT_TIME_S,
                                                                segments=20).encode()), filename="part.gcode")
            model = await call(session, "POST", f"{first}/api/models", 201, data=form)
            product = await call(session, "POST", f"{first}/api/products", 201, json={
                "sku": "NODE-PART", "name": "Part", "sale_price": "5.00",
                "components": [{"model_id": model["id"], "quantity": 1}]})
            total = printers * per_printer
            order = await call(session, "POST", f"{first}/api/orders", 201, json={
                "customer_name": "Bench", "lines": [{"product_id": product["id"], "quantity": total}]})
            for node in nodes:
                assert node.daemon is not None
                node.cpu_start = proc_cpu_s(node.daemon.pid)
            stop = asyncio.Event()
            pollers = [asyncio.create_task(poll_status(session, node, headers, stop)) for node in nodes]
            started = time.monotonic()
            await call(session, "POST", f"{first}/api/orders/{order['id']}/schedule")

            async def count(status: str) -> int:
                page = await call(session, "GET", f"{first}/api/jobs?status={status}&limit=1")
                return int(page["total"])

            async def all_started() -> float | None:
                """As many jobs past their start as there are printers: the farm has filled up once."""
                waiting = await count("queued") + await count("dispatched")
                return time.monotonic() - started if total - waiting >= printers else None

            filled = await until(all_started, 600, "every printer to start")
            await until(lambda: _done(count, total), 1800, "the queue to print out")
            elapsed = time.monotonic() - started
            stop.set()
            await asyncio.gather(*pollers)
            attempts = await call(session, "GET", f"{first}/api/jobs?status=completed&limit=500")
            restarted = [j for j in attempts["items"] if j.get("attempts", 1) > 1]
        per_node = []
        for node in nodes:
            assert node.daemon is not None
            lat = sorted(node.latencies)
            per_node.append({"node": node.name, "cpu_s": proc_cpu_s(node.daemon.pid) - node.cpu_start,
                             "rss_mb": proc_status(node.daemon.pid)["VmRSS"] / 1024,
                             "status_p50_ms": 1000 * statistics.median(lat) if lat else 0.0,
                             "status_p99_ms": 1000 * lat[max(0, int(len(lat) * 0.99) - 1)] if lat else 0.0})
        return {"label": label, "jobs": total, "fill_s": filled, "started_per_s": printers / filled,
                "elapsed_s": elapsed, "jobs_per_s": total / elapsed, "double_starts": len(restarted),
                "per_node": per_node}
    finally:
        for node in nodes:
            if node.daemon is not None and node.daemon.returncode is None:
                node.daemon.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(node.daemon.wait(), 30)
                except TimeoutError:
                    node.daemon.kill()
        for child in children:
            await stop_simulators(child)


async def _healthy(session: aiohttp.ClientSession, node: Node) -> bool:
    if node.daemon is not None and node.daemon.returncode is not None:
        raise SystemExit(f"{node.name} exited ({node.daemon.returncode})")
    async with session.get(f"http://127.0.0.1:{node.port}/api/health") as response:
        return response.status == 200


async def _done(count: Any, total: int) -> bool:
    return await count("completed") >= total


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| setup | jobs | every printer started after | starts/s | jobs done/s | double starts "
             "| per node: CPU s, RSS MB, /api/status p50 / p99 ms |", "|---|---|---|---|---|---|---|"]
    for r in results:
        per = "; ".join(f"{n['node']}: {n['cpu_s']:.1f} s, {n['rss_mb']:.0f} MB, {n['status_p50_ms']:.1f} / "
                        f"{n['status_p99_ms']:.1f} ms" for n in r["per_node"])
        lines.append(f"| {r['label']} | {r['jobs']} | {r['fill_s']:.1f} s | {r['started_per_s']:.1f} "
                     f"| {r['jobs_per_s']:.1f} | {r['double_starts']} | {per} |")
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printers", type=int, default=150)
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--jobs-per-printer", type=int, default=3)
    parser.add_argument("--speed", type=float, default=300.0)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="odind-nodes-") as name:
        work = Path(name)
        cluster = Cluster(durable=True).start()
        try:
            results.append(await run_setup(f"PostgreSQL, {args.nodes} nodes x {args.printers // args.nodes}",
                                           args.nodes, args.printers, args.jobs_per_printer, args.speed,
                                           cluster.url(), work / "pg"))
        finally:
            cluster.remove()
        print(table(results), flush=True)
        results.append(await run_setup(f"SQLite, 1 node x {args.printers}", 1, args.printers,
                                       args.jobs_per_printer, args.speed, None, work / "sqlite"))
    text = table(results)
    print(text)
    RESULTS.write_text(f"# Whole daemons, one farm (bench/farm_nodes.py), {time.strftime('%Y-%m-%d')}\n\n"
                   f"PrusaLink simulators at speed {args.speed:g}, prints of {PRINT_TIME_S} simulated seconds, "
                   f"{args.jobs_per_printer} per printer; 2 shared cores.\n\n{text}\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
