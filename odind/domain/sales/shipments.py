"""Shipments: parcels carrying chosen units of an order, tracked until delivered.

Creating a shipment ships its units at once (pick and pack are walked through for units still
allocated) and takes their finished goods out of the ledger at the locations they were held at;
cancelling a shipment that has not left puts them back. Only units holding stock can ship, so a
shipment can never carry more than was allocated.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from enum import StrEnum
from typing import Any

from pydantic import Field

from odind.config import Config
from odind.domain.sales import allocation, orders
from odind.domain.shop import document_branding
from odind.domain.transitions import LINE_ITEM, ORDER, READY_ITEM_STATES, SHIPMENT
from odind.domain.types import Id, Input, Name, Quantity
from odind.errors import Conflict, IllegalTransition, InsufficientStock, NotFound
from odind.invoice import PackingSlip, PackingSlipLine, render_packing_slip
from odind.store.db import Db, Store, Tx
from odind.store.sales import orders as orders_sql
from odind.store.sales import shipments as sql
from odind.store.stock import inventory as inventory_sql


class ShipmentLineIn(Input):
    line_id: Id
    quantity: Quantity


class ShipmentIn(Input):
    carrier: Name | None = None
    tracking_number: Name | None = None
    ship_method: Name | None = None
    lines: list[ShipmentLineIn] | None = Field(None, max_length=500)  # None: every unit ready to go


class ShipmentAction(StrEnum):
    DISPATCH = "dispatch"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVER = "deliver"
    EXCEPTION = "exception"
    CANCEL = "cancel"


class ShipmentActionIn(Input):
    action: ShipmentAction


class PickIn(Input):
    lines: list[ShipmentLineIn] | None = Field(None, max_length=500)


_SHIP_ORDER = {"packed": 0, "picked": 1, "allocated": 2}


_PATHS = {"picked": ("pick",), "packed": ("pick", "pack"), "shipped": ("pick", "pack", "ship")}
_POSITION = {"allocated": 0, "picked": 1, "packed": 2}


async def _walk(tx: Tx, items: list[dict[str, Any]], target: str, **fields: Any) -> None:
    """Move units through pick → pack → ship as far as `target`: every step is checked against the
    table, and each starting status is written in one compare-and-set."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item["status"], []).append(item)
    for status, group in groups.items():
        reached = status
        for action in _PATHS[target][_POSITION[status]:]:
            reached = LINE_ITEM.next(reached, action)
        moved = await orders_sql.set_items(tx, [i["id"] for i in group], expected=status, status=reached, **fields)
        if moved != len(group):
            raise IllegalTransition("units of this order changed while this request ran; try again", field="status")
        for item in group:
            item["status"] = reached
            item.update(fields)


async def _choose(tx: Tx, order_id: int, requested: list[ShipmentLineIn] | None,
                  ready_states: frozenset[str]) -> list[dict[str, Any]]:
    items = await orders_sql.items(tx, order_id)
    ready = sorted((i for i in items if i["status"] in ready_states), key=lambda i: (_SHIP_ORDER[i["status"]], i["id"]))
    if requested is None:
        if not ready:
            raise Conflict("no units of this order are allocated and ready to go", field="lines")
        return ready
    lines = {line["id"] for line in await orders_sql.lines(tx, order_id)}
    chosen: list[dict[str, Any]] = []
    for index, request in enumerate(requested):
        if request.line_id not in lines:
            raise NotFound(f"order {order_id} has no line {request.line_id}", field=f"lines[{index}].line_id")
        taken = {i["id"] for i in chosen}
        of_line = [i for i in ready if i["order_line_id"] == request.line_id and i["id"] not in taken]
        if request.quantity > len(of_line):
            raise InsufficientStock(f"line {request.line_id} has {len(of_line)} unit(s) allocated and not yet "
                                    f"shipped, not {request.quantity}", field=f"lines[{index}].quantity",
                                    details={"ready": len(of_line), "requested": request.quantity})
        chosen.extend(of_line[:request.quantity])
    if not chosen:
        raise Conflict("name at least one line and quantity", field="lines")
    return chosen


async def create_in_tx(tx: Tx, order: dict[str, Any], data: ShipmentIn) -> int:
    if order["state"] in ("draft", "on_hold", "cancelled"):
        orders.ORDER_STATE.next(order["state"], "pick")
    chosen = await _choose(tx, order["id"], data.lines, READY_ITEM_STATES)
    shipment_id = await sql.insert_shipment(tx, order_id=order["id"], status="pending", carrier=data.carrier,
                                            tracking_number=data.tracking_number,
                                            ship_method=data.ship_method or order["ship_method"])
    leaving = Counter((item["product_id"], item["location"]) for item in chosen)
    await _walk(tx, chosen, "shipped", shipment_id=shipment_id)
    for (product_id, location), count in sorted(leaving.items()):
        await inventory_sql.move(tx, item_kind="product", item_id=product_id, quantity=-count, reason="ship",
                                 order_id=order["id"], location=location, note=f"shipment {shipment_id}")
    await tx.record("shipment", shipment_id, "created", order_id=order["id"], units=len(chosen),
                    carrier=data.carrier, tracking_number=data.tracking_number)
    await orders.roll_up(tx, order["id"])
    return shipment_id


