"""State machines as data: one transition table per entity.

A domain function never assigns a status directly; it asks the entity's table where an action
leads from the current state, and an action the table does not list is an IllegalTransition (409)
naming the actions that are allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from odind.errors import IllegalTransition


@dataclass(frozen=True)
class StateMachine:
    entity: str
    table: dict[tuple[str, str], str]

    def states(self) -> set[str]:
        return {s for s, _ in self.table} | set(self.table.values())

    def allowed(self, state: str) -> list[str]:
        return sorted(action for (source, action) in self.table if source == state)

    def can(self, state: str, action: str) -> bool:
        return (state, action) in self.table

    def next(self, state: str, action: str) -> str:
        try:
            return self.table[(state, action)]
        except KeyError:
            allowed = self.allowed(state)
            raise IllegalTransition(
                f"cannot {action} a {self.entity} that is {state}"
                + (f"; allowed: {', '.join(allowed)}" if allowed else "; it is final"),
                field="status",
                details={"state": state, "action": action, "allowed": allowed},
            ) from None


def _from(sources: tuple[str, ...], action: str, target: str) -> dict[tuple[str, str], str]:
    return {(source, action): target for source in sources}


ORDER = StateMachine("order", {
    ("pending", "schedule"): "in_progress",
    ("in_progress", "progress"): "partial",
    ("in_progress", "fulfil"): "fulfilled",
    ("partial", "fulfil"): "fulfilled",
    ("fulfilled", "ship"): "shipped",
    **_from(("pending", "in_progress", "partial", "fulfilled"), "cancel", "cancelled"),
})

JOB = StateMachine("job", {
    ("queued", "dispatch"): "dispatched",
    ("dispatched", "start"): "printing",
    ("dispatched", "unclaim"): "queued",
    ("printing", "pause"): "paused",
    ("paused", "resume"): "printing",
    **_from(("dispatched", "printing", "paused"), "complete", "completed"),
    **_from(("dispatched", "printing", "paused"), "fail", "failed"),
    **_from(("dispatched", "printing", "paused"), "interrupt", "interrupted"),
    **_from(("failed", "interrupted"), "requeue", "queued"),
    **_from(("queued", "dispatched", "printing", "paused", "failed", "interrupted"), "cancel", "cancelled"),
})

ACTIVE_JOB_STATES = frozenset({"dispatched", "printing", "paused"})
