"""plan() against a plain, obviously-correct reading of the hard checks on many small random farms."""

from __future__ import annotations

import random

import pytest

from odind.planning import plan as plan_module
from odind.planning.model import PlanSettings, colour_key, model_key
from odind.planning.plan import plan

from .helpers import NOW, job, need, printer, spool

MODELS = [("bambu", "P1S"), ("bambu", "X1C"), ("marlin", "Ender-3"), ("prusalink", "MK4")]
FILAMENTS = [("PLA", "#000000"), ("PLA", "#FFFFFF"), ("PETG", "#FF0000")]


def feasible(j, p) -> bool:
    """The issue's checks, written the slow, direct way."""
    if not (p.online and p.idle and (p.held_until is None or p.held_until <= NOW) and p.plate_clear):
        return False
    bambu = p.family == "bambu"
    if j.file_kind == "gcode.3mf":
        if not bambu or (j.printer_model and model_key(j.printer_model) != model_key(p.model)):
            return False
    elif bambu:
        return False
    if j.bbox_mm and any(a > b for a, b in zip(j.bbox_mm, p.build_volume_mm, strict=True)):
        return False
    if j.nozzle_diameter is not None and abs(j.nozzle_diameter - p.nozzle_diameter) > 1e-6:
        return False
    for n in j.filaments:
        spools = [f for f in p.filaments if f.material.upper() == n.material.upper()
                  and (j.any_colour or n.colour is None or colour_key(f.colour) == colour_key(n.colour))]
        if not spools:
            return False
        if n.grams and all(f.remaining_g is not None and f.remaining_g < n.grams for f in spools):
            return False
    return j.required_tags <= p.tags


def max_matching(jobs, printers) -> int:
    owner: dict[int, int] = {}

    def augment(ji: int, seen: set[int]) -> bool:
        for pi, p in enumerate(printers):
            if pi not in seen and feasible(jobs[ji], p):
                seen.add(pi)
                if pi not in owner or augment(owner[pi], seen):
                    owner[pi] = ji
                    return True
        return False

    return sum(augment(ji, set()) for ji in range(len(jobs)))


def random_farm(rng: random.Random):
    printers = []
    for i in range(rng.randint(1, 5)):
        family, model = rng.choice(MODELS)
        loaded = tuple(spool(*rng.choice(FILAMENTS), grams=rng.choice([30, 200, None]), slot=str(s))
                       for s in range(rng.randint(0, 3)))
        printers.append(printer(i + 1, family=family, model=model, online=rng.random() < 0.9,
                                idle=rng.random() < 0.8, plate_clear=rng.random() < 0.85,
                                volume=rng.choice([(256, 256, 256), (180, 180, 180)]),
                                nozzle=rng.choice([0.4, 0.4, 0.6]), filaments=loaded,
                                tags=frozenset(rng.sample(["enclosure", "food"], rng.randint(0, 2))),
                                used_hours=rng.uniform(0, 100),
                                held_until=rng.choice([None, None, NOW + 60, NOW - 60])))
    products = []
    for _ in range(rng.randint(1, 4)):  # jobs share products, so groups hold several jobs
        family, model = rng.choice(MODELS)
        kind = "gcode.3mf" if family == "bambu" else "gcode"
        products.append(dict(
            file_kind=kind,
            printer_model=rng.choice([model, f"Bambu Lab {model}", None]) if kind == "gcode.3mf" else None,
            nozzle=rng.choice([0.4, 0.6, None]), bbox=rng.choice([(100, 100, 100), (200, 200, 200), None]),
            filaments=tuple(need(*rng.choice(FILAMENTS), grams=rng.choice([10, 100]))
                            for _ in range(rng.randint(0, 2))),
            tags=frozenset(rng.sample(["enclosure", "food"], rng.randint(0, 1))), any_colour=rng.random() < 0.2))
    jobs = [job(i + 1, priority=rng.randint(0, 2), due_at=rng.choice([None, NOW + 3600, NOW + 86400]),
                **rng.choice(products)) for i in range(rng.randint(1, 8))]
    return jobs, printers


def check(jobs, printers, *, maximum: bool) -> None:
    result = plan(jobs, printers, NOW, PlanSettings())
    by_id = {j.id: j for j in jobs}
    printers_by_id = {p.id: p for p in printers}
    pairs = [(a.job_id, a.printer_id) for a in result.assignments]
    assert len({j for j, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    for j, p in pairs:
        assert feasible(by_id[j], printers_by_id[p]), (by_id[j], printers_by_id[p])
    assert set(result.waiting) | {j for j, _ in pairs} == set(by_id)
    assert not set(result.waiting) & {j for j, _ in pairs}
    assert all(result.waiting.values())
    busy = {p for _, p in pairs}
    for j in result.waiting:
        assert not any(feasible(by_id[j], p) for p in printers if p.id not in busy), "a free printer could take it"
    if maximum:
        assert len(pairs) == max_matching(jobs, printers)


def test_exact_path_is_feasible_and_starts_as_many_printers_as_possible():
    rng = random.Random(20261123)
    for _ in range(400):
        check(*random_farm(rng), maximum=True)


@pytest.fixture
def greedy_only(monkeypatch):
    monkeypatch.setattr(plan_module, "EXACT_ROWS", 0)


def test_greedy_path_is_feasible_and_leaves_no_printer_idle_needlessly(greedy_only):
    rng = random.Random(7)
    for _ in range(400):
        check(*random_farm(rng), maximum=False)
