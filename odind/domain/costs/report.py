"""Profitability over a date range, grouped by product, set or channel: JSON, CSV and an SVG chart.

Orders are costed from their snapshots (the costs that held when they were made); orders without
one are costed at today's costs and counted under `estimated_orders`. `group=product` lists every
SKU sold (sets included, marked by `kind`); `group=set` only sets; `group=channel` one row per
channel. Rows add up to the totals exactly; rounding happens only in the shown figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from odind.costing.breakdown import ZERO
from odind.domain.costs import loader
from odind.domain.costs.order_costs import OrderFigures, stored_or_current
from odind.errors import Invalid
from odind.money import exact_text, percent_text, shown_text
from odind.store import costs as sql
from odind.store.db import Store

GROUPS = ("product", "set", "channel")
FIGURES = ("revenue", "cogs", "fees", "shipping", "profit")


@dataclass
class Row:
    key: str
    name: str
    kind: str
    orders: set[int] = field(default_factory=set)
    quantity: int = 0
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(FIGURES, ZERO))

    def add(self, order_id: int, quantity: int, **amounts: Decimal) -> None:
        self.orders.add(order_id)
        self.quantity += quantity
        for name, amount in amounts.items():
            self.amounts[name] += amount

    def view(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "kind": self.kind, "orders": len(self.orders),
                "quantity": self.quantity, **{name: shown_text(amount) for name, amount in self.amounts.items()},
                "margin_percent": percent_text(self.amounts["profit"], self.amounts["revenue"]),
                "exact": {name: exact_text(amount) for name, amount in self.amounts.items()}}


def parse_day(text: str | None, name: str, default: date) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{name} must be a date such as 2026-11-01, not {text!r}", field=name) from None


def _group(rows: dict[str, Row], result: OrderFigures, group: str) -> None:
    for line in result.lines:
        if group == "set" and line.kind != "set":
            continue
        if group == "channel":
            row = rows.setdefault(result.channel_name, Row(result.channel_name, result.channel_name, "channel"))
        else:
            row = rows.setdefault(line.sku, Row(line.sku, line.name, line.kind))
        row.add(result.order_id, line.quantity, revenue=line.revenue, cogs=line.cogs, fees=line.fees,
                shipping=line.shipping, profit=line.profit)


async def profitability(store: Store, first: date, last: date, group: str) -> dict[str, Any]:
    if group not in GROUPS:
        raise Invalid(f"group must be one of {', '.join(GROUPS)}, not {group!r}", field="group")
    if last < first:
        raise Invalid(f"'to' ({last}) is before 'from' ({first})", field="to")
    async with store.read() as db:
        costing = await loader.load(db)
        orders = await sql.orders_between(db, first.isoformat(), last.isoformat())
        results = [await stored_or_current(db, order["id"], costing) for order in orders]
    rows: dict[str, Row] = {}
    for result in results:
        _group(rows, result, group)
    ordered = sorted(rows.values(), key=lambda row: (-row.amounts["revenue"], row.key))
    total = Row("total", "Total", "total")
    for row in ordered:
        for order_id in row.orders:
            total.orders.add(order_id)
        total.quantity += row.quantity
        for name in FIGURES:
            total.amounts[name] += row.amounts[name]
    return {"from": first.isoformat(), "to": last.isoformat(), "group": group,
            "rows": [row.view() for row in ordered], "totals": total.view(),
            "orders": len(results), "estimated_orders": sum(1 for r in results if not r.snapshotted),
            "missing": sorted({m for r in results for m in r.missing})}


def as_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([report["group"], "name", "kind", "orders", "quantity", *FIGURES, "margin_percent"])
    for row in [*report["rows"], report["totals"]]:
        writer.writerow([row["key"], row["name"], row["kind"], row["orders"], row["quantity"],
                         *(row[name] for name in FIGURES), row["margin_percent"] or ""])
    return out.getvalue()


BAR_HEIGHT = 12
ROW_HEIGHT = 34
LABEL_WIDTH = 170
CHART_WIDTH = 420
VALUE_WIDTH = 110


def as_svg(report: dict[str, Any], currency: str = "£") -> str:
    """Revenue (grey) and profit (green, red when a loss) per row, drawn from a shared zero line."""
    rows = report["rows"]
    amounts = [abs(Decimal(row["exact"][name])) for row in rows for name in ("revenue", "profit")]
    scale = max(amounts, default=ZERO) or Decimal(1)
    losses = any(Decimal(row["exact"]["profit"]) < 0 for row in rows)
    zero_x = LABEL_WIDTH + (CHART_WIDTH // 3 if losses else 0)
    span = Decimal(CHART_WIDTH - (zero_x - LABEL_WIDTH))
    width = LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH
    height = 40 + ROW_HEIGHT * max(len(rows), 1)
    title = f"Profitability by {report['group']}, {report['from']} to {report['to']}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img">',
             f"<title>{escape(title)}</title>",
             f'<text x="4" y="16" font-weight="bold">{escape(title)}</text>']
    if not rows:
        parts.append('<text x="4" y="52">No orders in this range.</text>')
    for index, row in enumerate(rows):
        top = 28 + index * ROW_HEIGHT
        parts.append(f'<text x="4" y="{top + 17}">{escape(row["name"][:26])}</text>')
        for offset, name, colour in ((0, "revenue", "#9aa5b1"), (BAR_HEIGHT + 2, "profit", None)):
            value = Decimal(row["exact"][name])
            length = int(abs(value) / scale * span)
            fill = colour or ("#c0392b" if value < 0 else "#27ae60")
            x = zero_x - length if value < 0 else zero_x
            parts.append(f'<rect x="{x}" y="{top + offset}" width="{max(length, 1)}" height="{BAR_HEIGHT}" '
                         f'fill="{fill}"><title>{name} {escape(currency)}{row[name]}</title></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + CHART_WIDTH + 6}" y="{top + 17}">'
                     f'{escape(currency)}{row["profit"]} ({row["margin_percent"] or "-"} %)</text>')
    parts.append(f'<line x1="{zero_x}" y1="24" x2="{zero_x}" y2="{height - 4}" stroke="#333"/>')
    parts.append("</svg>")
    return "\n".join(parts)
