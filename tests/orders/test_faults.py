"""Bad input and faults: every refusal is a clear 4xx that changes nothing, and a crash mid-way
leaves no trace."""

from __future__ import annotations

import asyncio

import pytest

from odind.domain.sales import allocation
from tests.orders.conftest import Shop


async def _ledger(shop: Shop) -> list[tuple]:
    async with shop.api.store.read() as db:
        rows = await db.all("SELECT item_kind, item_id, location, quantity, reason FROM stock_movements ORDER BY id")
        units = await db.all("SELECT id, status, location FROM line_items ORDER BY id")
    return [tuple(r.values()) for r in rows] + [tuple(u.values()) for u in units]


async def test_two_allocations_of_the_last_unit_one_wins(shop: Shop):
    await shop.stock(shop.widget["id"], 1)
    first = await shop.order([(shop.widget["id"], 1)])
    second = await shop.order([(shop.widget["id"], 1)])
    results = await asyncio.gather(*(shop.call("POST", f"/api/orders/{o['id']}/allocate", json={})
                                     for o in (first, second)))
    units = sorted(tuple(r["lines"][0]["units"]) for r in results)
    assert units == [("allocated",), ("backordered",)]
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 1, "allocated": 1, "available": 0}


async def test_allocating_more_than_on_hand_at_a_chosen_location_is_refused(shop: Shop):
    await shop.stock(shop.widget["id"], 2, "shelf")
    order = await shop.order([(shop.widget["id"], 3)])
    line = order["lines"][0]["id"]
    before = await _ledger(shop)
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/allocate",
                                       json={"lines": [{"line_id": line, "quantity": 3, "location": "shelf"}]})
    assert status == 409 and body["error"]["code"] == "insufficient_stock" and body["error"]["available"] == 2
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/allocate",
                                       json={"lines": [{"line_id": line, "quantity": 4}]})
    assert status == 422 and body["error"]["field"] == "lines[0].quantity"
    assert await _ledger(shop) == before


async def test_crash_mid_allocation_leaves_nothing_half_done(shop: Shop, monkeypatch: pytest.MonkeyPatch):
    await shop.stock(shop.widget["id"], 5)
    order = await shop.order([(shop.widget["id"], 2), (shop.widget["id"], 2)])
    before = await _ledger(shop)
    real_take = allocation.take
    calls = 0

    async def crashing_take(*args, **kw):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("power cut")
        return await real_take(*args, **kw)

    monkeypatch.setattr(allocation, "take", crashing_take)
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    assert status == 500 and body["error"]["code"] == "internal" and calls == 2
    assert await _ledger(shop) == before
    monkeypatch.setattr(allocation, "take", real_take)
    done = await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    assert [line["units"] for line in done["lines"]] == [{"allocated": 2}, {"allocated": 2}]


async def test_shipping_more_than_allocated_is_refused(shop: Shop):
    await shop.stock(shop.widget["id"], 1)
    order = await shop.order([(shop.widget["id"], 3)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    before = await _ledger(shop)
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/shipments", json={
        "carrier": "DHL", "lines": [{"line_id": order["lines"][0]["id"], "quantity": 2}]})
    assert status == 409 and body["error"]["ready"] == 1 and body["error"]["field"] == "lines[0].quantity"
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/ship",
                                       json={"carrier": "DHL", "tracking_number": "1"})
    assert status == 409 and body["error"]["code"] == "illegal_transition"
    assert await _ledger(shop) == before


async def test_receiving_more_than_ordered_is_refused(shop: Shop):
    po = await shop.call("POST", "/api/purchase-orders", 201, json={"supplier": "S", "lines": [
        {"item_kind": "product", "item_id": shop.widget["id"], "quantity": 2, "unit_cost": "1.00"}]})
    line = po["lines"][0]["id"]
    await shop.call("POST", f"/api/purchase-orders/{po['id']}/receive", json={"lines": [{"line_id": line,
                                                                                          "quantity": 1}]})
    status, body = await shop.api.call("POST", f"/api/purchase-orders/{po['id']}/receive",
                                       json={"lines": [{"line_id": line, "quantity": 2}]})
    assert status == 422 and body["error"]["outstanding"] == 1
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"]["on_hand"] == 1


