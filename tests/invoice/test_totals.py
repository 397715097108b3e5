"""Totals: exact arithmetic, tax per rate on exact sums, and one rounding per shown figure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odind.invoice import InvoiceDocument, InvoiceLine, compute_totals, exact_totals
from odind.money import shown

D = Decimal


def test_three_line_gbp_invoice_at_20_percent(make_doc: Callable[..., InvoiceDocument]) -> None:
    totals = compute_totals(make_doc())

    assert totals.line_values == (D("25.00"), D("7.99"), D("9.99"))
    assert totals.subtotal == D("42.98")
    assert totals.discount == D("0.00")
    assert totals.tax_by_rate == {D("20"): D("8.60")}
    assert totals.tax == D("8.60")
    assert totals.total == D("51.58")
    assert totals.balance == D("51.58")


def test_order_discount_is_shared_between_rates_in_proportion(make_doc: Callable[..., InvoiceDocument]) -> None:
    doc = make_doc(
        lines=[
            InvoiceLine(description="Toy", quantity=1, unit_price=D("30")),
            InvoiceLine(description="Book", quantity=1, unit_price=D("10"), tax_rate=D("0")),
        ],
        order_discount=D("4"),
        shipping_charged=D("5"),
    )
    exact = exact_totals(doc)

    # The toy carries 3/4 of the goods, so 3 of the 4 off: 20 % of (27 + 5 shipping) = 6.40.
    assert exact.tax_by_rate == {D("0"): Fraction(0), D("20"): Fraction("6.4")}
    assert exact.total == Fraction(40 - 4 + 5) + Fraction("6.4")


def test_a_share_with_no_finite_decimal_form_stays_exact(make_doc: Callable[..., InvoiceDocument]) -> None:
    doc = make_doc(
        lines=[
            InvoiceLine(description="A", quantity=1, unit_price=D("1"), tax_rate=D("5")),
            InvoiceLine(description="B", quantity=2, unit_price=D("1"), tax_rate=D("20")),
        ],
        order_discount=D("1"),
    )
    exact = exact_totals(doc)

    assert exact.tax_by_rate[D("5")] == Fraction(2, 3) * Fraction(5, 100)
    assert exact.tax_by_rate[D("20")] == Fraction(4, 3) * Fraction(20, 100)
    assert exact.tax == Fraction(1, 30) + Fraction(8, 30)
    assert compute_totals(doc).tax == D("0.30")


def test_each_shown_figure_is_rounded_once_not_summed_from_rounded_parts(
    make_doc: Callable[..., InvoiceDocument],
) -> None:
    # 5 % of 0.10 is 0.005 and 20 % of 0.025 is 0.005: each rate rounds up to 0.01, yet the true
    # tax is exactly 0.01, which is what the tax figure shows.
    doc = make_doc(
        lines=[
            InvoiceLine(description="A", quantity=1, unit_price=D("0.10"), tax_rate=D("5")),
            InvoiceLine(description="B", quantity=1, unit_price=D("0.025"), tax_rate=D("20")),
        ]
    )
    totals = compute_totals(doc)

    assert totals.tax_by_rate == {D("5"): D("0.01"), D("20"): D("0.01")}
    assert totals.tax == D("0.01")
    assert totals.subtotal == D("0.13")  # 0.125 rounds half up
    assert totals.total == D("0.14")  # 0.135 exactly


def test_line_discounts_and_order_discount_add_up(make_doc: Callable[..., InvoiceDocument]) -> None:
    lines = [
        InvoiceLine(description="A", quantity=2, unit_price=D("10"), discount=D("2.50")),
        InvoiceLine(description="B", quantity=1, unit_price=D("5")),
    ]
    totals = compute_totals(make_doc(lines=lines, order_discount=D("1.50"), refunds=D("3")))

    assert totals.subtotal == D("25.00")
    assert totals.discount == D("4.00")
    assert totals.tax == D("4.20")
    assert totals.total == D("25.20")
    assert totals.refunds == D("3.00")
    assert totals.balance == D("22.20")


def test_yen_has_no_minor_unit(make_doc: Callable[..., InvoiceDocument]) -> None:
    totals = compute_totals(make_doc(currency="JPY", default_tax_rate=D("10"),
                                     lines=[InvoiceLine(description="Fox", quantity=1, unit_price=D("1005"))]))

    assert totals.tax == D("101")  # 100.5 half up
    assert totals.total == D("1106")
    assert totals.total.as_tuple().exponent == 0


# --- property -------------------------------------------------------------------------------------

prices = st.decimals(min_value=D("0"), max_value=D("999.999"), places=3)
rates = st.sampled_from([None, D("0"), D("5"), D("12.5"), D("20")])


@st.composite
def documents(draw: st.DrawFn) -> InvoiceDocument:
    lines = []
    for index in range(draw(st.integers(1, 8))):
        quantity = draw(st.integers(1, 40))
        unit_price = draw(prices)
        value = quantity * unit_price
        discount = draw(st.decimals(min_value=D("0"), max_value=value, places=2)) if value >= 1 else D(0)
        lines.append(InvoiceLine(description=f"Item {index}", quantity=quantity, unit_price=unit_price,
                                 tax_rate=draw(rates), discount=discount))
    goods = sum((line.gross - line.discount for line in lines), D(0))
    order_discount = draw(st.decimals(min_value=D("0"), max_value=goods, places=2)) if goods >= 1 else D(0)
    left = goods - order_discount
    refunds = draw(st.decimals(min_value=D("0"), max_value=left, places=2)) if left >= 1 else D(0)
    return InvoiceDocument(
        number="P-1",
        issued_on=date(2026, 11, 23),
        order_reference="PROP",
        customer_name="Prop Erty",
        currency=draw(st.sampled_from(["GBP", "EUR", "USD", "JPY"])),
        lines=lines,
        default_tax_rate=draw(st.sampled_from([D("0"), D("7"), D("20")])),
        shipping_charged=draw(st.decimals(min_value=D("0"), max_value=D("50"), places=2)),
        shipping_tax_rate=draw(rates),
        order_discount=order_discount,
        refunds=refunds,
    )


def _rate(doc: InvoiceDocument, rate: Decimal | None) -> Fraction:
    return Fraction(doc.default_tax_rate if rate is None else rate) / 100


def _half_up(value: Fraction, places: int) -> Decimal:
    """An independent rounding oracle: long division to 60 digits, then Decimal's own ROUND_HALF_UP."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_totals_are_exact_and_each_shown_figure_rounds_the_exact_value_once(doc: InvoiceDocument) -> None:
    exact = exact_totals(doc)
    shown = compute_totals(doc)

    # Full precision: the parts add up to the total with nothing lost.
    assert exact.total == exact.subtotal - exact.discount + exact.shipping + exact.tax
    assert exact.balance == exact.total - exact.refunds

    # An independent derivation: spread the order discount over every line, tax each line, add up.
    goods = sum((line.quantity * Fraction(line.unit_price) - Fraction(line.discount) for line in doc.lines),
                Fraction(0))
    kept = 1 - Fraction(doc.order_discount) / goods if goods else Fraction(1)
    per_line = [
        (line.quantity * Fraction(line.unit_price) - Fraction(line.discount)) * kept for line in doc.lines
    ]
    tax = sum((net * _rate(doc, line.tax_rate) for net, line in zip(per_line, doc.lines, strict=True)),
              Fraction(0)) + Fraction(doc.shipping_charged) * _rate(doc, doc.shipping_tax_rate)
    assert exact.tax == tax
    assert exact.total == sum(per_line, Fraction(0)) + Fraction(doc.shipping_charged) + tax

    places = 0 if doc.currency == "JPY" else 2
    pairs = [
        (shown.subtotal, exact.subtotal),
        (shown.discount, exact.discount),
        (shown.shipping, exact.shipping),
        (shown.tax, exact.tax),
        (shown.total, exact.total),
        (shown.refunds, exact.refunds),
        (shown.balance, exact.balance),
        *zip(shown.line_values, exact.line_values, strict=True),
        *((shown.tax_by_rate[rate], value) for rate, value in exact.tax_by_rate.items()),
    ]
    for figure, value in pairs:
        assert figure == _half_up(value, places)
        assert figure.as_tuple().exponent == -places
        assert abs(Fraction(figure) - value) <= Fraction(1, 2 * 10**places)


def test_round_shown_rounds_half_away_from_zero() -> None:
    assert shown(Fraction(1, 200), "GBP") == D("0.01")
    assert shown(Fraction(-1, 200), "GBP") == D("-0.01")
    assert shown(Fraction(1, 201), "GBP") == D("0.00")
    assert shown(D("2.675"), "EUR") == D("2.68")
