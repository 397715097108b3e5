"""The shop's branding, changed from the back office, is what its invoices and pages show."""

from __future__ import annotations

import io

import aiohttp
import pypdf
from PIL import Image

from tests.orders.conftest import Shop


def _png(width: int, height: int) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 26)).save(data, "PNG")
    return data.getvalue()


def _upload(data: bytes, filename: str = "logo.png") -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("file", io.BytesIO(data), filename=filename)
    return form


async def test_branding_starts_from_the_config_and_an_admin_changes_it_for_invoices_and_pages(shop: Shop):
    start = await shop.call("GET", "/api/settings/branding", role="viewer")
    assert (start["business_name"], start["currency"], start["has_logo"]) == ("My Print Farm", "GBP", False)

    changed = await shop.call("PUT", "/api/settings/branding", json={
        "business_name": "Red Fox Prints", "address_lines": ["1 Den Lane", "Foxton FX1 1AA"],
        "accent_colour": "#C8501A", "locale": "en-GB", "footer": "Thank you for buying handmade"})
    assert changed["business_name"] == "Red Fox Prints" and changed["currency"] == "GBP"
    assert (await shop.call("GET", "/api/me", role="viewer"))["shop"]["name"] == "Red Fox Prints"

    await shop.call("PUT", "/api/settings/branding/logo", data=_upload(_png(300, 100)))
    status, logo = await shop.api.call("GET", "/api/settings/branding/logo", role="viewer")
    assert status == 200 and Image.open(io.BytesIO(logo)).size == (300, 100)

    order = await shop.order([(shop.widget["id"], 1)], reference="BRAND-1")
    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert status == 200 and "Red Fox Prints" in text and "1 Den Lane" in text and "handmade" in text
    assert [image.image.size for image in page.images] == [(300, 100)]

    recent = await shop.call("GET", "/api/events/log?limit=10")
    assert [(e["entity"], e["action"], e["actor"]) for e in recent if e["entity"] == "shop"] == [
        ("shop", "logo_set", "admin:admin"), ("shop", "branding_set", "admin:admin")]

    await shop.call("DELETE", "/api/settings/branding/logo")
    assert (await shop.call("GET", "/api/settings/branding"))["has_logo"] is False
    await shop.call("GET", "/api/settings/branding/logo", expect=404)


async def test_branding_refuses_bad_input_by_field_and_non_admins(shop: Shop):
    body = {"business_name": "Fox", "accent_colour": "orange"}
    refused = await shop.call("PUT", "/api/settings/branding", expect=422, json=body)
    assert refused["error"]["field"] == "accent_colour"
    refused = await shop.call("PUT", "/api/settings/branding", expect=422,
                              json={"business_name": "Fox", "address_lines": ["ok", ""]})
    assert refused["error"]["field"].startswith("address_lines")
    await shop.call("PUT", "/api/settings/branding", expect=403, role="operator", json={"business_name": "Mine"})

    refused = await shop.call("PUT", "/api/settings/branding/logo", expect=422, data=_upload(b"GIF89a not a logo"))
    assert refused["error"]["field"] == "file"
    await shop.call("PUT", "/api/settings/branding/logo", expect=413, data=_upload(b"\\0" * (2 << 20)))
    await shop.call("PUT", "/api/settings/branding/logo", expect=415, json={"file": "logo.png"})
    assert (await shop.call("GET", "/api/settings/branding"))["business_name"] == "My Print Farm"


async def test_a_configured_logo_file_that_is_not_an_image_is_left_off_the_invoice(shop: Shop):
    bad = shop.api.config.data_dir / "logo.png"
    bad.write_text("not an image")
    shop.api.config.branding.logo = bad
    assert (await shop.call("GET", "/api/settings/branding"))["has_logo"] is False
    order = await shop.order([(shop.widget["id"], 1)], reference="BRAND-2")
    status, pdf = await shop.api.call("GET", f"/api/orders/{order['id']}/invoice.pdf")
    assert status == 200 and len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == 0
