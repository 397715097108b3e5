"""Sales orders: create, confirm, Schedule All, the roll-up from jobs and units, hold, cancel, P&L.

An order carries two recorded statuses, each moved only through its transition table:
`status` is the print farm's view (pending → in_progress → partial → fulfilled → shipped /
cancelled) and `state` is the order-management flow of ERP-style tools (draft → pending → processing → complete, on
hold, cancelled). Neither is set by a person after creation: `roll_up()` derives both from the
order's units, jobs and shipments inside the same transaction as the change that moved them. The
richer `fulfilment` and `payment_status` are never stored at all; every read derives them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from odind.domain.costs import order_costs, purchases
from odind.domain.paging import PageIn, page
from odind.domain.production.batches import consumables_drawn
from odind.domain.sales import allocation, fulfilment, order_money, prepay, set_lines
from odind.domain.stock import inventory
from odind.domain.transitions import HELD_FROM, LINE_ITEM, ORDER, ORDER_STATE, READY_ITEM_STATES
from odind.domain.types import Id, Input, Name, Note, Quantity
from odind.domain.views import job_view
from odind.errors import Conflict, IllegalTransition, InsufficientStock, Invalid, NotFound
from odind.money import Money
from odind.store import catalog as catalog_sql
from odind.store import contacts as contacts_sql
from odind.store import costs as costs_sql
from odind.store import settings as settings_sql
from odind.store.db import Db, Store, Tx
from odind.store.production import attempts as attempts_sql
from odind.store.production import jobs as jobs_sql
from odind.store.sales import invoices as invoices_sql
from odind.store.sales import orders as sql
from odind.store.sales import payments as payments_sql
from odind.store.sales import returns as returns_sql
from odind.store.sales import shipments as shipments_sql
from odind.store.stock import inventory as inventory_sql

AUTO_ALLOCATE_SETTING = "orders.auto_allocate"
UNSTARTED_JOB_STATES = ("queued", "failed", "interrupted")


class Platform(StrEnum):
    ETSY = "etsy"
    AMAZON = "amazon"
    WHOLESALE = "wholesale"
    DIRECT = "direct"
    OTHER = "other"


# Every unit is a row (it is allocated, printed and shipped on its own): bounded so one order is one
# short transaction. A farm's largest wholesale orders are a few thousand units.
MAX_ORDER_UNITS = 10_000


class OrderLineIn(Input):
    product_id: Id
    quantity: Quantity
    unit_price: Money | None = None  # defaults to the product's sale price at the time of ordering
    unit_discount: Money = Decimal(0)
    tax_rate: Money | None = Field(None, le=100)  # percent; the order's default when unset

    @model_validator(mode="after")
    def _discount_fits_price(self) -> OrderLineIn:
        if self.unit_price is not None and self.unit_discount > self.unit_price:
            raise ValueError(f"unit_discount {self.unit_discount} is more than the unit price {self.unit_price}")
        return self


def _units_bounded(lines: list[OrderLineIn]) -> list[OrderLineIn]:
    units = sum(line.quantity for line in lines)
    if units > MAX_ORDER_UNITS:
        raise ValueError(f"an order holds at most {MAX_ORDER_UNITS} units in all, not {units}"
                         " (split a bigger run into batches or several orders)")
    return lines


# An order's lines, on creation and on every edit: a unit is a row, so the count is bounded.
OrderLines = Annotated[list[OrderLineIn], Field(min_length=1, max_length=500), AfterValidator(_units_bounded)]


class OrderIn(Input):
    platform: Platform = Platform.DIRECT
    customer_id: Id | None = None  # name, e-mail and address default to the customer's, copied onto the order
    customer_name: Name | None = None
    reference: Name | None = None
    notes: Note = ""
    lines: OrderLines
    draft: bool = False  # a quote or concept: nothing is allocated or printed until it is confirmed
    customer_email: Name | None = None
    ship_to: list[Name] = Field(default_factory=list, max_length=8)
    ship_method: Name | None = None
    backorder_ship_method: Name | None = None
    shipping_charged: Money = Decimal(0)
    order_discount: Money = Decimal(0)
    payment_terms: Literal["prepay", "po"] = "prepay"
    po_number: Name | None = None
    payment_due_on: date | None = None
    ship_by: date | None = None  # the dispatch deadline; jobs of orders due sooner are printed first

    @model_validator(mode="after")
    def _someone_ordered(self) -> OrderIn:
        if self.customer_id is None and not self.customer_name:
            raise ValueError("customer_name: name the customer, or give a customer_id")
        return self



class LineCancelIn(Input):
    line_id: Id
    quantity: Quantity | None = None  # None: every unit of the line that has not shipped


class CancelLinesIn(Input):
    lines: list[LineCancelIn] = Field(min_length=1, max_length=500)


class CoreAction(StrEnum):
    CONFIRM = "confirm"
    HOLD = "hold"
    RELEASE = "release"
    UNALLOCATE = "unallocate"


class RemoveIn(Input):
    confirm: Name  # the order's reference, typed again: removal cannot be undone


class OrderSettingsIn(Input):
    auto_allocate: bool  # allocate finished stock as soon as an order is confirmed


async def auto_allocate_enabled(db: Db) -> bool:
    return await settings_sql.get(db, AUTO_ALLOCATE_SETTING) == "true"


async def order_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        return {"auto_allocate": await auto_allocate_enabled(db)}


async def set_settings(store: Store, actor: str, data: OrderSettingsIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, AUTO_ALLOCATE_SETTING, "true" if data.auto_allocate else "false")
        await tx.record("settings", None, "orders_set", auto_allocate=data.auto_allocate)
    return {"auto_allocate": data.auto_allocate}


async def _line_prices(tx: Tx, lines: list[OrderLineIn], order_discount: Decimal) -> dict[int, Decimal]:
    prices: dict[int, Decimal] = {}
    for index, line in enumerate(lines):
        product = await catalog_sql.get_product(tx, line.product_id)
        if product is None:
            raise NotFound(f"product {line.product_id} does not exist", field=f"lines[{index}].product_id")
        if product["archived_at"] is not None:
            raise Conflict(f"product {product['sku']} is archived; restore it to sell it again",
                           field=f"lines[{index}].product_id")
        price = line.unit_price if line.unit_price is not None else Decimal(product["sale_price"])
        if line.unit_discount > price:
            raise Invalid(f"unit_discount {line.unit_discount} is more than the unit price {price}",
                          field=f"lines[{index}].unit_discount")
        prices[index] = price
    goods = sum(((prices[i] - line.unit_discount) * line.quantity for i, line in enumerate(lines)), Decimal(0))
    if order_discount > goods:
        raise Invalid(f"order_discount {order_discount} is more than the goods {goods}", field="order_discount")
    return prices


async def _insert_lines(tx: Tx, order_id: int, lines: list[OrderLineIn], prices: dict[int, Decimal]) -> None:
    for index, line in enumerate(lines):
        await sql.insert_line(tx, order_id, line.product_id, line.quantity, str(prices[index]),
                              tax_rate=None if line.tax_rate is None else str(line.tax_rate),
                              unit_discount=str(line.unit_discount))


async def _with_customer(tx: Tx, data: OrderIn) -> OrderIn:
    """The order with its customer's name, e-mail, shipping address and usual channel where it gives none."""
    if data.customer_id is None:
        return data
    customer = await contacts_sql.live(tx, "customer", data.customer_id)
    if customer is None:
        raise NotFound(f"customer {data.customer_id} does not exist", field="customer_id")
    platform = data.platform if "platform" in data.model_fields_set or not customer["default_platform"] \
        else Platform(customer["default_platform"])
    return data.model_copy(update={
        "customer_id": customer["id"], "customer_name": data.customer_name or customer["name"], "platform": platform,
        "customer_email": data.customer_email or customer["email"],
        "ship_to": data.ship_to or [part for part in customer["shipping_address"].split("\n") if part]})


