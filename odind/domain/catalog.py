"""Catalog: uploaded models (sliced files with their metadata) and products with their BOM."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from odind.domain.types import Input, Money, Name, Note, Quantity, Sku
from odind.errors import Conflict, Invalid, NotFound
from odind.slicer import ModelMetadata, UnsafeUpload, parse_model
from odind.store import catalog as sql
from odind.store import inventory as inventory_sql
from odind.store.db import Db, Store

log = logging.getLogger(__name__)

MODEL_SUFFIXES = (".gcode.3mf", ".gcode", ".3mf")


def model_kind(filename: str) -> str:
    lower = filename.lower()
    for suffix in MODEL_SUFFIXES:
        if lower.endswith(suffix):
            return suffix[1:]
    raise Invalid(f"unsupported file type {filename!r}: upload .gcode, .gcode.3mf or .3mf", field="file")


def _adopt_file(upload: Path, filename: str, kind: str, models_dir: Path) -> tuple[ModelMetadata, str, Path, bool]:
    """Parse and hash the upload, then keep it under its content hash (blocking: run in a thread)."""
    try:
        metadata = parse_model(upload, filename)
    except UnsafeUpload as exc:
        raise Invalid(str(exc), field="file") from None
    digest = hashlib.sha256()
    with upload.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / f"{sha}.{kind}"
    created = not target.exists()
    if created:
        shutil.copyfile(upload, target)
    return metadata, sha, target, created


async def add_model(store: Store, actor: str, *, upload: Path, filename: str, name: str | None,
                    models_dir: Path) -> dict[str, Any]:
    """Adopt an uploaded temporary file: parse it, keep it under its hash, record it."""
    kind = model_kind(filename)
    safe_name = Path(filename).name
    metadata, sha, target, created = await asyncio.to_thread(_adopt_file, upload, safe_name, kind, models_dir)
    first_plate = metadata.plate_details[0] if metadata.plate_details else None
    objects = metadata.objects_per_plate or (len(first_plate.objects) if first_plate and first_plate.objects
                                             else None)
    try:
        async with store.transaction(actor) as tx:
            model_id = await sql.insert_model(
                tx, name=(name or safe_name).strip()[:200] or safe_name, filename=safe_name, kind=kind,
                sha256=sha, size_bytes=target.stat().st_size, stored_path=str(target),
                metadata_known=metadata.known, print_time_s=metadata.print_time_s, plates=max(metadata.plates, 1),
                objects_per_plate=objects, metadata_json=metadata.model_dump_json())
            await tx.record("model", model_id, "uploaded", filename=safe_name, sha256=sha, known=metadata.known)
            row = await sql.get_model(tx, model_id)
    except BaseException:
        if created:
            target.unlink(missing_ok=True)
        raise
    assert row is not None
    return model_view(row)


def model_metadata(row: dict[str, Any]) -> ModelMetadata:
    return ModelMetadata.model_validate_json(row["metadata_json"])


def units_per_print(row: dict[str, Any]) -> int:
    return max(int(row["objects_per_plate"] or 1), 1)


def grams_per_unit(row: dict[str, Any]) -> list[tuple[str, str | None, Decimal]]:
    """Filament per finished unit: the first plate's grams shared among its objects."""
    metadata = model_metadata(row)
    filaments = metadata.plate_details[0].filaments if metadata.plate_details else metadata.filaments
    per_plate = units_per_print(row)
    return [(f.material.upper(), f.colour, Decimal(str(f.grams or 0)) / per_plate) for f in filaments]


def model_view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "filename": row["filename"], "kind": row["kind"],
        "sha256": row["sha256"], "size_bytes": row["size_bytes"], "metadata_known": bool(row["metadata_known"]),
        "print_time_s": row["print_time_s"], "plates": row["plates"],
        "objects_per_plate": row["objects_per_plate"], "metadata": json.loads(row["metadata_json"]),
        "created_at": row["created_at"],
    }


class ComponentIn(Input):
    model_id: int
    quantity: Quantity = 1


class ProductConsumableIn(Input):
    consumable_id: int
    quantity: Quantity = 1


class ProductIn(Input):
    sku: Sku
    name: Name
    description: Note = ""
    sale_price: Money
    components: list[ComponentIn] = Field(default_factory=list, max_length=200)
    consumables: list[ProductConsumableIn] = Field(default_factory=list, max_length=200)


