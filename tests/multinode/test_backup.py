"""PostgreSQL backup and restore as the README says: `odind db backup` (pg_dump), then pg_restore."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import asyncpg
import pytest

from odind.domain.stock import inventory
from odind.store.postgres import PgStore, postgres_tool
from tests.core.factories import add_consumable

pytestmark = pytest.mark.postgres


async def test_a_pg_dump_backup_restores_into_an_empty_database(pg_url: str, pg_server: str, tmp_path: Path) -> None:
    store = PgStore(pg_url)
    await store.open()
    try:
        item = await add_consumable(store, "DUMPED", stock=7)
        target = tmp_path / "farm.dump"
        await store.backup(target)
        assert target.exists() and not target.with_name("farm.dump.partial").exists()
    finally:
        await store.close()

    admin = pg_server.partition("#")[0]
    name = f"restored_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        url = f"{admin.rpartition('/')[0]}/{name}"
        restore = await asyncio.create_subprocess_exec(postgres_tool("pg_restore"), f"--dbname={url}", "--no-owner",
                                                       str(target), stderr=asyncio.subprocess.PIPE)
        _, err = await restore.communicate()
        assert restore.returncode == 0, err.decode()
        restored = PgStore(url)
        await restored.open()
        try:
            assert (await inventory.get_consumable(restored, item["id"]))["stock"] == 7
            again = await add_consumable(restored, "AFTER", stock=1)
            assert again["id"] == item["id"] + 1  # identity sequences came back with the rows
        finally:
            await restored.close()
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
