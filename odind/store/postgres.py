"""The store on PostgreSQL (asyncpg): the same interface, migrations and event semantics as SQLite.

Semantics kept on purpose rather than re-derived: SQLite has one writer, and domain code relies on it
(a stock balance read and the movement that depends on it cannot interleave). Here every write
transaction first takes one transaction-scoped advisory lock, so writers from every node of a farm
queue exactly as they do on one SQLite file; reads run beside them in REPEATABLE READ snapshots.
Events recorded by a transaction are sent with `pg_notify` inside it, so PostgreSQL delivers them to
the other nodes only if, and when, it commits; the local bus gets them after COMMIT as on SQLite.

A lost connection (server restart, network) is `Unavailable` (HTTP 503 with Retry-After), and the next
transaction reconnects: a request either committed or was refused, never half-written. A network
partition drops packets rather than closing anything, so every statement has a deadline
(`[store] command_timeout_s`): past it the connection is given up as lost, rather than holding the
node's one writer forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg

from odind.bus import EventBus, Saved
from odind.errors import Unavailable
from odind.store.db import (
    BeforeCommit,
    Db,
    QueryCount,
    SchemaTooNew,
    Store,
    Tx,
    latest_version,
    migrations,
    run_before_commit,
)
from odind.store.dialect import has_statements, migration_for_postgres, numbered
from odind.tasks import TaskSet

log = logging.getLogger(__name__)

WRITE_LOCK = 0x6F64696E64  # "odind": held by every write transaction, the farm's one writer at a time
MIGRATE_LOCK = WRITE_LOCK + 1
EVENTS_CHANNEL = "odind_events"
_NOTIFY_LIMIT = 7000  # PostgreSQL refuses payloads from 8000 bytes; bigger batches go as ids only
_IDS_PER_NOTIFY = 500
_CONNECT_TIMEOUT_S = 5.0
_MIGRATION_TIMEOUT_S = 3600.0  # a migration on a big farm's tables, or waiting for another node's


def _as_int(value: Any) -> str:
    return str(int(value))


async def _init_connection(conn: asyncpg.Connection) -> None:
    """Bind parameters as SQLite does: a number bound to a text column is its digits and back.

    asyncpg checks each parameter's Python type against the column's; the portable store code was
    written against SQLite's type affinity, so text and integers accept each other's forms here.
    """
    await conn.set_type_codec("text", schema="pg_catalog", encoder=str, decoder=str, format="text")
    for name in ("int2", "int4", "int8"):
        await conn.set_type_codec(name, schema="pg_catalog", encoder=_as_int, decoder=int, format="text")


def postgres_tool(name: str) -> str:
    """A PostgreSQL client program: on PATH, or in Debian's versioned directory (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    for bindir in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name),
                         reverse=True):
        if (bindir / name).exists():
            return str(bindir / name)
    raise FileNotFoundError(f"{name} not found; install Debian's postgresql-client")


def _lost(exc: BaseException, conn: asyncpg.Connection | None) -> bool:
    if isinstance(exc, (asyncpg.PostgresConnectionError, asyncpg.exceptions.OperatorInterventionError,
                        asyncpg.exceptions.ConnectionDoesNotExistError, OSError, TimeoutError)):
        return True
    return isinstance(exc, asyncpg.InterfaceError) and conn is not None and conn.is_closed()


@contextlib.contextmanager
def _guard(conn: asyncpg.Connection | None) -> Iterator[None]:
    """Connection trouble becomes `Unavailable`; the broken connection is dropped for a new one."""
    try:
        yield
    except Unavailable:
        raise
    except Exception as exc:
        if not _lost(exc, conn):
            raise
        if conn is not None:
            conn.terminate()
        log.warning("database connection lost: %s", exc)
        raise Unavailable("the database is not reachable just now; retry shortly") from exc


