"""Consumable purchases as FIFO cost layers, and usage that records what it really cost.

A purchase adds a 'receipt' movement to the stock ledger and a cost layer in the same transaction;
usage adds a 'use' movement and draws the oldest layers first, keeping each draw (layer, quantity,
cost, order, job) as the audit trail. Stock counted before purchases were recorded (opening stock,
manual receipts) has no layer; it is drawn first, at the consumable's unit cost, so history added
later never makes old stock free. The unit cost quoted for new work follows the latest purchase.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field, ValidationError

from odind.costing.fields import Frozen, PositiveAmount
from odind.costing.fifo import Consumption, CostLayer, Purchase, Unit, consume, current_unit_cost, open_layer
from odind.domain.costs import history
from odind.domain.stock import inventory
from odind.domain.types import Count, Id, Name, Note
from odind.errors import InsufficientStock, Invalid, NotFound
from odind.money import Money, exact_text, shown_text
from odind.store import costs as sql
from odind.store.db import Store, Tx
from odind.store.stock import inventory as inventory_sql

UNLAYERED = 0
STOCK_BEFORE_PURCHASES = "stock recorded before its purchases"


class PurchaseIn(Frozen):
    """One delivery; `unit` defaults to the consumable's stock unit, or buy in packs with `pack_size`."""

    quantity: PositiveAmount
    total_cost: Money
    unit: Unit | None = None
    pack_size: PositiveAmount | None = None
    supplier: Name | None = None
    reference: Name | None = None
    purchased_on: date | None = None


class UsageIn(Frozen):
    quantity: int = Field(gt=0, le=1_000_000)
    order_id: Id | None = None
    job_id: Id | None = None
    note: Note | None = None


class PurchasingIn(Frozen):
    """How a consumable is stocked and reordered."""

    unit: Unit = Unit.EACH
    reorder_point: Count = 0
    reorder_quantity: Count = 0
    preferred_supplier: Name | None = None
    lead_days: int | None = Field(default=None, ge=0, le=365)


def _layer(row: dict[str, Any]) -> CostLayer:
    purchase = Purchase(quantity=Decimal(row["quantity"]), total_cost=Decimal(row["total_cost"]), unit=row["unit"],
                        pack_size=None if row["pack_size"] is None else Decimal(row["pack_size"]),
                        supplier=row["supplier"], reference=row["reference"],
                        purchased_on=date.fromisoformat(row["purchased_on"]))
    return CostLayer(row["id"], purchase, Decimal(row["remaining"]), Decimal(row["remaining_cost"]))


def consumable_view(row: dict[str, Any]) -> dict[str, Any]:
    return {**inventory.consumable_view(row), "unit": row["unit"], "reorder_quantity": row["reorder_quantity"],
            "preferred_supplier": row["vendor"], "lead_days": row["lead_days"]}


def layer_view(row: dict[str, Any]) -> dict[str, Any]:
    layer = _layer(row)
    return {"id": row["id"], "purchased_on": row["purchased_on"], "quantity": row["quantity"], "unit": row["unit"],
            "pack_size": row["pack_size"], "total_cost": row["total_cost"], "supplier": row["supplier"],
            "reference": row["reference"], "unit_cost": exact_text(layer.purchase.unit_cost),
            "stock_quantity": exact_text(layer.purchase.stock_quantity), "remaining": exact_text(layer.remaining),
            "remaining_cost": exact_text(layer.remaining_cost)}


def draw_view(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "layer_id": row["layer_id"], "quantity": row["quantity"], "cost": row["cost"],
            "order_id": row["order_id"], "job_id": row["job_id"], "supplier": row.get("supplier"),
            "reference": row.get("reference") if row["layer_id"] else STOCK_BEFORE_PURCHASES,
            "purchased_on": row.get("purchased_on"), "actor": row["actor"], "at": row["created_at"]}


async def _require(tx: Tx, consumable_id: int) -> dict[str, Any]:
    row = await inventory_sql.get_consumable(tx, consumable_id)
    if row is None:
        raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
    return row


async def _layer_earlier_stock(tx: Tx, row: dict[str, Any]) -> None:
    """Before the first purchase moves the quoted unit cost, keep stock without a layer at the cost it had."""
    layered = sum((Decimal(r["remaining"]) for r in await sql.layers(tx, row["id"])), Decimal(0))
    unlayered = Decimal(int(row["on_hand"])) - layered
    if unlayered <= 0:
        return
    cost = unlayered * Decimal(row["unit_cost"])
    await sql.insert_layer(tx, consumable_id=row["id"], purchased_on=date.min.isoformat(),
                           quantity=exact_text(unlayered),
                           unit=row["unit"], pack_size=None, total_cost=exact_text(cost), supplier=None,
                           reference=STOCK_BEFORE_PURCHASES, remaining=exact_text(unlayered), movement_id=None)


