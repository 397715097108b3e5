"""Daemon cost of supervising a farm: RSS and CPU of a real `odind run` with N simulated printers.

Usage: .venv/bin/python bench/farm_supervision.py [--bambu 40] [--marlin 30] [--http 30]
       [--seconds 60] [--printing 0.5] [--speed 10] [--out bench/results/supervision.md]
       [--per-family 100]

The simulators run in child processes of this script (one per family, so no single simulator loop
is the bottleneck); the daemon is `python -m odind.cli run` with a generated TOML config listing
every printer, in its own process. Once every printer is online, orders are placed through the
JSON API so that about `--printing` of the printers of each kind get a long job (2 simulated hours,
so it runs through the window), and the daemon is then measured for `--seconds`: CPU from
/proc/<pid>/stat (utime + stime) over the window, RSS from /proc/<pid>/status (VmRSS sampled every
second, VmHWM for the peak since start), bytes written to storage from /proc/<pid>/io (write_bytes,
counted as pages are dirtied: the database, its WAL and the daemon's log). Only the daemon process is
measured; simulators, brokers and this script are not.

SD-card writes (issue 17: under 1 MB an hour with 20 printers printing) are this run at real time:
    bench/farm_supervision.py --bambu 8 --marlin 6 --http 6 --printing 1 --speed 1 --seconds 600

With `--per-family N` the script then repeats the run with N printers of each family alone (the
HTTP families as one group, split across Moonraker, OctoPrint and PrusaLink).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import signal
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from odind.drivers import registry
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed, LoadedFilament

HTTP_FAMILIES = ("moonraker", "octoprint", "prusalink")
MODELS = {"bambu": "P1S", "marlin": "Ender-3 V2", "moonraker": "Voron 2.4", "octoprint": "Ender 3",
          "prusalink": "MK4"}
WHITE = "#FFFFFF"
BLACK = "#000000"  # loaded on the HTTP printers, so their jobs cannot all go to the Marlin ones
PRINT_TIME_S = 7200  # simulated; at speed 10 a job prints for 12 minutes, through the whole window
GCODE_SEGMENTS = 20_000  # at speed 10 a Marlin job streams ~28 lines/s, a typical real print's rate
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def colour_of(family: str) -> str:
    return BLACK if family in HTTP_FAMILIES else WHITE


# --- simulator side (child processes) -----------------------------------------------------------

async def serve_simulators(family: str, count: int, speed: float) -> None:
    """Child: start `count` printers of `family`, print their connections as JSON, live until stdin closes."""
    import logging

    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("pyftpdlib").setLevel(logging.ERROR)
    module = registry.simulator_module(family)
    workdir = Path(tempfile.mkdtemp(prefix=f"odind-sup-{family}-"))
    filaments = [LoadedFilament(slot="0", material="PLA", colour=colour_of(family), remaining_pct=100.0)]
    sims = []
    for index in range(count):
        sims.append(await module.launch_simulator(name=f"{family}-{index}", model=MODELS[family], speed=speed,
                                                  filaments=filaments, workdir=workdir / str(index)))
    sys.stdout.write(json.dumps([s.connection for s in sims]) + "\n")
    sys.stdout.flush()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for sim in sims:
        with contextlib.suppress(Exception):
            await sim.close()


async def start_simulators(family: str, count: int, speed: float) -> tuple[asyncio.subprocess.Process,
                                                                            list[dict[str, Any]]]:
    child = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve", family, str(count), str(speed),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=1 << 22)
    assert child.stdout is not None
    line = await asyncio.wait_for(child.stdout.readline(), 600)
    if not line:
        raise SystemExit(f"the {family} simulators did not start (exit {await child.wait()})")
    return child, json.loads(line)


async def stop_simulators(child: asyncio.subprocess.Process) -> None:
    assert child.stdin is not None
    child.stdin.close()
    try:
        await asyncio.wait_for(child.wait(), 60)
    except TimeoutError:
        child.kill()
        await child.wait()


# --- daemon side --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value))


def write_config(path: Path, data_dir: Path, port: int, printers: list[tuple[str, str, dict[str, Any]]]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"data_dir = {toml_value(data_dir)}", 'log_level = "WARNING"', "", "[http]",
             'host = "127.0.0.1"', f"port = {port}", ""]
    for name, family, connection in printers:
        lines += ["[[printers]]", f"name = {toml_value(name)}", f"driver = {toml_value(family)}",
                  f"model = {toml_value(MODELS[family])}", "auto_clear = true", "[printers.connection]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in connection.items() if value is not None]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


def proc_write_bytes(pid: int) -> int:
    """Bytes the process sent to the storage layer (counted when it dirties a page): what the SD card sees."""
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/{pid}/io has no write_bytes (a kernel without task I/O accounting)")


def proc_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14 and 15)


@dataclass
class Result:
    label: str
    printers: dict[str, int]
    printing: dict[str, int] = field(default_factory=dict)
    online: int = 0
    seconds: float = 0.0
    cpu_s: float = 0.0
    rss_start_mb: float = 0.0
    rss_steady_mb: float = 0.0
    rss_end_mb: float = 0.0
    hwm_mb: float = 0.0
    startup_s: float = 0.0
    written: int = 0  # bytes written to storage over the window

    @property
    def mb_per_hour(self) -> float:
        return self.written / 1e6 * 3600 / self.seconds if self.seconds else 0.0

    @property
    def total(self) -> int:
        return sum(self.printers.values())

    @property
    def cpu_pct(self) -> float:
        return 100 * self.cpu_s / self.seconds if self.seconds else 0.0


class Api:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        async with self.session.request(method, path, **kwargs) as response:
            body = await response.json()
            if response.status != expect:
                raise SystemExit(f"{method} {path}: HTTP {response.status}: {body}")
            return body

    async def upload(self, data: bytes, filename: str, name: str) -> dict[str, Any]:
        form = aiohttp.FormData()
        form.add_field("file", io.BytesIO(data), filename=filename)
        form.add_field("name", name)
        return await self.call("POST", "/api/models", 201, data=form)

    async def order(self, model_id: int, sku: str, quantity: int) -> None:
        product = await self.call("POST", "/api/products", 201, json={
            "sku": sku, "name": sku, "sale_price": "10.00", "components": [{"model_id": model_id, "quantity": 1}]})
        order = await self.call("POST", "/api/orders", 201, json={
            "platform": "direct", "customer_name": "Bench", "lines": [{"product_id": product["id"],
                                                                       "quantity": quantity}]})
        await self.call("POST", f"/api/orders/{order['id']}/schedule")


async def wait_until(predicate: Any, timeout: float, what: str, interval: float = 1.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(interval)


TRACEMALLOC_WRAPPER = """
import signal, sys, tracemalloc
tracemalloc.start(10)
def dump(*_):
    snapshot = tracemalloc.take_snapshot()
    with open(sys.argv[1], "w") as out:
        by_file = snapshot.statistics("filename", cumulative=True)
        out.write(f"traced {sum(s.size for s in snapshot.statistics('filename')) / 2**20:.1f} MiB\\n")
        for stat in by_file[:80]:
            out.write(f"{stat.size / 1024:9.0f} KiB  {stat.traceback[0].filename}\\n")
        for stat in snapshot.statistics("traceback")[:40]:
            out.write(f"\\n{stat.size / 1024:9.0f} KiB {stat.count:7d} blocks\\n")
            out.write("\\n".join(stat.traceback.format(limit=10)) + "\\n")
