"""The Red Fox worked figures (red-fox.md) reproduced through the HTTP API alone."""

from __future__ import annotations

from decimal import Decimal

from tests.core.conftest import Api
from tests.costing.redfox_api import DIRECT, ETSY, build, ok

D = Decimal

PART_COSTS = {"FOX-001": "1.13", "FOX-002": "0.17", "FOX-003": "0.36", "FOX-004": "0.06", "FOX-005": "0.54",
              "FOX-006": "0.20", "FOX-007": "0.14", "FOX-008": "0.06"}
BATCH = "quantity=3&labour_hours=8"


async def test_red_fox_costs_and_prices_through_the_api(api: Api):
    ids = await build(api)
    for sku, cost in PART_COSTS.items():
        part = await ok(api, "GET", f"/api/products/{ids[sku]}/cogs", role="viewer")
        assert D(part["breakdown"]["exact"]["total"]) == D(cost), sku

    one = (await ok(api, "GET", f"/api/products/{ids['FOX-SET-001']}/cogs"))["breakdown"]
    assert D(one["grams"]) == 142
    assert (one["lines"]["material"], one["lines"]["consumables"], one["total"]) == ("4.26", "1.10", "5.36")
    assert {line["sku"]: D(line["quantity"]) for line in one["consumables"]} == {"MAG-3X1": 14, "MAG-6X2": 5}

    await ok(api, "PUT", "/api/settings/costs", json={"material_cost_per_gram": {"PLA": "0.03"},
                                                      "labour_rate_per_hour": "12", "overhead_percent": "10"})
    batch = await ok(api, "GET", f"/api/products/{ids['FOX-SET-001']}/cogs?{BATCH}")
    lines = batch["breakdown"]
    assert {name: D(lines["exact"][name]) for name in ("material", "consumables", "labour", "subtotal", "overhead",
                                                       "total")} == {
        "material": D("12.78"), "consumables": D("3.30"), "labour": D("96.00"), "subtotal": D("112.08"),
        "overhead": D("11.208"), "total": D("123.288")}
    assert (lines["lines"]["overhead"], lines["total"]) == ("11.21", "123.29")
    assert (D(batch["exact_per_unit"]), batch["per_unit"]) == (D("41.096"), "41.10")

    await ok(api, "POST", "/api/channels", 201, json=ETSY)
    await ok(api, "POST", "/api/channels", 201, json=DIRECT)
    etsy = await ok(api, "GET", f"/api/products/{ids['FOX-SET-001']}/pricing?channel=Etsy%20UK&price=54.99"
                                f"&target_margin=30&{BATCH}", role="viewer")
    at = etsy["at_price"]
    assert (D(at["exact"]["fees"]), D(at["exact"]["profit"])) == (D("7.36074"), D("6.53326"))
    assert (at["fees"], at["profit"], at["margin_percent"]) == ("7.36", "6.53", "11.88")
    assert etsy["break_even_price"] == "47.52"
    assert etsy["for_target"]["price"] == "72.35"
    assert etsy["for_target"]["exact_price"].startswith("72.3484")
    assert D(etsy["for_target"]["quote"]["exact"]["margin_percent"]) >= 30

    side = await ok(api, "GET", f"/api/products/{ids['FOX-SET-001']}/pricing/compare?target_margin=30&{BATCH}")
    assert side["price"] == "54.99"  # the set's own sale price when no ?price= is given
    rows = {row["channel"]: row for row in side["channels"]}
    assert list(rows) == ["Etsy UK", "Direct"]
    direct = rows["Direct"]
    assert (direct["at_price"]["profit"], direct["at_price"]["margin_percent"]) == ("13.89", "25.27")
    assert (direct["break_even_price"], direct["for_target"]["price"]) == ("41.10", "58.71")
    assert rows["Etsy UK"]["at_price"]["profit"] == "6.53"


async def test_set_listing_and_unit_cogs_roll_up_members(api: Api):
    ids = await build(api)
    fox_set = await ok(api, "GET", f"/api/sets/{ids['FOX-SET-001']}")
    assert fox_set["kind"] == "set" and fox_set["category"] == "sets"
    assert {item["sku"]: item["quantity"] for item in fox_set["items"]}["FOX-004"] == 8
    assert D(fox_set["cogs"]["total"]) == D("5.36")
    sets = await ok(api, "GET", "/api/sets")
    assert [entry["sku"] for entry in sets] == ["FOX-SET-001"]
    status, _ = await api.call("GET", f"/api/sets/{ids['FOX-001']}")
    assert status == 404
