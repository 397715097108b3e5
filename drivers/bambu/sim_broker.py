"""A private mosquitto broker standing in for the MQTT server inside a Bambu printer.

Each simulated printer gets its own broker, as each real printer runs one: TLS only, user `bblp`
with the access code as password, on a free local port. The system broker (if any) is never used.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import logging
import os
import pwd
import secrets
import shutil
import socket
from pathlib import Path

from odind.drivers.bambu.sim_certs import CertFiles

log = logging.getLogger(__name__)

MOSQUITTO_CANDIDATES = ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto")


class BrokerUnavailable(RuntimeError):
    """mosquitto is not installed or would not start."""


def find_mosquitto() -> str:
    for candidate in (*MOSQUITTO_CANDIDATES, shutil.which("mosquitto")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BrokerUnavailable("mosquitto is not installed (apt install mosquitto)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def password_line(user: str, password: str) -> str:
    """A mosquitto 2.x `$7$` entry (PBKDF2-SHA512), so no mosquitto_passwd binary is needed."""
    salt = secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 101, 64)
    return f"{user}:$7$101${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}\n"


class MosquittoBroker:
    """Runs mosquitto as a child process; `restart()` keeps the port, like a rebooting printer."""

    def __init__(self, workdir: Path, certs: CertFiles, *, users: dict[str, str]) -> None:
        self.workdir = workdir
        self.certs = certs
        self.users = users
        self.port = 0
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        binary = find_mosquitto()
        self.workdir.mkdir(parents=True, exist_ok=True)
        passwd = self.workdir / "passwd"
        passwd.write_text("".join(password_line(u, p) for u, p in self.users.items()))
        passwd.chmod(0o600)
        for _attempt in range(5):
            port = self.port or free_port()
            conf = self.workdir / "mosquitto.conf"
            conf.write_text(
                f"user {pwd.getpwuid(os.getuid()).pw_name}\n"
                "per_listener_settings false\n"
                "persistence false\n"
                "log_dest stderr\n"
                "log_type error\n"
                f"listener {port} 127.0.0.1\n"
                f"certfile {self.certs.chain}\n"
                f"keyfile {self.certs.key}\n"
                "allow_anonymous false\n"
                f"password_file {passwd}\n"
            )
            with (self.workdir / "mosquitto.log").open("ab") as log_file:
                self._process = await asyncio.create_subprocess_exec(
                    binary, "-c", str(conf), stdout=asyncio.subprocess.DEVNULL, stderr=log_file,
                )
            if await self._wait_listening(port):
                self.port = port
                return
            await self._stop_process()
        raise BrokerUnavailable("mosquitto did not start listening")

    async def _wait_listening(self, port: int, timeout: float = 10.0) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        assert self._process is not None
        while loop.time() < deadline:
            if self._process.returncode is not None:
                err = (self.workdir / "mosquitto.log").read_text(errors="replace")[-500:]
                log.warning("mosquitto exited early: %s", err.strip())
                return False
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
            return True
        return False

    async def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 5)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def stop(self) -> None:
        await self._stop_process()

    async def restart(self) -> None:
        """Drop every client, then listen again on the same port (with the current certificates)."""
        await self._stop_process()
        await self.start()
