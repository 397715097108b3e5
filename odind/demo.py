"""`odind demo`: the real daemon with a simulated farm, the Red Fox catalog and a few orders.

Every printer family runs its own device-side simulator speaking the real protocol (a pty for
Marlin, a private TLS broker and FTPS server for Bambu, HTTP servers for the others), so the demo
exercises exactly the code a real farm does. A family whose simulator cannot start here (say,
mosquitto is not installed) is skipped with a warning.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from odind.config import Config, PrinterConfig
from odind.costing.settings import CostSettings
from odind.daemon import Daemon, serve
from odind.domain import catalog, printers
from odind.domain.accounts import setup, users
from odind.domain.accounts.tokens import Role, create_token
from odind.domain.costs import channels
from odind.domain.sales import orders
from odind.domain.stock import inventory
from odind.drivers import registry
from odind.drivers.base import SimulatedPrinter
from odind.modelfiles import synth
from odind.store import catalog as catalog_sql
from odind.store.db import Store
from odind.vocabulary import FilamentNeed, LoadedFilament

log = logging.getLogger(__name__)

ACTOR = "demo"
DEMO_ADMIN = "demo"
ORANGE, BROWN1, BROWN2, BEIGE, WHITE, OAK = "#F26B1D", "#6B3E26", "#8B5A3C", "#E8D5B0", "#FFFFFF", "#B5835A"
COLOUR_NAMES = {ORANGE: "Orange", BROWN1: "Brown 1", BROWN2: "Brown 2", BEIGE: "Beige", WHITE: "White",
                OAK: "Wood Oak"}


@dataclass(frozen=True)
class DemoPrinter:
    name: str
    family: str
    model: str
    colours: tuple[str, ...]
    auto_clear: bool = True  # the demo runs unattended, but for one printer that shows the plate-clear gate


FARM = (
    DemoPrinter("Bambu-P1S", "bambu", "P1S", (ORANGE, BROWN1, BROWN2, BEIGE)),
    DemoPrinter("Bambu-X1C", "bambu", "X1C", (ORANGE, BROWN1, BROWN2, BEIGE)),
    DemoPrinter("Bench-1", "marlin", "MK3S", (WHITE,)),
    DemoPrinter("Bench-2", "marlin", "MK3S", (BROWN1,), auto_clear=False),  # waits for its plate; MK4-1 does not
    DemoPrinter("Voron-1", "moonraker", "Voron 2.4", (OAK,)),
    DemoPrinter("Ender-1", "octoprint", "Ender 3", (BROWN2,)),
    DemoPrinter("MK4-1", "prusalink", "MK4", (BROWN1,)),
)


@dataclass(frozen=True)
class DemoPart:
    sku: str
    name: str
    grams: tuple[tuple[str, float], ...]
    magnets: tuple[tuple[str, int], ...]
    minutes: int
    bambu_model_id: str | None = None  # multi-colour parts are sliced for one Bambu model


PARTS = (
    DemoPart("FOX-001", "Red Fox Creature", ((ORANGE, 15), (BROWN1, 8), (BROWN2, 5), (BEIGE, 3)),
             (("MAG-3X1", 4),), 200, "C12"),
    DemoPart("FOX-002", "Walnut in Shell", ((BROWN1, 4),), (("MAG-3X1", 1),), 25),
    DemoPart("FOX-003", "Tree Snow Base", ((WHITE, 12),), (), 70),
    DemoPart("FOX-004", "Snow Cap", ((WHITE, 2),), (), 8),
    DemoPart("FOX-005", "Tree", ((OAK, 18),), (), 105),
    DemoPart("FOX-006", "Hazelnut", ((BROWN1, 3), (BROWN2, 2)), (("MAG-3X1", 1),), 20, "BL-P001"),
    DemoPart("FOX-007", "Acorn Top", ((BROWN1, 2),), (("MAG-6X2", 1),), 12),
    DemoPart("FOX-008", "Acorn Bottom", ((BROWN2, 2),), (), 10),
)
SET_PARTS = {"FOX-001": 1, "FOX-002": 5, "FOX-003": 1, "FOX-004": 8, "FOX-005": 1, "FOX-006": 5, "FOX-007": 5,
             "FOX-008": 5}
PART_PRICE = Decimal("6.50")
SET_PRICE = Decimal("54.99")


async def launch_simulators(config: Config, speed: float, workdir: Path) -> list[SimulatedPrinter]:
    sims: list[SimulatedPrinter] = []
    for printer in FARM:
        loaded = [LoadedFilament(slot=str(i), material="PLA", colour=colour, remaining_pct=100.0)
                  for i, colour in enumerate(printer.colours)]
        try:
            module = registry.simulator_module(printer.family)
            sim = await module.launch_simulator(name=printer.name, model=printer.model, speed=speed,
                                                filaments=loaded, workdir=workdir / printer.name)
        except Exception as exc:
            log.warning("demo printer %s (%s) skipped: its simulator did not start: %s",
                        printer.name, printer.family, exc)
            continue
        sims.append(sim)
        config.printers.append(PrinterConfig(name=printer.name, driver=printer.family, model=printer.model,
                                             auto_clear=printer.auto_clear, connection=sim.connection))
    return sims


def _part_file(part: DemoPart, folder: Path) -> tuple[Path, str]:
    needs = [FilamentNeed(material="PLA", colour=colour, grams=grams) for colour, grams in part.grams]
    seconds = part.minutes * 60
    if part.bambu_model_id:
        path = folder / f"{part.sku}.gcode.3mf"
        path.write_bytes(synth.bambu_3mf(filaments=needs, print_time_s=seconds,
                                         printer_model_id=part.bambu_model_id))
    else:
        path = folder / f"{part.sku}.gcode"
        path.write_text(synth.prusa_gcode(filaments=needs, print_time_s=seconds, segments=120), encoding="utf-8")
    return path, path.name


DEMO_CHANNELS = (
    {"name": "Etsy UK", "platform": "etsy", "transaction_fee_percent": "6.5", "payment_fee_percent": "4",
     "payment_fee_fixed": "0.20", "listing_fee": "0.16", "vat_on_fees_percent": "20"},
    {"name": "Amazon UK", "platform": "amazon", "transaction_fee_percent": "15.3", "vat_on_fees_percent": "20",
     "monthly_subscriptions": "25", "expected_orders_per_month": 50},
    {"name": "Direct", "kind": "direct", "platform": "direct", "payment_fee_percent": "1.5",
     "payment_fee_fixed": "0.20"},
)


async def seed_costing(store: Store) -> None:
    """The Red Fox shop's costs (red-fox.md: £12/h labour, 10 % overhead) and its sales channels."""
    await channels.put_settings(store, ACTOR, CostSettings(
        material_cost_per_gram={"PLA": "0.03"}, labour_rate_per_hour="12", overhead_percent="10"))
    for terms in DEMO_CHANNELS:
        await channels.create_channel(store, ACTOR, channels.ChannelIn.model_validate(terms))


