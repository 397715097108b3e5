"""Production batches: "N sets of product X" as parts, and parts packed onto plates.

Following the Batchivo design: a set's bill of materials lists its parts and how many of each one
set needs; identical parts print together, as many per plate as the part's plate layout holds.
Each plate becomes one print job.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)  # a part's id: a model id in the daemon, a SKU in examples


@dataclass(frozen=True, slots=True)
class PlateJob(Generic[K]):
    """One plate to print: `objects` copies of `part_id`, plate `index` of `plates` for that part."""

    part_id: K
    objects: int
    index: int
    plates: int


@dataclass(frozen=True, slots=True)
class BatchProgress:
    sets_done: int  # complete sets that can be assembled from the parts printed so far
    sets: int
    parts_done: int
    parts: int

    @property
    def fraction(self) -> float:
        return self.parts_done / self.parts if self.parts else 1.0


def expand_sets(sets: int, bom: Mapping[K, int]) -> list[tuple[K, int]]:
    """Parts and quantities for `sets` sets, in BOM order."""
    if sets < 0:
        raise ValueError(f"number of sets must not be negative, got {sets}")
    for part, per_set in bom.items():
        if per_set < 1:
            raise ValueError(f"part {part!r}: quantity per set must be at least 1, got {per_set}")
    return [(part, per_set * sets) for part, per_set in bom.items() if sets]


def pack_plates(parts: Sequence[tuple[K, int, int]]) -> list[PlateJob[K]]:
    """Plates for (part, quantity, objects per plate): full plates, then one plate with the rest.

    The remainder goes on a single smaller plate rather than being spread evenly, because every
    distinct count per plate is a separately sliced file; this way a part needs at most two.
    Nothing beyond the quantity is printed.
    """
    plates: list[PlateJob] = []
    for part, quantity, per_plate in parts:
        if quantity < 0:
            raise ValueError(f"part {part!r}: quantity must not be negative, got {quantity}")
        if per_plate < 1:
            raise ValueError(f"part {part!r}: objects per plate must be at least 1, got {per_plate}")
        full, rest = divmod(quantity, per_plate)
        counts = [per_plate] * full + ([rest] if rest else [])
        plates.extend(PlateJob(part_id=part, objects=n, index=i, plates=len(counts))
                      for i, n in enumerate(counts, start=1))
    return plates


def batch_progress(sets: int, bom: Mapping[K, int], done: Mapping[K, int]) -> BatchProgress:
    """How far a batch of `sets` sets is, from the parts finished so far (extra parts do not count)."""
    needed = dict(expand_sets(sets, bom))
    counted = {part: min(done.get(part, 0), qty) for part, qty in needed.items()}
    complete = min((done.get(part, 0) // per_set for part, per_set in bom.items()), default=0)
    return BatchProgress(sets_done=min(sets, complete), sets=sets, parts_done=sum(counted.values()),
                         parts=sum(needed.values()))