async def create(store: Store, actor: str, order_id: int, data: ShipmentIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order = await orders.require(tx, order_id)
        shipment_id = await create_in_tx(tx, order, data)
        return await _view(tx, await _require(tx, shipment_id))


async def pick_or_pack(store: Store, actor: str, order_id: int, target: str, data: PickIn) -> dict[str, Any]:
    """Record picking (allocated → picked) or packing (→ packed) for chosen units or all of them."""
    sources = frozenset({"allocated"}) if target == "picked" else frozenset({"allocated", "picked"})
    async with store.transaction(actor) as tx:
        order = await orders.require(tx, order_id)
        orders.ORDER_STATE.next(order["state"], "pick")
        chosen = await _choose(tx, order_id, data.lines, sources)
        await _walk(tx, chosen, target)
        await tx.record("order", order_id, target, units=len(chosen))
        return await orders.view(tx, order_id)


async def _require(db: Db, shipment_id: int) -> dict[str, Any]:
    shipment = await sql.get_shipment(db, shipment_id)
    if shipment is None:
        raise NotFound(f"shipment {shipment_id} does not exist", field="shipment_id")
    return shipment


async def act(store: Store, actor: str, shipment_id: int, data: ShipmentActionIn) -> dict[str, Any]:
    """Carrier progress (dispatch, out for delivery, delivered, exception) or cancelling a parcel that
    has not left: its units go back to packed and their stock back to where it came from."""
    async with store.transaction(actor) as tx:
        shipment = await _require(tx, shipment_id)
        target = SHIPMENT.next(shipment["status"], data.action.value)
        if not await sql.set_status(tx, shipment_id, target, expected=shipment["status"]):
            raise IllegalTransition(f"shipment {shipment_id} changed while this request ran", field="status")
        await tx.record("shipment", shipment_id, data.action.value, order_id=shipment["order_id"],
                        **{"from": shipment["status"], "to": target})
        if data.action is ShipmentAction.CANCEL:
            parcel = [i for i in await orders_sql.items(tx, shipment["order_id"]) if i["shipment_id"] == shipment_id]
            if any(i["status"] != "shipped" for i in parcel):
                raise Conflict("some units of this shipment were already returned", field="shipment_id")
            back = Counter((i["product_id"], i["location"]) for i in parcel)
            await allocation.step_all(tx, parcel, "unship", shipment_id=None)
            for (product_id, location), count in sorted(back.items()):
                await inventory_sql.move(tx, item_kind="product", item_id=product_id, quantity=count,
                                         reason="unship", order_id=shipment["order_id"], location=location,
                                         note=f"shipment {shipment_id} cancelled")
        await orders.roll_up(tx, shipment["order_id"])
        return await _view(tx, await _require(tx, shipment_id))


async def _view(db: Db, shipment: dict[str, Any]) -> dict[str, Any]:
    contents = await sql.contents(db, shipment["id"])
    order = await orders.require(db, shipment["order_id"])
    return {
        "id": shipment["id"], "order_id": shipment["order_id"], "order_reference": order["reference"],
        "status": shipment["status"], "carrier": shipment["carrier"], "tracking_number": shipment["tracking_number"],
        "ship_method": shipment["ship_method"], "created_at": shipment["created_at"],
        "delivered_at": shipment["delivered_at"], "allowed_actions": SHIPMENT.allowed(shipment["status"]),
        "lines": [{"line_id": c["order_line_id"], "sku": c["sku"], "product_name": c["product_name"],
                   "quantity": int(c["quantity"])} for c in contents],
        "order_status": order["status"],
    }


async def get(store: Store, shipment_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, await _require(db, shipment_id))


async def for_order(store: Store, order_id: int) -> list[dict[str, Any]]:
    async with store.read() as db:
        await orders.require(db, order_id)
        return [await _view(db, s) for s in await sql.for_order(db, order_id)]


async def packing_slip_pdf(store: Store, config: Config, shipment_id: int) -> tuple[bytes, str]:
    async with store.read() as db:
        shipment = await _require(db, shipment_id)
        view = await _view(db, shipment)
        order = await orders.require(db, shipment["order_id"])
    ship_to = [order["customer_name"], *[p for p in order["ship_to"].split("\n") if p]]
    slip = PackingSlip(
        branding=await document_branding(store, config), order_reference=order["reference"],
        shipment_reference=f"SHP-{shipment_id:05d}",
        carrier=shipment["carrier"], tracking_number=shipment["tracking_number"], ship_to=ship_to,
        lines=[PackingSlipLine(sku=line["sku"], description=line["product_name"], quantity=line["quantity"])
               for line in view["lines"]])
    pdf = await asyncio.to_thread(render_packing_slip, slip)
    return pdf, f"SHP-{shipment_id:05d}"


class ShipIn(Input):
    carrier: Name
    tracking_number: Name


async def ship_order(store: Store, actor: str, order_id: int, data: ShipIn) -> dict[str, Any]:
    """Ship everything that is left in one parcel; partial parcels go through `create` instead."""
    async with store.transaction(actor) as tx:
        order = await orders.require(tx, order_id)
        ORDER.next(order["status"], "ship")
        await create_in_tx(tx, order, ShipmentIn(carrier=data.carrier, tracking_number=data.tracking_number))
        await orders_sql.set_shipping(tx, order_id, data.carrier, data.tracking_number)
        return await orders.view(tx, order_id)
