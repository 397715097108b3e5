"""Delivery the way a shop's real mail relay and webhook receivers behave: STARTTLS with a login, and slow."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

from odind.config import Config, SmtpConfig
from odind.domain import messages
from odind.domain.sales import quotes
from odind.messages import delivery
from odind.runtime.outbox import OutboxSender
from odind.store.db import Store
from tests.messages.peers import SmtpServer, WebhookReceiver, localhost_certificate


async def test_mail_goes_over_starttls_with_a_login_and_is_refused_without_it(tmp_path: Path) -> None:
    ca, chain, key = localhost_certificate(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(chain, key)
    server = SmtpServer(tls=tls, login=("shop", "s3cret-pass")).start()
    try:
        smtp = SmtpConfig(host="localhost", port=server.port, security="starttls", username="shop",
                          password="s3cret-pass", sender="shop@redfox.example", timeout_s=10, ca_file=ca)
        mail = delivery.email("<1@redfox.example>", smtp.sender, "ada@example.com", "Hello", "text", "<p>html</p>")
        await delivery.send_email(smtp, mail)
        assert [m["Message-ID"] for m in server.mails] == ["<1@redfox.example>"]
        bad_login = smtp.model_copy(update={"password": "guess"})
        try:
            await delivery.send_email(bad_login, mail)
        except delivery.DeliveryFailed as exc:
            assert "535" in str(exc) or "auth" in str(exc).lower()
        else:
            raise AssertionError("a wrong password must not deliver")
        untrusted = smtp.model_copy(update={"ca_file": None})
        try:
            await delivery.send_email(untrusted, mail)  # a certificate nobody vouches for: not sent in clear
        except delivery.DeliveryFailed as exc:
            assert "certificate" in str(exc).lower()
        else:
            raise AssertionError("an untrusted certificate must not deliver")
        assert len(server.mails) == 1
    finally:
        server.stop()


async def test_a_slow_webhook_receiver_is_cut_off_and_tried_again(store: Store, tmp_path: Path) -> None:
    hook = await WebhookReceiver(delay_first_s=2.0).start()
    config = Config(data_dir=tmp_path, messages={"retry_base_s": 0.05, "webhooks": [
        {"url": hook.url, "secret": "a-webhook-secret-of-some-length", "timeout_s": 0.3}]})
    store.before_commit.append(messages.outbox_hook(config))
    sender = OutboxSender(store, store.bus, config)
    try:
        await messages.set_message_settings(store, "test", messages.MessageSettingsIn.model_validate(
            {"templates": {"quote_requested": {"enabled": True}}}))
        await quotes.request(store, "test", quotes.QuoteRequestIn(customer_name="Ada", request="a fox"))
        started = asyncio.get_running_loop().time()
        assert await sender.drain() == 0  # cut off after 0.3 s, not left hanging for the 2 s answer
        assert asyncio.get_running_loop().time() - started < 1.5
        for _ in range(100):
            if hook.received:
                break
            await asyncio.sleep(0.05)
            await sender.drain()
        assert len(hook.received) == 1 and hook.attempts == 2
        (sent,) = (await messages.list_page(store, messages.PageIn(), status="sent"))["items"]
        assert sent["attempts"] == 2
    finally:
        await sender.close()
        await hook.stop()
