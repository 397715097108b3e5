"""Property tests: whatever sequence of order, purchase and transfer operations runs (and whichever
of them are refused), the stock ledger, the allocations and the derived statuses stay true to each
other."""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odind.domain.production import jobs
from odind.domain.sales import allocation, orders, returns, shipments
from odind.domain.sales.fulfilment import Fulfilment, LineChip, fulfilment, line_chip
from odind.domain.stock import purchasing, transfers
from odind.domain.transitions import READY_ITEM_STATES
from odind.errors import DomainError
from odind.store.db import Store
from tests.core.factories import add_consumable, add_gcode_model, add_product

HOLDING = READY_ITEM_STATES | {"shipped", "returned"}
ITEM_STATES = ["pending", "backordered", "allocated", "picked", "packed", "shipped", "returned", "cancelled"]
SHIPMENT_STATES = ["pending", "in_transit", "out_for_delivery", "delivered", "exception", "cancelled"]

small = st.integers(min_value=0, max_value=1)  # few orders, so operations meet the same order often
operation = st.one_of(
    st.tuples(st.just("stock"), st.integers(0, 1), st.integers(1, 3), st.sampled_from(["main", "shelf"])),
    st.tuples(st.sampled_from(["transfer", "purchase"]), st.integers(0, 1), st.integers(1, 3),
              st.sampled_from(["main", "shelf"])),
    st.tuples(st.just("order"), st.lists(st.tuples(st.integers(0, 1), st.integers(1, 3)), min_size=1, max_size=2)),
    st.tuples(st.sampled_from(["allocate", "allocate", "schedule", "schedule", "finish", "finish", "finish",
                               "cancel", "hold", "release", "unallocate", "ship_all", "ship_all", "deliver",
                               "deliver", "cancel_shipment"]), small),
    st.tuples(st.sampled_from(["ship", "ship", "cancel_line", "return", "return"]), small, st.integers(0, 1),
              st.integers(1, 3)),
)


async def _check(store: Store) -> None:
    async with store.read() as db:
        ledger = await db.all("SELECT item_id, location, quantity, reason FROM stock_movements"
                              " WHERE item_kind = 'product'")
        products = [r["id"] for r in await db.all("SELECT id FROM products")]
        by_place: Counter[tuple[int, str]] = Counter()
        for row in ledger:
            by_place[(row["item_id"], row["location"])] += row["quantity"]
        for product_id in products:
            levels = await allocation.stock_levels(db, product_id)
            for location, level in levels.items():
                assert level["on_hand"] == by_place[(product_id, location)]  # on hand = Σ ledger
                assert 0 <= level["allocated"] <= level["on_hand"]  # allocated ≤ on hand
        shipped_out = -sum(r["quantity"] for r in ledger if r["reason"] in ("ship", "unship"))
        away = await db.scalar("SELECT COUNT(*) FROM line_items WHERE status IN ('shipped', 'returned')")
        assert shipped_out == away  # every unit that left went out through the ledger exactly once

        for order in await db.all("SELECT id FROM orders"):
            view = await orders.view(db, order["id"])
            units = await db.all("SELECT order_line_id, status FROM line_items WHERE order_id = ?", order["id"])
            parcels = await db.all("SELECT id, status FROM shipments WHERE order_id = ?", order["id"])
            active = [u for u in units if u["status"] != "cancelled"]
            printing = {j["order_line_id"] for j in await db.all(
                "SELECT order_line_id FROM jobs WHERE order_id = ? AND status <> 'cancelled'", order["id"])}
            for line in view["lines"]:
                mine = [u["status"] for u in units if u["order_line_id"] == line["id"]]
                assert len(mine) == line["quantity"]
                assert line["shipped"] <= line["quantity"]  # shipped ≤ ordered
                assert line["status"] == line_chip(mine, in_production=line["id"] in printing)  # derived
            if view["status"] == "fulfilled":
                assert all(u["status"] in HOLDING for u in active)
            if view["status"] == "shipped":
                assert all(u["status"] in ("shipped", "returned") for u in active)
            if view["fulfilment"] == Fulfilment.READY_TO_SHIP:
                assert all(line["status"] in ("ready", "cancelled") for line in view["lines"])
            if view["fulfilment"] in (Fulfilment.SHIPPED, Fulfilment.COMPLETED):
                assert all(line["status"] in ("shipped", "cancelled") for line in view["lines"])
            if view["fulfilment"] == Fulfilment.COMPLETED or view["state"] == "complete":
                assert all(p["status"] in ("delivered", "cancelled") for p in parcels)
            if view["state"] == "cancelled":
                assert view["fulfilment"] == Fulfilment.CANCELLED
            assert Decimal(view["pnl"]["exact"]["revenue"]) >= 0


async def _scenario(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "odind.db")
        await store.open()
        try:
            model = await add_gcode_model(store, Path(tmp), grams=5)
            magnet = await add_consumable(store, stock=1000)
            products = [await add_product(store, "A", price="10.00", models=[(model["id"], 1)]),
                        await add_product(store, "B", price="4.50", models=[(model["id"], 2)],
                                          consumables=[(magnet["id"], 1)])]
            async with store.transaction("test") as tx:
                await tx.execute("INSERT INTO printers (id, name, driver, model, nozzle_diameter, build_volume,"
                                 " connection_json, source, created_at) VALUES (1, 'P', 'marlin', 'MK3S', '0.4',"
                                 " '[200,200,200]', '{}', 'api', 'now')")
            made: list[dict[str, Any]] = []
            for op in ops:
                try:
                    await _apply(store, op, products, made)
                except DomainError:
                    pass
                await _check(store)
        finally:
            await store.close()


