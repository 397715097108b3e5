"""Orders that must ship sooner are printed first when printers are scarce."""

from __future__ import annotations

from datetime import date, timedelta

from odind.domain.sales import orders
from tests.core.factories import add_gcode_model, add_product
from tests.dispatch.conftest import Rig


async def test_the_order_due_sooner_prints_first(rig: Rig) -> None:
    model = await add_gcode_model(rig.store, rig.tmp_path, name="part", minutes=10)
    product = await add_product(rig.store, "SHIP-1", price="5.00", models=[(model["id"], 1)])
    today = date.today()
    placed = []
    for customer, days in (("Relaxed", 20), ("Urgent", 1)):  # the later deadline is ordered first
        order = await orders.create_order(rig.store, "test", orders.OrderIn(
            customer_name=customer, ship_by=today + timedelta(days=days),
            lines=[orders.OrderLineIn(product_id=product["id"], quantity=1)]))
        placed.append(await orders.schedule_all(rig.store, "test", order["id"]))
    relaxed_job, urgent_job = (o["jobs"][0]["id"] for o in placed)
    assert placed[1]["ship_by"] == (today + timedelta(days=1)).isoformat()

    await rig.add_printer("Only-1", auto_clear=False)
    urgent = await rig.wait_status(urgent_job, "printing", "completed")
    relaxed = await rig.job(relaxed_job)
    assert relaxed["status"] == "queued"
    assert urgent["printer_id"] is not None
