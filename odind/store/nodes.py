"""SQL for the nodes of a farm: registration, heartbeats on the database's clock, printers they own."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, marks, utcnow

# Seconds since the epoch by the database's clock: the one clock every node agrees on. No portable form.
_CLOCK = {"sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
          "postgresql": "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)"}


def clock(db: Db) -> str:
    return _CLOCK[db.dialect]


async def now(db: Db) -> float:
    return float(await db.scalar(f"SELECT {clock(db)}"))


async def register(tx: Tx, *, name: str, version: str, schema_version: int) -> None:
    await tx.execute(
        f"INSERT INTO nodes (name, version, schema_version, started_at, heartbeat) VALUES (?, ?, ?, ?, {clock(tx)})"
        f" ON CONFLICT (name) DO UPDATE SET version = excluded.version, schema_version = excluded.schema_version,"
        f" started_at = excluded.started_at, heartbeat = excluded.heartbeat",
        name, version, schema_version, utcnow())


async def heartbeat(tx: Tx, name: str, summary_json: str) -> bool:
    """Renew a node's lease; False if the node row is gone (removed by an operator)."""
    return await tx.execute(f"UPDATE nodes SET heartbeat = {clock(tx)}, summary_json = ? WHERE name = ?",
                            summary_json, name) == 1


async def list_nodes(db: Db) -> list[dict[str, Any]]:
    """Every node with the age of its last heartbeat, both read from the database's clock."""
    return await db.all(f"SELECT n.*, {clock(db)} - n.heartbeat AS heartbeat_age_s FROM nodes n ORDER BY n.name")


async def expired(db: Db, lease_s: float, but: str) -> list[str]:
    """Nodes (other than `but`) whose lease ran out."""
    rows = await db.all(f"SELECT name FROM nodes WHERE heartbeat < {clock(db)} - ? AND name <> ? ORDER BY name",
                        float(lease_s), but)
    return [row["name"] for row in rows]


async def active_jobs_of(db: Db, node: str, states: tuple[str, ...]) -> list[int]:
    """Jobs on a node's printers that are dispatched or printing: what its lease covered."""
    rows = await db.all(f"SELECT j.id FROM jobs j JOIN printers p ON p.id = j.printer_id"
                        f" WHERE p.node = ? AND j.status IN ({marks(states)}) ORDER BY j.id", node, *states)
    return [row["id"] for row in rows]


async def printers_by_node(db: Db) -> dict[str | None, list[dict[str, Any]]]:
    rows = await db.all("SELECT id, name, driver, node FROM printers ORDER BY id")
    found: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["node"], []).append(row)
    return found


async def adopt_printers(tx: Tx, node: str) -> int:
    """Printers no node owns yet (added before nodes existed) become this node's."""
    return await tx.execute("UPDATE printers SET node = ? WHERE node IS NULL", node)


async def set_printer_node(tx: Tx, printer_id: int, node: str | None) -> None:
    await tx.execute("UPDATE printers SET node = ? WHERE id = ?", node, printer_id)
