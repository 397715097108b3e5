"""What an order cost and earned: COGS per line, channel fees, profit; kept as a snapshot.

The snapshot is taken when the order is made (the orders module calls `snapshot_for_order` in the
order's own transaction), so a later price rise or a cheaper batch of magnets never rewrites the
profit of an order already sold. An order without a snapshot (made before costing existed) is costed
at today's costs and marked so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from odind.costing.breakdown import ZERO
from odind.costing.cogs import item_cogs, order_cogs
from odind.costing.pricing import quote
from odind.domain.costs import loader
from odind.domain.costs.channels import channel_of
from odind.errors import Invalid, NotFound
from odind.money import carried, exact_text, percent_text, shown_text
from odind.store import costs as sql
from odind.store.db import Db, Store, Tx


@dataclass(frozen=True)
class LineFigures:
    product_id: int
    sku: str
    name: str
    kind: str
    quantity: int
    revenue: Decimal
    cogs: Decimal
    fees: Decimal
    shipping: Decimal

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cogs - self.fees - self.shipping


@dataclass(frozen=True)
class OrderFigures:
    order_id: int
    ordered_at: str
    channel_id: int | None
    channel_name: str
    lines: tuple[LineFigures, ...]
    snapshotted: bool
    missing: tuple[str, ...] = field(default=())

    def total(self, name: str) -> Decimal:
        return sum((getattr(line, name) for line in self.lines), ZERO)


def split(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`amount` shared in proportion to `weights`; the last share takes the remainder so shares add up exactly."""
    if not weights:
        return []
    total = sum(weights, ZERO)
    if total == 0:
        weights, total = [Decimal(1)] * len(weights), Decimal(len(weights))
    shares = [carried(amount * weight / total) for weight in weights[:-1]]
    return [*shares, amount - sum(shares, ZERO)]


async def figures(db: Db, order_id: int, costing: loader.Costing | None = None) -> OrderFigures:
    """Today's costing of an order, line by line, with its channel's fees shared by revenue.

    Revenue is what the customer pays for the goods: line prices less line discounts, plus shipping
    charged less any order discount, both shared among the lines by their value.
    """
    header = await sql.order_header(db, order_id)
    if header is None:
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    rows = await sql.order_sale_lines(db, order_id)
    costing = costing or await loader.load(db)
    return figures_of(header, rows, costing, await sql.channel_for_platform(db, header["platform"]))


def figures_of(header: dict[str, Any], rows: list[dict[str, Any]], costing: loader.Costing,
               channel_row: dict[str, Any] | None) -> OrderFigures:
    """Today's costing of an order from its row, its lines (with sku, name and kind) and its channel."""
    order_id = header["id"]
    revenues = [(Decimal(row["unit_price"]) - Decimal(row.get("unit_discount") or 0)) * row["quantity"]
                for row in rows]
    adjustment = Decimal(header.get("shipping_charged") or 0) - Decimal(header.get("order_discount") or 0)
    revenues = [revenue + share for revenue, share in zip(revenues, split(adjustment, revenues), strict=True)]
    costs: list[Decimal] = []
    missing = []
    costable = []
    for row in rows:
        try:
            costs.append(item_cogs(costing.catalog, row["sku"], costing.settings).total * row["quantity"])
            costable.append((row["sku"], row["quantity"]))
        except Invalid as exc:
            costs.append(ZERO)
            missing.append(f"{row['sku']}: {exc.message}")
    if costable:
        order_level = order_cogs(costing.catalog, costable, costing.settings).total - sum(costs, ZERO)
        costs = [cost + share for cost, share in zip(costs, split(order_level, revenues), strict=True)]
    fees = shipping = [ZERO] * len(rows)
    if channel_row is not None and rows:
        at = quote(channel_of(channel_row), sum(revenues, ZERO), sum(costs, ZERO))
        fees, shipping = split(at.fees.total, revenues), split(at.shipping, revenues)
    lines = tuple(
        LineFigures(product_id=row["product_id"], sku=row["sku"], name=row["name"], kind=row["kind"],
                    quantity=row["quantity"], revenue=revenue, cogs=cost, fees=fee, shipping=ship)
        for row, revenue, cost, fee, ship in zip(rows, revenues, costs, fees, shipping, strict=True))
    return OrderFigures(order_id=order_id, ordered_at=header["created_at"],
                        channel_id=None if channel_row is None else channel_row["id"],
                        channel_name=header["platform"] if channel_row is None else channel_row["name"],
                        lines=lines, snapshotted=False, missing=tuple(missing))


