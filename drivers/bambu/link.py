"""The one MQTT session odind keeps with a printer (P1/A1 accept very few clients).

Transport only: connect over TLS with the trust policy, subscribe to the report topic, hand raw
payloads upward, publish requests, reconnect with backoff, and notice a printer that went quiet.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from typing import Any

import aiomqtt

from odind.drivers.bambu.connection import BambuConnection
from odind.drivers.bambu.protocol import encode
from odind.drivers.bambu.trust import PrinterTrust, TrustError
from odind.drivers.base import DriverError

log = logging.getLogger(__name__)

_VERIFY_FAILED = "certificate verify failed"  # how paho's TLS failure reads once aiomqtt rewraps it
_AUTH_CODES = frozenset({4, 5, 134, 135})  # bad user name or password / not authorised (3.1.1 and 5)


class _Stale(Exception):
    pass


class MqttLink:
    backoff_min_s = 0.5
    backoff_max_s = 30.0
    refused_retry_s = 300.0  # after a refused access code or certificate: the operator must act

    def __init__(self, *, name: str, conn: BambuConnection, trust: PrinterTrust,
                 on_online: Callable[[], None], on_payload: Callable[[bytes], None],
                 on_silence: Callable[[], None], on_offline: Callable[[str], None]) -> None:
        self.name = name
        self.conn = conn
        self.trust = trust
        self.report_topic = f"device/{conn.serial}/report"
        self.request_topic = f"device/{conn.serial}/request"
        self.connect_attempts = 0
        self._on_online = on_online
        self._on_payload = on_payload
        self._on_silence = on_silence
        self._on_offline = on_offline
        self._client: aiomqtt.Client | None = None

    async def publish(self, payload: dict[str, Any]) -> None:
        client = self._client
        if client is None:
            raise DriverError(f"printer {self.name} is not connected")
        try:
            await client.publish(self.request_topic, encode(payload))
        except aiomqtt.MqttError as exc:
            raise DriverError(f"printer {self.name}: could not send the request: {exc}") from exc

    async def run(self) -> None:
        backoff = self.backoff_min_s
        while True:
            self.connect_attempts += 1
            delay = backoff
            try:
                context = await self.trust.context()
                # timeout also bounds the wait for a clean DISCONNECT when the driver closes,
                # which paho over TLS sometimes never sees completed.
                async with aiomqtt.Client(
                    self.conn.host, self.conn.port, username="bblp", password=self.conn.access_code,
                    tls_context=context, keepalive=30, timeout=4,
                    identifier=f"odind-{self.conn.serial}-{random.randrange(16**6):06x}",
                ) as client:
                    await client.subscribe(self.report_topic)
                    self._client = client
                    backoff = self.backoff_min_s
                    self._on_online()
                    await self._receive(client)
            except TrustError as exc:
                self._refused(str(exc))
                delay = self.refused_retry_s
            except aiomqtt.MqttCodeError as exc:
                if getattr(exc.rc, "value", exc.rc) in _AUTH_CODES:
                    self._refused(f"access code refused ({exc}); check the LAN access code on the "
                                  "printer's screen")
                    delay = self.refused_retry_s
                else:
                    self._on_offline(f"MQTT error: {exc}")
            except _Stale:
                self._on_offline(f"no reports for {self.conn.stale_after_s * 1.5:.0f} s")
                delay = self.backoff_min_s
            except (aiomqtt.MqttError, OSError, TimeoutError) as exc:
                refusal = await self.trust.diagnose() if _VERIFY_FAILED in str(exc) else None
                if refusal is not None:
                    self._refused(str(refusal))
                    delay = self.refused_retry_s
                else:
                    self._on_offline(f"cannot reach {self.conn.host}:{self.conn.port}: {exc}")
            finally:
                self._client = None
            if delay == backoff:
                backoff = min(backoff * 2, self.backoff_max_s)
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))

    def _refused(self, reason: str) -> None:
        """Refusals need the operator, so they are logged even when the printer was already offline."""
        log.error("printer %s: %s", self.name, reason)
        self._on_offline(reason)

    async def _receive(self, client: aiomqtt.Client) -> None:
        """Deliver reports; after `stale_after_s` of silence ask for pushall, then give up."""
        messages = aiter(client.messages)
        asked = False
        while True:
            wait = self.conn.stale_after_s / 2 if asked else self.conn.stale_after_s
            try:
                message = await asyncio.wait_for(anext(messages), wait)
            except TimeoutError:
                if asked:
                    raise _Stale from None
                asked = True
                self._on_silence()
                continue
            asked = False
            if str(message.topic) != self.report_topic or not isinstance(message.payload, bytes | bytearray):
                continue
            self._on_payload(bytes(message.payload))
