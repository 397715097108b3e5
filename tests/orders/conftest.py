"""The orders area reuses the core API fixture and adds catalog and printer builders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from odind.domain.production import jobs
from tests.core.conftest import Api, api  # noqa: F401  (re-exported fixture)
from tests.core.factories import add_consumable, add_gcode_model, add_product


@dataclass
class Shop:
    """A tiny catalog: a printed product, a product with a magnet, and one printer to finish jobs on."""

    api: Api
    widget: dict[str, Any]
    magnet_box: dict[str, Any]
    magnet: dict[str, Any]

    async def call(self, method: str, path: str, expect: int = 200, role: str = "admin", **kw: Any) -> Any:
        status, body = await self.api.call(method, path, role=role, **kw)
        assert status == expect, (status, body)
        return body

    async def order(self, lines: list[tuple[int, int]], **extra: Any) -> dict[str, Any]:
        return await self.call("POST", "/api/orders", 201, json={
            "customer_name": "Ada Lovelace", "platform": "etsy",
            "lines": [{"product_id": p, "quantity": q} for p, q in lines], **extra})

    async def stock(self, product_id: int, quantity: int, location: str = "main") -> dict[str, Any]:
        return await self.call("POST", f"/api/products/{product_id}/stock", json={
            "quantity": quantity, "location": location, "reason": "count"})

    async def finish_jobs(self, order: dict[str, Any], count: int | None = None) -> None:
        """Stand in for the printers: claim, start and complete queued jobs of the order."""
        store = self.api.store
        queued = [j for j in order["jobs"] if j["status"] == "queued"][:count]
        for job in queued:
            await jobs.claim(store, "printer", job["id"], 1, "test")
            await jobs.started(store, "printer", job["id"])
            await jobs.completed(store, "printer", job["id"])


@pytest.fixture
async def shop(api: Api, tmp_path: Path) -> Shop:  # noqa: F811
    model = await add_gcode_model(api.store, tmp_path, name="widget", grams=10)
    magnet = await add_consumable(api.store, "MAG-1", cost="0.10", stock=100)
    widget = await add_product(api.store, "WID-1", price="10.00", models=[(model["id"], 1)])
    magnet_box = await add_product(api.store, "BOX-1", price="25.00", models=[(model["id"], 2)],
                                   consumables=[(magnet["id"], 4)])
    async with api.store.transaction("test") as tx:
        await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                         " connection_json, source, created_at) VALUES (1, 'P1', 'marlin', 'MK3S', '0.4',"
                         " '[200,200,200]', '{}', 'api', 'now')")
    return Shop(api, widget, magnet_box, magnet)
