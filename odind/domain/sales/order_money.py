"""An order's money: its totals as an invoice document would add them up, and its P&L.

One place builds the order's figures (active quantities, per-unit discounts, per-line tax, order
discount, shipping, refunds) so the order page, the payment status and the PDF invoice can never
disagree about what the customer owes.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pydantic import BaseModel

from odind import money
from odind.domain.costs import order_costs
from odind.invoice import InvoiceDocument, InvoiceLine, exact_totals
from odind.money import carried
from odind.store import costs as costs_sql
from odind.store.db import Db
from odind.store.sales import orders as sql
from odind.store.sales import payments as payments_sql
from odind.store.sales import returns as returns_sql


class PnL(BaseModel):
    revenue: Decimal
    cogs: Decimal
    profit: Decimal
    margin_percent: Decimal | None
    missing_prices: list[str]
    discounts: Decimal = Decimal(0)
    shipping_charged: Decimal = Decimal(0)
    refunds: Decimal = Decimal(0)
    fees: Decimal = Decimal(0)
    shipping_cost: Decimal = Decimal(0)
    channel: str | None = None
    costs_kept: bool = False


def active_quantities(counts: list[dict[str, Any]]) -> dict[int, int]:
    """Units per line that are not cancelled, from `orders.item_counts` rows."""
    active: Counter[int] = Counter()
    for row in counts:
        if row["status"] != "cancelled":
            active[row["order_line_id"]] += row["n"]
    return dict(active)


async def restocked_by_line(db: Db, order_id: int) -> dict[int, int]:
    return {row["order_line_id"]: int(row["n"]) for row in await returns_sql.restocked_of(db, [order_id])}


def _share(amount: Decimal, part: int, whole: int) -> Decimal:
    """`part` of `whole` units' `amount`; exact when all units count, carried like every quotient otherwise."""
    if part == whole:
        return amount
    return carried(amount * part / whole) if whole else Decimal(0)


async def _kept_costs(db: Db, order: dict[str, Any], lines: list[dict[str, Any]]) -> order_costs.OrderFigures:
    """The order's cost snapshot, line for line; today's costing if it has none that matches its lines."""
    return (await kept_costs_of(db, [(order, lines)]))[order["id"]]


async def kept_costs_of(db: Db, orders: list[tuple[dict[str, Any], list[dict[str, Any]]]],
                        ) -> dict[int, order_costs.OrderFigures]:
    """Each order's cost snapshot, in a fixed number of queries however many orders there are.

    Orders whose snapshot is missing, has gaps (a material without a price when it was made) or no
    longer matches their lines are costed at today's costs, from the catalog and channels read once.
    """
    kept = await order_costs.stored_of(db, [order["id"] for order, _ in orders])
    stale = [(order, lines) for order, lines in orders
             if order["id"] not in kept
             or [f.product_id for f in kept[order["id"]].lines] != [line["product_id"] for line in lines]]
    if stale:
        costing = await order_costs.current_costing(db)
        channels = await costs_sql.list_channels(db)
        for order, lines in stale:
            rows = [{**line, "name": line["product_name"], "kind": line["product_kind"]} for line in lines]
            kept[order["id"]] = order_costs.figures_of(order, rows, costing, _channel_for(channels, order["platform"]))
    return kept


def _channel_for(channels: list[dict[str, Any]], platform: str | None) -> dict[str, Any] | None:
    """The first channel (by id) whose platform is the order's, as the store would pick it."""
    wanted = (platform or "").lower()
    return next((row for row in sorted(channels, key=lambda row: row["id"])
                 if (row["platform"] or "").lower() == wanted), None)


async def pnl(db: Db, order: dict[str, Any], counts: list[dict[str, Any]] | None = None) -> PnL:
    """Revenue is what the customer is charged net of discounts and refunds (tax is not revenue).

    COGS is the true cost kept when the order was made (odind.domain.costs.order_costs): per unit,
    filament grams x the material's price per gram + consumables x unit cost, plus whatever labour,
    machine, power, software, failure buffer and overhead the shop has configured; with none
    configured it is exactly the materials-and-consumables cost. It counts every active unit except
    those returned to stock. Fees are the order's sales channel's charges, for the units not
    cancelled; `shipping_cost` is the postage the channel's terms say the seller pays. Profit is
    revenue less all three, so the order page agrees with the profitability report.
    """
    order_id = order["id"]
    lines = await sql.lines(db, order_id)
    active = active_quantities(counts if counts is not None else await sql.item_counts(db, order_id))
    restocked = await restocked_by_line(db, order_id)
    kept = await _kept_costs(db, order, lines)
    _, refunds = await payments_sql.sums(db, order_id)
    return pnl_of(order, lines, active, restocked, kept, refunds)


