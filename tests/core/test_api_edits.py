"""Edits the back office needs: orders before anything moved, products, consumables, channels, printers, spools.

Each has its refusals: a 4xx naming the field, and nothing stored changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from odind.domain.sales import orders
from tests.core.conftest import Api
from tests.core.factories import add_consumable, add_gcode_model, add_printer, add_product


async def _catalog(api: Api, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    model = await add_gcode_model(api.store, tmp_path, name="fox")
    magnet = await add_consumable(api.store, "MAG-1")
    product = await add_product(api.store, "FOX-1", price="6.50", models=[(model["id"], 1)],
                                consumables=[(magnet["id"], 2)])
    return model, magnet, product


def _product_body(model_id: int, **changes: Any) -> dict[str, Any]:
    return {"sku": "FOX-1", "name": "Fox", "sale_price": "7.00", "components": [{"model_id": model_id, "quantity": 2}],
            **changes}


async def test_product_edit_replaces_fields_and_bom(api: Api, tmp_path: Path) -> None:
    model, _, product = await _catalog(api, tmp_path)
    status, body = await api.call("PUT", f"/api/products/{product['id']}", json=_product_body(model["id"]))
    assert status == 200, body
    assert (body["name"], body["sale_price"], body["consumables"]) == ("Fox", "7.00", [])
    assert body["components"][0]["quantity"] == 2


async def test_product_edit_refusals_name_the_field(api: Api, tmp_path: Path) -> None:
    model, _, product = await _catalog(api, tmp_path)
    await add_product(api.store, "OTHER", price="1", models=[(model["id"], 1)])
    path = f"/api/products/{product['id']}"
    cases = [
        (_product_body(model["id"], sku="OTHER"), 409, "sku"),
        (_product_body(999), 404, "components[0].model_id"),
        (_product_body(model["id"], sale_price="-1"), 422, "sale_price"),
        (_product_body(model["id"], consumables=[{"consumable_id": 77}]), 404, "consumables[0].consumable_id"),
    ]
    for body, want, field in cases:
        status, answer = await api.call("PUT", path, json=body)
        assert (status, answer["error"]["field"]) == (want, field), answer
    status, answer = await api.call("PUT", "/api/products/999", json=_product_body(model["id"]))
    assert status == 404
    status, after = await api.call("GET", path)
    assert (after["name"], after["sale_price"], len(after["consumables"])) == ("Product FOX-1", "6.50", 1)


async def test_archived_product_is_kept_but_not_sold_until_restored(api: Api, tmp_path: Path) -> None:
    _, _, product = await _catalog(api, tmp_path)
    status, body = await api.call("POST", f"/api/products/{product['id']}/archive")
    assert status == 200 and body["archived"] is True
    status, body = await api.call("POST", f"/api/products/{product['id']}/archive")
    assert status == 409
    order = {"customer_name": "Ann", "lines": [{"product_id": product["id"], "quantity": 1}]}
    status, body = await api.call("POST", "/api/orders", json=order)
    assert (status, body["error"]["field"]) == (409, "lines[0].product_id")
    status, body = await api.call("POST", f"/api/products/{product['id']}/restore")
    assert status == 200 and body["archived"] is False
    status, _ = await api.call("POST", "/api/orders", json=order)
    assert status == 201


async def test_order_edit_before_anything_moved_then_refused_after_schedule(api: Api, tmp_path: Path) -> None:
    model, _, product = await _catalog(api, tmp_path)
    other = await add_product(api.store, "FOX-2", price="3.00", models=[(model["id"], 1)])
    status, order = await api.call("POST", "/api/orders", json={
        "customer_name": "Ann", "lines": [{"product_id": product["id"], "quantity": 1}]})
    path = f"/api/orders/{order['id']}"
    change = {"customer_name": "Ann Lee", "ship_by": "2030-01-02",
              "lines": [{"product_id": other["id"], "quantity": 3, "unit_discount": "0.50"}]}
    status, body = await api.call("PUT", path, json=change)
    assert status == 200, body
    assert body["customer_name"] == "Ann Lee" and body["ship_by"] == "2030-01-02"
    assert [(line["sku"], line["quantity"]) for line in body["lines"]] == [("FOX-2", 3)]
    assert body["pnl"]["revenue"] == "7.50"
    assert body["reference"] == order["reference"]
    status, bad = await api.call("PUT", path, json={**change, "lines": [{"product_id": 999, "quantity": 1}]})
    assert (status, bad["error"]["field"]) == (404, "lines[0].product_id")
    status, bad = await api.call("PUT", path, json={**change, "lines": []})
    assert (status, bad["error"]["field"]) == (422, "lines")
    await orders.schedule_all(api.store, "test", order["id"])
    status, bad = await api.call("PUT", path, json=change)
    assert (status, bad["error"]["field"]) == (409, "order_id")
    status, after = await api.call("GET", path)
    assert [(line["sku"], line["quantity"]) for line in after["lines"]] == [("FOX-2", 3)]


async def test_consumable_edit_and_archive(api: Api) -> None:
    magnet = await add_consumable(api.store, "MAG-1", stock=10)
    await add_consumable(api.store, "MAG-2")
    path = f"/api/consumables/{magnet['id']}"
    status, body = await api.call("PUT", path, role="operator", json={"sku": "MAG-1", "name": "Magnet 3x1",
                                                                       "reorder_point": 20})
    assert status == 200 and (body["name"], body["stock"], body["low_stock"]) == ("Magnet 3x1", 10, True)
    status, body = await api.call("PUT", path, json={"sku": "MAG-2", "name": "x"})
    assert (status, body["error"]["field"]) == (409, "sku")
    status, body = await api.call("PUT", path, json={"sku": "MAG-1", "name": "x", "reorder_point": -1})
    assert (status, body["error"]["field"]) == (422, "reorder_point")
    status, body = await api.call("POST", f"{path}/archive")
    assert status == 200 and body["archived"]
    assert (await api.call("POST", f"{path}/archive"))[0] == 409
    assert (await api.call("POST", "/api/consumables/999/archive"))[0] == 404
    assert (await api.call("PUT", path, role="viewer", json={"sku": "MAG-1", "name": "x"}))[0] == 403


async def test_channel_archive_and_restore(api: Api) -> None:
    status, channel = await api.call("POST", "/api/channels", json={"name": "Etsy", "transaction_fee_percent": "6.5"})
    assert status == 201, channel
    path = f"/api/channels/{channel['id']}"
    assert (await api.call("POST", f"{path}/archive", role="operator"))[0] == 403
    status, body = await api.call("POST", f"{path}/archive")
    assert status == 200 and body["archived"]
    assert (await api.call("POST", f"{path}/archive"))[0] == 409
    status, body = await api.call("POST", f"{path}/restore")
    assert status == 200 and not body["archived"]
    assert (await api.call("POST", "/api/channels/999/restore"))[0] == 404


async def test_printer_edit_connection_and_details(api: Api) -> None:
    printer_id = await add_printer(api.store, "Voron")
    await add_printer(api.store, "Other")
    path = f"/api/printers/{printer_id}"
    body = {"name": "Voron-2", "driver": "moonraker", "model": "Voron 2.4", "tags": ["big"],
            "connection": {"url": "http://127.0.0.1:10"}}
    status, answer = await api.call("PUT", path, json=body)
    assert status == 200, answer
    assert (answer["name"], answer["tags"]) == ("Voron-2", ["big"])
    status, answer = await api.call("PUT", path, json={**body, "name": "Other"})
    assert (status, answer["error"]["field"]) == (409, "name")
    status, answer = await api.call("PUT", path, json={**body, "driver": "marlin", "connection": {"baud": 1}})
    assert status == 422 and answer["error"]["field"].startswith("connection")
    assert (await api.call("PUT", path, role="operator", json=body))[0] == 403
    assert (await api.call("PUT", "/api/printers/999", json=body))[0] == 404
    status, after = await api.call("GET", path)
    assert after["name"] == "Voron-2" and after["driver"] == "moonraker"


async def test_spool_weighed_and_moved(api: Api) -> None:
    printer_id = await add_printer(api.store, "Voron")
    status, spool = await api.call("POST", "/api/spools", json={"material": "PLA", "grams": "1000"})
    path = f"/api/spools/{spool['id']}"
    status, body = await api.call("PUT", path, role="operator", json={"grams_left": "640.5", "printer_id": printer_id})
    assert status == 200, body
    assert (body["grams_left"], body["printer_id"]) == ("640.5", printer_id)
    status, body = await api.call("PUT", path, json={"on_shelf": True})
    assert status == 200 and body["printer_id"] is None and body["grams_left"] == "640.5"
    cases = [({"grams_left": "1200"}, 422, "grams_left"), ({"printer_id": 999}, 404, "printer_id"),
             ({"grams_left": "-1"}, 422, "grams_left"), ({"on_shelf": True, "printer_id": printer_id}, 422, "on_shelf")]
    for change, want, field in cases:
        status, answer = await api.call("PUT", path, json=change)
        assert (status, answer["error"]["field"]) == (want, field), answer
    assert (await api.call("PUT", "/api/spools/999", json={"on_shelf": True}))[0] == 404
    status, spools = await api.call("GET", "/api/spools")
    assert spools["items"][0]["grams_left"] == "640.5" and spools["items"][0]["printer_id"] is None