async def receive_purchase(tx: Tx, consumable_id: int, purchase: Purchase) -> int:
    """Book a purchase: a 'receipt' ledger movement plus its cost layer; returns the layer id.

    Purchase orders call this on receipt, so received stock always carries what it cost.
    """
    row = await _require(tx, consumable_id)
    open_layer(UNLAYERED, purchase, Unit(row["unit"]))
    stock = purchase.stock_quantity
    if stock != stock.to_integral_value():
        raise Invalid(f"stock of {row['sku']} is counted in whole {row['unit']};"
                      f" this purchase adds {exact_text(stock)}",
                      field="quantity")
    await _layer_earlier_stock(tx, row)
    note = f"purchase {purchase.reference}" if purchase.reference else "purchase"
    movement_id = await inventory_sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=int(stock),
                                           reason="receipt", note=note)
    layer_id = await sql.insert_layer(
        tx, consumable_id=consumable_id, purchased_on=purchase.purchased_on.isoformat(),
        quantity=exact_text(purchase.quantity), unit=purchase.unit.value,
        pack_size=None if purchase.pack_size is None else exact_text(purchase.pack_size),
        total_cost=exact_text(purchase.total_cost), supplier=purchase.supplier, reference=purchase.reference,
        remaining=exact_text(stock), movement_id=movement_id)
    latest = current_unit_cost(_layer(r) for r in await sql.layers(tx, consumable_id))
    assert latest is not None
    await sql.set_consumable_unit_cost(tx, consumable_id, exact_text(latest))
    await tx.record("consumable", consumable_id, "purchased", sku=row["sku"], layer_id=layer_id,
                    quantity=exact_text(stock), total_cost=exact_text(purchase.total_cost), supplier=purchase.supplier,
                    reference=purchase.reference, unit_cost=exact_text(purchase.unit_cost))
    await history.record_cost_changes(tx, f"purchase of {row['sku']}")
    return layer_id


async def draw(tx: Tx, consumable_id: int, quantity: int, *, on_hand_before: int, order_id: int | None = None,
               job_id: int | None = None, movement_id: int | None = None) -> Consumption:
    """Charge `quantity` to the oldest layers and keep the draws; the ledger movement is the caller's."""
    row = await _require(tx, consumable_id)
    layers = [_layer(r) for r in await sql.layers(tx, consumable_id)]
    unlayered = on_hand_before - sum((layer.remaining for layer in layers), Decimal(0))
    if unlayered > 0:
        unit_cost = Decimal(row["unit_cost"])
        opening = Purchase(quantity=unlayered, total_cost=unlayered * unit_cost, unit=Unit(row["unit"]),
                           reference=STOCK_BEFORE_PURCHASES, purchased_on=date.min)
        layers.append(CostLayer(UNLAYERED, opening, unlayered, unlayered * unit_cost))
    consumption = consume(layers, quantity)
    for used in consumption.draws:
        await sql.insert_draw(tx, consumable_id=consumable_id, layer_id=used.layer_id or None,
                              quantity=exact_text(used.quantity), cost=exact_text(used.cost), order_id=order_id,
                              job_id=job_id, movement_id=movement_id)
    drawn = {used.layer_id for used in consumption.draws}
    for layer in consumption.layers:
        if layer.layer_id != UNLAYERED and layer.layer_id in drawn:
            await sql.set_layer_remaining(tx, layer.layer_id, exact_text(layer.remaining),
                                          exact_text(layer.remaining_cost))
    return consumption


async def use_in_tx(tx: Tx, consumable_id: int, quantity: int, *, reason: str, order_id: int | None = None,
                    job_id: int | None = None, note: str | None = None) -> Consumption | None:
    """Take up to `quantity` off the shelf through the ledger, charged FIFO; never below empty (a shortfall
    is recorded instead). Returns None when nothing was there to take."""
    row = await _require(tx, consumable_id)
    on_hand = int(row["on_hand"])
    taken = min(quantity, max(on_hand, 0))
    if taken < quantity:
        await tx.record("consumable", consumable_id, "short", sku=row["sku"], wanted=quantity, taken=taken,
                        job_id=job_id, order_id=order_id)
    if not taken:
        return None
    movement_id = await inventory_sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=-taken,
                                           reason=reason, order_id=order_id, job_id=job_id, note=note)
    return await draw(tx, consumable_id, taken, on_hand_before=on_hand, order_id=order_id, job_id=job_id,
                      movement_id=movement_id)


