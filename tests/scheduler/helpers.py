"""Small builders so each test states only what it is about."""

from __future__ import annotations

from odind.planning.model import JobCandidate, PrinterCandidate
from odind.vocabulary import FilamentNeed, LoadedFilament

NOW = 1_795_000_000.0  # 2026-11-18, a fixed instant


def need(material: str = "PLA", colour: str | None = "#000000", grams: float | None = 20.0) -> FilamentNeed:
    return FilamentNeed(material=material, colour=colour, grams=grams)


def spool(material: str = "PLA", colour: str | None = "#000000", grams: float | None = 800.0,
          slot: str = "0") -> LoadedFilament:
    return LoadedFilament(slot=slot, material=material, colour=colour, remaining_g=grams)


def job(id: int = 1, *, priority: int = 0, created_at: float = NOW - 3600, due_at: float | None = None,
        print_time_s: int = 3600, filaments: tuple[FilamentNeed, ...] | None = None,
        file_kind: str = "gcode.3mf", printer_model: str | None = "Bambu Lab P1S",
        nozzle: float | None = 0.4, bbox: tuple[float, float, float] | None = (100.0, 100.0, 50.0),
        tags: frozenset[str] = frozenset(), order_id: int | None = None, any_colour: bool = False) -> JobCandidate:
    return JobCandidate(
        id=id, priority=priority, created_at=created_at, due_at=due_at, print_time_s=print_time_s,
        filaments=(need(),) if filaments is None else filaments, file_kind=file_kind,
        printer_model=printer_model, nozzle_diameter=nozzle, bbox_mm=bbox, required_tags=tags,
        order_id=order_id, label=f"job {id}", any_colour=any_colour)


def printer(id: int = 1, *, name: str | None = None, family: str = "bambu", model: str = "P1S",
            online: bool = True, idle: bool = True, plate_clear: bool = True,
            volume: tuple[float, float, float] = (256.0, 256.0, 256.0), nozzle: float = 0.4,
            filaments: tuple[LoadedFilament, ...] | None = None, tags: frozenset[str] = frozenset(),
            used_hours: float = 100.0, held_until: float | None = None) -> PrinterCandidate:
    return PrinterCandidate(
        id=id, name=name or f"Bench-{id}", family=family, model=model, online=online, idle=idle,
        plate_clear=plate_clear, build_volume_mm=volume, nozzle_diameter=nozzle,
        filaments=(spool(),) if filaments is None else filaments, tags=tags, used_hours=used_hours,
        held_until=held_until)
