"""Customers and suppliers as records: who buys and who sells to the shop, with what each has done.

Before these, a name was free text on each order, so a repeat customer was several strangers and
nobody could say what one had spent or still owes. An order refers to its customer and keeps its own
copy of the name, e-mail and address it was placed with (an invoice never changes because a customer
moved); a purchase order refers to its supplier. Duplicates are merged, never deleted: what referred to
the duplicate moves to the record it merges into, and the old id keeps finding it.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from odind.domain.paging import PageIn, page
from odind.domain.sales import orders
from odind.domain.types import Id, Input, Name, Note
from odind.errors import Conflict, NotFound
from odind.money import percent_text, shown
from odind.store import contacts as sql
from odind.store.db import Db, Store, Tx

Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=40,
                                         pattern=r"^[0-9+()./ \-]+$")]
AddressLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200,
                                               pattern=r"^[^\r\n]*$")]
Address = Annotated[list[AddressLine], Field(max_length=8)]


class Kind(StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"


class ContactIn(Input):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\r\n]*$")]
    email: Email | None = None
    phone: Phone | None = None
    billing_address: Address = Field(default_factory=list)
    shipping_address: Address = Field(default_factory=list)
    tax_id: Name | None = None
    notes: Note = ""
    default_platform: Literal["etsy", "amazon", "wholesale", "direct", "other"] | None = None
    payment_terms: Literal["prepay", "po"] = "prepay"


class MergeIn(Input):
    into_id: Id = Field(description="the record that stays; the one in the path is merged into it")


def _values(data: ContactIn) -> dict[str, Any]:
    return {**data.model_dump(), "billing_address": "\n".join(data.billing_address),
            "shipping_address": "\n".join(data.shipping_address)}


def view(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "name": row["name"], "email": row["email"], "phone": row["phone"],
            "billing_address": [part for part in row["billing_address"].split("\n") if part],
            "shipping_address": [part for part in row["shipping_address"].split("\n") if part],
            "tax_id": row["tax_id"], "notes": row["notes"], "default_platform": row["default_platform"],
            "payment_terms": row["payment_terms"], "merged_into": row["merged_into"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


async def _require(db: Db, kind: Kind, contact_id: int) -> dict[str, Any]:
    row = await sql.get(db, contact_id)
    if row is None or row["kind"] != kind.value:
        raise NotFound(f"{kind.value} {contact_id} does not exist", field=f"{kind.value}_id")
    return row


async def create(store: Store, actor: str, kind: Kind, data: ContactIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        contact_id = await sql.insert(tx, kind.value, _values(data))
        await tx.record(kind.value, contact_id, "created", name=data.name)
        return view(await _require(tx, kind, contact_id))


async def update(store: Store, actor: str, kind: Kind, contact_id: int, data: ContactIn) -> dict[str, Any]:
    """Change the record; orders keep the name and address they were placed with."""
    async with store.transaction(actor) as tx:
        row = await _require(tx, kind, contact_id)
        if row["merged_into"] is not None:
            raise Conflict(f"{kind.value} {contact_id} was merged into {row['merged_into']}; change that one",
                           field=f"{kind.value}_id", details={"merged_into": row["merged_into"]})
        await sql.update(tx, contact_id, _values(data))
        await tx.record(kind.value, contact_id, "updated", name=data.name)
        return view(await _require(tx, kind, contact_id))


async def merge(store: Store, actor: str, kind: Kind, duplicate_id: int, data: MergeIn) -> dict[str, Any]:
    """Fold a duplicate into the record that stays: its orders and purchase orders move over."""
    async with store.transaction(actor) as tx:
        duplicate = await _require(tx, kind, duplicate_id)
        keep = await _require(tx, kind, data.into_id)
        if duplicate_id == data.into_id:
            raise Conflict(f"a {kind.value} cannot be merged into itself", field="into_id")
        for row, name in ((duplicate, f"{kind.value}_id"), (keep, "into_id")):
            if row["merged_into"] is not None:
                raise Conflict(f"{kind.value} {row['id']} was already merged into {row['merged_into']}", field=name,
                               details={"merged_into": row["merged_into"]})
        moved = await sql.merge(tx, duplicate_id, data.into_id)
        await tx.record(kind.value, duplicate_id, "merged", into_id=data.into_id, **moved)
        await tx.record(kind.value, data.into_id, "absorbed", duplicate_id=duplicate_id, **moved)
        return {**view(await _require(tx, kind, data.into_id)), "moved": moved}


async def list_page(store: Store, kind: Kind, request: PageIn, *, search: str | None = None) -> dict[str, Any]:
    """A page of live records (merged duplicates left out), oldest first, searched by name, e-mail, phone."""
    async with store.read() as db:
        rows = await sql.page(db, kind.value, search=search, after_id=request.after(), limit=request.limit + 1)
        total = await sql.count(db, kind.value, search=search)
    return page(rows, [view(row) for row in rows[:request.limit]], total, request)


def _customer_history(views: list[dict[str, Any]]) -> dict[str, Any]:
    """What the customer is worth and owes, from the orders' own derived figures (cancelled ones left out)."""
    live = [v for v in views if v["status"] != "cancelled"]
    spend = sum((Decimal(v["totals"]["paid"]) - Decimal(v["totals"]["refunded"]) for v in views), Decimal(0))
    revenue = sum((Decimal(v["pnl"]["exact"]["revenue"]) for v in live), Decimal(0))
    profit = sum((Decimal(v["pnl"]["exact"]["profit"]) for v in live), Decimal(0))
    balance = sum((max(Decimal(v["totals"]["balance"]), Decimal(0)) for v in live), Decimal(0))
    return {"orders": len(views), "open_orders": sum(1 for v in live if v["status"] != "shipped"),
            "spend": str(shown(spend)), "revenue": str(shown(revenue)), "profit": str(shown(profit)),
            "margin_percent": percent_text(profit, revenue), "open_balance": str(shown(balance)),
            "first_order_at": views[-1]["created_at"] if views else None,
            "last_order_at": views[0]["created_at"] if views else None,
            "recent_orders": [{"id": v["id"], "reference": v["reference"], "status": v["status"],
                               "payment_status": v["payment_status"], "total": v["totals"]["total"],
                               "created_at": v["created_at"]} for v in views[:20]]}


async def get(store: Store, kind: Kind, contact_id: int) -> dict[str, Any]:
    """The record with its history: a customer's orders, spend, margin and open balance; a supplier's POs."""
    async with store.read() as db:
        row = await _require(db, kind, contact_id)
        if kind is Kind.CUSTOMER:
            history = _customer_history(await orders.views_of_customer(db, contact_id))
        else:
            history = {"purchase_orders": await sql.purchase_orders_of(db, contact_id)}
    return {**view(row), "history": history}


async def customer_for(tx: Tx, *, name: str, email: str | None, ship_to: list[str]) -> int:
    """The customer an imported order belongs to: the one with its e-mail, else its exact name, else a new one."""
    found = await sql.find(tx, Kind.CUSTOMER.value, email=email, name=name)
    if found is not None:
        return int(found["id"])
    contact_id = await sql.insert(tx, Kind.CUSTOMER.value, {
        "name": name, "email": email, "phone": None, "billing_address": "", "shipping_address": "\n".join(ship_to),
        "tax_id": None, "notes": "", "default_platform": None, "payment_terms": "prepay"})
    await tx.record(Kind.CUSTOMER.value, contact_id, "created", name=name, source="import")
    return contact_id
