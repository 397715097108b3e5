"""The API's error cases: every bad request gets its 4xx with a JSON body naming the field, and
changes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from odind.modelfiles import synth
from odind.store.postgres import PgStore
from odind.vocabulary import FilamentNeed
from tests.core.conftest import Api

pytestmark = pytest.mark.asyncio


def _form(name: str, data: bytes):  # type: ignore[no-untyped-def]
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("file", io.BytesIO(data), filename=name, content_type="application/octet-stream")
    return form


async def _counts(api: Api) -> tuple[int, ...]:
    async with api.store.read() as db:
        return tuple([await db.scalar(f"SELECT COUNT(*) FROM {t}") for t in
                      ("models", "products", "consumables", "orders", "jobs", "stock_movements")])


async def test_health_needs_no_token(api: Api):
    response = await api.client.get("/api/health")
    assert response.status == 200 and (await response.json())["status"] == "ok"


async def test_missing_and_invalid_tokens(api: Api):
    response = await api.client.get("/api/orders")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    response = await api.client.get("/api/orders", headers={"Authorization": "Bearer odt_nope"})
    assert response.status == 401


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/consumables", {"sku": "X", "name": "x", "unit_cost": "1"}),
    ("POST", "/api/products", {"sku": "X", "name": "x", "sale_price": "1"}),
    ("POST", "/api/orders", {"customer_name": "x", "lines": [{"product_id": 1, "quantity": 1}]}),
    ("PUT", "/api/settings/materials/PLA", {"cost_per_gram": "0.02"}),
    ("POST", "/api/printers", {"name": "x", "driver": "marlin", "connection": {"port": "/dev/null"}}),
    ("POST", "/api/orders/1/schedule", None),
    ("POST", "/api/orders/1/cancel", None),
    ("DELETE", "/api/printers/1", None),
])
async def test_viewer_cannot_change_anything(api: Api, method, path, body):
    before = await _counts(api)
    status, payload = await api.call(method, path, role="viewer", json=body)
    assert status == 403, payload
    assert payload["error"]["code"] == "forbidden"
    assert await _counts(api) == before


async def test_operator_cannot_do_admin_things(api: Api):
    status, _ = await api.call("PUT", "/api/settings/materials/PLA", role="operator", json={"cost_per_gram": "1"})
    assert status == 403


@pytest.mark.parametrize(("body", "field"), [
    ({"sku": "A", "name": "a", "unit_cost": "abc"}, "unit_cost"),
    ({"sku": "A", "name": "a", "unit_cost": "-1"}, "unit_cost"),
    ({"sku": "A", "name": "a", "unit_cost": "NaN"}, "unit_cost"),
    ({"sku": "", "name": "a", "unit_cost": "1"}, "sku"),
    ({"sku": "A", "name": "a", "unit_cost": "1", "stock": -5}, "stock"),
    ({"sku": "A", "name": "a", "unit_cost": "1", "colour": "red"}, "colour"),
])
async def test_bad_consumables_are_refused_naming_the_field(api: Api, body, field):
    status, payload = await api.call("POST", "/api/consumables", json=body)
    assert status == 422, payload
    assert payload["error"]["field"] == field
    assert (await _counts(api))[2] == 0


async def test_duplicate_sku_is_a_conflict(api: Api):
    body = {"sku": "MAG", "name": "Magnet", "unit_cost": "0.05", "stock": 3}
    assert (await api.call("POST", "/api/consumables", json=body))[0] == 201
    status, payload = await api.call("POST", "/api/consumables", json=body)
    assert status == 409 and payload["error"]["field"] == "sku"
    assert (await _counts(api))[2] == 1


async def test_malformed_json_and_wrong_content_type(api: Api):
    status, payload = await api.call("POST", "/api/consumables", data=b"{not json",
                                     headers={"Content-Type": "application/json"})
    assert status == 400 and payload["error"]["code"] == "bad_request"
    status, _ = await api.call("POST", "/api/consumables", data=b"sku=x")
    assert status == 400
    status, _ = await api.call("POST", "/api/consumables", json=[1, 2])
    assert status == 400


async def test_unknown_ids_and_zero_quantities(api: Api):
    assert (await api.call("GET", "/api/orders/999"))[0] == 404
    assert (await api.call("GET", "/api/orders/abc"))[0] == 404
    assert (await api.call("POST", "/api/orders/999/schedule"))[0] == 404
    status, payload = await api.call("POST", "/api/products", json={
        "sku": "P", "name": "p", "sale_price": "1", "components": [{"model_id": 42, "quantity": 1}]})
    assert status == 404 and payload["error"]["field"] == "components[0].model_id"
    status, payload = await api.call("POST", "/api/orders", json={
        "customer_name": "x", "lines": [{"product_id": 1, "quantity": 0}]})
    assert status == 422 and payload["error"]["field"] == "lines.0.quantity"
    status, payload = await api.call("POST", "/api/orders", json={"customer_name": "x", "lines": []})
    assert status == 422
    assert await _counts(api) == (0, 0, 0, 0, 0, 0)


async def test_illegal_transition_is_409_listing_allowed_actions(api: Api, tmp_path):
    status, product = await api.call("POST", "/api/products", json={"sku": "P", "name": "p", "sale_price": "2.50"})
    assert status == 201
    status, order = await api.call("POST", "/api/orders", json={
        "customer_name": "x", "lines": [{"product_id": product["id"], "quantity": 1}]})
    status, payload = await api.call("POST", f"/api/orders/{order['id']}/ship",
                                     json={"carrier": "DHL", "tracking_number": "1"})
    assert status == 409
    assert payload["error"]["code"] == "illegal_transition"
    assert payload["error"]["allowed"] == ["cancel", "schedule"]


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("fox.3mf", b"this is not a zip"),
    ("fox.gcode.3mf", _zip({"../../etc/evil.gcode": b"G1 X1"})),
    ("fox.3mf", _zip({"/abs/path.gcode": b"G1 X1"})),
    ("bomb.3mf", _zip({"Metadata/plate_1.gcode": b"\0" * (20 << 20)})),
    ("fox.stl", b"solid fox"),
])
async def test_dangerous_uploads_are_refused(api: Api, name, data):
    status, payload = await api.call("POST", "/api/models", data=_form(name, data))
    assert status in (413, 422), payload
    assert payload["error"]["field"] == "file"
    assert (await _counts(api))[0] == 0
    assert not list((api.config.data_dir / "models").glob("*")) if (api.config.data_dir / "models").exists() else True
    assert not list((api.config.data_dir / "uploads").glob("*"))


async def test_upload_over_the_size_limit_is_413(api: Api):
    status, payload = await api.call("POST", "/api/models", data=_form("big.gcode", b"G1 X1\n" * 400_000))
    assert status == 413 and payload["error"]["field"] == "file"
    assert (await _counts(api))[0] == 0


async def test_model_without_metadata_is_accepted_as_unknown(api: Api):
    status, model = await api.call("POST", "/api/models", data=_form("plain.gcode", b"G28\nG1 X10 Y10\n"))
    assert status == 201
    assert model["metadata_known"] is False and model["print_time_s"] is None


async def test_sliced_upload_metadata_is_parsed(api: Api):
    gcode = synth.prusa_gcode(filaments=[FilamentNeed(material="PETG", colour="#112233", grams=12.5)],
                              print_time_s=3723, segments=10)
    status, model = await api.call("POST", "/api/models", data=_form("part.gcode", gcode.encode()))
    assert status == 201
    assert model["metadata_known"] is True and model["print_time_s"] == 3723
    assert model["metadata"]["filaments"][0]["material"] == "PETG"


async def test_openapi_lists_the_routes(api: Api):
    response = await api.client.get("/api/openapi.json")
    document = await response.json()
    assert response.status == 200
    assert "/api/orders/{order_id}/schedule" in document["paths"]
    assert document["paths"]["/api/products"]["post"]["requestBody"]


async def test_unknown_route_is_json_404(api: Api):
    response = await api.client.get("/api/nothing-here", headers=api.auth())
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"


async def test_a_body_that_never_finishes_is_cut_off_with_a_408(api: Api):
    """Slowloris: headers promise 100 bytes, one arrives; the daemon answers instead of waiting for ever."""
    import asyncio

    api.config.http.request_timeout_s = 0.5
    server = api.client.server
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(("POST /api/consumables HTTP/1.1\r\nHost: odind\r\nContent-Type: application/json\r\n"
                  f"Authorization: Bearer {api.tokens['admin']}\r\nContent-Length: 100\r\n\r\n{{").encode())
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(4096), 10)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408") and b'"request_timeout"' in answer
    status, _ = await api.call("GET", "/api/consumables")  # nothing was left holding the store
    assert status == 200


async def test_a_full_disk_refuses_the_write_in_words_keeps_serving_reads_and_recovers(api: Api):
    """SQLite's own 'database or disk is full' (max_page_count stands in for the SD card filling up)."""
    if isinstance(api.store, PgStore):
        pytest.skip("the full SD card is the shelf node's SQLite file; PostgreSQL lives on its server's disk")
    writer = api.store._writer
    assert writer is not None
    async with writer.execute("PRAGMA page_count") as cursor:
        pages = (await cursor.fetchone())[0]
    await writer.execute(f"PRAGMA max_page_count = {pages}")
    try:
        for n in range(200):  # fill what free space the last pages still had, then one write too many
            before = await _counts(api)
            status, body = await api.call("POST", "/api/consumables", json={
                "sku": f"BIG-{n}", "name": "Big one", "unit_cost": "0.05", "stock": 10, "notes": "y" * 3900})
            if status != 201:
                break
        assert status == 507 and body["error"]["code"] == "storage_full", body
        assert await _counts(api) == before  # nothing half-written
        status, _ = await api.call("GET", "/api/consumables")
        assert status == 200
    finally:
        await writer.execute("PRAGMA max_page_count = 1073741823")
    status, _ = await api.call("POST", "/api/consumables", json={"sku": "AFTER-1", "name": "x", "unit_cost": "0.05"})
    assert status == 201
