"""Catalog: uploaded models (sliced files with their metadata), products with their BOM, and sets.

A set is a product row of kind 'set' whose BOM is other products or sets (N of each), so orders,
invoices and reports handle it like any product; costs roll up from its members and Schedule All
expands it to the products it holds (odind.domain.costs.loader.expand_set).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from odind.costing.bom import Catalog, ProductSet, SetItem, check_sets, expand
from odind.costing.settings import CostOverrides
from odind.domain.costs import history, loader
from odind.domain.model_rows import grams_per_unit
from odind.domain.paging import PageIn, page
from odind.domain.types import Id, Input, Name, Note, Quantity, Rate, Sku
from odind.errors import Conflict, Invalid, NotFound
from odind.modelfiles import ModelMetadata, UnsafeUpload, parse_model
from odind.money import Money
from odind.store import catalog as sql
from odind.store.db import Db, Store, Tx, utcnow
from odind.store.stock import inventory as inventory_sql

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


def model_view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "filename": row["filename"], "kind": row["kind"],
        "sha256": row["sha256"], "size_bytes": row["size_bytes"], "metadata_known": bool(row["metadata_known"]),
        "print_time_s": row["print_time_s"], "plates": row["plates"],
        "objects_per_plate": row["objects_per_plate"], "metadata": json.loads(row["metadata_json"]),
        "created_at": row["created_at"],
    }


class ComponentIn(Input):
    model_id: Id
    quantity: Quantity = 1


class ProductConsumableIn(Input):
    consumable_id: Id
    quantity: Quantity = 1


Category = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


class ProductIn(Input):
    sku: Sku
    name: Name
    description: Note = ""
    category: Category = ""
    sale_price: Money
    labour_hours: Rate = Decimal(0)
    cost_overrides: CostOverrides = CostOverrides()
    components: list[ComponentIn] = Field(default_factory=list, max_length=200)
    consumables: list[ProductConsumableIn] = Field(default_factory=list, max_length=200)


class AliasesIn(Input):
    aliases: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100,
                                                   pattern=r"^[^\r\n]+$")]] = Field(max_length=30)


class CostingIn(Input):
    """Hands-on labour per unit and the settings this product does differently from the shop's."""

    labour_hours: Rate = Decimal(0)
    cost_overrides: CostOverrides = CostOverrides()


class SetItemIn(Input):
    product_id: Id
    quantity: Quantity = 1


class SetChangeIn(Input):
    """A set's editable fields; `items` replaces its members as a whole."""

    name: Name
    description: Note = ""
    category: Category = ""
    sale_price: Money
    labour_hours: Rate = Decimal(0)
    cost_overrides: CostOverrides = CostOverrides()
    items: list[SetItemIn] = Field(min_length=1, max_length=200)


class SetIn(SetChangeIn):
    sku: Sku


def _overrides_json(overrides: CostOverrides) -> str:
    return overrides.model_dump_json(exclude_defaults=True)


async def _check_overrides(db: Db, overrides: CostOverrides) -> None:
    settings = await loader.load_settings(db)
    if overrides.printer_model is not None and overrides.printer_model not in settings.printer_models:
        raise Invalid(f"printer model {overrides.printer_model!r} is not configured in the cost settings",
                      field="cost_overrides.printer_model")


async def _check_bom(tx: Tx, data: ProductIn) -> None:
    await _check_overrides(tx, data.cost_overrides)
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


async def _insert_bom(tx: Tx, product_id: int, data: ProductIn) -> None:
    for component in data.components:
        await sql.insert_component(tx, product_id, component.model_id, component.quantity)
    for item in data.consumables:
        await sql.insert_product_consumable(tx, product_id, item.consumable_id, item.quantity)


