"""Filament as stock: reorder points and preferred suppliers per material and colour, FIFO cost
layers of bought spools, and spools kept in step with what an AMS reads off them.

Grams left are the spools' ledger sums; a material and colour is low when the grams left on all its
spools fall under its reorder point. A bought spool is a cost layer of its material and colour, so
what a print used is charged what that spool really cost per gram; a spool nobody paid for (an
opening spool entered without cost) falls back to the material's price.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field

from odind.costing.fifo import CostLayer, Purchase, Unit, consume
from odind.domain.stock.inventory import MG_PER_GRAM
from odind.domain.types import Colour, Count, Input, Material, Name, Rate
from odind.money import Money, carried, exact_text
from odind.store.db import Db, Store, Tx
from odind.store.stock import filament as sql
from odind.store.stock import inventory as inventory_sql
from odind.vocabulary import LoadedFilament

COUNT_THRESHOLD = Decimal("0.01")  # an AMS reading moves a spool only when it changed by 1 % of the spool


class FilamentReorderIn(Input):
    material: Material
    colour: Colour | None = None
    reorder_point_g: Rate = Field(le=10_000_000)
    reorder_spools: Count = 0  # order at least this many spools when low
    grams_per_spool: Rate = Field(Decimal(1000), gt=0, le=100_000)
    spool_cost: Money | None = None  # price per spool for drafted purchase orders; else the last one paid
    supplier: Name | None = None


def _grams(mg: int | Decimal) -> str:
    return str(Decimal(mg) / MG_PER_GRAM)


def stock_view(row: dict[str, Any]) -> dict[str, Any]:
    left = Decimal(int(row["left_mg"])) / MG_PER_GRAM
    point = None if row["reorder_point_g"] is None else Decimal(row["reorder_point_g"])
    return {"material": row["material"], "colour": row["colour"] or None, "spools": int(row["spools"]),
            "grams_left": str(left), "reorder_point_g": None if point is None else str(point),
            "reorder_spools": row["reorder_spools"], "grams_per_spool": row["grams_per_spool"],
            "spool_cost": row["spool_cost"], "supplier": row["supplier"],
            "low_stock": point is not None and left < point}


async def set_reorder(store: Store, actor: str, data: FilamentReorderIn) -> dict[str, Any]:
    colour = data.colour or ""
    async with store.transaction(actor) as tx:
        await sql.set_reorder(tx, material=data.material, colour=colour, reorder_point_g=str(data.reorder_point_g),
                              reorder_spools=data.reorder_spools, grams_per_spool=str(data.grams_per_spool),
                              spool_cost=None if data.spool_cost is None else str(data.spool_cost),
                              supplier=data.supplier)
        await tx.record("filament", None, "reorder_set", material=data.material, colour=data.colour,
                        reorder_point_g=str(data.reorder_point_g), supplier=data.supplier)
        view = next(stock_view(row) for row in await sql.stock_by_material(tx)
                    if row["material"] == data.material and row["colour"] == colour)
        if view["low_stock"]:
            await tx.record("filament", None, "low_stock", material=data.material, colour=data.colour,
                            grams_left=view["grams_left"], reorder_point_g=view["reorder_point_g"], crossed=True)
    return view


async def low_filament(db: Db) -> list[dict[str, Any]]:
    """Materials and colours whose spools hold fewer grams than their reorder point."""
    return [view for view in map(stock_view, await sql.stock_by_material(db)) if view["low_stock"]]


async def stock(store: Store) -> list[dict[str, Any]]:
    async with store.read() as db:
        views = [stock_view(row) for row in await sql.stock_by_material(db)]
        for view in views:
            view["layers"] = [layer_view(row) for row in
                              await sql.layers(db, view["material"], view["colour"] or "")]
    return views


def layer_view(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "spool_id": row["spool_id"], "purchased_on": row["purchased_on"],
            "grams": row["grams"], "total_cost": row["total_cost"],
            "cost_per_gram": exact_text(carried(Decimal(row["total_cost"]) / Decimal(row["grams"]))),
            "remaining_g": row["remaining_g"], "remaining_cost": row["remaining_cost"],
            "supplier": row["supplier"], "reference": row["reference"]}


async def open_layer(tx: Tx, spool_id: int, *, material: str, colour: str | None, grams: Decimal, cost: Decimal,
                     supplier: str | None, reference: str | None) -> int:
    """A bought spool becomes a cost layer of its material and colour."""
    return await sql.insert_layer(tx, material=material, colour=colour or "", spool_id=spool_id,
                                  purchased_on=date.today().isoformat(), grams=str(grams), total_cost=str(cost),
                                  supplier=supplier, reference=reference)


def _cost_layer(row: dict[str, Any]) -> CostLayer:
    purchase = Purchase(quantity=Decimal(row["grams"]), total_cost=Decimal(row["total_cost"]), unit=Unit.G,
                        supplier=row["supplier"], reference=row["reference"],
                        purchased_on=date.fromisoformat(row["purchased_on"]))
    return CostLayer(row["id"], purchase, Decimal(row["remaining_g"]), Decimal(row["remaining_cost"]))


async def draw_cost(tx: Tx, spool: dict[str, Any], grams: Decimal) -> Decimal | None:
    """What `grams` off `spool` cost: drawn from its cost layer where it was bought (grams the layer no
    longer holds, after a recount, at its cost per gram), else the spool's own cost, else the
    material's price; None when nothing says what the filament cost."""
    if grams <= 0:
        return Decimal(0)
    layer = await sql.layer_of_spool(tx, spool["id"])
    if layer is not None:
        cost_layer = _cost_layer(layer)
        per_gram = cost_layer.purchase.unit_cost
        taken = min(grams, cost_layer.remaining)
        if taken <= 0:
            return carried(grams * per_gram)
        used = consume([cost_layer], taken)
        after = used.layers[0]
        await sql.set_layer_remaining(tx, layer["id"], exact_text(after.remaining), exact_text(after.remaining_cost))
        return used.cost + carried((grams - taken) * per_gram)
    cost, net = Decimal(spool["cost"]), int(spool["net_weight_mg"])
    if cost > 0 and net:
        return carried(grams * cost * MG_PER_GRAM / net)
    price = (await inventory_sql.material_prices(tx)).get(spool["material"])
    return None if price is None else carried(grams * Decimal(price))


