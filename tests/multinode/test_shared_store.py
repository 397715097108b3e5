"""Several nodes on one PostgreSQL: each node is its own store (its own connections), as separate
daemons would be; the database is the only thing they share."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.bus import Saved
from odind.config import Config
from odind.domain.accounts.tokens import Role, create_token
from odind.domain.production import batches, jobs
from odind.domain.stock import inventory
from odind.errors import IllegalTransition, InsufficientStock, Unavailable
from odind.runtime.farm import Farm
from odind.store.postgres import PgStore
from odind.web.app import create_app
from odind.web.context import AppContext
from tests.core.factories import add_consumable, add_gcode_model, add_printer, add_product
from tests.postgres_cluster import Cluster

pytestmark = pytest.mark.postgres


@pytest.fixture
async def nodes(pg_url: str) -> AsyncIterator[tuple[PgStore, PgStore]]:
    a, b = PgStore(pg_url), PgStore(pg_url)
    await a.open()
    await b.open()
    try:
        yield a, b
    finally:
        await a.close()
        await b.close()


async def test_two_nodes_racing_for_the_last_unit_exactly_one_wins(nodes: tuple[PgStore, PgStore]) -> None:
    a, b = nodes
    item = await add_consumable(a, "LAST-1", stock=0)
    take = inventory.StockAdjustIn(quantity=-1)
    for _ in range(15):
        await inventory.adjust_consumable(a, "test", item["id"], inventory.StockAdjustIn(quantity=1))
        outcomes = await asyncio.gather(inventory.adjust_consumable(a, "node-a", item["id"], take),
                                        inventory.adjust_consumable(b, "node-b", item["id"], take),
                                        return_exceptions=True)
        assert sum(isinstance(o, dict) for o in outcomes) == 1, outcomes
        assert sum(isinstance(o, InsufficientStock) for o in outcomes) == 1, outcomes
        assert (await inventory.get_consumable(b, item["id"]))["stock"] == 0


async def test_two_nodes_racing_for_the_last_queued_job_exactly_one_wins(
        nodes: tuple[PgStore, PgStore], tmp_path: Path) -> None:
    a, b = nodes
    model = await add_gcode_model(a, tmp_path)
    product = await add_product(a, "ONE", price="5.00", models=[(model["id"], 1)])
    printer_a, printer_b = await add_printer(a, "on-a"), await add_printer(b, "on-b")
    for _ in range(10):
        batch = await batches.create_batch(a, "test", batches.BatchIn(product_id=product["id"], sets=1))
        async with a.read() as db:
            job_id = await db.scalar("SELECT id FROM jobs WHERE batch_id = ?", batch["id"])
        outcomes = await asyncio.gather(jobs.claim(a, "node-a", job_id, printer_a, "race"),
                                        jobs.claim(b, "node-b", job_id, printer_b, "race"),
                                        return_exceptions=True)
        won = [o for o in outcomes if isinstance(o, dict)]
        assert len(won) == 1 and sum(isinstance(o, IllegalTransition) for o in outcomes) == 1, outcomes
        job = await jobs.get_job(b, job_id)
        assert job["status"] == "dispatched" and job["printer_id"] == won[0]["printer_id"]
        await jobs.cancel(a, "test", job_id)


async def test_events_cross_nodes_only_once_they_commit(nodes: tuple[PgStore, PgStore]) -> None:
    a, b = nodes
    await b.listen()
    heard: list[Saved] = []

    async def collect() -> None:
        async for event in b.bus.subscribe():
            assert isinstance(event, Saved)
            heard.append(event)

    listener = asyncio.create_task(collect())
    await asyncio.sleep(0.05)
    item = await add_consumable(a, "HEARD", stock=5)
    with pytest.raises(RuntimeError):
        async with a.transaction("node-a") as tx:
            await tx.record("consumable", item["id"], "never_committed")
            raise RuntimeError("rolled back")
    many = 2000  # too many for one notification: they travel as ids and are read back
    async with a.transaction("node-a") as tx:
        for i in range(many):
            await tx.record("consumable", item["id"], "bulk", i=i)
    for _ in range(100):
        if sum(e.action == "bulk" for e in heard) == many:
            break
        await asyncio.sleep(0.05)
    listener.cancel()
    actions = [e.action for e in heard]
    assert "never_committed" not in actions
    assert [e.data["i"] for e in heard if e.action == "bulk"] == list(range(many))
    assert all(e.entity_id == item["id"] for e in heard)


async def test_postgres_restart_mid_workload_is_a_503_with_retry_after_then_recovers(tmp_path: Path) -> None:
    cluster = Cluster(durable=True).start()
    try:
        admin = cluster.url()
        conn_store, other = PgStore(admin), PgStore(admin)
        await conn_store.open()
        await other.open()
        await other.listen()
        heard: list[Saved] = []

        async def collect() -> None:
            async for event in other.bus.subscribe():
                if isinstance(event, Saved):
                    heard.append(event)

        listener = asyncio.create_task(collect())
        config = Config(data_dir=tmp_path)
        farm = Farm(conn_store, conn_store.bus, config)
        app = create_app(AppContext(config=config, store=conn_store, bus=conn_store.bus, farm=farm))
        token = await create_token(conn_store, "test", role=Role.ADMIN, name="admin")
        item = await add_consumable(conn_store, "KEEP", stock=0)
        headers = {"Authorization": f"Bearer {token}"}
        async with TestClient(TestServer(app)) as client:
            acknowledged = 0
            for _ in range(5):
                response = await client.post(f"/api/consumables/{item['id']}/stock", json={"quantity": 1},
                                             headers=headers)
                assert response.status == 200, await response.text()
                acknowledged += 1
            cluster.stop("immediate")
            during = await client.post(f"/api/consumables/{item['id']}/stock", json={"quantity": 1},
                                       headers=headers)
            assert during.status == 503, await during.text()
            assert int(during.headers["Retry-After"]) > 0
            assert (await during.json())["error"]["code"] == "unavailable"
            read = await client.get("/api/consumables", headers=headers)
            assert read.status == 503
            with pytest.raises(Unavailable):
                await inventory.get_consumable(conn_store, item["id"])
            cluster.start()
            after = await client.post(f"/api/consumables/{item['id']}/stock", json={"quantity": 1},
                                      headers=headers)
            assert after.status == 200, await after.text()
            acknowledged += 1
        assert (await inventory.get_consumable(conn_store, item["id"]))["stock"] == acknowledged

        # The other node's LISTEN connection died with the server; it reconnects and hears again.
        for _ in range(100):
            heard.clear()
            await inventory.adjust_consumable(conn_store, "node-a", item["id"], inventory.StockAdjustIn(quantity=1))
            await asyncio.sleep(0.1)
            if any(e.action == "stock_adjusted" for e in heard):
                break
        assert any(e.action == "stock_adjusted" for e in heard)
        listener.cancel()
        await conn_store.close()
        await other.close()
    finally:
        cluster.remove()
