"""Filament as stock: reorder points per material and colour, spools bought on purchase orders with
their cost per gram, prints charged what their spool really cost, and AMS readings counting spools."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from odind.bus import EventBus
from odind.config import Config
from odind.domain.paging import PageIn
from odind.domain.production import batches, jobs, metrics
from odind.domain.sales import orders
from odind.domain.stock import filament, inventory, purchasing
from odind.drivers.bambu import Driver as BambuDriver
from odind.drivers.bambu.state import FilamentReport, loaded_filaments
from odind.drivers.base import DriverEvent
from odind.runtime.farm import Farm
from odind.store.db import Store
from odind.store.stock import inventory as inventory_sql
from odind.vocabulary import LoadedFilament, PrinterStatus
from tests.core.factories import add_gcode_model, add_printer, add_product
from tests.web.conftest import Web


async def _spool(store: Store, grams: int, *, colour: str = "#FF0000", material: str = "PLA",
                 printer_id: int | None = None, cost: str = "0") -> dict:
    return await inventory.create_spool(store, "test", inventory.SpoolIn(
        material=material, colour=colour, grams=Decimal(grams), printer_id=printer_id, cost=Decimal(cost)))


async def _grams_left(store: Store, spool_id: int) -> int:
    async with store.read() as db:
        row = await inventory_sql.get_spool(db, spool_id)
    assert row is not None
    return int(row["remaining_mg"])


async def test_low_filament_sums_its_spools_and_shows_on_the_status_page(web: Web) -> None:
    await _spool(web.store, 300)
    await _spool(web.store, 200)
    await _spool(web.store, 900, material="PETG", colour="#000000")
    status, body = await web.call("PUT", "/api/filament/reorder", headers=web.bearer("operator"), json={
        "material": "pla", "colour": "#ff0000", "reorder_point_g": "600", "supplier": "Polymaker"})
    assert status == 200, body
    assert (body["grams_left"], body["reorder_point_g"], body["low_stock"]) == ("500", "600", True)
    await web.call("PUT", "/api/filament/reorder", headers=web.bearer("operator"),
                   json={"material": "PETG", "colour": "#000000", "reorder_point_g": "500"})
    status, body = await web.call("GET", "/api/status", headers=web.bearer("viewer"))
    assert status == 200
    assert [(c["kind"], c["sku"], c["stock"], c["vendor"]) for c in body["low_stock"]] == [
        ("filament", "PLA #FF0000", "500 g", "Polymaker")]
    status, body = await web.call("PUT", "/api/filament/reorder", headers=web.bearer("operator"),
                                  json={"material": "PLA", "reorder_point_g": "-1"})
    assert status == 422 and "reorder_point_g" in str(body)


async def test_low_filament_drafts_a_purchase_order_of_whole_spools_once(store: Store) -> None:
    await _spool(store, 500)
    await filament.set_reorder(store, "test", filament.FilamentReorderIn(
        material="PLA", colour="#FF0000", reorder_point_g=Decimal(1700), grams_per_spool=Decimal(750),
        spool_cost=Decimal("18.50"), supplier="Polymaker"))
    [po] = await purchasing.from_low_stock(store, "test")
    [line] = po["lines"]
    assert po["supplier"] == "Polymaker" and po["status"] == "draft"
    assert (line["item_kind"], line["name"], line["quantity"], line["unit_cost"]) == (
        "filament", "PLA #FF0000", 2, "18.50")  # 1200 g short of 1700 g: two 750 g spools
    assert await purchasing.from_low_stock(store, "test") == [], "what is on order is not ordered twice"


async def test_received_spools_carry_their_cost_and_a_print_is_charged_it(store: Store, tmp_path: Path) -> None:
    po = await purchasing.create(store, "test", purchasing.POIn(supplier="Prusament", lines=[purchasing.POLineIn(
        item_kind="filament", material="PLA", colour="#FFFFFF", grams_per_spool=Decimal(1000), quantity=2,
        unit_cost=Decimal("25.00"))]))
    await purchasing.receive(store, "test", po["id"], purchasing.ReceiveIn())
    spools = (await inventory.list_spools(store, PageIn()))["items"]
    assert [(s["grams_left"], s["cost"], s["cost_per_gram"]) for s in spools] == [("1000", "25.00", "0.025")] * 2
    [stock] = await filament.stock(store)
    assert [(layer["spool_id"], layer["remaining_g"], layer["cost_per_gram"]) for layer in stock["layers"]] == [
        (spools[0]["id"], "1000", "0.025"), (spools[1]["id"], "1000", "0.025")]
    await inventory.set_material_price(store, "test", "PLA", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.05")))

    model = await add_gcode_model(store, tmp_path, grams=12.0)
    product = await add_product(store, "PART-1", price="2.00", models=[(model["id"], 1)])
    batch = await batches.create_batch(store, "test", batches.BatchIn(product_id=product["id"], sets=1))
    printer_id = await add_printer(store)
    await inventory.update_spool(store, "test", spools[1]["id"], inventory.SpoolChangeIn(printer_id=printer_id))
    job_id = batch["jobs"][0]["id"]
    await jobs.claim(store, "test", job_id, printer_id, "test")
    await jobs.started(store, "printer", job_id)
    await jobs.completed(store, "printer", job_id)

    [attempt] = await metrics.job_attempts(store, job_id)
    [used] = attempt["filament"]
    assert (used["spool_id"], Decimal(used["cost"])) == (spools[1]["id"], Decimal("0.3"))  # 12 g at 0.025, not 0.05
    report = await metrics.efficiency(store, metrics.MetricsQuery(since=date.today(), until=date.today()))
    assert report["total"]["filament_cost_used"] == "0.30"
    [stock] = await filament.stock(store)
    assert [(layer["remaining_g"], Decimal(layer["remaining_cost"])) for layer in stock["layers"]] == [
        ("1000", Decimal("25.00")), ("988", Decimal("24.7"))]


async def test_an_order_pnl_charges_its_waste_at_the_spool_cost(store: Store, tmp_path: Path) -> None:
    await inventory.set_material_price(store, "test", "PLA", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.03")))
    model = await add_gcode_model(store, tmp_path, grams=10.0)
    product = await add_product(store, "PART-1", price="5.00", models=[(model["id"], 1)])
    order = await orders.create_order(store, "test", orders.OrderIn(
        customer_name="Bo", lines=[orders.OrderLineIn(product_id=product["id"], quantity=1)]))
    [job] = (await orders.schedule_all(store, "test", order["id"]))["jobs"]
    printer_id = await add_printer(store)
    await _spool(store, 1000, colour="#FFFFFF", printer_id=printer_id, cost="20.00")
    await jobs.claim(store, "test", job["id"], printer_id, "test")
    await jobs.started(store, "printer", job["id"])
    await jobs.failed(store, "printer", job["id"], "spaghetti", cancelled=False, reprint_limit=3, progress=0.5)
    pnl = (await orders.get_order(store, order["id"]))["pnl"]
    assert pnl["actual"]["exact"]["waste_cost"] == "0.1"  # 5 g at the spool's £0.02, not the price's £0.03


async def test_a_spool_without_a_purchase_falls_back_to_its_cost_then_the_material_price(store: Store) -> None:
    paid = await _spool(store, 500, cost="10.00")
    free = await _spool(store, 500)
    async with store.transaction("test") as tx:
        paid_row = await inventory_sql.get_spool(tx, paid["id"])
        free_row = await inventory_sql.get_spool(tx, free["id"])
        assert paid_row is not None and free_row is not None
        assert await filament.draw_cost(tx, paid_row, Decimal(5)) == Decimal("0.1")
        assert await filament.draw_cost(tx, free_row, Decimal(5)) is None
    await inventory.set_material_price(store, "test", "PLA", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.03")))
    async with store.transaction("test") as tx:
        free_row = await inventory_sql.get_spool(tx, free["id"])
        assert free_row is not None and await filament.draw_cost(tx, free_row, Decimal(5)) == Decimal("0.15")


async def test_ams_readings_count_a_spool_only_past_one_percent_and_never_below_empty(store: Store) -> None:
    printer_id = await add_printer(store)
    spool = await _spool(store, 1000, printer_id=printer_id)

    async def read(pct: float) -> list[dict]:
        return await filament.sync_from_printer(store, "farm", printer_id, [
            LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=pct)])

    assert await read(99.5) == [] and await _grams_left(store, spool["id"]) == 1_000_000
    assert await read(80) == [{"spool_id": spool["id"], "grams_left": "800"}]
    assert await read(79.2) == [], "8 g is under 1 % of a 1000 g spool"
    assert await read(-5) == [{"spool_id": spool["id"], "grams_left": "0"}]
    assert await _grams_left(store, spool["id"]) == 0
    async with store.read() as db:
        reasons = {m["reason"] for m in await inventory_sql.movements(db, "spool", spool["id"])}
    assert reasons == {"receipt", "count"}


async def test_an_rfid_tag_picks_its_spool_and_sticks_to_it(store: Store) -> None:
    printer_id = await add_printer(store)
    first = await _spool(store, 1000, printer_id=printer_id)
    second = await _spool(store, 1000, printer_id=printer_id)
    tagged = LoadedFilament(slot="1", material="PLA", colour="#FF0000", remaining_pct=50, tag_uid="A1B2")
    plain = LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=90)
    await filament.sync_from_printer(store, "farm", printer_id, [tagged, plain])
    assert (await _grams_left(store, first["id"]), await _grams_left(store, second["id"])) == (500_000, 900_000)
    later = tagged.model_copy(update={"remaining_pct": 40})
    await filament.sync_from_printer(store, "farm", printer_id, [plain, later])
    assert (await _grams_left(store, first["id"]), await _grams_left(store, second["id"])) == (400_000, 900_000)


def test_the_bambu_report_carries_the_tray_rfid_tag() -> None:
    report = FilamentReport.model_validate({"ams": {"ams": [{"id": 0, "tray": [
        {"id": 0, "tray_type": "PLA", "tray_color": "FF0000FF", "remain": 63, "tray_uuid": "5F3A9C"},
        {"id": 1, "tray_type": "PETG", "tray_color": "000000FF", "remain": 10,
         "tray_uuid": "00000000000000000000000000000000"}]}]}})
    assert [(f.slot, f.remaining_pct, f.tag_uid) for f in loaded_filaments(report)] == [
        ("0", 63.0, "5F3A9C"), ("1", 10.0, None)]


async def test_the_farm_counts_spools_only_for_printers_that_sense_filament(store: Store, tmp_path: Path) -> None:
    printer_id = await add_printer(store)
    spool = await _spool(store, 1000, printer_id=printer_id)
    farm = Farm(store, EventBus(), Config(data_dir=tmp_path))
    event = DriverEvent(kind="filaments", printer="P", status=PrinterStatus(filaments=[
        LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=25)]))
    await farm._handle(printer_id, event)  # no driver attached: nothing says the printer senses its spools
    assert await _grams_left(store, spool["id"]) == 1_000_000
    farm.drivers[printer_id] = BambuDriver("P", {"host": "127.0.0.1", "serial": "01S00A000000", "access_code": "x"},
                                           data_dir=tmp_path / "bambu")
    await farm._handle(printer_id, event)
    assert await _grams_left(store, spool["id"]) == 250_000
