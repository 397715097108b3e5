"""Sales orders at scale: create, read, allocate and ship an order of N units (one row per unit).

Usage: .venv/bin/python bench/order_units.py [--units 1000 10000 100000]

Prints wall-clock seconds per step. Reads go through grouped unit counts; allocation and shipping
touch every unit they move, so they grow with the units moved.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from odind.domain import catalog
from odind.domain.sales import allocation, orders, shipments
from odind.store.db import Store


async def one(units: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "odind.db")
        await store.open()
        try:
            product = await catalog.create_product(store, "bench", catalog.ProductIn(
                sku="BENCH-1", name="Bench", sale_price=Decimal("2.50")))
            await allocation.adjust_stock(store, "bench", product["id"], allocation.StockAdjustIn(quantity=units))
            figures = {}
            start = time.perf_counter()
            order = await orders.create_order(store, "bench", orders.OrderIn(
                customer_name="Bench", lines=[orders.OrderLineIn(product_id=product["id"], quantity=units)]))
            figures["create"] = time.perf_counter() - start
            start = time.perf_counter()
            await orders.get_order(store, order["id"])
            figures["read"] = time.perf_counter() - start
            start = time.perf_counter()
            await orders.allocate(store, "bench", order["id"], allocation.AllocateIn())
            figures["allocate"] = time.perf_counter() - start
            start = time.perf_counter()
            await shipments.create(store, "bench", order["id"], shipments.ShipmentIn(carrier="bench"))
            figures["ship"] = time.perf_counter() - start
            return figures
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
    print(f"{'units':>8} {'create s':>9} {'read s':>8} {'allocate s':>11} {'ship s':>8}")
    for units in args.units:
        f = asyncio.run(one(units))
        print(f"{units:>8} {f['create']:>9.3f} {f['read']:>8.3f} {f['allocate']:>11.3f} {f['ship']:>8.3f}")


if __name__ == "__main__":
    main()