def _match(spools: list[dict[str, Any]], reading: LoadedFilament) -> dict[str, Any] | None:
    """The spool on the printer a tray reading is about: the one with its RFID tag, else the first of its
    material and colour that carries no tag (a tagged spool is known by its tag only)."""
    if reading.tag_uid:
        for spool in spools:
            if spool["tag_uid"] == reading.tag_uid:
                return spool
    material = reading.material.upper()
    for spool in spools:
        if spool["material"] != material or spool["tag_uid"]:
            continue
        if reading.colour is None or (spool["colour"] or "").upper() == reading.colour.upper():
            return spool
    return None


async def sync_from_printer(store: Store, actor: str, printer_id: int,
                            readings: list[LoadedFilament]) -> list[dict[str, Any]]:
    """Set the grams left on a printer's spools from what its AMS reports, as ledger counts; a change
    under 1 % of the spool is sensor noise and moves nothing. Returns the spools that were counted."""
    counted: list[dict[str, Any]] = []
    wanted = sorted((r for r in readings if r.remaining_pct is not None or r.remaining_g is not None or r.tag_uid),
                    key=lambda r: r.tag_uid is None)  # tagged trays claim their spools first
    if not wanted:
        return counted
    async with store.transaction(actor) as tx:
        spools = await inventory_sql.spools_on_printer(tx, printer_id)
        for reading in wanted:
            spool = _match(spools, reading)
            if spool is None:
                continue
            spools.remove(spool)
            if reading.tag_uid and not spool["tag_uid"]:
                await sql.set_spool_tag(tx, spool["id"], reading.tag_uid)
                await tx.record("spool", spool["id"], "tagged", tag_uid=reading.tag_uid, printer_id=printer_id)
            net = int(spool["net_weight_mg"])
            if reading.remaining_g is not None:
                target = Decimal(str(reading.remaining_g)) * MG_PER_GRAM
            elif reading.remaining_pct is not None:
                target = Decimal(net) * Decimal(str(reading.remaining_pct)) / 100
            else:
                continue
            target_mg = int(min(max(target, Decimal(0)), Decimal(net)).to_integral_value())
            change = target_mg - int(spool["remaining_mg"])
            if not change or abs(change) < net * COUNT_THRESHOLD:
                continue
            await inventory_sql.move(tx, item_kind="spool", item_id=spool["id"], quantity=change, reason="count",
                                     note=f"AMS slot {reading.slot}")
            await tx.record("spool", spool["id"], "counted", printer_id=printer_id, slot=reading.slot,
                            grams_left=_grams(target_mg), change_g=_grams(change))
            counted.append({"spool_id": spool["id"], "grams_left": _grams(target_mg)})
    return counted
