"""Channel fees, profit and margin, and the price that reaches a margin, solved in closed form.

For a price P on a channel, with `a` the percentage fees (transaction + payment) as a fraction,
`v` the VAT charged on fees as a fraction, `F` the fixed fees per order (transaction and payment
fixed parts, listing fee, subscriptions spread over the expected orders per month) and `S` the
shipping the seller pays when shipping is free:

    fees(P)   = (1 + v) * (a * P + F)
    profit(P) = P - cogs - fees(P) - S
    margin(P) = profit(P) / P

Setting margin(P) = m and solving gives P = (cogs + (1 + v) * F + S) / (1 - (1 + v) * a - m); the
break-even price is the same with m = 0. That quotient is usually a rational with no finite
decimal expansion, so it is carried to `PRECISION` significant digits, and the price to list is
rounded UP to the penny so the margin is never below the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal, localcontext
from enum import StrEnum

from pydantic import Field, computed_field, model_validator

from odind.costing.fields import Frozen, Percent, exact_number
from odind.errors import Invalid
from odind.money import PENNY, Money, carried

PRECISION = 50
ZERO = Decimal(0)


class ChannelKind(StrEnum):
    MARKETPLACE = "marketplace"
    DIRECT = "direct"
    LOCAL_MARKET = "local_market"
    WHOLESALE = "wholesale"


class SalesChannel(Frozen):
    """Where a seller sells and what it charges them per order."""

    name: str = Field(min_length=1)
    kind: ChannelKind = ChannelKind.MARKETPLACE
    transaction_fee_percent: Percent = ZERO
    transaction_fee_fixed: Money = ZERO
    payment_fee_percent: Percent = ZERO
    payment_fee_fixed: Money = ZERO
    listing_fee: Money = ZERO
    vat_on_fees_percent: Percent = ZERO
    monthly_subscriptions: Money = ZERO
    expected_orders_per_month: int | None = Field(default=None, gt=0)
    shipping_cost: Money = ZERO
    free_shipping: bool = False

    @model_validator(mode="after")
    def _fees_leave_something(self) -> SalesChannel:
        if self.monthly_subscriptions > 0 and self.expected_orders_per_month is None:
            raise ValueError("expected_orders_per_month is needed to spread monthly_subscriptions "
                             "over orders")
        if self.fee_share >= 1:
            raise ValueError(f"transaction_fee_percent and payment_fee_percent with VAT take "
                             f"{_plain(self.fee_share * 100)}% of every sale, so no price can cover them")
        return self

    @property
    def fee_share(self) -> Decimal:
        """The fraction of the price that percentage fees (with VAT on them) take: (1 + v) * a."""
        rate = (self.transaction_fee_percent + self.payment_fee_percent) / 100
        return rate * (1 + self.vat_on_fees_percent / 100)

    @property
    def subscription_per_order(self) -> Decimal:
        if self.expected_orders_per_month is None:
            return ZERO
        return carried(self.monthly_subscriptions / self.expected_orders_per_month)

    @property
    def fixed_per_order(self) -> Decimal:
        """Every cost per order that does not scale with the price: (1 + v) * F + S."""
        fixed = (self.transaction_fee_fixed + self.payment_fee_fixed + self.listing_fee
                 + self.subscription_per_order)
        with localcontext(prec=PRECISION):
            return fixed * (1 + self.vat_on_fees_percent / 100) + self.absorbed_shipping

    @property
    def absorbed_shipping(self) -> Decimal:
        """Shipping the seller pays: all of it when shipping is free, none when the buyer pays it."""
        return self.shipping_cost if self.free_shipping else ZERO


class Fees(Frozen):
    transaction: Decimal
    payment: Decimal
    listing: Decimal
    subscription: Decimal
    vat: Decimal

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> Decimal:
        return self.transaction + self.payment + self.listing + self.subscription + self.vat


class Quote(Frozen):
    """What selling at `price` on a channel leaves: exact figures, margin as a percentage of price."""

    channel: str
    price: Decimal
    cogs: Decimal
    fees: Fees
    shipping: Decimal
    profit: Decimal
    margin_percent: Decimal | None


class TargetPrice(Frozen):
    """The price for a target margin: `exact` solves it exactly, `price` is that rounded up to the penny."""

    channel: str
    target_margin_percent: Decimal
    exact: Decimal
    price: Decimal
    quote: Quote


class ChannelComparison(Frozen):
    channel: str
    break_even: Decimal
    break_even_price: Decimal
    at_price: Quote | None
    for_target: TargetPrice | None


def _plain(number: Decimal) -> str:
    """A percentage for a message: 12.6, not 12.6000 or 1.26E+1."""
    return f"{number.normalize():f}"


def round_up_to_penny(amount: Decimal) -> Decimal:
    """Prices solved for a floor (break-even, a margin) round up, never to the nearest penny:
    rounding down would list a price that misses the floor. Display rounding stays odind.money.shown."""
    return amount.quantize(PENNY, rounding=ROUND_CEILING)


def fees(channel: SalesChannel, price: Decimal | int) -> Fees:
    """The channel's charges on one order at `price`, VAT on them included."""
    price = exact_number(price, "price")
    with localcontext(prec=PRECISION):
        transaction = price * channel.transaction_fee_percent / 100 + channel.transaction_fee_fixed
        payment = price * channel.payment_fee_percent / 100 + channel.payment_fee_fixed
        subscription = channel.subscription_per_order
        before_vat = transaction + payment + channel.listing_fee + subscription
        vat = before_vat * channel.vat_on_fees_percent / 100
    return Fees(transaction=transaction, payment=payment, listing=channel.listing_fee,
                subscription=subscription, vat=vat)


