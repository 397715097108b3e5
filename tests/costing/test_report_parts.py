"""Pieces behind the order costs and the report: exact sharing, number text, the SVG chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from odind.domain.costs.order_costs import split
from odind.domain.costs.report import as_csv, as_svg
from odind.money import exact_text, shown_text

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"

amounts = st.decimals(min_value=D("-1000"), max_value=D("1000"), places=5)
weights = st.lists(st.decimals(min_value=D(0), max_value=D("500"), places=2), min_size=1, max_size=8)


@settings(max_examples=100)
@given(amounts, weights)
def test_shares_add_up_to_the_amount_exactly(amount, parts):
    shares = split(amount, parts)
    assert len(shares) == len(parts)
    assert sum(shares, D(0)) == amount


def test_shares_follow_the_weights_and_zero_weights_share_equally():
    assert split(D("7.36074"), [D("50"), D("50")]) == [D("3.68037"), D("3.68037")]
    assert split(D("1"), [D(0), D(0), D(0)]) == [D("0.333333333333"), D("0.333333333333"), D("0.333333333334")]


def test_numbers_are_plain_text_and_shown_rounds_half_up():
    assert exact_text(D("41.096000000000")) == "41.096"
    assert exact_text(D("1E+2")) == "100"
    assert exact_text(D("-0.000")) == "0"
    assert (shown_text(D("11.205")), shown_text(D("-6.535"))) == ("11.21", "-6.54")


def _row(key: str, revenue: str, profit: str, margin: str | None) -> dict:
    return {"key": key, "name": key, "kind": "product", "orders": 1, "quantity": 1, "revenue": revenue,
            "cogs": "0", "fees": "0", "shipping": "0", "profit": profit, "margin_percent": margin,
            "exact": {"revenue": revenue, "profit": profit}}


def test_chart_draws_losses_left_of_zero_and_escapes_names():
    report = {"group": "product", "from": "2026-11-01", "to": "2026-11-30",
              "rows": [_row("Fox & <Friends>", "50.00", "20.00", "40.00"), _row("LOSS", "10.00", "-5.00", "-50.00")],
              "totals": _row("total", "60.00", "15.00", "25.00")}
    svg = ET.fromstring(as_svg(report))
    bars = [rect for rect in svg.iter(f"{SVG}rect")]
    assert len(bars) == 4
    zero = float(next(svg.iter(f"{SVG}line")).get("x1"))
    loss = bars[3]
    assert loss.get("fill") == "#c0392b"
    assert float(loss.get("x")) + float(loss.get("width")) == zero
    assert all(float(bar.get("x")) >= zero for bar in bars[:3])
    assert "Fox & <Friends>" in [text.text for text in svg.iter(f"{SVG}text")]
    assert as_csv(report).splitlines()[-1].startswith("total,total,product,1,1,60.00")
