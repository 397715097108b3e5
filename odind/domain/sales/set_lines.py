"""Order lines for sets: a set is ordered, allocated, shipped and invoiced as one unit at its set price,
but made as its parts.

How the units of a set line are tracked: each unit of the line is one whole set, and it is fulfilled
(allocated to set stock) only when every part product the set holds is there in its required
quantity. Parts come from two places. Schedule All first takes whatever finished stock of each part
is free (a 'reserve' movement of the part, tied to the line, so no other order can take it) and
prints only the shortfall, each part through its own BOM. As prints complete, the parts taken from
stock fill the first sets and printed parts the rest; set k is made once the completed prints cover
every part the first k sets still need from printing. A made set enters stock as the set product and
the parts it used never appear as loose stock. Nested sets are flattened to products by
`loader.expand_set`, so only products are ever reserved or printed.

`SetLine.printed(k)` (parts to print for the first k sets) is the one quantity everything else uses:
which jobs exist, which consumables are reserved and released, and how many sets are made.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from odind.domain import model_rows
from odind.domain.costs import loader
from odind.domain.stock.finished_goods import stock_levels
from odind.domain.types import Id
from odind.store import catalog as catalog_sql
from odind.store.db import Db, Tx
from odind.store.sales import orders as sql
from odind.store.stock import inventory as inventory_sql

RESERVE = "reserve"
RELEASE = "release"


@dataclass
class SetLine:
    """A set line's parts: per set (`per_set`), reserved from stock for the line (`reserved`), each
    part's BOM (`components`, model id → copies) and consumables per part (`extras`)."""

    line_id: Id
    per_set: dict[int, int]
    reserved: dict[int, int] = field(default_factory=dict)
    components: dict[int, dict[int, int]] = field(default_factory=dict)
    extras: dict[int, dict[int, int]] = field(default_factory=dict)

    def printed(self, sets: int) -> dict[int, int]:
        """Parts still to print so that the first `sets` sets are complete (stock parts fill first)."""
        return {part: max(0, count * sets - self.reserved.get(part, 0)) for part, count in self.per_set.items()}

    def from_stock(self, sets: int) -> dict[int, int]:
        return {part: min(self.reserved.get(part, 0), count * sets) for part, count in self.per_set.items()}

    def models(self, sets: int) -> dict[int, int]:
        """Model copies the prints for the first `sets` sets need."""
        needed: dict[int, int] = defaultdict(int)
        for part, count in self.printed(sets).items():
            for model_id, copies in self.components.get(part, {}).items():
                needed[model_id] += copies * count
        return dict(needed)

    def consumables(self, sets: int) -> dict[int, int]:
        """Consumables for the printed parts of the first `sets` sets (parts from stock have theirs)."""
        needed: dict[int, int] = defaultdict(int)
        for part, count in self.printed(sets).items():
            for consumable_id, quantity in self.extras.get(part, {}).items():
                needed[consumable_id] += quantity * count
        return dict(needed)

    def made(self, done: dict[int, int], limit: int) -> int:
        """How many whole sets (at most `limit`) the completed model copies in `done` finish."""
        low, high = 0, limit
        while low < high:
            middle = (low + high + 1) // 2
            if all(done.get(model_id, 0) >= copies for model_id, copies in self.models(middle).items()):
                low = middle
            else:
                high = middle - 1
        return low


async def is_set(db: Db, product_id: int) -> bool:
    product = await catalog_sql.get_product(db, product_id)
    return product is not None and product["kind"] == "set"


async def load(db: Db, line: dict[str, Any]) -> SetLine:
    per_set = dict(await loader.expand_set(db, line["product_id"], 1))
    parts = sorted(per_set)
    components: dict[int, dict[int, int]] = defaultdict(dict)
    for comp in await catalog_sql.components(db, parts):
        components[comp["product_id"]][comp["model_id"]] = comp["quantity"]
    extras: dict[int, dict[int, int]] = defaultdict(dict)
    for extra in await catalog_sql.product_consumables(db, parts):
        extras[extra["product_id"]][extra["consumable_id"]] = extra["quantity"]
    held: dict[int, int] = defaultdict(int)
    for row in await sql.line_parts_held(db, line["id"]):
        held[row["item_id"]] -= int(row["quantity"])
    return SetLine(line["id"], per_set, {p: n for p, n in held.items() if n > 0}, dict(components), dict(extras))


async def reserve_parts(tx: Tx, order_id: int, set_line: SetLine, sets: int) -> dict[int, int]:
    """Take free finished stock of each part for `sets` sets, fullest location first; returns what was taken."""

    taken: dict[int, int] = {}
    for part, count in sorted(set_line.printed(sets).items()):
        want = count
        levels = await stock_levels(tx, part)
        for location in sorted(levels, key=lambda loc: (-levels[loc]["available"], loc)):
            got = min(want, levels[location]["available"])
            if got <= 0:
                break
            await inventory_sql.move(tx, item_kind="product", item_id=part, quantity=-got, reason=RESERVE,
                                     order_id=order_id, order_line_id=set_line.line_id, location=location)
            want -= got
        if count - want:
            taken[part] = count - want
            set_line.reserved[part] = set_line.reserved.get(part, 0) + count - want
    if taken:
        await tx.record("order", order_id, "set_parts_reserved", line_id=set_line.line_id,
                        parts={str(part): n for part, n in taken.items()})
    return taken


async def release_parts(tx: Tx, order_id: int, set_line: SetLine, keep_sets: int) -> list[int]:
    """Give back the reserved parts that the first `keep_sets` sets (made or still to make) do not
    use; returns the parts given back."""
    keep = set_line.from_stock(keep_sets)
    rows = await sql.line_parts_held(tx, set_line.line_id)
    released = []
    for part, held in sorted(set_line.reserved.items()):
        surplus = held - keep.get(part, 0)
        for row in (r for r in rows if r["item_id"] == part):
            back = min(surplus, -int(row["quantity"]))
            if back <= 0:
                continue
            await inventory_sql.move(tx, item_kind="product", item_id=part, quantity=back, reason=RELEASE,
                                     order_id=order_id, order_line_id=set_line.line_id, location=row["location"])
            surplus -= back
            released.append(part)
        set_line.reserved[part] = keep.get(part, 0) + max(surplus, 0)
    if released:
        await tx.record("order", order_id, "set_parts_released", line_id=set_line.line_id, parts=sorted(set(released)))
    return sorted(set(released))


def plates(model: dict[str, Any], copies: int) -> list[int]:
    """Copies of a model split into plates of as many as one print holds."""
    per_plate = model_rows.units_per_print(model)
    return [min(per_plate, copies - index * per_plate) for index in range(math.ceil(copies / per_plate))]
