"""True cost of goods sold for a part, a product, a set, a production batch and an order.

A cost is the direct lines (material with purge and prime tower, consumables, labour, machine
depreciation, electricity, software) plus a failure buffer and overhead, each a percentage of that
subtotal. The percentages are applied where the settings that hold them apply: a product's
overrides cover the product's own lines, a set's the set's own labour, the tenant's a batch's or an
order's own labour and software. Sets roll up their members' full costs times the quantity.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from odind.costing.bom import Catalog, ConsumableUse, FilamentUse, Part, Product, ProductSet, Sku, cycle_error
from odind.costing.breakdown import ZERO, ConsumableLine, CostBreakdown, FilamentLine, total_of
from odind.costing.fields import Frozen, exact_number
from odind.costing.settings import CostSettings
from odind.errors import Invalid
from odind.money import carried

SECONDS_PER_HOUR = Decimal(3600)
WATT_SECONDS_PER_KWH = Decimal(3_600_000)


def _finish(direct: CostBreakdown, settings: CostSettings) -> CostBreakdown:
    """Add the failure buffer and overhead the settings ask for on top of direct costs."""
    subtotal = direct.subtotal
    return direct.model_copy(update={
        "failure_buffer": direct.failure_buffer + subtotal * settings.failure_buffer_percent / 100,
        "overhead": direct.overhead + subtotal * settings.overhead_percent / 100,
    })


def _filament_line(use: FilamentUse, settings: CostSettings) -> FilamentLine:
    cost_per_gram = use.spool.cost_per_gram if use.spool is not None else settings.cost_per_gram(use.material)
    purge = use.purge_grams
    if purge is None:
        purge = use.colour_changes * settings.purge_grams_per_colour_change
    grams = use.grams + purge + use.prime_tower_grams
    return FilamentLine(material=use.material, colour=use.colour, cost_per_gram=cost_per_gram,
                        model_grams=use.grams, purge_grams=purge, prime_tower_grams=use.prime_tower_grams,
                        cost=grams * cost_per_gram)


def _consumable_line(use: ConsumableUse) -> ConsumableLine:
    return ConsumableLine(sku=use.sku, unit_cost=use.unit_cost, quantity=use.quantity,
                          cost=use.quantity * use.unit_cost)


def _part_direct(part: Part, settings: CostSettings) -> CostBreakdown:
    """One copy of a part, before buffer and overhead."""
    seconds = Decimal(part.print_seconds)
    lines = [CostBreakdown(filaments=(_filament_line(use, settings),)) for use in part.filaments]
    filaments = total_of(lines)
    printer = settings.printer(part.printer_model)
    depreciation = electricity = ZERO
    if printer is not None:
        depreciation = carried(printer.purchase_cost * seconds / (printer.expected_life_hours * SECONDS_PER_HOUR))
        electricity = carried(seconds * printer.watts * settings.electricity_price_per_kwh / WATT_SECONDS_PER_KWH)
    return CostBreakdown(
        material=sum((line.cost for line in filaments.filaments), ZERO),
        depreciation=depreciation,
        electricity=electricity,
        software=carried(settings.software_per_print_hour * seconds / SECONDS_PER_HOUR),
        filaments=filaments.filaments,
        print_seconds=seconds,
    )


def _labour(hours: Decimal, settings: CostSettings) -> CostBreakdown:
    return CostBreakdown(labour=hours * settings.labour_rate_per_hour, labour_hours=hours)


def part_cogs(part: Part, settings: CostSettings) -> CostBreakdown:
    """True cost of one copy of a part (labour and consumables belong to the product)."""
    return _finish(_part_direct(part, settings), settings)


def _product_direct(product: Product, settings: CostSettings, with_labour: bool) -> CostBreakdown:
    pieces = [_part_direct(part, settings).times(part.quantity) for part in product.parts]
    pieces += [CostBreakdown(consumables=line.cost, consumable_lines=(line,))
               for line in map(_consumable_line, product.consumables)]
    if with_labour:
        pieces.append(_labour(product.labour_hours, settings))
    return total_of(pieces)


def product_cogs(product: Product, settings: CostSettings) -> CostBreakdown:
    """True cost of one unit of a product, with the product's overrides applied."""
    own = settings.with_overrides(product.overrides)
    return _finish(_product_direct(product, own, with_labour=True), own)


