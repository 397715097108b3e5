"""Domain rules of the order spine: Schedule All, roll-up, shipping, cancelling, P&L."""

from __future__ import annotations

from decimal import Decimal

import pytest

from odind.domain.paging import PageIn
from odind.domain.production import jobs
from odind.domain.sales import orders, shipments
from odind.domain.stock import inventory
from odind.errors import IllegalTransition, InsufficientStock, NotFound
from odind.store.stock import inventory as inventory_sql
from tests.core.factories import add_bambu_model, add_consumable, add_gcode_model, add_printer, add_product


async def _order(store, lines):
    return await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Ada", platform="etsy",
        lines=[orders.OrderLineIn(product_id=p, quantity=q) for p, q in lines]))


async def _ledger_sum(store, consumable_id):
    async with store.read() as db:
        rows = await inventory_sql.movements(db, "consumable", consumable_id)
    return sum(r["quantity"] for r in rows)


async def test_schedule_all_creates_jobs_by_plate_and_reserves_once(store, tmp_path):
    magnet = await add_consumable(store, stock=50)
    plate = await add_bambu_model(store, tmp_path, objects=4)
    single = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-1", price="10.00", models=[(plate["id"], 3), (single["id"], 1)],
                                consumables=[(magnet["id"], 2)])
    order = await _order(store, [(product["id"], 3)])
    assert order["status"] == "pending"

    scheduled = await orders.schedule_all(store, "test", order["id"])
    # 9 plate units at 4 per plate → 3 jobs (4, 4, 1); 3 single-object jobs
    units = sorted((j["model_id"], j["units"]) for j in scheduled["jobs"])
    assert units == sorted([(plate["id"], 4), (plate["id"], 4), (plate["id"], 1)] + [(single["id"], 1)] * 3)
    assert scheduled["status"] == "in_progress"
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 44

    again = await orders.schedule_all(store, "test", order["id"])
    assert len(again["jobs"]) == 6
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 44
    assert await _ledger_sum(store, magnet["id"]) == 44


async def test_schedule_all_refuses_short_stock_and_creates_nothing(store, tmp_path):
    magnet = await add_consumable(store, "MAG-6X2", stock=3)
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-2", price="5.00", models=[(model["id"], 1)],
                                consumables=[(magnet["id"], 2)])
    order = await _order(store, [(product["id"], 2)])
    with pytest.raises(InsufficientStock) as caught:
        await orders.schedule_all(store, "test", order["id"])
    assert "MAG-6X2" in caught.value.message
    assert caught.value.details["short"][0]["needed"] == 4
    after = await orders.get_order(store, order["id"])
    assert after["status"] == "pending" and after["jobs"] == []
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 3


async def test_order_rolls_up_from_job_completions_then_ships(store, tmp_path):
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-3", price="7.50", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 2)])
    scheduled = await orders.schedule_all(store, "test", order["id"])
    first, second = (j["id"] for j in scheduled["jobs"])

    printer = await add_printer(store)
    await jobs.claim(store, "test", first, printer, "test")
    await jobs.started(store, "test", first)
    await jobs.completed(store, "test", first)
    assert (await orders.get_order(store, order["id"]))["status"] == "partial"

    with pytest.raises(IllegalTransition) as caught:
        await shipments.ship_order(store, "test", order["id"], shipments.ShipIn(carrier="DHL", tracking_number="X1"))
    assert "cancel" in caught.value.details["allowed"]

    await jobs.claim(store, "test", second, printer, "test")
    await jobs.started(store, "test", second)
    await jobs.completed(store, "test", second)
    assert (await orders.get_order(store, order["id"]))["status"] == "fulfilled"

    shipped = await shipments.ship_order(store, "test", order["id"], shipments.ShipIn(carrier="Royal Mail",
                                                                          tracking_number="RM123"))
    assert shipped["status"] == "shipped" and shipped["tracking_number"] == "RM123"
    with pytest.raises(IllegalTransition):
        await orders.cancel(store, "test", order["id"])


async def test_cancel_releases_reserved_stock_through_the_ledger(store, tmp_path):
    magnet = await add_consumable(store, stock=10)
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-4", price="3.00", models=[(model["id"], 1)],
                                consumables=[(magnet["id"], 3)])
    order = await _order(store, [(product["id"], 2)])
    await orders.schedule_all(store, "test", order["id"])
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 4
    cancelled = await orders.cancel(store, "test", order["id"])
    assert cancelled["status"] == "cancelled"
    assert all(j["status"] == "cancelled" for j in cancelled["jobs"])
    assert (await inventory.get_consumable(store, magnet["id"]))["stock"] == 10
    assert await _ledger_sum(store, magnet["id"]) == 10
    with pytest.raises(IllegalTransition):
        await orders.schedule_all(store, "test", order["id"])