async def create_in_tx(tx: Tx, data: OrderIn, *, default_tax_rate: Decimal | None = None) -> int:
    data = await _with_customer(tx, data)
    assert data.customer_name is not None  # OrderIn requires a name or a customer, who always has one
    prices = await _line_prices(tx, data.lines, data.order_discount)
    order_id = await sql.insert_order(
        tx, reference=data.reference or "", platform=data.platform.value, customer_name=data.customer_name,
        notes=data.notes, status="pending", state="draft" if data.draft else "pending", customer_id=data.customer_id,
        customer_email=data.customer_email, ship_to="\n".join(data.ship_to), ship_method=data.ship_method,
        backorder_ship_method=data.backorder_ship_method, shipping_charged=str(data.shipping_charged),
        order_discount=str(data.order_discount),
        tax_rate=None if default_tax_rate is None else str(default_tax_rate), payment_terms=data.payment_terms,
        po_number=data.po_number,
        payment_due_on=data.payment_due_on.isoformat() if data.payment_due_on else None,
        ship_by=data.ship_by.isoformat() if data.ship_by else None)
    if not data.reference:
        await sql.update_fields(tx, order_id, reference=f"ORD-{order_id:05d}")
    await _insert_lines(tx, order_id, data.lines, prices)
    await tx.record("order", order_id, "created", platform=data.platform.value, lines=len(data.lines),
                    state="draft" if data.draft else "pending")
    await order_costs.snapshot_for_order(tx, order_id)
    if not data.draft and await auto_allocate_enabled(tx):
        await _auto_allocate(tx, await _require(tx, order_id))
    return order_id


async def create_order(store: Store, actor: str, data: OrderIn, *,
                       default_tax_rate: Decimal | None = None) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order_id = await create_in_tx(tx, data, default_tax_rate=default_tax_rate)
    return await get_order(store, order_id)


