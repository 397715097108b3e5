"""Upgrading a v4 database: orders taken before line items existed keep working and stay consistent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from odind.domain.paging import PageIn
from odind.domain.production import jobs
from odind.domain.sales import orders, shipments
from odind.store.db import Store, migrations
from tests.orders.test_invariants import _check

_LEGACY = """
INSERT INTO models (id, name, filename, kind, sha256, size_bytes, stored_path, metadata_known, plates,
                    metadata_json, created_at) VALUES (1, 'm', 'm.gcode', 'gcode', 'x', 1, 'm', 0, 1,
        '{"kind": "gcode", "flavour": "unknown", "known": false}', 'then');
INSERT INTO products (id, sku, name, sale_price, created_at) VALUES (1, 'OLD-1', 'Old', '5.00', 'then');
INSERT INTO orders (id, reference, platform, customer_name, status, carrier, tracking_number, created_at, updated_at)
VALUES (1, 'A', 'direct', 'Pat', 'pending', NULL, NULL, 'then', 'then'),
       (2, 'B', 'direct', 'Pat', 'partial', NULL, NULL, 'then', 'then'),
       (3, 'C', 'direct', 'Pat', 'fulfilled', NULL, NULL, 'then', 'then'),
       (4, 'D', 'direct', 'Pat', 'shipped', 'DHL', 'T4', 'then', 'then'),
       (5, 'E', 'direct', 'Pat', 'cancelled', NULL, NULL, 'then', 'then');
INSERT INTO order_lines (order_id, product_id, quantity, unit_price)
VALUES (1, 1, 2, '5.00'), (2, 1, 3, '5.00'), (3, 1, 2, '5.00'), (4, 1, 4, '5.00'), (5, 1, 1, '5.00');
INSERT INTO jobs (order_id, order_line_id, model_id, units, status, created_at)
VALUES (2, 2, 1, 2, 'completed', 'then'), (2, 2, 1, 1, 'queued', 'then');
"""


async def test_orders_from_a_v4_database_gain_consistent_units_stock_and_shipments(tmp_path: Path):
    path = tmp_path / "odind.db"
    with sqlite3.connect(path) as conn:
        for version, _, sql in migrations()[:4]:
            conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
        conn.executescript(_LEGACY)
    store = Store(path)
    await store.open()
    try:
        assert await store.version() == len(migrations())
        await _check(store)
        views = {o["reference"]: o for o in (await orders.list_orders(store, PageIn()))["items"]}
        assert {ref: (v["state"], v["fulfilment"]) for ref, v in views.items()} == {
            "A": ("pending", "not started"), "B": ("processing", "in production"),
            "C": ("processing", "ready to ship"), "D": ("processing", "shipped"), "E": ("cancelled", "cancelled")}
        assert views["D"]["shipments"][0]["tracking_number"] == "T4"
        shipped = await shipments.ship_order(store, "test", 3, shipments.ShipIn(carrier="DPD", tracking_number="T3"))
        assert shipped["status"] == "shipped"
        async with store.transaction("test") as tx:
            await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                             " connection_json, source, created_at) VALUES (1, 'P', 'marlin', 'MK3S', '0.4',"
                             " '[200,200,200]', '{}', 'api', 'now')")
        last = (await orders.get_order(store, 2))["jobs"][-1]["id"]
        await jobs.claim(store, "printer", last, 1, "test")
        await jobs.completed(store, "printer", last)
        finished = await orders.get_order(store, 2)
        assert finished["status"] == "fulfilled" and finished["lines"][0]["units"] == {"allocated": 3}
        await _check(store)
    finally:
        await store.close()