def _rowcount(status: str) -> int:
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PgRunner:
    dialect = "postgresql"

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        with _guard(self._conn):
            return [dict(record) for record in await self._conn.fetch(numbered(sql), *params)]

    async def first(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        with _guard(self._conn):
            record = await self._conn.fetchrow(numbered(sql), *params)
        return dict(record) if record is not None else None

    async def count(self, sql: str, params: Sequence[Any]) -> int:
        with _guard(self._conn):
            return _rowcount(await self._conn.execute(numbered(sql), *params))

    async def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with _guard(self._conn):
            await self._conn.executemany(numbered(sql), rows)


class PgStore(Store):
    """The store interface on a PostgreSQL database shared by every node of a farm."""

    shared = True

    def __init__(self, url: str, bus: EventBus | None = None, *, command_timeout_s: float = 10.0) -> None:
        self.url = url
        self.command_timeout_s = command_timeout_s
        self.path = None  # type: ignore[assignment]
        self.bus = bus or EventBus()
        self.queries = QueryCount()
        self.before_commit: list[BeforeCommit] = []
        self.origin = uuid.uuid4().hex  # tells this process's own notifications from other nodes'
        self._writer: asyncpg.Connection | None = None
        self._reader: asyncpg.Connection | None = None
        self._listener: asyncpg.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()
        self._open = False
        self._listening = False
        self._background = TaskSet("postgres-listen")  # re-listening, reading back oversized notifications

    def __repr__(self) -> str:
        return f"PgStore({self.url.rsplit('@', 1)[-1]!r})"

    async def _connect(self) -> asyncpg.Connection:
        with _guard(None):
            conn = await asyncpg.connect(self.url, timeout=_CONNECT_TIMEOUT_S, statement_cache_size=1024,
                                         command_timeout=self.command_timeout_s,
                                         server_settings={"TimeZone": "UTC", "application_name": "odind"})
        await _init_connection(conn)
        return conn

    async def open(self, *, migrate: bool = True) -> None:
        self._writer = await self._connect()
        self._open = True
        if migrate:
            await self.migrate()
        current = await self.version()
        if current > latest_version():
            await self.close()
            raise SchemaTooNew(f"database is at schema {current}, newer than this odind ({latest_version()}); "
                               "refusing to run an older daemon on it: upgrade this node")
        self._reader = await self._connect()

    async def close(self) -> None:
        self._open = False
        await self._background.cancel_all()
        for conn in (self._listener, self._reader, self._writer):
            if conn is not None and not conn.is_closed():
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.close(), 5)
        self._listener = self._reader = self._writer = None

    async def _live(self, which: str) -> asyncpg.Connection:
        """The named connection, reconnected if a restart or a network fault closed it."""
        assert self._open, "store is not open"
        conn = getattr(self, which)
        if conn is None or conn.is_closed():
            conn = await self._connect()
            setattr(self, which, conn)
        return conn

    async def version(self) -> int:
        if self._reader is not None:  # open: the writer may be inside someone's transaction
            async with self.read() as db:
                return int(await db.scalar("SELECT version FROM odind_schema") or 0)
        conn = await self._live("_writer")
        with _guard(conn):
            if await conn.fetchval("SELECT to_regclass('odind_schema')") is None:
                return 0
            return int(await conn.fetchval("SELECT version FROM odind_schema") or 0)

    async def table_names(self) -> list[str]:
        async with self.read() as db:
            rows = await db.all("SELECT table_name AS name FROM information_schema.tables"
                                " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                                " AND table_name <> 'odind_schema' ORDER BY table_name")
        return [row["name"] for row in rows]

    async def migrate(self) -> list[str]:
        """Apply pending migrations, each atomically, under an advisory lock: safe from any node at once."""
        conn = await self._live("_writer")
        applied: list[str] = []
        async with self._write_lock:
            with _guard(conn):
                await conn.execute("SELECT pg_advisory_lock($1)", MIGRATE_LOCK, timeout=_MIGRATION_TIMEOUT_S)
            try:
                with _guard(conn):
                    await conn.execute("CREATE TABLE IF NOT EXISTS odind_schema (version INTEGER NOT NULL)")
                    await conn.execute("INSERT INTO odind_schema (version) SELECT 0"
                                       " WHERE NOT EXISTS (SELECT 1 FROM odind_schema)")
                current = await self.version()
                if current > latest_version():
                    raise SchemaTooNew(f"database is at schema {current}, newer than this odind "
                                       f"({latest_version()}); refusing to run an older daemon on it")
                for version, name, sql in migrations("postgresql"):
                    if version <= current:
                        continue
                    with _guard(conn):
                        async with conn.transaction():
                            script = migration_for_postgres(sql)
                            if has_statements(script):
                                await conn.execute(script, timeout=_MIGRATION_TIMEOUT_S)
                            await conn.execute("UPDATE odind_schema SET version = $1", version)
                    log.info("applied migration %s", name)
                    applied.append(name)
            finally:
                if not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATE_LOCK)
        return applied

    async def backup(self, target: Path) -> None:
        """pg_dump's custom format (restore with pg_restore); the file appears only when complete."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        proc = await asyncio.create_subprocess_exec(
            postgres_tool("pg_dump"), "--format=custom", f"--file={partial}", f"--dbname={self.url}",
            stderr=asyncio.subprocess.PIPE)
        _, err = await proc.communicate()
        if proc.returncode != 0:
            partial.unlink(missing_ok=True)
            raise RuntimeError(f"pg_dump failed: {err.decode(errors='replace').strip()}")
        os.replace(partial, target)

    async def _begin_on(self, which: str, statement: str) -> asyncpg.Connection:
        """BEGIN on a live connection; one retry on a fresh connection, since nothing has run yet.

        Not after a timeout: the network itself is gone, and a retry would only make the caller wait
        twice for its 503.
        """
        for attempt in (1, 2):
            conn = await self._live(which)
            try:
                with _guard(conn):
                    await conn.execute(statement)
                return conn
            except Unavailable as exc:
                if attempt == 2 or isinstance(exc.__cause__, TimeoutError):
                    self._lost_contact()
                    raise
            except asyncio.CancelledError:
                with contextlib.suppress(Exception):
                    await asyncio.shield(conn.execute("ROLLBACK"))
                raise
        raise AssertionError("unreachable")

    @staticmethod
    async def _end(conn: asyncpg.Connection, statement: str) -> None:
        with _guard(conn):
            await asyncio.shield(conn.execute(statement))

    @asynccontextmanager
    async def transaction(self, actor: str) -> AsyncIterator[Tx]:
        async with self._write_lock:
            conn = await self._begin_on("_writer", "BEGIN")
            tx = Tx(PgRunner(conn), actor, self.queries)
            try:
                with _guard(conn):
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
                yield tx
                await run_before_commit(self.before_commit, tx)
                if tx.events:
                    await self._notify(conn, tx.events)
            except BaseException:
                if not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await self._end(conn, "ROLLBACK")
                if conn.is_closed():
                    self._lost_contact()
                raise
            await self._end(conn, "COMMIT")
        for event in tx.events:
            self.bus.publish(event)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Db]:
        async with self._read_lock:
            conn = await self._begin_on("_reader", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                yield Db(PgRunner(conn), self.queries)
            finally:
                if not conn.is_closed():
                    with contextlib.suppress(Unavailable):
                        await self._end(conn, "COMMIT")

    async def _notify(self, conn: asyncpg.Connection, events: list[Saved]) -> None:
        payload = json.dumps({"origin": self.origin, "events": [e.to_json() for e in events]}, default=str)
        if len(payload.encode()) <= _NOTIFY_LIMIT:
            payloads = [payload]
        else:
            ids = [event.id for event in events]
            payloads = [json.dumps({"origin": self.origin, "ids": ids[i:i + _IDS_PER_NOTIFY]})
                        for i in range(0, len(ids), _IDS_PER_NOTIFY)]
        with _guard(conn):
            await conn.executemany("SELECT pg_notify($1, $2)", [(EVENTS_CHANNEL, p) for p in payloads])

    async def listen(self) -> None:
        """Publish other nodes' committed events on this node's bus (LISTEN/NOTIFY), reconnecting."""
        self._listening = True
        await self._start_listener()

    async def _start_listener(self) -> None:
        conn = await self._connect()
        await conn.add_listener(EVENTS_CHANNEL, self._on_notify)
        conn.add_termination_listener(self._on_listener_lost)
        self._listener = conn

    def _lost_contact(self) -> None:
        """The writer lost the database: the listener's socket is as likely dead, though after a partition
        nothing says so (no packet arrives to close it), so it is dropped and listened again."""
        if self._listener is not None and not self._listener.is_closed():
            log.info("listening again, as the database connection was lost")
            self._listener.terminate()

    def _on_listener_lost(self, _conn: asyncpg.Connection) -> None:
        if self._open and self._listening:
            self._background.spawn(self._relisten(), "relisten")

    async def _relisten(self) -> None:
        delay = 0.5
        while self._open and self._listening:
            try:
                await self._start_listener()
                log.info("listening for other nodes' events again")
                return
            except Unavailable:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    def _on_notify(self, _conn: asyncpg.Connection, _pid: int, _channel: str, payload: str) -> None:
        message = json.loads(payload)
        if message.get("origin") == self.origin:
            return
        if "events" in message:
            for event in message["events"]:
                self.bus.publish(Saved(**event))
        else:
            self._background.spawn(self._publish_by_id(message["ids"]), "events-by-id")

    async def _publish_by_id(self, ids: list[int]) -> None:
        from odind.store.events import by_ids

        async with self.read() as db:
            for row in await by_ids(db, ids):
                self.bus.publish(Saved(id=row["id"], at=row["at"], actor=row["actor"], entity=row["entity"],
                                       entity_id=row["entity_id"], action=row["action"], data=row["data"]))
