"""Upload to the printer's SD card over implicit FTPS (TLS from the first byte, port 990).

ftplib speaks explicit FTPS only; the printer also insists that the data connection resumes the
control connection's TLS session, and some firmware hangs if the client sends a TLS close_notify
after STOR. This subclass does those three things and nothing more; it is blocking, so callers run
it in a worker thread.
"""

from __future__ import annotations

import ftplib
import socket
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

BLOCK = 64 * 1024


class ImplicitFTPS(ftplib.FTP_TLS):
    data_session_reused: bool | None = None  # whether the last data channel resumed the session

    def connect(self, host: str = "", port: int = 0, timeout: float = -999,
                source_address: Any = None) -> str:
        if host:
            self.host = host
        if port:
            self.port = port
        if timeout != -999:
            self.timeout = timeout
        raw = socket.create_connection((self.host, self.port), self.timeout)
        self.af = raw.family
        self.sock = self.context.wrap_socket(raw, server_hostname=self.host)
        self.file = self.sock.makefile("r", encoding=self.encoding)
        self.welcome = self.getresp()
        return self.welcome

    def ntransfercmd(self, cmd: str, rest: Any = None) -> tuple[socket.socket, int | None]:
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:  # type: ignore[attr-defined]  # FTP_TLS keeps PROT P state only privately
            conn = self.context.wrap_socket(conn, server_hostname=self.host,
                                            session=self.sock.session)  # type: ignore[union-attr]
            self.data_session_reused = conn.session_reused
        return conn, size

    def store(self, name: str, source: Path, progress: Callable[[int], None] | None = None) -> None:
        """STOR without a TLS close_notify on the data channel; raises ftplib/OSError on failure."""
        self.voidcmd("TYPE I")
        sent = 0
        with source.open("rb") as fh, self.transfercmd(f"STOR {name}") as conn:
            while chunk := fh.read(BLOCK):
                conn.sendall(chunk)
                sent += len(chunk)
                if progress is not None:
                    progress(sent)
        self.voidresp()


def upload(*, host: str, port: int, access_code: str, context: ssl.SSLContext, source: Path,
           remote_name: str, timeout: float) -> bool:
    """Log in as bblp, switch the data channel to TLS, store `source` at the card root.

    Returns whether the data channel resumed the control channel's TLS session (printers need it).
    """
    # TLS 1.3 servers send session tickets after the handshake; closing a data socket with those
    # unread makes the kernel reset it and the card loses the file's tail. Printers speak 1.2.
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    ftp = ImplicitFTPS(context=context, timeout=timeout)
    ftp.connect(host, port)
    try:
        ftp.login("bblp", access_code)
        ftp.prot_p()
        ftp.store(remote_name, source)
        return bool(ftp.data_session_reused)
    finally:
        try:
            ftp.quit()
        except (OSError, EOFError, ftplib.Error):
            ftp.close()
