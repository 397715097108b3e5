"""The SQLite connection pair, migrations, transactions and online backup.

One writer connection behind a lock (SQLite has one writer anyway) and one reader connection for
consistent snapshots; WAL lets them run side by side. Every change goes through `transaction()`,
which records its events in the same transaction and publishes them on the bus only after COMMIT,
so no subscriber ever sees a change that a crash could still undo.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from odind.bus import EventBus, Saved

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    found = []
    for entry in resources.files("odind.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise RuntimeError(f"migration {name} out of sequence: expected {expected:04d}")
    return found


def latest_version() -> int:
    return len(migrations())


def marks(values: Sequence[Any]) -> str:
    """Placeholders for an `IN (...)` list: one query for many ids instead of one query per id."""
    return ",".join("?" * len(values)) or "NULL"


class QueryCount:
    """Statements run through the store, so tests can pin how many reads an answer takes."""

    def __init__(self) -> None:
        self.n = 0


class Db:
    """Thin query helpers over one connection; rows come back as plain dicts."""

    def __init__(self, conn: aiosqlite.Connection, counter: QueryCount | None = None) -> None:
        self._conn = conn
        self._counter = counter or QueryCount()

    async def all(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        self._counter.n += 1
        async with self._conn.execute(sql, params) as cursor:
            return [dict(row) for row in await cursor.fetchall()]

    async def one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        self._counter.n += 1
        async with self._conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
            return dict(row) if row is not None else None

    async def scalar(self, sql: str, *params: Any) -> Any:
        self._counter.n += 1
        async with self._conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
            return row[0] if row is not None else None

    async def execute(self, sql: str, *params: Any) -> int:
        self._counter.n += 1
        async with self._conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, *params: Any) -> int:
        """Run an INSERT ... RETURNING id and give back the id."""
        self._counter.n += 1
        async with self._conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
            assert row is not None, "insert() needs RETURNING id"
            return int(row[0])


class Tx(Db):
    """A write transaction: queries plus the events the change records."""

    def __init__(self, conn: aiosqlite.Connection, actor: str, counter: QueryCount | None = None) -> None:
        super().__init__(conn, counter)
        self.actor = actor
        self.events: list[Saved] = []

    async def record(self, entity: str, entity_id: int | None, action: str, **data: Any) -> None:
        at = utcnow()
        payload = json.dumps(data, default=str, sort_keys=True)
        event_id = await self.insert(
            "INSERT INTO events (at, actor, entity, entity_id, action, data_json) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            at, self.actor, entity, entity_id, action, payload,
        )
        self.events.append(Saved(id=event_id, at=at, actor=self.actor, entity=entity, entity_id=entity_id,
                                 action=action, data=json.loads(payload)))


class Store:
    def __init__(self, path: Path, bus: EventBus | None = None) -> None:
        self.path = path
        self.bus = bus or EventBus()
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()
        self.queries = QueryCount()

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA synchronous=FULL")
        await conn.execute("PRAGMA busy_timeout=5000")
        return conn

    async def open(self, *, migrate: bool = True) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = await self._connect()
        if migrate:
            await self.migrate()
        self._reader = await self._connect()

    async def close(self) -> None:
        for conn in (self._reader, self._writer):
            if conn is not None:
                await conn.close()
        self._reader = self._writer = None

    async def version(self) -> int:
        assert self._writer is not None
        async with self._writer.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
            return int(row[0])

    async def migrate(self) -> list[str]:
        """Apply pending migrations, each atomically; back up an existing database first."""
        assert self._writer is not None
        current = await self.version()
        pending = [m for m in migrations() if m[0] > current]
        if current > latest_version():
            raise RuntimeError(f"database {self.path} is at schema {current}, newer than this odind "
                               f"({latest_version()}); refusing to run an older daemon on it")
        if not pending:
            return []
        if current > 0:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = self.path.with_name(f"{self.path.stem}-v{current}-{stamp}.bak.db")
            await self._backup_to(target)
            log.info("backed up schema v%d database to %s before migrating", current, target)
        applied = []
        async with self._write_lock:
            for version, name, sql in pending:
                script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                try:
                    await self._writer.executescript(script)
                except sqlite3.Error:
                    if self._writer.in_transaction:
                        await self._writer.execute("ROLLBACK")
                    raise
                log.info("applied migration %s", name)
                applied.append(name)
        return applied

    async def _backup_to(self, target: Path) -> None:
        assert self._writer is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        dest = await aiosqlite.connect(partial)
        try:
            await self._writer.backup(dest)
        finally:
            await dest.close()
        shutil.move(partial, target)

    async def backup(self, target: Path) -> None:
        """Online backup through SQLite's backup API; the file appears only when complete."""
        await self._backup_to(target)

    @staticmethod
    async def _begin(conn: aiosqlite.Connection, statement: str) -> None:
        """Open a transaction that a cancelled caller cannot leave open.

        aiosqlite runs statements in order on its own thread, so a BEGIN whose awaiting task was
        cancelled still runs; the ROLLBACK queued behind it undoes it before anyone else's BEGIN.
        """
        try:
            await conn.execute(statement)
        except asyncio.CancelledError:
            with contextlib.suppress(sqlite3.OperationalError):
                await asyncio.shield(conn.execute("ROLLBACK"))
            raise

    @asynccontextmanager
    async def transaction(self, actor: str) -> AsyncIterator[Tx]:
        assert self._writer is not None, "store is not open"
        async with self._write_lock:
            await self._begin(self._writer, "BEGIN IMMEDIATE")
            tx = Tx(self._writer, actor, self.queries)
            try:
                yield tx
            except BaseException:
                await asyncio.shield(self._writer.execute("ROLLBACK"))
                raise
            await asyncio.shield(self._writer.execute("COMMIT"))
        for event in tx.events:
            self.bus.publish(event)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Db]:
        """A consistent snapshot for multi-query reads."""
        assert self._reader is not None, "store is not open"
        async with self._read_lock:
            await self._begin(self._reader, "BEGIN")
            try:
                yield Db(self._reader, self.queries)
            finally:
                await asyncio.shield(self._reader.execute("COMMIT"))
