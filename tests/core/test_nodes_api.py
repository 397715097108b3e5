"""GET /api/nodes: each node with its printers, version and heartbeat age; a lost one said so."""

from __future__ import annotations

import asyncio

from odind.domain import nodes, printers
from odind.runtime.connections import check_connection
from tests.core.conftest import Api


async def test_nodes_list_their_printers_and_liveness(api: Api) -> None:
    await nodes.register(api.store, "room-1")
    await nodes.register(api.store, "room-2")
    await printers.add_printer(api.store, "test", printers.PrinterIn(
        name="mk4-a", driver="prusalink", model="MK4", connection={"url": "http://127.0.0.1:9", "api_key": "k"}),
        check_connection, node="room-2")
    status, body = await api.call("GET", "/api/nodes", role="viewer")
    assert status == 200
    listed = {n["name"]: n for n in body["nodes"]}
    assert set(listed) == {"room-1", "room-2"}
    assert [p["name"] for p in listed["room-2"]["printers"]] == ["mk4-a"] and listed["room-1"]["printers"] == []
    assert all(n["alive"] and n["schema"] >= 11 and 0 <= n["heartbeat_age_s"] < 30 for n in body["nodes"])

    await asyncio.sleep(0.1)
    lost = await nodes.list_nodes(api.store, lease_s=0.05)
    assert not any(n["alive"] for n in lost)
