"""Consumable purchases through the API: FIFO layers, cost at use, the audit trail, the stock ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest

from odind.domain.costs.purchases import STOCK_BEFORE_PURCHASES, cost_reserved_consumables
from odind.store.stock import inventory as inventory_sql
from tests.core.conftest import Api
from tests.costing.redfox_api import ok

D = Decimal


async def _consumable(api: Api, sku: str = "INSERT-M3", stock: int = 0, unit_cost: str = "0") -> int:
    created = await ok(api, "POST", "/api/consumables", 201, role="operator",
                       json={"sku": sku, "name": f"{sku} item", "unit_cost": unit_cost, "stock": stock})
    return created["id"]


async def _buy(api: Api, cid: int, quantity: int, total: str, day: str, **extra: object) -> dict:
    return await ok(api, "POST", f"/api/consumables/{cid}/purchases", 201, role="operator",
                    json={"quantity": quantity, "total_cost": total, "purchased_on": day, "supplier": "Acme",
                          "reference": f"PO-{day}", **extra})


async def _use(api: Api, cid: int, quantity: int, **extra: object) -> dict:
    return await ok(api, "POST", f"/api/consumables/{cid}/usage", 201, role="operator",
                    json={"quantity": quantity, **extra})


async def test_usage_draws_oldest_layers_first_and_records_the_cost(api: Api):
    cid = await _consumable(api)
    first = await _buy(api, cid, 10, "1.00", "2026-11-01")
    assert first["consumable"]["stock"] == 10 and D(first["consumable"]["unit_cost"]) == D("0.1")
    second = await _buy(api, cid, 10, "2.00", "2026-11-05")
    assert second["consumable"]["stock"] == 20
    assert D(second["consumable"]["unit_cost"]) == D("0.2")  # quotes follow the latest purchase

    used = await _use(api, cid, 15, order_id=7, job_id=3)
    assert D(used["exact_cost"]) == D("2.00")  # 10 x 0.10 + 5 x 0.20
    assert [(d["layer_id"], D(d["quantity"]), D(d["cost"])) for d in used["draws"]] == [
        (first["layer"]["id"], 10, D("1.00")), (second["layer"]["id"], 5, D("1.00"))]
    assert used["consumable"]["stock"] == 5

    backdated = await _buy(api, cid, 5, "0.50", "2026-10-01")
    assert D(backdated["consumable"]["unit_cost"]) == D("0.2")  # an older purchase does not change the quote
    again = await _use(api, cid, 6)
    assert D(again["exact_cost"]) == D("0.70")  # 5 x 0.10 from October, then 1 x 0.20

    layers = await ok(api, "GET", f"/api/consumables/{cid}/purchases", role="viewer")
    assert [(layer["purchased_on"], D(layer["remaining"])) for layer in layers["layers"]] == [
        ("2026-10-01", 0), ("2026-11-01", 0), ("2026-11-05", 4)]
    assert D(layers["exact_stock_value"]) == D("0.80")
    trail = await ok(api, "GET", f"/api/consumables/{cid}/usage", role="viewer")
    assert [(t["order_id"], t["job_id"], t["reference"]) for t in trail[:2]] == [(7, 3, "PO-2026-11-01"),
                                                                                  (7, 3, "PO-2026-11-05")]
    assert sum(D(t["cost"]) for t in trail) == D("2.70")

    async with api.store.read() as db:
        ledger = await inventory_sql.movements(db, "consumable", cid)
    assert [(m["reason"], m["quantity"]) for m in ledger] == [("receipt", 10), ("receipt", 10), ("use", -15),
                                                              ("receipt", 5), ("use", -6)]

    status, body = await api.call("POST", f"/api/consumables/{cid}/usage", role="operator", json={"quantity": 5})
    assert status == 409 and body["error"]["code"] == "insufficient_stock"


async def test_stock_from_before_purchases_is_drawn_first_at_its_recorded_cost(api: Api):
    cid = await _consumable(api, stock=4, unit_cost="0.05")
    await _buy(api, cid, 10, "1.00", "2026-11-01")
    used = await _use(api, cid, 6)
    assert D(used["exact_cost"]) == D("0.40")  # 4 x 0.05 opening stock + 2 x 0.10
    assert used["draws"][0]["reference"] == STOCK_BEFORE_PURCHASES
    trail = await ok(api, "GET", f"/api/consumables/{cid}/usage")
    assert trail[0]["reference"] == STOCK_BEFORE_PURCHASES


async def test_packs_units_and_purchasing_settings(api: Api):
    cid = await _consumable(api, "GLUE")
    await ok(api, "PUT", f"/api/consumables/{cid}/purchasing", role="operator",
             json={"unit": "ml", "reorder_point": 100, "reorder_quantity": 500, "preferred_supplier": "GlueCo",
                   "lead_days": 4})
    bought = await _buy(api, cid, 2, "9.00", "2026-11-01", unit="pack", pack_size=250)
    view = bought["consumable"]
    assert (view["stock"], view["unit"], view["preferred_supplier"], view["lead_days"]) == (500, "ml", "GlueCo", 4)
    assert D(view["unit_cost"]) == D("0.018")
    status, body = await api.call("PUT", f"/api/consumables/{cid}/purchasing", role="operator",
                                  json={"unit": "g"})
    assert status == 422 and body["error"]["field"] == "unit"


@pytest.mark.parametrize(("fields", "field"), [
    ({"quantity": 1, "total_cost": "1", "unit": "g"}, "unit"),
    ({"quantity": 1, "total_cost": "1", "unit": "pack"}, "pack_size"),
    ({"quantity": 1, "total_cost": "-1"}, "total_cost"),
    ({"quantity": 0, "total_cost": "1"}, "quantity"),
    ({"quantity": "2.5", "total_cost": "1"}, "quantity"),
    ({"quantity": 1, "total_cost": 1.5}, "total_cost"),
])
async def test_bad_purchases_name_the_field(api: Api, fields, field):
    cid = await _consumable(api)
    status, body = await api.call("POST", f"/api/consumables/{cid}/purchases", role="operator", json=fields)
    assert status == 422, body
    assert body["error"]["field"] == field
    assert (await ok(api, "GET", f"/api/consumables/{cid}"))["stock"] == 0


async def test_purchases_need_the_operator_role(api: Api):
    cid = await _consumable(api)
    status, _ = await api.call("POST", f"/api/consumables/{cid}/purchases", role="viewer",
                               json={"quantity": 1, "total_cost": "1"})
    assert status == 403


async def test_reserved_consumables_are_charged_fifo_once(api: Api):
    cid = await _consumable(api, "MAG-3X1")
    await _buy(api, cid, 1, "5.00", "2026-11-01", unit="pack", pack_size=100)
    async with api.store.transaction("test") as tx:
        await inventory_sql.move(tx, item_kind="consumable", item_id=cid, quantity=-8, reason="reserve", order_id=41)
        charged = await cost_reserved_consumables(tx, 41)
        assert [(c.quantity, c.cost) for c in charged] == [(8, D("0.40"))]
        assert await cost_reserved_consumables(tx, 41) == []
    trail = await ok(api, "GET", f"/api/consumables/{cid}/usage")
    assert [(t["order_id"], D(t["quantity"])) for t in trail] == [(41, 8)]
