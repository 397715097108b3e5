"""JSON views of cost breakdowns and channel quotes: shown figures up front, exact ones under `exact`."""

from __future__ import annotations

from typing import Any

from odind.costing.breakdown import CostBreakdown
from odind.costing.cogs import SECONDS_PER_HOUR
from odind.costing.pricing import ChannelComparison, Quote, TargetPrice
from odind.money import carried, exact_text, percent_text, shown_text


def breakdown_view(breakdown: CostBreakdown) -> dict[str, Any]:
    lines = breakdown.lines()
    return {
        "lines": {name: shown_text(amount) for name, amount in lines.items()},
        "subtotal": shown_text(breakdown.subtotal),
        "total": shown_text(breakdown.total),
        "exact": {**{name: exact_text(amount) for name, amount in lines.items()},
                  "subtotal": exact_text(breakdown.subtotal), "total": exact_text(breakdown.total)},
        "grams": exact_text(breakdown.grams),
        "print_hours": exact_text(carried(breakdown.print_seconds / SECONDS_PER_HOUR)),
        "labour_hours": exact_text(breakdown.labour_hours),
        "filaments": [{"material": line.material, "colour": line.colour,
                       "cost_per_gram": exact_text(line.cost_per_gram),
                       "model_grams": exact_text(line.model_grams), "purge_grams": exact_text(line.purge_grams),
                       "prime_tower_grams": exact_text(line.prime_tower_grams), "grams": exact_text(line.grams),
                       "cost": exact_text(line.cost)} for line in breakdown.filaments],
        "consumables": [{"sku": line.sku, "unit_cost": exact_text(line.unit_cost),
                         "quantity": exact_text(line.quantity),
                         "cost": exact_text(line.cost)} for line in breakdown.consumable_lines],
    }


def quote_view(quote: Quote) -> dict[str, Any]:
    fees = quote.fees
    parts = {"transaction": fees.transaction, "payment": fees.payment, "listing": fees.listing,
             "subscription": fees.subscription, "vat": fees.vat}
    return {
        "channel": quote.channel, "price": shown_text(quote.price), "cogs": shown_text(quote.cogs),
        "fees": shown_text(fees.total), "fee_lines": {name: shown_text(amount) for name, amount in parts.items()},
        "shipping": shown_text(quote.shipping), "profit": shown_text(quote.profit),
        "margin_percent": percent_text(quote.profit, quote.price),
        "exact": {"price": exact_text(quote.price), "cogs": exact_text(quote.cogs), "fees": exact_text(fees.total),
                  "fee_lines": {name: exact_text(amount) for name, amount in parts.items()},
                  "shipping": exact_text(quote.shipping), "profit": exact_text(quote.profit),
                  "margin_percent": None if quote.margin_percent is None else exact_text(quote.margin_percent)},
    }


def target_view(target: TargetPrice) -> dict[str, Any]:
    """`price` is rounded UP to the penny so the margin reached is never below the target."""
    return {"target_margin_percent": exact_text(target.target_margin_percent), "price": format(target.price, "f"),
            "exact_price": exact_text(target.exact), "quote": quote_view(target.quote)}


def comparison_view(row: ChannelComparison) -> dict[str, Any]:
    return {"channel": row.channel, "break_even_price": format(row.break_even_price, "f"),
            "exact_break_even": exact_text(row.break_even),
            "at_price": None if row.at_price is None else quote_view(row.at_price),
            "for_target": None if row.for_target is None else target_view(row.for_target)}

