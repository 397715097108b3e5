"""Quotes: a customer asks, the shop offers a firm price, the customer accepts through a link, an order follows.

The flow (QUOTE in transitions.py): requested (waiting for review) → offered (a firm offer, priced by
the costing engine at a target margin, valid until a date) → accepted or rejected by the customer, or
expired by the clock → placed as a sales order at the quoted prices. Each offered line keeps the unit
cost it was priced from: the shop sees the breakdown, the customer only prices.

The customer needs no account: the offer carries a link signed with the shop's key, naming the quote
and the offer it belongs to. It opens that quote only, works until the offer's validity date, and
works once: a decision (or a revised offer) retires it. A forged, expired or spent link is a 403 and
changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from odind.config import Config
from odind.costing.pricing import SalesChannel, price_for_margin
from odind.domain.costs import channels, loader
from odind.domain.paging import PageIn, page
from odind.domain.sales import orders
from odind.domain.shop import document_branding
from odind.domain.transitions import QUOTE
from odind.domain.types import Id, Input, Name, Note, Quantity
from odind.errors import Conflict, Forbidden, IllegalTransition, Invalid, NotFound
from odind.invoice import InvoiceDocument, InvoiceLine, render_invoice
from odind.money import Money, percent_text, shown
from odind.store import contacts as contacts_sql
from odind.store import costs as costs_sql
from odind.store import settings as settings_sql
from odind.store.db import Db, Store, Tx
from odind.store.sales import quotes as sql

LINK_KEY_SETTING = "quotes.link_key"
PUBLIC_REQUESTS_SETTING = "quotes.public_requests"
PUBLIC_UPLOAD_MB = 64  # a customer's file on the open form; bigger projects come by e-mail
DEFAULT_MARGIN = Decimal(40)


class QuoteLineIn(Input):
    product_id: Id
    quantity: Quantity


class QuoteRequestIn(Input):
    customer_id: Id | None = None
    customer_name: Name | None = None
    customer_email: Name | None = None
    request: Note = ""  # what the customer asked for, in their words
    lines: list[QuoteLineIn] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _someone_asked(self) -> QuoteRequestIn:
        if self.customer_id is None and not self.customer_name:
            raise ValueError("customer_name: name the customer, or give a customer_id")
        return self


class OfferLineIn(QuoteLineIn):
    unit_price: Money | None = None  # None: priced by the costing engine at the quote's target margin


class OfferIn(Input):
    lines: list[OfferLineIn] = Field(min_length=1, max_length=100)
    target_margin: Decimal = Field(DEFAULT_MARGIN, ge=0, lt=100, description="percent, for lines without a price")
    valid_days: int = Field(14, ge=1, le=365)
    notes: Note = ""  # shown to the customer with the offer


class QuoteSettingsIn(Input):
    public_requests: bool = Field(description="offer a request form at /request that anyone on the network can "
                                              "use (rate-limited, files parsed like uploaded models)")


class PublicRequestIn(Input):
    """The open form: who asks, how to answer them, what they want."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\r\n]*$")]
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254,
                                            pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    request: Note = ""


async def quote_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        return {"public_requests": await public_requests_on(db)}


async def public_requests_on(db: Db) -> bool:
    return await settings_sql.get(db, PUBLIC_REQUESTS_SETTING) == "on"


async def set_quote_settings(store: Store, actor: str, data: QuoteSettingsIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, PUBLIC_REQUESTS_SETTING, "on" if data.public_requests else "off")
        await tx.record("settings", None, "quotes_changed", public_requests=data.public_requests)
    return {"public_requests": data.public_requests}


