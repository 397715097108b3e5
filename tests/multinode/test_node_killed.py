"""A node SIGKILLed mid-print: its job is interrupted once its lease runs out (not before), the printer's
next job is not started, not even when the node comes back, and the order's jobs are all accounted for."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest

from odind.domain import catalog, nodes, printers
from odind.domain.production import jobs
from odind.domain.sales import orders
from odind.modelfiles import synth
from odind.store.postgres import PgStore
from odind.vocabulary import FilamentNeed

pytestmark = pytest.mark.postgres

LEASE_S = 3.0

NODE = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from odind.config import Config, PrinterConfig
    from odind.daemon import Daemon
    from odind.drivers.http.prusalink.sim import launch_simulator
    from odind.vocabulary import LoadedFilament

    async def main(url, workdir):
        sim = await launch_simulator(name="pb", model="MK4", speed=20.0, workdir=Path(workdir) / "sim",
                                     filaments=[LoadedFilament(slot="0", material="PLA", colour="#FFFFFF")])
        config = Config(data_dir=Path(workdir), http={"host": "127.0.0.1", "port": 0},
                        scheduler={"sweep_interval_s": 0.5},
                        store={"url": url, "node": "node-b", "heartbeat_s": 0.5, "lease_s": %r},
                        printers=[PrinterConfig(name="pb", driver="prusalink", model="MK4",
                                                connection={**sim.connection, "poll_interval_s": 0.2})])
        daemon = Daemon(config)
        await daemon.start()
        print("ready", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main(sys.argv[1], sys.argv[2]))
""") % LEASE_S


def _start_node(url: str, workdir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", NODE, url, str(workdir)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


async def _until(check, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


async def test_a_node_killed_mid_print_loses_its_job_after_the_lease_and_nothing_starts_twice(
        pg_url: str, tmp_path: Path) -> None:
    node_b = _start_node(pg_url, tmp_path / "b")
    a = PgStore(pg_url)
    await a.open()
    try:
        await nodes.register(a, "node-a")
        (printer,) = await printers.list_printers(a)
        await printers.set_loaded(a, "test", printer["id"], printers.LoadedIn(
            filaments=[printers.FilamentSlotIn(slot="0", material="PLA", colour="#FFFFFF")]))
        path = tmp_path / "part.gcode"
        path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FFFFFF", grams=2)],
                                          print_time_s=3600, segments=20), encoding="utf-8")
        model = await catalog.add_model(a, "test", upload=path, filename=path.name, name="part",
                                        models_dir=tmp_path / "models")
        product = await catalog.create_product(a, "test", catalog.ProductIn(
            sku="PART", name="Part", sale_price=Decimal("5"),
            components=[catalog.ComponentIn(model_id=model["id"], quantity=1)]))
        order = await orders.create_order(a, "test", orders.OrderIn(
            customer_name="Ada", lines=[orders.OrderLineIn(product_id=product["id"], quantity=2)]))
        await orders.schedule_all(a, "test", order["id"])

        async def printing() -> dict | None:
            listed = await jobs.list_jobs(a, jobs.PageIn(), status="printing")
            return listed["items"][0] if listed["items"] else None

        job = await _until(printing)
        os.kill(node_b.pid, signal.SIGKILL)
        node_b.wait()
        killed = time.monotonic()

        async def reaped() -> list[int]:
            await nodes.heartbeat(a, "node-a", {})
            return await nodes.reap(a, "node-a", LEASE_S)

        assert await _until(reaped, timeout=LEASE_S + 10) == [job["id"]]
        assert time.monotonic() - killed >= LEASE_S - 1.0  # not before node-b's last heartbeat aged past the lease
        assert (await jobs.get_job(a, job["id"]))["status"] == "interrupted"

        node_b = _start_node(pg_url, tmp_path / "b")  # the node comes back: its printer's plate is held
        await asyncio.sleep(3)
        by_status: dict[str, int] = {}
        for row in (await jobs.list_jobs(a, jobs.PageIn()))["items"]:
            by_status[row["status"]] = by_status.get(row["status"], 0) + 1
        assert by_status == {"interrupted": 1, "queued": 1}, by_status
        assert (await orders.get_order(a, order["id"]))["status"] == "in_progress"
    finally:
        if node_b.poll() is None:
            node_b.kill()
            node_b.wait()
        await a.close()
