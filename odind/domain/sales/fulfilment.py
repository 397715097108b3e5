"""The print-farm view of a sales order, derived from its units, jobs, shipments and payments.

Nobody sets these statuses: they are recomputed from the facts every time an order is read, so
the header can never disagree with its lines. Pure functions, so property tests can feed them any
combination of facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum

from odind.domain.transitions import READY_ITEM_STATES


class Fulfilment(StrEnum):
    DRAFT = "draft"
    NOT_STARTED = "not started"
    IN_PRODUCTION = "in production"
    PARTIALLY_FULFILLED = "partially fulfilled"
    READY_TO_SHIP = "ready to ship"
    PARTIALLY_SHIPPED = "partially shipped"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    PARTIALLY_RETURNED = "partially returned"
    ALL_RETURNED = "all returned"
    ON_HOLD = "on hold"
    CANCELLED = "cancelled"


class LineChip(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    BACKORDERED = "backordered"
    READY = "ready"
    PARTIALLY_SHIPPED = "partially shipped"
    SHIPPED = "shipped"
    PARTIALLY_RETURNED = "partially returned"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    WAITING_FOR_PAYMENT = "waiting for payment"
    PARTIALLY_PAID = "partially paid"
    OVERDUE = "overdue"
    PAID = "paid"
    PO_PROVIDED = "PO provided"
    PO_PAYMENT_DUE = "PO payment due"
    REFUNDED = "refunded"


SHIPPED_OR_RETURNED = frozenset({"shipped", "returned"})
OPEN_SHIPMENT_STATES = frozenset({"pending", "in_transit", "out_for_delivery", "exception"})


def line_chip(statuses: Iterable[str], *, in_production: bool) -> LineChip:
    """One chip per order line from its units' statuses (the chips order-management tools show per line)."""
    counts = Counter(statuses)
    active = sum(n for status, n in counts.items() if status != "cancelled")
    if active == 0:
        return LineChip.CANCELLED
    returned, shipped = counts["returned"], counts["shipped"]
    ready = sum(counts[s] for s in READY_ITEM_STATES)
    if returned:
        return LineChip.RETURNED if returned == active else LineChip.PARTIALLY_RETURNED
    if shipped == active:
        return LineChip.SHIPPED
    if shipped:
        return LineChip.PARTIALLY_SHIPPED
    if ready == active:
        return LineChip.READY
    if counts["backordered"] and not in_production:
        return LineChip.BACKORDERED
    if ready or in_production:
        return LineChip.IN_PROGRESS
    return LineChip.NOT_STARTED


def fulfilment(state: str, item_statuses: Iterable[str], shipment_statuses: Iterable[str], *,
               jobs_started: bool) -> Fulfilment:
    """The order's fulfilment status. Completed needs every active unit shipped AND every shipment
    delivered; returns outrank shipping because they are what the customer did last."""
    if state == "cancelled":
        return Fulfilment.CANCELLED
    if state == "on_hold":
        return Fulfilment.ON_HOLD
    if state == "draft":
        return Fulfilment.DRAFT
    counts = Counter(item_statuses)
    active = sum(n for status, n in counts.items() if status != "cancelled")
    if active == 0:
        return Fulfilment.CANCELLED
    returned, shipped = counts["returned"], counts["shipped"]
    ready = sum(counts[s] for s in READY_ITEM_STATES)
    if returned:
        return Fulfilment.ALL_RETURNED if returned == active else Fulfilment.PARTIALLY_RETURNED
    live = [s for s in shipment_statuses if s != "cancelled"]
    if shipped == active:
        return Fulfilment.COMPLETED if live and all(s == "delivered" for s in live) else Fulfilment.SHIPPED
    if shipped:
        return Fulfilment.PARTIALLY_SHIPPED
    if ready == active:
        return Fulfilment.READY_TO_SHIP
    if ready:
        return Fulfilment.PARTIALLY_FULFILLED
    if jobs_started:
        return Fulfilment.IN_PRODUCTION
    return Fulfilment.NOT_STARTED


def payment_status(*, total: Decimal, paid: Decimal, refunded: Decimal, terms: str, po_number: str | None,
                   due_on: date | None, invoiced: bool, today: date) -> PaymentStatus:
    """The payment view custom-print shops give customers: paid or not, a customer PO with its due date,
    overdue once a due date has passed, or refunded."""
    if refunded > 0 and refunded >= paid:
        return PaymentStatus.REFUNDED
    if paid - refunded >= total and (paid > 0 or total == 0):
        return PaymentStatus.PAID
    if terms == "po" and po_number:
        if due_on is not None and due_on <= today:
            return PaymentStatus.PO_PAYMENT_DUE
        return PaymentStatus.PO_PROVIDED
    if due_on is not None and due_on < today:
        return PaymentStatus.OVERDUE
    if paid > refunded:
        return PaymentStatus.PARTIALLY_PAID
    if invoiced:
        return PaymentStatus.WAITING_FOR_PAYMENT
    return PaymentStatus.UNPAID
