"""FIFO cost layers: oldest stock pays first, every penny of a purchase is accounted for."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from odind.costing.fifo import (
    CostLayer,
    Purchase,
    Unit,
    consume,
    current_unit_cost,
    on_hand,
    open_layer,
    stock_value,
)
from odind.errors import InsufficientStock, Invalid

D = Decimal


def buy(layer_id: int, quantity: int | str, cost: str, day: int, unit: Unit = Unit.EACH, **extra) -> CostLayer:
    purchase = Purchase(quantity=D(quantity), total_cost=cost, unit=unit, purchased_on=date(2026, 11, day),
                        supplier="MagnetCo", reference=f"PO-{layer_id}", **extra)
    return open_layer(layer_id, purchase, Unit.EACH)


def test_usage_draws_oldest_layer_first_and_records_the_draws():
    layers = [buy(2, 10, "1.00", 5), buy(1, 4, "0.80", 1)]
    used = consume(layers, D(6))
    assert [(d.layer_id, d.quantity, d.cost) for d in used.draws] == [(1, 4, D("0.80")), (2, 2, D("0.20"))]
    assert used.cost == D("1.00")
    assert used.draws[0].reference == "PO-1" and used.draws[0].supplier == "MagnetCo"
    remaining = {layer.layer_id: (layer.remaining, layer.remaining_cost) for layer in used.layers}
    assert remaining == {1: (0, 0), 2: (8, D("0.80"))}


def test_same_day_purchases_are_used_in_the_order_they_were_recorded():
    layers = [buy(7, 1, "2.00", 3), buy(6, 1, "1.00", 3)]
    assert consume(layers, D(1)).draws[0].layer_id == 6


def test_quote_uses_the_latest_purchase_even_when_older_stock_remains():
    layers = [buy(1, 100, "5.00", 1), buy(2, 100, "7.00", 20)]
    assert current_unit_cost(layers) == D("0.07")
    assert consume(layers, D(10)).cost == D("0.50")


def test_latest_purchase_still_quotes_after_it_is_used_up():
    used = consume([buy(1, 5, "1.00", 1)], D(5))
    assert on_hand(used.layers) == 0
    assert current_unit_cost(used.layers) == D("0.20")


def test_no_purchases_means_no_quote():
    assert current_unit_cost([]) is None


def test_pack_purchase_stocks_pack_size_units_each():
    layer = buy(1, 2, "10.00", 1, unit=Unit.PACK, pack_size=100)
    assert layer.remaining == 200
    assert layer.purchase.unit_cost == D("0.05")


def test_a_third_of_a_layer_costs_a_third_and_the_rest_costs_exactly_what_is_left():
    layers = [buy(1, 3, "1.00", 1)]
    first = consume(layers, D(1))
    rest = consume(first.layers, D(2))
    assert first.cost + rest.cost == D("1.00")
    assert rest.layers[0].remaining_cost == 0


def test_using_more_than_on_hand_is_refused_and_names_both_quantities():
    layers = [buy(1, 3, "0.30", 1), buy(2, 2, "0.20", 2)]
    with pytest.raises(InsufficientStock, match="cannot use 6: only 5 on hand") as caught:
        consume(layers, D(6))
    assert caught.value.details == {"requested": "6", "available": "5"}


@pytest.mark.parametrize("quantity", [D(0), D(-1), D("NaN"), 0, 1.0, "1", True])
def test_usage_quantity_must_be_a_positive_exact_number(quantity):
    with pytest.raises(Invalid, match="quantity"):
        consume([buy(1, 3, "0.30", 1)], quantity)


def test_usage_quantity_may_be_an_int():
    assert consume([buy(1, 3, "0.30", 1)], 2).cost == D("0.20")


def test_pack_needs_a_pack_size_and_other_units_refuse_one():
    with pytest.raises(ValidationError, match="pack_size is required"):
        Purchase(quantity=1, unit=Unit.PACK, total_cost="5", purchased_on=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="only to purchases in packs"):
        Purchase(quantity=1, unit=Unit.EACH, pack_size=10, total_cost="5", purchased_on=date(2026, 1, 1))


@pytest.mark.parametrize(("field", "value"), [("quantity", 0), ("quantity", -2), ("total_cost", "-1"),
                                              ("total_cost", 1.5), ("pack_size", 0)])
def test_bad_purchases_are_refused(field, value):
    fields = {"quantity": 1, "unit": Unit.PACK, "pack_size": 10, "total_cost": "5",
              "purchased_on": date(2026, 1, 1), field: value}
    with pytest.raises(ValidationError, match=field):
        Purchase(**fields)


def test_a_purchase_must_match_the_stock_unit_unless_it_is_in_packs():
    glue = Purchase(quantity=250, unit=Unit.ML, total_cost="4.00", purchased_on=date(2026, 1, 1))
    assert open_layer(1, glue, Unit.ML).remaining == 250
    with pytest.raises(Invalid, match="cannot stock an item kept in g"):
        open_layer(1, glue, Unit.G)
    with pytest.raises(Invalid, match="each, ml or g"):
        open_layer(1, glue, Unit.PACK)


purchases = st.lists(
    st.tuples(st.integers(1, 500), st.decimals(0, 200, places=2), st.integers(0, 60)),
    min_size=1, max_size=8)


@given(purchases, st.lists(st.integers(1, 400), min_size=1, max_size=10))
def test_fifo_cost_is_the_sum_of_the_consumed_layer_portions(bought, uses):
    layers = [open_layer(i, Purchase(quantity=q, total_cost=cost,
                                     purchased_on=date(2026, 1, 1) + timedelta(days=day)), Unit.EACH)
              for i, (q, cost, day) in enumerate(bought)]
    total_bought = sum((cost for _, cost, _ in bought), D(0))
    spent = D(0)
    for quantity in uses:
        if quantity > on_hand(layers):
            with pytest.raises(InsufficientStock):
                consume(layers, D(quantity))
            continue
        used = consume(layers, D(quantity))
        assert used.cost == sum(draw.cost for draw in used.draws)
        assert sum(draw.quantity for draw in used.draws) == quantity
        after = {layer.layer_id: layer for layer in used.layers}
        drawn_from = [after[draw.layer_id] for draw in used.draws]
        # Oldest first, and a newer layer is touched only once every older one is empty.
        assert [layer.order_key for layer in drawn_from] == sorted(layer.order_key for layer in drawn_from)
        assert all(layer.remaining == 0 for layer in after.values() if layer.order_key < drawn_from[-1].order_key)
        spent += used.cost
        layers = list(used.layers)
    # What was spent plus what is left is exactly what was bought; nothing leaks to rounding.
    assert spent + stock_value(layers) == total_bought
    if on_hand(layers):
        spent += consume(layers, on_hand(layers)).cost
    assert spent == total_bought
