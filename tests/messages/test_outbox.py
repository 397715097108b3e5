"""Messages on status changes through the outbox, delivered to a real SMTP server and a real webhook receiver."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json

from odind.domain.production import jobs
from odind.store.db import Store
from tests.messages.conftest import SECRET, Shop, print_job, turn_on
from tests.messages.peers import SmtpServer


async def test_an_order_received_and_shipped_mails_the_customer_and_signs_the_webhook(shop: Shop):
    await turn_on(shop, order_shipped={"subject": "{{ order.reference }} left {{ shop.business_name }}"})
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada <b>Lovelace</b>", "customer_email": "ada@example.com", "reference": "RF-1",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    draft = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Draft Only", "customer_email": "draft@example.com", "draft": True,
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    assert draft["state"] == "draft"  # a quote being drafted tells nobody anything
    assert await shop.sender.drain() == 1
    (received,) = shop.smtp.mails
    assert received["To"] == "ada@example.com" and received["From"] == "shop@redfox.example"
    assert received["Subject"] == "We have your order RF-1"
    text, html = (part.get_payload(decode=True).decode() for part in received.walk() if not part.is_multipart())
    assert "Ada <b>Lovelace</b>" in text and "Red Fox Prints" in text
    assert "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in html  # the HTML part escapes what a customer typed

    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    await print_job(shop.api.store, scheduled["jobs"][0]["id"])
    await shop.call("POST", f"/api/orders/{order['id']}/ship", json={"carrier": "Royal Mail",
                                                                     "tracking_number": "RM1GB"})
    await shop.sender.drain()  # the receiver answers 500 twice: retried with backoff until it takes it
    for _ in range(100):
        if shop.hook.received:
            break
        await asyncio.sleep(0.02)
        await shop.sender.drain()
    shipped = shop.smtp.mails[-1]
    assert shipped["Subject"] == "RF-1 left Red Fox Prints" and "RM1GB" in shipped.get_body(("plain",)).get_content()
    (headers, body), = shop.hook.received
    assert shop.hook.attempts == 3
    want = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Odind-Signature"] == want
    payload = json.loads(body)
    assert payload["message"] == "order_shipped" and payload["order"]["tracking_number"] == "RM1GB"
    assert headers["X-Odind-Delivery"] == payload["id"]
    listed = await shop.call("GET", "/api/messages?status=sent")
    assert {(m["channel"], m["template"]) for m in listed["items"]} == {
        ("email", "order_received"), ("email", "order_shipped"), ("webhook", "order_shipped")}
    webhook = next(m for m in listed["items"] if m["channel"] == "webhook")
    assert webhook["attempts"] == 3


async def test_smtp_down_leaves_the_order_alone_retries_and_shows_the_failure(shop: Shop):
    await turn_on(shop)
    shop.smtp.stop()
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada", "customer_email": "ada@example.com",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    assert order["status"] == "pending"  # the change stands whatever the mail server does
    assert await shop.sender.drain() == 0
    (pending,) = (await shop.call("GET", "/api/messages?status=pending"))["items"]
    assert pending["attempts"] >= 1 and "SMTP" in pending["last_error"]

    shop.api.config.messages.max_attempts = pending["attempts"] + 1
    for _ in range(100):
        if (await shop.call("GET", "/api/messages?status=failed"))["items"]:
            break
        await asyncio.sleep(0.02)
        await shop.sender.drain()
    (failed,) = (await shop.call("GET", "/api/messages?status=failed"))["items"]
    assert failed["last_error"]

    shop.smtp = SmtpServer(port=shop.smtp.port).start()
    shop.sender.config.messages.max_attempts = 100
    retried = await shop.call("POST", f"/api/messages/{failed['id']}/retry")
    assert retried["status"] == "pending" and retried["attempts"] == 0
    assert await shop.sender.drain() == 1
    assert len(shop.smtp.mails) == 1 and shop.smtp.mails[0]["Message-ID"] == failed["message_id"]
    status, _ = await shop.api.call("POST", f"/api/messages/{failed['id']}/retry")
    assert status == 409
    shop.smtp.stop()


async def test_a_failed_print_alerts_the_staff(shop: Shop, store: Store):
    await turn_on(shop)
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada", "lines": [{"product_id": shop.product["id"], "quantity": 1}]})  # no e-mail: no mail
    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    job_id = scheduled["jobs"][0]["id"]
    await jobs.claim(store, "printer", job_id, 1, "test")
    await jobs.started(store, "printer", job_id)
    await jobs.failed(store, "printer", job_id, "nozzle clog", cancelled=False, reprint_limit=0)
    assert await shop.sender.drain() == 1
    (alert,) = shop.smtp.mails
    assert alert["To"] == "floor@redfox.example" and alert["Subject"].startswith("Print failed")
    assert "nozzle clog" in alert.get_body(("plain",)).get_content()


async def test_templates_are_checked_before_saving_and_unknown_names_refused(shop: Shop):
    status, body = await shop.api.call("PUT", "/api/settings/messages", json={
        "templates": {"order_shipped": {"enabled": True, "subject": "{{ order.nope }"}}})
    assert status == 422 and body["error"]["field"] == "templates.order_shipped"
    status, body = await shop.api.call("PUT", "/api/settings/messages", json={
        "templates": {"order_shipped": {"enabled": True, "text": "{{ ''.__class__.__mro__ }}"}}})
    assert status == 422  # the sandbox refuses reaching into Python
    status, body = await shop.api.call("PUT", "/api/settings/messages", json={"templates": {"spam": {}}})
    assert status == 422 and "spam" in body["error"]["message"]
    status, _ = await shop.api.call("PUT", "/api/settings/messages", role="operator",
                                    json={"templates": {"order_shipped": {"enabled": True}}})
    assert status == 403
    settings = await shop.call("GET", "/api/settings/messages")
    assert settings["templates"]["order_shipped"]["enabled"] is False
    assert "{{ order.reference }}" in settings["templates"]["order_shipped"]["subject"]


async def test_a_name_with_line_breaks_cannot_add_a_mail_header(shop: Shop):
    await turn_on(shop, order_received={"subject": "Order for {{ order.customer_name }}"})
    await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Eve\r\nBcc: everyone@example.com", "customer_email": "eve@example.com",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    assert await shop.sender.drain() == 1
    (received,) = shop.smtp.mails
    assert received["Bcc"] is None and received["Subject"] == "Order for Eve Bcc: everyone@example.com"


async def test_an_address_that_cannot_be_a_mail_header_fails_the_message_not_the_sender(shop: Shop):
    await turn_on(shop)
    shop.api.config.messages.max_attempts = 1
    await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Eve", "customer_email": "eve@example.com\nBcc: everyone@example.com",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    assert await shop.sender.drain() == 0
    (failed,) = (await shop.call("GET", "/api/messages?status=failed"))["items"]
    assert "cannot address" in failed["last_error"] and shop.smtp.mails == []


async def test_the_status_page_counts_messages_that_could_not_be_sent(shop: Shop):
    await turn_on(shop)
    shop.smtp.stop()
    shop.api.config.messages.max_attempts = 1
    await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Ada", "customer_email": "ada@example.com",
        "lines": [{"product_id": shop.product["id"], "quantity": 1}]})
    assert (await shop.call("GET", "/api/status"))["messages_failed"] == 0
    await shop.sender.drain()
    assert (await shop.call("GET", "/api/status"))["messages_failed"] == 1
