"""Orders: creation, Schedule All, the automatic roll-up from job completions, shipping, cancelling.

An order's status moves only through the ORDER transition table. `in_progress`, `partial` and
`fulfilled` are never set by a person: `roll_up()` derives them from the order's jobs each time a
job changes, inside the same transaction as that change.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from odind import money
from odind.domain import catalog
from odind.domain.transitions import ORDER
from odind.domain.types import Input, Money, Name, Note, Quantity
from odind.domain.views import job_view
from odind.errors import IllegalTransition, InsufficientStock, NotFound
from odind.store import catalog as catalog_sql
from odind.store import inventory as inventory_sql
from odind.store import jobs as jobs_sql
from odind.store import orders as sql
from odind.store.db import Db, Store, Tx


class Platform(StrEnum):
    ETSY = "etsy"
    AMAZON = "amazon"
    WHOLESALE = "wholesale"
    DIRECT = "direct"
    OTHER = "other"


class OrderLineIn(Input):
    product_id: int
    quantity: Quantity
    unit_price: Money | None = None  # defaults to the product's sale price at the time of ordering


class OrderIn(Input):
    platform: Platform = Platform.DIRECT
    customer_name: Name
    reference: Name | None = None
    notes: Note = ""
    lines: list[OrderLineIn] = Field(min_length=1, max_length=500)


class ShipIn(Input):
    carrier: Name
    tracking_number: Name


async def create_order(store: Store, actor: str, data: OrderIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        products = {}
        for index, line in enumerate(data.lines):
            product = await catalog_sql.get_product(tx, line.product_id)
            if product is None:
                raise NotFound(f"product {line.product_id} does not exist", field=f"lines[{index}].product_id")
            products[line.product_id] = product
        order_id = await sql.insert_order(tx, reference=data.reference or "", platform=data.platform.value,
                                          customer_name=data.customer_name, notes=data.notes, status="pending")
        if not data.reference:
            await tx.execute("UPDATE orders SET reference = ? WHERE id = ?", f"ORD-{order_id:05d}", order_id)
        for line in data.lines:
            price = line.unit_price if line.unit_price is not None else Decimal(products[line.product_id]["sale_price"])
            await sql.insert_line(tx, order_id, line.product_id, line.quantity, str(price))
        await tx.record("order", order_id, "created", platform=data.platform.value, lines=len(data.lines))
    return await get_order(store, order_id)


async def _require(db: Db, order_id: int) -> dict[str, Any]:
    order = await sql.get_order(db, order_id)
    if order is None:
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    return order


async def _transition(tx: Tx, order: dict[str, Any], action: str, **data: Any) -> str:
    target = ORDER.next(order["status"], action)
    if not await sql.set_status(tx, order["id"], target, expected=order["status"]):
        raise IllegalTransition(f"order {order['id']} changed while this request ran; try again", field="status")
    await tx.record("order", order["id"], action, **{"from": order["status"], "to": target, **data})
    order["status"] = target
    return target


async def schedule_all(store: Store, actor: str, order_id: int) -> dict[str, Any]:
    """Create the jobs an order's BOM needs and reserve its consumables, all or nothing.

    Idempotent: an order already scheduled is returned unchanged, so a retried request (a phone on
    flaky Wi-Fi) never creates extra jobs or deducts stock twice.
    """
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        if order["status"] != "pending":
            if ORDER.can(order["status"], "cancel") or order["status"] == "shipped":
                return await _order_view(tx, order)
            ORDER.next(order["status"], "schedule")
        lines = await sql.lines(tx, order_id)
        product_ids = sorted({line["product_id"] for line in lines})
        comps = await catalog_sql.components(tx, product_ids)
        models = await catalog_sql.models_by_ids(tx, sorted({c["model_id"] for c in comps}))
        extras = await catalog_sql.product_consumables(tx, product_ids)

        needed: dict[int, int] = defaultdict(int)
        for line in lines:
            for item in (e for e in extras if e["product_id"] == line["product_id"]):
                needed[item["consumable_id"]] += item["quantity"] * line["quantity"]
        stock = await inventory_sql.consumables_by_ids(tx, sorted(needed))
        short = [{"consumable_id": cid, "sku": stock[cid]["sku"], "needed": qty, "on_hand": int(stock[cid]["on_hand"])}
                 for cid, qty in sorted(needed.items()) if stock[cid]["on_hand"] < qty]
        if short:
            names = ", ".join(f"{s['sku']} (need {s['needed']}, have {s['on_hand']})" for s in short)
            raise InsufficientStock(f"not enough stock to schedule order {order['reference']}: {names}",
                                    field="consumables", details={"short": short})

        job_ids = []
        for line in lines:
            for comp in (c for c in comps if c["product_id"] == line["product_id"]):
                model = models[comp["model_id"]]
                units = comp["quantity"] * line["quantity"]
                per_plate = catalog.units_per_print(model)
                for plate_index in range(math.ceil(units / per_plate)):
                    batch = min(per_plate, units - plate_index * per_plate)
                    job_id = await jobs_sql.insert_job(tx, order_id=order_id, order_line_id=line["id"],
                                                       model_id=model["id"], plate=1, units=batch)
                    await tx.record("job", job_id, "queued", order_id=order_id, model=model["name"], units=batch)
                    job_ids.append(job_id)
        for cid, qty in sorted(needed.items()):
            await inventory_sql.move(tx, item_kind="consumable", item_id=cid, quantity=-qty, reason="reserve",
                                     order_id=order_id)
            remaining = int(stock[cid]["on_hand"]) - qty
            if remaining < stock[cid]["reorder_point"]:
                await tx.record("consumable", cid, "low_stock", sku=stock[cid]["sku"], stock=remaining,
                                reorder_point=stock[cid]["reorder_point"])
        await _transition(tx, order, "schedule", jobs=len(job_ids), reserved=dict(needed))
        await roll_up(tx, order_id)
        return await _order_view(tx, await _require(tx, order_id))


async def roll_up(tx: Tx, order_id: int | None) -> None:
    """Derive in_progress → partial → fulfilled from the order's jobs."""
    if order_id is None:
        return
    order = await _require(tx, order_id)
    if order["status"] not in ("in_progress", "partial"):
        return
    jobs = [j for j in await jobs_sql.jobs_for_order(tx, order_id) if j["status"] != "cancelled"]
    done = [j for j in jobs if j["status"] == "completed"]
    if len(done) == len(jobs):
        await _transition(tx, order, "fulfil", jobs_done=len(done))
    elif done and order["status"] == "in_progress":
        await _transition(tx, order, "progress", jobs_done=len(done), jobs_total=len(jobs))


