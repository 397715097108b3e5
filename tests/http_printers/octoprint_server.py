"""A real OctoPrint server with its virtual printer, started by the tests on a free port.

OctoPrint runs from `.venv-octoprint` (scripts/setup.sh installs it there: its pinned dependencies
clash with odind's). The base directory is written fresh: a config that skips the first-run wizard
and online checks, enables the bundled virtual printer and connects to it on start, and a users
file with one admin whose API key the tests use. Nothing here talks to OctoPrint's UI.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OCTOPRINT = ROOT / ".venv-octoprint" / "bin" / "octoprint"
VERSION = "1.11.8"
START_TIMEOUT_S = 90.0  # two loaded cores: OctoPrint starts in 2-3 s alone, far slower beside other suites
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


class OctoPrintServer:
    """One `octoprint serve` process; `stop()` and `start()` again keep its port and base directory."""

    def __init__(self, basedir: Path, port: int, api_key: str) -> None:
        self.basedir = basedir
        self.port = port
        self.api_key = api_key
        self.url = f"http://127.0.0.1:{port}"
        self._process: subprocess.Popen[bytes] | None = None
        basedir.mkdir(parents=True, exist_ok=True)
        # OctoPrint reads YAML, and JSON is YAML: no YAML library needed on odind's side.
        (basedir / "config.yaml").write_text(json.dumps(_config(), indent=2))
        (basedir / "users.yaml").write_text(json.dumps(_users(api_key), indent=2))

    def start(self) -> None:
        """Start the server and wait until its virtual printer is connected and operational."""
        log = (self.basedir / "serve.log").open("ab")
        self._process = subprocess.Popen(
            [str(OCTOPRINT), "serve", "--basedir", str(self.basedir), "--host", "127.0.0.1",
             "--port", str(self.port), "--iknowwhatimdoing"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"octoprint serve exited with {self._process.returncode}; see {self.log_tail()}")
            try:
                if self.get("/api/connection")["current"]["state"] == "Operational":
                    return
            except (OSError, ValueError, KeyError, http.client.HTTPException):
                pass  # not up yet (or, until OctoPrint fails to bind, someone else's server on the port)
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"OctoPrint did not come up within {START_TIMEOUT_S:g} s; {self.log_tail()}")

    def stop(self, *, abruptly: bool = False) -> None:
        """End the server: SIGTERM (or SIGKILL, like a power cut), then SIGKILL if it lingers."""
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
        """One REST call, blocking: for tests checking what OctoPrint itself says."""
        request = urllib.request.Request(self.url + path, headers={"X-Api-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def log_tail(self) -> str:
        path = self.basedir / "serve.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"last lines of {path}:\n" + "\n".join(text.splitlines()[-15:])


def job_gcode(seconds: float, *, lines: int = 40) -> str:
    """A job the virtual printer takes about `seconds` over: short dwells between short moves."""
    dwell_ms = max(1, round(seconds * 1000 / lines))
    body = ["; odind test job for OctoPrint's virtual printer", "M117 odind test", "G28", "G90", "G1 Z0.3 F600"]
    for i in range(lines):
        body.append(f"G1 X{20 + (i % 2) * 10} Y{20 + i * 0.5:.1f} E{i * 0.1:.1f} F6000")
        body.append(f"G4 P{dwell_ms}")
    body.append("M400")
    return "\n".join(body) + "\n"
