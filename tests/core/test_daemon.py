"""The daemon's own wiring: start in order, periodic work, close in reverse."""

from __future__ import annotations

import asyncio

from odind.config import Config
from odind.daemon import Daemon
from odind.domain.sales import allocation


async def test_daemon_starts_serves_retries_backorders_and_stops(tmp_path, monkeypatch, store_url):
    calls = []

    async def counting_retry(store, actor="backorders"):  # type: ignore[no-untyped-def]
        calls.append(actor)
        return 0

    monkeypatch.setattr(allocation, "retry_backorders", counting_retry)
    config = Config(data_dir=tmp_path, http={"host": "127.0.0.1", "port": 0},
                    sales={"backorder_retry_interval_s": 0.05}, store={"url": store_url})
    daemon = Daemon(config)
    await daemon.start()
    try:
        assert daemon.port and daemon.port > 0
        reader, writer = await asyncio.open_connection("127.0.0.1", daemon.port)
        writer.write(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert (await reader.read()).startswith(b"HTTP/1.1 200")
        writer.close()
        for _ in range(100):
            if len(calls) >= 2:
                break
            await asyncio.sleep(0.05)
        assert len(calls) >= 2
    finally:
        await daemon.stop()
    assert len(daemon.tasks) == 0
    assert (tmp_path / "odind.db").exists() is (store_url is None)  # PostgreSQL leaves no file behind
