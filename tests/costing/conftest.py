"""The Red Fox example from /work/shared/reference/red-fox.md, built as costing inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from odind.costing.bom import Catalog, ConsumableUse, FilamentUse, Part, Product, ProductSet, SetItem
from odind.costing.pricing import ChannelKind, SalesChannel
from odind.costing.settings import CostSettings

D = Decimal

MAG_3X1 = D("0.05")
MAG_6X2 = D("0.08")

# sku: (name, [(material, colour, grams)], [(consumable sku, qty, unit cost)], print seconds)
FOX_PARTS = {
    "FOX-001": ("Red Fox Creature",
                [("PLA", "Orange", 15), ("PLA", "Brown 1", 8), ("PLA", "Brown 2", 5), ("PLA", "Beige", 3)],
                [("MAG-3X1", 4, MAG_3X1)], 3 * 3600 + 20 * 60),
    "FOX-002": ("Walnut in Shell", [("PLA", "Brown 1", 4)], [("MAG-3X1", 1, MAG_3X1)], 25 * 60),
    "FOX-003": ("Tree Snow Base", [("PLA", "White", 12)], [], 3600 + 10 * 60),
    "FOX-004": ("Snow Cap", [("PLA", "White", 2)], [], 8 * 60),
    "FOX-005": ("Tree", [("PLA Wood", "Oak", 18)], [], 3600 + 45 * 60),
    "FOX-006": ("Hazelnut", [("PLA", "Brown 1", 3), ("PLA", "Brown 2", 2)], [("MAG-3X1", 1, MAG_3X1)], 20 * 60),
    "FOX-007": ("Acorn Top", [("PLA", "Brown 1", 2)], [("MAG-6X2", 1, MAG_6X2)], 12 * 60),
    "FOX-008": ("Acorn Bottom", [("PLA", "Brown 2", 2)], [], 10 * 60),
}

FOX_SET = {"FOX-001": 1, "FOX-002": 5, "FOX-003": 1, "FOX-004": 8, "FOX-005": 1, "FOX-006": 5,
           "FOX-007": 5, "FOX-008": 5}


def fox_product(sku: str) -> Product:
    name, filaments, consumables, seconds = FOX_PARTS[sku]
    return Product(
        sku=sku, name=name,
        parts=(Part(name=name, print_seconds=seconds,
                    filaments=tuple(FilamentUse(material=m, colour=c, grams=D(g)) for m, c, g in filaments)),),
        consumables=tuple(ConsumableUse(sku=c, quantity=D(q), unit_cost=cost) for c, q, cost in consumables),
    )


@pytest.fixture
def fox_catalog() -> Catalog:
    fox_set = ProductSet(sku="FOX-SET-001", name="Red Fox Complete Set", category="sets",
                         items=tuple(SetItem(sku=sku, quantity=q) for sku, q in FOX_SET.items()))
    return Catalog.of([*(fox_product(sku) for sku in FOX_PARTS), fox_set])


@pytest.fixture
def fox_settings() -> CostSettings:
    """Materials only: every filament at £0.03/g, nothing else charged."""
    return CostSettings(material_cost_per_gram={"PLA": "0.03", "PLA Wood": "0.03"})


@pytest.fixture
def etsy() -> SalesChannel:
    return SalesChannel(name="Etsy UK", transaction_fee_percent="6.5", payment_fee_percent="4",
                        payment_fee_fixed="0.20", listing_fee="0.16", vat_on_fees_percent="20")


@pytest.fixture
def direct() -> SalesChannel:
    return SalesChannel(name="Direct", kind=ChannelKind.DIRECT)


from tests.core.conftest import api  # noqa: E402, F401  (the in-process API client fixture)
