"""A large farm and queue for timing one planning tick (used by bench/farm_sim.py)."""

from __future__ import annotations

import random

from odind.planning.model import JobCandidate, PrinterCandidate
from odind.vocabulary import FilamentNeed, LoadedFilament

PALETTE = {
    "PLA": ["#000000", "#FFFFFF", "#C12E1F", "#0A2CA5", "#F5E663", "#2E8B57", "#FF8000", "#808080"],
    "PETG": ["#000000", "#FFFFFF", "#FF0000"],
    "ABS": ["#000000", "#FFFFFF"],
    "TPU": ["#000000"],
}
# (family, model, build volume, AMS trays or 1)
FLEET = [
    ("bambu", "P1S", (256.0, 256.0, 256.0), 4, 60),
    ("bambu", "X1C", (256.0, 256.0, 256.0), 4, 30),
    ("bambu", "A1", (256.0, 256.0, 256.0), 4, 30),
    ("prusalink", "MK4", (250.0, 210.0, 220.0), 1, 40),
    ("moonraker", "Voron 2.4", (350.0, 350.0, 340.0), 1, 20),
    ("marlin", "Ender-3 V2", (220.0, 220.0, 250.0), 1, 20),
]


def _filament(rng: random.Random) -> tuple[str, str]:
    material = rng.choices(list(PALETTE), weights=[70, 18, 8, 4])[0]
    return material, rng.choice(PALETTE[material])


def tick_printers(rng: random.Random, count: int = 200, ready_share: float = 0.1) -> list[PrinterCandidate]:
    printers: list[PrinterCandidate] = []
    kinds = [f for f in FLEET for _ in range(f[4])]
    for i in range(count):
        family, model, volume, trays, _ = kinds[i % len(kinds)]
        loaded = tuple(LoadedFilament(slot=str(s), material=m, colour=c, remaining_g=rng.uniform(80, 1000))
                       for s, (m, c) in enumerate(_filament(rng) for _ in range(trays)))
        roll = rng.random()
        idle = roll < ready_share + 0.05
        printers.append(PrinterCandidate(
            id=i + 1, name=f"{model}-{i + 1}", family=family, model=model, online=roll < 0.95, idle=idle,
            plate_clear=roll < ready_share, build_volume_mm=volume,
            nozzle_diameter=0.6 if family == "marlin" else 0.4, filaments=loaded,
            tags=frozenset({"enclosure"}) if model in ("X1C", "P1S", "Voron 2.4") else frozenset(),
            used_hours=rng.uniform(0, 3000), held_until=None))
    return printers


def tick_jobs(rng: random.Random, count: int = 10_000, products: int = 250, now: float = 0.0) -> list[JobCandidate]:
    catalog = []
    for _ in range(products):
        family, model, volume, _, _ = rng.choice(FLEET)
        colours = rng.choice([1, 1, 1, 2, 4]) if family == "bambu" else 1
        needs = tuple(FilamentNeed(material=m, colour=c, grams=rng.uniform(5, 150))
                      for m, c in (_filament(rng) for _ in range(colours)))
        bbox = tuple(round(rng.uniform(20, v * 0.95)) for v in volume)
        catalog.append(dict(
            filaments=needs, file_kind="gcode.3mf" if family == "bambu" else "gcode",
            printer_model=f"Bambu Lab {model}" if family == "bambu" else None,
            nozzle_diameter=0.6 if family == "marlin" else 0.4, bbox_mm=bbox,
            required_tags=frozenset({"enclosure"}) if any(n.material == "ABS" for n in needs) else frozenset(),
            print_time_s=rng.randint(15 * 60, 8 * 3600), any_colour=rng.random() < 0.15))
    jobs = []
    for i in range(count):
        product = rng.randrange(products)
        jobs.append(JobCandidate(
            id=i + 1, priority=rng.choices([0, 1, 2], weights=[85, 12, 3])[0],
            created_at=now - rng.uniform(0, 5 * 86400),
            due_at=now + rng.uniform(-86400, 10 * 86400) if rng.random() < 0.8 else None,
            order_id=i // 4, label=f"product {product}", **catalog[product]))
    return jobs