async def test_returning_more_than_shipped_is_refused(shop: Shop):
    await shop.stock(shop.widget["id"], 2)
    order = await shop.order([(shop.widget["id"], 2)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    await shop.call("POST", f"/api/orders/{order['id']}/shipments", 201,
                    json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}]})
    line = order["lines"][0]["id"]
    status, body = await shop.api.call("POST", "/api/returns", json={"order_id": order["id"],
                                                                     "lines": [{"line_id": line, "quantity": 2}]})
    assert status == 409 and body["error"]["returnable"] == 1
    await shop.call("POST", "/api/returns", 201, json={"order_id": order["id"],
                                                       "lines": [{"line_id": line, "quantity": 1}]})
    status, body = await shop.api.call("POST", "/api/returns", json={"order_id": order["id"],
                                                                     "lines": [{"line_id": line, "quantity": 1}]})
    assert status == 409 and body["error"]["returnable"] == 0  # already expected on the first return


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/orders", {"customer_name": "x", "lines": [{"product_id": 1, "quantity": 1, "unit_price": "-1"}]},
     "lines.0.unit_price"),
    ("/api/orders", {"customer_name": "x", "shipping_charged": "-0.01", "lines": [{"product_id": 1, "quantity": 1}]},
     "shipping_charged"),
    ("/api/orders", {"customer_name": "x", "lines": [{"product_id": 1, "quantity": 1, "unit_price": "2",
                                                      "unit_discount": "3"}]}, "lines.0"),
    ("/api/orders", {"customer_name": "x", "order_discount": "99", "lines": [{"product_id": 1, "quantity": 1}]},
     "order_discount"),
    ("/api/orders/1/payments", {"amount": "-5", "method": "cash"}, "amount"),
    ("/api/orders/1/payments", {"amount": "0", "method": "cash"}, "amount"),
    ("/api/orders/1/refunds", {"amount": "5", "method": "cash"}, "amount"),
    ("/api/purchase-orders", {"supplier": "S", "lines": [{"item_kind": "product", "item_id": 1, "quantity": 1,
                                                          "unit_cost": "-2"}]}, "lines.0.unit_cost"),
])
async def test_negative_or_impossible_money_is_refused(shop: Shop, path, body, field):
    await shop.order([(shop.widget["id"], 1)])
    before = await _ledger(shop)
    status, payload = await shop.api.call("POST", path, json=body)
    assert status == 422, payload
    assert payload["error"]["field"] == field
    assert await _ledger(shop) == before


async def test_illegal_transitions_list_the_allowed_ones(shop: Shop):
    order = await shop.order([(shop.widget["id"], 1)])
    await shop.call("POST", f"/api/orders/{order['id']}/cancel")
    for action in ("confirm", "hold", "release", "unallocate", "schedule", "cancel"):
        status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/{action}")
        assert status == 409 and body["error"]["code"] == "illegal_transition", action
        assert body["error"]["allowed"] == [], action
    await shop.stock(shop.widget["id"], 1)
    live = await shop.order([(shop.widget["id"], 1)])
    await shop.call("POST", f"/api/orders/{live['id']}/allocate", json={})
    shipment = await shop.call("POST", f"/api/orders/{live['id']}/shipments", 201, json={})
    await shop.call("POST", f"/api/shipments/{shipment['id']}/status", json={"action": "deliver"})
    status, body = await shop.api.call("POST", f"/api/shipments/{shipment['id']}/status", json={"action": "cancel"})
    assert status == 409 and body["error"]["allowed"] == []


