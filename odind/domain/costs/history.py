"""Cost history: a snapshot of a product's COGS each time it changes.

Anything that can move a cost (a purchase, a material price, cost settings, a product's BOM or
overrides, a set's members) calls `record_cost_changes` in its own transaction, so the history and
the change commit together. Only products whose total actually moved get a row, which keeps the
history a list of real price changes rather than a log of saves.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from typing import Any

from odind.costing.cogs import item_cogs
from odind.domain.costs import loader
from odind.domain.costs.views import breakdown_view
from odind.errors import Invalid, NotFound
from odind.money import exact_text, shown_text
from odind.store import catalog as catalog_sql
from odind.store import costs as sql
from odind.store.db import Store, Tx

log = logging.getLogger(__name__)


async def record_cost_changes(tx: Tx, reason: str) -> list[int]:
    """Snapshot every product whose COGS differs from its last snapshot; returns their ids.

    A product that cannot be costed yet (say, its material has no price) is skipped rather than
    blocking the change that triggered the check; its COGS endpoint names what is missing.
    """
    costing = await loader.load(tx)
    latest = await sql.latest_snapshot_totals(tx)
    changed = []
    for product_id, row in costing.rows.items():
        try:
            breakdown = item_cogs(costing.catalog, row["sku"], costing.settings)
        except Invalid as exc:
            log.debug("no cost snapshot for %s: %s", row["sku"], exc.message)
            continue
        total = exact_text(breakdown.total)
        if latest.get(product_id) == total:
            continue
        await sql.insert_snapshot(tx, product_id=product_id, total=total, reason=reason,
                                  breakdown_json=json.dumps(breakdown_view(breakdown), sort_keys=True))
        changed.append(product_id)
    if changed:
        await tx.record("cost", None, "snapshots", reason=reason, products=changed)
    return changed


async def cost_history(store: Store, product_id: int) -> dict[str, Any]:
    async with store.read() as db:
        product = await catalog_sql.get_product(db, product_id)
        if product is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        rows = await sql.snapshots(db, product_id)
    entries = []
    previous: Decimal | None = None
    for row in rows:
        total = Decimal(row["total"])
        breakdown = json.loads(row["breakdown_json"])
        entries.append({"at": row["created_at"], "reason": row["reason"], "total": shown_text(total),
                        "change": None if previous is None else shown_text(total - previous),
                        "lines": breakdown["lines"],
                        "exact": {"total": row["total"],
                                  "change": None if previous is None else exact_text(total - previous)}})
        previous = total
    return {"product_id": product_id, "sku": product["sku"], "snapshots": entries}
