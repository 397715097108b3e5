"""Production batches in the store: "N sets of product X" becomes plate jobs the dispatcher runs.

The pure rules are in `batches` (expand a set's parts, pack identical parts onto plates); this is
where a batch is created all or nothing and its progress read back from its jobs. The parts per
set are saved with the batch, so editing the product later does not change what a running batch
counts as done.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from pydantic import Field

from odind.domain.model_rows import units_per_print
from odind.domain.types import Input, Name, Note
from odind.errors import Invalid, NotFound
from odind.planning.batches import batch_progress, expand_sets, pack_plates
from odind.store import catalog as catalog_sql
from odind.store.db import Db, Store
from odind.store.production import dispatch as sql

MAX_SET_DEPTH = 4  # a set of sets of sets is plenty; deeper means a loop in the catalog


class BatchIn(Input):
    product_id: int = Field(gt=0, le=2**53)
    sets: int = Field(ge=1, le=10_000)
    priority: int = Field(0, ge=-100, le=100)
    required_tags: list[Name] = Field(default_factory=list, max_length=20)
    note: Note = ""


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
        batch_id = await sql.insert_batch(tx, product_id=data.product_id, sets=data.sets, priority=data.priority,
                                          required_tags=tags, bom_json=json.dumps(bom), note=data.note)
        for plate in plates:
            job_id = await sql.insert_batch_job(tx, batch_id=batch_id, model_id=int(plate.part_id),
                                                units=plate.objects, priority=data.priority, required_tags=tags)
            await tx.record("job", job_id, "queued", batch_id=batch_id, model=models[int(plate.part_id)]["name"],
                            units=plate.objects, plate=f"{plate.index} of {plate.plates}")
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
        "created_at": batch["created_at"],
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


async def get_batch(store: Store, batch_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, batch_id)


async def list_batches(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [await _view(db, row["id"]) for row in await sql.list_batches(db)]
