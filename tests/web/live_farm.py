"""A real daemon with simulated PrusaLink printers, run on its own event loop in a thread.

The browser tests drive Chromium through Playwright's sync API from the test thread, while the
daemon (store, farm, dispatcher, web server, simulators) keeps running on its loop; `run()` lets
a test reach the daemon's store to check what really happened.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from odind.config import Config, PrinterConfig
from odind.daemon import Daemon
from odind.domain import catalog, printers
from odind.domain.accounts import users
from odind.domain.accounts.tokens import Role
from odind.domain.sales import orders
from odind.drivers.base import SimulatedPrinter
from odind.drivers.http.prusalink.sim import launch_simulator
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed, LoadedFilament
from tests.conftest import free_port

T = TypeVar("T")
PASSWORD = "browser test password"
WHITE, ORANGE = "#FFFFFF", "#F26B1D"


class LiveFarm:
    def __init__(self, data_dir: Path, *, speed: float = 40.0) -> None:
        self.data_dir = data_dir
        self.speed = speed
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="live-farm", daemon=True)
        self.daemon: Daemon | None = None
        self.sims: list[SimulatedPrinter] = []

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    @property
    def url(self) -> str:
        assert self.daemon is not None and self.daemon.port
        return f"http://127.0.0.1:{self.daemon.port}"

    def start(self, printers_spec: tuple[tuple[str, str, bool], ...] = (), *, with_users: bool = True) -> LiveFarm:
        """`with_users=False` leaves the farm as a fresh install: no user, a setup code waiting."""
        self.thread.start()
        self.run(self._start(printers_spec, with_users))
        return self

    async def _start(self, printers_spec: tuple[tuple[str, str, bool], ...], with_users: bool) -> None:
        config = Config(data_dir=self.data_dir, http={"host": "127.0.0.1", "port": free_port()},
                        scheduler={"sweep_interval_s": 1.0})
        for name, colour, auto_clear in printers_spec:
            sim = await launch_simulator(name=name, model="MK4", speed=self.speed, workdir=self.data_dir / name,
                                         filaments=[LoadedFilament(slot="0", material="PLA", colour=colour)])
            self.sims.append(sim)
            config.printers.append(PrinterConfig(name=name, driver="prusalink", model="MK4", auto_clear=auto_clear,
                                                 connection={**sim.connection, "poll_interval_s": 0.3}))
        self.daemon = Daemon(config)
        await self.daemon.start()
        store = self.daemon.store
        for role in Role if with_users else ():
            await users.create_user(store, "test", users.UserIn(name=role.value, role=role, password=PASSWORD))
        for row in await printers.list_printers(store):
            colour = next(c for n, c, _ in printers_spec if n == row["name"])
            await printers.set_loaded(store, "test", row["id"], printers.LoadedIn(
                filaments=[printers.FilamentSlotIn(slot="0", material="PLA", colour=colour)]))

    async def add_order(self, *, model_name: str, colour: str, print_s: int, units: int,
                        customer: str = "Ada") -> dict[str, Any]:
        assert self.daemon is not None
        store = self.daemon.store
        folder = self.data_dir / "uploads-test"
        folder.mkdir(exist_ok=True)
        path = folder / f"part-{colour[1:]}-{print_s}.gcode"
        path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour=colour, grams=2)],
                                          print_time_s=print_s, segments=20), encoding="utf-8")
        model = await catalog.add_model(store, "test", upload=path, filename=path.name, name=model_name,
                                        models_dir=self.data_dir / "models")
        sku = f"P{model['id']}"
        product = await catalog.create_product(store, "test", catalog.ProductIn(
            sku=sku, name=model_name, sale_price=Decimal("5"),
            components=[catalog.ComponentIn(model_id=model["id"], quantity=1)]))
        order = await orders.create_order(store, "test", orders.OrderIn(
            customer_name=customer, lines=[orders.OrderLineIn(product_id=product["id"], quantity=units)]))
        return await orders.schedule_all(store, "test", order["id"])

    async def finish_order(self, order_id: int) -> None:
        """Mark an order's jobs printed, as the printers would have, and roll the order up to fulfilled."""
        assert self.daemon is not None
        async with self.daemon.store.transaction("test") as tx:
            await tx.execute("UPDATE jobs SET status = 'completed' WHERE order_id = ?", order_id)
            await orders.roll_up(tx, order_id)

    async def _stop(self) -> None:
        if self.daemon is not None:
            await self.daemon.stop()
        for sim in self.sims:
            await sim.close()

    def stop(self) -> None:
        """Stop the daemon (the page should notice); safe to call twice."""
        if self.thread.is_alive():
            self.run(self._stop())
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