async def test_cancelling_a_shipment_puts_its_stock_back(shop: Shop):
    await shop.stock(shop.widget["id"], 2)
    order = await shop.order([(shop.widget["id"], 2)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    shipment = await shop.call("POST", f"/api/orders/{order['id']}/ship", json={"carrier": "DHL",
                                                                                "tracking_number": "X"})
    assert shipment["status"] == "shipped"
    parcel = shipment["shipments"][0]["id"]
    await shop.call("POST", f"/api/shipments/{parcel}/status", json={"action": "cancel"})
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["status"] == "fulfilled" and order["fulfilment"] == "ready to ship"
    assert order["lines"][0]["units"] == {"packed": 2}
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 2, "allocated": 2, "available": 0}


async def test_writing_off_allocated_stock_is_refused(shop: Shop):
    await shop.stock(shop.widget["id"], 2)
    order = await shop.order([(shop.widget["id"], 2)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    status, body = await shop.api.call("POST", f"/api/products/{shop.widget['id']}/stock",
                                       json={"quantity": -1, "reason": "damage"})
    assert status == 409 and body["error"]["code"] == "insufficient_stock"


async def test_transfers_move_only_free_stock_between_locations(shop: Shop):
    await shop.stock(shop.widget["id"], 3)
    order = await shop.order([(shop.widget["id"], 2)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    too_many = await shop.call("POST", "/api/transfers", 201, json={
        "from_location": "main", "to_location": "market-stall", "lines": [{"product_id": shop.widget["id"],
                                                                          "quantity": 2}]})
    status, body = await shop.api.call("POST", f"/api/transfers/{too_many['id']}/ship")
    assert status == 409 and body["error"]["code"] == "insufficient_stock"
    await shop.call("POST", f"/api/transfers/{too_many['id']}/cancel")

    waiting = await shop.order([(shop.widget["id"], 1)])
    transfer = await shop.call("POST", "/api/transfers", 201, json={
        "from_location": "main", "to_location": "market-stall", "lines": [{"product_id": shop.widget["id"],
                                                                          "quantity": 1}]})
    moving = await shop.call("POST", f"/api/transfers/{transfer['id']}/ship")
    assert moving["status"] == "in_transit"
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 2, "allocated": 2, "available": 0}
    waiting = await shop.call("POST", f"/api/orders/{waiting['id']}/allocate", json={})
    assert waiting["lines"][0]["units"] == {"backordered": 1}
    arrived = await shop.call("POST", f"/api/transfers/{transfer['id']}/receive")
    assert arrived["status"] == "received"
    waiting = await shop.call("GET", f"/api/orders/{waiting['id']}")
    assert waiting["lines"][0]["units"] == {"allocated": 1} and waiting["lines"][0]["locations"] == {"market-stall": 1}
    status, body = await shop.api.call("POST", "/api/transfers", json={
        "from_location": "a", "to_location": "a", "lines": [{"product_id": shop.widget["id"], "quantity": 1}]})
    assert status == 422 and body["error"]["field"] == "to_location"


async def test_viewer_cannot_change_orders(shop: Shop):
    order = await shop.order([(shop.widget["id"], 1)])
    for path in (f"/api/orders/{order['id']}/allocate", f"/api/orders/{order['id']}/hold", "/api/returns",
                 "/api/purchase-orders", "/api/transfers", f"/api/orders/{order['id']}/payments"):
        status, _ = await shop.api.call("POST", path, role="viewer", json={})
        assert status == 403, path


async def test_an_order_on_hold_neither_ships_nor_picks(shop: Shop):
    await shop.stock(shop.widget["id"], 1)
    order = await shop.order([(shop.widget["id"], 1)])
    await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    await shop.call("POST", f"/api/orders/{order['id']}/hold")
    for path in ("shipments", "pick", "allocate"):
        status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/{path}", json={})
        assert status == 409 and body["error"]["allowed"] == ["release"], path
    waiting = await shop.order([(shop.widget["id"], 1)])
    await shop.call("POST", f"/api/orders/{waiting['id']}/hold")
    status, body = await shop.api.call("POST", f"/api/orders/{waiting['id']}/schedule")
    assert status == 409 and body["error"]["allowed"] == ["release"]
    released = await shop.call("POST", f"/api/orders/{order['id']}/release")
    assert released["state"] == "processing" and released["fulfilment"] == "ready to ship"


async def test_an_edit_is_held_to_the_same_unit_cap_as_a_new_order(shop: Shop):
    """The fuzzer edited an order up to 500 lines of a million units each: half a billion unit rows, and a
    500 when they were scheduled. An edit names the field and changes nothing, as creation does."""
    order = await shop.order([(shop.widget["id"], 2)])
    before = await _ledger(shop)
    for lines in ([{"product_id": shop.widget["id"], "quantity": 10_001}],
                  [{"product_id": shop.widget["id"], "quantity": 6_000}] * 2):
        status, body = await shop.api.call("PUT", f"/api/orders/{order['id']}",
                                           json={"customer_name": "Esther", "lines": lines})
        assert status == 422 and body["error"]["field"] == "lines", body
        assert "at most 10000 units" in body["error"]["message"]
    assert await _ledger(shop) == before
    status, body = await shop.api.call("POST", "/api/orders", json={
        "customer_name": "Esther", "lines": [{"product_id": shop.widget["id"], "quantity": 10_001}]})
    assert status == 422 and body["error"]["field"] == "lines"
