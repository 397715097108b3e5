"""Payment status as a shop reads it, and the prepay gate that keeps unpaid direct orders off the printers."""

from __future__ import annotations

from datetime import date, timedelta

from tests.orders.conftest import Shop


async def test_payment_status_moves_from_unpaid_through_partial_and_overdue_to_paid(shop: Shop):
    order = await shop.order([(shop.widget["id"], 2)], platform="direct")
    assert order["payment_status"] == "unpaid"
    total = order["totals"]["total"]

    part = await shop.call("POST", f"/api/orders/{order['id']}/payments", 201,
                           json={"amount": "1.00", "method": "cash"})
    assert part["payment_status"] == "partially paid"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    late = await shop.call("PUT", f"/api/orders/{order['id']}/payment-terms",
                           json={"payment_terms": "prepay", "payment_due_on": yesterday})
    assert late["payment_status"] == "overdue"
    rest = f"{float(total) - 1:.2f}"
    paid = await shop.call("POST", f"/api/orders/{order['id']}/payments", 201,
                           json={"amount": rest, "method": "card"})
    assert paid["payment_status"] == "paid" and paid["totals"]["balance"] == "0.00"


async def test_the_prepay_gate_holds_an_unpaid_direct_order_and_lets_it_print_once_paid(shop: Shop):
    assert await shop.call("GET", "/api/settings/payments") == {"prepay_before_printing": False}
    status, body = await shop.api.call("PUT", "/api/settings/payments", role="operator",
                                       json={"prepay_before_printing": True})
    assert status == 403
    await shop.call("PUT", "/api/settings/payments", json={"prepay_before_printing": True})

    order = await shop.order([(shop.widget["id"], 1)], platform="direct")
    status, body = await shop.api.call("POST", f"/api/orders/{order['id']}/schedule")
    assert status == 409 and body["error"]["field"] == "payment_status"
    assert "prepay" in body["error"]["message"] and body["error"]["balance"] == order["totals"]["total"]
    unchanged = await shop.call("GET", f"/api/orders/{order['id']}")
    assert unchanged["status"] == "pending" and unchanged["jobs"] == []

    await shop.call("POST", f"/api/orders/{order['id']}/payments", 201,
                    json={"amount": order["totals"]["total"], "method": "bank_transfer"})
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert scheduled["status"] == "in_progress" and len(scheduled["jobs"]) == 1


async def test_the_gate_lets_marketplace_and_purchase_order_orders_through(shop: Shop):
    await shop.call("PUT", "/api/settings/payments", json={"prepay_before_printing": True})
    etsy = await shop.order([(shop.widget["id"], 1)])  # Etsy took the buyer's money at checkout
    assert (await shop.call("POST", f"/api/orders/{etsy['id']}/schedule"))["status"] == "in_progress"

    wholesale = await shop.order([(shop.widget["id"], 1)], platform="wholesale")
    status, _ = await shop.api.call("POST", f"/api/orders/{wholesale['id']}/schedule")
    assert status == 409
    await shop.call("PUT", f"/api/orders/{wholesale['id']}/payment-terms",
                    json={"payment_terms": "po", "po_number": "PO-9"})
    assert (await shop.call("POST", f"/api/orders/{wholesale['id']}/schedule"))["status"] == "in_progress"

    await shop.call("PUT", "/api/settings/payments", json={"prepay_before_printing": False})
    direct = await shop.order([(shop.widget["id"], 1)], platform="direct")
    assert (await shop.call("POST", f"/api/orders/{direct['id']}/schedule"))["status"] == "in_progress"
