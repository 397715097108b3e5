"""The outbox's sender: delivers what the domain wrote, retries with backoff, and survives restarts.

Woken by the bus when a transaction queues messages (or an operator retries one), and otherwise when
the next retry falls due; on start it sends whatever a previous run left pending, so a SIGKILL between
a change and its message only delays the message. Each message is claimed before it is sent, so the
nodes of a farm never send one twice between them; a repeat after a crash mid-send carries the same
message id, for the receiver to drop.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

import aiohttp

from odind.bus import EventBus
from odind.config import Config
from odind.domain import messages
from odind.messages import delivery
from odind.store.db import Store
from odind.tasks import TaskSet

log = logging.getLogger(__name__)

IDLE_CHECK_S = 300.0  # with nothing due, look again this often anyway (another node may have queued)


class OutboxSender:
    def __init__(self, store: Store, bus: EventBus, config: Config) -> None:
        self.store = store
        self.bus = bus
        self.config = config
        self.wake = asyncio.Event()
        self.wake.set()  # first turn: whatever an earlier run left pending
        self._tasks = TaskSet("outbox")
        self._session: aiohttp.ClientSession | None = None

    async def run(self) -> None:
        self._tasks.spawn(self._follow_bus(), "bus")
        try:
            while True:
                await self._wait()
                self.wake.clear()
                try:
                    await self.drain()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("sending messages failed; trying again shortly")
                    await asyncio.sleep(5)
                    self.wake.set()
        finally:
            await self._tasks.cancel_all()
            await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _follow_bus(self) -> None:
        async for event in self.bus.subscribe_saved():
            if event.entity == "outbox" and event.action in ("queued", "retry"):
                self.wake.set()

    async def _wait(self) -> None:
        if self.wake.is_set():
            return
        due_at = await messages.next_due_at(self.store)
        timeout = IDLE_CHECK_S if due_at is None else max(0.0, (due_at - datetime.now(UTC)).total_seconds())
        try:
            await asyncio.wait_for(self.wake.wait(), timeout=min(timeout, IDLE_CHECK_S))
        except TimeoutError:
            pass

    async def drain(self) -> int:
        """Send every message due now; how many were delivered."""
        sent = 0
        while batch := await messages.due(self.store):
            for message in batch:
                if await messages.claim(self.store, message):
                    sent += await self._send(message)
        return sent

    async def _send(self, message: dict[str, Any]) -> int:
        try:
            await self._deliver(message)
        except delivery.DeliveryFailed as exc:
            gave_up = await messages.attempt_failed(self.store, message, str(exc), self.config)
            log.log(logging.ERROR if gave_up else logging.WARNING, "message %s (%s to %s) not delivered%s: %s",
                    message["id"], message["template"], message["recipient"], ", giving up" if gave_up else "", exc)
            return 0
        await messages.delivered(self.store, message["id"])
        return 1

    async def _deliver(self, message: dict[str, Any]) -> None:
        if message["channel"] == "email":
            smtp = self.config.messages.smtp
            mail = delivery.email(message["message_id"], smtp.sender, message["recipient"], message["subject"],
                                  message["body_text"], message["body_html"])
            await delivery.send_email(smtp, mail)
            return
        hook = next((h for h in self.config.messages.webhooks if h.url == message["recipient"]), None)
        if hook is None:
            raise delivery.DeliveryFailed(f"webhook {message['recipient']} is no longer configured")
        if self._session is None:
            self._session = aiohttp.ClientSession()
        await delivery.send_webhook(self._session, hook.url, hook.secret, message["message_id"],
                                    message["body_text"].encode(), hook.timeout_s)
