"""In-process event bus: committed state changes, published after their transaction, and live
printer status, which is never written anywhere.

The two travel the same bus (the status page and SSE clients want both, in order) but are different
types, so a subscriber that must react only to what was committed asks `isinstance(event, Saved)`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Saved:
    """A change recorded in the event log in the same transaction as the change itself."""

    id: int
    at: str
    actor: str
    entity: str
    entity_id: int | None
    action: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.entity}.{self.action}"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "actor": self.actor, "entity": self.entity,
                "entity_id": self.entity_id, "action": self.action, "data": self.data}


@dataclass(frozen=True, slots=True)
class Live:
    """A printer's live status (state, progress, temperatures, filament): kept in memory only."""

    printer_id: int
    kind: str  # the driver event that moved it: state, telemetry, filaments, job_started ...
    status: dict[str, Any]

    @property
    def name(self) -> str:
        return f"printer.live.{self.kind}"

    def to_json(self) -> dict[str, Any]:
        return {"entity": "printer", "entity_id": self.printer_id, "action": f"live.{self.kind}",
                "data": self.status}


Event = Saved | Live


class EventBus:
    """Fan-out to subscribers with bounded queues, so a slow SSE client can never stall the daemon."""

    def __init__(self, queue_size: int = 500) -> None:
        self._queue_size = queue_size
        self._subscribers: set[asyncio.Queue[Event]] = set()
        self._saved_subscribers: set[asyncio.Queue[Saved]] = set()

    def publish(self, event: Event) -> None:
        queues: list[asyncio.Queue[Any]] = list(self._subscribers)
        if isinstance(event, Saved):
            queues += self._saved_subscribers
        for queue in queues:
            if queue.full():
                queue.get_nowait()
                log.debug("bus subscriber lagging; dropped its oldest event")
            queue.put_nowait(event)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers) + len(self._saved_subscribers)

    async def subscribe(self) -> AsyncGenerator[Event, None]:
        queue: asyncio.Queue[Event] = asyncio.Queue(self._queue_size)
        self._subscribers.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._subscribers.discard(queue)

    async def subscribe_saved(self) -> AsyncGenerator[Saved, None]:
        """Committed changes only: a follower that ignores telemetry neither pays for it nor, when 100
        printers report at once, loses a change because its queue filled with temperatures."""
        queue: asyncio.Queue[Saved] = asyncio.Queue(self._queue_size)
        self._saved_subscribers.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._saved_subscribers.discard(queue)
