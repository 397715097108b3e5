"""Cost settings, sales channels, and what a product or set earns on each channel.

A channel row keeps the channel's terms as the costing core's SalesChannel (validated on the way in)
plus the order platform it stands for, so an order from Etsy is costed with the Etsy channel's fees.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import Field

from odind.costing.pricing import (
    SalesChannel,
    break_even_price,
    compare_channels,
    price_for_margin,
    quote,
    round_up_to_penny,
)
from odind.costing.settings import CostSettings
from odind.domain.costs import history, loader
from odind.domain.costs.views import breakdown_view, comparison_view, quote_view, target_view
from odind.domain.types import Name
from odind.errors import Conflict, Invalid, NotFound
from odind.money import exact_text, shown_text
from odind.store import costs as sql
from odind.store.db import Db, Store


class ChannelIn(SalesChannel):
    """A channel's terms, and the order platform (etsy, amazon, direct, ...) whose orders it prices."""

    platform: Name | None = Field(default=None, max_length=40)

    def terms(self) -> SalesChannel:
        return SalesChannel.model_validate(self.model_dump(exclude={"platform"}))


def channel_of(row: dict[str, Any]) -> SalesChannel:
    return SalesChannel.model_validate({**json.loads(row["terms_json"]), "name": row["name"]})


def channel_view(row: dict[str, Any]) -> dict[str, Any]:
    terms = json.loads(row["terms_json"])
    return {"id": row["id"], "name": row["name"], "platform": row["platform"], **terms,
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


async def get_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        return (await loader.load_settings(db)).model_dump(mode="json")


async def put_settings(store: Store, actor: str, settings: CostSettings) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await loader.save_settings(tx, settings)
        await tx.record("cost_settings", None, "changed", **settings.model_dump(mode="json"))
        await history.record_cost_changes(tx, "cost settings changed")
        return (await loader.load_settings(tx)).model_dump(mode="json")


def _terms_json(data: ChannelIn) -> str:
    return json.dumps(data.terms().model_dump(mode="json", exclude={"name"}), sort_keys=True)


async def create_channel(store: Store, actor: str, data: ChannelIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        if await sql.channel_by_name(tx, data.name) is not None:
            raise Conflict(f"a channel named {data.name!r} already exists", field="name")
        channel_id = await sql.insert_channel(tx, name=data.name, platform=data.platform, terms_json=_terms_json(data))
        await tx.record("channel", channel_id, "created", name=data.name, platform=data.platform)
        row = await sql.get_channel(tx, channel_id)
    assert row is not None
    return channel_view(row)


async def update_channel(store: Store, actor: str, channel_id: int, data: ChannelIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        clash = await sql.channel_by_name(tx, data.name)
        if clash is not None and clash["id"] != channel_id:
            raise Conflict(f"a channel named {data.name!r} already exists", field="name")
        if not await sql.update_channel(tx, channel_id, name=data.name, platform=data.platform,
                                        terms_json=_terms_json(data)):
            raise NotFound(f"channel {channel_id} does not exist", field="channel_id")
        await tx.record("channel", channel_id, "changed", name=data.name, platform=data.platform)
        row = await sql.get_channel(tx, channel_id)
    assert row is not None
    return channel_view(row)


async def delete_channel(store: Store, actor: str, channel_id: int) -> None:
    async with store.transaction(actor) as tx:
        if not await sql.delete_channel(tx, channel_id):
            raise NotFound(f"channel {channel_id} does not exist", field="channel_id")
        await tx.record("channel", channel_id, "deleted")


async def list_channels(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [channel_view(row) for row in await sql.list_channels(db)]


async def get_channel(store: Store, channel_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_channel(db, channel_id)
    if row is None:
        raise NotFound(f"channel {channel_id} does not exist", field="channel_id")
    return channel_view(row)


async def find_channel(db: Db, ref: str) -> dict[str, Any]:
    """A channel by id or by name (case-insensitive), as a query parameter may give it."""
    row = await sql.get_channel(db, int(ref)) if ref.isdigit() else await sql.channel_by_name(db, ref)
    if row is None:
        raise NotFound(f"no sales channel {ref!r}", field="channel")
    return row


async def cogs(store: Store, product_id: int, quantity: int = 1, labour_hours: Decimal | None = None) -> dict[str, Any]:
    async with store.read() as db:
        costing = await loader.load(db)
    row = costing.row(product_id)
    batch = loader.batch_of(costing, product_id, quantity, labour_hours)
    return {"product_id": product_id, "sku": row["sku"], "kind": row["kind"], "quantity": quantity,
            "batch_labour_hours": None if labour_hours is None else exact_text(labour_hours),
            "breakdown": breakdown_view(batch.breakdown),
            "per_unit": shown_text(batch.per_unit), "exact_per_unit": exact_text(batch.per_unit)}


async def _unit_cost(db: Db, product_id: int, quantity: int,
                     labour_hours: Decimal | None) -> tuple[dict[str, Any], Decimal]:
    costing = await loader.load(db)
    row = costing.row(product_id)
    return row, loader.batch_of(costing, product_id, quantity, labour_hours).per_unit


async def pricing(store: Store, product_id: int, channel_ref: str, *, price: Decimal | None,
                  target_margin: Decimal | None, quantity: int = 1,
                  labour_hours: Decimal | None = None) -> dict[str, Any]:
    """One product or set on one channel: break-even, the quote at `price`, the price for a margin.

    Without `price` the product's own sale price is quoted. COGS is per unit of a batch of `quantity`
    (with the batch's `labour_hours` when given), since batching changes what one unit costs.
    """
    async with store.read() as db:
        channel = channel_of(await find_channel(db, channel_ref))
        row, unit_cost = await _unit_cost(db, product_id, quantity, labour_hours)
    at = price if price is not None else Decimal(row["sale_price"])
    break_even = break_even_price(channel, unit_cost)
    result: dict[str, Any] = {
        "product_id": product_id, "sku": row["sku"], "channel": channel.name, "cogs": shown_text(unit_cost),
        "exact_cogs": exact_text(unit_cost), "break_even_price": format(round_up_to_penny(break_even), "f"),
        "exact_break_even": exact_text(break_even), "at_price": quote_view(quote(channel, at, unit_cost)),
        "for_target": None}
    if target_margin is not None:
        result["for_target"] = target_view(price_for_margin(channel, unit_cost, target_margin))
    return result


async def compare(store: Store, product_id: int, *, price: Decimal | None, target_margin: Decimal | None,
                  quantity: int = 1, labour_hours: Decimal | None = None) -> dict[str, Any]:
    """Every channel side by side for one product or set."""
    async with store.read() as db:
        rows = await sql.list_channels(db)
        row, unit_cost = await _unit_cost(db, product_id, quantity, labour_hours)
    if not rows:
        raise Invalid("no sales channels are set up yet: add one with POST /api/channels", field="channel")
    at = price if price is not None else Decimal(row["sale_price"])
    comparison = compare_channels([channel_of(r) for r in rows], unit_cost, price=at,
                                  target_margin_percent=target_margin)
    return {"product_id": product_id, "sku": row["sku"], "cogs": shown_text(unit_cost),
            "exact_cogs": exact_text(unit_cost), "price": exact_text(at),
            "target_margin_percent": None if target_margin is None else exact_text(target_margin),
            "channels": [comparison_view(entry) for entry in comparison]}
