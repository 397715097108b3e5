"""Edges of the order life: removal with a print under way, cancelled prints, surplus output,
purchase orders raised from low stock, and the API's self-description."""

from __future__ import annotations

from odind.domain.production import jobs
from tests.orders.conftest import Shop


async def test_removal_deletes_unstarted_jobs_keeps_running_ones_and_releases_reservations(shop: Shop):
    order = await shop.order([(shop.magnet_box["id"], 2)])
    order = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 92
    running = order["jobs"][0]["id"]
    await jobs.claim(shop.api.store, "printer", running, 1, "test")
    await jobs.started(shop.api.store, "printer", running)

    removed = await shop.call("DELETE", f"/api/orders/{order['id']}", json={"confirm": order["reference"]})
    assert removed["jobs_kept"] == [running] and removed["jobs_deleted"] == 3
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 100
    remaining = (await shop.call("GET", "/api/jobs"))["items"]
    assert [(j["id"], j["order_id"], j["status"]) for j in remaining] == [(running, None, "printing")]
    await jobs.completed(shop.api.store, "printer", running)  # finishing it later harms nothing
    async with shop.api.store.read() as db:
        events = [r["action"] for r in await db.all("SELECT action FROM events WHERE entity = 'order'"
                                                     " AND entity_id = ?", order["id"])]
    assert events[-1] == "removed"


async def test_units_of_a_cancelled_print_can_take_stock_and_surplus_prints_go_to_stock(shop: Shop):
    order = await shop.order([(shop.widget["id"], 2)])
    order = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    first, second = (j["id"] for j in order["jobs"])
    await shop.call("POST", f"/api/jobs/{first}/cancel")
    await shop.finish_jobs(await shop.call("GET", f"/api/orders/{order['id']}"))
    stuck = await shop.call("GET", f"/api/orders/{order['id']}")
    assert stuck["status"] == "partial" and stuck["lines"][0]["units"] == {"allocated": 1, "pending": 1}

    await shop.stock(shop.widget["id"], 1)
    served = await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    assert served["status"] == "fulfilled" and served["lines"][0]["units"] == {"allocated": 2}
    assert second

    other = await shop.order([(shop.widget["id"], 1)])
    other = await shop.call("POST", f"/api/orders/{other['id']}/schedule")
    await shop.stock(shop.widget["id"], 1)
    other = await shop.call("POST", f"/api/orders/{other['id']}/allocate", json={})
    assert other["status"] == "fulfilled"  # stock arrived before the print finished
    await shop.finish_jobs(other)
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 4, "allocated": 3, "available": 1}  # the print is surplus


async def test_purchase_orders_raised_from_low_stock_alerts(shop: Shop):
    async with shop.api.store.transaction("test") as tx:
        await tx.execute("UPDATE consumables SET reorder_point = 150, reorder_quantity = 200, vendor = 'Magnets Ltd'")
    drafts = await shop.call("POST", "/api/purchase-orders/from-low-stock", 201)
    assert [(po["supplier"], po["status"]) for po in drafts] == [("Magnets Ltd", "draft")]
    assert drafts[0]["lines"][0]["quantity"] == 200 and drafts[0]["lines"][0]["unit_cost"] == "0.10"
    assert await shop.call("POST", "/api/purchase-orders/from-low-stock", 201) == []  # already on order

    po = await shop.call("POST", f"/api/purchase-orders/{drafts[0]['id']}/confirm")
    assert po["status"] == "expected"
    po = await shop.call("POST", f"/api/purchase-orders/{po['id']}/receive",
                         json={"lines": [{"line_id": po["lines"][0]["id"], "quantity": 120}]})
    closed = await shop.call("POST", f"/api/purchase-orders/{po['id']}/close")
    assert closed["status"] == "closed" and closed["lines"][0]["outstanding"] == 80
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 220


async def test_every_order_route_is_in_the_openapi_document(shop: Shop):
    spec = await shop.call("GET", "/api/openapi.json")
    for path, method in [("/api/orders/{order_id}/allocate", "post"), ("/api/orders/{order_id}/shipments", "post"),
                         ("/api/orders/{order_id}", "delete"), ("/api/orders/import", "post"),
                         ("/api/shipments/{shipment_id}/packing-slip.pdf", "get"),
                         ("/api/purchase-orders/{po_id}/receive", "post"), ("/api/returns", "post"),
                         ("/api/transfers/{transfer_id}/receive", "post"), ("/api/orders/{order_id}/payments", "post"),
                         ("/api/credit-notes/{credit_note_id}.pdf", "get")]:
        assert method in spec["paths"][path], (path, method)
    assert spec["paths"]["/api/orders/{order_id}"]["delete"]["x-required-role"] == "admin"
    assert "AllocateIn" in spec["components"]["schemas"] and "ShipmentIn" in spec["components"]["schemas"]


async def test_cancelling_part_way_gives_back_only_what_was_not_made(shop: Shop):
    order = await shop.order([(shop.magnet_box["id"], 2)])
    order = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    await shop.finish_jobs(order, 2)  # two parts make one box, magnets and all
    cancelled = await shop.call("POST", f"/api/orders/{order['id']}/cancel")
    assert cancelled["lines"][0]["units"] == {"cancelled": 2}
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 96
    levels = await shop.call("GET", f"/api/products/{shop.magnet_box['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 1, "allocated": 0, "available": 1}
