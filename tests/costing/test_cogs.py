"""True COGS: every line, overrides, sets within sets, and breakdowns that add up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from odind.costing.bom import (
    Catalog,
    ConsumableUse,
    FilamentUse,
    Part,
    Product,
    ProductSet,
    SetItem,
    check_sets,
    expand,
)
from odind.costing.cogs import batch_cogs, item_cogs, order_cogs, part_cogs, product_cogs, set_cogs
from odind.costing.settings import CostOverrides, CostSettings, PrinterModel, Spool
from odind.errors import Invalid

D = Decimal

SHOP = CostSettings(
    labour_rate_per_hour="15", electricity_price_per_kwh="0.30",
    printer_models={"X1C": PrinterModel(purchase_cost="1200", expected_life_hours="6000", watts="350"),
                    "Mini": PrinterModel(purchase_cost="450", expected_life_hours="3000", watts="120")},
    default_printer_model="X1C", software_per_print_hour="0.05", software_per_order="0.40",
    failure_buffer_percent="10", overhead_percent="5", purge_grams_per_colour_change="2",
    material_cost_per_gram={"PLA": "0.025"},
)

TWO_COLOUR = Part(
    name="badge", quantity=2, print_seconds=7200,
    filaments=(
        FilamentUse(material="PLA", colour="Red", grams=D(40), colour_changes=3),
        FilamentUse(material="PLA", colour="White", grams=D(10), purge_grams=D("4.5"), prime_tower_grams=D(3),
                    spool=Spool(price="20", net_weight_grams="1000")),
    ),
)

BADGE = Product(sku="BADGE", parts=(TWO_COLOUR,), labour_hours=D("0.25"),
                consumables=(ConsumableUse(sku="PIN", quantity=D(3), unit_cost=D("0.12")),))


def test_one_part_counts_purge_prime_tower_machine_power_and_software():
    cost = part_cogs(TWO_COLOUR, SHOP)
    red, white = cost.filaments
    # red: 40 g + 3 swaps x 2 g purge at the material price; white: slicer purge + tower at the spool price
    assert (red.purge_grams, red.cost) == (6, D("1.15"))
    assert (white.grams, white.cost_per_gram, white.cost) == (D("17.5"), D("0.02"), D("0.35"))
    assert cost.material == D("1.50")
    assert cost.depreciation == D("0.40")   # 1200 / 6000 h x 2 h
    assert cost.electricity == D("0.21")    # 2 h x 350 W x £0.30/kWh
    assert cost.software == D("0.10")
    assert cost.labour == 0 and cost.consumables == 0
    assert cost.subtotal == D("2.21")
    assert cost.failure_buffer == D("0.221")
    assert cost.overhead == D("0.1105")
    assert cost.total == D("2.5415")


def test_product_adds_copies_consumables_and_labour():
    cost = product_cogs(BADGE, SHOP)
    assert cost.lines() == {
        "material": D("3.00"), "consumables": D("0.36"), "labour": D("3.75"), "depreciation": D("0.80"),
        "electricity": D("0.42"), "software": D("0.20"), "failure_buffer": D("0.853"), "overhead": D("0.4265"),
    }
    assert cost.total == D("9.8095")
    assert cost.print_seconds == 14400 and cost.labour_hours == D("0.25")
    assert sum(cost.lines().values()) == cost.total


def test_product_overrides_replace_only_what_they_name():
    fiddly = BADGE.model_copy(update={"overrides": CostOverrides(
        failure_buffer_percent="25", printer_model="Mini", labour_rate_per_hour="20",
        material_cost_per_gram={"PLA": "0.05"})})
    cost = product_cogs(fiddly, SHOP)
    assert cost.material == D("5.30")                 # red at £0.05/g now; white keeps its spool price
    assert cost.labour == D("5.00")
    assert cost.depreciation == D("0.60")             # 450 / 3000 h x 4 h
    assert cost.electricity == D("0.144")             # 4 h x 120 W x £0.30/kWh
    assert cost.failure_buffer == cost.subtotal * D("0.25")
    assert cost.overhead == cost.subtotal * D("0.05")  # tenant's overhead still applies


def test_part_printer_model_wins_over_the_default():
    on_mini = TWO_COLOUR.model_copy(update={"printer_model": "Mini"})
    assert part_cogs(on_mini, SHOP).depreciation == D("0.30")


def test_without_printer_models_machine_costs_are_zero():
    cost = part_cogs(TWO_COLOUR, CostSettings(material_cost_per_gram={"PLA": "0.025"}))
    # and with no purge per colour change configured, the red filament's swaps add nothing
    assert (cost.depreciation, cost.electricity, cost.total) == (0, 0, D("1.35"))


def gift_catalog(*extra: Product | ProductSet) -> Catalog:
    magnet = Product(sku="MAG", parts=(Part(name="m", filaments=(FilamentUse(material="PLA", grams=D(4)),)),),
                     consumables=(ConsumableUse(sku="M3", quantity=D(1), unit_cost=D("0.05")),))
    pair = ProductSet(sku="PAIR", items=(SetItem(sku="BADGE", quantity=2),), labour_hours=D("0.1"))
    gift = ProductSet(sku="GIFT", items=(SetItem(sku="PAIR", quantity=3), SetItem(sku="MAG", quantity=4)),
                      labour_hours=D("0.5"), overrides=CostOverrides(overhead_percent="0"))
    return Catalog.of([BADGE, magnet, pair, gift, *extra])


def test_sets_roll_up_members_and_their_own_labour():
    catalog = gift_catalog()
    badge = product_cogs(BADGE, SHOP)
    pair = set_cogs(catalog, "PAIR", SHOP)
    pair_labour = D("0.1") * 15 * D("1.15")    # with buffer 10 % and overhead 5 %
    assert pair.total == badge.total * 2 + pair_labour
    gift = set_cogs(catalog, "GIFT", SHOP)
    magnet = item_cogs(catalog, "MAG", SHOP)
    gift_labour = D("0.5") * 15 * D("1.10")    # the set's own override: no overhead on its labour
    assert gift.total == pair.total * 3 + magnet.total * 4 + gift_labour
    assert gift.labour_hours == D("0.25") * 6 + D("0.1") * 3 + D("0.5")
    assert {line.sku: line.quantity for line in gift.consumable_lines} == {"PIN": 18, "M3": 4}


def test_expand_turns_a_set_into_the_products_to_print():
    assert expand(gift_catalog(), "GIFT", 2) == {"BADGE": 12, "MAG": 8}
    assert expand(gift_catalog(), "BADGE", 3) == {"BADGE": 3}


def test_batch_labour_replaces_per_unit_labour_and_uses_the_tenant_rate():
    catalog = gift_catalog()
    per_unit = batch_cogs(catalog, "PAIR", 4, SHOP)
    assert per_unit.breakdown.total == set_cogs(catalog, "PAIR", SHOP).total * 4
    batched = batch_cogs(catalog, "PAIR", 4, SHOP, labour_hours=D(1))
    assert batched.breakdown.labour == D(15)
    assert batched.breakdown.labour_hours == 1
    assert batched.per_unit == batched.breakdown.total / 4


def test_order_adds_software_per_order_once():
    catalog = gift_catalog()
    order = order_cogs(catalog, [("BADGE", 2), ("GIFT", 1)], SHOP)
    expected = (product_cogs(BADGE, SHOP).total * 2 + set_cogs(catalog, "GIFT", SHOP).total
                + D("0.40") * D("1.15"))
    assert order.total == expected


@pytest.mark.parametrize(("sets", "cycle"), [
    ([ProductSet(sku="LOOP", items=(SetItem(sku="LOOP", quantity=1),))], "LOOP -> LOOP"),
    ([ProductSet(sku="A", items=(SetItem(sku="B", quantity=1),)),
      ProductSet(sku="B", items=(SetItem(sku="BADGE", quantity=1), SetItem(sku="A", quantity=2)))],
     "A -> B -> A"),
    ([ProductSet(sku="A", items=(SetItem(sku="B", quantity=1),)),
      ProductSet(sku="B", items=(SetItem(sku="C", quantity=1),)),
      ProductSet(sku="C", items=(SetItem(sku="A", quantity=1),))],
     "A -> B -> C -> A"),
])
def test_a_set_containing_itself_is_refused_naming_the_cycle(sets, cycle):
    catalog = gift_catalog(*sets)
    for attempt in (lambda: check_sets(catalog), lambda: set_cogs(catalog, sets[0].sku, SHOP),
                    lambda: expand(catalog, sets[0].sku), lambda: batch_cogs(catalog, sets[0].sku, 2, SHOP)):
        with pytest.raises(Invalid, match="contains itself") as caught:
            attempt()
        assert caught.value.details["cycle"][0] == caught.value.details["cycle"][-1]
    with pytest.raises(Invalid) as caught:
        check_sets(catalog)
    assert cycle in caught.value.message


def test_a_set_may_reach_the_same_set_twice_without_a_cycle():
    diamond = ProductSet(sku="DIAMOND", items=(SetItem(sku="GIFT", quantity=1), SetItem(sku="PAIR", quantity=1)))
    catalog = gift_catalog(diamond)
    check_sets(catalog)
    assert set_cogs(catalog, "DIAMOND", SHOP).total == (set_cogs(catalog, "GIFT", SHOP).total
                                                       + set_cogs(catalog, "PAIR", SHOP).total)


def test_unknown_members_and_missing_prices_are_named():
    catalog = gift_catalog(ProductSet(sku="BROKEN", items=(SetItem(sku="NOPE", quantity=1),)))
    with pytest.raises(Invalid, match="set 'BROKEN' lists unknown SKU 'NOPE'"):
        check_sets(catalog)
    petg = Part(name="p", filaments=(FilamentUse(material="PETG", grams=D(5)),))
    with pytest.raises(Invalid, match="no cost per gram for material 'PETG'"):
        part_cogs(petg, SHOP)
    with pytest.raises(Invalid, match="printer model 'K1' is not configured"):
        part_cogs(TWO_COLOUR.model_copy(update={"printer_model": "K1"}), SHOP)
    with pytest.raises(Invalid, match="is a product, not a set"):
        set_cogs(catalog, "BADGE", SHOP)
    with pytest.raises(Invalid, match="appears twice"):
        Catalog.of([BADGE, BADGE])


@pytest.mark.parametrize(("field", "value"), [
    ("labour_rate_per_hour", "-12"), ("electricity_price_per_kwh", "-0.01"), ("overhead_percent", "100.5"),
    ("failure_buffer_percent", "-1"), ("purge_grams_per_colour_change", "-2"), ("software_per_order", 0.4),
    ("default_printer_model", "nope"), ("material_cost_per_gram", {"PLA": "-0.03"}),
])
def test_bad_settings_are_refused_naming_the_field(field, value):
    with pytest.raises(ValidationError, match=field):
        CostSettings(**{field: value})


@pytest.mark.parametrize(("model", "fields", "name"), [
    (Spool, {"price": "20", "net_weight_grams": "0"}, "net_weight_grams"),
    (PrinterModel, {"purchase_cost": "100", "expected_life_hours": "0", "watts": "100"}, "expected_life_hours"),
    (PrinterModel, {"purchase_cost": "100", "expected_life_hours": "10", "watts": "-5"}, "watts"),
    (FilamentUse, {"material": "PLA", "grams": "-1"}, "grams"),
    (FilamentUse, {"material": "PLA", "grams": "1", "colour_changes": -1}, "colour_changes"),
    (Part, {"name": "p", "print_seconds": -1}, "print_seconds"),
    (SetItem, {"sku": "A", "quantity": 0}, "quantity"),
    (ProductSet, {"sku": "EMPTY", "items": ()}, "items"),
    (CostOverrides, {"overhead_percent": "101"}, "overhead_percent"),
])
def test_bad_inputs_are_refused_naming_the_field(model, fields, name):
    with pytest.raises(ValidationError, match=name):
        model(**fields)


def test_batch_and_order_quantities_must_be_positive():
    with pytest.raises(Invalid):
        batch_cogs(gift_catalog(), "PAIR", 0, SHOP)
    with pytest.raises(Invalid):
        batch_cogs(gift_catalog(), "PAIR", 1, SHOP, labour_hours=D(-1))
    with pytest.raises(Invalid):
        order_cogs(gift_catalog(), [("PAIR", 0)], SHOP)
    with pytest.raises(Invalid):
        order_cogs(gift_catalog(), [], SHOP)


amounts = st.decimals(0, 100, places=3)
percents = st.decimals(0, 100, places=2)
filaments = st.builds(FilamentUse, material=st.sampled_from(["PLA", "PETG"]), colour=st.sampled_from(["a", "b"]),
                      grams=amounts, purge_grams=st.none() | amounts, prime_tower_grams=amounts,
                      colour_changes=st.integers(0, 20))
parts = st.builds(Part, name=st.just("p"), quantity=st.integers(1, 9), filaments=st.lists(filaments, max_size=4)
                  .map(tuple), print_seconds=st.integers(0, 200_000),
                  printer_model=st.sampled_from([None, "A", "B"]))
products = st.builds(
    Product, sku=st.just("P"), parts=st.lists(parts, max_size=3).map(tuple), labour_hours=amounts,
    consumables=st.lists(st.builds(ConsumableUse, sku=st.sampled_from(["M", "N"]), quantity=st.decimals(
        "0.1", 50, places=1), unit_cost=amounts), max_size=3).map(tuple),
    overrides=st.builds(CostOverrides, overhead_percent=st.none() | percents, printer_model=st.sampled_from(
        [None, "B"])))
shops = st.builds(
    CostSettings, labour_rate_per_hour=amounts, electricity_price_per_kwh=amounts,
    printer_models=st.fixed_dictionaries({
        "A": st.builds(PrinterModel, purchase_cost=amounts, expected_life_hours=st.decimals(1, 20000, places=1),
                       watts=amounts),
        "B": st.builds(PrinterModel, purchase_cost=amounts, expected_life_hours=st.decimals(1, 20000, places=1),
                       watts=amounts)}),
    software_per_print_hour=amounts, failure_buffer_percent=percents, overhead_percent=percents,
    purge_grams_per_colour_change=amounts,
    material_cost_per_gram=st.fixed_dictionaries({"PLA": amounts, "PETG": amounts}))


@settings(max_examples=100, deadline=None)
@given(products, shops, st.integers(1, 12))
def test_breakdown_lines_sum_to_the_total(product, shop, copies):
    cost = product_cogs(product, shop)
    assert sum(cost.lines().values()) == cost.total
    assert sum(line.cost for line in cost.filaments) == cost.material
    assert sum(line.cost for line in cost.consumable_lines) == cost.consumables
    assert cost.subtotal + cost.failure_buffer + cost.overhead == cost.total
    assert cost.model_dump(mode="json")["total"] == str(cost.total)
    catalog = Catalog.of([product, ProductSet(sku="S", items=(SetItem(sku="P", quantity=copies),))])
    rolled = set_cogs(catalog, "S", shop)
    assert sum(rolled.lines().values()) == rolled.total
    assert rolled.total == cost.total * copies