async def _apply(store: Store, op: tuple[Any, ...], products: list[dict[str, Any]],
                 made: list[dict[str, Any]]) -> None:
    kind = op[0]
    if kind == "stock":
        await allocation.adjust_stock(store, "t", products[op[1]]["id"],
                                      allocation.StockAdjustIn(quantity=op[2], location=op[3]))
        return
    if kind == "transfer":
        moved = await transfers.create(store, "t", transfers.TransferIn(
            from_location=op[3], to_location="shelf" if op[3] == "main" else "main",
            lines=[transfers.TransferLineIn(product_id=products[op[1]]["id"], quantity=op[2])]))
        await transfers.act(store, "t", moved["id"], "ship")
        await transfers.act(store, "t", moved["id"], "receive")
        return
    if kind == "purchase":
        po = await purchasing.create(store, "t", purchasing.POIn(supplier="S", lines=[purchasing.POLineIn(
            item_kind="product", item_id=products[op[1]]["id"], quantity=3, unit_cost=Decimal("2.00"))]))
        await purchasing.receive(store, "t", po["id"], purchasing.ReceiveIn(lines=[purchasing.ReceiptLineIn(
            line_id=po["lines"][0]["id"], quantity=op[2], location=op[3])]))
        return
    if kind == "order":
        made.append(await orders.create_order(store, "t", orders.OrderIn(
            customer_name="P", lines=[orders.OrderLineIn(product_id=products[p]["id"], quantity=q) for p, q in op[1]])))
        return
    if not made:
        return
    order = await orders.get_order(store, made[op[1] % len(made)]["id"])
    oid = order["id"]
    line = order["lines"][op[2] % len(order["lines"])]["id"] if len(op) > 3 else None
    if kind == "allocate":
        await orders.allocate(store, "t", oid, allocation.AllocateIn())
    elif kind == "schedule":
        await orders.schedule_all(store, "t", oid)
    elif kind == "finish":
        for job in [j for j in order["jobs"] if j["status"] == "queued"][:2]:
            await jobs.claim(store, "t", job["id"], 1, "t")
            await jobs.completed(store, "t", job["id"])
    elif kind in ("cancel", "hold", "release", "unallocate"):
        if kind == "cancel":
            await orders.cancel(store, "t", oid)
        else:
            await orders.core_action(store, "t", oid, orders.CoreAction(kind))
    elif kind == "ship_all":
        await shipments.create(store, "t", oid, shipments.ShipmentIn(carrier="C"))
    elif kind in ("deliver", "cancel_shipment") and order["shipments"]:
        action = shipments.ShipmentAction.DELIVER if kind == "deliver" else shipments.ShipmentAction.CANCEL
        await shipments.act(store, "t", order["shipments"][-1]["id"], shipments.ShipmentActionIn(action=action))
    elif kind == "ship":
        await shipments.create(store, "t", oid, shipments.ShipmentIn(
            lines=[shipments.ShipmentLineIn(line_id=line, quantity=op[3])]))
    elif kind == "cancel_line":
        await orders.cancel_lines(store, "t", oid, orders.CancelLinesIn(
            lines=[orders.LineCancelIn(line_id=line, quantity=op[3])]))
    elif kind == "return":
        rma = await returns.create(store, "t", returns.ReturnIn(
            order_id=oid, lines=[returns.ReturnLineIn(line_id=line, quantity=op[3],
                                                      disposition="scrap" if op[3] == 3 else "restock")]))
        await returns.receive(store, "t", rma["id"], returns.payments.Method.OTHER)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=4, max_size=20))
def test_ledger_allocations_and_statuses_stay_consistent(ops: list[tuple[Any, ...]]) -> None:
    asyncio.run(_scenario(ops))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["pending", "processing"]), st.lists(st.sampled_from(ITEM_STATES), min_size=1, max_size=8),
       st.lists(st.sampled_from(SHIPMENT_STATES), max_size=3), st.booleans())
def test_derived_fulfilment_matches_its_units(state: str, items: list[str], parcels: list[str], started: bool):
    derived = fulfilment(state, items, parcels, jobs_started=started)
    active = [s for s in items if s != "cancelled"]
    live = [p for p in parcels if p != "cancelled"]
    if not active:
        assert derived == Fulfilment.CANCELLED
        return
    if "returned" in active:
        expected = Fulfilment.ALL_RETURNED if set(active) == {"returned"} else Fulfilment.PARTIALLY_RETURNED
        assert derived == expected
        return
    everything_shipped = all(s == "shipped" for s in active)
    assert (derived == Fulfilment.COMPLETED) == (everything_shipped and bool(live)
                                                 and all(p == "delivered" for p in live))
    assert (derived in (Fulfilment.SHIPPED, Fulfilment.COMPLETED)) == everything_shipped
    assert (derived == Fulfilment.READY_TO_SHIP) == all(s in READY_ITEM_STATES for s in active)
    assert (derived == Fulfilment.PARTIALLY_SHIPPED) == ("shipped" in active and not everything_shipped)
    chip = line_chip(items, in_production=started)
    if derived == Fulfilment.READY_TO_SHIP:
        assert chip == LineChip.READY
    if derived == Fulfilment.NOT_STARTED:
        assert not started and not any(s in HOLDING for s in active)
