"""Stock: consumables, filament spools and material prices. Every quantity change is a ledger row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError

from odind.domain.costs import history
from odind.domain.types import Colour, Count, Input, Material, Name, Note, Rate, Sku
from odind.errors import Conflict, InsufficientStock, Invalid, NotFound
from odind.money import Money
from odind.store import printers as printers_sql
from odind.store.db import Store
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
        if row["on_hand"] < row["reorder_point"]:
            await tx.record("consumable", consumable_id, "low_stock", sku=data.sku, stock=row["on_hand"],
                            reorder_point=row["reorder_point"])
    return consumable_view(row)


async def adjust_consumable(store: Store, actor: str, consumable_id: int, data: StockAdjustIn) -> dict[str, Any]:
    if data.quantity == 0:
        raise Invalid("quantity must not be zero", field="quantity")
    async with store.transaction(actor) as tx:
        row = await sql.get_consumable(tx, consumable_id)
        if row is None:
            raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
        if row["on_hand"] + data.quantity < 0:
            raise InsufficientStock(f"only {row['on_hand']} of {row['sku']} on hand", field="quantity")
        await sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=data.quantity,
                       reason=data.reason, note=data.note)
        await tx.record("consumable", consumable_id, "stock_adjusted", quantity=data.quantity, reason=data.reason)
        row = await sql.get_consumable(tx, consumable_id)
        assert row is not None  # checked at the start of this transaction
        if row["on_hand"] < row["reorder_point"]:
            await tx.record("consumable", consumable_id, "low_stock", sku=row["sku"], stock=row["on_hand"],
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


class SpoolIn(Input):
    material: Material
    colour: Colour | None = None
    brand: Name | None = None
    grams: Rate = Field(gt=0, le=100_000)
    cost: Money = Decimal(0)
    printer_id: int | None = None


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


async def list_spools(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [spool_view(row) for row in await sql.list_spools(db)]


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