async def cost_reserved_consumables(tx: Tx, order_id: int) -> list[Consumption]:
    """Draw FIFO layers for what an order has reserved and not yet been charged for.

    Call after reserving an order's consumables (Schedule All); calling again charges only the
    difference, so a retried schedule never charges twice. Released reservations are not refunded
    to layers: the draw records what the stock cost when it was set aside.
    """
    drawn: dict[int, Decimal] = defaultdict(Decimal)
    for row in await sql.order_draws(tx, order_id):
        drawn[row["consumable_id"]] += Decimal(row["quantity"])
    result = []
    for held in await inventory_sql.order_net(tx, order_id, "consumable"):
        want = -Decimal(held["quantity"]) - drawn[held["item_id"]]
        if want <= 0:
            continue
        balance = await inventory_sql.balance(tx, "consumable", held["item_id"])
        result.append(await draw(tx, held["item_id"], int(want), on_hand_before=balance + int(want),
                                 order_id=order_id))
    return result


def _purchase(data: PurchaseIn, stock_unit: Unit) -> Purchase:
    try:
        return Purchase(quantity=data.quantity, total_cost=data.total_cost, unit=data.unit or stock_unit,
                        pack_size=data.pack_size, supplier=data.supplier, reference=data.reference,
                        purchased_on=data.purchased_on or datetime.now(UTC).date())
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        field = ".".join(str(part) for part in first["loc"]) or ("pack_size" if "pack_size" in message else "unit")
        raise Invalid(message, field=field) from None


async def purchase(store: Store, actor: str, consumable_id: int, data: PurchaseIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, consumable_id)
        layer_id = await receive_purchase(tx, consumable_id, _purchase(data, Unit(row["unit"])))
        layer = next(r for r in await sql.layers(tx, consumable_id) if r["id"] == layer_id)
        row = await _require(tx, consumable_id)
    return {"layer": layer_view(layer), "consumable": consumable_view(row)}


async def use(store: Store, actor: str, consumable_id: int, data: UsageIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, consumable_id)
        on_hand = int(row["on_hand"])
        if data.quantity > on_hand:
            raise InsufficientStock(f"only {on_hand} of {row['sku']} on hand", field="quantity",
                                    details={"requested": data.quantity, "available": on_hand})
        movement_id = await inventory_sql.move(tx, item_kind="consumable", item_id=consumable_id,
                                               quantity=-data.quantity, reason="use", order_id=data.order_id,
                                               job_id=data.job_id, note=data.note)
        used = await draw(tx, consumable_id, data.quantity, on_hand_before=on_hand, order_id=data.order_id,
                          job_id=data.job_id, movement_id=movement_id)
        await tx.record("consumable", consumable_id, "used", sku=row["sku"], quantity=data.quantity,
                        cost=exact_text(used.cost), order_id=data.order_id, job_id=data.job_id)
        row = await _require(tx, consumable_id)
        await inventory.note_low_stock(tx, consumable_id, row["sku"], before=on_hand, after=row["on_hand"],
                                       reorder_point=row["reorder_point"])
    return {"quantity": data.quantity, "cost": shown_text(used.cost), "exact_cost": exact_text(used.cost),
            "draws": [{"layer_id": d.layer_id or None, "quantity": exact_text(d.quantity), "cost": exact_text(d.cost),
                       "supplier": d.supplier, "reference": d.reference,
                       "purchased_on": None if d.layer_id == UNLAYERED else d.purchased_on.isoformat()}
                      for d in used.draws],
            "consumable": consumable_view(row)}


async def set_purchasing(store: Store, actor: str, consumable_id: int, data: PurchasingIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, consumable_id)
        if data.unit is Unit.PACK:
            raise Invalid("stock is kept in each, ml or g; buy in packs with a pack_size instead", field="unit")
        if data.unit.value != row["unit"] and await sql.layers(tx, consumable_id):
            raise Invalid(f"{row['sku']} already has purchases in {row['unit']}; its unit cannot change",
                          field="unit")
        await sql.update_purchasing(tx, consumable_id, unit=data.unit.value, reorder_point=data.reorder_point,
                                    reorder_quantity=data.reorder_quantity, vendor=data.preferred_supplier,
                                    lead_days=data.lead_days)
        await tx.record("consumable", consumable_id, "purchasing_set", **data.model_dump(mode="json"))
        row = await _require(tx, consumable_id)
    return consumable_view(row)


async def purchases(store: Store, consumable_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await inventory_sql.get_consumable(db, consumable_id)
        if row is None:
            raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
        rows = await sql.layers(db, consumable_id)
    layers = [_layer(r) for r in rows]
    value = sum((layer.remaining_cost for layer in layers), Decimal(0))
    return {"consumable": consumable_view(row), "current_unit_cost": row["unit_cost"],
            "stock_value": shown_text(value), "exact_stock_value": exact_text(value),
            "layers": [layer_view(r) for r in rows]}


async def usage(store: Store, consumable_id: int) -> list[dict[str, Any]]:
    async with store.read() as db:
        if await inventory_sql.get_consumable(db, consumable_id) is None:
            raise NotFound(f"consumable {consumable_id} does not exist", field="consumable_id")
        return [draw_view(row) for row in await sql.draws(db, consumable_id)]
