"""The Red Fox worked figures, reproduced exactly (reference: red-fox.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from odind.costing.cogs import batch_cogs, product_cogs, set_cogs
from odind.costing.fifo import Purchase, Unit, consume, current_unit_cost, open_layer
from odind.costing.pricing import compare_channels, price_for_margin, quote
from odind.money import percent, shown

D = Decimal

PART_COSTS = {"FOX-001": "1.13", "FOX-002": "0.17", "FOX-003": "0.36", "FOX-004": "0.06", "FOX-005": "0.54",
              "FOX-006": "0.20", "FOX-007": "0.14", "FOX-008": "0.06"}

PER_SET = D("41.096")


@pytest.mark.parametrize(("sku", "cost"), PART_COSTS.items())
def test_part_costs_are_material_plus_consumables(fox_catalog, fox_settings, sku, cost):
    breakdown = product_cogs(fox_catalog.items[sku], fox_settings)
    assert breakdown.total == D(cost)
    assert breakdown.total == breakdown.material + breakdown.consumables


def test_magnet_unit_costs_come_from_their_pack_purchases():
    small = Purchase(quantity=1, unit=Unit.PACK, pack_size=100, total_cost="5.00", purchased_on="2026-11-01")
    large = Purchase(quantity=1, unit=Unit.PACK, pack_size=50, total_cost="4.00", purchased_on="2026-11-01")
    assert current_unit_cost([open_layer(1, small, Unit.EACH)]) == D("0.05")
    assert current_unit_cost([open_layer(2, large, Unit.EACH)]) == D("0.08")


def test_batch_magnets_drawn_fifo_cost_what_the_breakdown_says(fox_catalog, fox_settings):
    batch = batch_cogs(fox_catalog, "FOX-SET-001", 3, fox_settings)
    packs = {"MAG-3X1": ("100", "5.00"), "MAG-6X2": ("50", "4.00")}
    spent = D(0)
    for line in batch.breakdown.consumable_lines:
        size, price = packs[line.sku]
        layer = open_layer(1, Purchase(quantity=1, unit=Unit.PACK, pack_size=size, total_cost=price,
                                       purchased_on="2026-11-01"), Unit.EACH)
        spent += consume([layer], line.quantity).cost
    assert {line.sku: line.quantity for line in batch.breakdown.consumable_lines} == {"MAG-3X1": 42, "MAG-6X2": 15}
    assert spent == batch.breakdown.consumables == D("3.30")


def test_one_set(fox_catalog, fox_settings):
    breakdown = set_cogs(fox_catalog, "FOX-SET-001", fox_settings)
    assert breakdown.grams == 142
    assert breakdown.material == D("4.26")
    assert breakdown.consumables == D("1.10")
    assert breakdown.total == D("5.36")
    magnets = {line.sku: line.quantity for line in breakdown.consumable_lines}
    assert magnets == {"MAG-3X1": 14, "MAG-6X2": 5}


def test_batch_of_three_sets(fox_catalog, fox_settings):
    settings = fox_settings.model_copy(update={"labour_rate_per_hour": D(12), "overhead_percent": D(10)})
    batch = batch_cogs(fox_catalog, "FOX-SET-001", 3, settings, labour_hours=D(8))
    lines = batch.breakdown
    assert lines.material == D("12.78")
    assert lines.consumables == D("3.30")
    assert lines.labour == D("96.00")
    assert lines.subtotal == D("112.08")
    assert lines.overhead == D("11.208")
    assert shown(lines.overhead) == D("11.21")
    assert lines.total == D("123.288")
    assert shown(lines.total) == D("123.29")
    assert batch.per_unit == PER_SET
    assert shown(batch.per_unit) == D("41.10")


def test_etsy_at_list_price(etsy):
    at = quote(etsy, D("54.99"), PER_SET)
    assert at.fees.total == D("7.36074")
    assert shown(at.fees.total) == D("7.36")
    assert at.profit == D("6.53326")
    assert shown(at.profit) == D("6.53")
    assert percent(at.profit, at.price) == D("11.88")


def test_etsy_price_for_thirty_percent_margin(etsy):
    target = price_for_margin(etsy, PER_SET, D(30))
    assert str(target.exact).startswith("72.3484")
    assert target.price == D("72.35")
    assert target.quote.margin_percent >= 30


def test_direct_at_list_price(direct):
    at = quote(direct, D("54.99"), PER_SET)
    assert at.fees.total == 0
    assert at.profit == D("13.894")
    assert shown(at.profit) == D("13.89")
    assert percent(at.profit, at.price) == D("25.27")


def test_comparison_puts_etsy_and_direct_side_by_side(etsy, direct):
    rows = compare_channels([etsy, direct], PER_SET, price=D("54.99"), target_margin_percent=D(30))
    assert [row.channel for row in rows] == ["Etsy UK", "Direct"]
    assert [shown(row.at_price.profit) for row in rows] == [D("6.53"), D("13.89")]
    assert rows[0].for_target.price == D("72.35")
    # Direct has no fees: 30 % margin is cost / 0.7 = 58.70857… → 58.71
    assert rows[1].for_target.price == D("58.71")
    assert rows[1].break_even == PER_SET
