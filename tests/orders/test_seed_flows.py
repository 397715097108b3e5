"""Each seed's order flow (shared/reference/order-flows.md) walked through the HTTP API."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pypdf

from tests.orders.conftest import Shop


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


async def test_seed_000_print_farm_order_from_schedule_all_to_invoice(shop: Shop):
    """pending → in progress (Schedule All) → partial → fulfilled (from job completions) → shipped."""
    order = await shop.order([(shop.magnet_box["id"], 2)], reference="ODIN-1")
    assert (order["status"], order["state"], order["fulfilment"]) == ("pending", "pending", "not started")

    scheduled = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert scheduled["status"] == "in_progress" and scheduled["state"] == "processing"
    assert scheduled["fulfilment"] == "in production" and len(scheduled["jobs"]) == 4
    magnets = await shop.call("GET", f"/api/consumables/{shop.magnet['id']}")
    assert magnets["stock"] == 92  # 2 boxes x 4 magnets reserved at Schedule All

    await shop.finish_jobs(scheduled, 2)
    partial = await shop.call("GET", f"/api/orders/{order['id']}")
    assert partial["status"] == "partial" and partial["fulfilment"] == "partially fulfilled"
    assert partial["lines"][0]["units"] == {"allocated": 1, "pending": 1}

    await shop.finish_jobs(partial)
    fulfilled = await shop.call("GET", f"/api/orders/{order['id']}")
    assert fulfilled["status"] == "fulfilled" and fulfilled["fulfilment"] == "ready to ship"
    stock = await shop.call("GET", f"/api/products/{shop.magnet_box['id']}/stock")
    assert stock["locations"]["main"] == {"on_hand": 2, "allocated": 2, "available": 0}

    shipped = await shop.call("POST", f"/api/orders/{order['id']}/ship",
                              json={"carrier": "Royal Mail", "tracking_number": "RM1GB"})
    assert shipped["status"] == "shipped" and shipped["tracking_number"] == "RM1GB"
    assert shipped["fulfilment"] == "shipped" and shipped["shipments"][0]["tracking_number"] == "RM1GB"
    stock = await shop.call("GET", f"/api/products/{shop.magnet_box['id']}/stock")
    assert stock["locations"]["main"]["on_hand"] == 0

    assert Decimal(shipped["pnl"]["exact"]["revenue"]) == Decimal("50.00")
    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    assert status == 200
    text = pdf_text(pdf)
    assert "ODIN-1" in text and "INV-000001" in text and "£50.00" in text


async def test_seed_003_core_flow_with_hold_release_unallocate_and_auto_allocation(shop: Shop):
    """concept → pending (confirm) → processing (allocate) → complete; hold/release, unallocate."""
    await shop.call("PUT", "/api/settings/orders", json={"auto_allocate": True})
    await shop.stock(shop.widget["id"], 3)

    draft = await shop.order([(shop.widget["id"], 2)], draft=True)
    assert draft["state"] == "draft" and draft["fulfilment"] == "draft"
    assert draft["lines"][0]["units"] == {"pending": 2}  # a draft takes no stock
    status, body = await shop.api.call("POST", f"/api/orders/{draft['id']}/schedule")
    assert status == 409 and "confirm" in body["error"]["allowed"]

    held = await shop.call("POST", f"/api/orders/{draft['id']}/hold")
    assert held["state"] == "on_hold" and held["fulfilment"] == "on hold"
    back = await shop.call("POST", f"/api/orders/{draft['id']}/release")
    assert back["state"] == "draft"  # release goes back to where it was held from

    confirmed = await shop.call("POST", f"/api/orders/{draft['id']}/confirm")
    assert confirmed["state"] == "processing"  # auto-allocated on confirmation
    assert confirmed["lines"][0]["units"] == {"allocated": 2} and confirmed["fulfilment"] == "ready to ship"

    held = await shop.call("POST", f"/api/orders/{draft['id']}/hold")
    released = await shop.call("POST", f"/api/orders/{draft['id']}/release")
    assert held["state"] == "on_hold" and released["state"] == "processing"

    unallocated = await shop.call("POST", f"/api/orders/{draft['id']}/unallocate")
    assert unallocated["state"] == "pending" and unallocated["lines"][0]["units"] == {"pending": 2}
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"]["available"] == 3

    status, body = await shop.api.call("POST", f"/api/orders/{draft['id']}/release")
    assert status == 409 and body["error"]["code"] == "illegal_transition"
    assert body["error"]["allowed"] == ["allocate", "cancel", "hold"]

    allocated = await shop.call("POST", f"/api/orders/{draft['id']}/allocate", json={})
    shipped = await shop.call("POST", f"/api/orders/{draft['id']}/shipments", 201,
                              json={"carrier": "DPD", "tracking_number": "D1"})
    assert allocated["state"] == "processing" and shipped["status"] == "pending"
    delivered = await shop.call("POST", f"/api/shipments/{shipped['id']}/status", json={"action": "deliver"})
    assert delivered["status"] == "delivered"
    done = await shop.call("GET", f"/api/orders/{draft['id']}")
    assert done["state"] == "complete" and done["fulfilment"] == "completed" and done["status"] == "shipped"

    cancelled_draft = await shop.order([(shop.widget["id"], 1)], draft=True)
    gone = await shop.call("POST", f"/api/orders/{cancelled_draft['id']}/cancel")
    assert gone["state"] == "cancelled" and gone["status"] == "cancelled"


async def test_seed_003_backorders_are_served_first_and_switch_the_ship_method(shop: Shop):
    await shop.call("PUT", "/api/settings/orders", json={"auto_allocate": True})
    first = await shop.order([(shop.widget["id"], 2)], ship_method="standard", backorder_ship_method="express")
    assert first["lines"][0]["units"] == {"backordered": 2} and first["lines"][0]["status"] == "backordered"

    second = await shop.order([(shop.widget["id"], 1)], draft=True)
    async with shop.api.store.transaction("test") as tx:  # stock counted in behind the API's back
        await tx.execute("INSERT INTO stock_movements (item_kind, item_id, location, quantity, reason, actor,"
                         " created_at) VALUES ('product', ?, 'main', 2, 'count', 'test', 'now')",
                         shop.widget["id"])
    confirmed = await shop.call("POST", f"/api/orders/{second['id']}/confirm")
    assert confirmed["lines"][0]["units"] == {"backordered": 1}  # the earlier backorder took both units

    first = await shop.call("GET", f"/api/orders/{first['id']}")
    assert first["lines"][0]["units"] == {"allocated": 2}
    assert first["ship_method"] == "express"

    await shop.stock(shop.widget["id"], 1)  # stock arriving serves the waiting backorder at once
    second = await shop.call("GET", f"/api/orders/{second['id']}")
    assert second["lines"][0]["units"] == {"allocated": 1}
    assert (await shop.call("POST", "/api/backorders/retry"))["allocated"] == 0


async def test_seed_001_partial_shipments_line_chips_returns_and_packing_slips(shop: Shop):
    await shop.stock(shop.widget["id"], 5, "shelf-a")
    order = await shop.order([(shop.widget["id"], 4), (shop.magnet_box["id"], 1)],
                             ship_to=["1 Loupe Lane", "Leeds LS1 1AA"])
    widgets, boxes = (line["id"] for line in order["lines"])
    order = await shop.call("POST", f"/api/orders/{order['id']}/allocate",
                            json={"lines": [{"line_id": widgets, "quantity": 4, "location": "shelf-a"}]})
    chips = {line["sku"]: line["status"] for line in order["lines"]}
    assert chips == {"WID-1": "ready", "BOX-1": "not started"}
    assert order["lines"][0]["locations"] == {"shelf-a": 4}

    order = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert len(order["jobs"]) == 2  # only the box is printed: the widgets came from the shelf
    assert {line["sku"]: line["status"] for line in order["lines"]} == {"WID-1": "ready", "BOX-1": "in progress"}

    picked = await shop.call("POST", f"/api/orders/{order['id']}/pick",
                             json={"lines": [{"line_id": widgets, "quantity": 3}]})
    assert picked["lines"][0]["units"] == {"allocated": 1, "picked": 3}
    first = await shop.call("POST", f"/api/orders/{order['id']}/shipments", 201, json={
        "carrier": "Evri", "tracking_number": "H01", "lines": [{"line_id": widgets, "quantity": 3}]})
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["fulfilment"] == "partially shipped"
    assert order["lines"][0]["status"] == "partially shipped" and order["lines"][0]["shipped"] == 3

    status, slip = await shop.api.call("GET", f"/api/shipments/{first['id']}/packing-slip.pdf")
    assert status == 200
    text = pdf_text(slip)
    assert "H01" in text and "WID-1" in text and "1 Loupe Lane" in text and "BOX-1" not in text

    await shop.call("POST", f"/api/shipments/{first['id']}/status", json={"action": "dispatch"})
    await shop.call("POST", f"/api/shipments/{first['id']}/status", json={"action": "out_for_delivery"})
    await shop.call("POST", f"/api/shipments/{first['id']}/status", json={"action": "deliver"})
    await shop.finish_jobs(order)
    rest = await shop.call("POST", f"/api/orders/{order['id']}/shipments", 201,
                           json={"carrier": "Evri", "tracking_number": "H02"})
    assert [line["quantity"] for line in rest["lines"]] == [1, 1]
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["fulfilment"] == "shipped" and order["status"] == "shipped" and order["state"] == "processing"
    await shop.call("POST", f"/api/shipments/{rest['id']}/status", json={"action": "exception"})
    await shop.call("POST", f"/api/shipments/{rest['id']}/status", json={"action": "deliver"})
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["fulfilment"] == "completed" and order["state"] == "complete"

    rma = await shop.call("POST", "/api/returns", 201, json={
        "order_id": order["id"], "reason": "chipped", "lines": [{"line_id": widgets, "quantity": 1,
                                                                 "location": "shelf-a"}]})
    assert rma["status"] == "expected"
    await shop.call("POST", f"/api/returns/{rma['id']}/receive", json={})
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["fulfilment"] == "partially returned" and order["lines"][0]["status"] == "partially returned"
    stock = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert stock["locations"]["shelf-a"]["on_hand"] == 2  # 5 - 4 shipped + 1 back

    rest_back = await shop.call("POST", "/api/returns", 201, json={"order_id": order["id"], "lines": [
        {"line_id": widgets, "quantity": 3, "disposition": "scrap"}, {"line_id": boxes, "quantity": 1}]})
    await shop.call("POST", f"/api/returns/{rest_back['id']}/receive", json={})
    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["fulfilment"] == "all returned"
    stock = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert stock["locations"]["main"]["on_hand"] == 0  # scrapped: booked in and written off


async def test_seed_001_cancel_lines_and_remove_an_order(shop: Shop):
    await shop.stock(shop.widget["id"], 2)
    order = await shop.order([(shop.widget["id"], 2), (shop.magnet_box["id"], 2)])
    widgets, boxes = (line["id"] for line in order["lines"])
    order = await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    order = await shop.call("POST", f"/api/orders/{order['id']}/schedule")
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 92

    order = await shop.call("POST", f"/api/orders/{order['id']}/cancel-lines",
                            json={"lines": [{"line_id": boxes}]})
    assert [line["status"] for line in order["lines"]] == ["ready", "cancelled"]
    assert order["status"] == "fulfilled" and order["fulfilment"] == "ready to ship"
    assert {j["status"] for j in order["jobs"]} == {"cancelled"}
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 100
    assert Decimal(order["pnl"]["revenue"]) == Decimal("20.00")

    order = await shop.call("POST", f"/api/orders/{order['id']}/cancel-lines",
                            json={"lines": [{"line_id": widgets, "quantity": 1}]})
    assert order["lines"][0]["active_quantity"] == 1
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 2, "allocated": 1, "available": 1}

    status, body = await shop.api.call("DELETE", f"/api/orders/{order['id']}", role="operator",
                                       json={"confirm": order["reference"]})
    assert status == 403
    status, body = await shop.api.call("DELETE", f"/api/orders/{order['id']}", json={"confirm": "nope"})
    assert status == 422 and body["error"]["field"] == "confirm"
    removed = await shop.call("DELETE", f"/api/orders/{order['id']}", json={"confirm": order["reference"]})
    assert removed["removed"] is True
    status, _ = await shop.api.call("GET", f"/api/orders/{order['id']}")
    assert status == 404
    levels = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert levels["locations"]["main"] == {"on_hand": 2, "allocated": 0, "available": 2}


async def test_seed_001_purchase_order_is_fulfilled_by_receiving_inventory(shop: Shop):
    po = await shop.call("POST", "/api/purchase-orders", 201, json={
        "supplier": "Magnets Ltd", "lines": [
            {"item_kind": "consumable", "item_id": shop.magnet["id"], "quantity": 50, "unit_cost": "0.08"},
            {"item_kind": "product", "item_id": shop.widget["id"], "quantity": 4, "unit_cost": "3.50"},
            {"item_kind": "filament", "material": "PETG", "colour": "#112233", "grams_per_spool": "1000",
             "quantity": 2, "unit_cost": "19.99"}]})
    assert po["status"] == "expected" and po["reference"].startswith("PO-")
    magnet_line, widget_line, filament_line = (line["id"] for line in po["lines"])

    po = await shop.call("POST", f"/api/purchase-orders/{po['id']}/receive", json={"lines": [
        {"line_id": magnet_line, "quantity": 20}, {"line_id": widget_line, "quantity": 4, "location": "bin-2"}]})
    assert po["status"] == "partially_received"
    assert [line["outstanding"] for line in po["lines"]] == [30, 0, 2]
    assert (await shop.call("GET", f"/api/consumables/{shop.magnet['id']}"))["stock"] == 120
    stock = await shop.call("GET", f"/api/products/{shop.widget['id']}/stock")
    assert stock["locations"]["bin-2"]["on_hand"] == 4
    async with shop.api.store.read() as db:
        cost = await db.scalar("SELECT unit_cost FROM stock_movements WHERE item_kind = 'product'"
                               " AND reason = 'receipt'")
        layer = await db.one("SELECT quantity, total_cost FROM consumable_layers WHERE reference = ?",
                             po["reference"])
    assert cost == "3.50" and Decimal(layer["total_cost"]) == Decimal("1.60")  # the FIFO layer at the PO's cost

    po = await shop.call("POST", f"/api/purchase-orders/{po['id']}/receive", json={})
    assert po["status"] == "received" and all(line["outstanding"] == 0 for line in po["lines"])
    spools = [s for s in (await shop.call("GET", "/api/spools"))["items"] if s["material"] == "PETG"]
    assert len(spools) == 2 and spools[0]["grams_left"] == "1000"
    status, body = await shop.api.call("POST", f"/api/purchase-orders/{po['id']}/receive", json={})
    assert status == 409 and body["error"]["allowed"] == []
    assert filament_line


async def test_seed_002_quote_po_payment_due_and_paid(shop: Shop):
    """Waiting for review (draft) → placed → PO provided → PO payment due → paid; on hold; cancelled."""
    quote = await shop.order([(shop.widget["id"], 3)], draft=True, shipping_charged="4.50")
    assert quote["fulfilment"] == "draft" and quote["payment_status"] == "unpaid"
    placed = await shop.call("POST", f"/api/orders/{quote['id']}/confirm")
    assert placed["state"] == "pending" and placed["fulfilment"] == "not started"

    due = (date.today() + timedelta(days=30)).isoformat()
    po = await shop.call("PUT", f"/api/orders/{quote['id']}/payment-terms",
                         json={"payment_terms": "po", "po_number": "PO-CUST-77", "payment_due_on": due})
    assert po["payment_status"] == "PO provided"
    overdue = await shop.call("PUT", f"/api/orders/{quote['id']}/payment-terms", json={
        "payment_terms": "po", "po_number": "PO-CUST-77", "payment_due_on": date.today().isoformat()})
    assert overdue["payment_status"] == "PO payment due"
    assert overdue["totals"]["total"] == "34.50"

    part = await shop.call("POST", f"/api/orders/{quote['id']}/payments", 201,
                           json={"amount": "30.00", "method": "bank_transfer"})
    assert part["payment_status"] == "PO payment due" and part["totals"]["balance"] == "4.50"
    paid = await shop.call("POST", f"/api/orders/{quote['id']}/payments", 201,
                           json={"amount": "4.50", "method": "bank_transfer", "reference": "BACS 1"})
    assert paid["payment_status"] == "paid"

    held = await shop.call("POST", f"/api/orders/{quote['id']}/hold")
    assert held["fulfilment"] == "on hold"
    status, body = await shop.api.call("POST", f"/api/orders/{quote['id']}/cancel")
    assert status == 409 and body["error"]["allowed"] == ["release"]
    await shop.call("POST", f"/api/orders/{quote['id']}/release")
    cancelled = await shop.call("POST", f"/api/orders/{quote['id']}/cancel")
    assert cancelled["fulfilment"] == "cancelled"
    refunded = await shop.call("POST", f"/api/orders/{quote['id']}/refunds", 201,
                               json={"amount": "34.50", "method": "bank_transfer"})
    assert refunded["payment_status"] == "refunded"
