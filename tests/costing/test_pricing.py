"""Channel fees, profit, margin, break-even and the exact price for a target margin."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from odind.costing.pricing import (
    SalesChannel,
    break_even_price,
    compare_channels,
    fees,
    price_for_margin,
    quote,
    round_up_to_penny,
)
from odind.errors import Invalid

D = Decimal
PENNY = D("0.01")


def test_subscriptions_are_spread_over_expected_orders_and_bear_vat():
    shop = SalesChannel(name="Shop", monthly_subscriptions="25", expected_orders_per_month=200,
                        payment_fee_percent="1.4", payment_fee_fixed="0.20", vat_on_fees_percent="20")
    charged = fees(shop, D("20.00"))
    assert charged.subscription == D("0.125")
    assert charged.payment == D("0.48")
    assert charged.vat == (D("0.48") + D("0.125")) * D("0.2")
    assert charged.total == D("0.726")


def test_a_repeating_subscription_share_is_carried_to_twelve_places():
    shop = SalesChannel(name="Shop", monthly_subscriptions="25", expected_orders_per_month=3)
    assert fees(shop, D(10)).subscription == D("8.333333333333")
    assert quote(shop, break_even_price(shop, D(1)), D(1)).profit == 0


def test_free_shipping_comes_out_of_profit_and_buyer_paid_shipping_does_not():
    paid_by_buyer = SalesChannel(name="A", shipping_cost="3.20")
    free = SalesChannel(name="B", shipping_cost="3.20", free_shipping=True)
    assert quote(paid_by_buyer, D(20), D(10)).profit == D(10)
    at = quote(free, D(20), D(10))
    assert (at.shipping, at.profit) == (D("3.20"), D("6.80"))
    assert price_for_margin(free, D(10), D(50)).exact == D("26.4")   # (10 + 3.20) / 0.5


def test_break_even_leaves_no_profit(etsy):
    exact = break_even_price(etsy, D("41.096"))
    assert abs(quote(etsy, exact, D("41.096")).profit) < D("1e-40")
    assert quote(etsy, round_up_to_penny(exact), D("41.096")).profit >= 0


def test_unreachable_margin_is_refused_with_the_ceiling(etsy):
    # Etsy's percentage fees with VAT take 12.6 % of every sale, so 87.4 % is out of reach.
    price_for_margin(etsy, D(10), D("87.39"))
    with pytest.raises(Invalid, match=r"cannot be reached on Etsy UK: its percentage fees with VAT take 12\.6% "
                                      r"of every sale, so the margin stays below 87\.4%") as caught:
        price_for_margin(etsy, D(10), D("87.4"))
    assert D(caught.value.details["max_margin_percent"]) == D("87.4")


@pytest.mark.parametrize("target", [D(100), D(-1), D("NaN"), 30.0])
def test_target_margin_must_be_an_exact_number_below_100(etsy, target):
    with pytest.raises(Invalid, match=r"target_margin_percent|target margin"):
        price_for_margin(etsy, D(10), target)


def test_cogs_and_price_must_be_non_negative_decimals(etsy):
    with pytest.raises(Invalid, match="cogs"):
        quote(etsy, D(10), D(-1))
    with pytest.raises(Invalid, match="cogs"):
        price_for_margin(etsy, 12.5, D(30))
    with pytest.raises(Invalid, match="price"):
        quote(etsy, D(-10), D(1))


def test_nothing_to_price_when_cost_and_fixed_fees_are_zero():
    free = SalesChannel(name="Free", transaction_fee_percent="5")
    assert break_even_price(free, D(0)) == 0
    with pytest.raises(Invalid, match="nothing to price"):
        price_for_margin(free, D(0), D(20))


def test_quote_at_zero_price_has_no_margin(direct):
    assert quote(direct, D(0), D(5)).margin_percent is None


@pytest.mark.parametrize(("fields", "name"), [
    ({"transaction_fee_percent": "100.01"}, "transaction_fee_percent"),
    ({"payment_fee_percent": "-1"}, "payment_fee_percent"),
    ({"vat_on_fees_percent": "120"}, "vat_on_fees_percent"),
    ({"listing_fee": "-0.16"}, "listing_fee"),
    ({"payment_fee_fixed": 0.2}, "payment_fee_fixed"),
    ({"monthly_subscriptions": "25"}, "expected_orders_per_month"),
    ({"monthly_subscriptions": "25", "expected_orders_per_month": 0}, "expected_orders_per_month"),
    ({"transaction_fee_percent": "60", "payment_fee_percent": "30", "vat_on_fees_percent": "20"}, "no price"),
    ({"name": ""}, "name"),
])
def test_bad_channels_are_refused(fields, name):
    with pytest.raises(ValidationError, match=name):
        SalesChannel(**{"name": "X", **fields})


def test_comparison_refuses_duplicate_names(etsy):
    with pytest.raises(Invalid, match="distinct"):
        compare_channels([etsy, etsy], D(10), price=D(20))


def test_comparison_without_price_or_target_gives_break_even_only(etsy, direct):
    rows = compare_channels([etsy, direct], D(10))
    assert [(row.at_price, row.for_target) for row in rows] == [(None, None), (None, None)]
    assert rows[1].break_even_price == D(10)


percents = st.decimals(0, 30, places=2)
money = st.decimals(0, 50, places=2)
channels = st.builds(SalesChannel, name=st.just("C"), transaction_fee_percent=percents,
                     transaction_fee_fixed=money, payment_fee_percent=percents, payment_fee_fixed=money,
                     listing_fee=money, vat_on_fees_percent=percents, shipping_cost=money,
                     free_shipping=st.booleans())


def true_price(channel: SalesChannel, cogs: Decimal, margin: Decimal) -> Fraction:
    """The target price solved with exact rationals, independently of the module's algebra."""
    v = 1 + Fraction(channel.vat_on_fees_percent) / 100
    a = (Fraction(channel.transaction_fee_percent) + Fraction(channel.payment_fee_percent)) / 100
    fixed = Fraction(channel.transaction_fee_fixed + channel.payment_fee_fixed + channel.listing_fee)
    shipping = Fraction(channel.shipping_cost) if channel.free_shipping else 0
    return (Fraction(cogs) + v * fixed + shipping) / (1 - v * a - Fraction(margin) / 100)


@settings(max_examples=300, deadline=None)
@given(channels, st.decimals("0.01", 500, places=3), st.decimals(0, 60, places=2))
def test_target_price_gives_the_target_margin_and_the_penny_price_at_least_it(channel, cogs, target):
    if target >= (1 - channel.fee_share) * 100:
        with pytest.raises(Invalid, match="cannot be reached"):
            price_for_margin(channel, cogs, target)
        return
    solved = price_for_margin(channel, cogs, target)
    # Before rounding: the margin is the target (to the 50 significant digits the price is carried to) ...
    exact_margin = quote(channel, solved.exact, cogs).margin_percent
    assert abs(exact_margin - target) < D("1e-40")
    assert abs(Fraction(solved.exact) - true_price(channel, cogs, target)) < Fraction(1, 10 ** 40)
    # ... after rounding up to the penny it is at least the target, and a penny less would miss it.
    at_price = quote(channel, solved.price, cogs)
    assert solved.price % PENNY == 0
    assert at_price.profit * 100 >= target * solved.price
    assert solved.price - solved.exact < PENNY
    cheaper = solved.price - PENNY
    if cheaper > 0:
        assert quote(channel, cheaper, cogs).profit * 100 < target * cheaper
