"""Transfers: finished goods moving between stock locations (a shop shelf, a second workshop).

Shipping a transfer takes the goods out of the source location at once, so nothing else can be
allocated from them while they travel; receiving books them in at the destination, where they
serve backorders first. Only free stock can leave: units allocated to orders stay where they are.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from odind.domain.paging import PageIn, page
from odind.domain.sales import allocation
from odind.domain.transitions import TRANSFER
from odind.domain.types import Id, Input, Quantity
from odind.errors import IllegalTransition, InsufficientStock, Invalid, NotFound
from odind.store import catalog as catalog_sql
from odind.store.db import Db, Store
from odind.store.stock import inventory as inventory_sql
from odind.store.stock import transfers as sql


class TransferLineIn(Input):
    product_id: Id
    quantity: Quantity


class TransferIn(Input):
    from_location: allocation.Location
    to_location: allocation.Location
    lines: list[TransferLineIn] = Field(min_length=1, max_length=500)


async def _require(db: Db, transfer_id: int) -> dict[str, Any]:
    row = await sql.get_transfer(db, transfer_id)
    if row is None:
        raise NotFound(f"transfer {transfer_id} does not exist", field="transfer_id")
    return row


async def create(store: Store, actor: str, data: TransferIn) -> dict[str, Any]:
    if data.from_location == data.to_location:
        raise Invalid("a transfer goes between two different locations", field="to_location")
    async with store.transaction(actor) as tx:
        for index, line in enumerate(data.lines):
            if await catalog_sql.get_product(tx, line.product_id) is None:
                raise NotFound(f"product {line.product_id} does not exist", field=f"lines[{index}].product_id")
        transfer_id = await sql.insert_transfer(tx, from_location=data.from_location, to_location=data.to_location)
        for line in data.lines:
            await sql.insert_line(tx, transfer_id, line.product_id, line.quantity)
        await tx.record("transfer", transfer_id, "created", from_location=data.from_location,
                        to_location=data.to_location, units=sum(line.quantity for line in data.lines))
        return await _view(tx, await _require(tx, transfer_id))


Action = Literal["ship", "receive", "cancel"]


async def act(store: Store, actor: str, transfer_id: int, action: Action) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await _require(tx, transfer_id)
        target = TRANSFER.next(row["status"], action)
        lines = await sql.lines(tx, transfer_id)
        if action == "ship":
            for line in lines:
                free = (await allocation.stock_levels(tx, line["product_id"])).get(row["from_location"], {})
                if free.get("available", 0) < line["quantity"]:
                    raise InsufficientStock(f"only {free.get('available', 0)} unit(s) of {line['sku']} are free at "
                                            f"{row['from_location']}", field="lines",
                                            details={"product_id": line["product_id"]})
                await inventory_sql.move(tx, item_kind="product", item_id=line["product_id"],
                                         quantity=-line["quantity"], reason="transfer_out",
                                         location=row["from_location"], note=row["reference"])
        elif action == "receive":
            for line in lines:
                await inventory_sql.move(tx, item_kind="product", item_id=line["product_id"],
                                         quantity=line["quantity"], reason="transfer_in",
                                         location=row["to_location"], note=row["reference"])
                await allocation.serve_backorders(tx, line["product_id"])
        if not await sql.set_status(tx, transfer_id, target, expected=row["status"]):
            raise IllegalTransition(f"transfer {transfer_id} changed while this request ran", field="status")
        await tx.record("transfer", transfer_id, action, **{"from": row["status"], "to": target})
        return await _view(tx, await _require(tx, transfer_id))


async def _view(db: Db, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "reference": row["reference"], "from_location": row["from_location"],
        "to_location": row["to_location"], "status": row["status"], "created_at": row["created_at"],
        "allowed_actions": TRANSFER.allowed(row["status"]),
        "lines": [{"product_id": line["product_id"], "sku": line["sku"], "quantity": line["quantity"]}
                  for line in await sql.lines(db, row["id"])],
    }


async def get(store: Store, transfer_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, await _require(db, transfer_id))


async def list_all(store: Store, request: PageIn) -> dict[str, Any]:
    """A page, newest first, with the total."""
    async with store.read() as db:
        rows = await sql.list_transfers(db, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count_transfers(db)
        views = [await _view(db, row) for row in rows[:request.limit]]
    return page(rows, views, total, request)
