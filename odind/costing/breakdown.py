"""A cost breakdown whose lines add up to its total, exactly.

Every amount is an unrounded Decimal. The total is the sum of the lines by construction, and the
filament and consumable detail lines add up to the material and consumables lines, so a seller can
follow any figure down to the gram. Rounding (odind.money.shown) happens only when a figure is
displayed; rounded lines need not add up to the rounded total, and the exact ones always do.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from pydantic import computed_field

from odind.costing.fields import Frozen

ZERO = Decimal(0)


class FilamentLine(Frozen):
    material: str
    colour: str
    cost_per_gram: Decimal
    model_grams: Decimal
    purge_grams: Decimal
    prime_tower_grams: Decimal
    cost: Decimal

    @property
    def grams(self) -> Decimal:
        return self.model_grams + self.purge_grams + self.prime_tower_grams

    @property
    def key(self) -> tuple[str, str, Decimal]:
        return (self.material, self.colour, self.cost_per_gram)

    def times(self, factor: Decimal) -> FilamentLine:
        return self.model_copy(update={
            "model_grams": self.model_grams * factor, "purge_grams": self.purge_grams * factor,
            "prime_tower_grams": self.prime_tower_grams * factor, "cost": self.cost * factor})

    def plus(self, other: FilamentLine) -> FilamentLine:
        return self.model_copy(update={
            "model_grams": self.model_grams + other.model_grams,
            "purge_grams": self.purge_grams + other.purge_grams,
            "prime_tower_grams": self.prime_tower_grams + other.prime_tower_grams,
            "cost": self.cost + other.cost})


class ConsumableLine(Frozen):
    sku: str
    unit_cost: Decimal
    quantity: Decimal
    cost: Decimal

    @property
    def key(self) -> tuple[str, Decimal]:
        return (self.sku, self.unit_cost)

    def times(self, factor: Decimal) -> ConsumableLine:
        return self.model_copy(update={"quantity": self.quantity * factor, "cost": self.cost * factor})

    def plus(self, other: ConsumableLine) -> ConsumableLine:
        return self.model_copy(update={"quantity": self.quantity + other.quantity,
                                       "cost": self.cost + other.cost})


_Line = TypeVar("_Line", FilamentLine, ConsumableLine)

LINE_NAMES = ("material", "consumables", "labour", "depreciation", "electricity", "software",
              "failure_buffer", "overhead")


class CostBreakdown(Frozen):
    """True COGS of something, line by line, plus the quantities behind the lines."""

    material: Decimal = ZERO
    consumables: Decimal = ZERO
    labour: Decimal = ZERO
    depreciation: Decimal = ZERO
    electricity: Decimal = ZERO
    software: Decimal = ZERO
    failure_buffer: Decimal = ZERO
    overhead: Decimal = ZERO
    filaments: tuple[FilamentLine, ...] = ()
    consumable_lines: tuple[ConsumableLine, ...] = ()
    print_seconds: Decimal = ZERO
    labour_hours: Decimal = ZERO

    @computed_field  # type: ignore[prop-decorator]
    @property
    def subtotal(self) -> Decimal:
        """What failure buffer and overhead percentages apply to."""
        return (self.material + self.consumables + self.labour + self.depreciation + self.electricity
                + self.software)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> Decimal:
        return self.subtotal + self.failure_buffer + self.overhead

    @property
    def grams(self) -> Decimal:
        return sum((line.grams for line in self.filaments), ZERO)

    def lines(self) -> dict[str, Decimal]:
        """The eight cost lines in display order; they sum to `total`."""
        return {name: getattr(self, name) for name in LINE_NAMES}

    def times(self, factor: int | Decimal) -> CostBreakdown:
        """The cost of `factor` of these (a set holding 5 of a product, a batch of 3 sets)."""
        factor = Decimal(factor)
        update: dict[str, object] = {name: amount * factor for name, amount in self.lines().items()}
        update["filaments"] = tuple(line.times(factor) for line in self.filaments)
        update["consumable_lines"] = tuple(line.times(factor) for line in self.consumable_lines)
        update["print_seconds"] = self.print_seconds * factor
        update["labour_hours"] = self.labour_hours * factor
        return self.model_copy(update=update)

    def plus(self, other: CostBreakdown) -> CostBreakdown:
        update: dict[str, object] = {
            name: amount + getattr(other, name) for name, amount in self.lines().items()}
        update["filaments"] = _merge(self.filaments, other.filaments)
        update["consumable_lines"] = _merge(self.consumable_lines, other.consumable_lines)
        update["print_seconds"] = self.print_seconds + other.print_seconds
        update["labour_hours"] = self.labour_hours + other.labour_hours
        return self.model_copy(update=update)


def _merge(first: tuple[_Line, ...], second: tuple[_Line, ...]) -> tuple[_Line, ...]:
    """Detail lines of both, with lines for the same filament (or consumable at one price) combined."""
    merged: dict[object, _Line] = {}
    for line in (*first, *second):
        earlier = merged.get(line.key)
        merged[line.key] = line if earlier is None else earlier.plus(line)  # type: ignore[arg-type,assignment]  # both of one kind
    return tuple(merged.values())


def total_of(breakdowns: list[CostBreakdown]) -> CostBreakdown:
    result = CostBreakdown()
    for breakdown in breakdowns:
        result = result.plus(breakdown)
    return result