async def create_product(store: Store, actor: str, data: ProductIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        if await sql.sku_taken(tx, data.sku):
            raise Conflict(f"a product with SKU {data.sku} already exists", field="sku")
        await _check_bom(tx, data)
        product_id = await sql.insert_product(tx, sku=data.sku, name=data.name, description=data.description,
                                              sale_price=str(data.sale_price), category=data.category,
                                              labour_hours=str(data.labour_hours),
                                              cost_overrides_json=_overrides_json(data.cost_overrides))
        await _insert_bom(tx, product_id, data)
        await tx.record("product", product_id, "created", sku=data.sku, sale_price=str(data.sale_price))
        await history.record_cost_changes(tx, f"product {data.sku} created")
    return await get_product(store, product_id)


async def _require_row(db: Db, product_id: int) -> dict[str, Any]:
    row = await sql.get_product(db, product_id)
    if row is None:
        raise NotFound(f"product {product_id} does not exist", field="product_id")
    return row


async def update_product(store: Store, actor: str, product_id: int, data: ProductIn) -> dict[str, Any]:
    """Replace a product's fields and its BOM; orders already made keep the costs they snapshotted."""
    async with store.transaction(actor) as tx:
        row = await _require_row(tx, product_id)
        if row["kind"] != "product":
            raise Conflict(f"{row['sku']} is a set; change it with PUT /api/sets/{product_id}", field="product_id")
        clash = await sql.get_product_by_sku(tx, data.sku)
        if clash is not None and clash["id"] != product_id:
            raise Conflict(f"a product with SKU {data.sku} already exists", field="sku")
        await _check_bom(tx, data)
        await sql.update_product(tx, product_id, sku=data.sku, name=data.name, description=data.description,
                                 category=data.category, sale_price=str(data.sale_price),
                                 labour_hours=str(data.labour_hours),
                                 cost_overrides_json=_overrides_json(data.cost_overrides))
        await sql.delete_bom(tx, product_id)
        await _insert_bom(tx, product_id, data)
        await tx.record("product", product_id, "changed", sku=data.sku, sale_price=str(data.sale_price))
        await history.record_cost_changes(tx, f"product {data.sku} changed")
    return await get_product(store, product_id)


async def archive_product(store: Store, actor: str, product_id: int, *, archived: bool) -> dict[str, Any]:
    """Archive (or restore) instead of deleting: orders, invoices and reports still refer to it."""
    async with store.transaction(actor) as tx:
        row = await _require_row(tx, product_id)
        if bool(row["archived_at"]) == archived:
            state = "archived" if archived else "not archived"
            raise Conflict(f"{row['sku']} is already {state}", field="product_id")
        await sql.set_product_archived(tx, product_id, utcnow() if archived else None)
        await tx.record("product", product_id, "archived" if archived else "restored", sku=row["sku"])
    return await get_product(store, product_id)


async def set_costing(store: Store, actor: str, product_id: int, data: CostingIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await sql.get_product(tx, product_id)
        if row is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        await _check_overrides(tx, data.cost_overrides)
        await sql.set_costing(tx, product_id, labour_hours=str(data.labour_hours),
                              cost_overrides_json=_overrides_json(data.cost_overrides))
        await tx.record("product", product_id, "costing_set", labour_hours=str(data.labour_hours),
                        overrides=data.cost_overrides.model_dump(mode="json", exclude_defaults=True))
        await history.record_cost_changes(tx, f"costing of {row['sku']} changed")
    return await get_product(store, product_id)


async def _check_members(tx: Tx, sku: str, items: list[SetItemIn]) -> None:
    """Members must exist, appear once, and not make the set contain itself through any chain."""
    ids = [item.product_id for item in items]
    if len(set(ids)) != len(ids):
        raise Invalid("a product appears twice in items; add up its quantity instead", field="items")
    catalog, rows = await loader.structure(tx)
    for index, item in enumerate(items):
        if item.product_id not in rows:
            raise NotFound(f"product {item.product_id} does not exist", field=f"items[{index}].product_id")
    others = [entry for entry in catalog.items.values() if entry.sku != sku]
    candidate = ProductSet(sku=sku, items=tuple(SetItem(sku=rows[item.product_id]["sku"], quantity=item.quantity)
                                                for item in items))
    changed = Catalog.of([*others, candidate])
    expand(changed, sku)  # a loop is reported from the set being saved: INNER -> OUTER -> INNER
    check_sets(changed)


async def create_set(store: Store, actor: str, data: SetIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        if await sql.sku_taken(tx, data.sku):
            raise Conflict(f"a product or set with SKU {data.sku} already exists", field="sku")
        await _check_overrides(tx, data.cost_overrides)
        await _check_members(tx, data.sku, data.items)
        set_id = await sql.insert_product(tx, sku=data.sku, name=data.name, description=data.description,
                                          sale_price=str(data.sale_price), kind="set", category=data.category,
                                          labour_hours=str(data.labour_hours),
                                          cost_overrides_json=_overrides_json(data.cost_overrides))
        for item in data.items:
            await sql.insert_set_item(tx, set_id, item.product_id, item.quantity)
        await tx.record("product", set_id, "set_created", sku=data.sku,
                        items={item.product_id: item.quantity for item in data.items})
        await history.record_cost_changes(tx, f"set {data.sku} created")
    return await get_product(store, set_id)


async def update_set(store: Store, actor: str, set_id: int, data: SetChangeIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await sql.get_product(tx, set_id)
        if row is None or row["kind"] != "set":
            raise NotFound(f"set {set_id} does not exist", field="set_id")
        await _check_overrides(tx, data.cost_overrides)
        await _check_members(tx, row["sku"], data.items)
        await sql.update_set(tx, set_id, name=data.name, description=data.description, category=data.category,
                             sale_price=str(data.sale_price), labour_hours=str(data.labour_hours),
                             cost_overrides_json=_overrides_json(data.cost_overrides))
        await sql.delete_set_items(tx, set_id)
        for item in data.items:
            await sql.insert_set_item(tx, set_id, item.product_id, item.quantity)
        await tx.record("product", set_id, "set_changed", sku=row["sku"],
                        items={item.product_id: item.quantity for item in data.items})
        await history.record_cost_changes(tx, f"set {row['sku']} changed")
    return await get_product(store, set_id)


class CostLine(BaseModel):
    kind: str  # "filament" or "consumable"
    item: str
    quantity: Decimal
    unit_cost: Decimal | None
    cost: Decimal


class UnitCost(BaseModel):
    """What one unit of a product costs in materials and consumables, exact.

    The quick figure on a product's page, computable even while a price is missing (it is listed
    instead). True COGS with labour, machine time and overheads is odind.domain.costs.loader's,
    and that is what an order's P&L keeps.
    """

    lines: list[CostLine]
    total: Decimal
    missing_prices: list[str]


async def unit_costs(db: Db, product_ids: list[int]) -> dict[int, UnitCost]:
    """Materials and consumables per unit; a set's are its members' times their quantities."""
    structure, rows = await loader.structure(db)
    ids = {row["sku"]: pid for pid, row in rows.items()}
    needs: dict[int, dict[int, int]] = {}
    for product_id in product_ids:
        if product_id in rows and rows[product_id]["kind"] == "set":
            needs[product_id] = {ids[sku]: count for sku, count in expand(structure, rows[product_id]["sku"]).items()}
        else:
            needs[product_id] = {product_id: 1}
    base = await _own_unit_costs(db, sorted({member for need in needs.values() for member in need}))
    result: dict[int, UnitCost] = {}
    for product_id, need in needs.items():
        lines: dict[tuple[str, str, Decimal | None], CostLine] = {}
        for member, count in need.items():
            for line in base[member].lines:
                key = (line.kind, line.item, line.unit_cost)
                scaled = line.model_copy(update={"quantity": line.quantity * count, "cost": line.cost * count})
                earlier = lines.get(key)
                lines[key] = scaled if earlier is None else earlier.model_copy(
                    update={"quantity": earlier.quantity + scaled.quantity, "cost": earlier.cost + scaled.cost})
        missing = sorted({m for member in need for m in base[member].missing_prices})
        result[product_id] = UnitCost(lines=list(lines.values()), missing_prices=missing,
                                      total=sum((line.cost for line in lines.values()), Decimal(0)))
    return result


async def _own_unit_costs(db: Db, product_ids: list[int]) -> dict[int, UnitCost]:
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
                 cost: UnitCost | None, members: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": row["id"], "sku": row["sku"], "name": row["name"], "kind": row["kind"],
        "aliases": [a for a in (row.get("aliases") or "").split("\n") if a],
        "description": row["description"], "category": row["category"], "sale_price": row["sale_price"],
        "labour_hours": row["labour_hours"], "cost_overrides": json.loads(row["cost_overrides_json"]),
        "created_at": row["created_at"], "archived": row["archived_at"] is not None,
        "components": [{"model_id": c["model_id"], "model_name": c["model_name"], "quantity": c["quantity"]}
                       for c in comps if c["product_id"] == row["id"]],
        "consumables": [{"consumable_id": e["consumable_id"], "sku": e["sku"], "name": e["name"],
                         "quantity": e["quantity"]} for e in extras if e["product_id"] == row["id"]],
    }
    if row["kind"] == "set":
        view["items"] = [{"product_id": m["item_id"], "sku": m["sku"], "name": m["name"], "kind": m["kind"],
                          "quantity": m["quantity"]} for m in members or [] if m["set_id"] == row["id"]]
    if cost is not None:
        view["cogs"] = cost.model_dump(mode="json")
    return view


async def set_aliases(store: Store, actor: str, product_id: int, data: AliasesIn) -> dict[str, Any]:
    """The other names customers use for a product, for reading their notes (odind.notes)."""
    async with store.transaction(actor) as tx:
        if await sql.get_product(tx, product_id) is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        await sql.set_aliases(tx, product_id, "\n".join(dict.fromkeys(data.aliases)))
        await tx.record("product", product_id, "aliases_set", aliases=list(dict.fromkeys(data.aliases)))
    return await get_product(store, product_id)


async def get_product(store: Store, product_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_product(db, product_id)
        if row is None:
            raise NotFound(f"product {product_id} does not exist", field="product_id")
        comps = await sql.components(db, [product_id])
        extras = await sql.product_consumables(db, [product_id])
        members = await sql.set_items(db, [product_id])
        cost = (await unit_costs(db, [product_id]))[product_id]
    return product_view(row, comps, extras, cost, members)


async def get_set(store: Store, set_id: int) -> dict[str, Any]:
    product = await get_product(store, set_id)
    if product["kind"] != "set":
        raise NotFound(f"set {set_id} does not exist ({product['sku']} is a product)", field="set_id")
    return product


async def list_products(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        rows = await sql.list_products(db)
        ids = [row["id"] for row in rows]
        comps = await sql.components(db, ids)
        extras = await sql.product_consumables(db, ids)
        members = await sql.set_items(db, ids)
    return [product_view(row, comps, extras, None, members) for row in rows]


async def products_page(store: Store, request: PageIn, *, search: str | None = None,
                        kind: str | None = None, model_id: int | None = None) -> dict[str, Any]:
    """A page of products and sets by SKU or name (or those printing one model), with the total
    matching; views in four queries."""
    async with store.read() as db:
        rows = await sql.page_products(db, search=search, kind=kind, model_id=model_id, after_id=request.after(),
                                       limit=request.limit + 1)
        total = await sql.count_products(db, search=search, kind=kind, model_id=model_id)
        shown = rows[:request.limit]
        ids = [row["id"] for row in shown]
        comps = await sql.components(db, ids)
        extras = await sql.product_consumables(db, ids)
        members = await sql.set_items(db, ids)
    return page(rows, [product_view(row, comps, extras, None, members) for row in shown], total, request)


async def models_page(store: Store, request: PageIn, *, search: str | None = None) -> dict[str, Any]:
    """A page of models by name or file name, oldest first, with the total matching."""
    async with store.read() as db:
        rows = await sql.page_models(db, search=search, after_id=request.after(), limit=request.limit + 1)
        total = await sql.count_models(db, search=search)
    return page(rows, [model_view(row) for row in rows[:request.limit]], total, request)


async def get_model(store: Store, model_id: int) -> dict[str, Any]:
    async with store.read() as db:
        row = await sql.get_model(db, model_id)
    if row is None:
        raise NotFound(f"model {model_id} does not exist", field="model_id")
    return model_view(row)
