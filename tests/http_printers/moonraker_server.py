"""A real Moonraker server, started by the tests on a free port, in front of the tests' Klippy socket.

Moonraker runs from `.venv-moonraker` (scripts/setup.sh installs the `moonraker` package there: it
pins its own dependencies). Its data path is written fresh with a config that names the Klippy
socket, turns off the system provider (no systemd or D-Bus in a test) and keeps the API key on;
the tests read that key over Moonraker's own Unix socket, as its `fetch-apikey` script does.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MOONRAKER = ROOT / ".venv-moonraker" / "bin" / "moonraker"
VERSION = "0.11.0"
START_TIMEOUT_S = 60.0


def _config(port: int, klippy_socket: Path) -> str:
    return f"""\
[server]
host: 127.0.0.1
port: {port}
klippy_uds_address: {klippy_socket}

[machine]
provider: none
validate_service: False
validate_config: False

[authorization]

[file_manager]
enable_object_processing: False
"""


class MoonrakerServer:
    """One `moonraker` process; `stop()` and `start()` again keep its port and data path."""

    def __init__(self, data_path: Path, port: int, klippy_socket: Path) -> None:
        self.data_path = data_path
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.api_key = ""
        self._process: subprocess.Popen[bytes] | None = None
        (data_path / "config").mkdir(parents=True, exist_ok=True)
        (data_path / "gcodes").mkdir(exist_ok=True)
        (data_path / "config" / "moonraker.conf").write_text(_config(port, klippy_socket))

    @property
    def gcodes(self) -> Path:
        return self.data_path / "gcodes"

    def start(self) -> None:
        """Start the server and wait until it answers; read its API key over its Unix socket."""
        log = (self.data_path / "moonraker.out").open("ab")
        self._process = subprocess.Popen(
            [str(MOONRAKER), "--datapath", str(self.data_path), "--nologfile"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        try:
            self.api_key = self._wait_for_key()
        except BaseException:  # a timeout, a crash, or the test run interrupted: never leave it running
            self.stop()
            raise

    def _wait_for_key(self) -> str:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"moonraker exited with {self._process.returncode}; {self.log_tail()}")
            try:
                key = self._unix_call("access.get_api_key")
                if isinstance(key, str) and key:
                    self.api_key = key
                    self.get("/server/info")
                    return key
            except (OSError, ValueError, http.client.HTTPException):
                pass  # not up yet
            time.sleep(0.2)
        raise RuntimeError(f"Moonraker did not come up within {START_TIMEOUT_S:g} s; {self.log_tail()}")

    def _unix_call(self, method: str) -> Any:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(str(self.data_path / "comms" / "moonraker.sock"))
            sock.sendall(json.dumps({"jsonrpc": "2.0", "method": method, "id": 1}).encode() + b"\x03")
            data = b""
            while not data.endswith(b"\x03"):
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("Moonraker closed its Unix socket")
                data += chunk
        return json.loads(data[:-1]).get("result")

    def stop(self, *, abruptly: bool = False) -> None:
        """End the server: SIGTERM (or SIGKILL, like a crash), then SIGKILL if it lingers."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGKILL if abruptly else signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)

    def get(self, path: str) -> Any:
        """One REST call, blocking: for tests checking what Moonraker itself says."""
        request = urllib.request.Request(self.url + path, headers={"X-Api-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())["result"]

    def log_tail(self) -> str:
        path = self.data_path / "moonraker.out"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"last lines of {path}:\n" + "\n".join(text.splitlines()[-15:])
