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
    ("shipped", "unship"): "fulfilled",
    ("fulfilled", "unallocate"): "pending",
    **_from(("pending", "in_progress", "partial", "fulfilled"), "cancel", "cancelled"),
})

QUOTE = StateMachine("quote", {
    ("requested", "offer"): "offered",  # waiting for review -> firm offer
    ("offered", "offer"): "offered",  # a revised offer (a new link; the old one stops working)
    ("offered", "accept"): "accepted",
    ("offered", "reject"): "rejected",
    ("offered", "expire"): "expired",
    ("expired", "offer"): "offered",  # offered again, with a new validity date
    ("accepted", "place"): "placed",  # becomes a sales order at the quoted prices
    **_from(("requested", "offered", "accepted", "expired"), "cancel", "cancelled"),
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
    ("queued", "hold"): "held",  # its batch is paused: not dispatched until released
    ("held", "release"): "queued",
    **_from(("queued", "held", "dispatched", "printing", "paused", "failed", "interrupted"), "cancel", "cancelled"),
})

ACTIVE_JOB_STATES = frozenset({"dispatched", "printing", "paused"})

BATCH = StateMachine("batch", {
    ("active", "pause"): "paused",
    ("paused", "resume"): "active",
    **_from(("active", "paused"), "cancel", "cancelled"),
})
"""A production batch: paused, its queued plates wait; cancelled, they are dropped while plates already
printing finish and what they make still goes on the shelf."""


HELD_FROM = "(held from)"

ORDER_STATE = StateMachine("order", {
    ("draft", "confirm"): "pending",
    ("pending", "allocate"): "processing",
    ("processing", "allocate"): "processing",
    ("processing", "pick"): "processing",
    ("processing", "unallocate"): "pending",
    ("processing", "complete"): "complete",
    **_from(("draft", "pending", "processing"), "hold", "on_hold"),
    **_from(("draft", "pending", "processing"), "cancel", "cancelled"),
    ("on_hold", "release"): HELD_FROM,
})
"""The order-management flow of a sales order (draft, confirmed, allocated, complete). `release` returns to
the state the order was held from, which only the order knows, so its target here is a marker the order resolves."""

LINE_ITEM = StateMachine("line item", {
    ("pending", "allocate"): "allocated",
    ("pending", "backorder"): "backordered",
    ("backordered", "allocate"): "allocated",
    ("allocated", "pick"): "picked",
    ("picked", "pack"): "packed",
    ("packed", "ship"): "shipped",
    ("shipped", "unship"): "packed",
    ("shipped", "return"): "returned",
    **_from(("allocated", "picked", "packed"), "unallocate", "pending"),
    ("backordered", "unallocate"): "pending",
    **_from(("pending", "backordered", "allocated", "picked", "packed"), "cancel", "cancelled"),
})

READY_ITEM_STATES = frozenset({"allocated", "picked", "packed"})
"""Units holding finished goods at a location: they count against that location's stock."""

SHIPMENT = StateMachine("shipment", {
    ("pending", "dispatch"): "in_transit",
    ("pending", "deliver"): "delivered",
    ("in_transit", "out_for_delivery"): "out_for_delivery",
    **_from(("in_transit", "out_for_delivery"), "deliver", "delivered"),
    **_from(("pending", "in_transit", "out_for_delivery"), "exception", "exception"),
    ("exception", "dispatch"): "in_transit",
    ("exception", "deliver"): "delivered",
    **_from(("pending", "exception"), "cancel", "cancelled"),
})

PURCHASE_ORDER = StateMachine("purchase order", {
    ("draft", "confirm"): "expected",
    ("expected", "receive"): "partially_received",
    ("partially_received", "receive"): "partially_received",
    **_from(("expected", "partially_received"), "complete", "received"),
    **_from(("draft", "expected"), "cancel", "cancelled"),
    ("partially_received", "close"): "closed",
})

RETURN = StateMachine("return", {
    ("expected", "receive"): "received",
    ("expected", "cancel"): "cancelled",
})

TRANSFER = StateMachine("transfer", {
    ("draft", "ship"): "in_transit",
    ("in_transit", "receive"): "received",
    ("draft", "cancel"): "cancelled",
})
