"""Finished-goods stock and its allocation to sales-order units.

On hand per location is the ledger's sum (item_kind 'product'); what is allocated is the count of
units holding stock there (allocated, picked or packed). Every allocation reads both and writes in
the same write transaction, and there is one writer at a time, so two orders racing for the last
unit cannot both get it: the second one sees nothing available and backorders.

Stock that arrives (a finished print, a receipt, a return, a transfer) serves backorders first,
oldest first, before any new order can take it.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from typing import Any, Literal

from pydantic import Field

from odind.domain.sales import set_lines
from odind.domain.stock.finished_goods import stock_levels
from odind.domain.transitions import LINE_ITEM
from odind.domain.types import Input, Name, Note, Quantity
from odind.errors import IllegalTransition, InsufficientStock, Invalid, NotFound
from odind.store import catalog as catalog_sql
from odind.store.db import Db, Store, Tx, utcnow
from odind.store.production import jobs as jobs_sql
from odind.store.sales import orders as sql
from odind.store.stock import inventory as inventory_sql

log = logging.getLogger(__name__)

DEFAULT_LOCATION = "main"
Location = Name


class LineAllocationIn(Input):
    line_id: int
    quantity: Quantity | None = None  # None: every unit of the line still waiting
    location: Location | None = None  # None: whichever locations have it, fullest first


class AllocateIn(Input):
    lines: list[LineAllocationIn] | None = Field(None, max_length=500)
    backorder: bool = True  # automatic allocation backorders a shortfall instead of refusing it


class StockAdjustIn(Input):
    quantity: int = Field(ge=-1_000_000, le=1_000_000)
    location: Location = DEFAULT_LOCATION
    reason: Literal["adjustment", "count", "damage", "assembled", "receipt"] = "adjustment"
    note: Note | None = None


async def _available(db: Db, product_id: int) -> dict[str, int]:
    return {loc: level["available"] for loc, level in (await stock_levels(db, product_id)).items()
            if level["available"] > 0}


async def step_all(tx: Tx, items: list[dict[str, Any]], action: str, **fields: Any) -> None:
    """Move units through the line-item table in bulk: one compare-and-set per starting status, so a
    unit changed by someone else meanwhile fails the whole step instead of being overwritten."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        groups[item["status"]].append(item)
    for status, group in groups.items():
        target = LINE_ITEM.next(status, action)
        moved = await sql.set_items(tx, [i["id"] for i in group], expected=status, status=target, **fields)
        if moved != len(group):
            raise IllegalTransition("units of this order changed while this request ran; try again", field="status")
        for item in group:
            item["status"] = target
            item.update(fields)


async def take(tx: Tx, items: list[dict[str, Any]], product_id: int, location: str | None, *,
               backorder: bool) -> tuple[int, int]:
    """Allocate waiting units from stock; the rest backorder (or, if not allowed, refuse all)."""
    available = await _available(tx, product_id)
    if location is not None:
        available = {location: available.get(location, 0)}
    plan: dict[str, list[dict[str, Any]]] = defaultdict(list)
    short: list[dict[str, Any]] = []
    for item in items:
        loc = max(available, key=lambda name: (available[name], name == DEFAULT_LOCATION), default=None)
        if loc is not None and available[loc] > 0:
            plan[loc].append(item)
            available[loc] -= 1
        else:
            short.append(item)
    got = sum(len(group) for group in plan.values())
    if short and not backorder:
        where = f" at {location}" if location else ""
        raise InsufficientStock(f"only {got} unit(s) of product {product_id} available{where}, "
                                f"{len(items)} asked for", field="quantity",
                                details={"available": got, "requested": len(items)})
    for loc, group in sorted(plan.items()):
        await step_all(tx, group, "allocate", location=loc)
    newly_short = [i for i in short if i["status"] == "pending"]
    await step_all(tx, newly_short, "backorder", backordered_at=utcnow())
    return got, len(newly_short)


