"""Every route that changes state, taken from the app's own route table, refuses a viewer and changes nothing.

New routes are covered as soon as they are declared: the list comes from the same `Api`
declarations that drive the auth middleware and the OpenAPI document.
"""

from __future__ import annotations

import re
from decimal import Decimal

from odind.domain.accounts.tokens import Role
from odind.domain.stock import inventory
from odind.store.db import Store
from odind.web.app import ROUTE_MODULES
from odind.web.routes import RouteInfo
from tests.web.conftest import Web

SAFE = {"GET", "HEAD", "OPTIONS"}


def mutating_routes() -> list[RouteInfo]:
    return [info for module in ROUTE_MODULES for info, _ in module.api.routes if info.method not in SAFE]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


async def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (sessions aside: logging in is what the viewer did legitimately)."""
    tables = await store.table_names()
    async with store.read() as db:
        return {t: [tuple(r.values()) for r in await db.all(f"SELECT * FROM {t}")] for t in tables
                if t != "sessions"}


def test_the_route_table_declares_every_mutation_with_a_role() -> None:
    routes = mutating_routes()
    assert len(routes) >= 20
    unauthenticated = {(r.method, r.path) for r in routes if r.role is None}
    # setup: guarded by its code; a customer's answer to a quote: by the signed link (odind.domain.sales.quotes);
    # the open request form: off unless the shop turns it on, and throttled per address
    assert unauthenticated == {("POST", "/api/login"), ("POST", "/api/setup"), ("POST", "/quote/{token}/accept"),
                               ("POST", "/quote/{token}/reject"), ("POST", "/request")}


async def test_a_viewer_calling_every_mutating_route_gets_403_and_nothing_changes(web: Web) -> None:
    await inventory.create_consumable(web.store, "test", inventory.ConsumableIn(
        sku="MAG-1", name="Magnet", unit_cost=Decimal("0.05"), stock=10, reorder_point=2))
    session = await web.login("viewer")
    before = await snapshot(web.store)
    guarded = [r for r in mutating_routes() if r.role is not None and not Role.VIEWER.allows(r.role)]
    assert guarded
    for route in guarded:
        for how, headers in (("token", web.bearer("viewer")), ("session", session.headers())):
            status, body = await web.call(route.method, concrete(route.path), headers=headers, json={})
            assert status == 403, f"{route.method} {route.path} as a viewer ({how}): {status} {body}"
            assert body["error"]["code"] == "forbidden"
            assert route.role.value in body["error"]["message"]
    assert await snapshot(web.store) == before


async def test_an_operator_is_refused_admin_routes(web: Web) -> None:
    before = await snapshot(web.store)
    admin_only = [r for r in mutating_routes() if r.role is Role.ADMIN]
    assert admin_only
    for route in admin_only:
        status, _ = await web.call(route.method, concrete(route.path), headers=web.bearer("operator"), json={})
        assert status == 403, f"{route.method} {route.path}"
    assert await snapshot(web.store) == before
