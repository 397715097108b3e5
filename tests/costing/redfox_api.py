"""Builds the Red Fox catalog (red-fox.md) through the HTTP API only: purchases, models, products, set."""

from __future__ import annotations

import io
from typing import Any

import aiohttp

from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.core.conftest import Api
from tests.costing.conftest import FOX_PARTS, FOX_SET

COLOURS = {"Orange": "#F26B1D", "Brown 1": "#6B3E26", "Brown 2": "#8B5A3C", "Beige": "#E8D5B0",
           "White": "#FFFFFF", "Oak": "#B5835A"}

ETSY = {"name": "Etsy UK", "platform": "etsy", "transaction_fee_percent": "6.5", "payment_fee_percent": "4",
        "payment_fee_fixed": "0.20", "listing_fee": "0.16", "vat_on_fees_percent": "20"}
DIRECT = {"name": "Direct", "kind": "direct", "platform": "direct"}


async def ok(api: Api, method: str, path: str, expect: int = 200, role: str = "admin", **kw: Any) -> Any:
    status, body = await api.call(method, path, role=role, **kw)
    assert status == expect, (method, path, status, body)
    return body


async def upload(api: Api, sku: str, filaments: list[tuple[str, str, int]], seconds: int) -> dict[str, Any]:
    needs = [FilamentNeed(material="PLA", colour=COLOURS[colour], grams=grams) for _, colour, grams in filaments]
    text = synth.prusa_gcode(filaments=needs, print_time_s=seconds, segments=20)
    form = aiohttp.FormData()
    form.add_field("file", io.BytesIO(text.encode()), filename=f"{sku}.gcode", content_type="text/plain")
    form.add_field("name", sku)
    return await ok(api, "POST", "/api/models", 201, data=form)


async def magnets(api: Api) -> dict[str, int]:
    """MAG-3X1 as a 100-pack for £5.00 and MAG-6X2 as a 50-pack for £4.00, bought through the API."""
    ids = {}
    for sku, name, size, price in (("MAG-3X1", "Magnet 3mm x 1mm", 100, "5.00"),
                                   ("MAG-6X2", "Magnet 6mm x 2mm", 50, "4.00")):
        created = await ok(api, "POST", "/api/consumables", 201, role="operator",
                           json={"sku": sku, "name": name, "unit_cost": "0"})
        await ok(api, "POST", f"/api/consumables/{created['id']}/purchases", 201, role="operator",
                 json={"quantity": 1, "unit": "pack", "pack_size": size, "total_cost": price,
                       "supplier": "MagnetCo", "reference": f"INV-{sku}", "purchased_on": "2026-11-01"})
        ids[sku] = created["id"]
    return ids


async def build(api: Api) -> dict[str, int]:
    """Every Red Fox part as a product and FOX-SET-001 as a real set; returns product ids by SKU."""
    await ok(api, "PUT", "/api/settings/costs", json={"material_cost_per_gram": {"PLA": "0.03"}})
    magnet_ids = await magnets(api)
    products = {}
    for sku, (name, filaments, consumables, seconds) in FOX_PARTS.items():
        model = await upload(api, sku, filaments, seconds)
        product = await ok(api, "POST", "/api/products", 201, role="operator", json={
            "sku": sku, "name": name, "sale_price": "6.50", "components": [{"model_id": model["id"], "quantity": 1}],
            "consumables": [{"consumable_id": magnet_ids[c], "quantity": q} for c, q, _ in consumables]})
        products[sku] = product["id"]
    fox_set = await ok(api, "POST", "/api/sets", 201, role="operator", json={
        "sku": "FOX-SET-001", "name": "Red Fox Complete Set", "category": "sets", "sale_price": "54.99",
        "description": "Fox, walnuts, snowy tree, hazelnuts and acorns",
        "items": [{"product_id": products[sku], "quantity": q} for sku, q in FOX_SET.items()]})
    products["FOX-SET-001"] = fox_set["id"]
    return products
