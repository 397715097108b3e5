"""Stock: consumables, filament spools and material prices. Every quantity change is a ledger row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError

from odind.domain.costs import history
from odind.domain.paging import PageIn, page
from odind.domain.types import Colour, Count, Id, Input, Material, Name, Note, Rate, Sku
from odind.errors import Conflict, InsufficientStock, Invalid, NotFound
from odind.money import Money
from odind.store import printers as printers_sql
from odind.store.db import Store, Tx, utcnow
from odind.store.stock import inventory as sql

MG_PER_GRAM = 1000
_MATERIAL: TypeAdapter[str] = TypeAdapter(Material)


class ConsumableIn(Input):
    sku: Sku
    name: Name
    unit_cost: Money
    stock: Count = 0
    reorder_point: Count = 0
    vendor: Name | None = None
    notes: Note | None = None


class StockAdjustIn(Input):
    quantity: int = Field(ge=-1_000_000, le=1_000_000)
    reason: str = Field("adjustment", pattern=r"^(adjustment|receipt|count|damage)$")
    note: Note | None = None


def consumable_view(row: dict[str, Any]) -> dict[str, Any]:
    on_hand = int(row["on_hand"])
    return {
        "id": row["id"], "sku": row["sku"], "name": row["name"], "unit_cost": row["unit_cost"],
        "stock": on_hand, "reorder_point": row["reorder_point"], "vendor": row["vendor"], "notes": row["notes"],
        "low_stock": on_hand < row["reorder_point"], "created_at": row["created_at"],
        "archived": row["archived_at"] is not None,
    }


async def create_consumable(store: Store, actor: str, data: ConsumableIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        if await sql.consumable_sku_taken(tx, data.sku):
            raise Conflict(f"a consumable with SKU {data.sku} already exists", field="sku")
        consumable_id = await sql.insert_consumable(
            tx, sku=data.sku, name=data.name, unit_cost=str(data.unit_cost), reorder_point=data.reorder_point,
            vendor=data.vendor, notes=data.notes)
        if data.stock:
            await sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=data.stock,
                           reason="receipt", note="opening stock")
        await tx.record("consumable", consumable_id, "created", sku=data.sku, stock=data.stock)
        row = await sql.get_consumable(tx, consumable_id)
        assert row is not None  # written just above, in this transaction
        await note_low_stock(tx, consumable_id, data.sku, before=row["reorder_point"], after=row["on_hand"],
                             reorder_point=row["reorder_point"])  # new: low from the start counts as crossing
    return consumable_view(row)


async def note_low_stock(tx: Tx, consumable_id: int, sku: str, *, before: int, after: int, reorder_point: int) -> None:
    """Record that a consumable is below its reorder point after a change, and whether this change took it
    there (`crossed`: what the staff alert follows, so twenty draws while low are one alert, not twenty)."""
    if after < reorder_point:
        await tx.record("consumable", consumable_id, "low_stock", sku=sku, stock=after, reorder_point=reorder_point,
                        crossed=before >= reorder_point)


async def adjust_consumable(store: Store, actor: str, consumable_id: int, data: StockAdjustIn) -> dict[str, Any]:
    if data.quantity == 0:
        raise Invalid("quantity must not be zero", field="quantity")
    async with store.transaction(actor) as tx:
        row = await sql.get_consumable(tx, consumable_id)
        if row is None:
            raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
        if row["on_hand"] + data.quantity < 0:
            raise InsufficientStock(f"only {row['on_hand']} of {row['sku']} on hand", field="quantity")
        before = row["on_hand"]
        await sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=data.quantity,
                       reason=data.reason, note=data.note)
        await tx.record("consumable", consumable_id, "stock_adjusted", quantity=data.quantity, reason=data.reason)
        row = await sql.get_consumable(tx, consumable_id)
        assert row is not None  # checked at the start of this transaction
        await note_low_stock(tx, consumable_id, row["sku"], before=before, after=row["on_hand"],
                             reorder_point=row["reorder_point"])
    return consumable_view(row)


async def list_consumables(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [consumable_view(row) for row in await sql.list_consumables(db)]


async def get_consumable(store: Store, consumable_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_consumable(db, consumable_id)
    if row is None:
        raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
    return consumable_view(row)


class ConsumableChangeIn(Input):
    """A consumable's description; its stock moves only through the ledger, its cost through purchases."""

    sku: Sku
    name: Name
    reorder_point: Count = 0
    vendor: Name | None = None
    notes: Note | None = None


async def _require_consumable(db: Any, consumable_id: int) -> dict[str, Any]:
    row = await sql.get_consumable(db, consumable_id)
    if row is None:
        raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
    return row


