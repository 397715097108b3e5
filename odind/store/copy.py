"""Moving a shelf's SQLite store into PostgreSQL: every table copied, then checked row for row.

Both stores must be at the same schema version (open both migrated). The target must hold no work
yet (an empty event log): its tables are emptied and filled in one transaction, parents before
children, and identity counters continue after the copied ids. The check reads every row back from
both engines, ordered by primary key, and compares them value for value.
"""

from __future__ import annotations

import logging
from typing import Any

from odind.store.db import Db, Store
from odind.store.postgres import PgStore

log = logging.getLogger(__name__)

_BATCH = 1000


class CopyError(RuntimeError):
    pass


async def _parents(db: Db, table: str) -> set[str]:
    rows = await db.all(f"SELECT * FROM pragma_foreign_key_list('{table}')")
    return {row["table"] for row in rows if row["table"] != table}


async def _order(source: Store, tables: list[str]) -> list[str]:
    """Tables with every referenced table before its referrers."""
    async with source.read() as db:
        needs = {table: await _parents(db, table) & set(tables) for table in tables}
    ordered: list[str] = []
    while needs:
        ready = sorted(t for t, parents in needs.items() if parents <= set(ordered))
        if not ready:
            raise CopyError(f"foreign keys form a cycle among {sorted(needs)}")
        ordered.extend(ready)
        for table in ready:
            del needs[table]
    return ordered


async def _key(db: Db, table: str) -> list[str]:
    rows = await db.all(f"SELECT name, pk FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk")
    return [row["name"] for row in rows]


async def _rows(store: Store, table: str, columns: list[str], key: list[str]) -> list[tuple[Any, ...]]:
    order = ", ".join(key or columns)
    async with store.read() as db:
        rows = await db.all(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
    # Sorted here too: a text key may collate differently on the two engines.
    return sorted((tuple(row[c] for c in columns) for row in rows), key=repr)


async def copy_sqlite_to_postgres(source: Store, target: PgStore) -> dict[str, int]:
    """Copy every table; the number of rows per table, each verified equal on both sides."""
    if type(source) is not Store:
        raise CopyError("the source must be a SQLite store")
    if await source.version() != await target.version():
        raise CopyError(f"schema versions differ: SQLite {await source.version()}, "
                        f"PostgreSQL {await target.version()}; migrate both with this odind first")
    tables = await source.table_names()
    missing = sorted(set(tables) - set(await target.table_names()))
    if missing:
        raise CopyError(f"tables missing in PostgreSQL: {', '.join(missing)}")
    ordered = await _order(source, tables)
    shapes: dict[str, tuple[list[str], list[str]]] = {}
    async with source.read() as db:
        for table in ordered:
            info = await db.all(f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
            columns = [row["name"] for row in info]
            shapes[table] = (columns, await _key(db, table))
    counts: dict[str, int] = {}
    async with target.transaction("copy") as tx:
        if await tx.scalar("SELECT COUNT(*) FROM events"):
            raise CopyError("the PostgreSQL database already holds work (its event log is not empty)")
        await tx.execute(f"TRUNCATE {', '.join(ordered)} RESTART IDENTITY CASCADE")
        for table in ordered:
            columns, key = shapes[table]
            rows = await _rows(source, table, columns, key)
            insert = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})")
            for start in range(0, len(rows), _BATCH):
                await tx.execute_many(insert, rows[start:start + _BATCH])
            counts[table] = len(rows)
            if key == ["id"] and rows:
                await tx.scalar(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
            log.info("copied %s: %d rows", table, len(rows))
    for table in ordered:
        columns, key = shapes[table]
        if await _rows(source, table, columns, key) != await _rows(target, table, columns, key):
            raise CopyError(f"table {table} differs after the copy")
    return counts
