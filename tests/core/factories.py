"""Builders for catalog data used across the core tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from odind.domain import catalog, printers
from odind.domain.stock import inventory
from odind.modelfiles import synth
from odind.runtime.connections import check_connection
from odind.store.db import Store
from odind.vocabulary import FilamentNeed


async def add_gcode_model(store: Store, tmp_path: Path, *, name: str = "part", grams: float = 10.0,
                          colour: str = "#FFFFFF", minutes: int = 30) -> dict[str, Any]:
    path = tmp_path / f"{name}.gcode"
    path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour=colour, grams=grams)],
                                      print_time_s=minutes * 60, segments=20), encoding="utf-8")
    return await catalog.add_model(store, "test", upload=path, filename=path.name, name=name,
                                   models_dir=tmp_path / "models")


async def add_bambu_model(store: Store, tmp_path: Path, *, name: str = "plate", objects: int = 4,
                          grams: float = 8.0) -> dict[str, Any]:
    path = tmp_path / f"{name}.gcode.3mf"
    path.write_bytes(synth.bambu_3mf(filaments=[FilamentNeed(material="PLA", colour="#FF0000", grams=grams)],
                                     print_time_s=600, objects_per_plate=objects))
    return await catalog.add_model(store, "test", upload=path, filename=path.name, name=name,
                                   models_dir=tmp_path / "models")


async def add_consumable(store: Store, sku: str = "MAG-3X1", *, cost: str = "0.05", stock: int = 100,
                         reorder: int = 0) -> dict[str, Any]:
    return await inventory.create_consumable(store, "test", inventory.ConsumableIn(
        sku=sku, name=f"{sku} item", unit_cost=Decimal(cost), stock=stock, reorder_point=reorder))


async def add_product(store: Store, sku: str, *, price: str, models: list[tuple[int, int]],
                      consumables: tuple[tuple[int, int], ...] | list[tuple[int, int]] = ()) -> dict[str, Any]:
    return await catalog.create_product(store, "test", catalog.ProductIn(
        sku=sku, name=f"Product {sku}", sale_price=Decimal(price),
        components=[catalog.ComponentIn(model_id=m, quantity=q) for m, q in models],
        consumables=[catalog.ProductConsumableIn(consumable_id=c, quantity=q) for c, q in consumables]))


async def add_printer(store: Store, name: str = "P") -> int:
    """A printer row for domain tests; its driver is never started (nothing listens at the URL)."""
    printer = await printers.add_printer(store, "test", printers.PrinterIn(
        name=name, driver="moonraker", model="Voron 2.4", connection={"url": "http://127.0.0.1:9"}), check_connection)
    return printer["id"]
