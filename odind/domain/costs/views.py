"""JSON views of cost breakdowns and channel quotes: shown figures up front, exact ones under `exact`."""

from __future__ import annotations

from typing import Any

from odind.costing.breakdown import CostBreakdown
from odind.costing.cogs import SECONDS_PER_HOUR
from odind.costing.precision import carried
from odind.costing.pricing import ChannelComparison, Quote, TargetPrice
from odind.domain.costs.numbers import exact, margin, shown


def breakdown_view(breakdown: CostBreakdown) -> dict[str, Any]:
    lines = breakdown.lines()
    return {
        "lines": {name: shown(amount) for name, amount in lines.items()},
        "subtotal": shown(breakdown.subtotal),
        "total": shown(breakdown.total),
        "exact": {**{name: exact(amount) for name, amount in lines.items()},
                  "subtotal": exact(breakdown.subtotal), "total": exact(breakdown.total)},
        "grams": exact(breakdown.grams),
        "print_hours": exact(carried(breakdown.print_seconds / SECONDS_PER_HOUR)),
        "labour_hours": exact(breakdown.labour_hours),
        "filaments": [{"material": line.material, "colour": line.colour, "cost_per_gram": exact(line.cost_per_gram),
                       "model_grams": exact(line.model_grams), "purge_grams": exact(line.purge_grams),
                       "prime_tower_grams": exact(line.prime_tower_grams), "grams": exact(line.grams),
                       "cost": exact(line.cost)} for line in breakdown.filaments],
        "consumables": [{"sku": line.sku, "unit_cost": exact(line.unit_cost), "quantity": exact(line.quantity),
                         "cost": exact(line.cost)} for line in breakdown.consumable_lines],
    }


def quote_view(quote: Quote) -> dict[str, Any]:
    fees = quote.fees
    parts = {"transaction": fees.transaction, "payment": fees.payment, "listing": fees.listing,
             "subscription": fees.subscription, "vat": fees.vat}
    return {
        "channel": quote.channel, "price": shown(quote.price), "cogs": shown(quote.cogs),
        "fees": shown(fees.total), "fee_lines": {name: shown(amount) for name, amount in parts.items()},
        "shipping": shown(quote.shipping), "profit": shown(quote.profit),
        "margin_percent": margin(quote.profit, quote.price),
        "exact": {"price": exact(quote.price), "cogs": exact(quote.cogs), "fees": exact(fees.total),
                  "fee_lines": {name: exact(amount) for name, amount in parts.items()},
                  "shipping": exact(quote.shipping), "profit": exact(quote.profit),
                  "margin_percent": None if quote.margin_percent is None else exact(quote.margin_percent)},
    }


def target_view(target: TargetPrice) -> dict[str, Any]:
    """`price` is rounded UP to the penny so the margin reached is never below the target."""
    return {"target_margin_percent": exact(target.target_margin_percent), "price": format(target.price, "f"),
            "exact_price": exact(target.exact), "quote": quote_view(target.quote)}


def comparison_view(row: ChannelComparison) -> dict[str, Any]:
    return {"channel": row.channel, "break_even_price": format(row.break_even_price, "f"),
            "exact_break_even": exact(row.break_even),
            "at_price": None if row.at_price is None else quote_view(row.at_price),
            "for_target": None if row.for_target is None else target_view(row.for_target)}

