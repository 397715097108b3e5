"""Production truth with simulated printers: a batch of three Red Fox sets (the worked example in
shared/reference/red-fox.md) prints, one plate is stopped part-way and is reprinted, the finished parts go
on the shelf, the failure's filament is booked as waste to its spool and printer, the metrics say
exactly what a hand calculation says, and an order for three sets is then served from the shelf."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from odind.domain import catalog
from odind.domain.printers import plate_cleared
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.dispatch.conftest import Rig

COLOURS = {"Orange": "#E8601C", "Brown 1": "#6B3A1E", "Brown 2": "#8B5A2B", "Beige": "#D8C3A5",
           "White": "#FFFFFF", "Wood Oak": "#A0764A"}
# SKU: (grams per unit by colour, units per set), from the reference's table.
PARTS = {
    "FOX-001": ({"Orange": 15, "Brown 1": 8, "Brown 2": 5, "Beige": 3}, 1),
    "FOX-002": ({"Brown 1": 4}, 5),
    "FOX-003": ({"White": 12}, 1),
    "FOX-004": ({"White": 2}, 8),
    "FOX-005": ({"Wood Oak": 18}, 1),
    "FOX-006": ({"Brown 1": 3, "Brown 2": 2}, 5),
    "FOX-007": ({"Brown 1": 2}, 5),
    "FOX-008": ({"Brown 2": 2}, 5),
}
SETS = 3
SPOOL_G = 1000


def _plate_file(path: Path, grams: dict[str, int], objects: int) -> Path:
    """A sliced plate of `objects` copies of one part: its grams are the plate's, as a slicer states them."""
    text = synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour=COLOURS[name], grams=g * objects)
                                        for name, g in grams.items()], print_time_s=1200, segments=40)
    listed = {"objects": [{"name": f"{path.stem} {i} id:{i} copy 0",
                           "polygon": [[0, 0], [10, 0], [10, 10], [0, 10]]} for i in range(objects)]}
    path.write_text(re.sub(r"; objects_info = .*", "; objects_info = " + json.dumps(listed), text))
    return path


