"""A real OctoPrint server with its virtual printer, started by the tests on a free port.

OctoPrint runs from `.venv-octoprint` (see peer_process.py). The base directory is written fresh: a
config that skips the first-run wizard and online checks, enables the bundled virtual printer and
connects to it on start, and a users file with one admin whose API key the tests use. Nothing here
talks to OctoPrint's UI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .peer_process import PeerProcess

ROOT = Path(__file__).resolve().parents[2]
OCTOPRINT = ROOT / ".venv-octoprint" / "bin" / "octoprint"
VERSION = "1.11.8"
USER = "odind"

# Bundled plugins that phone home, nag or index things a test server does not need.
_DISABLED_PLUGINS = ["announcements", "tracking", "softwareupdate", "pluginmanager", "backup", "achievements",
                     "discovery", "errortracking", "firmware_check", "pi_support", "health_check", "gcodeviewer",
                     "classicwebcam"]


def _config() -> dict[str, Any]:
    return {
        "server": {"firstRun": False, "onlineCheck": {"enabled": False}, "pluginBlacklist": {"enabled": False}},
        "plugins": {
            "_disabled": _DISABLED_PLUGINS,
            "virtual_printer": {"enabled": True, "simulateReset": False},
        },
        "serial": {"port": "VIRTUAL", "baudrate": 115200, "autoconnect": True},
    }


def _users(api_key: str) -> dict[str, Any]:
    # The password hash is no hash at all: nobody logs in with a password, only with the API key.
    return {"_version": 2, USER: {"active": True, "apikey": api_key, "groups": ["admins", "users"],
                                  "password": "-", "permissions": [], "settings": {}}}


class OctoPrintServer(PeerProcess):
    """One `octoprint serve` process, with the bundled virtual printer connected."""

    executable = OCTOPRINT
    name = "OctoPrint"
    start_timeout_s = 90.0  # 2-3 s alone, far slower beside other suites

    def __init__(self, basedir: Path, port: int, api_key: str) -> None:
        basedir.mkdir(parents=True, exist_ok=True)
        super().__init__(basedir, port, "serve.log")
        self.basedir = basedir
        self.api_key = api_key
        # OctoPrint reads YAML, and JSON is YAML: no YAML library needed on odind's side.
        (basedir / "config.yaml").write_text(json.dumps(_config(), indent=2))
        (basedir / "users.yaml").write_text(json.dumps(_users(api_key), indent=2))

    def _command(self) -> list[str]:
        return [str(OCTOPRINT), "serve", "--basedir", str(self.basedir), "--host", "127.0.0.1",
                "--port", str(self.port), "--iknowwhatimdoing"]

    def _ready(self) -> bool:
        """Its virtual printer is connected and operational."""
        return bool(self.get("/api/connection")["current"]["state"] == "Operational")

    def get(self, path: str) -> Any:
        return self._get_json(path)


def job_gcode(seconds: float, *, lines: int = 40) -> str:
    """A job the virtual printer takes about `seconds` over: short dwells between short moves."""
    dwell_ms = max(1, round(seconds * 1000 / lines))
    body = ["; odind test job for OctoPrint's virtual printer", "M117 odind test", "G28", "G90", "G1 Z0.3 F600"]
    for i in range(lines):
        body.append(f"G1 X{20 + (i % 2) * 10} Y{20 + i * 0.5:.1f} E{i * 0.1:.1f} F6000")
        body.append(f"G4 P{dwell_ms}")
    body.append("M400")
    return "\n".join(body) + "\n"
