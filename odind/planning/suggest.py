"""What the operator should load next on a free printer.

A waiting reason says why one job waits; this says which single change unlocks the most queued
work on one printer, and which tray or spool to give up for it (the one the queue needs least).
By default only printers the plan left without a job get a suggestion: a printer that can start
something starts it, and filament is never changed behind the operator's back. With an operator
at hand (`prefer_swaps`), a printer whose planned job scores clearly below what a swap would let
it print is told to swap instead, scored by plan() itself, so a big-bed printer stops spending
the day on small parts in the loaded colour while big parts in another colour queue for it alone.
The status page shows the suggestions; the farm simulation's operator follows them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from odind.planning.model import (
    BAMBU_FAMILIES,
    GCODE_FAMILIES,
    JobCandidate,
    Need,
    Plan,
    PlanSettings,
    PrinterCandidate,
    Requirement,
)
from odind.planning.plan import plan
from odind.vocabulary import LoadedFilament


@dataclass(frozen=True, slots=True)
class LoadSuggestion:
    printer_id: int
    loads: tuple[tuple[str, Need], ...]  # (slot to replace, filament to put there; colour None: any)
    jobs: int  # queued jobs this lets start
    print_time_s: int  # their print time together
    instead_of: int | None = None  # the planned job this printer should not start (prefer_swaps)

    def text(self, printer_name: str) -> str:
        what = ", ".join(f"{m} {c}" if c else f"{m} (any colour)" for _, (m, c) in self.loads)
        slots = ", ".join(s for s, _ in self.loads)
        hours = self.print_time_s / 3600
        return f"load {what} on {printer_name} (slot {slots}) to start {self.jobs} job(s), {hours:.1f} h of printing"


def capable(req: Requirement, printer: PrinterCandidate) -> bool:
    """The static checks: file compatible, fits, nozzle, tags (what no waiting can fix)."""
    if req.file_kind == "gcode.3mf":
        if printer.family not in BAMBU_FAMILIES or (req.model is not None and req.model != printer.model_key):
            return False
    elif printer.family not in GCODE_FAMILIES:
        return False
    if req.bbox is not None and any(a > b + 1e-6 for a, b in zip(req.bbox, printer.build_volume_mm, strict=True)):
        return False
    if req.nozzle is not None and abs(req.nozzle - printer.nozzle_diameter) >= 0.005:
        return False
    return req.tags <= printer.tags


def suggest_loads(jobs: Sequence[JobCandidate], printers: Sequence[PrinterCandidate], result: Plan, *,
                  now: float = 0.0, settings: PlanSettings | None = None, prefer_swaps: bool = False,
                  swap_penalty: float = 0.5) -> list[LoadSuggestion]:
    """At most one suggestion per free, clear printer.

    Without `prefer_swaps`, only for printers `result` left without a job. With it, also for a
    printer whose planned job scores more than `swap_penalty` per filament change below the best
    job the change would let it start (then `instead_of` names the planned job); that costs one
    extra plan() per such printer, with the same jobs, `now` and `settings` as `result`.
    """
    planned = {a.printer_id: a for a in result.assignments}
    waiting: dict[Requirement, list[JobCandidate]] = defaultdict(list)
    for job in jobs:
        if job.id in result.waiting:
            waiting[job.requirement].append(job)
    suggestions = []
    for printer in printers:
        if not (printer.online and printer.idle and printer.plate_clear) or printer.held_until is not None:
            continue
        if printer.id in planned and not prefer_swaps:
            continue
        suggestion = _best_change(printer, waiting)
        if suggestion is None:
            continue
        if printer.id in planned:
            assert settings is not None, "prefer_swaps needs the plan's settings"
            gain = _swap_gain(jobs, printers, printer, suggestion, now, settings) - planned[printer.id].score
            if gain <= swap_penalty * len(suggestion.loads):
                continue
            suggestion = replace(suggestion, instead_of=planned[printer.id].job_id)
        suggestions.append(suggestion)
    return suggestions


def _swap_gain(jobs: Sequence[JobCandidate], printers: Sequence[PrinterCandidate], printer: PrinterCandidate,
               suggestion: LoadSuggestion, now: float, settings: PlanSettings) -> float:
    """The best score `printer` would reach with the suggested filament loaded, others kept busy."""
    new = {slot: need for slot, need in suggestion.loads}
    kept = [f for f in printer.filaments if f.slot not in new]
    loaded = tuple(kept) + tuple(LoadedFilament(slot=slot, material=m, colour=c) for slot, (m, c) in new.items())
    trial = [replace(p, filaments=loaded) if p.id == printer.id else replace(p, idle=False) for p in printers]
    best = plan(jobs, trial, now, settings).assignments
    return best[0].score if best else float("-inf")


def _weight(job: JobCandidate) -> float:
    return job.print_time_s * (1 + max(job.priority, 0))


def _best_change(printer: PrinterCandidate, waiting: dict[Requirement, list[JobCandidate]]) -> LoadSuggestion | None:
    loaded = {need for need, _ in printer.slots} | {(m, None) for (m, _), _ in printer.slots}
    demand: dict[Need, float] = defaultdict(float)  # what the printer's possible work needs loaded
    unlock: dict[frozenset[Need], list[JobCandidate]] = defaultdict(list)
    for req, jobs in waiting.items():
        if not capable(req, printer):
            continue
        weight = sum(_weight(j) for j in jobs)
        for need in req.needs:
            demand[need] += weight
        missing = frozenset(n for n in req.needs if n not in loaded)
        if missing:
            unlock[missing].extend(jobs)
    slots = [(f.slot, need) for f, (need, _) in zip(printer.filaments, printer.slots, strict=True)] \
        or [("ext", ("", None))]
    best: tuple[float, frozenset[Need]] | None = None
    for missing, jobs in unlock.items():
        if len(missing) > len(slots):
            continue
        value = sum(_weight(j) for j in jobs) / len(missing)
        if best is None or value > best[0]:
            best = (value, missing)
    if best is None:
        return None
    missing = best[1]
    keep = set().union(*(r.needs for r in waiting if frozenset(n for n in r.needs if n not in loaded) == missing))

    def cost_of_giving_up(slot: tuple[str, Need]) -> tuple[bool, float]:
        need = slot[1]
        any_colour = (need[0], None)
        return need in keep or any_colour in keep, demand.get(need, 0.0) + demand.get(any_colour, 0.0)

    free_slots = sorted(slots, key=cost_of_giving_up)[:len(missing)]
    unlocked = unlock[missing]
    return LoadSuggestion(
        printer_id=printer.id,
        loads=tuple((slot, need) for (slot, _), need in zip(free_slots, sorted(missing, key=str), strict=True)),
        jobs=len(unlocked), print_time_s=sum(j.print_time_s for j in unlocked))
