"""The order endpoints read in one pass: a fixed number of queries whatever the number of orders,
lines or payments, so the order list and the order page stay quick at 10,000 orders."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from odind.domain.sales import orders, payments
from tests.core.conftest import Api
from tests.core.factories import add_consumable, add_gcode_model, add_product

pytestmark = pytest.mark.asyncio


async def _orders(api: Api, tmp_path: Path, tag: str, count: int, lines: int, paid: int) -> list[int]:
    model = await add_gcode_model(api.store, tmp_path, name=tag)
    products = [await add_product(api.store, f"SKU-{tag}-{i}", price="9.50", models=[(model["id"], 1)])
                for i in range(lines)]
    made = []
    for n in range(count):
        order = await orders.create_order(api.store, "test", orders.OrderIn(
            customer_name=f"Customer {n}", lines=[orders.OrderLineIn(product_id=p["id"], quantity=2)
                                                  for p in products]), default_tax_rate=Decimal(20))
        for _ in range(paid):
            payment = payments.PaymentIn(amount=Decimal("1.00"), method=payments.Method.CASH)
            await payments.record_payment(api.store, "test", order["id"], payment)
        made.append(order["id"])
    return made


async def _queries(api: Api, path: str) -> int:
    """Reads one answer takes; the caller's token is read once and then remembered, so it is warmed first."""
    assert (await api.call("GET", "/api/me"))[0] == 200
    before = api.store.queries.n
    status, _ = await api.call("GET", path)
    assert status == 200
    return api.store.queries.n - before


async def test_one_order_costs_the_same_reads_with_one_line_or_twelve(api: Api, tmp_path: Path):
    small = (await _orders(api, tmp_path, "a", count=1, lines=1, paid=0))[0]
    large = (await _orders(api, tmp_path, "b", count=1, lines=12, paid=5))[0]
    small_reads = await _queries(api, f"/api/orders/{small}")
    assert small_reads == await _queries(api, f"/api/orders/{large}")
    assert small_reads <= 20  # the token, the order, nine kinds of fact, today's costing once for gaps


async def test_a_page_of_orders_costs_the_same_reads_for_two_orders_or_thirty(api: Api, tmp_path: Path):
    await _orders(api, tmp_path, "a", count=2, lines=2, paid=1)
    two = await _queries(api, "/api/orders?limit=50")
    await _orders(api, tmp_path, "b", count=28, lines=3, paid=2)
    assert await _queries(api, "/api/orders?limit=50") == two
    assert two <= 21