async def create_product(store: Store, actor: str, data: ProductIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        if await sql.sku_taken(tx, data.sku):
            raise Conflict(f"a product with SKU {data.sku} already exists", field="sku")
        model_ids = [c.model_id for c in data.components]
        if len(set(model_ids)) != len(model_ids):
            raise Invalid("a model appears twice in components; add up its quantity instead", field="components")
        known_models = await sql.models_by_ids(tx, model_ids)
        for index, component in enumerate(data.components):
            if component.model_id not in known_models:
                raise NotFound(f"model {component.model_id} does not exist",
                               field=f"components[{index}].model_id")
        consumable_ids = [c.consumable_id for c in data.consumables]
        if len(set(consumable_ids)) != len(consumable_ids):
            raise Invalid("a consumable appears twice; add up its quantity instead", field="consumables")
        known_consumables = await inventory_sql.consumables_by_ids(tx, consumable_ids)
        for index, item in enumerate(data.consumables):
            if item.consumable_id not in known_consumables:
                raise NotFound(f"consumable {item.consumable_id} does not exist",
                               field=f"consumables[{index}].consumable_id")
        product_id = await sql.insert_product(tx, sku=data.sku, name=data.name, description=data.description,
                                              sale_price=str(data.sale_price))
        for component in data.components:
            await sql.insert_component(tx, product_id, component.model_id, component.quantity)
        for item in data.consumables:
            await sql.insert_product_consumable(tx, product_id, item.consumable_id, item.quantity)
        await tx.record("product", product_id, "created", sku=data.sku, sale_price=str(data.sale_price))
    return await get_product(store, product_id)


class CostLine(BaseModel):
    kind: str  # "filament" or "consumable"
    item: str
    quantity: Decimal
    unit_cost: Decimal | None
    cost: Decimal


class UnitCost(BaseModel):
    """What one unit of a product costs in materials and consumables, exact."""

    lines: list[CostLine]
    total: Decimal
    missing_prices: list[str]


async def unit_costs(db: Db, product_ids: list[int]) -> dict[int, UnitCost]:
    prices = {material: Decimal(price) for material, price in (await inventory_sql.material_prices(db)).items()}
    comps = await sql.components(db, product_ids)
    models = await sql.models_by_ids(db, sorted({c["model_id"] for c in comps}))
    extras = await sql.product_consumables(db, product_ids)
    result: dict[int, UnitCost] = {}
    for product_id in product_ids:
        lines: list[CostLine] = []
        missing: set[str] = set()
        grams: dict[str, Decimal] = {}
        for comp in (c for c in comps if c["product_id"] == product_id):
            for material, colour, per_unit in grams_per_unit(models[comp["model_id"]]):
                key = f"{material} {colour}" if colour else material
                grams[key] = grams.get(key, Decimal(0)) + per_unit * comp["quantity"]
        for key, total_grams in sorted(grams.items()):
            material = key.split(" ")[0]
            price = prices.get(material)
            if price is None:
                missing.add(material)
            lines.append(CostLine(kind="filament", item=key, quantity=total_grams, unit_cost=price,
                                  cost=total_grams * (price or 0)))
        for item in (e for e in extras if e["product_id"] == product_id):
            unit = Decimal(item["unit_cost"])
            lines.append(CostLine(kind="consumable", item=item["sku"], quantity=Decimal(item["quantity"]),
                                  unit_cost=unit, cost=unit * item["quantity"]))
        result[product_id] = UnitCost(lines=lines, total=sum((line.cost for line in lines), Decimal(0)),
                                      missing_prices=sorted(missing))
    return result


def product_view(row: dict[str, Any], comps: list[dict[str, Any]], extras: list[dict[str, Any]],
                 cost: UnitCost | None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": row["id"], "sku": row["sku"], "name": row["name"], "description": row["description"],
        "sale_price": row["sale_price"], "created_at": row["created_at"],
        "components": [{"model_id": c["model_id"], "model_name": c["model_name"], "quantity": c["quantity"]}
                       for c in comps if c["product_id"] == row["id"]],
        "consumables": [{"consumable_id": e["consumable_id"], "sku": e["sku"], "name": e["name"],
                         "quantity": e["quantity"]} for e in extras if e["product_id"] == row["id"]],
    }
    if cost is not None:
        view["cogs"] = cost.model_dump(mode="json")
    return view


async def get_product(store: Store, product_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_product(db, product_id)
        if row is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        comps = await sql.components(db, [product_id])
        extras = await sql.product_consumables(db, [product_id])
        cost = (await unit_costs(db, [product_id]))[product_id]
    return product_view(row, comps, extras, cost)


async def list_products(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        rows = await sql.list_products(db)
        ids = [row["id"] for row in rows]
        comps = await sql.components(db, ids)
        extras = await sql.product_consumables(db, ids)
    return [product_view(row, comps, extras, None) for row in rows]


async def list_models(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        return [model_view(row) for row in await sql.list_models(db)]


async def get_model(store: Store, model_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_model(db, model_id)
    if row is None:
        raise NotFound(f"model {model_id} does not exist", field="model_id")
    return model_view(row)
