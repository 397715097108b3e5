"""Lines read from what customers write: proposed for review, never applied by themselves."""

from __future__ import annotations

from odind.notes.extract import CatalogEntry, propose
from tests.orders.conftest import Shop

CATALOG = [CatalogEntry(1, "FOX-01", "Fox Figurine", ("renard",)), CatalogEntry(2, "WAL-01", "Walnut in Shell"),
           CatalogEntry(3, "PHN-ST", "Phone Stand"), CatalogEntry(4, "HDP-ST", "Headphone Stand")]


def _lines(note: str) -> list[tuple[str, int]]:
    return [(p.sku, p.quantity) for p in propose(note, CATALOG)]


def test_quantities_typos_plurals_and_languages():
    assert _lines("2x red fox, 1 walnut in shell, gift wrap") == [("FOX-01", 2), ("WAL-01", 1)]
    assert _lines("a pair of walnuts in shells") == [("WAL-01", 2)]
    assert _lines("half a dozen fox figurnes") == [("FOX-01", 6)]
    assert _lines("deux renards") == [("FOX-01", 2)]
    assert _lines("phone stand x 3 and one headphone stand") == [("PHN-ST", 3), ("HDP-ST", 1)]
    assert _lines("WAL-01 x4") == [("WAL-01", 4)]
    red, white = propose("one red fox and one white fox", CATALOG)
    assert (red.variants, white.variants) == (("red",), ("white",))


def test_notes_that_name_nothing_or_something_ambiguous_propose_nothing():
    for note in ("Happy birthday Sarah! Love, mum", "please gift wrap", "", "stand", "Thanks!!"):
        assert _lines(note) == [], note


async def test_a_quote_request_is_read_into_a_proposal_that_changes_nothing(shop: Shop):
    await shop.call("PUT", f"/api/products/{shop.widget['id']}/aliases", json={"aliases": ["gizmo", "gizmo"]})
    product = await shop.call("GET", f"/api/products/{shop.widget['id']}")
    assert product["aliases"] == ["gizmo"]
    quote = await shop.call("POST", "/api/quotes", 201, json={"customer_name": "Ada",
                                                              "request": "3 gizmos please, gift wrapped"})
    proposal = await shop.call("GET", f"/api/quotes/{quote['id']}/proposal")
    assert [(line["sku"], line["quantity"]) for line in proposal["lines"]] == [("WID-1", 3)]
    assert proposal["lines"][0]["from"] == "3 gizmos please"
    assert (await shop.call("GET", f"/api/quotes/{quote['id']}"))["lines"] == []  # a draft, nothing applied
    order = await shop.order([(shop.magnet_box["id"], 1)], notes="also 2 gizmos for the kids")
    proposal = await shop.call("GET", f"/api/orders/{order['id']}/proposal")
    assert [(line["sku"], line["quantity"]) for line in proposal["lines"]] == [("WID-1", 2)]
    for bad in (["two\nlines"], ["x"], ["ok"] * 31):
        status, _ = await shop.api.call("PUT", f"/api/products/{shop.widget['id']}/aliases", json={"aliases": bad})
        assert status == 422, bad