async def test_pages_walk_every_order_once_with_a_total(api: Api, tmp_path: Path):
    made = await _orders(api, tmp_path, "x", count=7, lines=1, paid=0)
    seen, cursor, late = [], None, 0
    while True:
        status, page = await api.call("GET", "/api/orders?limit=3" + (f"&cursor={cursor}" if cursor else ""))
        assert status == 200 and page["total"] == 7 + late
        seen += [order["id"] for order in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        await _orders(api, tmp_path, f"late{len(seen)}", count=1, lines=1, paid=0)  # newer: not on later pages
        late += 1
    assert seen == sorted(made, reverse=True)


async def test_search_and_status_filter_the_page_and_its_total(api: Api, tmp_path: Path):
    await _orders(api, tmp_path, "x", count=3, lines=1, paid=0)
    status, page = await api.call("GET", "/api/orders?q=customer%201")
    assert status == 200 and page["total"] == 1 and page["items"][0]["customer_name"] == "Customer 1"
    status, page = await api.call("GET", "/api/orders?status=shipped")
    assert status == 200 and page == {"items": [], "total": 0, "next_cursor": None}


@pytest.mark.parametrize("query, field", [("limit=0", "limit"), ("limit=501", "limit"), ("limit=%C2%B2", "limit"),
                                          ("cursor=nope", "cursor"), ("cursor=aWQ6eA", "cursor")])
async def test_bad_paging_is_a_422_naming_the_parameter(api: Api, query: str, field: str):
    status, body = await api.call("GET", f"/api/orders?{query}")
    assert status == 422 and body["error"]["field"] == field


async def test_the_openapi_document_describes_the_page_and_its_parameters(api: Api):
    _, doc = await api.call("GET", "/api/openapi.json")
    operation = doc["paths"]["/api/orders"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"limit", "cursor", "status", "q", "customer_id"}
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(page["required"]) == {"items", "total", "next_cursor"}


async def test_products_come_in_pages_searchable_by_sku_and_name(api: Api, tmp_path: Path):
    await _orders(api, tmp_path, "cat", count=1, lines=5, paid=0)  # five products SKU-cat-0..4
    status, first = await api.call("GET", "/api/products?limit=2&q=sku-cat")
    assert status == 200 and first["total"] == 5 and len(first["items"]) == 2
    status, rest = await api.call("GET", f"/api/products?limit=10&q=sku-cat&cursor={first['next_cursor']}")
    assert [p["sku"] for p in first["items"] + rest["items"]] == [f"SKU-cat-{i}" for i in range(5)]
    assert rest["next_cursor"] is None
    status, none = await api.call("GET", "/api/products?kind=set")
    assert status == 200 and none["total"] == 0


async def test_models_come_in_pages_searchable_by_name_and_file_name_and_name_their_products(
        api: Api, tmp_path: Path):
    made = [await add_gcode_model(api.store, tmp_path, name=name) for name in ("fox_ear", "fox-tail", "walnut")]
    status, first = await api.call("GET", "/api/models?limit=1&q=fox_")
    assert status == 200 and first["total"] == 1 and first["items"][0]["name"] == "fox_ear"  # `_` is no wildcard
    status, page = await api.call("GET", "/api/models?limit=1&q=FOX")
    status, rest = await api.call("GET", f"/api/models?limit=1&q=FOX&cursor={page['next_cursor']}")
    assert page["total"] == 2 and [m["name"] for m in page["items"] + rest["items"]] == ["fox_ear", "fox-tail"]
    assert rest["next_cursor"] is None
    status, walnut = await api.call("GET", "/api/models?q=walnut.gcode")
    assert [m["id"] for m in walnut["items"]] == [made[2]["id"]] and walnut["next_cursor"] is None

    await add_product(api.store, "TAIL-1", price="5.00", models=[(made[1]["id"], 2)])
    await add_product(api.store, "NUT-1", price="3.00", models=[(made[2]["id"], 1)])
    status, using = await api.call("GET", f"/api/products?model_id={made[1]['id']}")
    assert status == 200 and [p["sku"] for p in using["items"]] == ["TAIL-1"] and using["total"] == 1
    status, body = await api.call("GET", "/api/products?model_id=0")
    assert status == 422 and body["error"]["field"] == "model_id"


@pytest.mark.parametrize("path", ["/api/returns", "/api/purchase-orders", "/api/transfers", "/api/batches",
                                  "/api/spools", "/api/models"])
async def test_every_list_is_a_page_with_a_total_and_documented_paging(api: Api, path: str):
    status, page = await api.call("GET", f"{path}?limit=5")
    assert status == 200 and page == {"items": [], "total": 0, "next_cursor": None}
    status, body = await api.call("GET", f"{path}?limit=501")
    assert status == 422 and body["error"]["field"] == "limit"
    _, doc = await api.call("GET", "/api/openapi.json")
    assert {"limit", "cursor"} <= {p["name"] for p in doc["paths"][path]["get"]["parameters"]}


async def test_purchase_orders_page_newest_first_and_a_new_one_does_not_shift_the_next_page(api: Api):
    consumable = await add_consumable(api.store, "BOX-1")

    async def raise_po(n: int) -> int:
        status, po = await api.call("POST", "/api/purchase-orders", json={"supplier": f"Supplier {n}", "lines": [
            {"item_kind": "consumable", "item_id": consumable["id"], "quantity": 10, "unit_cost": "0.20"}]})
        assert status == 201, po
        return int(po["id"])

    made = [await raise_po(n) for n in range(5)]
    status, first = await api.call("GET", "/api/purchase-orders?limit=2")
    assert status == 200
    assert first["total"] == 5 and [po["id"] for po in first["items"]] == made[:-3:-1]
    await raise_po(99)
    _, second = await api.call("GET", f"/api/purchase-orders?limit=2&cursor={first['next_cursor']}")
    _, third = await api.call("GET", f"/api/purchase-orders?limit=2&cursor={second['next_cursor']}")
    assert [po["id"] for po in second["items"] + third["items"]] == made[2::-1] and third["next_cursor"] is None
