"""Schema versions across nodes: migrate from any node at once, and an older node refuses a newer schema."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from odind.store.db import latest_version
from odind.store.postgres import PgStore

pytestmark = pytest.mark.postgres


async def test_nodes_migrating_a_fresh_database_at_once_apply_each_migration_once(pg_server: str) -> None:
    admin, _, _ = pg_server.partition("#")
    name = f"fresh_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin)
    await conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{admin.rpartition('/')[0]}/{name}"
    stores = [PgStore(url) for _ in range(3)]
    try:
        await asyncio.gather(*(store.open() for store in stores))
        assert [await store.version() for store in stores] == [latest_version()] * 3
        events = await asyncpg.connect(url)
        try:
            assert await events.fetchval("SELECT COUNT(*) FROM counters WHERE name = 'invoice'") == 1
        finally:
            await events.close()
    finally:
        for store in stores:
            await store.close()
        await conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await conn.close()


async def test_an_older_node_refuses_a_schema_it_does_not_know(pg_url: str) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        await conn.execute("UPDATE odind_schema SET version = $1", latest_version() + 1)
    finally:
        await conn.close()
    for migrate in (True, False):
        store = PgStore(pg_url)
        with pytest.raises(RuntimeError, match="newer than this odind"):
            await store.open(migrate=migrate)
        await store.close()
