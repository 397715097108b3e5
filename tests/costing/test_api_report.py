"""Order cost snapshots, cost history and the profitability report (JSON, CSV, SVG) through the API."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from decimal import Decimal

from tests.core.conftest import Api
from tests.costing.redfox_api import DIRECT, ETSY, build, ok

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"


async def _order(api: Api, platform: str, lines: list[tuple[int, int, str]]) -> int:
    order = await ok(api, "POST", "/api/orders", 201, role="operator", json={
        "platform": platform, "customer_name": "Ada",
        "lines": [{"product_id": pid, "quantity": q, "unit_price": price} for pid, q, price in lines]})
    return order["id"]


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


async def test_orders_keep_their_costs_and_the_report_adds_up(api: Api):
    ids = await build(api)
    await ok(api, "POST", "/api/channels", 201, json=ETSY)
    await ok(api, "POST", "/api/channels", 201, json=DIRECT)
    etsy_order = await _order(api, "etsy", [(ids["FOX-SET-001"], 1, "54.99")])
    kept = await ok(api, "POST", f"/api/orders/{etsy_order}/costs/snapshot", role="operator")
    assert kept["snapshotted"] and kept["channel"] == "Etsy UK"
    assert (kept["cogs"], kept["fees"], kept["profit"]) == ("5.36", "7.36", "42.27")
    assert D(kept["exact"]["profit"]) == D("54.99") - D("5.36") - D("7.36074")
    direct_order = await _order(api, "direct", [(ids["FOX-005"], 2, "6.50"), (ids["FOX-003"], 1, "6.50")])
    made = await ok(api, "GET", f"/api/orders/{direct_order}/costs", role="viewer")
    assert made["snapshotted"] and D(made["exact"]["cogs"]) == D("1.44")  # kept when the order was made
    async with api.store.transaction("test") as tx:  # as an order from before costing existed would be
        await tx.execute("DELETE FROM order_costs WHERE order_id = ?", direct_order)

    await ok(api, "PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.06"})
    again = await ok(api, "GET", f"/api/orders/{etsy_order}/costs", role="viewer")
    assert again["cogs"] == "5.36"  # the price rise does not rewrite a sold order
    today = await ok(api, "GET", f"/api/orders/{direct_order}/costs")
    assert not today["snapshotted"] and D(today["exact"]["cogs"]) == D("2.88")  # (2 x 18 g + 12 g) x 0.06

    history = await ok(api, "GET", f"/api/products/{ids['FOX-SET-001']}/cost-history", role="viewer")
    totals = [(entry["total"], entry["change"]) for entry in history["snapshots"]]
    assert totals[-1] == ("9.62", "4.26") and ("5.36", None) in totals
    assert history["snapshots"][-1]["reason"] == "price of PLA changed"

    window = f"from={_today()}&to={_today()}"
    by_product = await ok(api, "GET", f"/api/reports/profitability?{window}&group=product", role="viewer")
    assert (by_product["orders"], by_product["estimated_orders"]) == (2, 1)
    rows = {row["key"]: row for row in by_product["rows"]}
    assert list(rows) == ["FOX-SET-001", "FOX-005", "FOX-003"]
    assert (rows["FOX-SET-001"]["kind"], rows["FOX-SET-001"]["profit"]) == ("set", "42.27")
    assert (rows["FOX-005"]["revenue"], rows["FOX-005"]["cogs"], rows["FOX-005"]["fees"]) == ("13.00", "2.16", "0.00")
    totals = by_product["totals"]
    assert D(totals["exact"]["revenue"]) == D("74.49")
    assert D(totals["exact"]["profit"]) == sum(D(row["exact"]["profit"]) for row in rows.values())

    by_channel = await ok(api, "GET", f"/api/reports/profitability?{window}&group=channel")
    assert {row["key"]: row["margin_percent"] for row in by_channel["rows"]} == {
        "Etsy UK": "76.87", "Direct": "85.23"}  # 42.26926 / 54.99; (19.50 - 2.88) / 19.50
    by_set = await ok(api, "GET", f"/api/reports/profitability?{window}&group=set")
    assert [row["key"] for row in by_set["rows"]] == ["FOX-SET-001"]

    response = await api.client.get(f"/api/reports/profitability.csv?{window}", headers=api.auth("viewer"))
    assert response.status == 200 and response.content_type == "text/csv"
    table = list(csv.reader(io.StringIO(await response.text())))
    assert table[0][:3] == ["product", "name", "kind"]
    assert [line[0] for line in table[1:]] == ["FOX-SET-001", "FOX-005", "FOX-003", "total"]
    assert table[-1][5] == "74.49"

    response = await api.client.get(f"/api/reports/profitability.svg?{window}&group=channel",
                                    headers=api.auth("viewer"))
    assert response.status == 200 and response.content_type == "image/svg+xml"
    svg = ET.fromstring(await response.text())
    assert svg.tag == f"{SVG}svg"
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert "Etsy UK" in labels and "Direct" in labels
    assert len(list(svg.iter(f"{SVG}rect"))) == 4  # revenue and profit per channel

    empty = await ok(api, "GET", "/api/reports/profitability?from=2000-01-01&to=2000-01-31")
    assert empty["rows"] == [] and empty["totals"]["revenue"] == "0.00"


async def test_report_refuses_bad_ranges_and_groups(api: Api):
    for query, field in (("group=colour", "group"), ("from=yesterday", "from"),
                         ("from=2026-11-02&to=2026-11-01", "to")):
        status, body = await api.call("GET", f"/api/reports/profitability?{query}")
        assert status == 422 and body["error"]["field"] == field, body


async def test_openapi_lists_the_costing_routes_with_roles_and_media_types(api: Api):
    response = await api.client.get("/api/openapi.json")
    paths = (await response.json())["paths"]
    assert paths["/api/settings/costs"]["put"]["x-required-role"] == "admin"
    assert paths["/api/channels"]["post"]["x-required-role"] == "admin"
    assert paths["/api/consumables/{consumable_id}/purchases"]["post"]["x-required-role"] == "operator"
    assert "image/svg+xml" in paths["/api/reports/profitability.svg"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in paths["/api/reports/profitability.csv"]["get"]["responses"]["200"]["content"]
    for path in ("/api/products/{product_id}/cogs", "/api/products/{product_id}/pricing",
                 "/api/products/{product_id}/pricing/compare", "/api/products/{product_id}/cost-history",
                 "/api/sets", "/api/sets/{set_id}", "/api/orders/{order_id}/costs"):
        assert path in paths, path
