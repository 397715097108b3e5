"""Fixtures shared by every test area: a real store (SQLite in tmp_path, or PostgreSQL), and free ports.

`--store=postgres` (or ODIND_TEST_STORE=postgres) runs the tests that use the `store` fixture (or
`store_url`, for a whole daemon) on PostgreSQL and leaves out the rest. The database server is
ODIND_TEST_PG_URL's (a superuser URL) when set, else a private cluster this test process starts.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from odind.store.db import Store
from odind.store.postgres import PgStore
from tests.postgres_cluster import Cluster

TEMPLATE = "odind_template"

SHARED = Path(__file__).resolve().parents[2] / "shared"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--store", choices=("sqlite", "postgres"), default=os.environ.get("ODIND_TEST_STORE", "sqlite"),
                     help="engine behind the `store` fixture; postgres runs only the tests that use it")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite: tests the SQLite engine itself (its file, backup API)")
    config.addinivalue_line("markers", "postgres: needs PostgreSQL whatever --store says (several nodes, one farm)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--store") != "postgres":
        return
    keep, drop = [], []
    for item in items:
        uses = getattr(item, "fixturenames", ())
        on_store = "store" in uses or "store_url" in uses
        (keep if on_store and not item.get_closest_marker("sqlite") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _with_database(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A superuser URL on a server holding a migrated template database; a private one unless configured."""
    configured = os.environ.get("ODIND_TEST_PG_URL")
    cluster = None if configured else Cluster().start()
    admin = configured or cluster.url()  # type: ignore[union-attr]
    template = f"{TEMPLATE}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}"

    async def prepare() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'CREATE DATABASE "{template}"')
        finally:
            await conn.close()
        store = PgStore(_with_database(admin, template))
        await store.open()
        await store.close()

    async def drop() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        finally:
            await conn.close()

    try:
        asyncio.run(prepare())
        yield f"{admin}#{template}"
    finally:
        if cluster is not None:
            cluster.remove()
        else:
            asyncio.run(drop())


def _admin(url: str, statement: str) -> None:
    async def run() -> None:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database of its own for one test, dropped afterwards."""
    admin, _, template = pg_server.partition("#")
    name = f"t_{uuid.uuid4().hex[:16]}"
    _admin(admin, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _with_database(admin, name)
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where the `store` fixture keeps its data: a SQLite file, or a PostgreSQL database's URL."""
    if request.config.getoption("--store") == "postgres":
        return request.getfixturevalue("pg_url")
    return tmp_path / "odind.db"


@pytest.fixture
def store_url(request: pytest.FixtureRequest) -> str | None:
    """`[store] url` for a test that starts a whole daemon: None (SQLite in its data_dir) or PostgreSQL."""
    if request.config.getoption("--store") == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return None


@pytest.fixture
async def store(store_target: str | Path) -> AsyncIterator[Store]:
    db = PgStore(store_target) if isinstance(store_target, str) else Store(store_target)
    await db.open()
    try:
        yield db
    finally:
        await db.close()

