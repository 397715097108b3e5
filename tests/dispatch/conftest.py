"""A farm on the bench: real store, Farm, Dispatcher and HTTP API, HTTP printer simulators on free ports.

Printers are added through the domain (as the API does) so the farm attaches them from the event
bus; the dispatcher runs its real loop with a short sweep. Waits are generous (other engineers load
the same two cores), and nothing here asserts a duration.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from odind.config import Config
from odind.domain import printers
from odind.domain.accounts.tokens import Role, create_token
from odind.drivers import registry
from odind.runtime.connections import check_connection
from odind.runtime.dispatcher import Dispatcher
from odind.runtime.farm import Farm
from odind.store.db import Store
from odind.store.production import jobs as jobs_sql
from odind.vocabulary import LoadedFilament
from odind.web.app import create_app
from odind.web.context import AppContext

WAIT_S = 45.0
SPEED = 600.0  # a 30-minute print takes 3 s
FAST = {"poll_interval_s": 0.05, "timeout_s": 5.0, "max_backoff_s": 0.2}
HTTP_FAMILIES = ("moonraker", "octoprint", "prusalink")


@dataclass
class Rig:
    store: Store
    config: Config
    tmp_path: Path
    farm: Farm | None = None
    dispatcher: Dispatcher | None = None
    client: TestClient | None = None
    token: str = ""
    sims: dict[int, Any] = field(default_factory=dict)  # the families' SimulatedPrinter
    _loop: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Farm and dispatcher up (again, after `stop`), as the daemon starts them."""
        self.farm = Farm(self.store, self.store.bus, self.config)
        await self.farm.start()
        self.dispatcher = Dispatcher(self.store, self.farm, self.config)
        self._loop = asyncio.create_task(self.dispatcher.run())

    async def stop(self) -> None:
        """The daemon going away: the loop and the drivers stop, the printers keep doing what they do."""
        if self._loop is not None and self.dispatcher is not None:
            self.dispatcher.stop()
            await asyncio.wait_for(self._loop, WAIT_S)
            await self.dispatcher.close()
            self._loop = None
        if self.farm is not None:
            await self.farm.close()
            self.farm = None

    async def add_printer(self, name: str, *, family: str = "moonraker", model: str = "generic",
                          colours: tuple[str, ...] = ("#FFFFFF",), auto_clear: bool = True,
                          tags: tuple[str, ...] = (), speed: float = SPEED, **connection: Any) -> int:
        loaded = [LoadedFilament(slot=str(i), material="PLA", colour=c, remaining_g=900.0)
                  for i, c in enumerate(colours)]
        module = registry.simulator_module(family)
        sim = await module.launch_simulator(name=name, model=model, speed=speed, filaments=loaded,
                                            workdir=self.tmp_path / "sim" / name)
        fast = FAST if family in HTTP_FAMILIES else {}
        row = await printers.add_printer(self.store, "test", printers.PrinterIn(
            name=name, driver=family, model=model, auto_clear=auto_clear, tags=list(tags),
            connection={**sim.connection, **fast, **connection}), check_connection)
        await printers.set_loaded(self.store, "test", row["id"], printers.LoadedIn(filaments=[
            printers.FilamentSlotIn(slot=f.slot, material=f.material, colour=f.colour, remaining_g=f.remaining_g)
            for f in loaded]))
        self.sims[row["id"]] = sim
        return row["id"]

    async def queue(self, model_id: int, count: int = 1, *, priority: int = 0) -> list[int]:
        async with self.store.transaction("test") as tx:
            ids = []
            for _ in range(count):
                job_id = await jobs_sql.insert_job(tx, order_id=None, order_line_id=None, model_id=model_id,
                                                   plate=1, units=1, priority=priority)
                await tx.record("job", job_id, "queued")
                ids.append(job_id)
        return ids

    async def job(self, job_id: int) -> dict[str, Any]:
        async with self.store.read() as db:
            job = await jobs_sql.get_job(db, job_id)
        assert job is not None
        return job

    async def wait_for(self, probe: Callable[[], Any], what: str, timeout: float = WAIT_S) -> Any:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            value = await probe()
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.05)

    async def wait_status(self, job_id: int, *statuses: str, timeout: float = WAIT_S) -> dict[str, Any]:
        async def probe() -> dict[str, Any] | None:
            job = await self.job(job_id)
            return job if job["status"] in statuses else None
        return await self.wait_for(probe, f"job {job_id} to be {' or '.join(statuses)}", timeout)

    async def events(self, job_id: int) -> list[dict[str, Any]]:
        async with self.store.read() as db:
            rows = await db.all("SELECT action, data_json FROM events WHERE entity = 'job' AND entity_id = ?"
                                " ORDER BY id", job_id)
        return [{"action": r["action"], **json.loads(r["data_json"])} for r in rows]

    async def wait_online(self, printer_id: int) -> None:
        async def probe() -> bool:
            assert self.farm is not None
            return self.farm.status(printer_id)["state"] in ("idle", "finished")
        await self.wait_for(probe, f"printer {printer_id} online")

    async def call(self, method: str, path: str, **kw: Any) -> tuple[int, Any]:
        if self.client is None:
            assert self.farm is not None
            app = create_app(AppContext(config=self.config, store=self.store, bus=self.store.bus, farm=self.farm))
            self.client = TestClient(TestServer(app))
            await self.client.start_server()
            self.token = await create_token(self.store, "test", role=Role.ADMIN, name="admin")
        response = await self.client.request(method, path, headers={"Authorization": f"Bearer {self.token}"}, **kw)
        return response.status, await response.json()


@pytest.fixture
def scheduler() -> dict[str, Any]:
    """Scheduler settings a test may change before the rig starts."""
    return {"sweep_interval_s": 0.2, "start_ack_timeout_s": 60.0, "reprint_limit": 1}


@pytest.fixture
async def rig(store: Store, tmp_path: Path, scheduler: dict[str, Any]) -> AsyncIterator[Rig]:
    rig = Rig(store=store, config=Config(data_dir=tmp_path, scheduler=scheduler), tmp_path=tmp_path)
    await rig.start()
    try:
        yield rig
    finally:
        if rig.client is not None:
            await rig.client.close()
        await rig.stop()
        for sim in rig.sims.values():
            await sim.close()
