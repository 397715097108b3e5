"""SQL for quotes and their lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from odind.store import status_lists
from odind.store.db import Db, Tx, utcnow

_FIELDS = ("customer_id", "customer_name", "customer_email", "request", "notes", "target_margin", "valid_until",
           "link_nonce", "order_id")


async def insert(tx: Tx, *, customer_id: int | None, customer_name: str, customer_email: str | None,
                 request: str, model_id: int | None = None) -> int:
    now = utcnow()
    quote_id = await tx.insert(
        "INSERT INTO quotes (reference, customer_id, customer_name, customer_email, status, request, model_id,"
        " created_at, updated_at) VALUES ('', ?, ?, ?, 'requested', ?, ?, ?, ?) RETURNING id",
        customer_id, customer_name, customer_email, request, model_id, now, now)
    await tx.execute("UPDATE quotes SET reference = ? WHERE id = ?", f"Q-{quote_id:05d}", quote_id)
    return quote_id


async def get(db: Db, quote_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM quotes WHERE id = ?", quote_id)


async def set_status(tx: Tx, quote_id: int, status: str, *, expected: str, **fields: Any) -> bool:
    """Compare-and-set: false when someone moved the quote first."""
    unknown = set(fields) - set(_FIELDS)
    assert not unknown, f"not a quote field: {unknown}"
    assignments = "".join(f", {name} = ?" for name in fields)
    return bool(await tx.execute(f"UPDATE quotes SET status = ?, updated_at = ?{assignments}"
                                 " WHERE id = ? AND status = ?", status, utcnow(), *fields.values(), quote_id,
                                 expected))


async def lines(db: Db, quote_id: int) -> list[dict[str, Any]]:
    return await db.all("SELECT l.*, p.sku, p.name AS product_name FROM quote_lines l"
                        " JOIN products p ON p.id = l.product_id WHERE l.quote_id = ? ORDER BY l.id", quote_id)


async def replace_lines(tx: Tx, quote_id: int, rows: Sequence[tuple[int, int, str | None, str | None]]) -> None:
    """(product id, quantity, unit price, unit cost) each."""
    await tx.execute("DELETE FROM quote_lines WHERE quote_id = ?", quote_id)
    await tx.execute_many("INSERT INTO quote_lines (quote_id, product_id, quantity, unit_price, unit_cost)"
                          " VALUES (?, ?, ?, ?, ?)", [(quote_id, *row) for row in rows])


async def page(db: Db, *, status: str | None, before_id: int | None, limit: int) -> list[dict[str, Any]]:
    return await status_lists.newest_first(db, "quotes", status=status, before_id=before_id, limit=limit)


async def count(db: Db, *, status: str | None) -> int:
    return await status_lists.count(db, "quotes", status=status)


async def offered_past(db: Db, today: str) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM quotes WHERE status = 'offered' AND valid_until < ? ORDER BY id", today)
