"""Builds the costing core's inputs (catalog, settings) from the store, and the costing entry points.

The catalog is loaded whole: a set may reach any product, and a small shop's catalog is small. Models
give each part's grams per filament and print time (from slicer metadata, shared among the objects of
a plate); products give consumables, labour and overrides; sets give their members by SKU.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from odind.costing.bom import Catalog, ConsumableUse, FilamentUse, Item, Part, Product, ProductSet, SetItem, expand
from odind.costing.cogs import BatchCost, batch_cogs
from odind.costing.settings import CostOverrides, CostSettings, Spool
from odind.domain import model_rows
from odind.errors import NotFound
from odind.money import carried
from odind.store import catalog as catalog_sql
from odind.store import settings as settings_sql
from odind.store.db import Db, Tx
from odind.store.stock import inventory as inventory_sql

SETTINGS_KEY = "cost_settings"
MG_PER_GRAM = Decimal(1000)


async def load_settings(db: Db) -> CostSettings:
    """Stored settings with the material prices of /api/settings/materials merged in."""
    raw = await settings_sql.get(db, SETTINGS_KEY)
    data: dict[str, Any] = json.loads(raw) if raw else {}
    data["material_cost_per_gram"] = {**data.get("material_cost_per_gram", {}),
                                      **await inventory_sql.material_prices(db)}
    return CostSettings.model_validate(data)


async def save_settings(tx: Tx, settings: CostSettings) -> None:
    """Material prices go to the material price table (one source of truth); the rest is one JSON row."""
    for material, price in settings.material_cost_per_gram.items():
        await inventory_sql.set_material_price(tx, material.strip().upper(), str(price))
    rest = settings.model_dump(mode="json", exclude={"material_cost_per_gram"})
    await settings_sql.put(tx, SETTINGS_KEY, json.dumps(rest, sort_keys=True))


@dataclass(frozen=True)
class Costing:
    """One consistent view of everything a cost depends on."""

    settings: CostSettings
    catalog: Catalog
    rows: dict[int, dict[str, Any]]

    def row(self, product_id: int) -> dict[str, Any]:
        try:
            return self.rows[product_id]
        except KeyError:
            raise NotFound(f"product {product_id} does not exist", field="product_id") from None

    def sku(self, product_id: int) -> str:
        return str(self.row(product_id)["sku"])


def _spool_prices(spools: list[dict[str, Any]]) -> dict[tuple[str, str], Spool]:
    """The newest priced spool per (material, colour)."""
    found: dict[tuple[str, str], Spool] = {}
    for spool in spools:
        if Decimal(spool["cost"]) > 0 and spool["net_weight_mg"] > 0:
            key = (spool["material"].upper(), (spool["colour"] or "").upper())
            found[key] = Spool(price=spool["cost"], net_weight_grams=Decimal(spool["net_weight_mg"]) / MG_PER_GRAM)
    return found


def _part(model: dict[str, Any], copies: int, settings: CostSettings,
          spools: dict[tuple[str, str], Spool]) -> Part:
    per_plate = model_rows.units_per_print(model)
    metadata = model_rows.model_metadata(model)
    uses = [(material, colour or "", grams) for material, colour, grams in model_rows.grams_per_unit(model)
            if grams > 0]
    multi_colour = len(uses) > 1
    filaments = tuple(
        FilamentUse(material=material, colour=colour, grams=carried(grams),
                    colour_changes=1 if multi_colour and index > 0 else 0,
                    spool=spools.get((material, colour.upper())) if settings.filament_prices_from_spools else None)
        for index, (material, colour, grams) in enumerate(uses))
    printer = metadata.printer_model if metadata.printer_model in settings.printer_models else None
    return Part(name=model["name"], quantity=copies, filaments=filaments, printer_model=printer,
                print_seconds=carried(Decimal(model["print_time_s"] or 0) / per_plate))


def _overrides(row: dict[str, Any]) -> CostOverrides:
    return CostOverrides.model_validate_json(row.get("cost_overrides_json") or "{}")


async def load(db: Db) -> Costing:
    settings = await load_settings(db)
    rows = {row["id"]: row for row in await catalog_sql.list_products(db)}
    ids = sorted(rows)
    comps = await catalog_sql.components(db, ids)
    models = await catalog_sql.models_by_ids(db, sorted({c["model_id"] for c in comps}))
    extras = await catalog_sql.product_consumables(db, ids)
    members = await catalog_sql.set_items(db, ids)
    spools = _spool_prices(await inventory_sql.list_spools(db)) if settings.filament_prices_from_spools else {}
    parts_of: dict[int, list[Part]] = defaultdict(list)
    for comp in comps:
        parts_of[comp["product_id"]].append(_part(models[comp["model_id"]], comp["quantity"], settings, spools))
    extras_of: dict[int, list[ConsumableUse]] = defaultdict(list)
    for extra in extras:
        extras_of[extra["product_id"]].append(ConsumableUse(sku=extra["sku"], quantity=Decimal(extra["quantity"]),
                                                            unit_cost=Decimal(extra["unit_cost"])))
    members_of: dict[int, list[SetItem]] = defaultdict(list)
    for member in members:
        members_of[member["set_id"]].append(SetItem(sku=member["sku"], quantity=member["quantity"]))
    items: list[Item] = []
    for product_id, row in rows.items():
        common = {"sku": row["sku"], "name": row["name"], "labour_hours": Decimal(row["labour_hours"]),
                  "overrides": _overrides(row)}
        if row["kind"] == "set":
            items.append(ProductSet(**common, description=row["description"], category=row["category"],
                                    items=tuple(members_of[product_id])))
        else:
            items.append(Product(**common, parts=tuple(parts_of[product_id]),
                                 consumables=tuple(extras_of[product_id])))
    return Costing(settings, Catalog.of(items), rows)


def batch_of(costing: Costing, product_id: int, quantity: int = 1,
             labour_hours: Decimal | None = None) -> BatchCost:
    return batch_cogs(costing.catalog, costing.sku(product_id), quantity, costing.settings, labour_hours)


async def product_cogs(db: Db, product_id: int, quantity: int = 1, labour_hours: Decimal | None = None) -> BatchCost:
    """True COGS of `quantity` of a product or set made together; `labour_hours` replaces the per-unit
    labour with the batch's own (see odind.costing.cogs.batch_cogs). `.breakdown` has every line,
    `.per_unit` the exact cost of one."""
    return batch_of(await load(db), product_id, quantity, labour_hours)


async def structure(db: Db) -> tuple[Catalog, dict[int, dict[str, Any]]]:
    """Only what expansion needs: which products exist and what each set holds."""
    rows = {row["id"]: row for row in await catalog_sql.list_products(db)}
    members = await catalog_sql.set_items(db, sorted(rows))
    members_of: dict[int, list[SetItem]] = defaultdict(list)
    for member in members:
        members_of[member["set_id"]].append(SetItem(sku=member["sku"], quantity=member["quantity"]))
    items: list[Item] = [
        ProductSet(sku=row["sku"], items=tuple(members_of[pid])) if row["kind"] == "set" and members_of[pid]
        else Product(sku=row["sku"]) for pid, row in rows.items()]
    return Catalog.of(items), rows


async def expand_set(db: Db, product_id: int, quantity: int) -> list[tuple[int, int]]:
    """The products (never sets) and how many of each `quantity` of `product_id` needs, by product id.

    A plain product expands to itself; a set to its members times their quantities, through nested
    sets. Schedule All prints these.
    """
    catalog, rows = await structure(db)
    if product_id not in rows:
        raise NotFound(f"product {product_id} does not exist", field="product_id")
    ids = {row["sku"]: pid for pid, row in rows.items()}
    needed = expand(catalog, rows[product_id]["sku"], quantity)
    return sorted((ids[sku], count) for sku, count in needed.items())

