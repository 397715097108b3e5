"""The simulated printer's implicit-FTPS server (the SD card), on pyftpdlib in a worker thread.

pyftpdlib speaks explicit FTPS (AUTH TLS); printers start TLS on the first byte, so the control
handler secures the socket before sending its banner. `fail_after_bytes` makes the card "fill up"
mid-transfer, for testing that a half-uploaded job is never started.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from odind.drivers.bambu.sim_certs import CertFiles

log = logging.getLogger(__name__)


class _CardDTPHandler(TLS_DTPHandler):
    def recv(self, buffer_size: int) -> bytes:
        chunk: bytes = super().recv(buffer_size)
        limit = self.cmd_channel.server.fail_after_bytes
        if limit is not None and self.tot_bytes_received + len(chunk) > limit:
            self._resp = ("426 No space left on device; transfer aborted.", log.info)
            self.close()
            return b""
        return chunk


class _ImplicitTLSHandler(TLS_FTPHandler):
    dtp_handler = _CardDTPHandler

    def handle(self) -> None:
        self.secure_connection(self.ssl_context)

    def handle_ssl_established(self) -> None:
        TLS_FTPHandler.handle(self)

    def on_incomplete_file_received(self, file: str) -> None:
        Path(file).unlink(missing_ok=True)


class _CardServer(FTPServer):
    fail_after_bytes: int | None = None


class SdCardServer:
    def __init__(self, root: Path, certs: CertFiles, access_code: str) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        authorizer = DummyAuthorizer()
        authorizer.add_user("bblp", access_code, str(root), perm="elradfmwMT")
        # pyftpdlib caches the SSL context on the handler class, so each card gets its own class.
        handler: Any = type("PrinterFtpsHandler", (_ImplicitTLSHandler,), {
            "certfile": str(certs.chain), "keyfile": str(certs.key), "ssl_context": None,
            "authorizer": authorizer, "tls_control_required": True, "tls_data_required": True,
            "banner": "Bambu simulated SD card ready.", "passive_ports": None, "auth_failed_timeout": 0.2,
        })
        # A private IOLoop: pyftpdlib's default is a process-wide singleton shared by every card.
        self._server = _CardServer(("127.0.0.1", 0), handler, ioloop=IOLoop())
        self._server.max_cons = 16
        self.port: int = self._server.address[1]
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name=f"sim-ftps-{self.port}", daemon=True)

    @property
    def fail_after_bytes(self) -> int | None:
        return self._server.fail_after_bytes

    @fail_after_bytes.setter
    def fail_after_bytes(self, value: int | None) -> None:
        self._server.fail_after_bytes = value

    def start(self) -> None:
        self._thread.start()

    def _serve(self) -> None:
        """pyftpdlib is not thread-safe, so its loop runs, and is closed, on this thread only."""
        try:
            while not self._stopping.is_set():
                self._server.ioloop.loop(timeout=0.1, blocking=False)
        finally:
            self._server.close_all()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
