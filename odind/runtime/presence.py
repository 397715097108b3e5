"""This node's presence in the farm: heartbeat (its lease), reaping dead nodes, other nodes' printers.

One loop, every `[store] heartbeat_s`: renew the lease with a summary of this node's printers (one
row per node, never a row per telemetry report), interrupt the work of nodes whose lease ran out,
and read the other nodes' summaries so this node's API and page show every printer of the farm.
A node that cannot renew its lease stops claiming work before the others may declare it dead;
its printers finish what they print. On SQLite there is one node and nothing of this runs: no
heartbeat writes to a Pi's SD card.
"""

from __future__ import annotations

import asyncio
import logging
import time

from odind.config import Config
from odind.domain import nodes
from odind.errors import Unavailable
from odind.runtime.dispatcher import Dispatcher
from odind.runtime.farm import Farm
from odind.store.db import Store

log = logging.getLogger(__name__)

# Claims stop when this much of the lease has passed without a renewal, well before anyone reaps.
CLAIM_MARGIN = 0.5


class Presence:
    def __init__(self, store: Store, farm: Farm, dispatcher: Dispatcher, config: Config) -> None:
        self.store = store
        self.farm = farm
        self.config = config
        self.name = nodes.node_name(config)
        self.renewed = time.monotonic()
        dispatcher.may_claim = self.lease_held

    def lease_held(self) -> bool:
        if not self.store.shared:
            return True
        return time.monotonic() - self.renewed < self.config.store.lease_s * CLAIM_MARGIN

    async def join(self) -> None:
        if not self.store.shared:
            return
        await nodes.register(self.store, self.name)
        self.renewed = time.monotonic()

    async def beat(self) -> None:
        await nodes.heartbeat(self.store, self.name, self.farm.summary())
        self.renewed = time.monotonic()
        moved = await nodes.reap(self.store, self.name, self.config.store.lease_s)
        if moved:
            self.farm.wake.set()
        self.farm.remote = await nodes.remote_status(self.store, self.name)

    async def run(self) -> None:
        if not self.store.shared:
            return
        while True:
            await asyncio.sleep(self.config.store.heartbeat_s)
            try:
                await self.beat()
            except asyncio.CancelledError:
                raise
            except Unavailable as exc:
                log.warning("heartbeat failed (%s); lease held for %.0f s more at most", exc,
                            max(0.0, self.config.store.lease_s - (time.monotonic() - self.renewed)))
            except Exception:
                log.exception("heartbeat failed; retrying")
