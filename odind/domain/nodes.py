"""Several nodes, one farm: who is alive, what each owns, and what happens to a node that died.

A node's heartbeat is its lease on everything its printers are doing. Heartbeats and their ages
come from the database's clock, so nodes whose own clocks disagree still agree on who is late.
When a lease runs out, any live node interrupts the dead node's dispatched and printing jobs (the
operator checks the plate, as after any reset) and holds those printers; queued work was never a
node's, so the other nodes simply keep taking it. Each step is a compare-and-set on the job, so two
nodes reaping at once interrupt each job once, and no job can be started twice.
"""

from __future__ import annotations

import json
import logging
import socket
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from odind.config import Config
from odind.domain.production import jobs
from odind.domain.transitions import ACTIVE_JOB_STATES
from odind.store import nodes as sql
from odind.store.db import Store

log = logging.getLogger(__name__)

ACTOR = "nodes"


def node_name(config: Config) -> str:
    return config.store.node or socket.gethostname()


def odind_version() -> str:
    try:
        return version("odind")
    except PackageNotFoundError:
        return "0+unknown"


async def register(store: Store, name: str) -> None:
    """Join the farm (or rejoin after a restart) and take the printers no node owns yet."""
    schema = await store.version()
    async with store.transaction(ACTOR) as tx:
        await sql.register(tx, name=name, version=odind_version(), schema_version=schema)
        adopted = await sql.adopt_printers(tx, name)
        await tx.record("node", None, "joined", name=name, version=odind_version(), adopted_printers=adopted)


async def heartbeat(store: Store, name: str, summary: dict[int, dict[str, Any]]) -> None:
    """Renew this node's lease, with its printers' live status summarised for the other nodes."""
    async with store.transaction(ACTOR) as tx:
        if not await sql.heartbeat(tx, name, json.dumps(summary, sort_keys=True, default=str)):
            await sql.register(tx, name=name, version=odind_version(), schema_version=await store.version())


async def reap(store: Store, me: str, lease_s: float) -> list[int]:
    """Interrupt the active jobs of nodes whose lease ran out; the ids of the jobs this call moved."""
    async with store.read() as db:
        dead = await sql.expired(db, lease_s, but=me)
        doomed = {node: await sql.active_jobs_of(db, node, tuple(sorted(ACTIVE_JOB_STATES))) for node in dead}
    moved = []
    for node, job_ids in doomed.items():
        for job_id in job_ids:
            job = await jobs.interrupted(store, ACTOR, job_id,
                                         f"node {node} stopped renewing its lease (crash, power or network); "
                                         "check the printer and plate, then requeue or cancel the job")
            if job is not None:
                log.warning("node %s is gone: job %s interrupted", node, job_id)
                moved.append(job_id)
    return moved


async def remote_status(store: Store, me: str) -> dict[int, dict[str, Any]]:
    """The other nodes' printers as their last heartbeat summarised them, with the node's name."""
    async with store.read() as db:
        rows = await sql.list_nodes(db)
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        if row["name"] == me:
            continue
        for printer_id, status in json.loads(row["summary_json"]).items():
            found[int(printer_id)] = {**status, "node": row["name"], "node_heartbeat_age_s": row["heartbeat_age_s"]}
    return found


async def list_nodes(store: Store, lease_s: float) -> list[dict[str, Any]]:
    """Each node with its printers, version, schema and last heartbeat; `alive` while its lease holds."""
    async with store.read() as db:
        rows = await sql.list_nodes(db)
        printers = await sql.printers_by_node(db)
    return [{"name": row["name"], "version": row["version"], "schema": row["schema_version"],
             "started_at": row["started_at"], "heartbeat_age_s": round(float(row["heartbeat_age_s"]), 3),
             "alive": float(row["heartbeat_age_s"]) <= lease_s,
             "printers": [{"id": p["id"], "name": p["name"], "driver": p["driver"]}
                          for p in printers.get(row["name"], [])]}
            for row in rows]