async def ship(store: Store, actor: str, order_id: int, data: ShipIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        await _transition(tx, order, "ship", carrier=data.carrier, tracking_number=data.tracking_number)
        await sql.set_shipping(tx, order_id, data.carrier, data.tracking_number)
        return await _order_view(tx, await _require(tx, order_id))


async def cancel(store: Store, actor: str, order_id: int) -> dict[str, Any]:
    """Cancel the order, cancel its unfinished jobs and give back what it reserved."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        await _transition(tx, order, "cancel")
        for job in await jobs_sql.jobs_for_order(tx, order_id):
            if job["status"] in ("completed", "cancelled"):
                continue
            await jobs_sql.update_status(tx, job["id"], expected=job["status"], status="cancelled",
                                         message="order cancelled")
            await tx.record("job", job["id"], "cancel", order_id=order_id, printer_id=job["printer_id"],
                            **{"from": job["status"], "to": "cancelled"})
        for held in await inventory_sql.order_net(tx, order_id, "consumable"):
            await inventory_sql.move(tx, item_kind="consumable", item_id=held["item_id"],
                                     quantity=-int(held["quantity"]), reason="release", order_id=order_id)
        return await _order_view(tx, await _require(tx, order_id))


class PnL(BaseModel):
    revenue: Decimal
    cogs: Decimal
    profit: Decimal
    margin_percent: Decimal | None
    missing_prices: list[str]


async def pnl(db: Db, order_id: int) -> PnL:
    lines = await sql.lines(db, order_id)
    costs = await catalog.unit_costs(db, sorted({line["product_id"] for line in lines}))
    revenue = sum((Decimal(line["unit_price"]) * line["quantity"] for line in lines), Decimal(0))
    cogs = sum((costs[line["product_id"]].total * line["quantity"] for line in lines), Decimal(0))
    missing = sorted({m for line in lines for m in costs[line["product_id"]].missing_prices})
    profit = revenue - cogs
    return PnL(revenue=revenue, cogs=cogs, profit=profit, margin_percent=money.percent(profit, revenue),
               missing_prices=missing)


def _pnl_view(figures: PnL) -> dict[str, Any]:
    """Exact figures for scripts, and the same rounded once to the penny for display."""
    return {
        "revenue": str(money.shown(figures.revenue)), "cogs": str(money.shown(figures.cogs)),
        "profit": str(money.shown(figures.profit)),
        "margin_percent": None if figures.margin_percent is None else str(figures.margin_percent),
        "exact": {"revenue": str(figures.revenue), "cogs": str(figures.cogs), "profit": str(figures.profit)},
        "missing_prices": figures.missing_prices,
    }


async def _order_view(db: Db, order: dict[str, Any], *, with_jobs: bool = True) -> dict[str, Any]:
    lines = await sql.lines(db, order["id"])
    view = {
        "id": order["id"], "reference": order["reference"], "platform": order["platform"],
        "customer_name": order["customer_name"], "status": order["status"], "notes": order["notes"],
        "carrier": order["carrier"], "tracking_number": order["tracking_number"],
        "created_at": order["created_at"], "updated_at": order["updated_at"], "shipped_at": order["shipped_at"],
        "allowed_actions": ORDER.allowed(order["status"]),
        "lines": [{"id": line["id"], "product_id": line["product_id"], "sku": line["sku"],
                   "product_name": line["product_name"], "quantity": line["quantity"],
                   "unit_price": line["unit_price"],
                   "line_total": str(Decimal(line["unit_price"]) * line["quantity"])} for line in lines],
        "pnl": _pnl_view(await pnl(db, order["id"])),
    }
    if with_jobs:
        view["jobs"] = [job_view(job) for job in await jobs_sql.jobs_for_order(db, order["id"])]
    return view


async def get_order(store: Store, order_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _order_view(db, await _require(db, order_id))


async def list_orders(store: Store, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [await _order_view(db, order, with_jobs=False)
                for order in await sql.list_orders(db, status=status, limit=limit)]