def pnl_of(order: dict[str, Any], lines: list[dict[str, Any]], active: dict[int, int], restocked: dict[int, int],
           kept: order_costs.OrderFigures, refunds: Decimal) -> PnL:
    """The P&L from facts already read, so a page of orders costs a fixed number of queries."""
    goods = sum((Decimal(line["unit_price"]) * active.get(line["id"], 0) for line in lines), Decimal(0))
    line_discounts = sum((Decimal(line["unit_discount"]) * active.get(line["id"], 0) for line in lines), Decimal(0))
    discounts = line_discounts + min(Decimal(order["order_discount"]), goods - line_discounts)
    shipping = Decimal(order["shipping_charged"]) if active else Decimal(0)
    revenue = goods - discounts + shipping - refunds
    cogs = fees = Decimal(0)
    for line, figures in zip(lines, kept.lines, strict=True):
        sold = active.get(line["id"], 0)
        cogs += _share(figures.cogs, sold - restocked.get(line["id"], 0), figures.quantity)
        fees += _share(figures.fees, sold, figures.quantity)
    shipping_cost = kept.total("shipping") if active else Decimal(0)
    profit = revenue - cogs - fees - shipping_cost
    return PnL(revenue=revenue, cogs=cogs, profit=profit, margin_percent=money.percent(profit, revenue),
               missing_prices=list(kept.missing), discounts=discounts, shipping_charged=shipping, refunds=refunds,
               fees=fees, shipping_cost=shipping_cost, channel=kept.channel_name if kept.channel_id else None,
               costs_kept=kept.snapshotted)


def pnl_view(figures: PnL) -> dict[str, Any]:
    """Exact figures for scripts, and the same rounded once to the penny for display."""
    shown = ("revenue", "cogs", "fees", "shipping_cost", "profit")
    return {
        **{name: str(money.shown(getattr(figures, name))) for name in shown},
        "margin_percent": None if figures.margin_percent is None else str(figures.margin_percent),
        "discounts": str(money.shown(figures.discounts)),
        "shipping_charged": str(money.shown(figures.shipping_charged)),
        "refunds": str(money.shown(figures.refunds)),
        "channel": figures.channel, "costs_kept": figures.costs_kept,
        "exact": {name: str(getattr(figures, name)) for name in shown},
        "missing_prices": figures.missing_prices,
    }


def tax_rate_of(order: dict[str, Any], line: dict[str, Any], fallback: Decimal) -> Decimal:
    rate = line["tax_rate"] if line["tax_rate"] is not None else order["tax_rate"]
    return fallback if rate is None else Decimal(rate)


def invoice_lines(order: dict[str, Any], lines: list[dict[str, Any]], active: dict[int, int],
                  fallback_tax: Decimal) -> list[InvoiceLine]:
    return [InvoiceLine(description=line["product_name"], sku=line["sku"], quantity=active[line["id"]],
                        unit_price=Decimal(line["unit_price"]),
                        discount=Decimal(line["unit_discount"]) * active[line["id"]],
                        tax_rate=tax_rate_of(order, line, fallback_tax))
            for line in lines if active.get(line["id"])]


def order_document(order: dict[str, Any], lines: list[dict[str, Any]], active: dict[int, int], *,
                   fallback_tax: Decimal, refunds: Decimal, currency: str = "GBP",
                   **fields: Any) -> InvoiceDocument | None:
    """The order as an invoice document: the one place its money adds up, for totals and PDFs."""
    doc_lines = invoice_lines(order, lines, active, fallback_tax)
    if not doc_lines:
        return None
    goods = sum((line.gross - line.discount for line in doc_lines), Decimal(0))
    base = {"kind": "proforma", "issued_on": date.today(), "order_reference": order["reference"],
            "customer_name": order["customer_name"], "currency": currency, "lines": doc_lines,
            "default_tax_rate": fallback_tax if order["tax_rate"] is None else Decimal(order["tax_rate"]),
            "shipping_charged": Decimal(order["shipping_charged"]),
            "order_discount": min(Decimal(order["order_discount"]), goods), "refunds": Decimal(0)}
    base.update(fields)
    doc = InvoiceDocument(**base)
    return doc.model_copy(update={"refunds": min(refunds, _decimal(exact_totals(doc).total))})


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


async def totals(db: Db, order: dict[str, Any], counts: list[dict[str, Any]] | None = None, *,
                 fallback_tax: Decimal = Decimal(0)) -> dict[str, Decimal]:
    lines = await sql.lines(db, order["id"])
    active = active_quantities(counts if counts is not None else await sql.item_counts(db, order["id"]))
    paid, refunded = await payments_sql.sums(db, order["id"])
    return totals_of(order, lines, active, paid, refunded, fallback_tax=fallback_tax)


def totals_of(order: dict[str, Any], lines: list[dict[str, Any]], active: dict[int, int], paid: Decimal,
              refunded: Decimal, *, fallback_tax: Decimal = Decimal(0)) -> dict[str, Decimal]:
    """The order's totals from facts already read."""
    doc = order_document(order, lines, active, fallback_tax=fallback_tax, refunds=refunded)
    if doc is None:
        return {"total": Decimal(0), "tax": Decimal(0), "paid": paid, "refunded": refunded,
                "balance": refunded - paid}
    exact = exact_totals(doc)
    total, tax = money.shown(_decimal(exact.total)), money.shown(_decimal(exact.tax))
    return {"total": total, "tax": tax, "paid": paid, "refunded": refunded, "balance": total - paid + refunded}
