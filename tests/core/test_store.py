"""Migrations, backups and crash safety of the store."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import textwrap
from pathlib import Path

import pytest

from odind.domain.sales import orders
from odind.store.db import Store, latest_version, migrations
from tests.core.factories import add_consumable, add_gcode_model, add_product


def _make_v1_database(path: Path) -> None:
    """A database as odind schema v1 left it, with data in it."""
    version, _, sql = migrations()[0]
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO consumables (sku, name, unit_cost, reorder_point, created_at)"
                 " VALUES ('MAG', 'Magnet', '0.05', 10, 'then')")
    conn.execute("INSERT INTO stock_movements (item_kind, item_id, quantity, reason, actor, created_at)"
                 " VALUES ('consumable', 1, 42, 'receipt', 'old', 'then')")
    conn.execute("INSERT INTO products (sku, name, sale_price, created_at) VALUES ('P', 'Prod', '9.99', 'then')")
    conn.execute("INSERT INTO orders (reference, platform, customer_name, status, created_at, updated_at)"
                 " VALUES ('R-1', 'etsy', 'Ada', 'pending', 'then', 'then')")
    conn.execute("INSERT INTO order_lines (order_id, product_id, quantity, unit_price) VALUES (1, 1, 2, '9.99')")
    conn.commit()
    conn.close()


async def test_old_database_upgrades_with_nothing_lost_and_a_backup(tmp_path):
    path = tmp_path / "odind.db"
    _make_v1_database(path)
    store = Store(path)
    await store.open()
    try:
        assert await store.version() == latest_version() >= 2
        async with store.read() as db:
            assert await db.scalar("SELECT SUM(quantity) FROM stock_movements") == 42
            assert await db.scalar("SELECT unit_price FROM order_lines") == "9.99"
            assert await db.scalar("SELECT value FROM counters WHERE name = 'invoice'") == 0
    finally:
        await store.close()
    backups = list(tmp_path.glob("odind-v1-*.bak.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT sku FROM consumables").fetchone()[0] == "MAG"
    old.close()


async def test_fresh_database_gets_pragmas_and_no_backup(tmp_path):
    store = Store(tmp_path / "odind.db")
    await store.open()
    try:
        async with store.read() as db:
            assert await db.scalar("PRAGMA journal_mode") == "wal"
            assert await db.scalar("PRAGMA foreign_keys") == 1
            assert await db.scalar("PRAGMA synchronous") == 2  # FULL
    finally:
        await store.close()
    assert not list(tmp_path.glob("*.bak.db"))


async def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "odind.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    store = Store(path)
    try:
        await store.open()
    except RuntimeError as exc:
        assert "newer than this odind" in str(exc)
    else:
        raise AssertionError("a newer schema must be refused")
    finally:
        await store.close()


async def test_failed_transaction_leaves_nothing_and_publishes_nothing(store):
    subscription = store.bus.subscribe()
    reader = asyncio.ensure_future(anext(subscription))
    await asyncio.sleep(0)
    try:
        async with store.transaction("test") as tx:
            await tx.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
            await tx.record("setting", None, "changed")
            raise ValueError("boom")
    except ValueError:
        pass
    await asyncio.sleep(0.05)
    assert not reader.done()
    reader.cancel()
    async with store.read() as db:
        assert await db.scalar("SELECT COUNT(*) FROM settings") == 0
        assert await db.scalar("SELECT COUNT(*) FROM events") == 0


@pytest.mark.sqlite
async def test_online_backup_is_a_consistent_copy(store, tmp_path):
    async with store.transaction("test") as tx:
        await tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
    target = tmp_path / "copy" / "backup.db"
    await store.backup(target)
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT value FROM settings WHERE key = 'k'").fetchone()[0] == "v"
    copy.close()


CRASH_SCRIPT = textwrap.dedent("""
    import asyncio, os, sys
    from pathlib import Path
    from odind.domain.sales import orders
    from odind.store.production import jobs as jobs_sql
    from odind.store.db import Store

    original = jobs_sql.insert_job
    count = 0

    async def slow_insert(*args, **kw):
        global count
        count += 1
        if count == 3:
            Path(sys.argv[2]).write_text("mid-schedule")
            await asyncio.sleep(60)
        return await original(*args, **kw)

    jobs_sql.insert_job = slow_insert

    async def main():
        store = Store(Path(sys.argv[1]))
        await store.open()
        await orders.schedule_all(store, "crash-test", int(sys.argv[3]))

    asyncio.run(main())
""")


@pytest.mark.sqlite
async def test_sigkill_mid_schedule_all_leaves_all_or_nothing(store, tmp_path):
    magnet = await add_consumable(store, stock=20)
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "CRASH", price="1.00", models=[(model["id"], 1)],
                                consumables=[(magnet["id"], 1)])
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="x", lines=[orders.OrderLineIn(product_id=product["id"], quantity=5)]))
    marker = tmp_path / "marker"
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CRASH_SCRIPT, str(store.path), str(marker), str(order["id"]))
    try:
        for _ in range(300):
            if marker.exists():
                break
            await asyncio.sleep(0.05)
        assert marker.exists(), "the child never reached the middle of Schedule All"
        child.send_signal(signal.SIGKILL)
        await asyncio.wait_for(child.wait(), 10)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    after = await orders.get_order(store, order["id"])
    assert after["status"] == "pending"
    assert after["jobs"] == []
    async with store.read() as db:
        assert await db.scalar("SELECT SUM(quantity) FROM stock_movements WHERE item_kind = 'consumable'") == 20
    scheduled = await orders.schedule_all(store, "test", order["id"])
    assert len(scheduled["jobs"]) == 5


async def test_cancelled_callers_never_leave_a_transaction_open(store):
    """Cancel callers at every point of their BEGIN; the store must stay usable for everyone after."""
    async def write(n: int) -> None:
        async with store.transaction("test") as tx:
            await tx.execute("INSERT INTO settings (key, value) VALUES (?, 'v')", f"k{n}")

    async def read() -> None:
        async with store.read() as db:
            await db.scalar("SELECT COUNT(*) FROM settings")

    for n in range(40):
        tasks = [asyncio.create_task(write(n)), asyncio.create_task(read())]
        for _ in range(n % 4):
            await asyncio.sleep(0)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    await write(1000)
    await read()
    async with store.read() as db:
        assert await db.scalar("SELECT COUNT(*) FROM settings WHERE key = 'k1000'") == 1
