"""Production truth under odd reports: completions twice, failures at 0 % and 99 %, a spool that runs
out, and metrics over a period with nothing made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from odind.domain import catalog, printers
from odind.domain.production import batches, jobs, metrics, quality
from odind.domain.sales import allocation, orders
from odind.domain.stock import inventory
from odind.errors import Conflict, IllegalTransition, Invalid
from odind.store.db import Store
from odind.store.production import jobs as jobs_sql
from odind.store.sales import orders as orders_sql
from odind.store.stock import inventory as inventory_sql
from tests.core.factories import add_consumable, add_gcode_model, add_printer, add_product


async def _batch_job(store: Store, tmp_path: Path, grams: float = 10.0) -> tuple[int, int, int]:
    model = await add_gcode_model(store, tmp_path, grams=grams)
    product = await add_product(store, "PART-1", price="2.00", models=[(model["id"], 1)])
    batch = await batches.create_batch(store, "test", batches.BatchIn(product_id=product["id"], sets=1))
    printer_id = await add_printer(store)
    job_id = batch["jobs"][0]["id"]
    await jobs.claim(store, "test", job_id, printer_id, "test")
    await jobs.started(store, "printer", job_id)
    return job_id, product["id"], printer_id


async def _on_hand(store: Store, product_id: int) -> int:
    async with store.read() as db:
        return sum((await orders_sql.on_hand_by_location(db, "product", product_id)).values())


@pytest.mark.asyncio
async def test_a_completion_reported_twice_stocks_once(store: Store, tmp_path: Path) -> None:
    job_id, product_id, _ = await _batch_job(store, tmp_path)
    assert await jobs.completed(store, "printer", job_id) is not None
    assert await jobs.completed(store, "printer", job_id) is None
    assert await _on_hand(store, product_id) == 1


@pytest.mark.parametrize("progress, wasted", [(0.0, "0"), (0.99, "9.9"), (None, "0")])
@pytest.mark.asyncio
async def test_a_failure_books_what_its_progress_used(store: Store, tmp_path: Path, progress: float | None,
                                                      wasted: str) -> None:
    job_id, product_id, _ = await _batch_job(store, tmp_path)
    await jobs.failed(store, "printer", job_id, "spaghetti", cancelled=False, reprint_limit=0, progress=progress)
    [attempt] = await metrics.job_attempts(store, job_id)
    assert attempt["outcome"] == "failed" and [Decimal(f["used_g"]) for f in attempt["filament"]] == [Decimal(wasted)]
    assert await _on_hand(store, product_id) == 0


@pytest.mark.asyncio
async def test_a_spool_running_out_mid_print_stops_at_empty_and_says_so(store: Store, tmp_path: Path) -> None:
    job_id, _, printer_id = await _batch_job(store, tmp_path, grams=50.0)
    spool = await inventory.create_spool(store, "test", inventory.SpoolIn(material="PLA", colour="#FFFFFF",
                                                                         grams=Decimal(20), printer_id=printer_id))
    await jobs.completed(store, "printer", job_id)
    async with store.read() as db:
        left = await inventory_sql.get_spool(db, spool["id"])
        ran_out = await db.all("SELECT data_json FROM events WHERE entity = 'spool' AND action = 'ran_out'")
    assert left is not None and left["remaining_mg"] == 0
    assert len(ran_out) == 1 and '"short_grams": "30"' in ran_out[0]["data_json"]


@pytest.mark.asyncio
async def test_metrics_over_a_period_with_nothing_made_are_empty_not_a_division_by_zero(store: Store) -> None:
    report = await metrics.efficiency(store, metrics.MetricsQuery(since=date(2020, 1, 1), until=date(2020, 1, 31)))
    assert report["groups"] == [] and report["total"]["output_percent"] is None
    assert report["total"]["waste_percent"] is None and report["total"]["units_attempted"] == 0


@pytest.mark.asyncio
async def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with pytest.raises(Invalid) as refused:
        await metrics.efficiency(store, metrics.MetricsQuery(since=date(2026, 2, 1), until=date(2026, 1, 1)))
    assert refused.value.field == "since"


@pytest.mark.asyncio
async def test_interrupting_a_job_that_never_started_books_no_attempt(store: Store, tmp_path: Path) -> None:
    model = await add_gcode_model(store, tmp_path)
    async with store.transaction("test") as tx:
        job_id = await jobs_sql.insert_job(tx, order_id=None, order_line_id=None, model_id=model["id"], plate=1,
                                           units=1)
    printer_id = await add_printer(store)
    await jobs.claim(store, "test", job_id, printer_id, "test")
    await jobs.interrupted(store, "test", job_id, "start failed", progress=0.5)
    assert await metrics.job_attempts(store, job_id) == []


@pytest.mark.asyncio
async def test_a_batch_paused_then_cancelled_while_a_plate_prints_keeps_what_that_plate_makes(
        store: Store, tmp_path: Path) -> None:
    top = await add_gcode_model(store, tmp_path, name="top")
    bottom = await add_gcode_model(store, tmp_path, name="bottom")
    product = await add_product(store, "ACORN", price="2.00", models=[(top["id"], 1), (bottom["id"], 1)])
    batch = await batches.create_batch(store, "test", batches.BatchIn(product_id=product["id"], sets=2))
    printing, *waiting = [job["id"] for job in batch["jobs"]]
    printer_id = await add_printer(store)
    await jobs.claim(store, "test", printing, printer_id, "test")
    await jobs.started(store, "printer", printing)

    paused = await batches.act(store, "test", batch["id"], "pause")
    assert paused["status"] == "paused" and {j["status"] for j in paused["jobs"][1:]} == {"held"}
    with pytest.raises(IllegalTransition):
        await batches.act(store, "test", batch["id"], "pause")
    cancelled = await batches.act(store, "test", batch["id"], "cancel")
    assert [j["status"] for j in cancelled["jobs"]] == ["printing"] + ["cancelled"] * len(waiting)
    assert cancelled["allowed_actions"] == []

    await jobs.completed(store, "printer", printing)
    done = await batches.get_batch(store, batch["id"])
    assert done["parts"][0]["done"] == 1 and done["progress"]["sets_done"] == 0
    assert await _on_hand(store, product["id"]) == 0  # one half of an acorn is not an acorn


@pytest.mark.asyncio
async def test_a_failure_in_a_cancelled_batch_is_not_reprinted(store: Store, tmp_path: Path) -> None:
    job_id, _, _ = await _batch_job(store, tmp_path)
    async with store.read() as db:
        batch_id = (await jobs_sql.get_job(db, job_id))["batch_id"]
    await batches.act(store, "test", batch_id, "cancel")
    failed = await jobs.failed(store, "printer", job_id, "spaghetti", cancelled=False, reprint_limit=3, progress=0.5)
    assert failed is not None and failed["status"] == "failed"


@pytest.mark.asyncio
async def test_a_print_failed_at_qc_leaves_the_shelf_as_waste_and_only_while_free(store: Store, tmp_path: Path):
    job_id, product_id, _ = await _batch_job(store, tmp_path)
    await jobs.completed(store, "printer", job_id)
    with pytest.raises(Invalid) as unknown:
        await quality.reject(store, "qc", job_id, quality.RejectIn(reason="bad vibes"))
    assert unknown.value.field == "reason"
    rejected = await quality.reject(store, "qc", job_id, quality.RejectIn(reason="warping"))
    assert rejected["units_taken"] == {str(product_id): 1} and await _on_hand(store, product_id) == 0
    [attempt] = await metrics.job_attempts(store, job_id)
    assert attempt["outcome"] == "failed_qc" and attempt["message"] == "warping"
    report = await metrics.efficiency(store, metrics.MetricsQuery())
    assert report["total"]["units_good"] == 0 and report["total"]["waste_percent"] == "100.00"
    with pytest.raises(Conflict):
        await quality.reject(store, "qc", job_id, quality.RejectIn(reason="warping"))


@pytest.mark.asyncio
async def test_qc_refuses_units_already_taken_by_an_order(store: Store, tmp_path: Path):
    job_id, product_id, _ = await _batch_job(store, tmp_path)
    await jobs.completed(store, "printer", job_id)
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Bo", lines=[orders.OrderLineIn(product_id=product_id, quantity=1)]))
    await orders.allocate(store, "test", order["id"], allocation.AllocateIn())  # takes the unit from the shelf
    with pytest.raises(Conflict) as refused:
        await quality.reject(store, "qc", job_id, quality.RejectIn(reason="warping"))
    assert "allocated to orders or shipped" in refused.value.message
    assert await _on_hand(store, product_id) == 1


@pytest.mark.asyncio
async def test_printer_figures_count_hours_breakdowns_and_estimates(store: Store, tmp_path: Path) -> None:
    job_id, _, printer_id = await _batch_job(store, tmp_path)
    await jobs.failed(store, "printer", job_id, "nozzle clog", cancelled=False, reprint_limit=3, progress=0.5)
    await printers.plate_cleared(store, "test", printer_id)
    await jobs.claim(store, "test", job_id, printer_id, "test")
    await jobs.started(store, "printer", job_id)
    await jobs.completed(store, "printer", job_id)
    [printer] = (await metrics.efficiency(store, metrics.MetricsQuery(by="printer")))["groups"]
    assert printer["key"] == "P" and printer["failed_attempts"] == 1 and printer["units_good"] == 1
    assert printer["plate_wait_hours"] == "0"  # cleared at once (milliseconds), the finished plate not at all
    assert printer["mtbf_hours"] == printer["printing_hours"]  # one breakdown in all the hours printed
    assert printer["print_hours_estimated"] == "0.5"  # the model was sliced for 30 minutes
    assert printer["output_percent"] == "50.00" and printer["waste_percent"] == "33.33"


@pytest.mark.asyncio
async def test_an_order_pnl_shows_kept_costs_and_what_its_failed_prints_really_used(store: Store, tmp_path: Path):
    await inventory.set_material_price(store, "test", "PLA", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.03")))
    model = await add_gcode_model(store, tmp_path, grams=10.0)
    product = await add_product(store, "PART-1", price="5.00", models=[(model["id"], 1)])
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Bo", lines=[orders.OrderLineIn(product_id=product["id"], quantity=1)]))
    [job] = (await orders.schedule_all(store, "test", order["id"]))["jobs"]
    printer_id = await add_printer(store)
    await jobs.claim(store, "test", job["id"], printer_id, "test")
    await jobs.started(store, "printer", job["id"])
    await jobs.failed(store, "printer", job["id"], "spaghetti", cancelled=False, reprint_limit=3, progress=0.5)
    pnl = (await orders.get_order(store, order["id"]))["pnl"]
    assert pnl["actual"]["exact"]["waste_cost"] == "0.15"  # 10 g x 0.5 x £0.03
    assert Decimal(pnl["actual"]["exact"]["cogs"]) == Decimal(pnl["exact"]["cogs"]) + Decimal("0.15")
    assert Decimal(pnl["actual"]["exact"]["profit"]) == Decimal(pnl["exact"]["profit"]) - Decimal("0.15")


def test_waits_add_each_spell_and_an_open_one_until_the_end_kind_by_kind() -> None:
    from datetime import UTC, datetime

    def at(hour: int) -> str:
        return datetime(2026, 1, 1, hour, tzinfo=UTC).isoformat()
    events = [{"printer_name": "A", "action": "plate_occupied", "at": at(1)},
              {"printer_name": "A", "action": "plate_cleared", "at": at(3)},
              {"printer_name": "B", "action": "plate_cleared", "at": at(2)},  # cleared before the period: nothing
              {"printer_name": "A", "action": "plate_occupied", "at": at(5)},
              {"printer_name": "B", "action": "filament_wait_started", "at": at(2)},
              {"printer_name": "B", "action": "filament_wait_started", "at": at(3)},  # still the same wait
              {"printer_name": "B", "action": "filament_wait_ended", "at": at(4)}]
    end = datetime(2026, 1, 1, 6, tzinfo=UTC)
    assert metrics._waits(events, "plate_occupied", "plate_cleared", end) == {"A": 3 * 3600}
    assert metrics._waits(events, "filament_wait_started", "filament_wait_ended", end) == {"B": 2 * 3600}


@pytest.mark.parametrize("mode, drawn_when_stocked, drawn_when_assembled", [("unit", 4, 0), ("assembly", 0, 4)])
async def test_a_parts_magnets_are_drawn_once_when_stocked_or_when_the_set_is_assembled(
        store: Store, tmp_path: Path, mode: str, drawn_when_stocked: int, drawn_when_assembled: int) -> None:
    await batches.set_production_settings(store, "test", batches.ProductionSettingsIn(consumables_drawn=mode))
    magnet = await add_consumable(store, stock=100)
    model = await add_gcode_model(store, tmp_path)
    fox = await add_product(store, "FOX-001", price="3.00", models=[(model["id"], 1)],
                            consumables=[(magnet["id"], 4)])
    fox_set = await catalog.create_set(store, "test", catalog.SetIn(
        sku="FOX-SET", name="Fox set", sale_price=Decimal("9.00"),
        items=[catalog.SetItemIn(product_id=fox["id"], quantity=1)]))
    batch = await batches.create_batch(store, "test", batches.BatchIn(product_id=fox["id"], sets=1))
    printer_id = await add_printer(store)
    job_id = batch["jobs"][0]["id"]
    await jobs.claim(store, "test", job_id, printer_id, "test")
    await jobs.started(store, "printer", job_id)
    await jobs.completed(store, "printer", job_id)
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 100 - drawn_when_stocked
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Bo", lines=[orders.OrderLineIn(product_id=fox_set["id"], quantity=1)]))
    scheduled = await orders.schedule_all(store, "test", order["id"])
    assert scheduled["jobs"] == []  # the part came off the shelf
    left = (await inventory.get_consumable(store, magnet["id"]))["stock"]
    assert left == 100 - drawn_when_stocked - drawn_when_assembled == 96  # drawn once, whichever the moment