async def test_a_red_fox_batch_with_a_failed_plate_ends_on_the_shelf_with_its_waste_booked(rig: Rig) -> None:
    printer_id = await rig.add_printer("Shelf-1", colours=tuple(COLOURS.values()))
    for name, colour in COLOURS.items():
        status, _ = await rig.call("POST", "/api/spools", json={"material": "PLA", "colour": colour,
                                                                 "grams": SPOOL_G, "printer_id": printer_id,
                                                                 "brand": name})
        assert status == 201
    part_ids: dict[str, int] = {}
    for sku, (grams, per_set) in PARTS.items():
        path = _plate_file(rig.tmp_path / f"{sku}.gcode", grams, objects=per_set * SETS)
        model = await catalog.add_model(rig.store, "test", upload=path, filename=path.name, name=sku,
                                        models_dir=rig.tmp_path / "models")
        part_ids[sku] = (await catalog.create_product(rig.store, "test", catalog.ProductIn(
            sku=sku, name=sku, sale_price=Decimal("1.00"),
            components=[catalog.ComponentIn(model_id=model["id"], quantity=1)])))["id"]
    status, fox_set = await rig.call("POST", "/api/sets", json={
        "sku": "FOX-SET-001", "name": "Red Fox Complete Set", "sale_price": "54.99",
        "items": [{"product_id": part_ids[sku], "quantity": per_set} for sku, (_, per_set) in PARTS.items()]})
    assert status == 201, fox_set

    status, batch = await rig.call("POST", "/api/batches", json={"product_id": fox_set["id"], "sets": SETS})
    assert status == 201 and len(batch["jobs"]) == len(PARTS)  # one plate per part: every copy of it at once

    sim = rig.sims[printer_id]
    first = batch["jobs"][0]["id"]
    await rig.wait_status(first, "printing")

    async def half_printed() -> bool:
        return (sim.device.progress() or 0) > 0.3
    await rig.wait_for(half_printed, "the first plate to be a third printed")
    sim.device.cancel()  # stopped on the printer's own screen: spaghetti, say
    await rig.wait_for(lambda: _reprint_waiting(rig, first), "the failed plate to be queued again")
    await plate_cleared(rig.store, "test", printer_id)

    async def complete() -> dict | None:
        _, view = await rig.call("GET", f"/api/batches/{batch['id']}")
        return view if view["progress"]["complete"] else None
    await rig.wait_for(complete, "the batch to complete", timeout=120)

    # The shelf holds three sets' parts, each counted once.
    for sku, (_, per_set) in PARTS.items():
        status, stock = await rig.call("GET", f"/api/products/{part_ids[sku]}/stock")
        assert stock["locations"]["main"]["on_hand"] == per_set * SETS, sku

    # The failure's filament is waste, booked to the printer and to the spools it came from.
    status, tries = await rig.call("GET", f"/api/jobs/{first}/attempts")
    assert [t["outcome"] for t in tries][1:] == ["completed"] and tries[0]["outcome"] in ("failed", "cancelled")
    assert tries[0]["printer_id"] == printer_id
    progress = Decimal(tries[0]["progress"])
    assert 0 < progress < 1  # the last progress the printer reported before it stopped
    failed_sku = next(sku for sku in PARTS if part_ids[sku] == tries[0]["product_id"])
    failed_grams, failed_per_set = PARTS[failed_sku]
    plate_units = failed_per_set * SETS
    waste = {COLOURS[name]: g * plate_units * progress for name, g in failed_grams.items()}
    assert {f["colour"]: Decimal(f["used_g"]) for f in tries[0]["filament"]} == waste
    assert all(f["spool_id"] is not None for f in tries[0]["filament"])

    planned = {colour: Decimal(0) for colour in COLOURS.values()}
    for grams, per_set in PARTS.values():
        for name, g in grams.items():
            planned[COLOURS[name]] += g * per_set * SETS
    assert sum(planned.values()) == 142 * SETS  # the reference's 142 g a set
    status, spools = await rig.call("GET", "/api/spools")
    left = {s["colour"]: Decimal(s["grams_left"]) for s in spools["items"]}
    for colour, used in planned.items():
        wasted_mg = (waste.get(colour, Decimal(0)) * 1000).to_integral_value()  # the ledger counts milligrams
        assert left[colour] == SPOOL_G - used - wasted_mg / 1000, colour

    # The metrics, by hand: 93 good units of 93 + the failed plate's; waste over all used; used over planned.
    status, report = await rig.call("GET", "/api/production/metrics")
    total_waste = sum(waste.values(), Decimal(0))
    good = sum(per_set * SETS for _, per_set in PARTS.values())
    used = 142 * SETS + total_waste
    def shown(value: Decimal) -> str:  # a half rounds up, as on an invoice (Decimal's format rounds it to even)
        return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))
    hand = {"units_good": good, "units_attempted": good + plate_units,
            "output_percent": shown(Decimal(good * 100) / (good + plate_units)),
            "waste_percent": shown(total_waste * 100 / used),
            "consumption_percent": shown(used * 100 / (142 * SETS))}
    assert {key: report["total"][key] for key in hand} == hand
    status, csv_text = await _text(rig, "/api/production/metrics.csv?by=printer")
    assert status == 200 and csv_text.splitlines()[1].startswith("Shelf-1,")

    # An order for three sets is served from the shelf: Schedule All takes the parts, prints nothing.
    status, order = await rig.call("POST", "/api/orders", json={
        "customer_name": "Esther", "lines": [{"product_id": fox_set["id"], "quantity": SETS}]})
    assert status == 201
    status, scheduled = await rig.call("POST", f"/api/orders/{order['id']}/schedule")
    assert status == 200, scheduled
    assert scheduled["jobs"] == [] and scheduled["status"] == "fulfilled"
    for sku in PARTS:
        status, stock = await rig.call("GET", f"/api/products/{part_ids[sku]}/stock")
        assert stock["locations"]["main"]["available"] == 0, sku  # every part went to the order


async def _reprint_waiting(rig: Rig, job_id: int) -> bool:
    job = await rig.job(job_id)
    return job["status"] == "queued" and job["attempts"] == 1


async def _text(rig: Rig, path: str) -> tuple[int, str]:
    assert rig.client is not None
    response = await rig.client.get(path, headers={"Authorization": f"Bearer {rig.token}"})
    return response.status, await response.text()