async def seed(daemon: Daemon) -> None:
    """Load the Red Fox catalog, stock, spools and a few orders into a fresh demo database."""
    store = daemon.store
    async with store.read() as db:
        if await catalog_sql.list_products(db):
            return
    await inventory.set_material_price(store, ACTOR, "PLA", inventory.MaterialPriceIn(cost_per_gram=Decimal("0.03")))
    await seed_costing(store)
    magnets = {}
    for sku, name, cost, stock, reorder in (("MAG-3X1", "Magnet 3mm x 1mm", "0.05", 200, 60),
                                            ("MAG-6X2", "Magnet 6mm x 2mm", "0.08", 40, 30)):
        created = await inventory.create_consumable(store, ACTOR, inventory.ConsumableIn(
            sku=sku, name=name, unit_cost=Decimal(cost), stock=stock, reorder_point=reorder, vendor="MagnetCo"))
        magnets[sku] = created["id"]
    for row in await printers.list_printers(store):
        spec = next((p for p in FARM if p.name == row["name"]), None)
        if spec is None:
            continue
        slots = [printers.FilamentSlotIn(slot=str(i), material="PLA", colour=colour, remaining_g=1000)
                 for i, colour in enumerate(spec.colours)]
        await printers.set_loaded(store, ACTOR, row["id"], printers.LoadedIn(filaments=slots))
        for colour in spec.colours:
            await inventory.create_spool(store, ACTOR, inventory.SpoolIn(
                material="PLA", colour=colour, brand=f"Demo {COLOUR_NAMES[colour]}", grams=Decimal(1000),
                cost=Decimal("20.00"), printer_id=row["id"]))
    model_ids = {}
    with tempfile.TemporaryDirectory() as folder:
        for part in PARTS:
            path, filename = _part_file(part, Path(folder))
            model = await catalog.add_model(store, ACTOR, upload=path, filename=filename, name=part.name,
                                            models_dir=daemon.config.data_dir / "models")
            model_ids[part.sku] = model["id"]
    products = {}
    for part in PARTS:
        product = await catalog.create_product(store, ACTOR, catalog.ProductIn(
            sku=part.sku, name=part.name, sale_price=PART_PRICE,
            components=[catalog.ComponentIn(model_id=model_ids[part.sku], quantity=1)],
            consumables=[catalog.ProductConsumableIn(consumable_id=magnets[sku], quantity=qty)
                         for sku, qty in part.magnets]))
        products[part.sku] = product["id"]
    fox_set = await catalog.create_set(store, ACTOR, catalog.SetIn(
        sku="FOX-SET-001", name="Red Fox Complete Set", sale_price=SET_PRICE, category="Woodland",
        description="Fox, walnuts, snowy tree, hazelnuts and acorns",
        items=[catalog.SetItemIn(product_id=products[sku], quantity=qty) for sku, qty in SET_PARTS.items()]))
    first = await orders.create_order(store, ACTOR, orders.OrderIn(
        platform=orders.Platform.ETSY, customer_name="Alice Moreau", reference="ETSY-3141592",
        lines=[orders.OrderLineIn(product_id=fox_set["id"], quantity=1)]))
    await orders.schedule_all(store, ACTOR, first["id"])
    second = await orders.create_order(store, ACTOR, orders.OrderIn(
        platform=orders.Platform.DIRECT, customer_name="Bram de Vries",
        lines=[orders.OrderLineIn(product_id=products["FOX-005"], quantity=2),
               orders.OrderLineIn(product_id=products["FOX-003"], quantity=2)]))
    await orders.schedule_all(store, ACTOR, second["id"])
    await orders.create_order(store, ACTOR, orders.OrderIn(
        platform=orders.Platform.AMAZON, customer_name="Chidi Okafor", reference="AMZ-205-7781",
        lines=[orders.OrderLineIn(product_id=products["FOX-002"], quantity=3)]))


