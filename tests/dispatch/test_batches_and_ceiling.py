"""Production batches through the API, and the over-production ceiling on reprints."""

from __future__ import annotations

from odind.domain.production import jobs
from odind.domain.sales import orders
from odind.store.production import jobs as jobs_sql
from tests.core.factories import add_bambu_model, add_gcode_model, add_product
from tests.dispatch.conftest import Rig


async def test_batch_expands_sets_to_parts_and_packs_plates(rig: Rig) -> None:
    plate = await add_bambu_model(rig.store, rig.tmp_path, name="acorns", objects=4)
    tree = await add_gcode_model(rig.store, rig.tmp_path, name="tree")
    product = await add_product(rig.store, "SET-1", price="20.00", models=[(plate["id"], 1), (tree["id"], 2)])

    status, batch = await rig.call("POST", "/api/batches", json={"product_id": product["id"], "sets": 5,
                                                                  "required_tags": ["enclosed"]})

    assert status == 201, batch
    by_model: dict[int, list[int]] = {}
    for job in batch["jobs"]:
        by_model.setdefault(job["model_id"], []).append(job["units"])
    assert by_model == {plate["id"]: [4, 1], tree["id"]: [1] * 10}  # full plates, then the rest
    assert batch["progress"] == {"sets_done": 0, "parts_done": 0, "parts": 15, "percent": 0.0, "complete": False}
    assert batch["jobs_by_status"] == {"queued": 12}
    async with rig.store.read() as db:
        tags = {j["required_tags"] for j in await jobs_sql.jobs_in(db, ("queued",))}
    assert tags == {"enclosed"}

    status, listed = await rig.call("GET", "/api/batches")
    assert status == 200 and [b["id"] for b in listed["items"]] == [batch["id"]] and listed["total"] == 1


async def test_batch_bad_input_is_refused_clearly(rig: Rig) -> None:
    status, body = await rig.call("POST", "/api/batches", json={"product_id": 999, "sets": 2})
    assert status == 404 and body["error"]["field"] == "product_id"
    status, body = await rig.call("POST", "/api/batches", json={"product_id": 1, "sets": 0})
    assert status in (400, 422) and "sets" in str(body)
    status, body = await rig.call("GET", "/api/batches/77")
    assert status == 404


async def test_batch_prints_on_simulated_printers_to_complete(rig: Rig) -> None:
    await rig.add_printer("Bench-1")
    await rig.add_printer("Bench-2", family="prusalink")
    top = await add_gcode_model(rig.store, rig.tmp_path, name="top", minutes=5)
    bottom = await add_gcode_model(rig.store, rig.tmp_path, name="bottom", minutes=5)
    product = await add_product(rig.store, "ACORN", price="2.00", models=[(top["id"], 1), (bottom["id"], 1)])
    status, batch = await rig.call("POST", "/api/batches", json={"product_id": product["id"], "sets": 2})
    assert status == 201

    async def done() -> dict | None:
        _, view = await rig.call("GET", f"/api/batches/{batch['id']}")
        return view if view["progress"]["complete"] else None
    view = await rig.wait_for(done, "the batch to complete")
    assert view["progress"] == {"sets_done": 2, "parts_done": 4, "parts": 4, "percent": 100.0, "complete": True}
    assert sum(len(s.device.starts) for s in rig.sims.values()) == 4


async def test_reprint_is_queued_only_while_the_order_line_lacks_the_copy(store, tmp_path) -> None:
    model = await add_gcode_model(store, tmp_path)
    product = await add_product(store, "P-1", price="1.00", models=[(model["id"], 1)])
    order = await orders.create_order(store, "test", orders.OrderIn(
        platform=orders.Platform.DIRECT, customer_name="Bo", lines=[orders.OrderLineIn(
            product_id=product["id"], quantity=1)]))
    [first] = (await orders.schedule_all(store, "test", order["id"]))["jobs"]
    async with store.transaction("test") as tx:
        await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                         " connection_json, source, created_at) VALUES (1, 'P1', 'marlin', 'MK3S', '0.4',"
                         " '[200,200,200]', '{}', 'api', 'now'), (2, 'P2', 'marlin', 'MK3S', '0.4',"
                         " '[200,200,200]', '{}', 'api', 'now')")
        line_id = (await jobs_sql.get_job(tx, first["id"]))["order_line_id"]
        spare = await jobs_sql.insert_job(tx, order_id=order["id"], order_line_id=line_id, model_id=model["id"],
                                          plate=1, units=1)  # a copy made twice (an operator's requeue, say)

    await jobs.claim(store, "test", first["id"], 1, "test")
    await jobs.claim(store, "test", spare, 2, "test")
    failed = await jobs.failed(store, "test", first["id"], "spaghetti", cancelled=False, reprint_limit=3)

    assert failed["status"] == "failed"  # the spare on P2 covers the one copy ordered: no extra part
    async with store.read() as db:
        skipped = await db.scalar("SELECT COUNT(*) FROM events WHERE entity = 'job' AND entity_id = ?"
                                  " AND action = 'not_reprinted'", first["id"])
    assert skipped == 1

    failed = await jobs.failed(store, "test", spare, "layer shift", cancelled=False, reprint_limit=3)
    assert failed["status"] == "queued"  # now the copy is missing: this one is reprinted
