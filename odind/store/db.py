"""The SQLite connection pair, migrations, transactions and online backup.

One writer connection behind a lock (SQLite has one writer anyway) and one reader connection for
consistent snapshots; WAL lets them run side by side. Every change goes through `transaction()`,
which records its events in the same transaction and publishes them on the bus only after COMMIT,
so no subscriber ever sees a change that a crash could still undo.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from odind.bus import EventBus, Saved
from odind.errors import StorageFull

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+(?:\.(sqlite|postgresql))?\.sql$")

DIALECTS = ("sqlite", "postgresql")


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order, as `dialect` runs it.

    `NNNN_name.sql` is portable and serves both engines; a `NNNN_name.postgresql.sql` (or
    `.sqlite.sql`) beside it replaces it for that engine only, where the dialects truly differ.
    """
    portable: dict[int, tuple[str, str]] = {}
    specific: dict[int, tuple[str, str]] = {}
    for entry in resources.files("odind.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        version, only_for = int(match.group(1)), match.group(2)
        found = (entry.name, entry.read_text(encoding="utf-8"))
        if only_for is None:
            if version in portable:
                raise RuntimeError(f"two migrations numbered {version:04d}: {portable[version][0]}, {entry.name}")
            portable[version] = found
        elif only_for == dialect:
            specific[version] = found
    for version, (name, _) in specific.items():
        if version not in portable:
            raise RuntimeError(f"migration {name} has no portable {version:04d}_*.sql beside it")
    ordered = sorted((v, *specific.get(v, portable[v])) for v in portable)
    for expected, (version, name, _) in enumerate(ordered, start=1):
        if version != expected:
            raise RuntimeError(f"migration {name} out of sequence: expected {expected:04d}")
    return ordered


def latest_version() -> int:
    return len(migrations())


def _disk_full(exc: BaseException) -> bool:
    """SQLITE_FULL, or a write refused by the filesystem (ENOSPC) or a file-size limit (EFBIG)."""
    if isinstance(exc, sqlite3.OperationalError):
        return "full" in str(exc).lower()
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG)


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer odind: this one must not touch it (upgrade it instead)."""


def marks(values: Sequence[Any]) -> str:
    """Placeholders for an `IN (...)` list: one query for many ids instead of one query per id."""
    return ",".join("?" * len(values)) or "NULL"


T = TypeVar("T")
IN_LIST_CHUNK = 500  # SQLite takes at most 32,766 bound values a statement; an order line can hold more units


def chunked(values: Sequence[T], size: int = IN_LIST_CHUNK) -> Iterator[Sequence[T]]:
    """`values` in slices small enough for one `IN (...)` list each."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


class QueryCount:
    """Statements run through the store, so tests can pin how many reads an answer takes."""

    def __init__(self) -> None:
        self.n = 0


class SqliteRunner:
    """Runs one statement on an aiosqlite connection; the engine-specific half of `Db`."""

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        async with self._conn.execute(sql, params) as cursor:
            return [dict(row) for row in await cursor.fetchall()]

    async def first(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        async with self._conn.execute(sql, params) as cursor:
            row = await cursor.fetchone()
            return dict(row) if row is not None else None

    async def count(self, sql: str, params: Sequence[Any]) -> int:
        async with self._conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, rows)