signal.signal(signal.SIGUSR1, dump)
from odind.cli import main
sys.exit(main(sys.argv[2:]))
"""


async def run_daemon(config_path: Path, data_dir: Path,
                     tracemalloc_out: Path | None = None) -> tuple[asyncio.subprocess.Process, str]:
    env = {**os.environ, "ODIND_CONFIG": str(config_path)}
    token_proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "odind.cli", "token", "create", "--config", str(config_path), "--role", "admin",
        "--name", "bench", stdout=asyncio.subprocess.PIPE, env=env)
    out, _ = await token_proc.communicate()
    if token_proc.returncode != 0:
        raise SystemExit("could not create an API token")
    log = (data_dir / "daemon.log").open("wb")
    launcher = ["-c", TRACEMALLOC_WRAPPER, str(tracemalloc_out)] if tracemalloc_out else ["-m", "odind.cli"]
    daemon = await asyncio.create_subprocess_exec(
        sys.executable, *launcher, "run", "--config", str(config_path), stdout=log, stderr=log, env=env)
    return daemon, out.decode().strip()


async def measure(label: str, counts: dict[str, int], args: argparse.Namespace) -> Result:
    result = Result(label=label, printers={f: n for f, n in counts.items() if n})
    children: list[asyncio.subprocess.Process] = []
    daemon: asyncio.subprocess.Process | None = None
    try:
        launched = await asyncio.gather(*(start_simulators(f, n, args.speed) for f, n in result.printers.items()))
        printers: list[tuple[str, str, dict[str, Any]]] = []
        for (child, connections), family in zip(launched, result.printers, strict=True):
            children.append(child)
            printers += [(f"{family}-{i}", family, c) for i, c in enumerate(connections)]
        work = Path(tempfile.mkdtemp(prefix="odind-sup-daemon-"))
        port = free_port()
        write_config(work / "odind.toml", work / "data", port, printers)
        started = time.monotonic()
        daemon, token = await run_daemon(work / "odind.toml", work / "data", args.tracemalloc)
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{port}", headers=headers,
                                         timeout=aiohttp.ClientTimeout(total=1200)) as session:
            api = Api(session)

            async def healthy() -> bool:
                if daemon is not None and daemon.returncode is not None:
                    raise SystemExit(f"the daemon exited ({daemon.returncode}); see {work / 'data/daemon.log'}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get("/api/health") as response:
                        return response.status == 200
                return False

            await wait_until(healthy, 120, "the daemon's API", 0.2)

            async def all_online() -> tuple[list[dict[str, Any]]] | None:
                rows = await api.call("GET", "/api/printers")
                return (rows,) if all(r["status"]["state"] != "offline" for r in rows) else None

            (rows,) = await wait_until(all_online, 180, "every printer to come online")
            result.startup_s = time.monotonic() - started
            result.online = len(rows)
            for row in rows:
                if row["driver"] != "bambu":
                    slot = {"slot": "0", "material": "PLA", "colour": colour_of(row["driver"]), "remaining_g": 1000}
                    await api.call("PUT", f"/api/printers/{row['id']}/filament", json={"filaments": [slot]})
            groups = {"marlin": result.printers.get("marlin", 0),
                      "http": sum(result.printers.get(f, 0) for f in HTTP_FAMILIES),
                      "bambu": result.printers.get("bambu", 0)}
            wanted = 0
            for group, count in groups.items():
                jobs = round(count * args.printing)
                if not jobs:
                    continue
                need = [FilamentNeed(material="PLA", colour=BLACK if group == "http" else WHITE, grams=30)]
                if group == "bambu":
                    data = synth.bambu_3mf(filaments=need, print_time_s=PRINT_TIME_S, printer_model_id="C12")
                    name = "bench-bambu.gcode.3mf"
                else:
                    data = synth.prusa_gcode(filaments=need, print_time_s=PRINT_TIME_S,
                                             segments=GCODE_SEGMENTS).encode()
                    name = f"bench-{group}.gcode"
                model = await api.upload(data, name, f"Bench part ({group})")
                await api.order(model["id"], f"BENCH-{group.upper()}", jobs)
                wanted += jobs

            async def printing() -> tuple[list[dict[str, Any]]] | None:
                rows = await api.call("GET", "/api/printers")
                busy = [r for r in rows if r["status"]["state"] == "printing"]
                return (rows,) if len(busy) >= wanted else None

            (rows,) = await wait_until(printing, 300, f"{wanted} printers to be printing")
            for row in rows:
                if row["status"]["state"] == "printing":
                    result.printing[row["driver"]] = result.printing.get(row["driver"], 0) + 1
        await asyncio.sleep(args.settle)
        pid = daemon.pid
        profiler = None
        if args.profile:
            profiler = await asyncio.create_subprocess_exec(
                str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid), "--duration",
                str(int(args.seconds)), "--format", "raw", "--rate", "50", "--nonblocking", "--output",
                f"{args.profile}-{label.replace(' ', '-')}.txt",
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        samples = []
        written_start = proc_write_bytes(pid)
        cpu_start, wall_start = proc_cpu_s(pid), time.monotonic()
        result.rss_start_mb = proc_status(pid)["VmRSS"] / 1024
        while time.monotonic() - wall_start < args.seconds:
            await asyncio.sleep(1.0)
            samples.append(proc_status(pid)["VmRSS"] / 1024)
        result.cpu_s = proc_cpu_s(pid) - cpu_start
        result.written = proc_write_bytes(pid) - written_start
        result.seconds = time.monotonic() - wall_start
        status = proc_status(pid)
        result.rss_end_mb = status["VmRSS"] / 1024
        result.hwm_mb = status["VmHWM"] / 1024
        result.rss_steady_mb = statistics.median(samples)
        if profiler is not None:
            await profiler.wait()
        if args.tracemalloc:
            daemon.send_signal(signal.SIGUSR1)
            await asyncio.sleep(10)
        return result
    finally:
        if daemon is not None and daemon.returncode is None:
            daemon.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(daemon.wait(), 30)
            except TimeoutError:
                daemon.kill()
                await daemon.wait()
        for child in children:
            await stop_simulators(child)


def split_http(count: int) -> dict[str, int]:
    base, extra = divmod(count, len(HTTP_FAMILIES))
    return {family: base + (1 if i < extra else 0) for i, family in enumerate(HTTP_FAMILIES)}


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {f}" for f, n in counts.items() if n)


def table(results: list[Result]) -> list[str]:
    lines = ["| Run | Printers | Printing | CPU s / window | CPU % of one core | RSS at start | RSS steady (median) "
             "| RSS end | Peak RSS (VmHWM) | Disk writes |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.label} | {describe(r.printers)} | {sum(r.printing.values())} ({describe(r.printing)}) "
                     f"| {r.cpu_s:.2f} / {r.seconds:.0f} s | {r.cpu_pct:.1f} % | {r.rss_start_mb:.0f} MB "
                     f"| {r.rss_steady_mb:.0f} MB | {r.rss_end_mb:.0f} MB | {r.hwm_mb:.0f} MB "
                     f"| {r.mb_per_hour:.2f} MB/h |")
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bambu", type=int, default=40)
    parser.add_argument("--marlin", type=int, default=30)
    parser.add_argument("--http", type=int, default=30, help="split evenly across Moonraker, OctoPrint, PrusaLink")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--printing", type=float, default=0.5, help="share of printers given a job")
    parser.add_argument("--speed", type=float, default=10.0, help="simulator speed factor")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds between the last start and the window")
    parser.add_argument("--per-family", type=int, default=0, help="also run N printers of each family alone")
    parser.add_argument("--profile", default=None,
                        help="py-spy (a dev tool, pip install py-spy) samples the daemon into PREFIX-<run>.txt")
    parser.add_argument("--tracemalloc", type=Path, default=None,
                        help="run the daemon under tracemalloc and write its largest allocations here "
                             "(figures are then not representative)")
    parser.add_argument("--out", type=Path, default=None, help="write the table to this Markdown file")
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        await serve_simulators(args.serve[0], int(args.serve[1]), float(args.serve[2]))
        return
    runs = [("mixed farm", {"bambu": args.bambu, "marlin": args.marlin, **split_http(args.http)})]
    if args.per_family:
        runs += [("bambu only", {"bambu": args.per_family}), ("marlin only", {"marlin": args.per_family}),
                 ("http only", split_http(args.per_family))]
    results = []
    for label, counts in runs:
        result = await measure(label, counts, args)
        results.append(result)
        print(f"{label}: {result.total} printers ({result.online} online, startup {result.startup_s:.0f} s), "
              f"{sum(result.printing.values())} printing; CPU {result.cpu_s:.2f} s over {result.seconds:.0f} s = "
              f"{result.cpu_pct:.1f} % of one core; RSS start {result.rss_start_mb:.0f} MB, steady "
              f"{result.rss_steady_mb:.0f} MB, end {result.rss_end_mb:.0f} MB, peak {result.hwm_mb:.0f} MB; "
              f"disk writes {result.written / 1e3:.0f} kB = {result.mb_per_hour:.2f} MB/h "
              f"(issue 17 targets: 100 printers < 5 % of a core and < 80 MB; 20 printing < 1 MB/h)",
              flush=True)
    print("\n".join(table(results)))
    if args.out:
        args.out.write_text("\n".join(table(results)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
