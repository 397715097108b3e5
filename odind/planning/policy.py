"""Reprint and over-production rules, kept pure so the dispatcher and its tests share one truth."""

from __future__ import annotations


def should_requeue(attempts: int, limit: int) -> bool:
    """Whether a failed or cancelled print goes back in the queue by itself.

    `attempts` counts the prints of this job that have ended badly so far, the one just ended
    included; `limit` is how many reprints the farm allows before a person must look (0: never).
    Past the limit the job waits for the operator: a part that keeps failing wastes filament.
    """
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1 after a failure, got {attempts}")
    if limit < 0:
        raise ValueError(f"reprint limit must not be negative, got {limit}")
    return attempts <= limit


def copies_needed(ordered: int, done: int, printing: int, queued: int) -> int:
    """Copies still to queue for an order line: never more than it still needs.

    `done` counts finished copies, including those still on a plate; `printing` those on a printer
    now; `queued` those already waiting. A reprint is queued only when this says a copy is missing,
    so a failure that races a completion cannot make an extra part.
    """
    for name, value in (("ordered", ordered), ("done", done), ("printing", printing), ("queued", queued)):
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    return max(0, ordered - done - printing - queued)
