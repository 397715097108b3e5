"""The real aiohttp app over a real store, with a user per role who can log in with a password."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.config import Config
from odind.domain.accounts import users
from odind.domain.accounts.tokens import Role, create_token
from odind.runtime.farm import Farm
from odind.store.db import Store
from odind.web.app import create_app
from odind.web.context import AppContext
from odind.web.sessions import COOKIE, CSRF_HEADER

PASSWORD = "correct horse battery"


@dataclass
class Login:
    cookie: str
    csrf: str

    def headers(self, *, csrf: bool = True) -> dict[str, str]:
        headers = {"Cookie": f"{COOKIE}={self.cookie}"}
        if csrf:
            headers[CSRF_HEADER] = self.csrf
        return headers


@dataclass
class Web:
    client: TestClient
    store: Store
    config: Config
    farm: Farm
    tokens: dict[str, str] = field(default_factory=dict)

    async def login(self, name: str, password: str = PASSWORD) -> Login:
        response = await self.client.post("/api/login", json={"name": name, "password": password})
        body = await response.json()
        assert response.status == 200, body
        self.client.session.cookie_jar.clear()  # each test says which session it speaks for
        return Login(response.cookies[COOKIE].value, body["csrf"])

    async def call(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                   **kw: Any) -> tuple[int, Any]:
        response = await self.client.request(method, path, headers=headers or {}, **kw)
        body = await response.json() if response.content_type == "application/json" else await response.read()
        return response.status, body

    def bearer(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture
async def web(store: Store, tmp_path: Path) -> AsyncIterator[Web]:
    config = Config(data_dir=tmp_path, http={"max_upload_mb": 1})
    farm = Farm(store, store.bus, config)
    await farm.start()
    for role in Role:
        await users.create_user(store, "test", users.UserIn(name=role.value, role=role, password=PASSWORD))
    app = create_app(AppContext(config=config, store=store, bus=store.bus, farm=farm))
    tokens = {role.value: await create_token(store, "test", role=role, name=f"{role.value}-token") for role in Role}
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield Web(client, store, config, farm, tokens)
    finally:
        await client.close()
        await farm.close()
