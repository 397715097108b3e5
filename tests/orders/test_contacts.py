"""Customers and suppliers as records: orders refer to them, keep their own copy of the address, and a
customer's history (orders, spend, profit, open balance) is read from the orders themselves."""

from __future__ import annotations

from tests.orders.conftest import Shop

ADA = {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0000",
       "shipping_address": ["12 St James's Square", "London SW1Y 4JH"], "payment_terms": "prepay"}


async def test_an_order_for_a_customer_copies_their_details_and_keeps_them_when_the_customer_moves(shop: Shop):
    ada = await shop.call("POST", "/api/customers", 201, json=ADA)
    assert ada["kind"] == "customer" and ada["shipping_address"] == ADA["shipping_address"]
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_id": ada["id"], "platform": "direct", "lines": [{"product_id": shop.widget["id"], "quantity": 2}]})
    assert (order["customer_id"], order["customer_name"], order["customer_email"]) == (ada["id"], "Ada Lovelace",
                                                                                      "ada@example.com")
    assert order["ship_to"] == ADA["shipping_address"]

    moved = await shop.call("PUT", f"/api/customers/{ada['id']}",
                            json={**ADA, "shipping_address": ["1 New Road", "Oxford"]})
    assert moved["shipping_address"] == ["1 New Road", "Oxford"]
    again = await shop.call("GET", f"/api/orders/{order['id']}")
    assert again["ship_to"] == ADA["shipping_address"]  # the order keeps where it was going

    await shop.call("POST", f"/api/orders/{order['id']}/payments", 201, json={"amount": "5.00", "method": "card"})
    history = (await shop.call("GET", f"/api/customers/{ada['id']}"))["history"]
    assert history["orders"] == 1 and history["spend"] == "5.00" and history["revenue"] == "20.00"
    assert history["open_balance"] == "15.00" and history["recent_orders"][0]["reference"] == order["reference"]
    listed = await shop.call("GET", f"/api/orders?customer_id={ada['id']}")
    assert [o["id"] for o in listed["items"]] == [order["id"]]


async def test_bad_customer_input_names_the_field(shop: Shop):
    for body, field in [({"name": ""}, "name"), ({"name": "Eve", "email": "not-an-address"}, "email"),
                        ({"name": "Eve\r\nBcc: all@example.com"}, "name"),
                        ({"name": "Eve", "phone": "call me"}, "phone"),
                        ({"name": "Eve", "shipping_address": ["x"] * 9}, "shipping_address")]:
        status, error = await shop.api.call("POST", "/api/customers", json=body)
        assert status == 422 and error["error"]["field"].startswith(field), (body, error)
    status, error = await shop.api.call("POST", "/api/orders", json={
        "customer_id": 999, "lines": [{"product_id": shop.widget["id"], "quantity": 1}]})
    assert status == 404 and error["error"]["field"] == "customer_id"
    status, error = await shop.api.call("POST", "/api/orders", json={
        "lines": [{"product_id": shop.widget["id"], "quantity": 1}]})
    assert status == 422 and "customer" in error["error"]["message"]
    supplier = await shop.call("POST", "/api/suppliers", 201, json={"name": "Magnets Ltd"})
    status, _ = await shop.api.call("GET", f"/api/customers/{supplier['id']}")
    assert status == 404


