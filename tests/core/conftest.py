"""An in-process API client fixture: the real aiohttp app over a real store, tokens for each role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.config import Config
from odind.domain.accounts.tokens import Role, create_token
from odind.runtime.farm import Farm
from odind.store.db import Store
from odind.web.app import create_app
from odind.web.context import AppContext


@dataclass
class Api:
    client: TestClient
    store: Store
    config: Config
    tokens: dict[str, str]

    def auth(self, role: str = "admin") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    async def call(self, method: str, path: str, role: str = "admin", **kw):  # type: ignore[no-untyped-def]
        headers = {**self.auth(role), **kw.pop("headers", {})}
        response = await self.client.request(method, path, headers=headers, **kw)
        body = await response.json() if response.content_type == "application/json" else await response.read()
        return response.status, body


@pytest.fixture
async def api(store: Store, tmp_path: Path) -> AsyncIterator[Api]:
    config = Config(data_dir=tmp_path, http={"max_upload_mb": 1})
    farm = Farm(store, store.bus, config)
    await farm.start()
    app = create_app(AppContext(config=config, store=store, bus=store.bus, farm=farm))
    tokens = {role.value: await create_token(store, "test", role=role, name=role.value) for role in Role}
    async with TestClient(TestServer(app)) as client:
        yield Api(client, store, config, tokens)
    await farm.close()
