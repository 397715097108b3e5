"""The status page in a real browser (Debian's Chromium via Playwright) against a real daemon.

Simulated PrusaLink printers print for real (sped up): Shelf-A takes white jobs and waits for its
plate to be cleared; Shelf-B takes long orange jobs. Tests run in file order and share the farm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from odind.domain import printers
from odind.domain.paging import PageIn
from odind.domain.production import jobs
from odind.domain.sales import orders
from odind.store import events as events_sql
from tests.web.live_farm import ORANGE, PASSWORD, WHITE, LiveFarm

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 780}
HOSTILE = "Fox <img src=x onerror=window.__pwned=1>"
HOSTILE_CUSTOMER = "<script>window.__pwned=2</script>"

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
    live = LiveFarm(tmp_path_factory.mktemp("live-farm"), speed=40).start(
        (("Shelf-A", WHITE, False), ("Shelf-B", ORANGE, True)))
    try:
        live.run(live.add_order(model_name="Snow Cap", colour=WHITE, print_s=360, units=6))
        live.run(live.add_order(model_name=HOSTILE, colour=ORANGE, print_s=7200, units=3,
                                customer=HOSTILE_CUSTOMER))
        yield live
    finally:
        live.stop()


def open_page(browser: Browser, url: str, role: str, viewport: dict[str, int] | None = None) -> Page:
    page = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.fill("input[name=name]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login button[type=submit]")
    expect(page.locator("#who")).to_have_text(f"{role} · {role}")
    expect(page.locator("#conn")).to_have_text("live")
    page.errors = errors  # type: ignore[attr-defined]
    return page


def card(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("article.card").filter(has=page.locator("h3", has_text=name))


def printer_id(farm: LiveFarm, name: str) -> int:
    rows = farm.run(printers.list_printers(farm.daemon.store))  # type: ignore[union-attr]
    return next(r["id"] for r in rows if r["name"] == name)


def job_on(farm: LiveFarm, name: str) -> dict:
    found = farm.run(jobs.list_jobs(farm.daemon.store, PageIn(limit=500)))["items"]  # type: ignore[union-attr]
    pid = printer_id(farm, name)
    return next(j for j in found if j["printer_id"] == pid and j["status"] in ("dispatched", "printing", "paused"))


def test_wrong_password_shows_a_generic_error(browser: Browser, farm: LiveFarm) -> None:
    page = browser.new_context().new_page()
    page.goto(farm.url)
    page.fill("input[name=name]", "operator")
    page.fill("input[name=password]", "not the password")
    page.click("form#login button[type=submit]")
    expect(page.locator("#login-error")).to_have_text("name or password is wrong")
    expect(page.locator("#app")).to_be_hidden()
    page.context.close()


@pytest.mark.parametrize("role", ["viewer", "operator", "admin"])
def test_each_role_logs_in_and_sees_the_farm(browser: Browser, farm: LiveFarm, role: str) -> None:
    page = open_page(browser, farm.url, role)
    expect(page.locator("article.card")).to_have_count(2)
    expect(card(page, "Shelf-B").locator("button", has_text="Pause")).to_be_visible()
    locked = page.locator("button.locked")
    if role == "viewer":
        expect(locked.first).to_be_visible()
    else:
        expect(locked).to_have_count(0)
    assert page.errors == []  # type: ignore[attr-defined]
    page.locator("#logout").click()
    expect(page.locator("form#login")).to_be_visible()
    page.context.close()


def test_cards_follow_the_printers_live(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "viewer")
    bar = card(page, "Shelf-B").locator(".progress")
    expect(bar).to_have_attribute("aria-valuenow", re.compile(r"\d+"))
    first = int(bar.get_attribute("aria-valuenow") or 0)
    expect(bar).not_to_have_attribute("aria-valuenow", str(first))  # moved with no reload: pushed by SSE
    shelf_a = card(page, "Shelf-A")
    expect(shelf_a.locator(".plate")).to_be_visible(timeout=40_000)  # the white job finished on the plate
    expect(shelf_a.locator(".temps")).to_contain_text("Nozzle")
    expect(shelf_a.locator(".swatch")).to_have_count(1)
    page.context.close()


def test_plate_cleared_starts_the_next_job(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "operator", PHONE)
    shelf_a = card(page, "Shelf-A")
    expect(shelf_a.locator(".plate")).to_be_visible(timeout=40_000)
    expect(shelf_a).to_have_attribute("data-job-id", "")  # nothing may start on an occupied plate
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "status-phone.png"), full_page=True)
    listed = farm.run(jobs.list_jobs(farm.daemon.store, PageIn(limit=500)))["items"]
    done_before = {j["id"] for j in listed if j["status"] == "completed"}
    shelf_a.locator("button", has_text="Plate cleared").click()
    expect(page.locator("#toast")).to_contain_text("Shelf-A: plate cleared")
    expect(shelf_a).to_have_attribute("data-job-id", re.compile(r"\d+"))
    started = int(shelf_a.get_attribute("data-job-id") or 0)
    assert started not in done_before
    assert job_on(farm, "Shelf-A")["id"] == started
    expect(shelf_a).to_have_attribute("data-state", re.compile("printing|preparing"))
    expect(shelf_a.locator(".plate")).to_be_hidden()
    expect(shelf_a.locator(".plate")).to_be_visible(timeout=40_000)  # printed, finished: all pushed live
    expect(shelf_a).to_have_attribute("data-job-id", "")
    page.context.close()


def test_no_job_is_ever_sent_onto_an_occupied_plate(farm: LiveFarm) -> None:
    assert dispatches_onto_occupied_plates(farm) == []


def dispatches_onto_occupied_plates(farm: LiveFarm) -> list[int]:
    """Job ids the event log shows sent to a printer between `plate_occupied` and `plate_cleared`."""
    log = sorted(farm.run(events_sql_recent(farm)), key=lambda e: e["id"])
    occupied: set[int] = set()
    wrong = []
    for event in log:
        if event["entity"] == "printer" and event["action"] == "plate_occupied":
            occupied.add(event["entity_id"])
        elif event["entity"] == "printer" and event["action"] == "plate_cleared":
            occupied.discard(event["entity_id"])
        elif event["entity"] == "job" and event["action"] == "dispatch" and event["data"]["printer_id"] in occupied:
            wrong.append(event["entity_id"])
    return wrong


async def events_sql_recent(farm: LiveFarm) -> list[dict]:
    async with farm.daemon.store.read() as db:  # type: ignore[union-attr]
        return await events_sql.recent(db, 1000)


def test_a_viewer_is_refused_in_words_and_nothing_changes(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "viewer")
    before = job_on(farm, "Shelf-B")
    card(page, "Shelf-B").locator("button", has_text="Pause").click()
    toast = page.locator("#toast.bad")
    expect(toast).to_contain_text("needs the operator role")
    after = job_on(farm, "Shelf-B")
    assert (after["id"], after["status"]) == (before["id"], "printing")
    expect(card(page, "Shelf-B")).to_have_attribute("data-state", "printing")
    page.context.close()


def test_markup_in_names_is_shown_as_text(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "admin")
    expect(card(page, "Shelf-B").locator(".job")).to_contain_text(HOSTILE)
    expect(page.locator("#queue")).to_contain_text(HOSTILE)
    assert page.locator("main img:not(#profit), main script").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.context.close()


def test_cancel_asks_first_then_stops_the_job(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "operator")
    job = job_on(farm, "Shelf-B")
    shelf_b = card(page, "Shelf-B")
    shelf_b.locator("button", has_text="Cancel job").click()
    dialog = page.locator("dialog#confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"job {job['id']}")
    dialog.locator("button", has_text="Keep it").click()
    expect(dialog).to_be_hidden()
    assert job_on(farm, "Shelf-B")["id"] == job["id"]
    shelf_b.locator("button", has_text="Cancel job").click()
    dialog.locator("#confirm-yes").click()
    expect(page.locator("#toast")).to_contain_text(f"Job {job['id']} cancelled")
    assert farm.run(jobs.get_job(farm.daemon.store, job["id"]))["status"] == "cancelled"
    page.context.close()


def test_queue_explains_waits_and_an_order_is_shipped_from_the_phone(browser: Browser, farm: LiveFarm) -> None:
    order = farm.run(farm.add_order(model_name="Night Owl", colour="#000000", print_s=600, units=1,
                                    customer="Grace"))
    page = open_page(browser, farm.url, "operator", PHONE)
    waiting = page.locator("#queue li").filter(has_text="Night Owl")
    # the scheduler's own words for why it waits (no printer has black loaded; which check speaks first varies)
    expect(waiting.locator(".reason")).to_have_text(re.compile(r"^(waiting for|plate not cleared)"))
    farm.run(farm.finish_order(order["id"]))
    item = page.locator(f"#ship li[data-order-id='{order['id']}']")
    expect(item).to_contain_text("Grace")
    item.locator("button", has_text="Mark shipped").click()
    item.locator("input[name=carrier]").fill("Royal Mail")
    item.locator("input[name=tracking_number]").fill("RM 1234 5678 GB")
    item.locator("button[type=submit]").click()
    expect(page.locator("#toast")).to_contain_text(f"{order['reference']} marked shipped")
    expect(item).to_have_count(0)
    shipped = farm.run(orders.get_order(farm.daemon.store, order["id"]))  # type: ignore[union-attr]
    assert (shipped["status"], shipped["carrier"], shipped["tracking_number"]) == (
        "shipped", "Royal Mail", "RM 1234 5678 GB")
    page.context.close()


def test_the_page_shows_offline_when_the_daemon_stops(browser: Browser, tmp_path: Path) -> None:
    lone = LiveFarm(tmp_path).start()
    try:
        page = open_page(browser, lone.url, "admin")
        expect(page.locator("#offline")).to_be_hidden()
        assert lone.daemon is not None and lone.daemon.bus.subscriber_count >= 2  # the farm's and the page's
    finally:
        lone.stop()
    expect(page.locator("#offline")).to_be_visible()
    expect(page.locator("#conn")).to_have_text("offline")
    page.context.close()


def test_profit_chart_is_drawn_for_signed_in_users(browser: Browser, farm: LiveFarm) -> None:
    page = open_page(browser, farm.url, "admin")
    chart = page.locator("#profit")
    expect(chart).to_be_visible()
    page.wait_for_function("document.getElementById('profit').complete"
                           " && document.getElementById('profit').naturalWidth > 0")
    page.context.close()
