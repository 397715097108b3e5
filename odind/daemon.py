"""Wires the parts in order (store → farm → dispatcher → web) and closes them in reverse.

Each part closes under its own timeout; one that hangs or fails is logged and the rest still
close, so SIGTERM from systemd always ends with the database closed cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from odind import sdnotify
from odind.bus import EventBus
from odind.config import Config
from odind.domain import messages
from odind.domain.accounts import setup
from odind.domain.printers import sync_configured
from odind.domain.sales import allocation, payments, quotes
from odind.runtime.connections import check_connection
from odind.runtime.dispatcher import Dispatcher
from odind.runtime.farm import Farm
from odind.runtime.outbox import OutboxSender
from odind.runtime.presence import Presence
from odind.store.db import Store
from odind.store.engine import is_postgres_url
from odind.tasks import TaskSet
from odind.web.app import create_app
from odind.web.context import AppContext

log = logging.getLogger(__name__)

CLOSE_TIMEOUT_S = 10.0
QUOTE_EXPIRY_CHECK_S = 3600.0  # offers expire by the day; an hour late is soon enough
PAYMENT_REMINDER_CHECK_S = 6 * 3600.0  # due dates are days; a few checks a day reach each one the day it passes


def database_path(config: Config) -> Path:
    """The SQLite file, when the store is SQLite (`[store] url` unset or sqlite:///path)."""
    url = config.store.url
    if url and url.startswith("sqlite:"):
        return Path(url.removeprefix("sqlite:").removeprefix("//"))
    return config.data_dir / "odind.db"


def make_store(config: Config, bus: EventBus | None = None) -> Store:
    """SQLite by default; PostgreSQL when `[store] url` says so. Either way its transactions write the
    messages their changes call for (the outbox), whoever makes the change: API, CLI or scheduler."""
    store: Store
    if is_postgres_url(config.store.url):
        from odind.store.postgres import PgStore  # asyncpg is loaded only by a node that uses it

        store = PgStore(config.store.url, bus,  # type: ignore[arg-type]
                        command_timeout_s=config.store.command_timeout_s)
    else:
        store = Store(database_path(config), bus)
    store.before_commit.append(messages.outbox_hook(config))
    return store


class Daemon:
    def __init__(self, config: Config, *, offer_setup: bool = True) -> None:
        self.config = config
        self.offer_setup = offer_setup  # a fresh install waits for its first admin (the demo makes its own)
        self.bus = EventBus()
        self.store = make_store(config, self.bus)
        self.farm = Farm(self.store, self.bus, config)
        self.dispatcher = Dispatcher(self.store, self.farm, config)
        self.presence = Presence(self.store, self.farm, self.dispatcher, config)
        self.tasks = TaskSet("daemon")
        self._closers: list[tuple[str, Callable[[], Awaitable[None]]]] = []
        self.runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        await self.store.open()
        self._closers.append(("store", self.store.close))
        if self.offer_setup:
            await setup.prepare(self.store, self.config.data_dir)
        await self.store.listen()
        await self.presence.join()
        owner = self.presence.name if self.store.shared else None
        for problem in await sync_configured(self.store, self.config.printers, check_connection, node=owner):
            log.error("%s (skipped)", problem)
        await self.farm.start()
        self._closers.append(("farm", self.farm.close))
        self.tasks.spawn(self.dispatcher.run(), "dispatcher")
        self.tasks.spawn(self.presence.run(), "presence")
        self.tasks.spawn(self._periodically(self.config.sales.backorder_retry_interval_s,
                                            lambda: allocation.retry_backorders(self.store), "retrying backorders"),
                         "backorders")
        self.tasks.spawn(self._periodically(QUOTE_EXPIRY_CHECK_S, lambda: quotes.expire_due(self.store),
                                            "expiring quotes"), "quotes")
        self.tasks.spawn(self._periodically(PAYMENT_REMINDER_CHECK_S, lambda: payments.remind_overdue(self.store),
                                            "payment reminders"), "payment reminders")
        self.tasks.spawn(OutboxSender(self.store, self.bus, self.config).run(), "outbox")
        self._closers.append(("tasks", self.tasks.cancel_all))
        self._closers.append(("dispatcher", self.dispatcher.close))  # stops between ticks, before tasks are cut
        app = create_app(AppContext(config=self.config, store=self.store, bus=self.bus, farm=self.farm))
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.config.http.host, self.config.http.port)
        await site.start()
        self._closers.append(("web", self.runner.cleanup))
        server = site._server
        sockets = server.sockets if isinstance(server, asyncio.Server) else ()
        self.port = sockets[0].getsockname()[1] if sockets else self.config.http.port
        log.info("odind listening on http://%s:%s", self.config.http.host, self.port)
        interval = sdnotify.watchdog_interval()
        if interval:
            self.tasks.spawn(sdnotify.watchdog(interval), "watchdog")
        sdnotify.notify("READY=1")

    @staticmethod
    async def _periodically(interval: float, action: Callable[[], Awaitable[object]], what: str) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await action()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s failed; trying again in %.0f s", what, interval)

    async def stop(self) -> None:
        sdnotify.notify("STOPPING=1")
        while self._closers:
            name, close = self._closers.pop()
            try:
                await asyncio.wait_for(close(), CLOSE_TIMEOUT_S)
            except Exception:
                log.exception("closing %s failed; continuing shutdown", name)
        log.info("odind stopped")


async def serve(daemon: Daemon, on_started: Callable[[Daemon], Awaitable[None]] | None = None) -> None:
    """Run until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await daemon.start()
        if on_started is not None:
            await on_started(daemon)
        await stop.wait()
        log.info("shutting down")
    finally:
        await daemon.stop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
