"""Marketplace CSV import: Etsy's sold order items and a generic CSV, all or nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import aiohttp

from tests.orders.conftest import Shop

ETSY_HEADER = ["Sale Date", "Item Name", "Buyer", "Quantity", "Price", "Coupon Code", "Coupon Details",
               "Discount Amount", "Shipping Discount", "Order Shipping", "Order Sales Tax", "Item Total",
               "Currency", "Transaction ID", "Listing ID", "Date Paid", "Date Shipped", "Ship Name",
               "Ship Address1", "Ship Address2", "Ship City", "Ship State", "Ship Zipcode", "Ship Country",
               "Order ID", "Variations", "Order Type", "Listings Type", "Payment Type", "SKU"]


def etsy_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ETSY_HEADER)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in ETSY_HEADER})
    return "\ufeff" + out.getvalue()


def _row(order_id: str, sku: str, qty: str, price: str, **extra: str) -> dict[str, str]:
    return {"Sale Date": "11/20/26", "Item Name": f"Item {sku}", "Buyer": "buyer1", "Quantity": qty,
            "Price": price, "Currency": "GBP", "Order ID": order_id, "Ship Name": "Mary Shelley",
            "Ship Address1": "3 Frankenstein Row", "Ship City": "Bath", "Ship Zipcode": "BA1 1AA",
            "Ship Country": "United Kingdom", "Order Shipping": "3.95", "SKU": sku, **extra}


async def _counts(shop: Shop) -> tuple[int, int, int]:
    async with shop.api.store.read() as db:
        return (await db.scalar("SELECT COUNT(*) FROM orders"), await db.scalar("SELECT COUNT(*) FROM order_lines"),
                await db.scalar("SELECT COUNT(*) FROM line_items"))


async def _upload(shop: Shop, text: str, fmt: str) -> tuple[int, dict]:
    form = aiohttp.FormData()
    form.add_field("file", io.BytesIO(text.encode()), filename="orders.csv", content_type="text/csv")
    return await shop.api.call("POST", f"/api/orders/import?format={fmt}", data=form)


async def test_etsy_sold_order_items_become_orders_and_a_second_import_skips_them(shop: Shop):
    text = etsy_csv([
        _row("3141592653", "WID-1", "2", "10.00", **{"Discount Amount": "1.50"}),
        _row("3141592653", "BOX-1", "1", "24.00"),
        _row("2718281828", "WID-1", "1", "£11.00", **{"Ship Name": "Percy Shelley"}),
    ])
    status, result = await _upload(shop, text, "etsy")
    assert status == 201, result
    assert [o["reference"] for o in result["created"]] == ["ETSY-3141592653", "ETSY-2718281828"]
    first = await shop.call("GET", f"/api/orders/{result['created'][0]['id']}")
    assert first["platform"] == "etsy" and first["customer_name"] == "Mary Shelley"
    assert [(line["sku"], line["quantity"], line["unit_price"]) for line in first["lines"]] == [
        ("WID-1", 2, "10.00"), ("BOX-1", 1, "24.00")]
    assert first["shipping_charged"] == "3.95" and first["order_discount"] == "1.50"
    assert "3 Frankenstein Row" in first["ship_to"]
    assert Decimal(first["pnl"]["exact"]["revenue"]) == Decimal("44.00") - Decimal("1.50") + Decimal("3.95")

    before = await _counts(shop)
    status, again = await _upload(shop, text, "etsy")
    assert status == 201 and again["created"] == [] and again["skipped"] == ["ETSY-3141592653", "ETSY-2718281828"]
    assert await _counts(shop) == before


async def test_unknown_skus_and_bad_rows_import_nothing(shop: Shop):
    text = etsy_csv([
        _row("1", "WID-1", "1", "10.00"),
        _row("2", "NOPE-9", "1", "10.00"),
        _row("3", "WID-1", "two", "10.00"),
        _row("4", "GONE-1", "1", "abc"),
    ])
    before = await _counts(shop)
    status, body = await _upload(shop, text, "etsy")
    assert status == 422
    assert body["error"]["unknown_skus"] == ["GONE-1", "NOPE-9"]
    rows = {(p["row"], p["column"]) for p in body["error"]["problems"]}
    assert {(3, "sku"), (4, "quantity"), (5, "price"), (5, "sku")} <= rows
    assert await _counts(shop) == before


async def test_generic_csv_as_a_text_body(shop: Shop):
    text = ("order_reference,customer_name,sku,quantity,unit_price,platform,shipping\n"
            "W-100,Wholesale Ltd,WID-1,20,8.00,wholesale,12.00\n"
            "W-100,Wholesale Ltd,BOX-1,5,,wholesale,\n")
    status, result = await shop.api.call("POST", "/api/orders/import", data=text.encode(),
                                         headers={"Content-Type": "text/csv"})
    assert status == 201, result
    order = await shop.call("GET", f"/api/orders/{result['created'][0]['id']}")
    assert order["platform"] == "wholesale" and order["shipping_charged"] == "12.00"
    assert [(line["quantity"], line["unit_price"]) for line in order["lines"]] == [(20, "8.00"), (5, "25.00")]


async def test_a_csv_missing_columns_is_refused(shop: Shop):
    status, body = await shop.api.call("POST", "/api/orders/import?format=generic", data=b"sku,quantity\nWID-1,1\n",
                                       headers={"Content-Type": "text/csv"})
    assert status == 422 and body["error"]["missing_columns"] == ["order_reference", "customer_name"]
    status, body = await shop.api.call("POST", "/api/orders/import?format=amazon", data=b"x",
                                       headers={"Content-Type": "text/csv"})
    assert status == 422 and body["error"]["field"] == "format"
