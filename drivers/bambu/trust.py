"""Deciding whether the TLS peer really is the printer, before the access code is sent to it.

Printer certificates name the serial, not the IP, and chain to Bambu's private CA, which is why
most tools switch checks off. We instead make the printer's own certificate the only trust anchor
(OpenSSL's partial-chain mode), so the handshake itself fails for any other certificate; the pin
comes from the first contact (tofu), a fingerprint in the config, or a CA file plus the serial.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import ssl
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class TrustError(Exception):
    """The printer's certificate is not the one we trust; reconnecting will not fix it."""


class _ServerNameContext(ssl.SSLContext):
    """Checks the certificate against the serial number whatever host name the caller connects to.

    Both paho (MQTT) and ftplib pass the IP as `server_hostname`; the printer's certificate names
    its serial, so the name to verify is substituted here.
    """

    expected_name: str = ""

    def wrap_socket(self, sock: Any, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        kwargs["server_hostname"] = self.expected_name
        return super().wrap_socket(sock, *args, **kwargs)


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def _unverified_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _pinned_context(der: bytes) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False  # the pin is stronger than a name check
    ctx.load_verify_locations(cadata=ssl.DER_cert_to_PEM_cert(der))
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return ctx


async def fetch_certificate(host: str, port: int, timeout: float = 10.0) -> bytes:
    """The DER certificate the peer presents (no credentials are sent)."""
    _reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=_unverified_context()), timeout)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), 2)
    if not der:
        raise TrustError(f"{host}:{port} presented no certificate")
    return bytes(der)


class PrinterTrust:
    """Builds the SSL context for one printer according to its `tls` setting.

    Once the pin is known, connecting needs no extra round trip: the pinned certificate is the
    trust anchor, so a changed certificate fails the handshake itself. Only then is the peer's
    certificate fetched (`diagnose`), to tell the operator what changed.
    """

    def __init__(self, *, name: str, host: str, port: int, serial: str, mode: str, data_dir: Path) -> None:
        self.name = name
        self.host = host
        self.port = port
        self.serial = serial
        self.mode = mode
        self.pin_file = data_dir / f"{serial}.pem"
        self._anchor: bytes | None = None  # the certificate matching `pinned:<sha256>`, once seen
        self._warned = False

    async def context(self) -> ssl.SSLContext:
        """A context to connect with; raises TrustError for an unexpected certificate."""
        if self.mode == "insecure":
            if not self._warned:
                log.warning("printer %s: TLS certificate checks are OFF (tls = insecure)", self.name)
                self._warned = True
            return _unverified_context()
        if self.mode.startswith("ca:"):
            return self._ca_context(Path(self.mode[3:]))
        if self.mode.startswith("pinned:"):
            if self._anchor is None:
                seen = await fetch_certificate(self.host, self.port)
                self._check_fingerprint(seen)
                self._anchor = seen
            return _pinned_context(self._anchor)
        pinned = self._read_pin()
        if pinned is None:
            pinned = await fetch_certificate(self.host, self.port)
            self._write_pin(pinned)
        return _pinned_context(pinned)

    async def diagnose(self) -> TrustError | None:
        """After a failed handshake: the reason if the printer now shows another certificate."""
        if self.mode == "insecure" or self.mode.startswith("ca:"):
            return None
        try:
            seen = await fetch_certificate(self.host, self.port)
        except (OSError, TimeoutError, TrustError):
            return None
        if self.mode.startswith("pinned:"):
            try:
                self._check_fingerprint(seen)
            except TrustError as exc:
                return exc
            return None
        pinned = self._read_pin()
        if pinned is None or pinned == seen:
            return None
        return TrustError(
            f"printer {self.name}: TLS certificate changed (pinned sha256 {fingerprint(pinned)}, "
            f"now {fingerprint(seen)}); refusing to send the access code. If the printer was "
            f"replaced or reset, delete {self.pin_file} to trust the new certificate")

    def _check_fingerprint(self, seen: bytes) -> None:
        expected = self.mode[7:]
        if fingerprint(seen) != expected:
            raise TrustError(
                f"printer {self.name}: TLS certificate sha256 {fingerprint(seen)} does not match "
                f"the pinned {expected}; refusing to send the access code")

    def _read_pin(self) -> bytes | None:
        try:
            return ssl.PEM_cert_to_DER_cert(self.pin_file.read_text())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise TrustError(f"printer {self.name}: cannot read the pinned certificate {self.pin_file}: "
                             f"{exc}") from exc

    def _write_pin(self, der: bytes) -> None:
        self.pin_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.pin_file.with_suffix(".tmp")
        tmp.write_text(ssl.DER_cert_to_PEM_cert(der))
        tmp.replace(self.pin_file)
        log.info("printer %s: trusting TLS certificate sha256 %s on first use (pinned in %s)",
                 self.name, fingerprint(der), self.pin_file)

    def _ca_context(self, ca_file: Path) -> ssl.SSLContext:
        ctx = _ServerNameContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.expected_name = self.serial
        try:
            ctx.load_verify_locations(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise TrustError(f"printer {self.name}: cannot read CA file {ca_file}: {exc}") from exc
        return ctx
