"""A daemon SIGKILLed after a change and before its message went out sends it after the restart, once."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp

from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.conftest import free_port
from tests.messages.peers import SmtpServer


def _config(path: Path, data_dir: Path, http_port: int, smtp_port: int) -> None:
    path.write_text(f"""data_dir = "{data_dir}"
log_level = "WARNING"
[http]
host = "127.0.0.1"
port = {http_port}
[messages]
retry_base_s = 0.2
[messages.smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
sender = "shop@redfox.example"
""", encoding="utf-8")


def _token(config: Path) -> str:
    return subprocess.run([sys.executable, "-m", "odind.cli", "token", "create", "--config", str(config), "--role",
                           "admin", "--name", "t"], check=True, capture_output=True, text=True).stdout.strip()


def _daemon(config: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "odind.cli", "run", "--config", str(config)],
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


async def _wait_healthy(session: aiohttp.ClientSession, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        assert proc.poll() is None, "the daemon exited"
        try:
            async with session.get("/api/health") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("the daemon did not come up")


async def _messages(session: aiohttp.ClientSession) -> list[dict]:
    async with session.get("/api/messages") as response:
        return (await response.json())["items"]


async def test_a_message_pending_at_sigkill_is_sent_once_after_the_restart(tmp_path: Path) -> None:
    http_port, smtp_port = free_port(), free_port()
    config, log = tmp_path / "odind.toml", tmp_path / "daemon.log"
    _config(config, tmp_path / "data", http_port, smtp_port)
    token = _token(config)
    proc = _daemon(config, log)
    smtp: SmtpServer | None = None
    try:
        async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{http_port}",
                                         headers={"Authorization": f"Bearer {token}"}) as session:
            await _wait_healthy(session, proc)
            await session.put("/api/settings/messages", json={"templates": {"order_received": {"enabled": True}}})
            form = aiohttp.FormData()
            gcode = synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FFFFFF", grams=5)],
                                      print_time_s=600, segments=10)
            form.add_field("file", io.BytesIO(gcode.encode()), filename="fox.gcode")
            async with session.post("/api/models", data=form) as response:
                model = await response.json()
            async with session.post("/api/products", json={"sku": "FOX", "name": "Fox", "sale_price": "9.00",
                                                           "components": [{"model_id": model["id"],
                                                                           "quantity": 1}]}) as response:
                product = await response.json()
            async with session.post("/api/orders", json={
                    "customer_name": "Ada", "customer_email": "ada@example.com", "reference": "KILL-1",
                    "lines": [{"product_id": product["id"], "quantity": 1}]}) as response:
                assert response.status == 201
            for _ in range(100):  # the mail server is not up yet: the message waits, tried at least once
                pending = await _messages(session)
                if pending and pending[0]["attempts"] >= 1:
                    break
                await asyncio.sleep(0.1)
            assert pending[0]["status"] == "pending" and pending[0]["attempts"] >= 1
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)

            smtp = SmtpServer(port=smtp_port).start()
            proc = _daemon(config, log)
            await _wait_healthy(session, proc)
            for _ in range(200):
                if smtp.mails and (await _messages(session))[0]["status"] == "sent":
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # time for a duplicate to show, were there one
            assert len(smtp.mails) == 1, log.read_text()
            assert smtp.mails[0]["Subject"] == "We have your order KILL-1"
            assert smtp.mails[0]["Message-ID"] == pending[0]["message_id"]
            (sent,) = await _messages(session)
            assert sent["status"] == "sent"
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(30)
        if smtp is not None:
            smtp.stop()
