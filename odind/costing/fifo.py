"""FIFO cost layers for consumables (magnets, inserts, glue, packaging).

Each purchase is a layer with its own unit cost. Usage draws the oldest layers first and records
which layers paid for it, so the cost charged to a job or order is what was really spent and can be
audited later. A layer's draws always add up to exactly what the purchase cost: a partial draw's
share is carried to a fixed number of places (odind.money.carried) so adding draws and
subtracting them from the layer stays exact, and the last draw from a layer takes whatever is left.
Quotes use the latest purchase's unit cost, because replacing stock costs today's price.

The functions are pure: the store loads the layers, calls `consume`, and writes back the draws and
the layers' new remaining quantity and cost in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import model_validator

from odind.costing.fields import Frozen, PositiveAmount, exact_number
from odind.errors import InsufficientStock, Invalid
from odind.money import Money, carried

log = logging.getLogger(__name__)


class Unit(StrEnum):
    EACH = "each"
    ML = "ml"
    G = "g"
    PACK = "pack"


STOCK_UNITS = frozenset({Unit.EACH, Unit.ML, Unit.G})


class Purchase(Frozen):
    """One delivery of a consumable.

    `quantity` counts `unit`s as bought; a purchase in packs also says how many stock units a pack
    holds, so a 100-pack of magnets for £5.00 is quantity=1, unit=pack, pack_size=100.
    """

    quantity: PositiveAmount
    total_cost: Money
    unit: Unit = Unit.EACH
    pack_size: PositiveAmount | None = None
    supplier: str | None = None
    reference: str | None = None
    purchased_on: date

    @model_validator(mode="after")
    def _pack_size_only_for_packs(self) -> Purchase:
        if self.unit is Unit.PACK and self.pack_size is None:
            raise ValueError("pack_size is required when a purchase is in packs")
        if self.unit is not Unit.PACK and self.pack_size is not None:
            raise ValueError(f"pack_size applies only to purchases in packs, not in {self.unit.value}")
        return self

    @property
    def stock_quantity(self) -> Decimal:
        """The quantity in stock units (each, ml or g) that this purchase adds."""
        return self.quantity * self.pack_size if self.pack_size is not None else self.quantity

    @property
    def unit_cost(self) -> Decimal:
        return carried(self.total_cost / self.stock_quantity)


@dataclass(frozen=True)
class CostLayer:
    """A purchase and what is left of it; `layer_id` is the store's id and breaks same-day ties."""

    layer_id: int
    purchase: Purchase
    remaining: Decimal
    remaining_cost: Decimal

    @property
    def order_key(self) -> tuple[date, int]:
        return (self.purchase.purchased_on, self.layer_id)


@dataclass(frozen=True)
class Draw:
    """The part of one usage paid for by one layer: the audit trail of the cost at use."""

    layer_id: int
    reference: str | None
    supplier: str | None
    purchased_on: date
    quantity: Decimal
    cost: Decimal


@dataclass(frozen=True)
class Consumption:
    """The result of one usage: its exact cost, the draws behind it and every layer afterwards."""

    quantity: Decimal
    cost: Decimal
    draws: tuple[Draw, ...]
    layers: tuple[CostLayer, ...]


def open_layer(layer_id: int, purchase: Purchase, stock_unit: Unit) -> CostLayer:
    """A fresh layer for a purchase of a consumable kept in `stock_unit` (each, ml or g)."""
    if stock_unit not in STOCK_UNITS:
        raise Invalid(f"stock is kept in each, ml or g, not {stock_unit.value}", field="unit")
    if purchase.unit is not Unit.PACK and purchase.unit is not stock_unit:
        raise Invalid(f"a purchase in {purchase.unit.value} cannot stock an item kept in {stock_unit.value}",
                      field="unit")
    return CostLayer(layer_id, purchase, purchase.stock_quantity, purchase.total_cost)


def on_hand(layers: Iterable[CostLayer]) -> Decimal:
    return sum((layer.remaining for layer in layers), Decimal(0))


def stock_value(layers: Iterable[CostLayer]) -> Decimal:
    """What the stock on hand cost to buy, layer by layer."""
    return sum((layer.remaining_cost for layer in layers), Decimal(0))


def current_unit_cost(layers: Iterable[CostLayer]) -> Decimal | None:
    """The latest purchase's unit cost (used layers count too); None before anything is bought."""
    latest = max(layers, key=lambda layer: layer.order_key, default=None)
    return None if latest is None else latest.purchase.unit_cost


def consume(layers: Sequence[CostLayer], quantity: Decimal | int) -> Consumption:
    """Draw `quantity` stock units oldest layer first; refuses to draw more than is on hand."""
    quantity = exact_number(quantity, "quantity", above=True)
    available = on_hand(layers)
    if quantity > available:
        raise InsufficientStock(f"cannot use {quantity}: only {available} on hand", field="quantity",
                                details={"requested": str(quantity), "available": str(available)})
    wanted = quantity
    draws: list[Draw] = []
    after: list[CostLayer] = []
    for layer in sorted(layers, key=lambda layer: layer.order_key):
        take = min(wanted, layer.remaining)
        if take <= 0:
            after.append(layer)
            continue
        if take == layer.remaining:
            cost = layer.remaining_cost
        else:
            cost = carried(layer.remaining_cost * take / layer.remaining)
        wanted -= take
        purchase = layer.purchase
        draws.append(Draw(layer.layer_id, purchase.reference, purchase.supplier, purchase.purchased_on,
                          take, cost))
        after.append(CostLayer(layer.layer_id, purchase, layer.remaining - take, layer.remaining_cost - cost))
    total = sum((draw.cost for draw in draws), Decimal(0))
    log.debug("consumed %s from %d layer(s) for %s", quantity, len(draws), total)
    return Consumption(quantity, total, tuple(draws), tuple(after))
