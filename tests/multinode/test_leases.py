"""Leases: a node that stops renewing loses its printing jobs to `interrupted`, once, by the database's clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from odind.domain import nodes, printers
from odind.domain.production import batches, jobs
from odind.errors import IllegalTransition
from odind.runtime.connections import check_connection
from odind.store.postgres import PgStore
from tests.core.factories import add_gcode_model, add_product

pytestmark = pytest.mark.postgres

LEASE_S = 0.6


@pytest.fixture
async def farm(pg_url: str) -> AsyncIterator[tuple[PgStore, PgStore, PgStore]]:
    stores = [PgStore(pg_url) for _ in range(3)]
    for store in stores:
        await store.open()
    try:
        yield stores[0], stores[1], stores[2]
    finally:
        for store in stores:
            await store.close()


async def _printer(store: PgStore, name: str, node: str) -> int:
    row = await printers.add_printer(store, "test", printers.PrinterIn(
        name=name, driver="moonraker", model="Voron 2.4", connection={"url": "http://127.0.0.1:9"}),
        check_connection, node=node)
    return int(row["id"])


async def _queued(store: PgStore, product_id: int, sets: int) -> list[int]:
    batch = await batches.create_batch(store, "test", batches.BatchIn(product_id=product_id, sets=sets))
    async with store.read() as db:
        return [row["id"] for row in await db.all("SELECT id FROM jobs WHERE batch_id = ? ORDER BY id", batch["id"])]


async def test_a_dead_nodes_printing_job_is_interrupted_once_after_its_lease_and_queued_work_stays(
        farm: tuple[PgStore, PgStore, PgStore], tmp_path: Path) -> None:
    a, b, c = farm
    for store, name in ((a, "node-a"), (b, "node-b"), (c, "node-c")):
        await nodes.register(store, name)
    model = await add_gcode_model(a, tmp_path)
    product = await add_product(a, "P1", price="5.00", models=[(model["id"], 1)])
    on_a, on_b = await _printer(a, "pa", "node-a"), await _printer(b, "pb", "node-b")
    printing, waiting = await _queued(a, product["id"], 2)
    await jobs.claim(b, "node-b", printing, on_b, "plan")
    await jobs.started(b, "node-b", printing)

    assert await nodes.reap(a, "node-a", LEASE_S) == []  # within its lease, node-b's work is left alone
    await asyncio.sleep(LEASE_S + 0.2)  # node-b is SIGKILLed: it renews nothing from here on
    await nodes.heartbeat(a, "node-a", {})
    await nodes.heartbeat(c, "node-c", {})
    reaped = await asyncio.gather(nodes.reap(a, "node-a", LEASE_S), nodes.reap(c, "node-c", LEASE_S))
    assert sorted(reaped, key=len) == [[], [printing]]  # two live nodes reaping at once: moved once

    job = await jobs.get_job(a, printing)
    assert job["status"] == "interrupted" and "node-b" in job["message"]
    assert not (await printers.get_printer(a, on_b))["plate_clear"]  # held until someone checks it
    assert (await jobs.get_job(a, waiting))["status"] == "queued"  # the queue is the farm's: others take it
    claimed = await jobs.claim(a, "node-a", waiting, on_a, "plan")
    assert claimed["printer_id"] == on_a
    with pytest.raises(IllegalTransition):
        await jobs.claim(c, "node-c", printing, on_a, "plan")  # an interrupted job is never restarted blindly

    listed = {n["name"]: n for n in await nodes.list_nodes(c, LEASE_S)}
    assert listed["node-b"]["alive"] is False and listed["node-a"]["alive"] is True
    assert [p["name"] for p in listed["node-b"]["printers"]] == ["pb"]


async def test_lease_ages_come_from_the_database_clock_not_the_nodes(
        farm: tuple[PgStore, PgStore, PgStore], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, _ = farm
    await nodes.register(a, "node-a")
    await nodes.register(b, "node-b")
    import time as time_module
    real = time_module.time
    monkeypatch.setattr(time_module, "time", lambda: real() + 3600)  # this process's clock runs an hour fast
    await nodes.heartbeat(b, "node-b", {})
    listed = {n["name"]: n for n in await nodes.list_nodes(a, LEASE_S)}
    assert all(0 <= n["heartbeat_age_s"] < 5 for n in listed.values())
    assert await nodes.reap(a, "node-a", LEASE_S) == []
