"""End to end, through the HTTP API only, against `odind demo` run as its own process.

Create a consumable, upload a model, create a product with a BOM, set the material price, take an
order, schedule it, watch it reach `fulfilled` on its own as the simulated printers finish, ship
it, download the invoice, and check the P&L against a hand calculation to the penny.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import sys
from decimal import Decimal
from pathlib import Path

import aiohttp
import pypdf

from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed


async def _start_demo(data_dir: Path, store_url: str | None, log: Path) -> asyncio.subprocess.Process:
    """Port 0: the demo binds a port the kernel chooses and prints it, so no other test can take it first."""
    env = {**os.environ, "ODIND_HTTP__HOST": "127.0.0.1"}
    if store_url:
        env["ODIND_STORE__URL"] = store_url
    with log.open("wb") as sink:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "odind.cli", "demo", "--data-dir", str(data_dir), "--http-port", "0",
            "--sim-speed", "2000", stdout=sink, stderr=asyncio.subprocess.STDOUT, env=env)


async def _wait_ready(token_file: Path, process: asyncio.subprocess.Process, log: Path) -> tuple[str, str]:
    """The demo's base URL and admin token, once it has printed where it listens and answers there."""
    async with aiohttp.ClientSession() as session:
        for _ in range(600):
            output = log.read_text()  # noqa: ASYNC240
            assert process.returncode is None, "odind demo exited early:\n" + output[-3000:]
            printed = re.search(r"odind demo: (http://[^/ ]+)/", output)
            if printed and token_file.exists():  # noqa: ASYNC240
                base = printed.group(1)
                try:
                    async with session.get(f"{base}/api/health") as response:
                        if response.status == 200:
                            return base, token_file.read_text().strip()  # noqa: ASYNC240
                except aiohttp.ClientConnectionError:
                    pass
            await asyncio.sleep(0.1)
    raise AssertionError("odind demo did not become ready:\n" + log.read_text()[-3000:])  # noqa: ASYNC240


async def _check_demo_set_order(call) -> None:  # type: ignore[no-untyped-def]
    """The demo's Etsy order is one Red Fox set: it prints the set's 31 parts and is fulfilled as one
    unit at the set's price, with the set's true COGS kept from when it was ordered (PLA at £0.03/g)."""
    listed = (await call("GET", "/api/orders"))["items"]
    etsy = next(o for o in listed if o["reference"] == "ETSY-3141592")
    current = etsy
    for _ in range(1800):
        current = await call("GET", f"/api/orders/{etsy['id']}")
        if current["status"] == "fulfilled":
            break
        await asyncio.sleep(0.1)
    assert current["status"] == "fulfilled", current["jobs"]
    (line,) = current["lines"]
    assert (line["sku"], line["quantity"], line["unit_price"], line["status"]) == ("FOX-SET-001", 1, "54.99", "ready")
    assert sum(job["units"] for job in current["jobs"]) == 1 + 5 + 1 + 8 + 1 + 5 + 5 + 5
    grams = Decimal(15 + 8 + 5 + 3) + 5 * 4 + 12 + 8 * 2 + 18 + 5 * (3 + 2) + 5 * 2 + 5 * 2
    magnets = (4 + 5 + 5) * Decimal("0.05") + 5 * Decimal("0.08")
    subtotal = grams * Decimal("0.03") + magnets
    assert (grams, subtotal) == (Decimal(142), Decimal("5.36"))
    cogs = subtotal * Decimal("1.10")  # 10 % overhead, no labour hours on the set or its parts
    revenue = Decimal("54.99")
    fees = (revenue * (Decimal("6.5") + Decimal(4)) / 100 + Decimal("0.20") + Decimal("0.16")) * Decimal("1.2")
    pnl = current["pnl"]
    assert (pnl["channel"], Decimal(pnl["exact"]["cogs"]), Decimal(pnl["exact"]["fees"])) == ("Etsy UK", cogs, fees)
    assert Decimal(pnl["exact"]["profit"]) == revenue - cogs - fees


