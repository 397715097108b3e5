"""Purchase orders: consumables, filament and finished goods bought from suppliers.

Nothing enters stock until it is received. A receipt books the ledger movement at the PO's unit
cost (for consumables through costing's FIFO layers, so usage is charged what was really paid) and
may be partial; receiving more than is still outstanding on a line is refused, so a miscount at the
door is caught instead of inflating stock - a real over-delivery is a second PO or an adjustment.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from odind.costing.fifo import Purchase, Unit
from odind.domain.costs.purchases import receive_purchase
from odind.domain.paging import PageIn, page
from odind.domain.sales import allocation
from odind.domain.stock import filament
from odind.domain.stock.inventory import MG_PER_GRAM
from odind.domain.transitions import PURCHASE_ORDER
from odind.domain.types import Colour, Id, Input, Material, Name, Note, Quantity, Rate
from odind.errors import Conflict, IllegalTransition, Invalid, NotFound
from odind.money import Money
from odind.store import catalog as catalog_sql
from odind.store import contacts as contacts_sql
from odind.store.db import Db, Store, Tx
from odind.store.stock import filament as filament_sql
from odind.store.stock import inventory as inventory_sql
from odind.store.stock import purchasing as sql


class POLineIn(Input):
    item_kind: Literal["consumable", "product", "filament"]
    item_id: Id | None = None  # the consumable or product; filament names its material instead
    material: Material | None = None
    colour: Colour | None = None
    grams_per_spool: Rate | None = Field(None, gt=0, le=100_000)
    quantity: Quantity
    unit_cost: Money  # per unit, per product, or per spool

    @model_validator(mode="after")
    def _names_its_item(self) -> POLineIn:
        if self.item_kind == "filament":
            if self.material is None or self.grams_per_spool is None:
                raise ValueError("a filament line needs material and grams_per_spool")
        elif self.item_id is None:
            raise ValueError(f"a {self.item_kind} line needs item_id")
        return self


class POIn(Input):
    supplier_id: Id | None = None  # the supplier's record; its name is copied onto the PO
    supplier: Name | None = None

    @model_validator(mode="after")
    def _someone_supplies(self) -> POIn:
        if self.supplier_id is None and not self.supplier:
            raise ValueError("supplier: name the supplier, or give a supplier_id")
        return self

    expected_on: date | None = None
    notes: Note = ""
    draft: bool = False
    lines: list[POLineIn] = Field(min_length=1, max_length=500)


class ReceiptLineIn(Input):
    line_id: Id
    quantity: Quantity
    location: allocation.Location = allocation.DEFAULT_LOCATION


class ReceiveIn(Input):
    lines: list[ReceiptLineIn] | None = Field(None, max_length=500)  # None: everything still outstanding


async def _require(db: Db, po_id: int) -> dict[str, Any]:
    po = await sql.get_po(db, po_id)
    if po is None:
        raise NotFound(f"purchase order {po_id} does not exist", field="purchase_order_id")
    return po


async def _move(tx: Tx, po: dict[str, Any], action: str, **data: Any) -> None:
    target = PURCHASE_ORDER.next(po["status"], action)
    if not await sql.set_status(tx, po["id"], target, expected=po["status"]):
        raise IllegalTransition(f"purchase order {po['id']} changed while this request ran", field="status")
    await tx.record("purchase_order", po["id"], action, **{"from": po["status"], "to": target, **data})
    po["status"] = target


async def _create_in_tx(tx: Tx, data: POIn) -> int:
    record: dict[str, Any] | None = None
    for index, line in enumerate(data.lines):
        if line.item_id is None:
            continue
        if line.item_kind == "consumable" and await inventory_sql.get_consumable(tx, line.item_id) is None:
            raise NotFound(f"consumable {line.item_id} does not exist", field=f"lines[{index}].item_id")
        if line.item_kind == "product" and await catalog_sql.get_product(tx, line.item_id) is None:
            raise NotFound(f"product {line.item_id} does not exist", field=f"lines[{index}].item_id")
    supplier = data.supplier
    if data.supplier_id is not None:
        record = await contacts_sql.live(tx, "supplier", data.supplier_id)
        if record is None:
            raise NotFound(f"supplier {data.supplier_id} does not exist", field="supplier_id")
        supplier = supplier or record["name"]
    assert supplier is not None  # POIn requires a name or a supplier record, which always has one
    po_id = await sql.insert_po(tx, supplier=supplier, status="draft",
                                expected_on=data.expected_on.isoformat() if data.expected_on else None,
                                notes=data.notes, supplier_id=None if record is None else record["id"])
    for line in data.lines:
        await sql.insert_line(tx, po_id, item_kind=line.item_kind, item_id=line.item_id, material=line.material,
                              colour=line.colour,
                              grams_per_spool=None if line.grams_per_spool is None else str(line.grams_per_spool),
                              quantity=line.quantity, unit_cost=str(line.unit_cost))
    await tx.record("purchase_order", po_id, "created", supplier=supplier, lines=len(data.lines))
    if not data.draft:
        await _move(tx, await _require(tx, po_id), "confirm")
    return po_id


async def create(store: Store, actor: str, data: POIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        po_id = await _create_in_tx(tx, data)
        return await _view(tx, await _require(tx, po_id))


async def act(store: Store, actor: str, po_id: int, action: Literal["confirm", "cancel", "close"]) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        po = await _require(tx, po_id)
        await _move(tx, po, action)
        return await _view(tx, po)


async def _receive_line(tx: Tx, po: dict[str, Any], line: dict[str, Any], quantity: int, location: str) -> None:
    unit_cost = Decimal(line["unit_cost"])
    movement_id: int | None = None
    if line["item_kind"] == "consumable":
        consumable = await inventory_sql.get_consumable(tx, line["item_id"])
        assert consumable is not None  # the line's item is checked when the order is raised
        layer_id = await receive_purchase(tx, line["item_id"], Purchase(
            quantity=Decimal(quantity), total_cost=unit_cost * quantity, unit=Unit(consumable["unit"]),
            supplier=po["supplier"], reference=po["reference"], purchased_on=date.today()))
        movement_id = await sql.layer_movement(tx, layer_id)
    elif line["item_kind"] == "product":
        movement_id = await inventory_sql.move(
            tx, item_kind="product", item_id=line["item_id"], quantity=quantity, reason="receipt",
            location=location, unit_cost=str(unit_cost), note=po["reference"])
    else:
        mg = int(Decimal(line["grams_per_spool"]) * MG_PER_GRAM)
        for _ in range(quantity):
            spool_id = await inventory_sql.insert_spool(tx, material=line["material"], colour=line["colour"],
                                                        brand=po["supplier"], net_weight_mg=mg, cost=str(unit_cost),
                                                        printer_id=None)
            movement_id = await inventory_sql.move(tx, item_kind="spool", item_id=spool_id, quantity=mg,
                                                   reason="receipt", unit_cost=str(unit_cost), note=po["reference"])
            await filament.open_layer(tx, spool_id, material=line["material"], colour=line["colour"],
                                      grams=Decimal(line["grams_per_spool"]), cost=unit_cost, supplier=po["supplier"],
                                      reference=po["reference"])
            await tx.record("spool", spool_id, "created", material=line["material"], colour=line["colour"],
                            grams=line["grams_per_spool"], purchase_order=po["reference"],
                            cost=str(unit_cost))
    await sql.add_received(tx, line["id"], quantity)
    await sql.insert_receipt(tx, line_id=line["id"], quantity=quantity, unit_cost=str(unit_cost), location=location,
                             movement_id=movement_id)


async def receive(store: Store, actor: str, po_id: int, data: ReceiveIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        po = await _require(tx, po_id)
        PURCHASE_ORDER.next(po["status"], "receive")
        lines = {line["id"]: line for line in await sql.lines(tx, po_id)}
        wanted = data.lines if data.lines is not None else [
            ReceiptLineIn(line_id=line["id"], quantity=line["quantity"] - line["received"])
            for line in lines.values() if line["quantity"] > line["received"]]
        if not wanted:
            raise Conflict("nothing is outstanding on this purchase order", field="lines")
        received: dict[int, int] = {}
        for index, request in enumerate(wanted):
            line = lines.get(request.line_id)
            if line is None:
                raise NotFound(f"purchase order {po_id} has no line {request.line_id}",
                               field=f"lines[{index}].line_id")
            outstanding = line["quantity"] - line["received"] - received.get(line["id"], 0)
            if request.quantity > outstanding:
                raise Invalid(f"line {line['id']} has {outstanding} outstanding; receiving {request.quantity} "
                              "would be more than ordered", field=f"lines[{index}].quantity",
                              details={"outstanding": outstanding})
            if line["item_kind"] != "product" and request.location != allocation.DEFAULT_LOCATION:
                raise Invalid("only finished goods are kept by location", field=f"lines[{index}].location")
            await _receive_line(tx, po, line, request.quantity, request.location)
            received[line["id"]] = received.get(line["id"], 0) + request.quantity
        await _move(tx, po, "receive", units=sum(received.values()))
        lines_after = await sql.lines(tx, po_id)
        if all(line["received"] >= line["quantity"] for line in lines_after):
            await _move(tx, po, "complete")
        for product_id in sorted({line["item_id"] for line in lines.values() if line["item_kind"] == "product"}):
            await allocation.serve_backorders(tx, product_id)
        return await _view(tx, po)


async def from_low_stock(store: Store, actor: str) -> list[dict[str, Any]]:
    """Draft one PO per supplier for every consumable under its reorder point, net of what is
    already on order, topped up to its reorder quantity; and likewise for filament in whole spools."""
    async with store.transaction(actor) as tx:
        on_order = await sql.open_quantities(tx)
        by_vendor: dict[str, list[POLineIn]] = {}
        for row in await sql.low_stock_consumables(tx):
            have = int(row["on_hand"]) + on_order.get(row["id"], 0)
            if have >= row["reorder_point"]:
                continue
            quantity = max(row["reorder_point"] - have, row.get("reorder_quantity") or 0)
            by_vendor.setdefault(row["vendor"] or "unknown supplier", []).append(POLineIn(
                item_kind="consumable", item_id=row["id"], quantity=quantity, unit_cost=Decimal(row["unit_cost"])))
        for vendor, line in await _filament_lines(tx):
            by_vendor.setdefault(vendor, []).append(line)
        created = []
        for vendor, lines in sorted(by_vendor.items()):
            po_id = await _create_in_tx(tx, POIn(supplier=vendor, draft=True, lines=lines,
                                                 notes="raised from low-stock alerts"))
            created.append(await _view(tx, await _require(tx, po_id)))
        return created


async def _filament_lines(tx: Tx) -> list[tuple[str, POLineIn]]:
    """Spools to buy for each low material and colour: enough whole spools to climb back over its reorder
    point (counting spools already on order), at least its reorder quantity, at its spool price or else
    the last price paid."""
    on_order = await filament_sql.open_spool_grams(tx)
    wanted = []
    for view in await filament.low_filament(tx):
        key = (view["material"], view["colour"] or "")
        short = Decimal(view["reorder_point_g"]) - Decimal(view["grams_left"]) - on_order.get(key, Decimal(0))
        if short <= 0:
            continue
        per_spool = Decimal(view["grams_per_spool"])
        spools = max(int((short / per_spool).to_integral_value(rounding=ROUND_CEILING)), view["reorder_spools"] or 0)
        cost = view["spool_cost"] or await filament_sql.last_spool_cost(tx, *key) or "0"
        wanted.append((view["supplier"] or "unknown supplier", POLineIn(
            item_kind="filament", material=view["material"], colour=view["colour"], grams_per_spool=per_spool,
            quantity=spools, unit_cost=Decimal(cost))))
    return wanted


async def _view(db: Db, po: dict[str, Any]) -> dict[str, Any]:
    lines = await sql.lines(db, po["id"])
    total = sum((Decimal(line["unit_cost"]) * line["quantity"] for line in lines), Decimal(0))
    return {
        "id": po["id"], "reference": po["reference"], "supplier": po["supplier"], "supplier_id": po["supplier_id"],
        "status": po["status"],
        "expected_on": po["expected_on"], "notes": po["notes"], "created_at": po["created_at"],
        "allowed_actions": PURCHASE_ORDER.allowed(po["status"]), "total": str(total),
        "lines": [{"id": line["id"], "item_kind": line["item_kind"], "item_id": line["item_id"], "sku": line["sku"],
                   "name": line["item_name"] or f"{line['material']} {line['colour'] or ''}".strip(),
                   "quantity": line["quantity"], "received": line["received"],
                   "outstanding": line["quantity"] - line["received"], "unit_cost": line["unit_cost"],
                   "status": "received" if line["received"] >= line["quantity"] else "expected"}
                  for line in lines],
        "receipts": [{"id": r["id"], "line_id": r["purchase_order_line_id"], "quantity": r["quantity"],
                      "unit_cost": r["unit_cost"], "location": r["location"], "received_at": r["received_at"]}
                     for r in await sql.receipts(db, po["id"])],
    }


async def get(store: Store, po_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, await _require(db, po_id))


async def list_all(store: Store, request: PageIn) -> dict[str, Any]:
    """A page, newest first, with the total."""
    async with store.read() as db:
        rows = await sql.list_pos(db, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count_pos(db)
        views = [await _view(db, row) for row in rows[:request.limit]]
    return page(rows, views, total, request)