class OrderChangeIn(Input):
    """What may change while nothing of the order has been allocated, printed or invoiced; lines are replaced."""

    platform: Platform = Platform.DIRECT
    customer_name: Name
    reference: Name | None = None
    notes: Note = ""
    lines: OrderLines
    customer_email: Name | None = None
    ship_to: list[Name] = Field(default_factory=list, max_length=8)
    shipping_charged: Money = Decimal(0)
    order_discount: Money = Decimal(0)
    ship_by: date | None = None


EDITABLE_STATES = frozenset({"draft", "pending"})


async def edit(store: Store, actor: str, order_id: int, data: OrderChangeIn) -> dict[str, Any]:
    """Replace an order's lines and details; refused (409) once any unit has moved or it is invoiced."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        if order["status"] != "pending" or order["state"] not in EDITABLE_STATES:
            raise Conflict(f"order {order['reference']} is {order['state']}/{order['status']}; only an order not yet "
                           "scheduled, allocated or held can be edited", field="order_id")
        if await sql.order_has_jobs(tx, order_id):
            raise Conflict(f"order {order['reference']} has print jobs; cancel lines instead", field="order_id")
        if any(item["status"] != "pending" for item in await sql.items(tx, order_id)):
            raise Conflict(f"order {order['reference']} has allocated or backordered units; unallocate first",
                           field="order_id")
        if await invoices_sql.is_invoiced(tx, order_id):
            raise Conflict(f"order {order['reference']} is invoiced; refund and credit instead", field="order_id")
        prices = await _line_prices(tx, data.lines, data.order_discount)
        await sql.update_header(tx, order_id, customer_name=data.customer_name, platform=data.platform.value,
                                notes=data.notes)
        await sql.update_fields(tx, order_id, reference=data.reference or order["reference"],
                                customer_email=data.customer_email, ship_to="\n".join(data.ship_to),
                                shipping_charged=str(data.shipping_charged),
                                order_discount=str(data.order_discount),
                                ship_by=data.ship_by.isoformat() if data.ship_by else None)
        await sql.delete_lines(tx, order_id)
        await _insert_lines(tx, order_id, data.lines, prices)
        await costs_sql.delete_order_cost(tx, order_id)
        await order_costs.snapshot_for_order(tx, order_id)
        await tx.record("order", order_id, "edited", lines=len(data.lines), customer=data.customer_name)
    return await get_order(store, order_id)


async def _require(db: Db, order_id: int) -> dict[str, Any]:
    order = await sql.get_order(db, order_id)
    if order is None:
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    return order


async def require(db: Db, order_id: int) -> dict[str, Any]:
    return await _require(db, order_id)


async def _transition(tx: Tx, order: dict[str, Any], action: str, **data: Any) -> str:
    target = ORDER.next(order["status"], action)
    if not await sql.set_status(tx, order["id"], target, expected=order["status"]):
        raise IllegalTransition(f"order {order['id']} changed while this request ran; try again", field="status")
    await tx.record("order", order["id"], action, **{"from": order["status"], "to": target, **data})
    order["status"] = target
    return target


async def move_state(tx: Tx, order: dict[str, Any], action: str, *, record: bool = True, **data: Any) -> str:
    """Move the core state; `release` goes back to where the order was held from."""
    target = ORDER_STATE.next(order["state"], action)
    held_from = order["held_from"]
    if target == HELD_FROM:
        target, held_from = order["held_from"] or "pending", None
    elif target == "on_hold":
        held_from = order["state"]
    if not await sql.set_state(tx, order["id"], target, expected=order["state"], held_from=held_from):
        raise IllegalTransition(f"order {order['id']} changed while this request ran; try again", field="state")
    if record:
        await tx.record("order", order["id"], f"state_{action}", **{"from": order["state"], "to": target, **data})
    order["state"], order["held_from"] = target, held_from
    return target


def _require_workable(order: dict[str, Any], action: str) -> None:
    """Allocation and printing need a confirmed order that is not on hold."""
    if order["state"] in ("draft", "on_hold", "cancelled", "complete"):
        ORDER_STATE.next(order["state"], action)


async def _auto_allocate(tx: Tx, order: dict[str, Any]) -> None:
    """Backorders of earlier orders are served first; then this order takes what is left."""
    await allocation.serve_backorders(tx)
    await allocation.allocate_in_tx(tx, order, allocation.AllocateIn())
    await roll_up(tx, order["id"])


async def allocate(store: Store, actor: str, order_id: int, data: allocation.AllocateIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        _require_workable(order, "allocate")
        await allocation.allocate_in_tx(tx, order, data)
        await roll_up(tx, order_id)
        return await _order_view(tx, await _require(tx, order_id))


async def schedule_all(store: Store, actor: str, order_id: int) -> dict[str, Any]:
    """Print what finished stock does not cover: create the jobs its BOM needs and reserve its
    consumables (charged to their FIFO cost layers at once), all or nothing. A set line prints its
    parts (see odind.domain.sales.set_lines): parts free in finished stock are taken, only the rest printed.

    Idempotent: an order already scheduled is returned unchanged, so a retried request (a phone on
    flaky Wi-Fi) never creates extra jobs or deducts stock twice.
    """
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        if order["status"] != "pending":
            if ORDER.can(order["status"], "cancel") or order["status"] == "shipped":
                return await _order_view(tx, order)
            ORDER.next(order["status"], "schedule")
        _require_workable(order, "allocate")
        if await prepay.prepay_before_printing(tx):
            prepay.require_paid(await _order_view(tx, order, with_jobs=False))
        lines = await sql.lines(tx, order_id)
        to_print: dict[int, list[int]] = {}
        for line in lines:
            waiting = [i["id"] for i in await sql.items_of_line(tx, line["id"])
                       if i["status"] in ("pending", "backordered") and not i["to_print"]]
            to_print[line["id"]] = waiting
        product_ids = sorted({line["product_id"] for line in lines})
        comps = await catalog_sql.components(tx, product_ids)
        extras = await catalog_sql.product_consumables(tx, product_ids)

        needed: dict[int, int] = defaultdict(int)
        copies_of: dict[int, dict[int, int]] = {}
        assemble_draws = await consumables_drawn(tx) == "assembly"
        for line in lines:
            count = len(to_print[line["id"]])
            if not count:
                continue
            if line["product_kind"] == "set":
                set_line = await set_lines.load(tx, line)
                taken = await set_lines.reserve_parts(tx, order_id, set_line, count)
                copies_of[line["id"]] = set_line.models(count)
                uses = set_line.consumables(count)
                if assemble_draws:  # the shelf parts' magnets go in now, as the set is put together
                    for part, n in taken.items():
                        for cid, qty in set_line.extras.get(part, {}).items():
                            uses[cid] = uses.get(cid, 0) + qty * n
            else:
                copies_of[line["id"]] = {c["model_id"]: c["quantity"] * count
                                         for c in comps if c["product_id"] == line["product_id"]}
                uses = {e["consumable_id"]: e["quantity"] * count
                        for e in extras if e["product_id"] == line["product_id"]}
            for cid, qty in uses.items():
                needed[cid] += qty
        needed = {cid: qty for cid, qty in needed.items() if qty}
        stock = await inventory_sql.consumables_by_ids(tx, sorted(needed))
        short = [{"consumable_id": cid, "sku": stock[cid]["sku"], "needed": qty, "on_hand": int(stock[cid]["on_hand"])}
                 for cid, qty in sorted(needed.items()) if stock[cid]["on_hand"] < qty]
        if short:
            names = ", ".join(f"{s['sku']} (need {s['needed']}, have {s['on_hand']})" for s in short)
            raise InsufficientStock(f"not enough stock to schedule order {order['reference']}: {names}",
                                    field="consumables", details={"short": short})

        models = await catalog_sql.models_by_ids(tx, sorted({m for copies in copies_of.values() for m in copies}))
        job_ids = []
        for line in lines:
            if line["id"] not in copies_of:
                continue
            await sql.mark_to_print(tx, to_print[line["id"]])
            for model_id, copies in sorted(copies_of[line["id"]].items()):
                model = models[model_id]
                for batch in set_lines.plates(model, copies):
                    job_id = await jobs_sql.insert_job(tx, order_id=order_id, order_line_id=line["id"],
                                                       model_id=model["id"], plate=1, units=batch)
                    await tx.record("job", job_id, "queued", order_id=order_id, model=model["name"], units=batch)
                    job_ids.append(job_id)
        for cid, qty in sorted(needed.items()):
            await inventory_sql.move(tx, item_kind="consumable", item_id=cid, quantity=-qty, reason="reserve",
                                     order_id=order_id)
            await inventory.note_low_stock(tx, cid, stock[cid]["sku"], before=int(stock[cid]["on_hand"]),
                                           after=int(stock[cid]["on_hand"]) - qty,
                                           reorder_point=stock[cid]["reorder_point"])
        await purchases.cost_reserved_consumables(tx, order_id)
        state = {}
        if order["state"] == "pending":
            state = {"state": {"from": "pending", "to": await move_state(tx, order, "allocate", record=False)}}
        await _transition(tx, order, "schedule", jobs=len(job_ids), reserved=dict(needed), **state)
        await roll_up(tx, order_id)
        return await _order_view(tx, await _require(tx, order_id))


async def roll_up(tx: Tx, order_id: int | None) -> None:
    """Derive the recorded statuses from the facts: finished prints become stock for the order,
    then `status` and `state` follow the units and shipments."""
    if order_id is None:
        return
    order = await _require(tx, order_id)
    if order["status"] != "pending":
        await allocation.produce(tx, order_id)
    statuses: Counter[str] = Counter()
    for row in await sql.item_counts(tx, order_id):
        statuses[row["status"]] += row["n"]
    active = statuses.total() - statuses["cancelled"]
    if not active:
        if ORDER.can(order["status"], "cancel") and ORDER_STATE.can(order["state"], "cancel"):
            await _transition(tx, order, "cancel", why="every unit cancelled")
            await move_state(tx, order, "cancel", why="every unit cancelled")
        return
    shipped = statuses["shipped"] + statuses["returned"]
    holding = shipped + sum(statuses[s] for s in READY_ITEM_STATES)
    jobs = [j for j in await jobs_sql.jobs_for_order(tx, order_id) if j["status"] != "cancelled"]
    done = [j for j in jobs if j["status"] == "completed"]
    if holding == active and order["status"] in ("pending", "in_progress", "partial"):
        if order["status"] == "pending":
            await _transition(tx, order, "schedule", jobs=0, why="every unit allocated from stock")
        await _transition(tx, order, "fulfil", units=active, jobs_done=len(done))
    elif order["status"] == "in_progress" and (done or holding):
        await _transition(tx, order, "progress", jobs_done=len(done), jobs_total=len(jobs))
    if order["status"] == "fulfilled" and shipped == active:
        await _transition(tx, order, "ship", units=shipped)
    elif order["status"] == "shipped" and shipped < active:
        await _transition(tx, order, "unship", units=shipped)
    if order["state"] == "pending" and holding:
        await move_state(tx, order, "allocate")
    if order["state"] == "processing":
        shipments = [s["status"] for s in await shipments_sql.for_order(tx, order_id)]
        derived = fulfilment.fulfilment(order["state"], statuses.elements(), shipments, jobs_started=bool(jobs))
        if derived in (fulfilment.Fulfilment.COMPLETED, fulfilment.Fulfilment.ALL_RETURNED,
                       fulfilment.Fulfilment.PARTIALLY_RETURNED) and all(s in ("delivered", "cancelled")
                                                                        for s in shipments):
            await move_state(tx, order, "complete")


async def _release_consumables(tx: Tx, order_id: int, items: list[dict[str, Any]]) -> None:
    """Give back the consumables reserved for units not yet made (and the parts a set line took from
    stock for them); those in finished goods stay used (the goods go back to stock with their magnets
    in them)."""
    lines = {line["id"]: line for line in await sql.lines(tx, order_id)}
    extras = await catalog_sql.product_consumables(tx, sorted({line["product_id"] for line in lines.values()}))
    unmade = Counter(i["order_line_id"] for i in items if i["to_print"] and i["status"] in ("pending", "backordered"))
    owed: dict[int, int] = defaultdict(int)
    for line_id, count in unmade.items():
        if lines[line_id]["product_kind"] == "set":
            for cid, qty in (await _release_set_units(tx, order_id, lines[line_id], count, 0)).items():
                owed[cid] += qty
            continue
        for extra in (e for e in extras if e["product_id"] == lines[line_id]["product_id"]):
            owed[extra["consumable_id"]] += extra["quantity"] * count
    for held in await inventory_sql.order_net(tx, order_id, "consumable"):
        back = min(owed.get(held["item_id"], 0), -int(held["quantity"]))
        if back > 0:
            await inventory_sql.move(tx, item_kind="consumable", item_id=held["item_id"], quantity=back,
                                     reason="release", order_id=order_id)


async def _release_set_units(tx: Tx, order_id: int, line: dict[str, Any], unmade_before: int,
                             unmade_after: int) -> dict[int, int]:
    """A set line going from `unmade_before` to `unmade_after` sets still to make: its surplus parts
    from stock go back now; returns the consumables its no longer needed prints had reserved."""
    set_line = await set_lines.load(tx, line)
    made = await sql.produced_for_line(tx, line["id"])
    before = set_line.consumables(made + unmade_before)
    after = set_line.consumables(made + unmade_after)
    for part in await set_lines.release_parts(tx, order_id, set_line, made + unmade_after):
        await allocation.serve_backorders(tx, part)
    return {cid: qty - after.get(cid, 0) for cid, qty in before.items() if qty > after.get(cid, 0)}


async def _cancel_jobs(tx: Tx, jobs: list[dict[str, Any]], order_id: int, states: tuple[str, ...]) -> None:
    for job in jobs:
        if job["status"] not in states:
            continue
        await jobs_sql.update_status(tx, job["id"], expected=job["status"], status="cancelled",
                                     message="order cancelled")
        await tx.record("job", job["id"], "cancel", order_id=order_id, printer_id=job["printer_id"],
                        **{"from": job["status"], "to": "cancelled"})


async def cancel(store: Store, actor: str, order_id: int) -> dict[str, Any]:
    """Cancel the order, cancel its unfinished jobs and give back what it reserved."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        ORDER.next(order["status"], "cancel")
        ORDER_STATE.next(order["state"], "cancel")
        await _transition(tx, order, "cancel")
        await move_state(tx, order, "cancel")
        items = await sql.items(tx, order_id)
        await _release_consumables(tx, order_id, items)
        await allocation.step_all(tx, [i for i in items if LINE_ITEM.can(i["status"], "cancel")], "cancel")
        await _cancel_jobs(tx, await jobs_sql.jobs_for_order(tx, order_id), order_id,
                           ("queued", "dispatched", "printing", "paused", "failed", "interrupted"))
        await allocation.serve_backorders(tx)
        return await _order_view(tx, await _require(tx, order_id))


