"""The back office in a real browser (Debian's Chromium via Playwright), driven through the UI alone.

A fresh farm (no users, a setup code waiting) with one simulated PrusaLink printer that prints for
real, sped up. One walk, step by step in one test (each step needs what the ones before it made, and
a test is what pytest-xdist keeps together): first run, then the spine (consumable, model upload,
product with BOM, order, Schedule All, fulfilled as the printer finishes, ship, invoice PDF), a
purchase order received, a price for a 30 % margin, and more; then every view at phone size is
checked with axe-core and kept as a screenshot in test-artifacts/.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect, sync_playwright

from odind.domain.accounts import setup
from odind.domain.costs import channels
from odind.domain.sales import orders
from odind.domain.stock import inventory
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.invoice.helpers import pdf_text
from tests.web.live_farm import WHITE, LiveFarm
from tests.web.test_browser import ARGS, ARTIFACTS, CHROMIUM, PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
OWNER, OWNER_PASSWORD = "owner", "owner password 1"
HOSTILE = "<img src=x onerror=window.__pwned=1>Zoë"
VIEWS = ("", "orders", "orders/new", "orders/1", "products", "products/new", "products/new-set", "products/1", "models",
         "models/1", "stock", "printers", "printers/new", "more", "batches", "reports", "settings", "users",
         "customers", "customers/1", "suppliers", "quotes", "quotes/new", "quotes/1")

expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `scripts/setup.sh test` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveFarm]:
    live = LiveFarm(tmp_path_factory.mktemp("backoffice"), speed=120).start((("Shelf-A", WHITE, True),),
                                                                            with_users=False)
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def page(browser: Browser, farm: LiveFarm) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def store(farm: LiveFarm) -> Any:
    assert farm.daemon is not None
    return farm.daemon.store


def go(page: Page, view: str) -> None:
    page.goto(f"{page.url.split('#')[0]}#/{view}")


def submit(page: Page, form_name: str, fields: dict[str, str], button: str | None = None) -> None:
    form = page.get_by_role("form", name=form_name)
    for label, value in fields.items():
        control = form.get_by_label(label, exact=True)
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click() if button is None else form.get_by_role("button", name=button).click()


def step_first_run_creates_the_admin_with_the_setup_code(page: Page, farm: LiveFarm) -> None:
    page.goto(farm.url)
    expect(page.get_by_role("heading", name="Create the first admin")).to_be_visible()
    page.get_by_label("Setup code").fill("WRONG-CODE-0000")
    page.get_by_label("Your name").fill(OWNER)
    page.get_by_label("Password (8 or more characters)").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Create admin and log in").click()
    expect(page.locator("#setup-error")).to_contain_text("setup code is wrong")
    code = setup.code_path(farm.data_dir).read_text().strip()
    page.get_by_label("Setup code").fill(code)
    page.get_by_label("Password (8 or more characters)").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Create admin and log in").click()
    expect(page.locator("#who")).to_have_text(f"{OWNER} · admin")
    expect(page.get_by_role("navigation", name="Back office")).to_be_visible()
    assert not setup.code_path(farm.data_dir).exists()


def step_settings_branding_material_price_and_a_channel(page: Page, tmp_path: Path) -> None:
    go(page, "settings")
    expect(page.get_by_role("form", name="Logo")).to_be_visible()
    page.get_by_role("form", name="Logo").evaluate("form => form.dataset.before = 'save'")
    submit(page, "Letterhead", {"Business name": "Red Fox Prints", "Address (one line each)": "1 Den Lane\nFoxton"})
    # saving redraws the view: wait for the new forms, or the logo would be chosen on the old one
    expect(page.locator("form[aria-label=Logo]:not([data-before])")).to_be_visible()
    expect(page.get_by_role("form", name="Letterhead").get_by_label("Business name", exact=True)).to_have_value(
        "Red Fox Prints")
    logo = tmp_path / "fox.png"
    Image.new("RGB", (240, 80), (242, 107, 29)).save(logo)
    page.get_by_role("form", name="Logo").get_by_label(re.compile("Logo")).set_input_files(str(logo))
    page.get_by_role("form", name="Logo").get_by_role("button", name="Upload logo").click()
    expect(page.get_by_role("img", name="Red Fox Prints logo")).to_be_visible()
    submit(page, "Set a material price", {"Material": "PLA", "Cost per gram": "0.03"})
    expect(page.get_by_role("table", name="Material prices per gram")).to_contain_text("PLA")
    submit(page, "Add a sales channel", {"Name": "Etsy UK", "Orders from": "Etsy", "Transaction fee %": "6.5",
                                         "Payment fee %": "4", "Payment fee, fixed": "0.20"})
    expect(page.get_by_role("table", name="Sales channels")).to_contain_text("Etsy UK")


def step_consumable_then_model_upload(page: Page, farm: LiveFarm, tmp_path: Path) -> None:
    go(page, "stock")
    submit(page, "New consumable", {"SKU": "MAG-1", "Name": "Magnet 3x1", "Unit cost": "0.05",
                                    "Opening stock": "100", "Reorder point": "10"})
    expect(page.get_by_role("table", name="Consumables")).to_contain_text("Magnet 3x1")
    bad = page.get_by_role("form", name="New consumable")
    submit(page, "New consumable", {"SKU": "MAG-1", "Name": "Again", "Unit cost": "0.05"})
    expect(bad.get_by_label("SKU", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(bad.locator(".field-error").first).to_contain_text("already exists")

    path = tmp_path / "snow-cap.gcode"
    path.write_text(synth.prusa_gcode(filaments=[FilamentNeed(material="PLA", colour=WHITE, grams=4)],
                                      print_time_s=240, segments=20), encoding="utf-8")
    go(page, "models")
    page.get_by_label(re.compile("Upload sliced files")).set_input_files(str(path))
    expect(page.locator("#model-list")).to_contain_text("snow-cap")
    page.locator("#model-list a").first.click()
    expect(page.get_by_role("table", name="Filament per print")).to_contain_text("4")


def step_product_with_bom_and_its_price_for_a_30_percent_margin(page: Page, farm: LiveFarm) -> None:
    go(page, "products/new")
    form = page.get_by_role("form", name="New product")
    submit(page, "New product", {"SKU": "CAP-1", "Name": "Snow Cap", "Sale price": "9.50"}, button="Add a consumable")
    form.get_by_label("Model 1", exact=True).select_option(index=1)
    form.get_by_label("Consumable 1", exact=True).select_option(label="MAG-1 · Magnet 3x1")
    form.get_by_label("Per product", exact=True).nth(1).fill("2")
    form.get_by_role("button", name="Create product").click()
    expect(page.get_by_role("heading", name="Snow Cap (CAP-1)")).to_be_visible()
    expect(page.get_by_role("table", name="Consumables")).to_contain_text("MAG-1")
    expect(page.locator("#product-cogs")).to_have_text("£0.22")  # 4 g x £0.03 + 2 x £0.05

    submit(page, "Price for a target margin", {"Channel": "Etsy UK", "Target margin %": "30"})
    product_id = int(page.url.rsplit("/", 1)[1])
    channel = farm.run(channels.list_channels(store(farm)))[0]
    want = farm.run(channels.pricing(store(farm), product_id, str(channel["id"]), price=None,
                                     target_margin=Decimal(30)))
    expect(page.locator("#target-price")).to_have_text(f"£{want['for_target']['price']}")
    assert want["for_target"]["quote"]["margin_percent"].startswith("30")


def step_a_set_of_three(page: Page) -> None:
    go(page, "products/new-set")
    submit(page, "New set", {"SKU": "CAP-SET-3", "Name": "Three caps", "Sale price": "25",
                             "Item 1": "CAP-1 · Snow Cap", "How many": "3"})
    expect(page.get_by_role("heading", name="Three caps (CAP-SET-3)")).to_be_visible()
    expect(page.get_by_role("table", name="Set items")).to_contain_text("Snow Cap")
    expect(page.locator("#product-cogs")).to_have_text("£0.66")


def step_order_scheduled_fulfilled_by_the_printer_shipped_and_invoiced(page: Page, farm: LiveFarm) -> None:
    go(page, "orders/new")
    submit(page, "New order", {"Customer": HOSTILE, "Sales channel": "Etsy", "Product, line 1": "CAP-1 · Snow Cap",
                               "Quantity": "2"})
    expect(page.get_by_role("heading", name=re.compile("Order ORD-"))).to_be_visible()
    expect(page.locator("#o-head")).to_contain_text(HOSTILE)  # as text: the markup never runs
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Schedule All").dblclick()  # a double tap schedules once
    expect(page.locator("#order-status-chip")).to_have_text("in_progress")
    assert sum(url.endswith("/schedule") for url in posts) == 1
    order_id = int(page.url.rsplit("/", 1)[1])
    deadline = time.monotonic() + 60
    while farm.run(orders.get_order(store(farm), order_id))["status"] != "fulfilled":
        assert time.monotonic() < deadline, "the simulated printer did not finish the order's jobs"
        time.sleep(0.5)
    expect(page.locator("#order-status-chip")).to_have_text("fulfilled")  # live, without a reload
    ship = page.get_by_role("form", name="Ship")
    ship.get_by_label("Carrier").fill("Royal Mail")
    ship.get_by_label("Tracking number").fill("RM123456785GB")
    ship.get_by_role("button", name="Ship order").dblclick()
    expect(page.locator("#order-status-chip")).to_have_text("shipped")
    assert sum(url.endswith("/ship") for url in posts) == 1
    expect(page.get_by_role("button", name="Schedule All")).to_have_count(0)
    order = farm.run(orders.get_order(store(farm), order_id))
    assert order["tracking_number"] == "RM123456785GB" and len(order["jobs"]) >= 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Invoice (PDF)").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert order["totals"]["total"] == "19.00"
    assert "19.00" in text and "Snow Cap" in text and "Red Fox Prints" in text  # the letterhead set in Settings
    assert page.evaluate("window.__pwned") is None
    assert not page.errors  # type: ignore[attr-defined]


def step_finished_stock_counted_in(page: Page) -> None:
    go(page, "products")
    page.get_by_role("table", name="Products").get_by_role("link", name="Snow Cap").click()
    submit(page, "Count finished stock", {"Change (+ in, − out)": "3", "Why": "Counted"})
    expect(page.get_by_role("table", name="Finished stock per location")).to_contain_text("main3")
    go(page, "stock")
    submit(page, "Plan a transfer", {"To": "shop", "Product": "CAP-1 · Snow Cap", "How many": "2"})
    transfers = page.get_by_role("table", name="Transfers")
    transfers.get_by_role("button", name=re.compile("^Send ")).click()
    transfers.get_by_role("button", name=re.compile("^Receive ")).click()
    expect(transfers).to_contain_text("received")
    submit(page, "Expect a return", {"Customer": "Walk-in", "Product": "CAP-1 · Snow Cap", "How many": "1",
                                     "On arrival": "Back to stock", "Reason": "too big"})
    returns = page.get_by_role("table", name="Returns")
    expect(returns).to_contain_text("expected")
    returns.get_by_role("button", name=re.compile("^Receive RMA")).click()
    expect(returns).to_contain_text("received")


def step_csv_import_reports_unknown_skus_then_imports(page: Page, tmp_path: Path) -> None:
    go(page, "orders")
    bad = tmp_path / "bad.csv"
    bad.write_text("order_reference,platform,customer_name,sku,quantity,unit_price\n"
                   "WEB-1,direct,Ann,CAP-1,1,9.50\nWEB-2,direct,Bo,NOPE-9,2,3.00\n", encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-report")).to_contain_text("Unknown SKUs: NOPE-9")
    expect(page.locator("#import-report")).to_contain_text("Row 3, sku")
    good = tmp_path / "good.csv"
    good.write_text("order_reference,platform,customer_name,sku,quantity,unit_price\nWEB-1,direct,Ann,CAP-1,1,9.50\n",
                    encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-report")).to_contain_text("Imported 1 order(s)")
    expect(page.get_by_role("table", name="Orders")).to_contain_text("WEB-1")


def step_a_customer_added_ordered_for_and_their_history_shown(page: Page) -> None:
    go(page, "more")
    page.get_by_role("link", name="Customers").click()
    expect(page.get_by_role("table", name="Customers")).to_contain_text("Ann")  # the import made her a record
    submit(page, "New customer", {"Name": "Grace Hopper", "E-mail": "grace@example.com",
                                  "Shipping address (one line each)": "1 Navy Yard\nArlington"})
    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()
    customer_id = int(page.url.rsplit("/", 1)[1])
    go(page, "orders/new")
    submit(page, "New order", {"Customer record": "Grace Hopper · grace@example.com", "Sales channel": "Direct",
                               "Product, line 1": "CAP-1 · Snow Cap", "Quantity": "1"})
    expect(page.locator("#o-head")).to_contain_text("Grace Hopper")
    page.get_by_role("link", name="Grace Hopper").click()
    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()
    assert page.url.endswith(f"#/customers/{customer_id}")
    expect(page.get_by_role("table", name="Recent orders")).to_contain_text("ORD-")


def step_a_quote_requested_and_offered_at_a_margin(page: Page) -> None:
    go(page, "more")
    page.get_by_role("link", name="Quotes").click()
    page.get_by_role("link", name="New quote request").click()
    submit(page, "New quote request", {"Customer record": "Grace Hopper · grace@example.com",
                                       "What they asked for": "Two snow caps, gift wrapped"})
    expect(page.get_by_role("heading", name=re.compile("Quote Q-"))).to_be_visible()
    offer = page.get_by_role("form", name="Make a firm offer")
    expect(offer.get_by_role("status")).to_contain_text("2 × Snow Cap")  # read from the request
    expect(offer.get_by_label("Product, line 1")).to_have_value(re.compile(r"\d+"))
    expect(offer.get_by_label("Quantity")).to_have_value("2")
    submit(page, "Make a firm offer", {"Target margin %": "50"})
    expect(page.locator("#q-head")).to_contain_text("Grace Hopper")
    expect(page.get_by_role("table", name="Quote lines")).to_contain_text("Snow Cap")
    expect(page.get_by_text("offered", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Quote (PDF)")).to_be_visible()
    expect(page.get_by_role("button", name="Accepted (on the customer's word)")).to_be_visible()


def step_a_draft_edited_confirmed_and_its_line_cancelled(page: Page, farm: LiveFarm) -> None:
    go(page, "orders/new")
    form = page.get_by_role("form", name="New order")
    form.get_by_label("Draft: a quote, nothing allocated or printed until confirmed").check()
    submit(page, "New order", {"Customer": "Quote Co", "Product, line 1": "CAP-1 · Snow Cap", "Quantity": "1"})
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    page.get_by_role("button", name="Edit order").click()
    edit = page.get_by_role("form", name="Edit order")
    edit.get_by_label("Quantity").fill("4")
    edit.get_by_label("Ship by").fill("2031-05-06")
    edit.get_by_role("button", name="Save changes").click()
    lines = page.get_by_role("table", name="Order lines")
    expect(lines.locator("td.num").first).to_have_text("4")
    order_id = int(page.url.rsplit("/", 1)[1])
    assert farm.run(orders.get_order(store(farm), order_id))["ship_by"] == "2031-05-06"
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel line Snow Cap").click()
    expect(lines.locator("td.num").first).to_have_text("0")


def step_a_stale_page_gets_the_409_in_words_and_refreshes(page: Page, farm: LiveFarm) -> None:
    go(page, "orders")
    page.get_by_role("table", name="Orders").get_by_role("link", name="WEB-1").click()
    schedule = page.get_by_role("button", name="Schedule All")
    expect(schedule).to_be_visible()
    order_id = int(page.url.rsplit("/", 1)[1])
    farm.run(orders.cancel(store(farm), "elsewhere", order_id))
    schedule.click()
    expect(page.locator("#toast")).to_contain_text("showing it as it is now")
    expect(page.locator("#order-status-chip")).to_have_text("cancelled")
    expect(page.get_by_role("button", name="Schedule All")).to_have_count(0)


def step_purchase_order_raised_and_received_into_stock(page: Page, farm: LiveFarm) -> None:
    magnet = next(c for c in farm.run(inventory.list_consumables(store(farm))) if c["sku"] == "MAG-1")
    go(page, "stock")
    submit(page, "Raise a purchase order", {"Supplier": "MagnetCo", "Consumable": "MAG-1 · Magnet 3x1",
                                            "Quantity": "50", "Unit cost": "0.04"})
    receive = page.get_by_role("button", name=re.compile("Receive all PO"))
    expect(receive).to_be_visible()
    receive.click()
    expect(page.get_by_role("table", name="Purchase orders")).to_contain_text("received")
    after = farm.run(inventory.get_consumable(store(farm), magnet["id"]))
    assert after["stock"] == magnet["stock"] + 50
    submit(page, "Usage log", {"Consumable": "MAG-1 · Magnet 3x1"})
    expect(page.get_by_role("table", name="Usage")).to_contain_text("order")


def step_test_connection_finds_the_simulated_printer(page: Page, farm: LiveFarm) -> None:
    go(page, "printers/new")
    form = page.get_by_role("form", name="Add printer")
    form.get_by_label("Kind of printer").select_option(label="PrusaLink")
    labels = {"url": "URL", "api_key": "API key", "username": "User (digest)", "password": "Password (digest)"}
    for key, value in farm.sims[0].connection.items():
        if key in labels and value:
            form.get_by_label(labels[key], exact=True).fill(str(value))
    form.get_by_role("button", name="Test connection").click()
    expect(page.locator("#probe-result")).to_contain_text(re.compile(r"Found it: \w+, firmware PrusaLink"))


def step_a_viewer_sees_no_mutating_controls(page: Page, browser: Browser, farm: LiveFarm) -> None:
    go(page, "users")
    submit(page, "Add a user", {"Name": "val", "Role": "Viewer (reads)",
                                "Password (8 or more characters)": "viewer pass 1"})
    expect(page.get_by_role("table", name="Users")).to_contain_text("val")
    viewer = browser.new_context().new_page()
    viewer.goto(farm.url)
    viewer.fill("#login input[name=name]", "val")
    viewer.fill("#login input[name=password]", "viewer pass 1")
    viewer.click("#login button[type=submit]")
    expect(viewer.locator("#who")).to_have_text("val · viewer")
    viewer.goto(f"{farm.url}/#/orders")
    expect(viewer.get_by_role("table", name="Orders")).to_be_visible()
    expect(viewer.get_by_role("link", name="New order")).to_have_count(0)
    viewer.get_by_role("table", name="Orders").get_by_role("link").first.click()
    expect(viewer.locator("#order-pnl")).to_be_visible()
    expect(viewer.get_by_role("heading", name="Actions")).to_have_count(0)
    expect(viewer.get_by_role("form")).to_have_count(0)
    viewer.context.close()


def step_every_view_at_phone_size_passes_axe_and_is_kept_as_a_screenshot(browser: Browser, farm: LiveFarm) -> None:
    assert AXE.exists(), "axe-core is missing: run `scripts/setup.sh test` (npm install into node_modules)"
    context = browser.new_context(viewport=PHONE, bypass_csp=True)  # bypass: lets the test inject axe
    phone = context.new_page()
    phone.goto(farm.url)
    phone.fill("#login input[name=name]", OWNER)
    phone.fill("#login input[name=password]", OWNER_PASSWORD)
    phone.click("#login button[type=submit]")
    expect(phone.locator("#who")).to_have_text(f"{OWNER} · admin")
    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    for view in VIEWS:
        phone.goto(f"{farm.url}/#/{view}")
        expect(phone.locator("main:not([hidden]) .muted", has_text="Loading…")).to_have_count(0)
        phone.wait_for_load_state("networkidle")
        if view == "reports":  # the spine printed on Shelf-A: its production figures are charted
            expect(phone.get_by_role("meter", name="Output of Shelf-A")).to_be_visible()
        if not phone.evaluate("typeof axe !== 'undefined'"):
            phone.add_script_tag(path=str(AXE))
        found = phone.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)""")
        if found:
            problems[view or "status"] = found
        name = (view or "status").replace("/", "-")
        phone.screenshot(path=str(ARTIFACTS / f"view-{name}-360.png"), full_page=True)
    context.close()
    assert not problems, "\n".join(f"{view}: {found}" for view, found in problems.items())