async def public_request(store: Store, data: PublicRequestIn, model_id: int | None) -> dict[str, Any]:
    """A request from the open form: filed under the customer with that e-mail (or a new one)."""
    async with store.transaction("public") as tx:
        if not await public_requests_on(tx):
            raise NotFound("this shop takes quote requests another way", field="request")
        found = await contacts_sql.by_email(tx, "customer", data.email)  # never by name: anyone can type one
        customer_id = found["id"] if found is not None else None
        quote_id = await sql.insert(tx, customer_id=customer_id, customer_name=data.name, customer_email=data.email,
                                    request=data.request, model_id=model_id)
        await tx.record("quote", quote_id, "requested", lines=0, source="public form", model_id=model_id)
        return await _view(tx, await _require(tx, quote_id), for_shop=False)


async def _require(db: Db, quote_id: int) -> dict[str, Any]:
    row = await sql.get(db, quote_id)
    if row is None:
        raise NotFound(f"quote {quote_id} does not exist", field="quote_id")
    return row


async def _move(tx: Tx, quote: dict[str, Any], action: str, **fields: Any) -> dict[str, Any]:
    target = QUOTE.next(quote["status"], action)
    if not await sql.set_status(tx, quote["id"], target, expected=quote["status"], **fields):
        raise IllegalTransition(f"quote {quote['reference']} changed while this request ran", field="status")
    await tx.record("quote", quote["id"], action, **{"from": quote["status"], "to": target})
    return await _require(tx, quote["id"])


async def _view(db: Db, quote: dict[str, Any], *, for_shop: bool = True) -> dict[str, Any]:
    lines = await sql.lines(db, quote["id"])
    total = sum((Decimal(line["unit_price"]) * line["quantity"] for line in lines if line["unit_price"]), Decimal(0))
    cost = sum((Decimal(line["unit_cost"]) * line["quantity"] for line in lines if line["unit_cost"]), Decimal(0))
    view: dict[str, Any] = {
        "id": quote["id"], "reference": quote["reference"], "status": quote["status"],
        "customer_name": quote["customer_name"], "request": quote["request"], "notes": quote["notes"],
        "valid_until": quote["valid_until"], "total": str(shown(total)),
        "lines": [{"product_id": line["product_id"], "sku": line["sku"], "name": line["product_name"],
                   "quantity": line["quantity"], "unit_price": line["unit_price"]} for line in lines]}
    if not for_shop:
        return view
    for shown_line, line in zip(view["lines"], lines, strict=True):
        shown_line["unit_cost"] = line["unit_cost"]
    return {**view, "customer_id": quote["customer_id"], "customer_email": quote["customer_email"],
            "model_id": quote["model_id"],
            "order_id": quote["order_id"], "target_margin": quote["target_margin"], "cost": str(shown(cost)),
            "margin_percent": percent_text(total - cost, total) if total else None,
            "allowed_actions": QUOTE.allowed(quote["status"]), "created_at": quote["created_at"],
            "updated_at": quote["updated_at"]}


async def request(store: Store, actor: str, data: QuoteRequestIn) -> dict[str, Any]:
    """A customer's request, waiting for the shop's review."""
    async with store.transaction(actor) as tx:
        name, email = data.customer_name, data.customer_email
        if data.customer_id is not None:
            customer = await contacts_sql.live(tx, "customer", data.customer_id)
            if customer is None:
                raise NotFound(f"customer {data.customer_id} does not exist", field="customer_id")
            name, email = name or customer["name"], email or customer["email"]
        assert name is not None  # the model requires a name or a customer, who always has one
        quote_id = await sql.insert(tx, customer_id=data.customer_id, customer_name=name, customer_email=email,
                                    request=data.request)
        await _check_products(tx, data.lines)
        await sql.replace_lines(tx, quote_id, [(line.product_id, line.quantity, None, None) for line in data.lines])
        await tx.record("quote", quote_id, "requested", lines=len(data.lines))
        return await _view(tx, await _require(tx, quote_id))


async def _check_products(db: Db, lines: list[QuoteLineIn] | list[OfferLineIn]) -> None:
    costing = None
    for index, line in enumerate(lines):
        costing = costing or await loader.load(db)
        if line.product_id not in costing.rows:
            raise NotFound(f"product {line.product_id} does not exist", field=f"lines[{index}].product_id")