async def cancel_lines(store: Store, actor: str, order_id: int, data: CancelLinesIn) -> dict[str, Any]:
    """Cancel some units of some lines; what they held goes back to stock and the order's status is
    derived again (cancelling every unit cancels the order)."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        _require_workable(order, "cancel")
        lines = {line["id"]: line for line in await sql.lines(tx, order_id)}
        extras = await catalog_sql.product_consumables(tx, sorted({line["product_id"] for line in lines.values()}))
        jobs = await jobs_sql.jobs_for_order(tx, order_id)
        freed: set[int] = set()
        for index, request in enumerate(data.lines):
            line = lines.get(request.line_id)
            if line is None:
                raise NotFound(f"order {order_id} has no line {request.line_id}", field=f"lines[{index}].line_id")
            items = await sql.items_of_line(tx, line["id"])
            rank = {"pending": 0, "backordered": 1, "allocated": 2, "picked": 3, "packed": 4}
            open_items = sorted((i for i in items if LINE_ITEM.can(i["status"], "cancel")),
                                key=lambda i: (rank[i["status"]], -i["id"]))
            quantity = len(open_items) if request.quantity is None else request.quantity
            if quantity > len(open_items) or not open_items:
                raise Conflict(f"line {line['id']} has {len(open_items)} unit(s) that can still be cancelled, "
                               f"not {quantity}", field=f"lines[{index}].quantity")
            chosen = open_items[:quantity]
            unproduced = sum(1 for i in chosen if i["to_print"] and i["status"] in ("pending", "backordered"))
            freed |= {i["product_id"] for i in chosen if i["status"] in READY_ITEM_STATES}
            await allocation.step_all(tx, chosen, "cancel")
            still_printing = [i for i in await sql.items_of_line(tx, line["id"])
                              if i["to_print"] and i["status"] in ("pending", "backordered")]
            if line["product_kind"] == "set":
                back = await _release_set_units(tx, order_id, line, len(still_printing) + unproduced,
                                                len(still_printing))
            else:
                back = {e["consumable_id"]: e["quantity"] * unproduced
                        for e in extras if e["product_id"] == line["product_id"]}
            for consumable_id, quantity in sorted(back.items()):
                if quantity:
                    await inventory_sql.move(tx, item_kind="consumable", item_id=consumable_id, quantity=quantity,
                                             reason="release", order_id=order_id)
            if not still_printing:
                await _cancel_jobs(tx, [j for j in jobs if j["order_line_id"] == line["id"]], order_id,
                                   UNSTARTED_JOB_STATES)
            await tx.record("order", order_id, "line_cancelled", line_id=line["id"], units=quantity)
        for product_id in sorted(freed):
            await allocation.serve_backorders(tx, product_id)
        await roll_up(tx, order_id)
        return await _order_view(tx, await _require(tx, order_id))


async def core_action(store: Store, actor: str, order_id: int, action: CoreAction) -> dict[str, Any]:
    """confirm (draft → pending), hold, release (back to where it was held from), unallocate."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        if action is CoreAction.UNALLOCATE:
            ORDER_STATE.next(order["state"], "unallocate")
            items = await sql.items(tx, order_id)
            jobs = [j for j in await jobs_sql.jobs_for_order(tx, order_id) if j["status"] != "cancelled"]
            if jobs or any(i["status"] in ("shipped", "returned") for i in items):
                raise IllegalTransition("only an order that is not scheduled and has shipped nothing can be "
                                        "unallocated; cancel lines instead", field="state",
                                        details={"allowed": ORDER_STATE.allowed(order["state"])})
            releasing = [i for i in items if LINE_ITEM.can(i["status"], "unallocate")]
            freed = {i["product_id"] for i in releasing}
            await allocation.step_all(tx, releasing, "unallocate", location=None)
            await move_state(tx, order, "unallocate")
            if order["status"] != "pending":
                await _transition(tx, order, "unallocate")
            for product_id in sorted(freed):
                await allocation.serve_backorders(tx, product_id)
        else:
            await move_state(tx, order, action.value)
            if action is CoreAction.CONFIRM and await auto_allocate_enabled(tx):
                await _auto_allocate(tx, order)
            elif action is CoreAction.RELEASE:
                await roll_up(tx, order_id)
        return await _order_view(tx, await _require(tx, order_id))


