"""The open quote request form: off unless the shop turns it on, files parsed like models, bounded, throttled."""

from __future__ import annotations

import io

import aiohttp

from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.messages.conftest import Shop


def _form(name: str = "Ada", email: str = "ada@example.com", request: str = "2 foxes please",
          file: tuple[str, bytes] | None = None) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("name", name)
    form.add_field("email", email)
    form.add_field("request", request)
    if file is not None:
        form.add_field("file", io.BytesIO(file[1]), filename=file[0])
    return form


async def _post(shop: Shop, form: aiohttp.FormData) -> tuple[int, str]:
    response = await shop.api.client.post("/request", data=form)  # no token: anyone on the network
    return response.status, await response.text()


async def test_the_form_is_off_until_the_shop_turns_it_on(shop: Shop):
    assert (await shop.api.client.get("/request")).status == 404
    status, _ = await _post(shop, _form())
    assert status == 404
    assert (await shop.call("GET", "/api/quotes"))["total"] == 0
    status, _ = await shop.api.call("PUT", "/api/settings/quotes", role="operator", json={"public_requests": True})
    assert status == 403
    await shop.call("PUT", "/api/settings/quotes", json={"public_requests": True})
    page = await shop.api.client.get("/request")
    assert page.status == 200 and "Ask for a quote" in await page.text()


async def test_a_request_with_a_sliced_file_becomes_a_quote_with_the_parsed_model(shop: Shop):
    await shop.call("PUT", "/api/settings/quotes", json={"public_requests": True})
    await shop.call("PUT", "/api/settings/messages", json={"templates": {"quote_requested": {"enabled": True}}})
    gcode = synth.prusa_gcode(filaments=[FilamentNeed(material="PETG", colour="#FF0000", grams=42)],
                              print_time_s=5400, segments=20).encode()
    status, page = await _post(shop, _form(name="<b>Eve</b>", file=("fox.gcode", gcode)))
    assert status == 201 and "Thank you" in page and "<b>Eve</b>" not in page
    (listed,) = (await shop.call("GET", "/api/quotes"))["items"]
    quote = await shop.call("GET", f"/api/quotes/{listed['id']}")
    assert quote["status"] == "requested" and quote["request"] == "2 foxes please"
    model = await shop.call("GET", f"/api/models/{quote['model_id']}")
    assert model["metadata"]["print_time_s"] == 5400 and model["metadata"]["filaments"][0]["grams"] == 42
    await shop.sender.drain()
    (alert,) = shop.smtp.mails
    assert alert["To"] == "floor@redfox.example" and quote["reference"] in alert["Subject"]


async def test_bad_requests_are_refused_and_leave_nothing_behind(shop: Shop):
    await shop.call("PUT", "/api/settings/quotes", json={"public_requests": True})
    models_before = (await shop.call("GET", "/api/models"))["total"]
    status, page = await _post(shop, _form(file=("invoice.pdf", b"%PDF-1.4 not a model")))
    assert status == 422 and "unsupported file type" in page
    status, _ = await _post(shop, _form(file=("broken.3mf", b"PK\x03\x04 not really a zip")))
    assert status == 422
    status, page = await _post(shop, _form(email="not-an-address"))
    assert status == 422 and "email" in page
    status, _ = await _post(shop, _form(name="Eve\r\nBcc: all@example.com"))
    assert status == 422
    assert (await shop.call("GET", "/api/quotes"))["total"] == 0
    assert (await shop.call("GET", "/api/models"))["total"] == models_before


async def test_an_address_sending_too_many_requests_is_told_to_wait(shop: Shop):
    await shop.call("PUT", "/api/settings/quotes", json={"public_requests": True})
    statuses = [(await _post(shop, _form(request=f"request {n}")))[0] for n in range(7)]
    assert statuses[:5] == [201] * 5 and statuses[5:] == [429, 429]
    assert (await shop.call("GET", "/api/quotes"))["total"] == 5


async def test_a_file_over_the_open_forms_cap_is_413_and_nothing_is_kept(shop: Shop, monkeypatch, tmp_path):
    from odind.domain.sales import quotes

    monkeypatch.setattr(quotes, "PUBLIC_UPLOAD_MB", 1)
    await shop.call("PUT", "/api/settings/quotes", json={"public_requests": True})
    status, page = await _post(shop, _form(file=("big.gcode", b";" * ((1 << 20) + 1))))
    assert status == 413 and "1 MiB" in page
    assert (await shop.call("GET", "/api/quotes"))["total"] == 0
    uploads = shop.api.config.data_dir / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())  # the partial file is gone