async def update_consumable(store: Store, actor: str, consumable_id: int, data: ConsumableChangeIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await _require_consumable(tx, consumable_id)
        clash = await sql.consumable_by_sku(tx, data.sku)
        if clash is not None and clash["id"] != consumable_id:
            raise Conflict(f"a consumable with SKU {data.sku} already exists", field="sku")
        await sql.update_consumable(tx, consumable_id, sku=data.sku, name=data.name, reorder_point=data.reorder_point,
                                    vendor=data.vendor, notes=data.notes)
        await tx.record("consumable", consumable_id, "changed", sku=data.sku, reorder_point=data.reorder_point)
        return consumable_view(await _require_consumable(tx, consumable_id))


async def archive_consumable(store: Store, actor: str, consumable_id: int, *, archived: bool) -> dict[str, Any]:
    """Archive (or restore) instead of deleting: purchases, usage and BOMs still refer to it."""
    async with store.transaction(actor) as tx:
        row = await _require_consumable(tx, consumable_id)
        if bool(row["archived_at"]) == archived:
            raise Conflict(f"{row['sku']} is already {'archived' if archived else 'not archived'}",
                           field="consumable_id")
        await sql.set_consumable_archived(tx, consumable_id, utcnow() if archived else None)
        await tx.record("consumable", consumable_id, "archived" if archived else "restored", sku=row["sku"])
        return consumable_view(await _require_consumable(tx, consumable_id))


class SpoolIn(Input):
    material: Material
    colour: Colour | None = None
    brand: Name | None = None
    grams: Rate = Field(gt=0, le=100_000)
    cost: Money = Decimal(0)
    printer_id: Id | None = None


def spool_view(row: dict[str, Any]) -> dict[str, Any]:
    net = row["net_weight_mg"]
    remaining = int(row["remaining_mg"])
    cost = Decimal(row["cost"])
    return {
        "id": row["id"], "material": row["material"], "colour": row["colour"], "brand": row["brand"],
        "net_grams": str(Decimal(net) / MG_PER_GRAM), "grams_left": str(Decimal(remaining) / MG_PER_GRAM),
        "cost": row["cost"], "cost_per_gram": str(cost * MG_PER_GRAM / net) if net else None,
        "printer_id": row["printer_id"], "created_at": row["created_at"],
    }


async def create_spool(store: Store, actor: str, data: SpoolIn) -> dict[str, Any]:
    mg = int(data.grams * MG_PER_GRAM)
    async with store.transaction(actor) as tx:
        if data.printer_id is not None and await printers_sql.get_printer(tx, data.printer_id) is None:
            raise NotFound(f"printer {data.printer_id} does not exist", field="printer_id")
        spool_id = await sql.insert_spool(tx, material=data.material, colour=data.colour, brand=data.brand,
                                          net_weight_mg=mg, cost=str(data.cost), printer_id=data.printer_id)
        await sql.move(tx, item_kind="spool", item_id=spool_id, quantity=mg, reason="receipt",
                       note="new spool")
        await tx.record("spool", spool_id, "created", material=data.material, colour=data.colour,
                        grams=str(data.grams))
        await history.record_cost_changes(tx, f"spool of {data.material} added")
        row = await sql.get_spool(tx, spool_id)
    assert row is not None  # written just above
    return spool_view(row)


async def _require_spool(db: Any, spool_id: int) -> dict[str, Any]:
    row = await sql.get_spool(db, spool_id)
    if row is None:
        raise NotFound(f"spool {spool_id} does not exist", field="spool_id")
    return row


class SpoolChangeIn(Input):
    """Weigh a spool (grams left, recorded as a count in the ledger) or move it to a printer or the shelf."""

    grams_left: Rate | None = Field(None, le=100_000)
    printer_id: Id | None = None
    on_shelf: bool = False  # printer_id None means "leave it where it is" unless this says take it off


async def update_spool(store: Store, actor: str, spool_id: int, data: SpoolChangeIn) -> dict[str, Any]:
    if data.on_shelf and data.printer_id is not None:
        raise Invalid("a spool cannot go on the shelf and onto a printer at once", field="on_shelf")
    async with store.transaction(actor) as tx:
        row = await _require_spool(tx, spool_id)
        if data.printer_id is not None and await printers_sql.get_printer(tx, data.printer_id) is None:
            raise NotFound(f"printer {data.printer_id} does not exist", field="printer_id")
        if data.grams_left is not None:
            target = int(data.grams_left * MG_PER_GRAM)
            if target > row["net_weight_mg"]:
                raise Invalid(f"a spool of {Decimal(row['net_weight_mg']) / MG_PER_GRAM} g cannot have "
                              f"{data.grams_left} g left", field="grams_left")
            change = target - int(row["remaining_mg"])
            if change:
                await sql.move(tx, item_kind="spool", item_id=spool_id, quantity=change, reason="count",
                               note="weighed")
                await tx.record("spool", spool_id, "weighed", grams_left=str(data.grams_left))
        if data.printer_id is not None or data.on_shelf:
            destination = None if data.on_shelf else data.printer_id
            if destination != row["printer_id"]:
                await sql.set_spool_printer(tx, spool_id, destination)
                await tx.record("spool", spool_id, "moved", printer_id=destination, previous=row["printer_id"])
        return spool_view(await _require_spool(tx, spool_id))


async def list_spools(store: Store, request: PageIn) -> dict[str, Any]:
    """A page of spools, oldest first, with the total."""
    async with store.read() as db:
        rows = await sql.list_spools(db, after_id=request.after(), limit=request.limit + 1)
        total = await sql.count_spools(db)
    return page(rows, [spool_view(row) for row in rows[:request.limit]], total, request)


class MaterialPriceIn(Input):
    cost_per_gram: Money


async def set_material_price(store: Store, actor: str, material: str, data: MaterialPriceIn) -> dict[str, Any]:
    try:
        name = _MATERIAL.validate_python(material)
    except ValidationError:
        raise Invalid(f"material {material!r} is not a valid material name", field="material") from None
    async with store.transaction(actor) as tx:
        await sql.set_material_price(tx, name, str(data.cost_per_gram))
        await tx.record("material", None, "price_set", material=name, cost_per_gram=str(data.cost_per_gram))
        await history.record_cost_changes(tx, f"price of {name} changed")
    return {"material": name, "cost_per_gram": str(data.cost_per_gram)}


async def material_prices(store: Store) -> dict[str, str]:
    async with store.read() as db:
        return await sql.material_prices(db)
