"""What gets costed: parts, products and sets, as plain models the store can fill in.

Sets name their members by SKU rather than nesting them, because a set may hold other sets and a
user can make a loop (A holds B, B holds A); references make that loop visible and reportable
instead of impossible to build or infinite to expand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from pydantic import Field

from odind.costing.fields import Amount, Frozen, PositiveAmount
from odind.costing.settings import CostOverrides, Spool
from odind.errors import Invalid
from odind.money import Money

Sku = str


class FilamentUse(Frozen):
    """One filament in a part.

    `purge_grams` comes from slicer metadata when the slicer reported it; when it is None, purge is
    estimated as `colour_changes` (how many times this filament is swapped in) times the configured
    purge per colour change. A spool, when known, prices the filament; else the material's default.
    """

    material: str = Field(min_length=1)
    colour: str = ""
    grams: Amount
    purge_grams: Amount | None = None
    prime_tower_grams: Amount = Decimal(0)
    colour_changes: int = Field(default=0, ge=0)
    spool: Spool | None = None


class ConsumableUse(Frozen):
    """A consumable a product needs, priced at its current (latest purchase) unit cost for quoting."""

    sku: Sku = Field(min_length=1)
    quantity: PositiveAmount
    unit_cost: Money


class Part(Frozen):
    """A printed part; `quantity` is how many copies one product needs."""

    name: str = Field(min_length=1)
    quantity: int = Field(default=1, ge=1)
    filaments: tuple[FilamentUse, ...] = ()
    print_seconds: Amount = Decimal(0)
    printer_model: str | None = None


class Product(Frozen):
    """A sellable product: its printed parts, consumables and hands-on labour per unit."""

    sku: Sku = Field(min_length=1)
    name: str = ""
    parts: tuple[Part, ...] = ()
    consumables: tuple[ConsumableUse, ...] = ()
    labour_hours: Amount = Decimal(0)
    overrides: CostOverrides = CostOverrides()


class SetItem(Frozen):
    sku: Sku = Field(min_length=1)
    quantity: int = Field(ge=1)


class ProductSet(Frozen):
    """N of several products or other sets sold together; `labour_hours` is per set (assembly, packing)."""

    sku: Sku = Field(min_length=1)
    name: str = ""
    description: str = ""
    category: str = ""
    items: tuple[SetItem, ...] = Field(min_length=1)
    labour_hours: Amount = Decimal(0)
    overrides: CostOverrides = CostOverrides()


Item = Product | ProductSet


@dataclass(frozen=True)
class Catalog:
    """Everything a costing or expansion may reach, by SKU."""

    items: Mapping[Sku, Item]

    @classmethod
    def of(cls, items: Iterable[Item]) -> Catalog:
        by_sku: dict[Sku, Item] = {}
        for item in items:
            if item.sku in by_sku:
                raise Invalid(f"SKU {item.sku!r} appears twice", field="sku")
            by_sku[item.sku] = item
        return cls(by_sku)

    def get(self, sku: Sku, *, within: Sku | None = None) -> Item:
        try:
            return self.items[sku]
        except KeyError:
            where = f"set {within!r} lists" if within else "no such item:"
            raise Invalid(f"{where} unknown SKU {sku!r}", field="sku") from None


def cycle_error(path: list[Sku], sku: Sku) -> Invalid:
    """The error for a set that contains itself; `path` is the chain of sets being expanded."""
    cycle = [*path[path.index(sku):], sku]
    chain = " -> ".join(cycle)
    if len(cycle) == 2:
        message = f"set {sku!r} contains itself: {chain}"
    else:
        message = f"set {sku!r} contains itself through another set: {chain}"
    return Invalid(message, field="items", details={"cycle": cycle})


def check_sets(catalog: Catalog) -> None:
    """Refuse a catalog where a set lists an unknown SKU or contains itself; call before saving a set."""
    done: set[Sku] = set()

    def visit(sku: Sku, path: list[Sku]) -> None:
        if sku in path:
            raise cycle_error(path, sku)
        item = catalog.get(sku, within=path[-1] if path else None)
        if sku in done or isinstance(item, Product):
            return
        for member in item.items:
            visit(member.sku, [*path, sku])
        done.add(sku)

    for sku in catalog.items:
        visit(sku, [])


def expand(catalog: Catalog, sku: Sku, quantity: int = 1) -> Counter[Sku]:
    """How many of each product `quantity` of an item needs: what the scheduler has to print."""
    if quantity < 1:
        raise Invalid(f"quantity must be at least 1, got {quantity}", field="quantity")
    needed: Counter[Sku] = Counter()

    def visit(item_sku: Sku, count: int, path: list[Sku]) -> None:
        if item_sku in path:
            raise cycle_error(path, item_sku)
        item = catalog.get(item_sku, within=path[-1] if path else None)
        if isinstance(item, Product):
            needed[item_sku] += count
            return
        for member in item.items:
            visit(member.sku, count * member.quantity, [*path, item_sku])

    visit(sku, quantity, [])
    return needed