async def remove(store: Store, actor: str, order_id: int, data: RemoveIn) -> dict[str, Any]:
    """Delete an order for good: its lines, units, shipments and unstarted jobs go, what it reserved
    is released through the ledger, and prints already under way are kept, detached from it."""
    async with store.transaction(actor) as tx:
        order = await _require(tx, order_id)
        if data.confirm != order["reference"]:
            raise Invalid(f"type the order's reference {order['reference']!r} in confirm to remove it",
                          field="confirm")
        if await invoices_sql.is_invoiced(tx, order_id):
            raise Conflict("an invoiced order cannot be removed: its invoice stays on record; cancel or credit "
                           "it instead", field="order_id")
        if await payments_sql.for_order(tx, order_id):
            raise Conflict("an order with recorded payments cannot be removed; refund and cancel it instead",
                           field="order_id")
        items = await sql.items(tx, order_id)
        jobs = await jobs_sql.jobs_for_order(tx, order_id)
        unstarted = [j["id"] for j in jobs if j["status"] in ("queued", *UNSTARTED_JOB_STATES, "cancelled")]
        kept = [j["id"] for j in jobs if j["id"] not in unstarted]
        await _release_consumables(tx, order_id, items)
        await sql.detach_jobs(tx, kept)
        await sql.delete_order(tx, order_id)
        await tx.record("order", order_id, "removed", reference=order["reference"], units=len(items),
                        jobs_deleted=len(unstarted), jobs_kept=kept)
        for product_id in sorted({i["product_id"] for i in items if i["status"] in READY_ITEM_STATES}):
            await allocation.serve_backorders(tx, product_id)
    return {"id": order_id, "reference": order["reference"], "removed": True, "jobs_deleted": len(unstarted),
            "jobs_kept": kept}


