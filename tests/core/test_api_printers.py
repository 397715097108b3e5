"""Printers through the API against a real simulator, and the live event stream."""

from __future__ import annotations

import asyncio
import json

from odind.drivers.http.moonraker.sim import launch_simulator
from odind.vocabulary import LoadedFilament
from tests.core.conftest import Api


async def _wait_state(api: Api, printer_id: int, wanted: str) -> dict:
    for _ in range(200):
        status, printer = await api.call("GET", f"/api/printers/{printer_id}")
        assert status == 200
        if printer["status"]["state"] == wanted:
            return printer
        await asyncio.sleep(0.05)
    raise AssertionError(f"printer never became {wanted}: {printer['status']}")


async def test_add_watch_and_remove_a_printer(api: Api, tmp_path):
    sim = await launch_simulator(name="Voron", model="Voron 2.4", speed=100.0,
                                 filaments=[LoadedFilament(slot="0", material="PLA")], workdir=tmp_path / "sim")
    try:
        connection = {**sim.connection, "poll_interval_s": 0.1}
        status, printer = await api.call("POST", "/api/printers", json={
            "name": "Voron-1", "driver": "moonraker", "model": "Voron 2.4", "connection": connection})
        assert status == 201, printer
        await _wait_state(api, printer["id"], "idle")

        status, loaded = await api.call("PUT", f"/api/printers/{printer['id']}/filament", json={
            "filaments": [{"slot": "0", "material": "petg", "colour": "#ff0000"}]})
        assert status == 200
        assert loaded["loaded"][0]["material"] == "PETG" and loaded["loaded"][0]["colour"] == "#FF0000"
        for _ in range(100):
            live = (await api.call("GET", f"/api/printers/{printer['id']}"))[1]["status"]["filaments"]
            if live and live[0]["material"] == "PETG":
                break
            await asyncio.sleep(0.05)
        assert live[0]["material"] == "PETG"

        status, duplicate = await api.call("POST", "/api/printers", json={
            "name": "Voron-1", "driver": "moonraker", "connection": connection})
        assert status == 409 and duplicate["error"]["field"] == "name"

        status, _ = await api.call("DELETE", f"/api/printers/{printer['id']}")
        assert status == 200
        assert (await api.call("GET", f"/api/printers/{printer['id']}"))[0] == 404
    finally:
        await sim.close()


async def test_bad_printer_definitions_are_refused(api: Api):
    status, body = await api.call("POST", "/api/printers", json={"name": "X", "driver": "makerbot"})
    assert status == 422 and body["error"]["field"] == "driver"
    status, body = await api.call("POST", "/api/printers", json={
        "name": "X", "driver": "marlin", "connection": {"baud": 115200}})
    assert status == 422 and body["error"]["field"].startswith("connection.")
    status, body = await api.call("POST", "/api/printers", json={
        "name": "X", "driver": "moonraker", "nozzle_diameter": -1, "connection": {"url": "http://x"}})
    assert status == 422 and body["error"]["field"] == "nozzle_diameter"
    assert (await api.call("GET", "/api/printers"))[1] == []


async def test_plate_cleared_is_persisted(api: Api, store):
    async with store.transaction("test") as tx:
        await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                         " connection_json, source, plate_clear, created_at) VALUES (5, 'P', 'moonraker', 'M',"
                         " '0.4', '[200,200,200]', '{\"url\": \"http://127.0.0.1:9\"}', 'api', 0, 'now')")
    status, printer = await api.call("POST", "/api/printers/5/plate-cleared")
    assert status == 200 and printer["plate_clear"] is True
    async with store.read() as db:
        assert await db.scalar("SELECT plate_clear FROM printers WHERE id = 5") == 1
    assert (await api.call("POST", "/api/printers/5/plate-cleared", role="viewer"))[0] == 403


async def test_event_stream_delivers_changes_and_frees_the_subscriber(api: Api):
    before = api.store.bus.subscriber_count
    response = await api.client.get("/api/events", headers=api.auth("viewer"))
    assert response.status == 200 and response.content_type == "text/event-stream"
    await asyncio.sleep(0.05)
    assert api.store.bus.subscriber_count == before + 1
    status, _ = await api.call("POST", "/api/consumables", json={"sku": "SSE-1", "name": "x", "unit_cost": "1"})
    assert status == 201
    received = None
    async with asyncio.timeout(5):
        while received is None:
            line = (await response.content.readline()).decode()
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event["entity"] == "consumable":
                    received = event
    assert received["action"] == "created" and received["actor"] == "admin:admin"
    response.close()
    for _ in range(100):
        if api.store.bus.subscriber_count == before:
            break
        await asyncio.sleep(0.05)
    assert api.store.bus.subscriber_count == before


async def test_one_entitys_history_from_the_event_log(api: Api):
    status, made = await api.call("POST", "/api/consumables", json={"sku": "LOG-1", "name": "x", "unit_cost": "1"})
    assert status == 201
    await api.call("POST", f"/api/consumables/{made['id']}/stock", json={"quantity": 5})
    status, log = await api.call("GET", f"/api/events/log?entity=consumable&entity_id={made['id']}")
    assert status == 200
    assert [e["action"] for e in log][:2] == ["created", "stock_adjusted"]
    assert log[1]["data"]["quantity"] == 5
    status, body = await api.call("GET", "/api/events/log?entity=consumable&entity_id=x")
    assert status == 422 and body["error"]["field"] == "entity_id"


async def test_test_connection_reports_what_answered_and_saves_nothing(api: Api, tmp_path):
    sim = await launch_simulator(name="Voron", model="Voron 2.4", speed=100.0,
                                 filaments=[LoadedFilament(slot="0", material="PLA")], workdir=tmp_path / "sim")
    try:
        status, found = await api.call("POST", "/api/printers/test-connection", json={
            "driver": "moonraker", "connection": {**sim.connection, "poll_interval_s": 0.1}})
        assert status == 200, found
        assert found["reachable"] is True and found["state"] == "idle" and found["message"] is None
    finally:
        await sim.close()
    status, gone = await api.call("POST", "/api/printers/test-connection", json={
        "driver": "moonraker", "connection": {**sim.connection, "poll_interval_s": 0.1, "timeout_s": 0.5},
        "wait_s": 1})
    assert status == 200 and gone["reachable"] is False and gone["message"]
    status, bad = await api.call("POST", "/api/printers/test-connection", json={"driver": "marlin",
                                                                                "connection": {"baud": 1}})
    assert status == 422 and bad["error"]["field"].startswith("connection.")
    assert (await api.call("POST", "/api/printers/test-connection", role="operator",
                           json={"driver": "moonraker", "connection": {"url": "http://x"}}))[0] == 403
    assert (await api.call("GET", "/api/printers"))[1] == []
