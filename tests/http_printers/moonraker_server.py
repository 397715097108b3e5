"""A real Moonraker server, started by the tests on a free port, in front of the tests' Klippy socket.

Moonraker (PyPI `moonraker`) runs from `.venv-moonraker` (see peer_process.py). Its data path is
written fresh with a config that names the Klippy socket, turns off the system provider (no systemd
or D-Bus in a test) and keeps the API key on; the tests read that key over Moonraker's own Unix
socket, as its `fetch-apikey` script does.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

from .peer_process import PeerProcess

ROOT = Path(__file__).resolve().parents[2]
MOONRAKER = ROOT / ".venv-moonraker" / "bin" / "moonraker"
VERSION = "0.11.0"


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


class MoonrakerServer(PeerProcess):
    """One `moonraker` process, in front of whatever serves `klippy_socket`."""

    executable = MOONRAKER
    name = "Moonraker"
    start_timeout_s = 60.0

    def __init__(self, data_path: Path, port: int, klippy_socket: Path) -> None:
        (data_path / "config").mkdir(parents=True, exist_ok=True)
        (data_path / "gcodes").mkdir(exist_ok=True)
        super().__init__(data_path, port, "moonraker.out")
        self.data_path = data_path
        (data_path / "config" / "moonraker.conf").write_text(_config(port, klippy_socket))

    @property
    def gcodes(self) -> Path:
        return self.data_path / "gcodes"

    def _command(self) -> list[str]:
        return [str(MOONRAKER), "--datapath", str(self.data_path), "--nologfile"]

    def _ready(self) -> bool:
        """It answers, with the API key read over its Unix socket."""
        key = self._unix_call("access.get_api_key")
        if not isinstance(key, str) or not key:
            return False
        self.api_key = key
        self.get("/server/info")
        return True

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

    def get(self, path: str) -> Any:
        """Moonraker wraps its answers in {"result": ...}."""
        return self._get_json(path)["result"]
