"""Thousands of queued jobs: every job is accounted for, and the plan stays correct (timing is in bench/)."""

from __future__ import annotations

import random

from odind.planning.model import PlanSettings
from odind.planning.plan import plan

from .helpers import NOW, job, need, printer, spool
from .test_against_reference import feasible


def test_ten_thousand_jobs_on_two_hundred_printers():
    rng = random.Random(5)
    colours = ["#000000", "#FFFFFF", "#FF0000", "#0000FF"]
    models = ["P1S", "X1C", "A1"]
    printers = [printer(i, model=models[i % 3], idle=rng.random() < 0.3, plate_clear=rng.random() < 0.9,
                        filaments=tuple(spool("PLA", rng.choice(colours), grams=rng.uniform(50, 1000), slot=str(s))
                                        for s in range(4)), used_hours=rng.uniform(0, 500))
                for i in range(1, 201)]
    products = [dict(printer_model=rng.choice(models), bbox=(rng.randint(50, 300), 100, 100),
                     filaments=tuple(need("PLA", rng.choice(colours), grams=rng.uniform(5, 300))
                                     for _ in range(rng.randint(1, 3))))
                for _ in range(150)]
    jobs = [job(i, priority=rng.randint(0, 2), due_at=NOW + rng.uniform(0, 9e5), **rng.choice(products))
            for i in range(1, 10_001)]
    result = plan(jobs, printers, NOW, PlanSettings())
    ready = [p for p in printers if p.idle and p.plate_clear]
    assert 0 < len(result.assignments) <= len(ready)
    assert len(result.waiting) + len(result.assignments) == len(jobs)
    by_id, printers_by_id = {j.id: j for j in jobs}, {p.id: p for p in printers}
    assert len({a.printer_id for a in result.assignments}) == len(result.assignments)
    for a in result.assignments:
        assert feasible(by_id[a.job_id], printers_by_id[a.printer_id])
    reasons = set(result.waiting.values())
    assert any(r.startswith("no printer fits") for r in reasons)
    assert any(r.startswith("queued behind") for r in reasons)
