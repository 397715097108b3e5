"""The Red Fox set priced on Etsy UK and on a direct shop, as the markdown table in bench/results/pricing.md.

Run: .venv/bin/python bench/pricing_table.py. Per-set COGS is one set's share of a batch of three
(materials at £0.03/g, magnets from their packs, 8 h labour at £12/h for the batch, 10 % overhead),
as in /work/shared/reference/red-fox.md; every figure comes from odind.costing, rounded only here.
"""

from __future__ import annotations

from decimal import Decimal

from odind.costing.bom import Catalog, ConsumableUse, FilamentUse, Part, Product, ProductSet, SetItem
from odind.costing.cogs import batch_cogs
from odind.costing.pricing import ChannelKind, SalesChannel, compare_channels
from odind.costing.settings import CostSettings
from odind.money import percent, shown

PARTS = {  # sku: (grams per filament, magnets (sku, quantity, unit cost))
    "FOX-001": ((15, 8, 5, 3), (("MAG-3X1", 4, "0.05"),)),
    "FOX-002": ((4,), (("MAG-3X1", 1, "0.05"),)),
    "FOX-003": ((12,), ()),
    "FOX-004": ((2,), ()),
    "FOX-005": ((18,), ()),
    "FOX-006": ((3, 2), (("MAG-3X1", 1, "0.05"),)),
    "FOX-007": ((2,), (("MAG-6X2", 1, "0.08"),)),
    "FOX-008": ((2,), ()),
}
SET = {"FOX-001": 1, "FOX-002": 5, "FOX-003": 1, "FOX-004": 8, "FOX-005": 1, "FOX-006": 5, "FOX-007": 5,
       "FOX-008": 5}
PRICE = Decimal("54.99")
TARGET = Decimal(30)

CHANNELS = [
    SalesChannel(name="Etsy UK", transaction_fee_percent="6.5", payment_fee_percent="4", payment_fee_fixed="0.20",
                 listing_fee="0.16", vat_on_fees_percent="20"),
    SalesChannel(name="Direct", kind=ChannelKind.DIRECT),
]


def catalog() -> Catalog:
    products = [Product(sku=sku, parts=(Part(name=sku, filaments=tuple(
                    FilamentUse(material="PLA", colour=str(i), grams=Decimal(g)) for i, g in enumerate(grams))),),
                        consumables=tuple(ConsumableUse(sku=m, quantity=Decimal(q), unit_cost=Decimal(c))
                                          for m, q, c in magnets))
                for sku, (grams, magnets) in PARTS.items()]
    fox_set = ProductSet(sku="FOX-SET-001", items=tuple(SetItem(sku=s, quantity=q) for s, q in SET.items()))
    return Catalog.of([*products, fox_set])


def main() -> None:
    settings = CostSettings(material_cost_per_gram={"PLA": "0.03"}, labour_rate_per_hour="12",
                            overhead_percent="10")
    cogs = batch_cogs(catalog(), "FOX-SET-001", 3, settings, labour_hours=Decimal(8)).per_unit
    rows = compare_channels(CHANNELS, cogs, price=PRICE, target_margin_percent=TARGET)
    print(f"Red Fox Complete Set, COGS £{shown(cogs)} per set (exact £{cogs.normalize():f}), list price £{PRICE}\n")
    print("| Channel | Fees at £54.99 | Profit at £54.99 | Margin | Break-even price | Price for 30 % margin |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        at, target = row.at_price, row.for_target
        assert at is not None and target is not None
        print(f"| {row.channel} | £{shown(at.fees.total)} | £{shown(at.profit)} | {percent(at.profit, at.price)} % "
              f"| £{row.break_even_price} | £{target.price} |")


if __name__ == "__main__":
    main()