async def _order_view(db: Db, order: dict[str, Any], *, with_jobs: bool = True) -> dict[str, Any]:
    return (await _order_views(db, [order], with_jobs=with_jobs))[0]


def _grouped(rows: list[dict[str, Any]], key: str = "order_id") -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


async def _order_views(db: Db, orders: list[dict[str, Any]], *, with_jobs: bool = True) -> list[dict[str, Any]]:
    """Views of many orders from one query per kind of fact (lines, units, jobs, shipments, payments,
    invoices, returns, kept costs), however many orders, lines or payments there are."""
    if not orders:
        return []
    ids = [order["id"] for order in orders]
    lines = _grouped(await sql.lines_of(db, ids))
    counts = _grouped(await sql.item_counts_of(db, ids))
    jobs = _grouped(await jobs_sql.jobs_of_orders(db, ids))
    shipments = _grouped(await shipments_sql.for_orders(db, ids))
    payments = _grouped(await payments_sql.for_orders(db, ids))
    invoiced = await invoices_sql.invoiced_of(db, ids)
    restocked = _grouped(await returns_sql.restocked_of(db, ids))
    kept = await order_money.kept_costs_of(db, [(order, lines[order["id"]]) for order in orders])
    waste_cost = await _waste_costs(db, ids)
    views = []
    for order in orders:
        order_id = order["id"]
        paid = sum((Decimal(p["amount"]) for p in payments[order_id] if p["kind"] == "payment"), Decimal(0))
        refunded = sum((Decimal(p["amount"]) for p in payments[order_id] if p["kind"] != "payment"), Decimal(0))
        facts = _Facts(order=order, lines=lines[order_id], counts=counts[order_id], jobs=jobs[order_id],
                       shipments=shipments[order_id], paid=paid, refunded=refunded, invoiced=order_id in invoiced,
                       restocked={r["order_line_id"]: int(r["n"]) for r in restocked[order_id]},
                       kept=kept[order_id], waste_cost=waste_cost.get(order_id, Decimal(0)))
        views.append(_view_of(facts, with_jobs=with_jobs))
    return views


