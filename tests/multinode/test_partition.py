"""A node cut off from the database by a network partition (packets dropped, nothing closed): it stops
claiming work, its printer finishes the print it has, the farm interrupts that job once after the lease,
and when the network heals the node rejoins without starting anything twice."""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from odind.domain import catalog, nodes, printers
from odind.domain.production import jobs
from odind.domain.sales import orders
from odind.modelfiles import synth
from odind.store.postgres import PgStore
from odind.vocabulary import FilamentNeed
from tests.multinode.proxy import PartitionProxy

pytestmark = pytest.mark.postgres

LEASE_S = 3.0
PRINT_S = 240  # at 20x: 12 s of simulated printing

NODE = textwrap.dedent("""
    import asyncio, json, sys
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
                        store={"url": url, "node": "node-b", "heartbeat_s": 0.5, "lease_s": %r,
                               "command_timeout_s": 1.0},
                        printers=[PrinterConfig(name="pb", driver="prusalink", model="MK4",
                                                connection={**sim.connection, "poll_interval_s": 0.2})])
        daemon = Daemon(config)
        await daemon.start()
        print("ready", json.dumps({**sim.connection, "node": f"http://127.0.0.1:{daemon.port}"}), flush=True)
        await asyncio.Event().wait()

    asyncio.run(main(sys.argv[1], sys.argv[2]))
""") % LEASE_S


async def _until(check: Callable[[], Awaitable[Any]], timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


async def _statuses(store: PgStore) -> dict[str, int]:
    counted: dict[str, int] = {}
    for row in (await jobs.list_jobs(store, jobs.PageIn()))["items"]:
        counted[row["status"]] = counted.get(row["status"], 0) + 1
    return counted


async def _order_of_two(store: PgStore, tmp_path: Path) -> dict[str, Any]:
    (printer,) = await printers.list_printers(store)
    await printers.set_loaded(store, "test", printer["id"], printers.LoadedIn(
        filaments=[printers.FilamentSlotIn(slot="0", material="PLA", colour="#FFFFFF")]))
    path = tmp_path / "part.gcode"
    path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FFFFFF", grams=2)],
                                      print_time_s=PRINT_S, segments=20), encoding="utf-8")
    model = await catalog.add_model(store, "test", upload=path, filename=path.name, name="part",
                                    models_dir=tmp_path / "models")
    product = await catalog.create_product(store, "test", catalog.ProductIn(
        sku="PART", name="Part", sale_price=Decimal("5"),
        components=[catalog.ComponentIn(model_id=model["id"], quantity=1)]))
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Ada", lines=[orders.OrderLineIn(product_id=product["id"], quantity=2)]))
    return await orders.schedule_all(store, "test", order["id"])


async def test_a_partitioned_node_stops_claiming_finishes_its_print_and_rejoins_without_a_double_start(
        pg_url: str, tmp_path: Path) -> None:
    server = urlsplit(pg_url)
    proxy = await PartitionProxy(server.hostname or "127.0.0.1", server.port or 5432).start()
    through_proxy = server._replace(netloc=f"{server.username}@127.0.0.1:{proxy.port}").geturl()
    node_b = await asyncio.create_subprocess_exec(sys.executable, "-c", NODE, through_proxy, str(tmp_path / "b"),
                                                  stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    a = PgStore(pg_url)
    try:
        assert node_b.stdout is not None
        line = await asyncio.wait_for(node_b.stdout.readline(), 60)  # the proxy relays meanwhile: not blocking
        word, _, sim_json = line.decode().strip().partition(" ")
        assert word == "ready"
        sim = json.loads(sim_json)
        await a.open()
        await nodes.register(a, "node-a")
        order = await _order_of_two(a, tmp_path)

        async def printing() -> dict[str, Any] | None:
            listed = await jobs.list_jobs(a, jobs.PageIn(), status="printing")
            return listed["items"][0] if listed["items"] else None

        job = await _until(printing)
        proxy.blackhole()
        cut = time.monotonic()

        async with aiohttp.ClientSession(headers={"X-Api-Key": sim["api_key"]}) as http:
            async def finished() -> bool:
                async with http.get(f"{sim['url']}/api/v1/status") as response:
                    return (await response.json())["printer"]["state"] == "FINISHED"

            started = time.monotonic()
            async with http.get(f"{sim['node']}/api/health") as response:  # the node answers, it does not hang
                assert response.status == 503 and "Retry-After" in response.headers
            assert time.monotonic() - started < 5

            await _until(finished, timeout=PRINT_S / 20 + 15)  # the print goes on without the database

        async def reaped() -> list[int]:
            await nodes.heartbeat(a, "node-a", {})
            return await nodes.reap(a, "node-a", LEASE_S)

        assert await _until(reaped, timeout=LEASE_S + 10) == [job["id"]]
        assert time.monotonic() - cut >= LEASE_S - 1.0
        assert await _statuses(a) == {"interrupted": 1, "queued": 1}  # nobody took the second job meanwhile
        assert node_b.returncode is None  # the cut-off node waits; it does not crash

        proxy.heal()

        async def back() -> bool:
            listed = {n["name"]: n for n in await nodes.list_nodes(a, LEASE_S)}
            return bool(listed["node-b"]["alive"])

        await _until(back, timeout=20)
        await asyncio.sleep(3)  # time for node-b's dispatcher to (wrongly) start the next job on its printer
        after = await _statuses(a)
        assert after.get("printing", 0) == 0 and after.get("queued") == 1, after
        async with a.read() as db:
            starts = await db.scalar("SELECT COUNT(*) FROM events WHERE entity = 'job' AND action = 'start'")
        assert starts == 1  # one print started in all: the interrupted one was not restarted
        assert (await orders.get_order(a, order["id"]))["status"] == "in_progress"
    finally:
        if node_b.returncode is None:
            node_b.kill()
            await node_b.wait()
        await a.close()
        await proxy.close()
