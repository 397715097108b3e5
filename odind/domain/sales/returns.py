"""Return orders: goods coming back from customers, with or without the sales order they left on.

A return is expected until it arrives. On receipt each unit goes back to a stock location or is
scrapped (booked in and written off, so the ledger shows both), the sales order's units become
returned (its fulfilment shows partially or all returned), and a refund, if any, is paid in the same
transaction - reducing the order's revenue and, once invoiced, issuing a credit note.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from odind.domain.paging import PageIn, page
from odind.domain.sales import allocation, orders, payments
from odind.domain.transitions import RETURN
from odind.domain.types import Id, Input, Name, Note, Quantity
from odind.errors import Conflict, IllegalTransition, Invalid, NotFound
from odind.money import Money
from odind.store import catalog as catalog_sql
from odind.store import contacts as contacts_sql
from odind.store.db import Db, Store, Tx
from odind.store.sales import orders as orders_sql
from odind.store.sales import returns as sql
from odind.store.stock import inventory as inventory_sql


class ReturnLineIn(Input):
    line_id: Id | None = None  # the sales-order line the units left on
    product_id: Id | None = None  # for a return without a sales order
    quantity: Quantity
    disposition: Literal["restock", "scrap"] = "restock"
    location: allocation.Location = allocation.DEFAULT_LOCATION


class ReceiveReturnIn(Input):
    refund_method: payments.Method = payments.Method.OTHER


class ReturnIn(Input):
    order_id: Id | None = None
    customer_id: Id | None = None  # without an order: the customer's record (the order's customer otherwise)
    customer_name: Name | None = None
    reason: Note = ""
    refund_amount: Money = Decimal(0)  # paid back when the goods arrive
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=500)


async def _require(db: Db, return_id: int) -> dict[str, Any]:
    row = await sql.get_return(db, return_id)
    if row is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    return row


async def create(store: Store, actor: str, data: ReturnIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        order = await orders.require(tx, data.order_id) if data.order_id is not None else None
        if order is None and not data.customer_name and data.customer_id is None:
            raise Invalid("a return without a sales order needs the customer's name or record",
                          field="customer_name")
        if order is None and data.refund_amount:
            raise Invalid("a refund is paid against a sales order; name order_id", field="refund_amount")
        order_lines = {line["id"]: line for line in await orders_sql.lines(tx, order["id"])} if order else {}
        resolved: list[tuple[int, int | None, int, Any]] = []
        for index, line in enumerate(data.lines):
            if order is not None:
                ordered = order_lines.get(line.line_id) if line.line_id is not None else None
                if ordered is None:
                    raise NotFound(f"order {order['id']} has no line {line.line_id}", field=f"lines[{index}].line_id")
                shipped = sum(1 for i in await orders_sql.items_of_line(tx, ordered["id"]) if i["status"] == "shipped")
                pending = await sql.expected_for_line(tx, ordered["id"])
                pending += sum(r[2] for r in resolved if r[1] == ordered["id"])
                if line.quantity > shipped - pending:
                    raise Conflict(f"line {ordered['id']} has {shipped - pending} shipped unit(s) not yet returned; "
                                   f"cannot return {line.quantity}", field=f"lines[{index}].quantity",
                                   details={"returnable": shipped - pending})
                resolved.append((ordered["product_id"], ordered["id"], line.quantity, line))
            else:
                if line.product_id is None or await catalog_sql.get_product(tx, line.product_id) is None:
                    raise NotFound(f"product {line.product_id} does not exist", field=f"lines[{index}].product_id")
                resolved.append((line.product_id, None, line.quantity, line))
        record = await contacts_sql.live(tx, "customer", data.customer_id) if data.customer_id else None
        if data.customer_id and record is None:
            raise NotFound(f"customer {data.customer_id} does not exist", field="customer_id")
        customer = data.customer_name or (order["customer_name"] if order else None) or (record or {}).get("name")
        if not customer:
            raise Invalid("name the customer (customer_name) or the sales order (order_id)", field="customer_name")
        customer_id = order["customer_id"] if order else (record["id"] if record else None)
        return_id = await sql.insert_return(tx, order_id=order["id"] if order else None, customer_name=customer,
                                            reason=data.reason, refund_amount=str(data.refund_amount),
                                            customer_id=customer_id)
        for product_id, line_id, quantity, line in resolved:
            await sql.insert_line(tx, return_id, product_id=product_id, order_line_id=line_id, quantity=quantity,
                                  disposition=line.disposition, location=line.location)
        await tx.record("return", return_id, "created", order_id=data.order_id, units=sum(r[2] for r in resolved),
                        refund_amount=str(data.refund_amount))
        return await _view(tx, await _require(tx, return_id))


async def receive(store: Store, actor: str, return_id: int, refund_method: payments.Method) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, return_id)
        await _move(tx, row, "receive")
        for line in await sql.lines(tx, return_id):
            if line["order_line_id"] is not None:
                shipped = [i for i in await orders_sql.items_of_line(tx, line["order_line_id"])
                           if i["status"] == "shipped"]
                if len(shipped) < line["quantity"]:
                    raise Conflict(f"only {len(shipped)} unit(s) of line {line['order_line_id']} are still shipped",
                                   field="return_id")
                await allocation.step_all(tx, shipped[:line["quantity"]], "return")
            await inventory_sql.move(tx, item_kind="product", item_id=line["product_id"], quantity=line["quantity"],
                                     reason="return", order_id=row["order_id"], location=line["location"],
                                     note=row["reference"])
            if line["disposition"] == "scrap":
                await inventory_sql.move(tx, item_kind="product", item_id=line["product_id"],
                                         quantity=-line["quantity"], reason="scrap", order_id=row["order_id"],
                                         location=line["location"], note=row["reference"])
            else:
                await allocation.serve_backorders(tx, line["product_id"])
        refund = Decimal(row["refund_amount"])
        if refund and row["order_id"] is not None:
            await payments.refund_in_tx(tx, row["order_id"], refund, refund_method.value, row["reference"],
                                        return_id=return_id)
        if row["order_id"] is not None:
            await orders.roll_up(tx, row["order_id"])
        return await _view(tx, await _require(tx, return_id))


async def cancel(store: Store, actor: str, return_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, return_id)
        await _move(tx, row, "cancel")
        return await _view(tx, row)


async def _move(tx: Tx, row: dict[str, Any], action: str) -> None:
    target = RETURN.next(row["status"], action)
    if not await sql.set_status(tx, row["id"], target, expected=row["status"]):
        raise IllegalTransition(f"return {row['id']} changed while this request ran", field="status")
    await tx.record("return", row["id"], action, order_id=row["order_id"], **{"from": row["status"], "to": target})
    row["status"] = target


async def _view(db: Db, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "reference": row["reference"], "order_id": row["order_id"],
        "customer_id": row["customer_id"], "customer_name": row["customer_name"], "status": row["status"],
        "reason": row["reason"],
        "refund_amount": row["refund_amount"], "created_at": row["created_at"],
        "allowed_actions": RETURN.allowed(row["status"]),
        "lines": [{"id": line["id"], "line_id": line["order_line_id"], "product_id": line["product_id"],
                   "sku": line["sku"], "quantity": line["quantity"], "disposition": line["disposition"],
                   "location": line["location"]} for line in await sql.lines(db, row["id"])],
    }


async def get(store: Store, return_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, await _require(db, return_id))


async def list_all(store: Store, request: PageIn) -> dict[str, Any]:
    """A page, newest first, with the total."""
    async with store.read() as db:
        rows = await sql.list_returns(db, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count_returns(db)
        views = [await _view(db, row) for row in rows[:request.limit]]
    return page(rows, views, total, request)