async def _waste_costs(db: Db, order_ids: list[int]) -> dict[int, Decimal]:
    """What each order's failed prints wasted: what their spools really cost where known, else today's
    material prices (prices read only if needed)."""
    wasted = await attempts_sql.waste_of_orders(db, order_ids)
    if not wasted:
        return {}
    prices = {m.upper(): Decimal(p) for m, p in (await inventory_sql.material_prices(db)).items()}
    costs: dict[int, Decimal] = defaultdict(Decimal)
    for row in wasted:
        costs[row["order_id"]] += (Decimal(row["cost"]) if row["cost"] is not None
                                   else Decimal(row["used_g"]) * prices.get(row["material"], Decimal(0)))
    return costs


@dataclass(frozen=True)
class _Facts:
    """Everything an order's view is derived from, read beforehand."""

    order: dict[str, Any]
    lines: list[dict[str, Any]]
    counts: list[dict[str, Any]]
    jobs: list[dict[str, Any]]
    shipments: list[dict[str, Any]]
    paid: Decimal
    refunded: Decimal
    invoiced: bool
    restocked: dict[int, int]
    kept: order_costs.OrderFigures
    waste_cost: Decimal


def _view_of(facts: _Facts, *, with_jobs: bool) -> dict[str, Any]:
    order, lines, counts, jobs, shipments = facts.order, facts.lines, facts.counts, facts.jobs, facts.shipments
    printing_lines = {j["order_line_id"] for j in jobs if j["status"] != "cancelled"}
    by_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    for row in counts:
        by_line[row["order_line_id"]].append(row)
        statuses[row["status"]] += row["n"]
    active = order_money.active_quantities(counts)
    money_totals = order_money.totals_of(order, lines, active, facts.paid, facts.refunded)
    invoiced = facts.invoiced
    pnl = order_money.pnl_of(order, lines, active, facts.restocked, facts.kept, facts.refunded)
    due_on = date.fromisoformat(order["payment_due_on"]) if order["payment_due_on"] else None
    view = {
        "id": order["id"], "reference": order["reference"], "platform": order["platform"],
        "customer_id": order["customer_id"], "customer_name": order["customer_name"], "status": order["status"],
        "state": order["state"],
        "fulfilment": fulfilment.fulfilment(order["state"], statuses.elements(), [s["status"] for s in shipments],
                                            jobs_started=any(j["status"] != "cancelled" for j in jobs)).value,
        "payment_status": fulfilment.payment_status(
            total=money_totals["total"], paid=money_totals["paid"], refunded=money_totals["refunded"],
            terms=order["payment_terms"], po_number=order["po_number"], due_on=due_on, invoiced=invoiced,
            today=date.today()).value,
        "notes": order["notes"], "customer_email": order["customer_email"],
        "ship_to": [part for part in order["ship_to"].split("\n") if part],
        "ship_method": order["ship_method"], "backorder_ship_method": order["backorder_ship_method"],
        "carrier": order["carrier"], "tracking_number": order["tracking_number"],
        "payment_terms": order["payment_terms"], "po_number": order["po_number"],
        "payment_due_on": order["payment_due_on"], "ship_by": order["ship_by"],
        "created_at": order["created_at"], "updated_at": order["updated_at"], "shipped_at": order["shipped_at"],
        "allowed_actions": ORDER.allowed(order["status"]),
        "allowed_state_actions": [a for a in ORDER_STATE.allowed(order["state"]) if a != "complete"],
        "lines": [_line_view(line, by_line[line["id"]], line["id"] in printing_lines) for line in lines],
        "shipments": [{"id": s["id"], "status": s["status"], "carrier": s["carrier"],
                       "tracking_number": s["tracking_number"]} for s in shipments],
        "totals": {key: str(value) for key, value in money_totals.items()},
        "shipping_charged": order["shipping_charged"], "order_discount": order["order_discount"],
        "pnl": order_money.pnl_view(pnl, facts.waste_cost),
    }
    if with_jobs:
        view["jobs"] = [job_view(job) for job in jobs]
    return view


