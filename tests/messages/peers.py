"""Real peers for the outbox: an SMTP server (aiosmtpd) and an HTTP webhook receiver, on free ports."""

from __future__ import annotations

import asyncio
import email
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiohttp import web
from aiosmtpd.controller import Controller

from tests.conftest import free_port


class _Inbox:
    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


class SmtpServer:
    """aiosmtpd in its own thread, as a real mail server would be: it answers whatever our loop does."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = _Inbox()
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def mails(self) -> list[EmailMessage]:
        return self.inbox.mails

    def start(self) -> SmtpServer:
        self._controller.start()
        self._running = True
        return self

    def stop(self) -> None:
        if getattr(self, "_running", False):
            self._controller.stop()
            self._running = False


@dataclass
class WebhookReceiver:
    """Records each delivery; answers 500 to the first `fail_first` of them, as a flaky receiver would."""

    fail_first: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    attempts: int = 0
    port: int = field(default_factory=free_port)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def _hook(self, request: web.Request) -> web.Response:
        self.attempts += 1
        body = await request.read()
        if self.attempts <= self.fail_first:
            return web.Response(status=500, text="not now")
        self.received.append((dict(request.headers), body))
        return web.Response(status=204)

    async def start(self) -> WebhookReceiver:
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


async def until(check: Any, timeout: float = 20.0) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = check()
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)
