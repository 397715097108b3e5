"""A shop with messages turned towards real peers: aiosmtpd for mail, an HTTP receiver for webhooks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.config import Config
from odind.domain import messages
from odind.domain.accounts.tokens import Role, create_token
from odind.domain.production import jobs
from odind.runtime.farm import Farm
from odind.runtime.outbox import OutboxSender
from odind.store.db import Store
from odind.web.app import create_app
from odind.web.context import AppContext
from tests.core.conftest import Api
from tests.core.factories import add_gcode_model, add_product
from tests.messages.peers import SmtpServer, WebhookReceiver

SECRET = "a-webhook-secret-of-some-length"


@dataclass
class Shop:
    api: Api
    sender: OutboxSender
    smtp: SmtpServer
    hook: WebhookReceiver
    product: dict

    async def call(self, method: str, path: str, expect: int = 200, **kw):  # type: ignore[no-untyped-def]
        status, body = await self.api.call(method, path, **kw)
        assert status == expect, (status, body)
        return body


@pytest.fixture
async def shop(store: Store, tmp_path: Path) -> AsyncIterator[Shop]:
    smtp = SmtpServer().start()
    hook = await WebhookReceiver(fail_first=2).start()
    config = Config(data_dir=tmp_path, http={"public_url": "https://farm.example"},
                    branding={"business_name": "Red Fox Prints"}, messages={
        "smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "none", "sender": "shop@redfox.example"},
        "staff_email": "floor@redfox.example", "retry_base_s": 0.01,
        "webhooks": [{"url": hook.url, "secret": SECRET, "messages": ["order_shipped"]}]})
    store.before_commit.append(messages.outbox_hook(config))
    farm = Farm(store, store.bus, config)
    await farm.start()
    app = create_app(AppContext(config=config, store=store, bus=store.bus, farm=farm))
    tokens = {role.value: await create_token(store, "test", role=role, name=role.value) for role in Role}
    async with store.transaction("test") as tx:
        await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                         " connection_json, source, created_at) VALUES (1, 'P1S-1', 'marlin', 'MK3S', '0.4',"
                         " '[200,200,200]', '{}', 'api', 'now')")
    model = await add_gcode_model(store, tmp_path, name="fox", grams=10)
    product = await add_product(store, "FOX-1", price="12.00", models=[(model["id"], 1)])
    try:
        sender = OutboxSender(store, store.bus, config)
        async with TestClient(TestServer(app)) as client:
            yield Shop(Api(client, store, config, tokens), sender, smtp, hook, product)
        await sender.close()
    finally:
        await farm.close()
        smtp.stop()
        await hook.stop()


async def turn_on(shop: Shop, **overrides: dict) -> None:
    templates = {name: {"enabled": True} for name in ("order_received", "order_shipped", "print_failed")}
    for name, words in overrides.items():
        templates[name] = {**templates.get(name, {}), **words}
    await shop.call("PUT", "/api/settings/messages", json={"templates": templates})


async def print_job(store: Store, job_id: int) -> None:
    """Stand in for a printer: claim, start and complete the job."""
    await jobs.claim(store, "printer", job_id, 1, "test")
    await jobs.started(store, "printer", job_id)
    await jobs.completed(store, "printer", job_id)