async def _direct_channel(db: Db) -> SalesChannel:
    """What the shop pays to sell directly (card fees and the like); none if it set up no direct channel."""
    row = await costs_sql.channel_for_platform(db, "direct")
    return channels.channel_of(row) if row is not None else SalesChannel(name="direct")


async def offer(store: Store, actor: str, quote_id: int, data: OfferIn) -> dict[str, Any]:
    """A firm offer: each line at its given price or at the target margin over its cost (per unit of the
    quoted quantity, so a bigger run is cheaper per piece), valid for `valid_days`, with a new link."""
    async with store.transaction(actor) as tx:
        quote = await _require(tx, quote_id)
        QUOTE.next(quote["status"], "offer")
        await _check_products(tx, data.lines)
        costing = await loader.load(tx)
        channel = await _direct_channel(tx)
        rows = []
        for line in data.lines:
            unit_cost = loader.batch_of(costing, line.product_id, line.quantity).per_unit
            price = line.unit_price if line.unit_price is not None else price_for_margin(
                channel, unit_cost, data.target_margin).price
            rows.append((line.product_id, line.quantity, str(price), str(unit_cost)))
        await sql.replace_lines(tx, quote_id, rows)
        quote = await _move(tx, quote, "offer", notes=data.notes, target_margin=str(data.target_margin),
                            valid_until=(date.today() + timedelta(days=data.valid_days)).isoformat(),
                            link_nonce=secrets.token_urlsafe(12))
        return await _view(tx, quote)


async def _link_key(tx: Tx) -> bytes:
    key = await settings_sql.get(tx, LINK_KEY_SETTING)
    if key is None:
        key = secrets.token_hex(32)
        await settings_sql.put(tx, LINK_KEY_SETTING, key)
    return bytes.fromhex(key)


def _signature(key: bytes, quote: dict[str, Any]) -> str:
    message = f"{quote['id']}.{quote['link_nonce']}.{quote['valid_until']}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


async def link_token(tx: Tx, quote: dict[str, Any]) -> str:
    """The customer's token for the current offer: the quote id, the offer's nonce and their signature."""
    return f"{quote['id']}.{quote['link_nonce']}.{_signature(await _link_key(tx), quote)}"


async def _by_token(tx: Tx, token: str) -> dict[str, Any]:
    refused = Forbidden("this link is not valid: it may have expired, been used, or been replaced by a newer "
                        "offer; ask the shop for a new one", field="token")
    quote_id, _, rest = token.partition(".")
    nonce, _, signature = rest.partition(".")
    if not quote_id.isascii() or not quote_id.isdigit() or len(quote_id) > 15 or not nonce or not signature:
        raise refused
    quote = await sql.get(tx, int(quote_id))
    if quote is None or quote["link_nonce"] is None or not hmac.compare_digest(quote["link_nonce"], nonce):
        raise refused
    if not hmac.compare_digest(_signature(await _link_key(tx), quote), signature):
        raise refused
    if quote["valid_until"] is None or date.fromisoformat(quote["valid_until"]) < date.today():
        raise refused
    return quote


async def public_view_in(db: Db, quote: dict[str, Any]) -> dict[str, Any]:
    """The quote as its customer sees it: prices, never the shop's costs."""
    return await _view(db, quote, for_shop=False)


async def public_view(store: Store, token: str) -> dict[str, Any]:
    """What the link shows: this quote's offer, without the shop's costs, and nothing else."""
    async with store.transaction("customer") as tx:  # the first link of a shop creates its key
        return await _view(tx, await _by_token(tx, token), for_shop=False)


async def decide(store: Store, token: str, accept: bool) -> dict[str, Any]:
    """The customer's answer through the link; the link is spent by it."""
    async with store.transaction("customer") as tx:
        quote = await _by_token(tx, token)
        quote = await _move(tx, quote, "accept" if accept else "reject", link_nonce=None)
        return await _view(tx, quote, for_shop=False)


