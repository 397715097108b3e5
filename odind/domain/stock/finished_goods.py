"""Finished goods on the shelf: what each location holds, what orders have claimed, what is free."""

from __future__ import annotations

from odind.store.db import Db
from odind.store.sales import orders as sql


async def stock_levels(db: Db, product_id: int) -> dict[str, dict[str, int]]:
    """on_hand / allocated / available per location for one product."""
    on_hand = await sql.on_hand_by_location(db, "product", product_id)
    allocated = await sql.allocated_by_location(db, product_id)
    return {loc: {"on_hand": on_hand.get(loc, 0), "allocated": allocated.get(loc, 0),
                  "available": on_hand.get(loc, 0) - allocated.get(loc, 0)}
            for loc in sorted(set(on_hand) | set(allocated))}