class Runner(Protocol):
    dialect: str

    async def rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]: ...

    async def first(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None: ...

    async def count(self, sql: str, params: Sequence[Any]) -> int: ...

    async def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


class Db:
    """Thin query helpers over one connection; rows come back as plain dicts."""

    def __init__(self, runner: Runner, counter: QueryCount | None = None) -> None:
        self._runner = runner
        self._counter = counter or QueryCount()

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql": for the rare statement with no portable form (the database's clock)."""
        return self._runner.dialect

    async def all(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        self._counter.n += 1
        return await self._runner.rows(sql, params)

    async def one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        self._counter.n += 1
        return await self._runner.first(sql, params)

    async def scalar(self, sql: str, *params: Any) -> Any:
        self._counter.n += 1
        row = await self._runner.first(sql, params)
        return next(iter(row.values())) if row else None

    async def execute(self, sql: str, *params: Any) -> int:
        """Run a statement; the number of rows it changed."""
        self._counter.n += 1
        return await self._runner.count(sql, params)

    async def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many parameter rows (bulk copies)."""
        self._counter.n += 1
        await self._runner.many(sql, rows)

    async def insert(self, sql: str, *params: Any) -> int:
        """Run an INSERT ... RETURNING id and give back the id."""
        self._counter.n += 1
        row = await self._runner.first(sql, params)
        assert row is not None, "insert() needs RETURNING id"
        return int(next(iter(row.values())))


class Tx(Db):
    """A write transaction: queries plus the events the change records."""

    def __init__(self, runner: Runner, actor: str, counter: QueryCount | None = None) -> None:
        super().__init__(runner, counter)
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

    async def record_many(self, entity: str, action: str, items: Sequence[tuple[int | None, dict[str, Any]]]) -> None:
        """One event per item, written in one statement: a batch of 10,000 plates is one round trip, not
        10,000. The ids come back in order because this transaction is the only writer (SQLite's one
        writer; on PostgreSQL, the farm's write lock every transaction takes)."""
        if not items:
            return
        at = utcnow()
        payloads = [json.dumps(data, default=str, sort_keys=True) for _, data in items]
        before = int(await self.scalar("SELECT COALESCE(MAX(id), 0) FROM events"))
        await self.execute_many("INSERT INTO events (at, actor, entity, entity_id, action, data_json) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                [(at, self.actor, entity, entity_id, action, payload)
                                 for (entity_id, _), payload in zip(items, payloads, strict=True)])
        ids = [row["id"] for row in await self.all("SELECT id FROM events WHERE id > ? ORDER BY id", before)]
        for event_id, (entity_id, _), payload in zip(ids, items, payloads, strict=True):
            self.events.append(Saved(id=event_id, at=at, actor=self.actor, entity=entity, entity_id=entity_id,
                                     action=action, data=json.loads(payload)))


BeforeCommit = Callable[[Tx], Awaitable[None]]


async def run_before_commit(hooks: list[BeforeCommit], tx: Tx) -> None:
    """Let the domain add to a transaction what its events call for (an outbox message for a status
    change), inside it: committed together or not at all. Store users never call this themselves."""
    if tx.events:
        for hook in hooks:
            await hook(tx)


class Store:
    shared = False  # one process owns a SQLite file; PgStore is shared by the nodes of a farm
    def __init__(self, path: Path, bus: EventBus | None = None) -> None:
        self.path = path
        self.bus = bus or EventBus()
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()
        self.queries = QueryCount()
        self.before_commit: list[BeforeCommit] = []

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
        try:
            if migrate:
                await self.migrate()
        except BaseException:
            await self.close()  # a refused schema leaves no connection thread behind to hold the process
            raise
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
            return int(row[0]) if row is not None else 0

    async def listen(self) -> None:
        """Hear other nodes' events: one process owns a SQLite file, so there are none."""

    async def table_names(self) -> list[str]:
        """The schema's tables, by name (migration bookkeeping aside)."""
        async with self.read() as db:
            rows = await db.all("SELECT name FROM sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [row["name"] for row in rows]

    async def migrate(self) -> list[str]:
        """Apply pending migrations, each atomically; back up an existing database first."""
        assert self._writer is not None
        current = await self.version()
        pending = [m for m in migrations() if m[0] > current]
        if current > latest_version():
            raise SchemaTooNew(f"database {self.path} is at schema {current}, newer than this odind "
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
            tx = Tx(SqliteRunner(self._writer), actor, self.queries)
            try:
                yield tx
                await run_before_commit(self.before_commit, tx)
                await asyncio.shield(self._writer.execute("COMMIT"))
            except BaseException as exc:
                with contextlib.suppress(sqlite3.OperationalError):  # a failed COMMIT may have ended it
                    await asyncio.shield(self._writer.execute("ROLLBACK"))
                if _disk_full(exc):
                    raise StorageFull("the disk is full: nothing was written; free some space and try again",
                                      field=None) from exc
                raise
        for event in tx.events:
            self.bus.publish(event)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Db]:
        """A consistent snapshot for multi-query reads."""
        assert self._reader is not None, "store is not open"
        async with self._read_lock:
            await self._begin(self._reader, "BEGIN")
            try:
                yield Db(SqliteRunner(self._reader), self.queries)
            finally:
                await asyncio.shield(self._reader.execute("COMMIT"))
