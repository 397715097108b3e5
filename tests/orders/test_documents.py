"""Invoices with discounts, shipping, per-line tax and refunds; credit notes; multi-page invoices;
gapless numbering - all read back from the PDFs' text."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf

from tests.core.factories import add_gcode_model, add_product
from tests.orders.conftest import Shop


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


async def test_invoice_with_discounts_shipping_tax_rates_refund_and_credit_note(shop: Shop):
    await shop.stock(shop.widget["id"], 3)
    await shop.stock(shop.magnet_box["id"], 1)
    order = await shop.call("POST", "/api/orders", 201, json={
        "customer_name": "Grace Hopper", "reference": "INV-TEST", "shipping_charged": "5.00",
        "order_discount": "5.20", "ship_to": ["2 Compiler Close", "York"],
        "lines": [{"product_id": shop.widget["id"], "quantity": 3, "unit_discount": "1.00", "tax_rate": "20"},
                  {"product_id": shop.magnet_box["id"], "quantity": 1, "tax_rate": "5"}]})
    order = await shop.call("POST", f"/api/orders/{order['id']}/allocate", json={})
    assert order["status"] == "fulfilled"
    # goods 30 + 25 = 55; line discount 3; order discount 5.20 shared 27:25 → 2.70 / 2.50
    # tax 20% x 24.30 = 4.86 and 5% x 22.50 = 1.125; shipping 5.00 untaxed → total 57.785 → £57.79
    assert order["totals"]["total"] == "57.79" and order["totals"]["tax"] == "5.99"

    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    assert status == 200
    text = "\n".join(pdf_pages(pdf))
    for expected in ("INV-000001", "Grace Hopper", "2 Compiler Close", "£55.00", "−£8.20", "£5.00",
                     "VAT 20%", "£4.86", "VAT 5%", "£1.13", "£57.79"):
        assert expected in text, expected

    await shop.call("POST", f"/api/orders/{order['id']}/payments", 201, json={"amount": "57.79", "method": "card"})
    await shop.call("POST", f"/api/orders/{order['id']}/shipments", 201, json={"carrier": "DHL"})
    widget_line = order["lines"][0]["id"]
    rma = await shop.call("POST", "/api/returns", 201, json={"order_id": order["id"], "refund_amount": "10.80",
                                                             "lines": [{"line_id": widget_line, "quantity": 1}]})
    await shop.call("POST", f"/api/returns/{rma['id']}/receive", json={"refund_method": "card"})
    ledger = await shop.call("GET", f"/api/orders/{order['id']}/payments")
    assert [p["kind"] for p in ledger["payments"]] == ["payment", "refund"]
    credit = ledger["credit_notes"][0]
    assert credit["number"] == "CN-000001" and credit["amount"] == "10.80"

    order = await shop.call("GET", f"/api/orders/{order['id']}")
    assert order["pnl"]["refunds"] == "10.80"
    assert Decimal(order["pnl"]["exact"]["revenue"]) == Decimal("55") - Decimal("8.20") + Decimal("5") - Decimal(
        "10.80")
    assert order["fulfilment"] == "partially returned"

    status, pdf = await shop.api.call("GET", f"/api/credit-notes/{credit['id']}.pdf")
    assert status == 200
    text = "\n".join(pdf_pages(pdf))
    assert "CN-000001" in text and "INV-000001" in text and "£10.80" in text and "RMA-" in text

    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    text = "\n".join(pdf_pages(pdf))
    assert "INV-000001" in text and "−£10.80" in text and "£46.99" in text  # balance after the refund


async def test_invoice_numbers_stay_gapless_and_a_long_order_spans_pages(shop: Shop, tmp_path):
    model = await add_gcode_model(shop.api.store, tmp_path, name="tiny")
    products = [await add_product(shop.api.store, f"SKU-{n:03d}", price="1.00", models=[(model["id"], 1)])
                for n in range(45)]
    for product in products:
        await shop.stock(product["id"], 1)
    first = await shop.order([(p["id"], 1) for p in products])
    pending = await shop.order([(shop.widget["id"], 1)])
    status, _ = await shop.api.call("GET", f"/api/orders/{pending['id']}/invoice.pdf")  # a pro forma
    assert status == 200
    await shop.call("POST", f"/api/orders/{first['id']}/allocate", json={})
    status, pdf = await shop.api.call("GET", f"/api/orders/{first['id']}/invoice.pdf")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2 and "SKU-044" in pages[-1] and "INV-000001" in pages[0]
    status, again = await shop.api.call("GET", f"/api/orders/{first['id']}/invoice.pdf")
    assert "INV-000001" in pdf_pages(again)[0]

    await shop.stock(shop.widget["id"], 1)
    await shop.call("POST", f"/api/orders/{pending['id']}/allocate", json={})
    status, pdf = await shop.api.call("GET", f"/api/orders/{pending['id']}/invoice.pdf")
    assert "INV-000002" in pdf_pages(pdf)[0]
    status, body = await shop.api.call("DELETE", f"/api/orders/{pending['id']}",
                                       json={"confirm": pending["reference"]})
    assert status == 409 and "credit" in body["error"]["message"]  # an invoiced order is credited, never removed
