"""HTTP load on the status page's two requests, next to aiohttp's own ceiling, on a loaded farm.

A real `odind run` daemon (its own process) drives 100 simulated PrusaLink printers (another
process, real HTTP, printing at 1x) and holds 10,000 orders (9,000 shipped, 500 ready to ship,
300 in progress with queued jobs, 200 pending). A Python load generator (a third process,
aiohttp, keep-alive, N concurrent requests) hits, in turn:

  static-1k    a bare aiohttp app answering a 1 KB body (a fourth process): the ceiling that
               this framework and this load generator reach on this machine
  page         GET / with gzip, as a phone's first request
  status       GET /api/status with a viewer token: the page's one aggregate read, as fast as the
               clients go, then at a steady 200 requests a second (open loop: each request timed
               from when it was due)

Reported per target: requests/s, p50 and p99 latency, bytes per answer; then the daemon's RSS.

    .venv/bin/python bench/http_load.py [--printers 100] [--orders 10000] [--seconds 10] [--concurrency 16]

writes bench/results/http.md. wrk is not installed here; the generator is Python, so on a small
machine it shares the CPUs with the daemon: read the figures against the static-1k line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "http.md"
WHITE = "#FFFFFF"


# ---------- child: the simulated printers ----------

async def serve_sims(count: int, out: Path) -> None:
    from odind.drivers.http.prusalink.sim import launch_simulator
    from odind.vocabulary import LoadedFilament

    sims = []
    for index in range(count):
        sims.append(await launch_simulator(
            name=f"P{index:03d}", model="MK4", speed=1.0, workdir=out.parent / "sims" / f"P{index:03d}",
            filaments=[LoadedFilament(slot="0", material="PLA", colour=WHITE)]))
    partial = out.with_suffix(".partial")
    partial.write_text(json.dumps([sim.connection for sim in sims]))
    partial.rename(out)
    await asyncio.Event().wait()


# ---------- child: the framework's ceiling ----------

def serve_static(port: int) -> None:
    body = b"x" * 1024

    async def one_k(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/octet-stream")

    app = web.Application()
    app.router.add_get("/static-1k", one_k)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# ---------- child: the load generator ----------

async def load(url: str, headers: dict[str, str], seconds: float, concurrency: int,
               rate: float = 0.0) -> dict[str, float]:
    """Closed loop (`concurrency` clients, each sending as soon as its answer arrives), or open loop at
    `rate` requests a second, each timed from when it was due, so a stall counts against every
    request it delays (the closed loop hides those: its clients simply wait)."""
    if rate:
        return await paced(url, headers, seconds, rate)
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:
        async def one() -> None:
            nonlocal errors
            start = time.perf_counter()
            async with session.get(url, headers=headers) as response:
                body = await response.read()
            if response.status != 200:
                errors += 1
            latencies.append(time.perf_counter() - start)
            sizes.append(len(body))

        async def worker(until: float) -> None:
            while time.perf_counter() < until:
                await one()

        warm_until = time.perf_counter() + 1.0
        await asyncio.gather(*(worker(warm_until) for _ in range(concurrency)))
        latencies.clear()
        sizes.clear()
        started = time.perf_counter()
        await asyncio.gather(*(worker(started + seconds) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "bytes": statistics.median(sizes)}


async def paced(url: str, headers: dict[str, str], seconds: float, rate: float) -> dict[str, float]:
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), auto_decompress=False) as session:
        async def one(due: float) -> None:
            nonlocal errors
            async with session.get(url, headers=headers) as response:
                body = await response.read()
            errors += response.status != 200
            latencies.append(time.perf_counter() - due)
            sizes.append(len(body))

        started = time.perf_counter()
        tasks = []
        for index in range(int(seconds * rate)):
            due = started + index / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(one(due)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "bytes": statistics.median(sizes)}


# ---------- the run ----------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def seed(data_dir: Path, orders: int) -> tuple[str, str]:
    """A catalog, 10,000 orders in one transaction (SQL helpers of the store), a viewer and an operator token."""
    from odind.domain import catalog
    from odind.domain.accounts.tokens import Role, create_token
    from odind.modelfiles import synth
    from odind.store.db import Store
    from odind.store.production import jobs as jobs_sql
    from odind.store.sales import orders as orders_sql
    from odind.vocabulary import FilamentNeed

    store = Store(data_dir / "odind.db")
    await store.open()
    try:
        path = data_dir / "part.gcode"
        path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour=WHITE, grams=20)],
                                          print_time_s=4 * 3600, segments=50), encoding="utf-8")
        model = await catalog.add_model(store, "bench", upload=path, filename=path.name, name="Vase",
                                        models_dir=data_dir / "models")
        product = await catalog.create_product(store, "bench", catalog.ProductIn(
            sku="VASE", name="Vase", sale_price=Decimal("12.00"),
            components=[catalog.ComponentIn(model_id=model["id"], quantity=1)]))
        mix = [("shipped", int(orders * 0.9)), ("fulfilled", orders // 20), ("in_progress", orders * 3 // 100)]
        mix.append(("pending", orders - sum(n for _, n in mix)))
        async with store.transaction("bench") as tx:
            number = 0
            for status, count in mix:
                for _ in range(count):
                    number += 1
                    order_id = await orders_sql.insert_order(tx, reference=f"B-{number:05d}", platform="etsy",
                                                             customer_name=f"Customer {number}", notes="",
                                                             status=status)
                    line_id = await orders_sql.insert_line(tx, order_id, product["id"], 1, "12.00")
                    if status == "in_progress":
                        await jobs_sql.insert_job(tx, order_id=order_id, order_line_id=line_id,
                                                  model_id=model["id"], plate=1, units=1)
        return (await create_token(store, "bench", role=Role.VIEWER, name="bench"),
                await create_token(store, "bench", role=Role.OPERATOR, name="bench-operator"))
    finally:
        await store.close()


def write_config(path: Path, data_dir: Path, port: int, connections: list[dict[str, str]]) -> None:
    lines = [f'data_dir = "{data_dir}"', 'log_level = "WARNING"', "", "[http]", 'host = "127.0.0.1"',
             f"port = {port}", ""]
    for index, connection in enumerate(connections):
        table = ", ".join(f'{key} = "{value}"' for key, value in connection.items())
        lines += ["[[printers]]", f'name = "P{index:03d}"', 'driver = "prusalink"', 'model = "MK4"',
                  f"connection = {{ {table} }}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def child(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT)


def run_load(url: str, headers: dict[str, str], seconds: float, concurrency: int,
             rate: float = 0.0) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child-load", url, "--headers", json.dumps(headers),
                          "--seconds", str(seconds), "--concurrency", str(concurrency), "--rate", str(rate)],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def wait_http(url: str, headers: dict[str, str] | None = None, timeout: float = 60.0,
              ready: object = None) -> dict:
    import urllib.request

    deadline = time.monotonic() + timeout
    body: object = None
    while True:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                raw = response.read()
                body = json.loads(raw) if response.headers.get_content_type() == "application/json" else raw
                if ready is None or ready(body):  # type: ignore[operator]
                    return body
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not ready after {timeout} s; last answer: {str(body)[:1500]}")
        time.sleep(0.5)


def say_loaded(url: str, token: str) -> None:
    """PrusaLink cannot report its spool, so the operator says what is loaded, as on a real farm."""
    import urllib.request

    body = json.dumps({"filaments": [{"slot": "0", "material": "PLA", "colour": WHITE}]}).encode()
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10):
        pass


def rss_kib(pid: int) -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printers", type=int, default=100)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--child-sims", type=Path)
    parser.add_argument("--child-static", type=int)
    parser.add_argument("--child-load")
    parser.add_argument("--headers", default="{}")
    parser.add_argument("--rate", type=float, default=0.0)
    args = parser.parse_args()
    if args.child_sims:
        asyncio.run(serve_sims(args.printers, args.child_sims))
        return 0
    if args.child_static:
        serve_static(args.child_static)
        return 0
    if args.child_load:
        result = asyncio.run(load(args.child_load, json.loads(args.headers), args.seconds, args.concurrency,
                                  args.rate))
        print(json.dumps(result))
        return 0

    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="odind-http-bench-") as folder:
        tmp = Path(folder)
        try:
            sims_file = tmp / "sims.json"
            procs.append(child("--child-sims", str(sims_file), "--printers", str(args.printers)))
            token, operator = asyncio.run(seed(tmp / "data", args.orders))
            while not sims_file.exists():
                if procs[0].poll() is not None:
                    raise RuntimeError("the simulators did not start")
                time.sleep(0.2)
            port, static_port = free_port(), free_port()
            write_config(tmp / "odind.toml", tmp / "data", port, json.loads(sims_file.read_text()))
            daemon = subprocess.Popen([sys.executable, "-m", "odind.cli", "run", "--config", str(tmp / "odind.toml")],
                                      cwd=ROOT)
            procs.append(daemon)
            procs.append(child("--child-static", str(static_port)))
            base = f"http://127.0.0.1:{port}"
            auth = {"Authorization": f"Bearer {token}"}
            for printer in wait_http(f"{base}/api/printers", auth, timeout=60):
                say_loaded(f"{base}/api/printers/{printer['id']}/filament", operator)
            printing = lambda body: sum(p["status"]["state"] == "printing" for p in body["printers"]) == args.printers  # noqa: E731
            status = wait_http(f"{base}/api/status", auth, timeout=120, ready=printing)
            wait_http(f"http://127.0.0.1:{static_port}/static-1k", timeout=30, ready=lambda _: True)
            rss_idle = rss_kib(daemon.pid)[0]
            status_headers = {**auth, "Accept-Encoding": "gzip"}
            targets = [
                ("static-1k (aiohttp ceiling)", f"http://127.0.0.1:{static_port}/static-1k", {}, 0.0),
                ("page GET / (gzip)", f"{base}/", {"Accept-Encoding": "gzip"}, 0.0),
                ("status GET /api/status", f"{base}/api/status", status_headers, 0.0),
                ("status at a steady 200 req/s", f"{base}/api/status", status_headers, 200.0),
            ]
            rows = []
            for name, url, headers, rate in targets:
                result = run_load(url, headers, args.seconds, args.concurrency, rate)
                rows.append((name, result))
                print(f"{name:32} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.1f} ms  "
                      f"p99 {result['p99_ms']:6.1f} ms  {result['bytes']:.0f} B  errors {result['errors']}",
                      flush=True)
            rss, peak = rss_kib(daemon.pid)
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
    print(f"daemon RSS {rss / 1024:.0f} MiB after load (idle {rss_idle / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB)")
    report(args, rows, rss, rss_idle, peak, status)
    return 0


def report(args: argparse.Namespace, rows: list, rss: int, rss_idle: int, peak: int, status: dict) -> None:
    lines = [
        "# HTTP load: the status page on a loaded farm",
        "",
        f"`bench/http_load.py`, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, aiohttp {aiohttp.__version__}; 1-minute load average at the end "
        f"{os.getloadavg()[0]:.1f} (other work on the machine skews absolute figures; compare the rows).",
        f"{args.printers} simulated PrusaLink printers all printing (separate process, real HTTP polling), "
        f"{args.orders:,} orders in the store ({len(status['queue'])} of {status['queue_total']} queued jobs "
        f"and {len(status['ready_to_ship'])} of {status['ready_to_ship_total']} ready-to-ship orders in the answer). "
        f"Load: Python aiohttp generator in its own process, {args.concurrency} concurrent keep-alive requests, "
        f"{args.seconds:g} s per target after 1 s warm-up, loopback.",
        "",
        "| target | requests/s | p50 ms | p99 ms | bytes/answer | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['bytes']:.0f} "
                     f"| {r['errors']} |")
    lines += ["", f"Daemon RSS: {rss_idle / 1024:.0f} MiB before the load, {rss / 1024:.0f} MiB after, "
              f"peak {peak / 1024:.0f} MiB.", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
