"""A shelf's SQLite store copied into PostgreSQL: every row equal, ids continuing, work refused twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from odind.domain import contacts
from odind.domain.production import batches
from odind.domain.stock import inventory
from odind.store.copy import CopyError, copy_sqlite_to_postgres
from odind.store.db import Store
from odind.store.postgres import PgStore
from tests.core.factories import add_consumable, add_gcode_model, add_printer, add_product

pytestmark = pytest.mark.postgres


async def _shelf(path: Path, tmp_path: Path) -> None:
    store = Store(path)
    await store.open()
    try:
        model = await add_gcode_model(store, tmp_path)
        magnet = await add_consumable(store, "MAG", stock=40)
        product = await add_product(store, "KEY", price="12.50", models=[(model["id"], 2)],
                                    consumables=[(magnet["id"], 1)])
        await add_printer(store, "shelf-1")
        await batches.create_batch(store, "test", batches.BatchIn(product_id=product["id"], sets=3))
        await inventory.adjust_consumable(store, "test", magnet["id"], inventory.StockAdjustIn(quantity=-5))
        older = await contacts.create(store, "test", contacts.Kind.CUSTOMER, contacts.ContactIn(name="Ada"))
        newer = await contacts.create(store, "test", contacts.Kind.CUSTOMER, contacts.ContactIn(name="Ada L."))
        # the older record merged into the newer one: the copy meets a reference to a row it has not copied yet
        await contacts.merge(store, "test", contacts.Kind.CUSTOMER, older["id"], contacts.MergeIn(into_id=newer["id"]))
    finally:
        await store.close()


async def test_copy_is_checked_row_for_row_and_ids_continue(pg_url: str, tmp_path: Path) -> None:
    path = tmp_path / "shelf.db"
    await _shelf(path, tmp_path)
    source, target = Store(path), PgStore(pg_url)
    await source.open()
    await target.open()
    try:
        counts = await copy_sqlite_to_postgres(source, target)
        assert counts["products"] == 1 and counts["jobs"] >= 1 and counts["events"] >= 5
        assert counts["stock_movements"] == 2 and counts["contacts"] == 2
        magnet = (await inventory.list_consumables(target))[0]
        assert magnet["stock"] == 35 and magnet["unit_cost"] == "0.05"
        added = await add_consumable(target, "NEW", stock=1)
        assert added["id"] == magnet["id"] + 1  # identity continues after the copied ids
        with pytest.raises(CopyError, match="already holds work"):
            await copy_sqlite_to_postgres(source, target)
    finally:
        await source.close()
        await target.close()


def test_the_cli_copies_into_the_configured_database(pg_url: str, tmp_path: Path) -> None:
    import asyncio

    path = tmp_path / "shelf.db"
    asyncio.run(_shelf(path, tmp_path))
    config = tmp_path / "odind.toml"
    config.write_text(f'[store]\nurl = "{pg_url}"\n')
    result = subprocess.run([sys.executable, "-m", "odind.cli", "db", "copy-from-sqlite", str(path),
                             "--config", str(config)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "every row checked" in result.stdout
    listed = subprocess.run([sys.executable, "-m", "odind.cli", "node", "list", "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "no node has joined" in listed.stdout
