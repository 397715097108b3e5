"""SQL for printers: their configuration and the few states that must survive a power cut."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow


async def insert_printer(tx: Tx, *, name: str, driver: str, model: str, nozzle_diameter: str,
                         build_volume: str, tags: str, auto_clear: bool, connection_json: str,
                         source: str, node: str | None = None) -> int:
    return await tx.insert(
        "INSERT INTO printers (name, driver, model, nozzle_diameter, build_volume, tags, auto_clear,"
        " connection_json, source, node, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        name, driver, model, nozzle_diameter, build_volume, tags, int(auto_clear), connection_json, source, node,
        utcnow())


async def update_printer(tx: Tx, printer_id: int, *, driver: str, model: str, nozzle_diameter: str,
                         build_volume: str, tags: str, auto_clear: bool, connection_json: str) -> None:
    await tx.execute(
        "UPDATE printers SET driver = ?, model = ?, nozzle_diameter = ?, build_volume = ?, tags = ?,"
        " auto_clear = ?, connection_json = ? WHERE id = ?",
        driver, model, nozzle_diameter, build_volume, tags, int(auto_clear), connection_json, printer_id)


async def get_printer(db: Db, printer_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM printers WHERE id = ?", printer_id)


async def get_printer_by_name(db: Db, name: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM printers WHERE name = ?", name)


async def list_printers(db: Db) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM printers ORDER BY id")


async def delete_printer(tx: Tx, printer_id: int) -> None:
    await tx.execute("UPDATE spools SET printer_id = NULL WHERE printer_id = ?", printer_id)
    await tx.execute("DELETE FROM printers WHERE id = ?", printer_id)


async def set_plate_clear(tx: Tx, printer_id: int, clear: bool) -> None:
    await tx.execute("UPDATE printers SET plate_clear = ? WHERE id = ?", int(clear), printer_id)


async def set_loaded(tx: Tx, printer_id: int, loaded_json: str) -> None:
    await tx.execute("UPDATE printers SET loaded_json = ? WHERE id = ?", loaded_json, printer_id)


async def rename_printer(tx: Tx, printer_id: int, name: str) -> None:
    await tx.execute("UPDATE printers SET name = ? WHERE id = ?", name, printer_id)


async def last_action_is(db: Db, action: str, among: tuple[str, ...]) -> set[int]:
    """Printers whose latest event of the kinds `among` is `action`."""
    marks = ",".join("?" * len(among))
    rows = await db.all(
        f"SELECT e.entity_id FROM events e WHERE e.id IN (SELECT MAX(id) FROM events WHERE entity = 'printer'"
        f" AND action IN ({marks}) GROUP BY entity_id) AND e.action = ?", *among, action)
    return {int(row["entity_id"]) for row in rows}
