"""First run: the setup code from the log and state directory creates the first admin, once."""

from __future__ import annotations

import logging
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.config import Config
from odind.domain.accounts import setup
from odind.runtime.farm import Farm
from odind.store.db import Store
from odind.web.app import create_app
from odind.web.context import AppContext
from odind.web.sessions import COOKIE, CSRF_HEADER

PASSWORD = "first admin pass"


@pytest.fixture
async def fresh(store: Store, tmp_path: Path) -> AsyncIterator[tuple[TestClient, Path]]:
    config = Config(data_dir=tmp_path)
    farm = Farm(store, store.bus, config)
    await farm.start()
    client = TestClient(TestServer(create_app(AppContext(config=config, store=store, bus=store.bus, farm=farm))))
    await client.start_server()
    try:
        yield client, tmp_path
    finally:
        await client.close()
        await farm.close()


async def test_code_is_logged_and_written_for_the_owner_only(store: Store, tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        code = await setup.prepare(store, tmp_path)
    assert code is not None and code in caplog.text
    path = setup.code_path(tmp_path)
    assert path.read_text().strip() == code
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert await setup.prepare(store, tmp_path) == code, "a restart keeps the same code"


async def test_first_admin_once_with_the_code_then_logged_in(fresh: tuple[TestClient, Path], store: Store) -> None:
    client, data_dir = fresh
    code = await setup.prepare(store, data_dir)
    assert (await (await client.get("/api/setup")).json()) == {"needed": True}
    response = await client.post("/api/setup", json={"code": code.lower().replace("-", " "), "name": "owner",
                                                      "password": PASSWORD})
    body = await response.json()
    assert response.status == 201, body
    assert body["user"]["role"] == "admin"
    cookie = response.cookies[COOKIE].value
    me = await (await client.get("/api/me", headers={"Cookie": f"{COOKIE}={cookie}"})).json()
    assert (me["name"], me["role"]) == ("owner", "admin")
    assert not setup.code_path(data_dir).exists()
    assert (await (await client.get("/api/setup")).json()) == {"needed": False}
    again = await client.post("/api/setup", json={"code": code, "name": "intruder", "password": PASSWORD})
    assert again.status == 409
    assert (await again.json())["error"]["field"] == "code"
    users = await (await client.get("/api/users", headers={"Cookie": f"{COOKIE}={cookie}"})).json()
    assert [u["name"] for u in users] == ["owner"]


async def test_wrong_code_is_refused_and_limited(fresh: tuple[TestClient, Path], store: Store) -> None:
    client, data_dir = fresh
    await setup.prepare(store, data_dir)
    statuses = []
    for _ in range(6):
        response = await client.post("/api/setup", json={"code": "AAAA-AAAA-AAAA", "name": "x", "password": PASSWORD})
        statuses.append(response.status)
    assert statuses[:5] == [403] * 5 and statuses[5] == 429
    assert await setup.needed(store)


async def test_bad_fields_are_named(fresh: tuple[TestClient, Path], store: Store) -> None:
    client, data_dir = fresh
    code = await setup.prepare(store, data_dir)
    response = await client.post("/api/setup", json={"code": code, "name": "owner", "password": "short"})
    assert response.status == 422
    assert (await response.json())["error"]["field"] == "password"
    assert await setup.needed(store)


async def test_no_code_without_a_file(fresh: tuple[TestClient, Path], store: Store) -> None:
    client, _ = fresh
    response = await client.post("/api/setup", json={"code": "ANYTHING", "name": "owner", "password": PASSWORD},
                                 headers={CSRF_HEADER: "x"})
    assert response.status == 403
    assert await setup.needed(store)
