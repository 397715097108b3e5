"""Payment reminders once per due date, and the staff told when stock arrives for a backorder."""

from __future__ import annotations

from datetime import date, timedelta

from odind.domain.sales import payments
from tests.messages.conftest import Shop


async def test_an_unpaid_order_past_its_due_date_is_reminded_once_per_due_date(shop: Shop):
    await shop.call("PUT", "/api/settings/messages", json={"templates": {"payment_reminder": {"enabled": True}}})
    unpaid = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada", "customer_email": "ada@example.com", "reference": "LATE-1", "platform": "direct",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    paid = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Bo", "customer_email": "bo@example.com", "reference": "PAID-1", "platform": "direct",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    await shop.call("POST", f"/api/orders/{paid['id']}/payments", 201,
                    json={"amount": paid["totals"]["total"], "method": "card"})
    last_week = (date.today() - timedelta(days=7)).isoformat()
    for order in (unpaid, paid):
        await shop.call("PUT", f"/api/orders/{order['id']}/payment-terms",
                        json={"payment_terms": "prepay", "payment_due_on": last_week})
    assert await payments.remind_overdue(shop.api.store) == 1
    assert await payments.remind_overdue(shop.api.store) == 0  # once per due date
    await shop.sender.drain()
    (mail,) = shop.smtp.mails
    assert mail["To"] == "ada@example.com" and mail["Subject"] == "Payment reminder: LATE-1"
    assert "12.00" in mail.get_body(("plain",)).get_content()

    yesterday = (date.today() - timedelta(days=1)).isoformat()  # a new due date agreed, and missed again
    await shop.call("PUT", f"/api/orders/{unpaid['id']}/payment-terms",
                    json={"payment_terms": "prepay", "payment_due_on": yesterday})
    assert await payments.remind_overdue(shop.api.store) == 1


async def test_stock_arriving_for_a_backorder_alerts_the_staff(shop: Shop):
    await shop.call("PUT", "/api/settings/messages", json={"templates": {"backorder_arrived": {"enabled": True}}})
    await shop.call("PUT", "/api/settings/orders", json={"auto_allocate": True})
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada", "reference": "BO-1", "lines": [{"product_id": shop.product["id"], "quantity": 2}]})
    assert order["lines"][0]["units"] == {"backordered": 2}
    await shop.call("POST", f"/api/products/{shop.product['id']}/stock",
                    json={"quantity": 2, "location": "main", "reason": "count"})
    await shop.sender.drain()
    (alert,) = shop.smtp.mails
    assert alert["To"] == "floor@redfox.example" and alert["Subject"] == "Backorder ready: BO-1"


async def test_the_staff_hear_once_when_a_consumable_falls_below_its_reorder_point(shop: Shop):
    await shop.call("PUT", "/api/settings/messages", json={"templates": {"low_stock": {"enabled": True}}})
    magnet = await shop.call("POST", "/api/consumables", 201, json={
        "sku": "MAG-6X2", "name": "Magnet 6x2", "unit_cost": "0.05", "stock": 10, "reorder_point": 8})

    async def adjust(quantity: int) -> None:
        await shop.call("POST", f"/api/consumables/{magnet['id']}/stock", json={"quantity": quantity,
                                                                                "reason": "count"})
        await shop.sender.drain()

    await adjust(-3)  # 7: below 8, told
    await adjust(-1)  # 6: still below, not told again
    assert [m["Subject"] for m in shop.smtp.mails] == ["Low stock: MAG-6X2"]
    assert "down to 7 (reorder point 8)" in shop.smtp.mails[0].get_body(("plain",)).get_content()
    await adjust(+5)  # 11: restocked
    await adjust(-5)  # 6: below again, told again
    assert [m["Subject"] for m in shop.smtp.mails] == ["Low stock: MAG-6X2"] * 2
