"""Invoice totals: exact until a figure is shown, then rounded once.

The rule, in order:

1. A line's value is quantity x unit price. The subtotal is the sum of line values.
2. Discounts are the line discounts plus the order discount. A line discount comes off its own
   line. The order discount comes off the goods only (never shipping) and is shared between tax
   rates in proportion to each rate's goods after line discounts; a share can have no finite
   decimal form (10 split three ways), so the exact arithmetic runs on Fractions built from the
   Decimal inputs. Nothing is rounded on the way.
3. Shipping is taxed at the shipping tax rate (the document's default when unset).
4. Tax is computed per rate on the exact net sum at that rate: rate / 100 x (goods after line
   discounts - share of the order discount + shipping at that rate). No per-line tax, so no
   per-line rounding.
5. total = subtotal - discounts + shipping + tax, and balance = total - refunds, exactly.
6. Each figure shown (every line value, subtotal, discounts, shipping, tax per rate, tax, total,
   refunds, balance) is rounded ONCE from its exact value, half-up to the currency's minor unit.

Because no figure is a rounding of a rounding, each one is the nearest minor unit to the truth;
the price is that a shown total can differ by one minor unit from the sum of the shown parts
(for example when two tax rates both round up). That is the accepted trade, not a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from odind import money

if TYPE_CHECKING:
    from odind.invoice.document import InvoiceDocument


@dataclass(frozen=True)
class ExactTotals:
    """The unrounded figures; Fractions so a pro-rata discount share stays exact."""

    line_values: tuple[Fraction, ...]
    subtotal: Fraction
    discount: Fraction
    shipping: Fraction
    tax_by_rate: dict[Decimal, Fraction]
    tax: Fraction
    total: Fraction
    refunds: Fraction
    balance: Fraction


@dataclass(frozen=True)
class InvoiceTotals:
    """The figures a document shows, each rounded once to the currency's minor unit."""

    line_values: tuple[Decimal, ...]
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    tax_by_rate: dict[Decimal, Decimal]
    tax: Decimal
    total: Decimal
    refunds: Decimal
    balance: Decimal


def exact_totals(doc: InvoiceDocument) -> ExactTotals:
    goods_by_rate: dict[Decimal, Fraction] = {}
    line_values: list[Fraction] = []
    line_discounts = Fraction(0)
    for line in doc.lines:
        value = line.quantity * Fraction(line.unit_price)
        line_values.append(value)
        line_discounts += Fraction(line.discount)
        rate = doc.tax_rate_of(line)
        goods_by_rate[rate] = goods_by_rate.get(rate, Fraction(0)) + value - Fraction(line.discount)

    order_discount = Fraction(doc.order_discount)
    goods = sum(goods_by_rate.values(), Fraction(0))
    base_by_rate = {
        rate: net - (order_discount * net / goods if goods else Fraction(0))
        for rate, net in goods_by_rate.items()
    }
    shipping = Fraction(doc.shipping_charged)
    shipping_rate = doc.effective_shipping_tax_rate
    if shipping:
        base_by_rate[shipping_rate] = base_by_rate.get(shipping_rate, Fraction(0)) + shipping

    tax_by_rate = {rate: base_by_rate[rate] * Fraction(rate) / 100 for rate in sorted(base_by_rate)}
    subtotal = sum(line_values, Fraction(0))
    discount = line_discounts + order_discount
    tax = sum(tax_by_rate.values(), Fraction(0))
    total = subtotal - discount + shipping + tax
    refunds = Fraction(doc.refunds)
    return ExactTotals(
        line_values=tuple(line_values),
        subtotal=subtotal,
        discount=discount,
        shipping=shipping,
        tax_by_rate=tax_by_rate,
        tax=tax,
        total=total,
        refunds=refunds,
        balance=total - refunds,
    )


def compute_totals(doc: InvoiceDocument) -> InvoiceTotals:
    exact = exact_totals(doc)

    def shown(value: Fraction) -> Decimal:
        return money.shown(value, doc.currency)

    return InvoiceTotals(
        line_values=tuple(shown(value) for value in exact.line_values),
        subtotal=shown(exact.subtotal),
        discount=shown(exact.discount),
        shipping=shown(exact.shipping),
        tax_by_rate={rate: shown(tax) for rate, tax in exact.tax_by_rate.items()},
        tax=shown(exact.tax),
        total=shown(exact.total),
        refunds=shown(exact.refunds),
        balance=shown(exact.balance),
    )
