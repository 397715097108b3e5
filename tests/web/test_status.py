"""The aggregate status read, and the event stream the page follows."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

from odind.domain import catalog
from odind.domain.sales import orders
from odind.domain.stock import inventory
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from odind.web.sessions import COOKIE
from tests.web.conftest import Web


async def seed_order(web: Web, tmp_path: Path, *, customer: str = "Ada", stock: int = 10) -> dict:
    path = tmp_path / "part.gcode"
    path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FFFFFF", grams=3)],
                                      print_time_s=600, segments=10), encoding="utf-8")
    model = await catalog.add_model(web.store, "test", upload=path, filename=path.name, name="Snow <b>Cap</b>",
                                    models_dir=tmp_path / "models")
    magnet = await inventory.create_consumable(web.store, "test", inventory.ConsumableIn(
        sku="MAG-3X1", name="Magnet <i>3mm</i>", unit_cost=Decimal("0.05"), stock=stock, reorder_point=8))
    product = await catalog.create_product(web.store, "test", catalog.ProductIn(
        sku="CAP", name="Cap", sale_price=Decimal("6.50"),
        components=[catalog.ComponentIn(model_id=model["id"], quantity=1)],
        consumables=[catalog.ProductConsumableIn(consumable_id=magnet["id"], quantity=1)]))
    order = await orders.create_order(web.store, "test", orders.OrderIn(
        customer_name=customer, lines=[orders.OrderLineIn(product_id=product["id"], quantity=3)]))
    return await orders.schedule_all(web.store, "test", order["id"])


async def test_status_gathers_queue_low_stock_and_events(web: Web, tmp_path: Path) -> None:
    order = await seed_order(web, tmp_path, customer="<script>alert(1)</script>")
    status, body = await web.call("GET", "/api/status", headers=web.bearer("viewer"))
    assert status == 200
    assert body["queue_total"] == 3 and len(body["queue"]) == 3
    assert {j["model_name"] for j in body["queue"]} == {"Snow <b>Cap</b>"}
    assert all(j["order_reference"] == order["reference"] for j in body["queue"])
    assert [c["sku"] for c in body["low_stock"]] == ["MAG-3X1"]  # 10 - 3 reserved is below 8
    assert body["low_stock"][0]["stock"] == 7
    assert body["ready_to_ship"] == [] and body["printers"] == []
    assert body["events"][0]["entity"] == "order" and body["events"][0]["action"] == "schedule"
    assert "data_json" not in body["events"][0], "events stay small: no payloads"


async def test_status_lists_fulfilled_orders_ready_to_ship(web: Web, tmp_path: Path) -> None:
    order = await seed_order(web, tmp_path)
    async with web.store.transaction("test") as tx:  # the printers' part of the story, condensed
        await tx.execute("UPDATE jobs SET status = 'completed'")
        await orders.roll_up(tx, order["id"])
    body = (await web.call("GET", "/api/status", headers=web.bearer("viewer")))[1]
    assert [(o["id"], o["items"]) for o in body["ready_to_ship"]] == [(order["id"], 3)]
    assert body["queue"] == [] and body["ready_to_ship_total"] == 1
    status, shipped = await web.call("POST", f"/api/orders/{order['id']}/ship", headers=web.bearer("operator"),
                                     json={"carrier": "Royal Mail", "tracking_number": "RM123"})
    assert status == 200 and shipped["status"] == "shipped"
    assert (await web.call("GET", "/api/status", headers=web.bearer("viewer")))[1]["ready_to_ship"] == []


async def wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_event_stream_takes_the_session_cookie_and_frees_its_subscriber(web: Web, tmp_path: Path) -> None:
    baseline = web.store.bus.subscriber_count
    login = await web.login("viewer")
    response = await web.client.get("/api/events", headers={"Cookie": f"{COOKIE}={login.cookie}"})
    assert response.status == 200 and response.content_type == "text/event-stream"
    assert await response.content.readline() == b"retry: 2000\n"
    await wait_for(lambda: web.store.bus.subscriber_count == baseline + 1)
    await seed_order(web, tmp_path)
    seen = b""
    while b"event: order.schedule" not in seen:
        seen += await asyncio.wait_for(response.content.readline(), 10)
    response.close()  # the phone walks out of Wi-Fi range mid-stream
    await wait_for(lambda: web.store.bus.subscriber_count == baseline)


async def test_event_stream_without_identity_is_refused(web: Web) -> None:
    baseline = web.store.bus.subscriber_count
    status, _ = await web.call("GET", "/api/events")
    assert status == 401
    assert web.store.bus.subscriber_count == baseline


async def test_a_thousand_event_streams_that_vanish_leave_no_subscriber_and_no_open_file(web: Web) -> None:
    """Phones come and go: each stream's subscriber and socket are freed when its client disappears."""
    import os

    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    subscribers, fds = web.store.bus.subscriber_count, open_fds()
    for _ in range(10):  # ten waves of a hundred, the way page loads arrive
        wave = [await web.client.get("/api/events", headers=web.bearer("viewer")) for _ in range(100)]
        assert all(r.status == 200 for r in wave)
        await wait_for(lambda: web.store.bus.subscriber_count == subscribers + 100)
        for response in wave:
            response.close()
        await wait_for(lambda: web.store.bus.subscriber_count == subscribers)
    await wait_for(lambda: open_fds() <= fds + 5)  # a few pooled sockets may linger in the test client


async def test_status_is_built_once_per_change_and_revalidated_by_etag(web: Web, tmp_path: Path) -> None:
    viewer = web.bearer("viewer")
    first = await web.client.get("/api/status", headers=viewer)
    etag, body = first.headers["ETag"], await first.read()
    assert first.status == 200 and float(first.headers["X-Odind-Now"]) > 0
    again = await web.client.get("/api/status", headers={**viewer, "If-None-Match": etag})
    assert again.status == 304 and again.headers["ETag"] == etag and await again.read() == b""
    same = await web.client.get("/api/status", headers=viewer)
    assert await same.read() == body  # nothing changed: the very bytes built before, `now` included

    await seed_order(web, tmp_path)  # a committed change is never held back, not even for a second
    changed = await web.client.get("/api/status", headers={**viewer, "If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    assert len((await changed.json())["queue"]) == 3