async def demo_admin(daemon: Daemon) -> str:
    """The demo's admin, with a fresh password each run (printed next to the URL, never stored in clear)."""
    password = secrets.token_urlsafe(9)
    existing = next((u for u in await users.list_users(daemon.store) if u["name"] == DEMO_ADMIN), None)
    if existing is None:
        await users.create_user(daemon.store, ACTOR, users.UserIn(name=DEMO_ADMIN, role=Role.ADMIN, password=password))
    else:
        await users.update_user(daemon.store, ACTOR, existing["id"], users.UserUpdateIn(role=Role.ADMIN,
                                                                                        password=password))
    setup.discard(daemon.config.data_dir)
    return password


async def run_demo(config: Config, *, speed: float) -> None:
    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)  # one INFO line per simulated upload otherwise
    workdir = config.data_dir / "sim"
    workdir.mkdir(parents=True, exist_ok=True)
    sims = await launch_simulators(config, speed, workdir)
    daemon = Daemon(config, offer_setup=False)

    async def started(daemon: Daemon) -> None:
        await seed(daemon)
        password = await demo_admin(daemon)
        token = await create_token(daemon.store, ACTOR, role=Role.ADMIN, name="demo-admin")
        token_file = config.data_dir / "demo-admin-token"
        token_file.write_text(token + "\n", encoding="utf-8")
        token_file.chmod(0o600)
        host = "localhost" if config.http.host in ("0.0.0.0", "::") else config.http.host
        log.info("demo farm running with %d simulated printers at speed %gx", len(sims), speed)
        print(f"odind demo: http://{host}:{daemon.port}/  log in as {DEMO_ADMIN} / {password}"
              f"  (admin API token in {token_file})", flush=True)

    try:
        await serve(daemon, started)
    finally:
        for sim in sims:
            try:
                await sim.close()
            except Exception:
                log.exception("simulator did not close cleanly")