class _Roller:
    """Costs items of a catalog recursively, once per SKU, refusing sets that contain themselves."""

    def __init__(self, catalog: Catalog, settings: CostSettings, with_labour: bool):
        self.catalog = catalog
        self.settings = settings
        self.with_labour = with_labour
        self.done: dict[Sku, CostBreakdown] = {}

    def cost(self, sku: Sku, path: list[Sku]) -> CostBreakdown:
        if sku in path:
            raise cycle_error(path, sku)
        if sku in self.done:
            return self.done[sku]
        item = self.catalog.get(sku, within=path[-1] if path else None)
        if isinstance(item, Product):
            own = self.settings.with_overrides(item.overrides)
            result = _finish(_product_direct(item, own, self.with_labour), own)
        else:
            result = self._set_cost(item, [*path, sku])
        self.done[sku] = result
        return result

    def _set_cost(self, product_set: ProductSet, path: list[Sku]) -> CostBreakdown:
        members = [self.cost(member.sku, path).times(member.quantity) for member in product_set.items]
        if self.with_labour:
            own = self.settings.with_overrides(product_set.overrides)
            members.append(_finish(_labour(product_set.labour_hours, own), own))
        return total_of(members)


def set_cogs(catalog: Catalog, sku: Sku, settings: CostSettings) -> CostBreakdown:
    """True cost of one of a set: its members' costs times their quantities plus its own labour."""
    if not isinstance(catalog.get(sku), ProductSet):
        raise Invalid(f"{sku!r} is a product, not a set", field="sku")
    return _Roller(catalog, settings, with_labour=True).cost(sku, [])


def item_cogs(catalog: Catalog, sku: Sku, settings: CostSettings) -> CostBreakdown:
    """True cost of one of a product or a set, whichever `sku` names."""
    return _Roller(catalog, settings, with_labour=True).cost(sku, [])


class BatchCost(Frozen):
    """A production run of `quantity` of one item; `per_unit` is the exact share of one unit."""

    sku: Sku
    quantity: int
    breakdown: CostBreakdown

    @property
    def per_unit(self) -> Decimal:
        return self.breakdown.total / self.quantity


def batch_cogs(catalog: Catalog, sku: Sku, quantity: int, settings: CostSettings,
               labour_hours: Decimal | int | None = None) -> BatchCost:
    """True cost of making `quantity` of an item together.

    `labour_hours`, when given, is the labour of the whole batch (batching is cheaper than making
    one at a time), costed at the tenant's rate and replacing the items' per-unit labour.
    """
    if quantity < 1:
        raise Invalid(f"batch quantity must be at least 1, got {quantity}", field="quantity")
    if labour_hours is not None:
        labour_hours = exact_number(labour_hours, "labour_hours")
    per_unit_labour = labour_hours is None
    unit = _Roller(catalog, settings, with_labour=per_unit_labour).cost(sku, [])
    breakdown = unit.times(quantity)
    if labour_hours is not None:
        breakdown = breakdown.plus(_finish(_labour(labour_hours, settings), settings))
    return BatchCost(sku=sku, quantity=quantity, breakdown=breakdown)


def order_cogs(catalog: Catalog, lines: Sequence[tuple[Sku, int]], settings: CostSettings) -> CostBreakdown:
    """True cost of an order: each line's item cost times its quantity, plus software per order."""
    if not lines:
        raise Invalid("an order needs at least one line", field="lines")
    roller = _Roller(catalog, settings, with_labour=True)
    pieces = []
    for sku, quantity in lines:
        if quantity < 1:
            raise Invalid(f"quantity of {sku!r} must be at least 1, got {quantity}", field="quantity")
        pieces.append(roller.cost(sku, []).times(quantity))
    pieces.append(_finish(CostBreakdown(software=settings.software_per_order), settings))
    return total_of(pieces)
