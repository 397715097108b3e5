"""Seed 002's flow end to end through the API: request → review → firm offer → accepted through the public
link → placed → paid → printed → shipped, with each e-mail arriving at a real SMTP server."""

from __future__ import annotations

import re
from datetime import date, timedelta

from odind.domain.sales import quotes
from tests.messages.conftest import Shop, print_job, turn_on
from tests.orders.test_seed_flows import pdf_text

LINK = re.compile(r"https://farm\.example/quote/(\S+)")


async def _public(shop: Shop, method: str, path: str) -> tuple[int, str]:
    response = await shop.api.client.request(method, path)  # no token, no session: the customer's browser
    return response.status, await response.text()


async def _offered(shop: Shop, **offer: object) -> tuple[dict, str]:
    await turn_on(shop, quote_ready={"enabled": True})
    await shop.call("PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.03"})
    customer = await shop.call("POST", "/api/customers", 201, json={"name": "Ada Lovelace",
                                                                     "email": "ada@example.com"})
    quote = await shop.call("POST", "/api/quotes", 201, json={
        "customer_id": customer["id"], "request": "2x red fox, gift wrap"})
    assert quote["status"] == "requested" and quote["allowed_actions"] == ["cancel", "offer"]
    offered = await shop.call("POST", f"/api/quotes/{quote['id']}/offer", json={
        "lines": [{"product_id": shop.product["id"], "quantity": 2}], "target_margin": "40", **offer})
    await shop.sender.drain()
    mail = shop.smtp.mails[-1]
    assert mail["To"] == "ada@example.com" and mail["Subject"] == f"Your quote {quote['reference']} from Red Fox Prints"
    token = LINK.search(mail.get_body(("plain",)).get_content()).group(1)  # type: ignore[union-attr]
    return offered, token


async def test_request_offer_accept_by_link_place_pay_print_ship(shop: Shop):
    offered, token = await _offered(shop)
    line = offered["lines"][0]
    assert offered["status"] == "offered" and offered["margin_percent"].startswith("40")
    assert offered["total"] == f"{2 * float(line['unit_price']):.2f}" and line["unit_cost"]

    status, page = await _public(shop, "GET", f"/quote/{token}")
    assert status == 200 and offered["reference"] in page and line["unit_price"] in page
    assert line["unit_cost"] not in page, page  # the shop's costs stay the shop's
    pdf = await shop.api.client.get(f"/quote/{token}.pdf")
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    text = pdf_text(await pdf.read())
    assert "Quote" in text and offered["reference"] in text and "Valid until" in text and "Red Fox Prints" in text
    status, page = await _public(shop, "POST", f"/quote/{token}/accept")
    assert status == 200 and "Thank you" in page
    accepted = await shop.call("GET", f"/api/quotes/{offered['id']}")
    assert accepted["status"] == "accepted"
    status, _ = await _public(shop, "POST", f"/quote/{token}/accept")  # the link is spent
    assert status == 403

    placed = await shop.call("POST", f"/api/quotes/{offered['id']}/place")
    assert placed["status"] == "placed" and placed["order_id"]
    order = await shop.call("GET", f"/api/orders/{placed['order_id']}")
    assert [ln["unit_price"] for ln in order["lines"]] == [line["unit_price"]]  # the quoted price, not the list price
    assert order["customer_email"] == "ada@example.com" and order["customer_id"] == accepted["customer_id"]
    await shop.sender.drain()
    assert shop.smtp.mails[-1]["Subject"] == f"We have your order {order['reference']}"

    await shop.call("POST", f"/api/orders/{order['id']}/payments", 201,
                    json={"amount": order["totals"]["total"], "method": "bank_transfer"})
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    for job in scheduled["jobs"]:
        await print_job(shop.api.store, job["id"])
    shipped = await shop.call("POST", f"/api/orders/{order['id']}/ship",
                              json={"carrier": "DPD", "tracking_number": "DPD42"})
    assert shipped["status"] == "shipped" and shipped["payment_status"] == "paid"
    await shop.sender.drain()
    assert "DPD42" in shop.smtp.mails[-1].get_body(("plain",)).get_content()
    assert len(shop.smtp.mails) == 3  # quote ready, order received, shipped
    status, _ = await shop.api.call("POST", f"/api/quotes/{offered['id']}/accept")
    assert status == 409  # placed: final


async def test_forged_replaced_and_expired_links_are_refused_and_change_nothing(shop: Shop):
    offered, token = await _offered(shop)
    quote_id, nonce, signature = token.split(".")
    forged = [f"{quote_id}.{nonce}.{'0' * len(signature)}", f"{int(quote_id) + 1}.{nonce}.{signature}",
              "x", "1..", f"{quote_id}.{nonce}", "²." + nonce + "." + signature]
    for bad in forged:
        for method, path in (("GET", f"/quote/{bad}"), ("POST", f"/quote/{bad}/accept")):
            status, _ = await _public(shop, method, path)
            assert status in (403, 404), (bad, status)
    revised = await shop.call("POST", f"/api/quotes/{offered['id']}/offer", json={
        "lines": [{"product_id": shop.product["id"], "quantity": 3, "unit_price": "9.99"}]})
    assert revised["total"] == "29.97"
    status, _ = await _public(shop, "POST", f"/quote/{token}/accept")  # the first offer's link
    assert status == 403
    assert (await shop.call("GET", f"/api/quotes/{offered['id']}"))["status"] == "offered"

    async with shop.api.store.transaction("test") as tx:  # the clock moves past the validity date
        await tx.execute("UPDATE quotes SET valid_until = ? WHERE id = ?",
                         (date.today() - timedelta(days=1)).isoformat(), offered["id"])
    await shop.sender.drain()
    token = re.search(r"/quote/(\S+)", shop.smtp.mails[-1].get_body(("plain",)).get_content()).group(1)  # type: ignore[union-attr]
    status, _ = await _public(shop, "POST", f"/quote/{token}/reject")
    assert status == 403
    status, body = await shop.api.call("POST", f"/api/quotes/{offered['id']}/accept")
    assert status == 409 and body["error"]["state"] == "expired"
    assert await quotes.expire_due(shop.api.store) == 1  # the refused accept changed nothing; the timer does
    assert (await shop.call("GET", f"/api/quotes/{offered['id']}"))["status"] == "expired"


async def test_the_timer_expires_offers_past_their_date(shop: Shop):
    offered, _ = await _offered(shop, valid_days=1)
    assert await quotes.expire_due(shop.api.store) == 0
    async with shop.api.store.transaction("test") as tx:
        await tx.execute("UPDATE quotes SET valid_until = ? WHERE id = ?",
                         (date.today() - timedelta(days=1)).isoformat(), offered["id"])
    assert await quotes.expire_due(shop.api.store) == 1
    again = await shop.call("POST", f"/api/quotes/{offered['id']}/offer", json={
        "lines": [{"product_id": shop.product["id"], "quantity": 1}], "valid_days": 7})
    assert again["status"] == "offered"  # offered again, with a new date