async def act(store: Store, actor: str, quote_id: int, action: str) -> dict[str, Any]:
    """The shop's own steps: accept or reject on the customer's word (a phone call), cancel."""
    if action not in ("accept", "reject", "cancel"):
        raise Invalid(f"unknown quote action {action!r}", field="action")
    async with store.transaction(actor) as tx:
        quote = await _require(tx, quote_id)
        if action == "accept" and quote["status"] == "offered" and quote["valid_until"] < date.today().isoformat():
            quote = await _move(tx, quote, "expire", link_nonce=None)  # the clock got there first
        return await _view(tx, await _move(tx, quote, action, link_nonce=None))


async def place(store: Store, actor: str, quote_id: int, *, default_tax_rate: Decimal | None = None) -> dict[str, Any]:
    """The accepted quote as a sales order at the quoted prices (its messages and printing follow from there)."""
    async with store.transaction(actor) as tx:
        quote = await _require(tx, quote_id)
        QUOTE.next(quote["status"], "place")
        lines = await sql.lines(tx, quote_id)
        order_id = await orders.create_in_tx(tx, orders.OrderIn(
            customer_id=quote["customer_id"], customer_name=quote["customer_name"],
            customer_email=quote["customer_email"], reference=quote["reference"].replace("Q-", "QO-"),
            notes=f"from quote {quote['reference']}" + (f": {quote['request']}" if quote["request"] else "")[:3900],
            lines=[orders.OrderLineIn(product_id=line["product_id"], quantity=line["quantity"],
                                      unit_price=Decimal(line["unit_price"])) for line in lines]),
            default_tax_rate=default_tax_rate)
        quote = await _move(tx, quote, "place", order_id=order_id)
        return await _view(tx, quote)


async def expire_due(store: Store) -> int:
    """Offers past their validity date become expired (a timer calls this); how many."""
    async with store.transaction("clock") as tx:
        due = await sql.offered_past(tx, date.today().isoformat())
        for quote in due:
            await _move(tx, quote, "expire", link_nonce=None)
    return len(due)


def _document(quote: dict[str, Any], lines: list[dict[str, Any]], config: Config) -> InvoiceDocument:
    if not lines or any(line["unit_price"] is None for line in lines):
        raise Conflict(f"quote {quote['reference']} has no firm offer to print yet", field="quote_id")
    return InvoiceDocument(
        kind="quote", number=quote["reference"], issued_on=date.fromisoformat(quote["updated_at"][:10]),
        due_on=date.fromisoformat(quote["valid_until"]) if quote["valid_until"] else None,
        order_reference=quote["reference"], customer_name=quote["customer_name"],
        currency=config.branding.currency, default_tax_rate=config.sales.tax_rate_percent,
        notes=quote["notes"] or None,
        lines=[InvoiceLine(description=line["product_name"], sku=line["sku"], quantity=line["quantity"],
                           unit_price=Decimal(line["unit_price"])) for line in lines])


async def quote_pdf(store: Store, config: Config, quote_id: int | None = None, *,
                    token: str | None = None) -> tuple[bytes, str]:
    """The offer as a PDF on the shop's letterhead, for the shop (by id) or the customer (by link)."""
    async with store.transaction("documents") as tx:
        quote = await _by_token(tx, token) if token is not None else await _require(tx, quote_id or 0)
        doc = _document(quote, await sql.lines(tx, quote["id"]), config)
    pdf = await asyncio.to_thread(render_invoice, doc, await document_branding(store, config))
    return pdf, quote["reference"]


async def get_quote(store: Store, quote_id: int) -> dict[str, Any]:
    async with store.read() as db:
        return await _view(db, await _require(db, quote_id))


async def list_quotes(store: Store, request_: PageIn, *, status: str | None = None) -> dict[str, Any]:
    async with store.read() as db:
        rows = await sql.page(db, status=status, before_id=request_.after(), limit=request_.limit + 1)
        total = await sql.count(db, status=status)
        views = [await _view(db, row) for row in rows[:request_.limit]]
    return page(rows, views, total, request_)