async def test_pnl_is_exact(store, tmp_path):
    await inventory.set_material_price(store, "test", "pla", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.03")))
    magnet = await add_consumable(store, cost="0.05")
    model = await add_gcode_model(store, tmp_path, grams=15.5)
    product = await add_product(store, "P-5", price="9.99", models=[(model["id"], 2)],
                                consumables=[(magnet["id"], 4)])
    order = await _order(store, [(product["id"], 3)])
    pnl = order["pnl"]
    revenue = Decimal("9.99") * 3
    cogs = (Decimal("15.5") * 2 * Decimal("0.03") + 4 * Decimal("0.05")) * 3
    assert Decimal(pnl["exact"]["revenue"]) == revenue
    assert Decimal(pnl["exact"]["cogs"]) == cogs
    assert pnl["revenue"] == "29.97" and pnl["cogs"] == "3.39" and pnl["profit"] == "26.58"
    assert pnl["margin_percent"] == str(((revenue - cogs) * 100 / revenue).quantize(Decimal("0.01")))


async def test_failed_job_is_reprinted_until_the_limit(store, tmp_path):
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-6", price="1.00", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 1)])
    job_id = (await orders.schedule_all(store, "test", order["id"]))["jobs"][0]["id"]
    printer = await add_printer(store)
    for attempt in (1, 2):
        await jobs.claim(store, "test", job_id, printer, "test")
        job = await jobs.failed(store, "test", job_id, "spaghetti", cancelled=False, reprint_limit=2)
        assert job["status"] == "queued" and job["attempts"] == attempt
    await jobs.claim(store, "test", job_id, printer, "test")
    job = await jobs.failed(store, "test", job_id, "spaghetti", cancelled=False, reprint_limit=2)
    assert job["status"] == "failed"
    async with store.read() as db:
        plate = await db.scalar("SELECT plate_clear FROM printers WHERE id = ?", printer)
    assert plate == 0


async def test_claim_is_atomic(store, tmp_path):
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-7", price="1.00", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 1)])
    job_id = (await orders.schedule_all(store, "test", order["id"]))["jobs"][0]["id"]
    first, second = await add_printer(store, "P1"), await add_printer(store, "P2")
    await jobs.claim(store, "test", job_id, first, "first")
    with pytest.raises(IllegalTransition):
        await jobs.claim(store, "test", job_id, second, "second")
    assert (await jobs.get_job(store, job_id))["printer_id"] == first


async def test_unknown_product_in_an_order(store):
    with pytest.raises(NotFound) as caught:
        await _order(store, [(999, 1)])
    assert caught.value.field == "lines[0].product_id"


async def test_every_change_is_in_the_event_log(store, tmp_path):
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-8", price="1.00", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 1)])
    await orders.schedule_all(store, "test", order["id"])
    async with store.read() as db:
        actions = [r["action"] for r in await db.all("SELECT action FROM events WHERE entity = 'order'"
                                                     " AND entity_id = ? ORDER BY id", order["id"])]
        actor = await db.scalar("SELECT actor FROM events WHERE entity = 'order' LIMIT 1")
    assert actions == ["created", "costs_snapshotted", "schedule"]
    assert actor == "test"


async def test_completion_uses_filament_from_the_printer_spool(store, tmp_path):
    model = await add_gcode_model(store, tmp_path, grams=12.5, colour="#FFFFFF")
    product = await add_product(store, "P-9", price="1.00", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 1)])
    job_id = (await orders.schedule_all(store, "test", order["id"]))["jobs"][0]["id"]
    printer = await add_printer(store)
    black = await inventory.create_spool(store, "test", inventory.SpoolIn(material="PLA", colour="#000000",
                                                                          grams=Decimal(1000), printer_id=printer))
    white = await inventory.create_spool(store, "test", inventory.SpoolIn(material="PLA", colour="#FFFFFF",
                                                                          grams=Decimal(1000), printer_id=printer))
    await jobs.claim(store, "test", job_id, printer, "test")
    await jobs.completed(store, "test", job_id)
    spools = {s["id"]: s for s in (await inventory.list_spools(store, PageIn()))["items"]}
    assert Decimal(spools[white["id"]]["grams_left"]) == Decimal("987.5")
    assert Decimal(spools[black["id"]]["grams_left"]) == Decimal("1000")


async def test_interrupted_job_holds_the_printer_until_the_plate_is_cleared(store, tmp_path):
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-10", price="1.00", models=[(model["id"], 1)])
    order = await _order(store, [(product["id"], 1)])
    job_id = (await orders.schedule_all(store, "test", order["id"]))["jobs"][0]["id"]
    printer = await add_printer(store)
    await jobs.claim(store, "test", job_id, printer, "test")
    await jobs.started(store, "test", job_id)
    job = await jobs.interrupted(store, "test", job_id, "firmware reset")
    assert job["status"] == "interrupted"
    async with store.read() as db:
        assert await db.scalar("SELECT plate_clear FROM printers WHERE id = ?", printer) == 0
    assert (await jobs.requeue(store, "test", job_id))["status"] == "queued"
