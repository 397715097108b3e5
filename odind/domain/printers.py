"""Printers as the business knows them: identity, capabilities, plate state and loaded filament.

Live telemetry is not here (it stays in memory in the Farm); what is here must survive a power cut,
above all whether the plate has been cleared since the last print.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import Field

from odind.config import PrinterConfig
from odind.domain.types import Colour, Input, Material, Name
from odind.errors import Conflict, Invalid, NotFound
from odind.store import nodes as nodes_sql
from odind.store import printers as sql
from odind.store.db import Db, Store
from odind.store.production import jobs as jobs_sql
from odind.vocabulary import LoadedFilament


class PrinterIn(Input):
    name: Name
    driver: str = Field(max_length=40)
    model: Name = "generic"
    nozzle_diameter: float = Field(0.4, gt=0, le=2)
    build_volume_mm: tuple[float, float, float] = (220.0, 220.0, 250.0)
    tags: list[Name] = Field(default_factory=list, max_length=20)
    auto_clear: bool = False
    connection: dict[str, Any] = Field(default_factory=dict, max_length=20)


class ConnectionTestIn(Input):
    driver: str
    connection: dict[str, Any] = Field(default_factory=dict)
    wait_s: float = Field(8.0, gt=0, le=30)  # how long to wait for the printer to answer


class FilamentSlotIn(Input):
    slot: Name = "ext"
    material: Material
    colour: Colour | None = None
    remaining_g: float | None = Field(None, ge=0)


class LoadedIn(Input):
    filaments: list[FilamentSlotIn] = Field(max_length=32)


ConnectionCheck = Callable[[str, dict[str, Any]], None]
"""Validates a printer's `connection` table for its driver, raising Invalid naming the field; the
runtime supplies it, because only the runtime knows the driver families."""


SECRET_KEYS = frozenset({"api_key", "password", "access_code"})


def printer_view(row: dict[str, Any]) -> dict[str, Any]:
    connection = json.loads(row["connection_json"])
    return {
        "connection": {key: value for key, value in connection.items() if key not in SECRET_KEYS},
        "id": row["id"], "name": row["name"], "driver": row["driver"], "model": row["model"],
        "nozzle_diameter": float(row["nozzle_diameter"]), "build_volume_mm": json.loads(row["build_volume"]),
        "tags": [t for t in row["tags"].split(",") if t], "auto_clear": bool(row["auto_clear"]),
        "plate_clear": bool(row["plate_clear"]), "source": row["source"],
        "loaded": json.loads(row["loaded_json"]), "node": row.get("node"), "created_at": row["created_at"],
    }


def _columns(data: PrinterIn | PrinterConfig) -> dict[str, Any]:
    return {"driver": data.driver, "model": data.model, "nozzle_diameter": str(data.nozzle_diameter),
            "build_volume": json.dumps(list(data.build_volume_mm)), "tags": ",".join(data.tags),
            "auto_clear": data.auto_clear, "connection_json": json.dumps(data.connection, sort_keys=True)}


async def add_printer(store: Store, actor: str, data: PrinterIn, check: ConnectionCheck, *,
                      node: str | None = None) -> dict[str, Any]:
    """`node`: the farm node that will run its driver (the one the request reached)."""
    check(data.driver, data.connection)
    async with store.transaction(actor) as tx:
        if await sql.get_printer_by_name(tx, data.name):
            raise Conflict(f"a printer named {data.name} already exists", field="name")
        printer_id = await sql.insert_printer(tx, name=data.name, source="api", node=node, **_columns(data))
        await tx.record("printer", printer_id, "added", name=data.name, driver=data.driver, model=data.model)
        return printer_view(await _require(tx, printer_id))


async def update_printer(store: Store, actor: str, printer_id: int, data: PrinterIn,
                         check: ConnectionCheck) -> dict[str, Any]:
    """Change a printer's details or connection; the farm reconnects it when the connection changed.

    Connection keys left out keep their stored values (with the same driver), so an edit form need
    not show the secrets it never receives (see printer_view).
    """
    async with store.transaction(actor) as tx:
        row = await _require(tx, printer_id)
        if data.driver == row["driver"]:
            data = data.model_copy(update={"connection": {**json.loads(row["connection_json"]), **data.connection}})
        check(data.driver, data.connection)
        if row["source"] == "config":
            raise Conflict(f"printer {row['name']} is declared in the config file; change it there", field="printer_id")
        clash = await sql.get_printer_by_name(tx, data.name)
        if clash is not None and clash["id"] != printer_id:
            raise Conflict(f"a printer named {data.name} already exists", field="name")
        columns = _columns(data)
        reconnect = columns["driver"] != row["driver"] or columns["connection_json"] != row["connection_json"]
        if reconnect and await jobs_sql.active_on_printer(tx, printer_id):
            raise Conflict(f"printer {row['name']} has a job in progress; its connection can change after it",
                           field="connection")
        await sql.update_printer(tx, printer_id, **columns)
        if data.name != row["name"]:
            await sql.rename_printer(tx, printer_id, data.name)
        await tx.record("printer", printer_id, "updated", name=data.name, driver=data.driver, model=data.model,
                        reconnect=reconnect)
        return printer_view(await _require(tx, printer_id))


async def sync_configured(store: Store, printers: list[PrinterConfig], check: ConnectionCheck, *,
                          node: str | None = None) -> list[str]:
    """Make the printers declared in the config file exist in the store, owned by this `node`;
    report the ones refused."""
    problems = []
    for declared in printers:
        try:
            check(declared.driver, declared.connection)
        except Invalid as exc:
            problems.append(f"printer {declared.name}: {exc.message}")
            continue
        async with store.transaction("config") as tx:
            existing = await sql.get_printer_by_name(tx, declared.name)
            if existing is None:
                printer_id = await sql.insert_printer(tx, name=declared.name, source="config", node=node,
                                                      **_columns(declared))
                await tx.record("printer", printer_id, "added", name=declared.name, driver=declared.driver)
            else:
                await sql.update_printer(tx, existing["id"], **_columns(declared))
                if node is not None and existing["node"] != node:
                    await nodes_sql.set_printer_node(tx, existing["id"], node)
    return problems


async def remove_printer(store: Store, actor: str, printer_id: int) -> None:
    async with store.transaction(actor) as tx:
        printer = await _require(tx, printer_id)
        if await jobs_sql.active_on_printer(tx, printer_id):
            raise Conflict(f"printer {printer['name']} has a job in progress; cancel it first", field="printer_id")
        await sql.delete_printer(tx, printer_id)
        await tx.record("printer", printer_id, "removed", name=printer["name"])


async def _require(db: Db, printer_id: int) -> dict[str, Any]:
    row = await sql.get_printer(db, printer_id)
    if row is None:
        raise NotFound(f"printer {printer_id} does not exist", field="printer_id")
    return row


async def plate_cleared(store: Store, actor: str, printer_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, printer_id)
        if not row["plate_clear"]:
            await sql.set_plate_clear(tx, printer_id, True)
            await tx.record("printer", printer_id, "plate_cleared", name=row["name"])
        return printer_view(await _require(tx, printer_id))


FILAMENT_WAIT = ("filament_wait_started", "filament_wait_ended")


async def waiting_for_filament(store: Store) -> set[int]:
    """Printers whose last word on filament waits is that one began (the log outlives a restart)."""
    async with store.read() as db:
        return await sql.last_action_is(db, FILAMENT_WAIT[0], FILAMENT_WAIT)


async def filament_waits(store: Store, actor: str, started: set[int], ended: set[int]) -> None:
    """A free printer began or stopped waiting for a filament swap before it can print queued work.

    Recorded as events only when that changes, so utilisation can show the time apart from plain idle.
    """
    async with store.transaction(actor) as tx:
        for printer_id in sorted(started):
            await tx.record("printer", printer_id, FILAMENT_WAIT[0])
        for printer_id in sorted(ended):
            await tx.record("printer", printer_id, FILAMENT_WAIT[1])


async def set_loaded(store: Store, actor: str, printer_id: int, data: LoadedIn) -> dict[str, Any]:
    loaded = [LoadedFilament(slot=f.slot, material=f.material, colour=f.colour, remaining_g=f.remaining_g)
              for f in data.filaments]
    async with store.transaction(actor) as tx:
        await _require(tx, printer_id)
        await sql.set_loaded(tx, printer_id, json.dumps([f.model_dump(mode="json") for f in loaded]))
        await tx.record("printer", printer_id, "filament_loaded",
                        filaments=[f"{f.material} {f.colour or ''}".strip() for f in loaded])
        return printer_view(await _require(tx, printer_id))


async def get_printer(store: Store, printer_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _require(db, printer_id)


async def list_printers(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return await sql.list_printers(db)
