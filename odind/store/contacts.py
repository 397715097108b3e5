"""SQL for customers and suppliers, and for moving what refers to a duplicate onto the record it merges into."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow
from odind.store.search import contains

FIELDS = ("name", "email", "phone", "billing_address", "shipping_address", "tax_id", "notes", "default_platform",
          "payment_terms")


async def insert(tx: Tx, kind: str, values: dict[str, Any]) -> int:
    now = utcnow()
    columns = ", ".join(FIELDS)
    marks = ", ".join("?" for _ in FIELDS)
    return await tx.insert(f"INSERT INTO contacts (kind, {columns}, created_at, updated_at)"
                           f" VALUES (?, {marks}, ?, ?) RETURNING id", kind, *(values[f] for f in FIELDS), now, now)


async def update(tx: Tx, contact_id: int, values: dict[str, Any]) -> None:
    assignments = ", ".join(f"{f} = ?" for f in FIELDS)
    await tx.execute(f"UPDATE contacts SET {assignments}, updated_at = ? WHERE id = ?",
                     *(values[f] for f in FIELDS), utcnow(), contact_id)


async def get(db: Db, contact_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM contacts WHERE id = ?", contact_id)


def _filter(kind: str, search: str | None) -> tuple[str, list[Any]]:
    where, args = "kind = ? AND merged_into IS NULL", [kind]
    if search:
        clause, patterns = contains(("name", "email", "phone"), search)
        where += f" AND {clause}"
        args += patterns
    return where, args


async def page(db: Db, kind: str, *, search: str | None, after_id: int | None, limit: int) -> list[dict[str, Any]]:
    where, args = _filter(kind, search)
    if after_id is not None:
        where += " AND id > ?"
        args.append(after_id)
    return await db.all(f"SELECT * FROM contacts WHERE {where} ORDER BY id LIMIT ?", *args, limit)


async def count(db: Db, kind: str, *, search: str | None) -> int:
    where, args = _filter(kind, search)
    return int(await db.scalar(f"SELECT COUNT(*) FROM contacts WHERE {where}", *args))


async def by_email(db: Db, kind: str, email: str) -> dict[str, Any] | None:
    """The live record with this e-mail, in any case."""
    return await db.one("SELECT * FROM contacts WHERE kind = ? AND merged_into IS NULL AND LOWER(email) = ?"
                        " ORDER BY id LIMIT 1", kind, email.lower())


async def find(db: Db, kind: str, *, email: str | None, name: str) -> dict[str, Any] | None:
    """The live record with this e-mail (any case), else the one with exactly this name (any case)."""
    found = await by_email(db, kind, email) if email else None
    if found is not None:
        return found
    return await db.one("SELECT * FROM contacts WHERE kind = ? AND merged_into IS NULL AND LOWER(name) = ?"
                        " ORDER BY id LIMIT 1", kind, name.lower())


async def merge(tx: Tx, duplicate_id: int, into_id: int) -> dict[str, int]:
    """Point everything that refers to the duplicate at the record it merges into; how many rows moved."""
    orders = await tx.execute("UPDATE orders SET customer_id = ? WHERE customer_id = ?", into_id, duplicate_id)
    purchases = await tx.execute("UPDATE purchase_orders SET supplier_id = ? WHERE supplier_id = ?",
                                 into_id, duplicate_id)
    returns = await tx.execute("UPDATE return_orders SET customer_id = ? WHERE customer_id = ?", into_id,
                               duplicate_id)
    await tx.execute("UPDATE contacts SET merged_into = ?, updated_at = ? WHERE id = ?", into_id, utcnow(),
                     duplicate_id)
    await tx.execute("UPDATE contacts SET merged_into = ? WHERE merged_into = ?", into_id, duplicate_id)
    return {"orders": orders, "purchase_orders": purchases, "returns": returns}


async def order_ids(db: Db, customer_id: int) -> list[int]:
    return [row["id"] for row in await db.all("SELECT id FROM orders WHERE customer_id = ? ORDER BY id DESC",
                                              customer_id)]


async def purchase_orders_of(db: Db, supplier_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT id, reference, status, created_at FROM purchase_orders WHERE supplier_id = ?"
                        " ORDER BY id DESC", supplier_id)


async def live(db: Db, kind: str, contact_id: int) -> dict[str, Any] | None:
    """The record, or the one a merged duplicate went into: an old id in a script still finds its customer."""
    row = await get(db, contact_id)
    if row is not None and row["merged_into"] is not None:
        row = await get(db, row["merged_into"])
    return row if row is not None and row["kind"] == kind else None
