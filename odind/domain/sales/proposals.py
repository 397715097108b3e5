"""Lines proposed from what a customer wrote (an order's notes, a quote's request), for the shop to review.

A draft only: it reads the catalog and the text and changes nothing; the shop takes the lines it
agrees with into the order or the offer itself.
"""

from __future__ import annotations

from typing import Any

from odind.errors import NotFound
from odind.notes.extract import CatalogEntry, propose
from odind.store import catalog as catalog_sql
from odind.store.db import Db, Store
from odind.store.sales import orders as orders_sql
from odind.store.sales import quotes as quotes_sql


async def _catalog(db: Db) -> list[CatalogEntry]:
    return [CatalogEntry(product_id=row["id"], sku=row["sku"], name=row["name"],
                         aliases=tuple(a for a in row["aliases"].split("\n") if a))
            for row in await catalog_sql.live_products(db)]


async def _read(db: Db, text: str) -> dict[str, Any]:
    lines = propose(text, await _catalog(db))
    return {"text": text, "lines": [{"product_id": p.product_id, "sku": p.sku, "name": p.name, "quantity": p.quantity,
                                     "variants": list(p.variants), "score": p.score, "from": p.fragment}
                                    for p in lines]}


async def for_order(store: Store, order_id: int) -> dict[str, Any]:
    async with store.read() as db:
        order = await orders_sql.get_order(db, order_id)
        if order is None:
            raise NotFound(f"order {order_id} does not exist", field="order_id")
        return await _read(db, order["notes"])


async def for_quote(store: Store, quote_id: int) -> dict[str, Any]:
    async with store.read() as db:
        quote = await quotes_sql.get(db, quote_id)
        if quote is None:
            raise NotFound(f"quote {quote_id} does not exist", field="quote_id")
        return await _read(db, quote["request"])