def _stored(header: dict[str, Any], rows: list[dict[str, Any]]) -> OrderFigures:
    detail = json.loads(header["detail_json"])
    lines = tuple(
        LineFigures(product_id=row["product_id"], sku=row["sku"], name=row["name"], kind=row["kind"],
                    quantity=row["quantity"], revenue=Decimal(row["revenue"]), cogs=Decimal(row["cogs"]),
                    fees=Decimal(row["fees"]), shipping=Decimal(row["shipping"])) for row in rows)
    return OrderFigures(order_id=header["order_id"], ordered_at=header["ordered_at"], channel_id=header["channel_id"],
                        channel_name=header["channel_name"], lines=lines, snapshotted=True,
                        missing=tuple(detail.get("missing", ())))


async def stored_or_current(db: Db, order_id: int, costing: loader.Costing | None = None) -> OrderFigures:
    """The order's kept costs; today's when it has none, or when what was kept has gaps (a material
    without a price when the order was made), since a gap costed at nothing is no record of the cost."""
    header = await sql.get_order_cost(db, order_id)
    if header is not None:
        stored = _stored(header, await sql.order_cost_lines(db, order_id))
        if not stored.missing:
            return stored
    return await figures(db, order_id, costing)


async def stored_of(db: Db, order_ids: list[int]) -> dict[int, OrderFigures]:
    """The snapshots without gaps of these orders, in two queries; orders with none are left out."""
    headers = await sql.order_costs_of(db, order_ids)
    lines: dict[int, list[dict[str, Any]]] = {}
    for row in await sql.order_cost_lines_of(db, order_ids):
        lines.setdefault(row["order_id"], []).append(row)
    stored = (_stored(header, lines.get(header["order_id"], [])) for header in headers)
    return {figures.order_id: figures for figures in stored if not figures.missing}


async def current_costing(db: Db) -> loader.Costing:
    """Today's catalog and settings, loaded once for any number of orders."""
    return await loader.load(db)


async def snapshot_for_order(tx: Tx, order_id: int) -> dict[str, Any]:
    """Keep the order's costs as they are now; a second call keeps the first snapshot.

    Call it in the transaction that creates the order (after its lines are inserted). It never
    refuses an order for a costing gap: lines that cannot be costed are listed under `missing`.
    """
    existing = await sql.get_order_cost(tx, order_id)
    if existing is not None:
        return order_view(_stored(existing, await sql.order_cost_lines(tx, order_id)))
    result = await figures(tx, order_id)
    await sql.insert_order_cost(
        tx, order_id=order_id, ordered_at=result.ordered_at, channel_id=result.channel_id,
        channel_name=result.channel_name, revenue=exact_text(result.total("revenue")),
        cogs=exact_text(result.total("cogs")),
        fees=exact_text(result.total("fees")), shipping=exact_text(result.total("shipping")),
        detail_json=json.dumps({"missing": list(result.missing)}))
    for line in result.lines:
        await sql.insert_order_cost_line(
            tx, order_id=order_id, product_id=line.product_id, sku=line.sku, name=line.name, kind=line.kind,
            quantity=line.quantity, revenue=exact_text(line.revenue), cogs=exact_text(line.cogs),
            fees=exact_text(line.fees),
            shipping=exact_text(line.shipping))
    await tx.record("order", order_id, "costs_snapshotted", cogs=exact_text(result.total("cogs")),
                    fees=exact_text(result.total("fees")), channel=result.channel_name)
    return order_view(OrderFigures(**{**result.__dict__, "snapshotted": True}))


def _money(values: dict[str, Decimal]) -> dict[str, Any]:
    return {**{name: shown_text(value) for name, value in values.items()},
            "margin_percent": percent_text(values["profit"], values["revenue"]),
            "exact": {name: exact_text(value) for name, value in values.items()}}


def order_view(result: OrderFigures) -> dict[str, Any]:
    totals = {name: result.total(name) for name in ("revenue", "cogs", "fees", "shipping")}
    totals["profit"] = totals["revenue"] - totals["cogs"] - totals["fees"] - totals["shipping"]
    return {
        "order_id": result.order_id, "ordered_at": result.ordered_at, "channel": result.channel_name,
        "channel_id": result.channel_id, "snapshotted": result.snapshotted, "missing": list(result.missing),
        **_money(totals),
        "lines": [{"product_id": line.product_id, "sku": line.sku, "name": line.name, "kind": line.kind,
                   "quantity": line.quantity,
                   **_money({"revenue": line.revenue, "cogs": line.cogs, "fees": line.fees,
                             "shipping": line.shipping, "profit": line.profit})} for line in result.lines],
    }


async def order_costs(store: Store, order_id: int) -> dict[str, Any]:
    """The order's kept costs (or today's, when it has none) and what its consumables really cost."""
    async with store.read() as db:
        view = order_view(await stored_or_current(db, order_id))
        draws = await sql.order_draws(db, order_id)
    view["consumables_used"] = [{"sku": row["sku"], "layer_id": row["layer_id"], "quantity": row["quantity"],
                                 "cost": row["cost"], "job_id": row["job_id"]} for row in draws]
    return view


async def take_snapshot(store: Store, actor: str, order_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        return await snapshot_for_order(tx, order_id)
