"""Orders for product sets through the API: a set is sold, fulfilled and invoiced as one unit at its
set price, made from its parts (finished stock first, the shortfall printed), and costed at the true
COGS kept when the order was made.

The shop's set: 2 x WID-1 (one copy of the widget model) + 1 x BOX-1 (two copies of the same model
and four magnets), so both parts print on one model and a set needs 4 copies and 4 magnets.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pypdf

from tests.orders.conftest import Shop

SET_PRICE = "30.00"


async def _set(shop: Shop, **extra: Any) -> dict[str, Any]:
    return await shop.call("POST", "/api/sets", 201, json={
        "sku": "KIT-1", "name": "Widget kit", "sale_price": SET_PRICE,
        "items": [{"product_id": shop.widget["id"], "quantity": 2},
                  {"product_id": shop.magnet_box["id"], "quantity": 1}], **extra})


async def _available(shop: Shop, product_id: int) -> int:
    stock = await shop.call("GET", f"/api/products/{product_id}/stock")
    return sum(level["available"] for level in stock["locations"].values())


async def _magnets(shop: Shop) -> int:
    return int((await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"])


async def test_a_set_prints_its_parts_and_is_fulfilled_shipped_and_invoiced_as_one(shop: Shop):
    await shop.call("PUT", "/api/settings/costs", json={
        "material_cost_per_gram": {"PLA": "0.02"}, "labour_rate_per_hour": "12", "overhead_percent": "10"})
    kit = await _set(shop, labour_hours="0.5")
    order = await shop.order([(kit["id"], 2)], reference="KIT-ORDER")

    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert scheduled["status"] == "in_progress"
    assert sum(job["units"] for job in scheduled["jobs"]) == 2 * (2 * 1 + 1 * 2)  # 8 copies for two sets
    assert await _magnets(shop) == 100 - 2 * 4
    again = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert len(again["jobs"]) == len(scheduled["jobs"]) and await _magnets(shop) == 92

    await shop.finish_jobs(scheduled, 4)  # one set's worth of copies
    half = await shop.call("GET", f"/api/orders/{order['id']}")
    assert half["status"] == "partial" and half["lines"][0]["units"] == {"allocated": 1, "pending": 1}
    await shop.finish_jobs(half)
    done = await shop.call("GET", f"/api/orders/{order['id']}")
    assert done["status"] == "fulfilled" and done["fulfilment"] == "ready to ship"
    (line,) = done["lines"]
    assert (line["sku"], line["quantity"], line["unit_price"], line["line_total"]) == ("KIT-1", 2, SET_PRICE, "60.00")
    assert await _available(shop, kit["id"]) == 0  # both made sets went to the order
    assert await _available(shop, shop.widget["id"]) == 0  # parts never turn up as loose stock

    # True COGS: per set, parts 2 x (10 g x £0.02) + (20 g x £0.02 + 4 x £0.10) = £1.20 and 0.5 h x £12
    # labour, each with 10 % overhead; the breakdown the costing API gives is the order's COGS.
    cogs_api = await shop.call("GET", f"/api/products/{kit['id']}/cogs")
    per_set = (Decimal("1.20") + Decimal("0.5") * 12) * Decimal("1.1")
    assert Decimal(cogs_api["breakdown"]["exact"]["total"]) == per_set == Decimal("7.92")
    pnl = done["pnl"]
    assert Decimal(pnl["exact"]["cogs"]) == 2 * per_set
    assert Decimal(pnl["exact"]["revenue"]) == Decimal("60.00")
    assert Decimal(pnl["exact"]["profit"]) == Decimal("60.00") - 2 * per_set and pnl["costs_kept"]
    costs = await shop.call("GET", f"/api/orders/{order['id']}/costs")
    assert costs["snapshotted"] and sum(Decimal(d["cost"]) for d in costs["consumables_used"]) == Decimal("0.80")

    shipped = await shop.call("POST", f"/api/orders/{order['id']}/ship",
                              json={"carrier": "Royal Mail", "tracking_number": "RM1"})
    assert shipped["status"] == "shipped"
    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    assert status == 200
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Widget kit" in text and "KIT-1" in text and "£30.00" in text and "£60.00" in text
    assert "WID-1" not in text


async def test_a_set_partly_in_finished_stock_prints_only_the_shortfall(shop: Shop):
    kit = await _set(shop)
    await shop.stock(shop.widget["id"], 3)
    order = await shop.order([(kit["id"], 2)])
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    # two sets need 4 widgets (3 on the shelf, 1 printed) and 2 boxes (printed: 4 copies, 8 magnets)
    assert sum(job["units"] for job in scheduled["jobs"]) == 1 + 2 * 2
    assert await _available(shop, shop.widget["id"]) == 0
    assert await _magnets(shop) == 100 - 8

    await shop.finish_jobs(scheduled, 2)  # the first set's box: its widgets come from the shelf
    first = await shop.call("GET", f"/api/orders/{order['id']}")
    assert first["lines"][0]["units"] == {"allocated": 1, "pending": 1}
    await shop.finish_jobs(first)
    assert (await shop.call("GET", f"/api/orders/{order['id']}"))["status"] == "fulfilled"


async def test_cancelling_a_set_order_gives_back_its_shelf_parts_and_magnets(shop: Shop):
    kit = await _set(shop)
    await shop.stock(shop.widget["id"], 3)
    order = await shop.order([(kit["id"], 2)])
    await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert await _available(shop, shop.widget["id"]) == 0
    cancelled = await shop.call("POST", f"/api/orders/{order['id']}/cancel")
    assert cancelled["status"] == "cancelled"
    assert await _available(shop, shop.widget["id"]) == 3
    assert await _magnets(shop) == 100


async def test_removing_a_set_order_gives_back_its_shelf_parts_and_magnets(shop: Shop):
    kit = await _set(shop)
    await shop.stock(shop.widget["id"], 3)
    order = await shop.order([(kit["id"], 1)])
    await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert (await _available(shop, shop.widget["id"]), await _magnets(shop)) == (1, 96)
    await shop.call("DELETE", f"/api/orders/{order['id']}", json={"confirm": order["reference"]})
    assert (await _available(shop, shop.widget["id"]), await _magnets(shop)) == (3, 100)


async def test_cancelling_one_set_of_two_keeps_what_the_other_needs(shop: Shop):
    kit = await _set(shop)
    await shop.stock(shop.widget["id"], 3)
    order = await shop.order([(kit["id"], 2)])
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    line_id = scheduled["lines"][0]["id"]
    after = await shop.call("POST", f"/api/orders/{order['id']}/cancel-lines",
                            json={"lines": [{"line_id": line_id, "quantity": 1}]})
    assert after["lines"][0]["active_quantity"] == 1
    # one set keeps 2 shelf widgets and one printed box (4 magnets); the third widget and 4 magnets return
    assert await _available(shop, shop.widget["id"]) == 1
    assert await _magnets(shop) == 100 - 4
    await shop.finish_jobs(after, 2)
    assert (await shop.call("GET", f"/api/orders/{order['id']}"))["status"] == "fulfilled"


async def test_a_set_whose_parts_are_all_on_the_shelf_is_assembled_without_printing(shop: Shop):
    kit = await _set(shop)
    await shop.stock(shop.widget["id"], 2)
    await shop.stock(shop.magnet_box["id"], 1)
    order = await shop.order([(kit["id"], 1)])
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert scheduled["jobs"] == [] and scheduled["status"] == "fulfilled"
    assert await _magnets(shop) == 100  # the shelf box already holds its magnets
    assert (await _available(shop, shop.widget["id"]), await _available(shop, shop.magnet_box["id"])) == (0, 0)


async def test_assembled_sets_in_stock_are_allocated_like_any_product(shop: Shop):
    kit = await _set(shop)
    await shop.stock(kit["id"], 1)
    order = await shop.order([(kit["id"], 1)])
    allocated = await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    assert allocated["status"] == "fulfilled" and allocated["jobs"] == []


async def test_a_set_of_sets_expands_to_products(shop: Shop):
    kit = await _set(shop)
    crate = await shop.call("POST", "/api/sets", 201, json={
        "sku": "CRATE-1", "name": "Crate of kits", "sale_price": "80.00",
        "items": [{"product_id": kit["id"], "quantity": 2}, {"product_id": shop.widget["id"], "quantity": 1}]})
    order = await shop.order([(crate["id"], 1)])
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert sum(job["units"] for job in scheduled["jobs"]) == 2 * 4 + 1
    await shop.finish_jobs(scheduled)
    assert (await shop.call("GET", f"/api/orders/{order['id']}"))["status"] == "fulfilled"


async def test_imported_orders_keep_their_costs(shop: Shop):
    await shop.call("PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.02"})
    text = "order_reference,customer_name,sku,quantity,unit_price,platform,shipping\nW-7,Shop Ltd,WID-1,2,,direct,\n"
    status, result = await shop.api.call("POST", "/api/orders/import", data=text.encode(),
                                         headers={"Content-Type": "text/csv"})
    assert status == 201, result
    order_id = result["created"][0]["id"]
    await shop.call("PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.05"})
    costs = await shop.call("GET", f"/api/orders/{order_id}/costs")
    assert costs["snapshotted"] and Decimal(costs["exact"]["cogs"]) == 2 * 10 * Decimal("0.02")
    order = await shop.call("GET", f"/api/orders/{order_id}")
    assert Decimal(order["pnl"]["exact"]["cogs"]) == Decimal("0.40") and order["pnl"]["costs_kept"]