def quote(channel: SalesChannel, price: Decimal | int, cogs: Decimal | int) -> Quote:
    """Fees, profit and margin for selling something that costs `cogs` at `price` on `channel`."""
    price = exact_number(price, "price")
    cogs = exact_number(cogs, "cogs")
    charged = fees(channel, price)
    with localcontext(prec=PRECISION):
        profit = price - cogs - charged.total - channel.absorbed_shipping
        margin = profit * 100 / price if price else None
    return Quote(channel=channel.name, price=price, cogs=cogs, fees=charged,
                 shipping=channel.absorbed_shipping, profit=profit, margin_percent=margin)


def _solve(channel: SalesChannel, cogs: Decimal, margin_percent: Decimal) -> Decimal:
    with localcontext(prec=PRECISION):
        room = 1 - channel.fee_share - margin_percent / 100
        if room <= 0:
            ceiling = (1 - channel.fee_share) * 100
            raise Invalid(
                f"a {_plain(margin_percent)}% margin cannot be reached on {channel.name}: its percentage "
                f"fees with VAT take {_plain(channel.fee_share * 100)}% of every sale, so the margin stays "
                f"below {_plain(ceiling)}%",
                field="target_margin_percent", details={"max_margin_percent": str(ceiling)})
        needed = cogs + channel.fixed_per_order
        if needed == 0 and margin_percent == 0:
            return ZERO
        if needed == 0:
            raise Invalid(f"nothing to price on {channel.name}: cost and fixed fees are zero, so every "
                          f"price gives the same margin", field="cogs")
        return needed / room


def break_even_price(channel: SalesChannel, cogs: Decimal | int) -> Decimal:
    """The exact price at which profit is zero."""
    return _solve(channel, exact_number(cogs, "cogs"), ZERO)


def price_for_margin(channel: SalesChannel, cogs: Decimal | int,
                     target_margin_percent: Decimal | int) -> TargetPrice:
    """The price whose margin is the target, solved exactly, and that price rounded up to the penny."""
    cogs = exact_number(cogs, "cogs")
    target_margin_percent = exact_number(target_margin_percent, "target_margin_percent")
    if target_margin_percent >= 100:
        raise Invalid(f"target margin must be below 100 %, got {target_margin_percent}",
                      field="target_margin_percent")
    exact = _solve(channel, cogs, target_margin_percent)
    price = round_up_to_penny(exact)
    return TargetPrice(channel=channel.name, target_margin_percent=target_margin_percent, exact=exact,
                       price=price, quote=quote(channel, price, cogs))


def compare_channels(channels: Sequence[SalesChannel], cogs: Decimal | int, *, price: Decimal | int | None = None,
                     target_margin_percent: Decimal | int | None = None) -> list[ChannelComparison]:
    """Side by side, in the order given: break-even, and the quote at `price` and/or the target price."""
    names = [channel.name for channel in channels]
    if len(set(names)) != len(names):
        raise Invalid("channel names must be distinct to compare them", field="channels")
    comparison = []
    for channel in channels:
        break_even = break_even_price(channel, cogs)
        comparison.append(ChannelComparison(
            channel=channel.name,
            break_even=break_even,
            break_even_price=round_up_to_penny(break_even),
            at_price=None if price is None else quote(channel, price, cogs),
            for_target=None if target_margin_percent is None
            else price_for_margin(channel, cogs, target_margin_percent),
        ))
    return comparison
