"""Sets in the catalog through the API: nesting, cycles refused, expansion for Schedule All; bad input."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from odind.domain.costs.loader import expand_set, product_cogs
from tests.core.conftest import Api
from tests.costing.redfox_api import ok, upload

D = Decimal


async def _products(api: Api) -> dict[str, int]:
    await ok(api, "PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.02"})
    ids = {}
    for sku, grams in (("CUBE", 10), ("BALL", 25)):
        model = await upload(api, sku, [("PLA", "White", grams)], 600)
        product = await ok(api, "POST", "/api/products", 201, json={
            "sku": sku, "name": sku.title(), "sale_price": "3.00", "components": [{"model_id": model["id"]}]})
        ids[sku] = product["id"]
    return ids


async def _set(api: Api, sku: str, items: dict[int, int], expect: int = 201) -> dict:
    return await ok(api, "POST", "/api/sets", expect, json={
        "sku": sku, "name": sku, "sale_price": "10.00",
        "items": [{"product_id": pid, "quantity": q} for pid, q in items.items()]})


async def test_sets_nest_roll_up_and_expand(api: Api):
    ids = await _products(api)
    small = await _set(api, "SMALL", {ids["CUBE"]: 2, ids["BALL"]: 1})
    big = await _set(api, "BIG", {small["id"]: 3, ids["CUBE"]: 1})
    cogs = await ok(api, "GET", f"/api/products/{big['id']}/cogs")
    # SMALL = 2 x 0.20 + 0.50 = 0.90; BIG = 3 x 0.90 + 0.20
    assert D(cogs["breakdown"]["exact"]["total"]) == D("2.90")
    assert D(cogs["breakdown"]["grams"]) == 145
    async with api.store.read() as db:
        assert await expand_set(db, big["id"], 2) == sorted([(ids["CUBE"], 14), (ids["BALL"], 6)])
        assert await expand_set(db, ids["BALL"], 5) == [(ids["BALL"], 5)]
        assert (await product_cogs(db, big["id"], 2)).per_unit == D("2.90")


async def test_a_set_may_not_contain_itself(api: Api):
    ids = await _products(api)
    inner = await _set(api, "INNER", {ids["CUBE"]: 1})
    outer = await _set(api, "OUTER", {inner["id"]: 2})
    change = {"name": "INNER", "sale_price": "5.00"}
    status, body = await api.call("PUT", f"/api/sets/{inner['id']}", json={
        **change, "items": [{"product_id": inner["id"], "quantity": 1}]})
    assert status == 422 and body["error"]["field"] == "items"
    assert "contains itself" in body["error"]["message"]
    status, body = await api.call("PUT", f"/api/sets/{inner['id']}", json={
        **change, "items": [{"product_id": outer["id"], "quantity": 1}]})
    assert status == 422 and body["error"]["field"] == "items"
    assert body["error"]["cycle"] == ["INNER", "OUTER", "INNER"]
    unchanged = await ok(api, "GET", f"/api/sets/{inner['id']}")
    assert [item["sku"] for item in unchanged["items"]] == ["CUBE"]

    fine = await ok(api, "PUT", f"/api/sets/{inner['id']}", json={
        **change, "items": [{"product_id": ids["BALL"], "quantity": 2}]})
    assert [(item["sku"], item["quantity"]) for item in fine["items"]] == [("BALL", 2)]
    status, body = await api.call("POST", "/api/sets", json={"sku": "X", "name": "X", "sale_price": "1",
                                                             "items": [{"product_id": 9999}]})
    assert status == 404 and body["error"]["field"] == "items[0].product_id"
    status, body = await api.call("POST", "/api/sets", json={"sku": "Y", "name": "Y", "sale_price": "1", "items": []})
    assert status == 422 and body["error"]["field"] == "items"


@pytest.mark.parametrize(("body", "field"), [
    ({"labour_rate_per_hour": "-1"}, "labour_rate_per_hour"),
    ({"overhead_percent": "100.5"}, "overhead_percent"),
    ({"failure_buffer_percent": "-3"}, "failure_buffer_percent"),
    ({"electricity_price_per_kwh": 0.3}, "electricity_price_per_kwh"),
    ({"default_printer_model": "X1C"}, "default_printer_model"),
    ({"printer_models": {"X1C": {"purchase_cost": "1200", "expected_life_hours": "0", "watts": "350"}}},
     "printer_models.X1C.expected_life_hours"),
])
async def test_bad_cost_settings_name_the_field(api: Api, body, field):
    status, answer = await api.call("PUT", "/api/settings/costs", json=body)
    assert status == 422, answer
    assert answer["error"]["field"] == field


@pytest.mark.parametrize(("body", "field"), [
    ({"transaction_fee_percent": "120"}, "transaction_fee_percent"),
    ({"listing_fee": "-0.16"}, "listing_fee"),
    ({"monthly_subscriptions": "30"}, "expected_orders_per_month"),
    ({"transaction_fee_percent": "60", "payment_fee_percent": "40"}, "transaction_fee_percent"),
])
async def test_bad_channels_name_the_field(api: Api, body, field):
    status, answer = await api.call("POST", "/api/channels", json={"name": "Shop", **body})
    assert status == 422, answer
    assert answer["error"]["field"] == field


async def test_zero_weight_spool_and_bad_pricing_queries(api: Api, tmp_path: Path):
    status, answer = await api.call("POST", "/api/spools", json={"material": "PLA", "grams": "0", "cost": "20"})
    assert status == 422 and answer["error"]["field"] == "grams"
    ids = await _products(api)
    await ok(api, "POST", "/api/channels", 201, json={"name": "Direct", "kind": "direct"})
    base = f"/api/products/{ids['CUBE']}/pricing?channel=Direct"
    for query, field in (("&target_margin=100", "target_margin"), ("&price=-1", "price"),
                         ("&labour_hours=abc", "labour_hours"), ("&quantity=0", "quantity")):
        status, answer = await api.call("GET", base + query)
        assert status == 422 and answer["error"]["field"] == field, (query, answer)
    status, answer = await api.call("GET", f"/api/products/{ids['CUBE']}/pricing?channel=Nowhere")
    assert status == 404 and answer["error"]["field"] == "channel"


async def test_settings_and_channels_need_admin(api: Api):
    status, _ = await api.call("PUT", "/api/settings/costs", role="operator", json={})
    assert status == 403
    status, _ = await api.call("POST", "/api/channels", role="operator", json={"name": "Etsy"})
    assert status == 403
    channel = await ok(api, "POST", "/api/channels", 201, json={"name": "Etsy", "transaction_fee_percent": "6.5"})
    changed = await ok(api, "PUT", f"/api/channels/{channel['id']}",
                       json={"name": "Etsy UK", "transaction_fee_percent": "6.5", "platform": "etsy"})
    assert (changed["name"], changed["platform"], changed["transaction_fee_percent"]) == ("Etsy UK", "etsy", "6.5")
    assert [c["name"] for c in await ok(api, "GET", "/api/channels", role="viewer")] == ["Etsy UK"]
    await ok(api, "DELETE", f"/api/channels/{channel['id']}", 204)
    assert await ok(api, "GET", "/api/channels") == []


async def test_purge_spools_machine_and_power_reach_the_breakdown(api: Api):
    ids = await _products(api)
    model = await upload(api, "DUO", [("PLA", "White", 10), ("PLA", "Orange", 5)], 3600)
    duo = await ok(api, "POST", "/api/products", 201, json={
        "sku": "DUO", "name": "Two colours", "sale_price": "5", "labour_hours": "0.5",
        "components": [{"model_id": model["id"]}]})
    await ok(api, "POST", "/api/spools", 201, json={"material": "PLA", "colour": "#FFFFFF", "grams": "1000",
                                                     "cost": "25.00"})
    await ok(api, "PUT", "/api/settings/costs", json={
        "material_cost_per_gram": {"PLA": "0.02"}, "purge_grams_per_colour_change": "2",
        "filament_prices_from_spools": True, "labour_rate_per_hour": "10", "electricity_price_per_kwh": "0.30",
        "printer_models": {"MK4": {"purchase_cost": "1000", "expected_life_hours": "5000", "watts": "100"}}})
    cost = (await ok(api, "GET", f"/api/products/{duo['id']}/cogs"))["breakdown"]
    white, orange = cost["filaments"]
    assert (D(white["purge_grams"]), D(white["cost_per_gram"])) == (0, D("0.025"))  # the white spool's price
    assert (D(orange["purge_grams"]), D(orange["cost"])) == (2, D("0.14"))  # one colour change, 7 g at 0.02
    exact = {name: D(value) for name, value in cost["exact"].items()}
    assert exact["material"] == D("0.39")
    assert exact["depreciation"] == D("0.2")  # 1000 / 5000 h x 1 h
    assert exact["electricity"] == D("0.03")  # 1 h x 100 W x 0.30 / kWh
    assert exact["labour"] == D("5.0")
    assert sum(exact[name] for name in cost["lines"]) == exact["total"]

    await ok(api, "PUT", f"/api/products/{ids['CUBE']}/costing", json={
        "labour_hours": "0.25", "cost_overrides": {"labour_rate_per_hour": "20", "overhead_percent": "50"}})
    cube = (await ok(api, "GET", f"/api/products/{ids['CUBE']}/cogs"))["breakdown"]["exact"]
    # 10 g at 0.025, 600 s on the MK4, 0.25 h at the product's own £20/h, then its own 50 % overhead
    assert (D(cube["labour"]), D(cube["depreciation"]), D(cube["electricity"])) == (5, D("0.033333333333"),
                                                                                    D("0.005"))
    assert D(cube["subtotal"]) == D("5.288333333333")
    assert D(cube["total"]) == D("5.288333333333") * D("1.5")
    status, body = await api.call("PUT", f"/api/products/{ids['CUBE']}/costing", json={
        "cost_overrides": {"printer_model": "K1"}})
    assert status == 422 and body["error"]["field"] == "cost_overrides.printer_model"
