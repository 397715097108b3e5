"""The unit file passes systemd's own checks, and the daemon speaks sd_notify from its loop."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from odind import sdnotify

UNIT = Path(__file__).resolve().parents[2] / "systemd" / "odind.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_unit_passes_systemd_analyze_verify(tmp_path):
    odind = Path(sys.executable).with_name("odind")
    unit = tmp_path / "odind.service"
    unit.write_text(UNIT.read_text().replace("/opt/odind/.venv/bin/odind", str(odind)))
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "odind.service" not in result.stdout + result.stderr  # systemd names the unit in every complaint


def test_unit_has_the_essentials():
    text = UNIT.read_text()
    for line in ("Type=notify", "WatchdogSec=", "Restart=on-failure", "DynamicUser=yes",
                 "SupplementaryGroups=dialout", "StateDirectory=odind", "ConfigurationDirectory=odind",
                 "ProtectSystem=strict"):
        assert line in text


async def test_notify_reaches_the_socket(tmp_path, monkeypatch):
    path = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(2)
    try:
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        monkeypatch.setenv("WATCHDOG_USEC", "200000")
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        assert sdnotify.notify("READY=1")
        assert server.recv(100) == b"READY=1"
        assert sdnotify.watchdog_interval() == pytest.approx(0.1)
        task = asyncio.create_task(sdnotify.watchdog(0.05))
        await asyncio.sleep(0.12)
        task.cancel()
        assert server.recv(100) == b"WATCHDOG=1"
    finally:
        server.close()


def test_notify_without_systemd_is_a_no_op(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert sdnotify.notify("READY=1") is False