def _line_view(line: dict[str, Any], rows: list[dict[str, Any]], printing: bool) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    locations: Counter[str] = Counter()
    for row in rows:
        counts[row["status"]] += row["n"]
        if row["status"] in READY_ITEM_STATES:
            locations[row["location"]] += row["n"]
    active = counts.total() - counts["cancelled"]
    return {
        "id": line["id"], "product_id": line["product_id"], "sku": line["sku"],
        "product_name": line["product_name"], "quantity": line["quantity"], "active_quantity": active,
        "unit_price": line["unit_price"], "unit_discount": line["unit_discount"], "tax_rate": line["tax_rate"],
        "line_total": str((Decimal(line["unit_price"]) - Decimal(line["unit_discount"])) * active),
        "status": fulfilment.line_chip(counts.elements(), in_production=printing).value,
        "units": dict(sorted(counts.items())),
        "shipped": counts["shipped"] + counts["returned"], "returned": counts["returned"],
        "locations": dict(sorted(locations.items())),
    }


async def view(db: Db, order_id: int) -> dict[str, Any]:
    return await _order_view(db, await _require(db, order_id))


async def views_of_customer(db: Db, customer_id: int) -> list[dict[str, Any]]:
    """Every order of one customer as the API shows it (jobs left out), newest first."""
    return await _order_views(db, await sql.orders_of_customer(db, customer_id), with_jobs=False)


async def get_order(store: Store, order_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _order_view(db, await _require(db, order_id))


async def list_orders(store: Store, request: PageIn, *, status: str | None = None,
                      search: str | None = None, customer_id: int | None = None) -> dict[str, Any]:
    """A page of orders, newest first, with the total matching `status`, `search` and `customer_id`."""
    async with store.read() as db:
        rows = await sql.list_orders(db, status=status, search=search, before_id=request.after(),
                                     limit=request.limit + 1, customer_id=customer_id)
        total = await sql.count_orders(db, status=status, search=search, customer_id=customer_id)
        views = await _order_views(db, rows[:request.limit], with_jobs=False)
    return page(rows, views, total, request)