def _waiting(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Units not yet holding stock, those not being printed first. A unit being printed may still
    take stock that is there now (its print then adds to stock when it finishes), which is also how
    the units of a cancelled print get served."""
    return sorted((i for i in items if i["status"] in ("pending", "backordered")),
                  key=lambda i: (i["to_print"], i["id"]))


async def allocate_in_tx(tx: Tx, order: dict[str, Any], data: AllocateIn) -> dict[str, int]:
    lines = {line["id"]: line for line in await sql.lines(tx, order["id"])}
    requests = data.lines if data.lines is not None else [LineAllocationIn(line_id=lid) for lid in lines]
    totals = {"allocated": 0, "backordered": 0}
    for index, request in enumerate(requests):
        line = lines.get(request.line_id)
        if line is None:
            raise NotFound(f"order {order['id']} has no line {request.line_id}", field=f"lines[{index}].line_id")
        waiting = _waiting(await sql.items_of_line(tx, line["id"]))
        if request.quantity is not None:
            if request.quantity > len(waiting):
                raise Invalid(f"line {line['id']} has only {len(waiting)} unit(s) waiting for stock, "
                              f"not {request.quantity}", field=f"lines[{index}].quantity")
            waiting = waiting[:request.quantity]
        explicit = data.lines is not None and (request.quantity is not None or request.location is not None)
        got, back = await take(tx, waiting, line["product_id"], request.location,
                               backorder=data.backorder and not explicit)
        totals["allocated"] += got
        totals["backordered"] += back
    await tx.record("order", order["id"], "allocated", **totals)
    return totals


async def serve_backorders(tx: Tx, product_id: int | None = None) -> int:
    """Give newly available stock to backordered units, oldest first; switch their orders to the
    back-order ship method when one is set."""
    served = 0
    waiting = await sql.backordered_items(tx, product_id)
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in waiting:
        by_product[item["product_id"]].append(item)
    for pid, items in by_product.items():
        available = sum((await _available(tx, pid)).values())
        if available <= 0:
            continue
        batch = items[:available]
        got, _ = await take(tx, batch, pid, None, backorder=True)
        served += got
        for order_id in sorted({i["order_id"] for i in batch if i["status"] == "allocated"}):
            order = await sql.get_order(tx, order_id)
            assert order is not None  # its units were just allocated
            if order["backorder_ship_method"] and order["ship_method"] != order["backorder_ship_method"]:
                await sql.update_fields(tx, order_id, ship_method=order["backorder_ship_method"])
                await tx.record("order", order_id, "ship_method_changed", ship_method=order["backorder_ship_method"],
                                why="backordered stock allocated")
            await tx.record("order", order_id, "backorder_allocated",
                            units=sum(1 for i in batch if i["order_id"] == order_id and i["status"] == "allocated"))
    return served


async def retry_backorders(store: Store, actor: str = "backorders") -> int:
    """The periodic retry: run it from a timer so stock counted in by hand reaches backorders too."""
    async with store.transaction(actor) as tx:
        served = await serve_backorders(tx)
    if served:
        log.info("allocated %d backordered unit(s)", served)
    return served


async def produce(tx: Tx, order_id: int) -> None:
    """Turn an order's completed prints into finished goods and hand them to its printed units.

    A line's product is done when every component has been printed its BOM quantity, a set when
    all its parts are there (odind.domain.sales.set_lines); the count produced so far is read back from
    the ledger, so running this twice adds nothing twice.
    """
    lines = await sql.lines(tx, order_id)
    comps = await catalog_sql.components(tx, sorted({line["product_id"] for line in lines}))
    jobs = await jobs_sql.jobs_for_order(tx, order_id)
    surplus: set[int] = set()
    for line in lines:
        items = await sql.items_of_line(tx, line["id"])
        printed = [i for i in items if i["to_print"]]
        if not printed:
            continue
        done: dict[int, int] = defaultdict(int)
        for job in jobs:
            if job["order_line_id"] == line["id"] and job["status"] == "completed":
                done[job["model_id"]] += job["units"]
        if line["product_kind"] == "set":
            makeable: float = (await set_lines.load(tx, line)).made(done, len(printed))
        else:
            line_comps = [c for c in comps if c["product_id"] == line["product_id"]]
            makeable = min((done[c["model_id"]] // c["quantity"] for c in line_comps), default=math.inf)
        target = int(min(makeable, len(printed)))
        new = target - await sql.produced_for_line(tx, line["id"])
        if new <= 0:
            continue
        await inventory_sql.move(tx, item_kind="product", item_id=line["product_id"], quantity=new,
                                 reason="produce", order_id=order_id, order_line_id=line["id"],
                                 location=DEFAULT_LOCATION)
        await tx.record("product", line["product_id"], "produced", order_id=order_id, line_id=line["id"],
                        units=new, location=DEFAULT_LOCATION)
        waiting = [i for i in printed if i["status"] in ("pending", "backordered")][:new]
        await step_all(tx, waiting, "allocate", location=DEFAULT_LOCATION)
        if len(waiting) < new:
            surplus.add(line["product_id"])
    for product_id in sorted(surplus):
        await serve_backorders(tx, product_id)


async def adjust_stock(store: Store, actor: str, product_id: int, data: StockAdjustIn) -> dict[str, Any]:
    """Count in finished goods (opening stock, assembled sets) or write them off; never below what
    units already hold at that location."""
    if data.quantity == 0:
        raise Invalid("quantity must not be zero", field="quantity")
    async with store.transaction(actor) as tx:
        if await catalog_sql.get_product(tx, product_id) is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        level = (await stock_levels(tx, product_id)).get(data.location, {"on_hand": 0, "available": 0})
        if data.quantity < 0 and -data.quantity > level["available"]:
            raise InsufficientStock(f"only {level['available']} unit(s) free at {data.location} "
                                    f"({level['on_hand']} on hand, the rest allocated)", field="quantity")
        await inventory_sql.move(tx, item_kind="product", item_id=product_id, quantity=data.quantity,
                                 reason=data.reason, note=data.note, location=data.location)
        await tx.record("product", product_id, "stock_adjusted", quantity=data.quantity, location=data.location,
                        reason=data.reason)
        if data.quantity > 0:
            await serve_backorders(tx, product_id)
        levels = await stock_levels(tx, product_id)
    return {"product_id": product_id, "locations": levels}


async def get_stock(store: Store, product_id: int) -> dict[str, Any]:
    async with store.read() as db:
        if await catalog_sql.get_product(db, product_id) is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        return {"product_id": product_id, "locations": await stock_levels(db, product_id)}
