"""Production batches in the store: "N sets of product X" becomes plate jobs the dispatcher runs.

The pure rules are in `batches` (expand a set's parts, pack identical parts onto plates); this is
where a batch is created all or nothing and its progress read back from its jobs. The parts per
set are saved with the batch, so editing the product later does not change what a running batch
counts as done.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Literal

from pydantic import Field

from odind.domain.costs import purchases
from odind.domain.model_rows import units_per_print
from odind.domain.paging import PageIn, page
from odind.domain.sales.allocation import DEFAULT_LOCATION, serve_backorders
from odind.domain.transitions import BATCH, JOB
from odind.domain.types import Input, Name, Note
from odind.errors import IllegalTransition, Invalid, NotFound
from odind.planning.batches import batch_progress, expand_sets, pack_plates
from odind.store import catalog as catalog_sql
from odind.store import settings as settings_sql
from odind.store.db import Db, Store, Tx
from odind.store.production import attempts as attempts_sql
from odind.store.production import dispatch as sql
from odind.store.production import jobs as jobs_sql
from odind.store.stock import inventory as inventory_sql

MAX_SET_DEPTH = 4  # a set of sets of sets is plenty; deeper means a loop in the catalog


class BatchIn(Input):
    product_id: int = Field(gt=0, le=2**53)
    sets: int = Field(ge=1, le=10_000)
    location: Name = DEFAULT_LOCATION  # where the finished units go on the shelf
    priority: int = Field(0, ge=-100, le=100)
    required_tags: list[Name] = Field(default_factory=list, max_length=20)
    note: Note = ""


async def _products_per_set(db: Db, product_id: int, depth: int = 0) -> dict[int, int]:
    """Printed product id -> units one unit of the product holds: the product itself when it has
    printed parts, and the printed products inside its sets."""
    if depth > MAX_SET_DEPTH:
        raise Invalid(f"product {product_id} nests sets more than {MAX_SET_DEPTH} deep", field="product_id")
    found: dict[int, int] = defaultdict(int)
    if await catalog_sql.components(db, [product_id]):
        found[product_id] += 1
    for item in await catalog_sql.set_items(db, [product_id]):
        for part_id, qty in (await _products_per_set(db, item["item_id"], depth + 1)).items():
            found[part_id] += qty * item["quantity"]
    return dict(found)


async def _parts_per_set(db: Db, product_id: int, depth: int = 0) -> dict[int, int]:
    """Model id -> copies one unit of the product needs, through sets of products."""
    if depth > MAX_SET_DEPTH:
        raise Invalid(f"product {product_id} nests sets more than {MAX_SET_DEPTH} deep", field="product_id")
    parts: dict[int, int] = defaultdict(int)
    for comp in await catalog_sql.components(db, [product_id]):
        parts[comp["model_id"]] += comp["quantity"]
    for item in await catalog_sql.set_items(db, [product_id]):
        for model_id, qty in (await _parts_per_set(db, item["item_id"], depth + 1)).items():
            parts[model_id] += qty * item["quantity"]
    return dict(parts)


async def create_batch(store: Store, actor: str, data: BatchIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        product = await catalog_sql.get_product(tx, data.product_id)
        if product is None:
            raise NotFound(f"product {data.product_id} does not exist", field="product_id")
        bom = await _parts_per_set(tx, data.product_id)
        if not bom:
            raise Invalid(f"product {product['sku']} has no printed parts to make", field="product_id")
        models = await catalog_sql.models_by_ids(tx, sorted(bom))
        plates = pack_plates([(model_id, qty, units_per_print(models[model_id]))
                              for model_id, qty in expand_sets(data.sets, bom)])
        tags = ",".join(sorted(set(data.required_tags)))
        products = await _products_per_set(tx, data.product_id)
        parts = {pid: {c["model_id"]: c["quantity"] for c in await catalog_sql.components(tx, [pid])}
                 for pid in products}
        parts_json = json.dumps({str(pid): {"per_set": n, "models": {str(m): q for m, q in parts[pid].items()}}
                                 for pid, n in products.items()})
        batch_id = await sql.insert_batch(tx, product_id=data.product_id, sets=data.sets, priority=data.priority,
                                          required_tags=tags, bom_json=json.dumps(bom), note=data.note,
                                          location=data.location, parts_json=parts_json)
        job_ids = await sql.insert_batch_jobs(tx, batch_id=batch_id, priority=data.priority, required_tags=tags,
                                              plates=[(int(plate.part_id), plate.objects) for plate in plates])
        await tx.record_many("job", "queued", [
            (job_id, {"batch_id": batch_id, "model": models[int(plate.part_id)]["name"], "units": plate.objects,
                      "plate": f"{plate.index} of {plate.plates}"})
            for job_id, plate in zip(job_ids, plates, strict=True)])
        await tx.record("batch", batch_id, "created", product=product["sku"], sets=data.sets, jobs=len(plates))
        return await _view(tx, batch_id)


async def _view(db: Db, batch_id: int) -> dict[str, Any]:
    batch = await sql.get_batch(db, batch_id)
    if batch is None:
        raise NotFound(f"batch {batch_id} does not exist", field="batch_id")
    bom = {int(k): v for k, v in json.loads(batch["bom_json"]).items()}
    jobs = await sql.batch_jobs(db, batch_id)
    done: dict[int, int] = defaultdict(int)
    states: dict[str, int] = defaultdict(int)
    names: dict[int, str] = {}
    for job in jobs:
        states[job["status"]] += 1
        names[job["model_id"]] = job["model_name"]
        if job["status"] == "completed":
            done[job["model_id"]] += job["units"]
    progress = batch_progress(batch["sets"], bom, done)
    return {
        "id": batch["id"], "product_id": batch["product_id"], "product_sku": batch["product_sku"],
        "product_name": batch["product_name"], "sets": batch["sets"], "priority": batch["priority"],
        "required_tags": [t for t in batch["required_tags"].split(",") if t], "note": batch["note"],
        "created_at": batch["created_at"], "location": batch["location"], "status": batch["status"],
        "allowed_actions": BATCH.allowed(batch["status"]),
        "progress": {"sets_done": progress.sets_done, "parts_done": progress.parts_done, "parts": progress.parts,
                     "percent": round(progress.fraction * 100, 1),
                     "complete": progress.sets_done == progress.sets},
        "parts": [{"model_id": model_id, "name": names.get(model_id), "per_set": per_set,
                   "needed": per_set * batch["sets"], "done": min(done[model_id], per_set * batch["sets"])}
                  for model_id, per_set in bom.items()],
        "jobs_by_status": dict(sorted(states.items())),
        "jobs": [{"id": j["id"], "model_id": j["model_id"], "units": j["units"], "status": j["status"],
                  "printer_id": j["printer_id"], "attempts": j["attempts"], "waiting_reason": j["waiting_reason"]}
                 for j in jobs],
    }


async def stock_finished_parts(tx: Tx, batch_id: int, job_id: int) -> dict[int, int]:
    """Put on the shelf, through the stock ledger, every unit of the batch's printed products that its
    completed plates now make whole; returns what was added.

    Counted from all completed plates each time, less what is already on the shelf from this batch,
    so a completion reported twice or out of order adds nothing twice. A model shared by several
    products is given to them in product order, each up to what the batch needs of it.
    """
    batch = await sql.get_batch(tx, batch_id)
    if batch is None:
        return {}
    parts = {int(pid): (int(part["per_set"]), {int(m): int(q) for m, q in part["models"].items()})
             for pid, part in json.loads(batch["parts_json"]).items()}
    copies = await attempts_sql.good_copies_of_batch(tx, batch_id)
    stocked = await attempts_sql.batch_stocked(tx, batch_id)
    added: dict[int, int] = {}
    for product_id, (per_set, models) in sorted(parts.items()):
        wanted = per_set * batch["sets"]
        makeable = min((copies[m] // q for m, q in models.items()), default=0)
        units = min(makeable, wanted)
        for model_id, qty in models.items():
            copies[model_id] -= min(copies[model_id], units * qty)
        new = units - stocked.get(product_id, 0)
        if new <= 0:
            continue
        await inventory_sql.move(tx, item_kind="product", item_id=product_id, quantity=new, reason="produced",
                                 job_id=job_id, location=batch["location"], note=f"batch {batch_id}")
        await attempts_sql.insert_output(tx, batch_id=batch_id, product_id=product_id, units=new, job_id=job_id)
        await tx.record("batch", batch_id, "stocked", product_id=product_id, units=new,
                        location=batch["location"], job_id=job_id)
        if await consumables_drawn(tx) == "unit":
            for extra in await catalog_sql.product_consumables(tx, [product_id]):
                await purchases.use_in_tx(tx, extra["consumable_id"], extra["quantity"] * new, reason="assembled",
                                          job_id=job_id, note=f"batch {batch_id}")
        await serve_backorders(tx, product_id)
        added[product_id] = new
    return added


CONSUMABLES_SETTING = "consumables_drawn"
ConsumablesDrawn = Literal["unit", "assembly"]


class ProductionSettingsIn(Input):
    consumables_drawn: ConsumablesDrawn = Field(
        "unit", description="unit: a printed part's consumables (magnets) are drawn as it goes on the shelf; "
                            "assembly: when a set is assembled from shelf parts for an order")


async def consumables_drawn(db: Db) -> ConsumablesDrawn:
    return "assembly" if await settings_sql.get(db, CONSUMABLES_SETTING) == "assembly" else "unit"


async def production_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        return {"consumables_drawn": await consumables_drawn(db)}


async def set_production_settings(store: Store, actor: str, data: ProductionSettingsIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, CONSUMABLES_SETTING, data.consumables_drawn)
        await tx.record("settings", None, "production_changed", consumables_drawn=data.consumables_drawn)
    return {"consumables_drawn": data.consumables_drawn}


BatchAction = Literal["pause", "resume", "cancel"]
_JOB_ACTION: dict[str, tuple[str, str]] = {"pause": ("queued", "hold"), "resume": ("held", "release"),
                                           "cancel": ("queued", "cancel")}


async def act(store: Store, actor: str, batch_id: int, action: BatchAction) -> dict[str, Any]:
    """Pause, resume or cancel a batch and its waiting plates, all or nothing; printing plates finish."""
    async with store.transaction(actor) as tx:
        batch = await sql.get_batch(tx, batch_id)
        if batch is None:
            raise NotFound(f"batch {batch_id} does not exist", field="batch_id")
        target = BATCH.next(batch["status"], action)
        if not await sql.set_batch_status(tx, batch_id, target, expected=batch["status"]):
            raise IllegalTransition(f"batch {batch_id} changed while this request ran", field="batch_id")
        waiting, job_action = _JOB_ACTION[action]
        moved = []
        for job in await sql.batch_jobs(tx, batch_id):
            if job["status"] in (waiting, "held") and JOB.can(job["status"], job_action):
                await jobs_sql.update_status(tx, job["id"], expected=job["status"],
                                             status=JOB.next(job["status"], job_action))
                await tx.record("job", job["id"], job_action, batch_id=batch_id,
                                **{"from": job["status"], "to": JOB.next(job["status"], job_action)})
                moved.append(job["id"])
        await tx.record("batch", batch_id, action, jobs=moved)
        return await _view(tx, batch_id)


async def get_batch(store: Store, batch_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, batch_id)


async def list_batches(store: Store, request: PageIn) -> dict[str, Any]:
    """A page of batches, newest first, with the total."""
    async with store.read() as db:
        rows = await sql.list_batches(db, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count_batches(db)
        views = [await _view(db, row["id"]) for row in rows[:request.limit]]
    return page(rows, views, total, request)
