"""A real printer server (OctoPrint, Moonraker) run by the tests as a process of its own.

Each runs from its own virtual environment (scripts/setup.sh installs it: their pinned dependencies
clash with odind's), in a process group the tests can end abruptly, like a crash, and start again on
the same port and directory. A peer that is not installed fails the test that needs it: a skip would
hide a missing install step.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ..conftest import free_port

P = TypeVar("P", bound="PeerProcess")


class PeerProcess(ABC):
    """One server process: `start()` waits until it is ready; `stop()` and `start()` keep port and files."""

    executable: Path  # where scripts/setup.sh installs the server
    name: str
    start_timeout_s: float  # on two loaded cores a server takes many times what it takes alone

    def __init__(self, workdir: Path, port: int, log_name: str) -> None:
        self.workdir = workdir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.api_key = ""
        self._log = workdir / log_name
        self._process: subprocess.Popen[bytes] | None = None

    @abstractmethod
    def _command(self) -> list[str]: ...

    @abstractmethod
    def _ready(self) -> bool:
        """Whether the server serves what the tests need yet; it may raise while it is starting."""

    def start(self) -> None:
        if not self.executable.exists():
            pytest.fail(f"{self.name} is not installed at {self.executable}: run scripts/setup.sh test")
        # A temporary directory of its own: two Moonrakers (one per test worker) name their upload files
        # after the monotonic clock's second, and removed each other's in a shared /tmp.
        private_tmp = self.workdir / "tmp"
        private_tmp.mkdir(exist_ok=True)
        log = self._log.open("ab")
        self._process = subprocess.Popen(self._command(), stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, env={**os.environ, "TMPDIR": str(private_tmp)})
        log.close()
        try:
            self._wait_until_ready()
        except BaseException:  # a timeout, a crash, or the test run interrupted: never leave it running
            self.stop()
            raise

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self._process.returncode}; {self.log_tail()}")
            try:
                if self._ready():
                    return
            except (OSError, ValueError, KeyError, http.client.HTTPException):
                pass  # not up yet: refused, or a placeholder answer while it starts
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not come up within {self.start_timeout_s:g} s; {self.log_tail()}")

    def stop(self, *, abruptly: bool = False) -> None:
        """End the server: SIGTERM (or SIGKILL, like a crash or a power cut), then SIGKILL if it lingers."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGKILL if abruptly else signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)

    def _get_json(self, path: str) -> Any:
        """One REST call, blocking: for tests checking what the server itself says."""
        request = urllib.request.Request(self.url + path, headers={"X-Api-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def log_tail(self) -> str:
        text = self._log.read_text(errors="replace") if self._log.exists() else ""
        return f"last lines of {self._log}:\n" + "\n".join(text.splitlines()[-15:])


def started(make: Callable[[int], P]) -> P:
    """A peer started on a free port; another suite can take the port before the peer binds it."""
    for _ in range(2):
        peer = make(free_port())
        try:
            peer.start()
            return peer
        except RuntimeError:
            continue
    peer = make(free_port())
    peer.start()
    return peer