async def test_order_travels_from_creation_to_invoice(tmp_path, store_url):
    log = tmp_path / "demo.log"
    process = await _start_demo(tmp_path / "demo", store_url, log)
    try:
        base, token = await _wait_ready(tmp_path / "demo" / "demo-admin-token", process, log)
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(base_url=base, headers=headers) as http:
            async def call(method: str, path: str, expect: int = 200, **kw):  # type: ignore[no-untyped-def]
                async with http.request(method, path, **kw) as response:
                    body = await response.json()
                    assert response.status == expect, body
                    return body

            box = await call("POST", "/api/consumables", 201,
                             json={"sku": "E2E-BOX", "name": "Gift box", "unit_cost": "0.35", "stock": 10})

            gcode = synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour="#FFFFFF", grams=20)],
                                      print_time_s=40 * 60, segments=40)
            form = aiohttp.FormData()
            form.add_field("file", io.BytesIO(gcode.encode()), filename="e2e-ornament.gcode")
            form.add_field("name", "Ornament")
            model = await call("POST", "/api/models", 201, data=form)
            assert model["print_time_s"] == 2400

            await call("PUT", "/api/settings/materials/PLA", json={"cost_per_gram": "0.025"})
            product = await call("POST", "/api/products", 201, json={
                "sku": "E2E-ORN", "name": "Snowy ornament pair", "sale_price": "12.00",
                "components": [{"model_id": model["id"], "quantity": 2}],
                "consumables": [{"consumable_id": box["id"], "quantity": 1}]})
            order = await call("POST", "/api/orders", 201, json={
                "platform": "direct", "customer_name": "Esther Example", "reference": "E2E-1",
                "lines": [{"product_id": product["id"], "quantity": 3}]})
            scheduled = await call("POST", f"/api/orders/{order['id']}/schedule")
            assert scheduled["status"] == "in_progress" and len(scheduled["jobs"]) == 6
            again = await call("POST", f"/api/orders/{order['id']}/schedule")
            assert len(again["jobs"]) == 6
            assert (await call("GET", f"/api/consumables/{box['id']}"))["stock"] == 7

            status = None
            for _ in range(1200):
                current = await call("GET", f"/api/orders/{order['id']}")
                status = current["status"]
                if status == "fulfilled":
                    break
                await asyncio.sleep(0.1)
            assert status == "fulfilled", current["jobs"]
            assert {j["status"] for j in current["jobs"]} == {"completed"}

            shipped = await call("POST", f"/api/orders/{order['id']}/ship",
                                 json={"carrier": "Royal Mail", "tracking_number": "RM123456789GB"})
            assert shipped["status"] == "shipped"

            # The demo shop's cost settings: £12/h labour, 10 % overhead, nothing else. Labour is hours
            # per product and this product has none, so only overhead adds to materials and consumables.
            # Its Direct channel charges 1.5 % + £0.20 per order for card payments; postage is not absorbed.
            units = 3
            material = units * 2 * 20 * Decimal("0.025")  # 2 ornaments of 20 g PLA per unit at £0.025/g
            consumables = units * 1 * Decimal("0.35")  # one gift box per unit
            labour = Decimal(0) * Decimal(12)  # no labour hours configured for the product
            subtotal = material + consumables + labour
            overhead = subtotal * Decimal(10) / 100
            cogs = subtotal + overhead
            revenue = Decimal("12.00") * units
            fees = revenue * Decimal("1.5") / 100 + Decimal("0.20")
            profit = revenue - cogs - fees
            assert (material, consumables, subtotal, cogs, fees) == (
                Decimal("3.00"), Decimal("1.05"), Decimal("4.05"), Decimal("4.455"), Decimal("0.74"))
            pnl = shipped["pnl"]
            assert pnl["channel"] == "Direct" and pnl["costs_kept"]
            assert Decimal(pnl["exact"]["revenue"]) == revenue == Decimal("36.00")
            assert Decimal(pnl["exact"]["cogs"]) == cogs
            assert Decimal(pnl["exact"]["fees"]) == fees
            assert Decimal(pnl["exact"]["shipping_cost"]) == 0
            assert Decimal(pnl["exact"]["profit"]) == profit == Decimal("30.805")
            assert (pnl["revenue"], pnl["cogs"], pnl["fees"], pnl["profit"]) == ("36.00", "4.46", "0.74", "30.81")
            assert pnl["margin_percent"] == "85.57"  # 30.805 / 36.00

            await _check_demo_set_order(call)

            async with http.get(f"/api/orders/{order['id']}/invoice.pdf") as response:
                assert response.status == 200
                assert response.content_type == "application/pdf"
                pdf = await response.read()
            text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
            assert "E2E-1" in text and "Esther Example" in text
            assert "£36.00" in text
            assert "INV-" in text
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()
    assert process.returncode == 0, "odind demo did not shut down cleanly on SIGTERM"