async def test_merging_a_duplicate_moves_its_orders_and_its_old_id_still_finds_the_customer(shop: Shop):
    ada = await shop.call("POST", "/api/customers", 201, json=ADA)
    twin = await shop.call("POST", "/api/customers", 201, json={"name": "A. Lovelace", "email": "ADA@example.com"})
    order = await shop.order([(shop.widget["id"], 1)], customer_id=twin["id"])
    wholesale = await shop.call("POST", "/api/customers", 201,
                                json={"name": "Shop Ltd", "default_platform": "wholesale"})
    usual = await shop.call("POST", "/api/orders", 201, json={
        "customer_id": wholesale["id"], "lines": [{"product_id": shop.widget["id"], "quantity": 1}]})
    assert usual["platform"] == "wholesale"  # the customer's usual channel, unless the order says otherwise
    returned = await shop.call("POST", "/api/returns", 201, json={
        "customer_id": twin["id"], "reason": "arrived broken",
        "lines": [{"product_id": shop.widget["id"], "quantity": 1}]})
    assert (returned["customer_id"], returned["customer_name"]) == (twin["id"], "A. Lovelace")
    kept = await shop.call("POST", f"/api/customers/{twin['id']}/merge", json={"into_id": ada["id"]})
    assert kept["id"] == ada["id"] and kept["moved"] == {"orders": 1, "purchase_orders": 0, "returns": 1}
    assert (await shop.call("GET", f"/api/orders/{order['id']}"))["customer_id"] == ada["id"]
    listed = await shop.call("GET", "/api/customers?q=lovelace")
    assert [c["id"] for c in listed["items"]] == [ada["id"]] and listed["total"] == 1

    later = await shop.order([(shop.widget["id"], 1)], customer_id=twin["id"])  # an old id in a script
    assert later["customer_id"] == ada["id"]
    status, error = await shop.api.call("POST", f"/api/customers/{ada['id']}/merge", json={"into_id": ada["id"]})
    assert status == 409
    status, error = await shop.api.call("POST", f"/api/customers/{twin['id']}/merge", json={"into_id": ada["id"]})
    assert status == 409 and error["error"]["merged_into"] == ada["id"]
    status, _ = await shop.api.call("PUT", f"/api/customers/{twin['id']}", json=ADA)
    assert status == 409
    status, _ = await shop.api.call("POST", "/api/customers", role="viewer", json=ADA)
    assert status == 403


async def test_an_import_finds_customers_by_email_then_name_and_adds_the_rest(shop: Shop):
    ada = await shop.call("POST", "/api/customers", 201, json=ADA)
    text = ("order_reference,customer_name,customer_email,sku,quantity,platform\n"
            "W-1,Ada L.,ada@EXAMPLE.com,WID-1,1,direct\n"
            "W-2,Percy Shelley,,WID-1,2,direct\n"
            "W-3,percy shelley,,WID-1,1,direct\n")
    status, result = await shop.api.call("POST", "/api/orders/import", data=text.encode(),
                                         headers={"Content-Type": "text/csv"})
    assert status == 201, result
    first, second, third = [await shop.call("GET", f"/api/orders/{o['id']}") for o in result["created"]]
    assert first["customer_id"] == ada["id"] and first["customer_name"] == "Ada L."
    assert second["customer_id"] == third["customer_id"] != ada["id"]
    percy = await shop.call("GET", f"/api/customers/{second['customer_id']}")
    assert percy["name"] == "Percy Shelley" and percy["history"]["orders"] == 2


async def test_a_purchase_order_for_a_supplier_shows_in_its_history(shop: Shop):
    supplier = await shop.call("POST", "/api/suppliers", 201,
                               json={"name": "Magnets Ltd", "email": "sales@magnets.example"})
    po = await shop.call("POST", "/api/purchase-orders", 201, json={
        "supplier_id": supplier["id"], "lines": [{"item_kind": "consumable", "item_id": shop.magnet["id"],
                                                  "quantity": 100, "unit_cost": "0.08"}]})
    assert po["supplier"] == "Magnets Ltd" and po["supplier_id"] == supplier["id"]
    history = (await shop.call("GET", f"/api/suppliers/{supplier['id']}"))["history"]
    assert [p["reference"] for p in history["purchase_orders"]] == [po["reference"]]
    status, error = await shop.api.call("POST", "/api/purchase-orders", json={
        "lines": [{"item_kind": "consumable", "item_id": shop.magnet["id"], "quantity": 1, "unit_cost": "0.08"}]})
    assert status == 422 and "supplier" in error["error"]["message"]
