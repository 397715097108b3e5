"""Plain, immutable inputs and outputs of the planning core.

Dataclasses with slots rather than pydantic: the dispatcher calls `plan()` on every tick with
thousands of candidates, and the normalisation work (material and colour spelling, printer model
aliases, the requirement signature that groups jobs) is done once when a candidate is built, not
on every tick. Callers that keep candidates between ticks pay it once per job.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field
from datetime import UTC, time, tzinfo
from functools import lru_cache

from odind.vocabulary import FilamentNeed, LoadedFilament

BAMBU_FAMILIES = frozenset({"bambu"})
GCODE_FAMILIES = frozenset({"marlin", "moonraker", "octoprint", "prusalink"})
FILE_KINDS = ("gcode", "gcode.3mf")

# BambuStudio writes a model id (slice_info.config `printer_model_id`) or a marketing name
# ("Bambu Lab P1S"); printers report yet another spelling. All map to one compact key.
_BAMBU_MODEL_IDS = {
    "BL-P001": "X1C", "BL-P002": "X1", "C11": "P1P", "C12": "P1S", "C13": "X1E",
    "N1": "A1MINI", "N2S": "A1", "O1D": "H2D",
}
_MODEL_ALIASES = {"X1CARBON": "X1C", "BAMBULABX1CARBON": "X1C"}
_MODEL_DISPLAY = {"A1MINI": "A1 mini"}


def model_key(name: str | None) -> str | None:
    """One spelling per printer model: "Bambu Lab P1S", "P1S" and "C12" all give "P1S"."""
    if name is None or not name.strip():
        return None
    raw = name.strip().upper()
    if raw in _BAMBU_MODEL_IDS:
        return _BAMBU_MODEL_IDS[raw]
    compact = re.sub(r"[\s_\-]+", "", raw)
    if compact.startswith("BAMBULAB"):
        compact = compact[len("BAMBULAB"):]
    return _MODEL_ALIASES.get(compact, compact)


def model_display(key: str) -> str:
    return _MODEL_DISPLAY.get(key, key)


def material_key(material: str) -> str:
    return material.strip().upper()


def colour_key(colour: str | None) -> str | None:
    """'#RRGGBB' upper case; Bambu trays report RRGGBBAA, the alpha is dropped."""
    if colour is None or not colour.strip():
        return None
    text = colour.strip().upper().lstrip("#")
    return "#" + text[:6]


PACKED_NUMBERS = struct.Struct("=6d")
Need = tuple[str, str | None]  # (material, colour or None for any colour)


@dataclass(frozen=True, slots=True, eq=False)
class Requirement:
    """What a job asks of a printer, shared (interned) by every job that asks the same.

    Jobs are grouped by this object's identity so that the checks run once per group, not once
    per job: a queue of 10,000 jobs usually holds a few dozen distinct requirements.
    """

    file_kind: str
    model: str | None  # model_key of the printer model the file was sliced for
    nozzle: float | None
    bbox: tuple[float, float, float] | None
    tags: frozenset[str]
    needs: tuple[Need, ...]  # unique, sorted; colour None when any colour will do
    preferred: tuple[Need, ...]  # the slicer's colours, preferred when any colour will do
    any_colour: bool


@lru_cache(maxsize=8192)
def _requirement(file_kind: str, model: str | None, nozzle: float | None,
                 bbox: tuple[float, float, float] | None, tags: frozenset[str], needs: tuple[Need, ...],
                 preferred: tuple[Need, ...], any_colour: bool) -> Requirement:
    return Requirement(file_kind, model, nozzle, bbox, tags, needs, preferred, any_colour)


@dataclass(frozen=True, slots=True)
class JobCandidate:
    """A queued job the planner may start. Higher `priority` is more urgent."""

    id: int
    priority: int
    created_at: float
    due_at: float | None
    print_time_s: int
    filaments: tuple[FilamentNeed, ...]
    file_kind: str
    printer_model: str | None
    nozzle_diameter: float | None
    bbox_mm: tuple[float, float, float] | None
    required_tags: frozenset[str]
    order_id: int | None
    label: str
    any_colour: bool = False  # the job may print in any colour of its materials (colour is a preference)
    requirement: Requirement = field(init=False, repr=False, compare=False)
    grams: tuple[float, ...] = field(init=False, repr=False, compare=False)  # per requirement.needs
    # (id, priority, created_at, due_at or NaN, print_time_s, largest need in grams) as 6 packed doubles,
    # so a tick reads 10,000 jobs' numbers with one bytes join instead of 60,000 Python attribute reads
    packed: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.file_kind not in FILE_KINDS:
            raise ValueError(f"job {self.id}: file kind {self.file_kind!r} is not one of {', '.join(FILE_KINDS)}")
        if self.print_time_s < 0:
            raise ValueError(f"job {self.id}: print time {self.print_time_s} s is negative")
        grams: dict[Need, float] = {}
        preferred: set[Need] = set()
        for need in self.filaments:
            material, colour = material_key(need.material), colour_key(need.colour)
            if colour is not None:
                preferred.add((material, colour))
            key = (material, None if self.any_colour else colour)
            grams[key] = grams.get(key, 0.0) + (need.grams or 0.0)
        needs = tuple(sorted(grams, key=lambda n: (n[0], n[1] or "")))
        bbox = tuple(float(v) for v in self.bbox_mm) if self.bbox_mm is not None else None
        nozzle = round(float(self.nozzle_diameter), 2) if self.nozzle_diameter is not None else None
        req = _requirement(self.file_kind, model_key(self.printer_model), nozzle, bbox,
                           frozenset(self.required_tags), needs,
                           tuple(sorted(preferred, key=lambda n: (n[0], n[1] or ""))), self.any_colour)
        object.__setattr__(self, "requirement", req)
        object.__setattr__(self, "grams", tuple(grams[n] for n in needs))
        object.__setattr__(self, "packed", PACKED_NUMBERS.pack(
            self.id, self.priority, self.created_at, math.nan if self.due_at is None else self.due_at,
            self.print_time_s, max(grams.values(), default=0.0)))


@dataclass(frozen=True, slots=True)
class PrinterCandidate:
    """A printer as the planner sees it at one instant."""

    id: int
    name: str
    family: str
    model: str
    online: bool
    idle: bool
    plate_clear: bool
    build_volume_mm: tuple[float, float, float]
    nozzle_diameter: float
    filaments: tuple[LoadedFilament, ...]
    tags: frozenset[str]
    used_hours: float
    held_until: float | None
    model_key: str = field(init=False, repr=False, compare=False)
    slots: tuple[tuple[Need, float], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "model_key", model_key(self.model) or "")
        object.__setattr__(self, "slots", tuple(
            ((material_key(f.material), colour_key(f.colour)), _remaining_g(f)) for f in self.filaments
        ))


NOMINAL_SPOOL_G = 1000.0


def _remaining_g(loaded: LoadedFilament) -> float:
    """Grams left, +inf when unknown (an unknown spool never blocks a job; the operator knows best).

    AMS trays report a percentage only; it is read against a nominal 1 kg spool.
    """
    if loaded.remaining_g is not None and loaded.remaining_g >= 0:
        return float(loaded.remaining_g)
    if loaded.remaining_pct is not None and loaded.remaining_pct >= 0:
        return float(loaded.remaining_pct) / 100.0 * NOMINAL_SPOOL_G
    return math.inf


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """Quiet hours and the weights of the scoring factors (each factor is scaled to about 0..1)."""

    blackout_start: time | None = None
    blackout_end: time | None = None
    tz: tzinfo = UTC
    shortest_job_first: bool = False
    w_priority: float = 10.0  # per priority level: a rush job goes first
    w_due: float = 4.0  # urgency 0 (due beyond the horizon) .. 2 (overdue)
    w_age: float = 1.0  # older jobs first among equals (FIFO fairness)
    w_colour: float = 1.0  # the job's colours are already loaded (no swap)
    w_spool: float = 0.5  # least filament left that still suffices (use up spools)
    w_wear: float = 0.5  # least-used printer (spread wear)
    w_scarcity: float = 1.0  # jobs few printers can take go to those printers first
    w_balance: float = 2.0  # per balance_scale_s of queued work a printer carries beyond its peers
    w_sjf: float = 2.0  # only with shortest_job_first
    due_horizon_s: float = 3 * 86400.0
    age_horizon_s: float = 86400.0
    long_job_s: float = 8 * 3600.0
    balance_scale_s: float = 8 * 3600.0


@dataclass(frozen=True, slots=True)
class Assignment:
    job_id: int
    printer_id: int
    score: float
    explanation: str


@dataclass(slots=True)
class Plan:
    assignments: list[Assignment]
    waiting: dict[int, str]  # job id -> why it is not starting now
    # free printers with a clear plate that could print queued work but for the filament loaded on them
    starved: list[int] = field(default_factory=list)