def test_the_back_office_walk(page: Page, browser: Browser, farm: LiveFarm, tmp_path: Path) -> None:
    step_first_run_creates_the_admin_with_the_setup_code(page, farm)
    step_settings_branding_material_price_and_a_channel(page, tmp_path)
    step_consumable_then_model_upload(page, farm, tmp_path)
    step_product_with_bom_and_its_price_for_a_30_percent_margin(page, farm)
    step_a_set_of_three(page)
    step_order_scheduled_fulfilled_by_the_printer_shipped_and_invoiced(page, farm)
    step_finished_stock_counted_in(page)
    step_csv_import_reports_unknown_skus_then_imports(page, tmp_path)
    step_a_customer_added_ordered_for_and_their_history_shown(page)
    step_a_quote_requested_and_offered_at_a_margin(page)
    step_a_draft_edited_confirmed_and_its_line_cancelled(page, farm)
    step_a_stale_page_gets_the_409_in_words_and_refreshes(page, farm)
    step_purchase_order_raised_and_received_into_stock(page, farm)
    step_test_connection_finds_the_simulated_printer(page, farm)
    step_a_viewer_sees_no_mutating_controls(page, browser, farm)
    step_every_view_at_phone_size_passes_axe_and_is_kept_as_a_screenshot(browser, farm)
