"""Messages on status changes, through a transactional outbox: nothing told is lost, nothing lost is told.

A change of state that a shop wants told (an order received, shipped, delivered; a payment; a failed
print for the staff) writes its messages into the outbox inside the same transaction as the change:
the store runs `enqueue` just before it commits. Either both are saved or neither is. The runtime's
sender then delivers them with retries (odind.runtime.outbox); every delivery of one message carries
the same id, so a receiver can drop a repeat after a crash between the send and its bookkeeping.

Which messages are sent, and their words, are shop settings; where they go (SMTP server, staff
address, webhook URLs and secrets) is the config file's, so no secret is readable through the API.
"""

from __future__ import annotations

import json
import logging
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from odind.bus import Saved
from odind.config import Config
from odind.domain import shop
from odind.domain.paging import PageIn, page
from odind.domain.sales import orders, quotes
from odind.domain.types import Input
from odind.errors import Conflict, Invalid, NotFound
from odind.messages.templates import DEFAULTS, Template, TemplateProblem, check, render
from odind.store import outbox as sql
from odind.store import settings as settings_sql
from odind.store.db import Db, Store, Tx, utcnow
from odind.store.production import jobs as jobs_sql
from odind.store.sales import quotes as quotes_sql

log = logging.getLogger(__name__)

SETTING = "messages.templates"
MAX_BACKOFF_S = 3600.0


class TemplateIn(BaseModel):
    enabled: bool = False
    subject: str | None = Field(None, max_length=500)  # None: the default words
    text: str | None = Field(None, max_length=20_000)
    html: str | None = Field(None, max_length=50_000)


class MessageSettingsIn(Input):
    templates: dict[str, TemplateIn] = Field(max_length=len(DEFAULTS))


def _template_name(event: Saved) -> str | None:
    """Which message, if any, this committed change calls for."""
    key = (event.entity, event.action)
    if (key == ("order", "created") and event.data.get("state") != "draft") or key == ("order", "state_confirm"):
        return "order_received"
    if key == ("job", "fail") and event.data.get("cancelled"):
        return None  # an operator's cancel is not a failure to be alerted about
    if event.action == "low_stock" and event.entity in ("consumable", "filament"):
        return "low_stock" if event.data.get("crossed") else None  # once as it falls below, not on every use
    return {("quote", "offer"): "quote_ready", ("quote", "requested"): "quote_requested",
            ("order", "payment_recorded"): "payment_received", ("order", "payment_reminder"): "payment_reminder",
            ("order", "backorder_allocated"): "backorder_arrived",
            ("order", "ship"): "order_shipped", ("shipment", "deliver"): "order_delivered",
            ("job", "fail"): "print_failed"}.get(key)


async def _settings(db: Db) -> dict[str, dict[str, Any]]:
    raw = await settings_sql.get(db, SETTING)
    return json.loads(raw) if raw else {}


def _template(name: str, stored: dict[str, Any]) -> Template:
    default = DEFAULTS[name]
    return Template(name=name, audience=default.audience, description=default.description,
                    subject=stored.get("subject") or default.subject, text=stored.get("text") or default.text,
                    html=stored.get("html") or default.html)


async def _order_facts(db: Db, order_id: int) -> dict[str, Any]:
    view = await orders.view(db, order_id)
    return {"id": view["id"], "reference": view["reference"], "customer_name": view["customer_name"],
            "customer_email": view["customer_email"], "total": view["totals"]["total"],
            "balance": view["totals"]["balance"], "status": view["status"], "carrier": view["carrier"],
            "tracking_number": view["tracking_number"], "ship_to": view["ship_to"]}


async def _facts(tx: Tx, event: Saved, config: Config) -> dict[str, Any] | None:
    """What a template may say about the change; None when its subject is gone."""
    facts: dict[str, Any] = {"shop": await shop.stored_branding(tx, config), "event": {
        "entity": event.entity, "action": event.action, "at": event.at}}
    if event.action == "low_stock":
        data = event.data
        name = data.get("sku") or " ".join(str(p) for p in (data.get("material"), data.get("colour")) if p)
        facts["item"] = {"name": name, "stock": data.get("stock", data.get("grams_left")),
                         "reorder_point": data.get("reorder_point", data.get("reorder_point_g"))}
        return facts
    if event.entity == "job":
        job = await jobs_sql.get_job(tx, event.entity_id) if event.entity_id else None
        if job is None:
            return None
        facts["job"] = {"id": job["id"], "label": job.get("model_name") or f"job {job['id']}",
                        "printer": job.get("printer_name"),
                        "message": job.get("message") or event.data.get("message") or "no reason given",
                        "order_id": job["order_id"]}
        return facts
    if event.entity == "quote":
        quote = await quotes_sql.get(tx, event.entity_id) if event.entity_id else None
        if quote is None or (event.action == "offer" and quote["link_nonce"] is None):
            return None
        view = await quotes.public_view_in(tx, quote)
        link = f"{public_url(config)}/quote/{await quotes.link_token(tx, quote)}" if quote["link_nonce"] else ""
        facts["quote"] = {"reference": view["reference"], "customer_name": view["customer_name"],
                          "customer_email": quote["customer_email"], "total": view["total"],
                          "valid_until": view["valid_until"], "lines": view["lines"], "request": quote["request"],
                          "link": link}
        return facts
    order_id = event.entity_id if event.entity == "order" else event.data.get("order_id")
    if not order_id:
        return None
    try:
        facts["order"] = await _order_facts(tx, int(order_id))
    except NotFound:
        return None
    if event.action == "payment_recorded":
        facts["payment"] = {"amount": event.data.get("amount"), "method": event.data.get("method")}
    return facts


def public_url(config: Config) -> str:
    """Where a customer's link points: the configured public URL, else this host on the API's port."""
    return (config.http.public_url or f"http://{socket.gethostname()}:{config.http.port}").rstrip("/")


def _message_id(config: Config) -> str:
    return f"<{uuid.uuid4().hex}@{config.messages.smtp.sender.rpartition('@')[2] or 'odind'}>"


async def _queue(tx: Tx, event: Saved, name: str, template: Template, facts: dict[str, Any], config: Config) -> int:
    rendered = render(template, facts)
    queued = 0
    subject = facts.get("order") or facts.get("quote") or {}
    recipient = subject.get("customer_email") if template.audience == "customer" else config.messages.staff_email
    if recipient:
        await sql.insert(tx, {"event_id": event.id, "template": name, "channel": "email", "recipient": recipient,
                              "subject": rendered.subject, "body_text": rendered.text, "body_html": rendered.html,
                              "message_id": _message_id(config)})
        queued += 1
    for hook in config.messages.webhooks:
        if "*" not in hook.messages and name not in hook.messages:
            continue
        message_id = _message_id(config)
        body = json.dumps({"id": message_id, "message": name, "at": event.at, "subject": rendered.subject,
                           **{k: v for k, v in facts.items() if k in ("order", "job", "payment")},
                           **({"quote": {k: v for k, v in facts["quote"].items() if k != "link"}}
                              if "quote" in facts else {})},
                          sort_keys=True, default=str)
        await sql.insert(tx, {"event_id": event.id, "template": name, "channel": "webhook", "recipient": hook.url,
                              "subject": rendered.subject, "body_text": body, "body_html": "",
                              "message_id": message_id})
        queued += 1
    return queued


def outbox_hook(config: Config) -> Callable[[Tx], Awaitable[None]]:
    """The store's before-commit hook: the messages this transaction's events call for, written in it."""

    async def enqueue(tx: Tx) -> None:
        wanted = [(event, name) for event in list(tx.events) if (name := _template_name(event)) is not None]
        if not wanted:
            return
        stored = await _settings(tx)
        queued = 0
        for event, name in wanted:
            if not stored.get(name, {}).get("enabled"):
                continue
            facts = await _facts(tx, event, config)
            if facts is None:
                continue
            try:
                queued += await _queue(tx, event, name, _template(name, stored.get(name, {})), facts, config)
            except TemplateProblem as exc:  # saved templates were checked; a fact a template needs can still be missing
                log.error("message %s for event %s not rendered: %s", name, event.id, exc)
        if queued:
            await tx.record("outbox", None, "queued", messages=queued)

    return enqueue


def _sample_facts() -> dict[str, Any]:
    order = {"id": 1, "reference": "ORD-00001", "customer_name": "Ada Lovelace", "customer_email": "ada@example.com",
             "total": "19.00", "balance": "0.00", "status": "shipped", "carrier": "Royal Mail",
             "tracking_number": "RM123456785GB", "ship_to": ["12 St James's Square", "London"]}
    return {"shop": {"business_name": "My Print Farm", "address_lines": [], "footer": None}, "order": order,
            "payment": {"amount": "19.00", "method": "card"}, "event": {"entity": "order", "action": "ship", "at": ""},
            "job": {"id": 7, "label": "Fox body", "printer": "P1S-1", "message": "nozzle clog", "order_id": 1},
            "item": {"name": "MAG-6X2", "stock": 40, "reorder_point": 100},
            "quote": {"reference": "Q-00001", "customer_name": "Ada Lovelace", "customer_email": "ada@example.com",
                      "total": "45.00", "valid_until": "2026-12-31", "lines": [], "request": "2 foxes",
                      "link": "http://farm.local:8080/quote/1.x.y"}}


async def message_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        stored = await _settings(db)
    return {"templates": {name: {"enabled": bool(stored.get(name, {}).get("enabled")), "audience": t.audience,
                                 "description": t.description,
                                 **{part: stored.get(name, {}).get(part) or getattr(t, part)
                                    for part in ("subject", "text", "html")}}
                          for name, t in DEFAULTS.items()}}


async def set_message_settings(store: Store, actor: str, data: MessageSettingsIn) -> dict[str, Any]:
    """Turn messages on or off and replace their words; a template that does not render is refused (422)."""
    unknown = sorted(set(data.templates) - set(DEFAULTS))
    if unknown:
        raise Invalid(f"no message called {', '.join(unknown)}; known: {', '.join(DEFAULTS)}", field="templates")
    async with store.transaction(actor) as tx:
        stored = await _settings(tx)
        for name, given in data.templates.items():
            merged = {**stored.get(name, {}), **given.model_dump(exclude_unset=True)}  # a null resets to default
            merged = {key: value for key, value in merged.items() if value is not None}
            try:
                check(_template(name, merged), _sample_facts())
            except TemplateProblem as exc:
                raise Invalid(f"template {name}: {exc}", field=f"templates.{name}") from exc
            stored[name] = merged
        await settings_sql.put(tx, SETTING, json.dumps(stored, sort_keys=True))
        await tx.record("settings", None, "messages_changed", enabled=sorted(n for n, t in stored.items()
                                                                            if t.get("enabled")))
    return await message_settings(store)


def _view(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in ("id", "template", "channel", "recipient", "subject", "message_id", "status",
                                      "attempts", "next_attempt_at", "last_error", "created_at", "sent_at")}


async def list_page(store: Store, request: PageIn, *, status: str | None = None) -> dict[str, Any]:
    """Messages newest first: what was sent, what waits for a retry, and what failed (with why)."""
    async with store.read() as db:
        rows = await sql.page(db, status=status, before_id=request.after(), limit=request.limit + 1)
        total = await sql.count(db, status=status)
    return page(rows, [_view(row) for row in rows[:request.limit]], total, request)


async def retry(store: Store, actor: str, message_id: int) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        row = await sql.get(tx, message_id)
        if row is None:
            raise NotFound(f"message {message_id} does not exist", field="message_id")
        if not await sql.requeue(tx, message_id):
            raise Conflict(f"message {message_id} is {row['status']}; only a failed message is retried",
                           field="message_id")
        await tx.record("outbox", message_id, "retry")
        return _view(await sql.get(tx, message_id) or row)


async def due(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    async with store.read() as db:
        return await sql.due(db, utcnow(), limit)


async def next_due_at(store: Store) -> datetime | None:
    async with store.read() as db:
        found = await sql.next_due_at(db)
    return None if found is None else datetime.fromisoformat(found)


SEND_LEASE_S = 120.0  # a claimed message is left alone this long by the other nodes


async def claim(store: Store, message: dict[str, Any]) -> bool:
    lease = (datetime.now(UTC) + timedelta(seconds=SEND_LEASE_S)).isoformat(timespec="milliseconds")
    async with store.transaction("outbox") as tx:
        return await sql.claim(tx, message["id"], message["next_attempt_at"], lease)


async def delivered(store: Store, message_id: int) -> None:
    async with store.transaction("outbox") as tx:
        if await sql.mark_sent(tx, message_id):
            await tx.record("outbox", message_id, "sent")


async def attempt_failed(store: Store, message: dict[str, Any], error: str, config: Config) -> bool:
    """Book a failed attempt and when to try again (base x 2^attempts, at most an hour); True if it gave up."""
    attempts = message["attempts"] + 1
    give_up = attempts >= config.messages.max_attempts
    wait = min(config.messages.retry_base_s * 2 ** (attempts - 1), MAX_BACKOFF_S)
    retry_at = (datetime.now(UTC) + timedelta(seconds=wait)).isoformat(timespec="milliseconds")
    async with store.transaction("outbox") as tx:
        await sql.mark_attempt_failed(tx, message["id"], error[:1000], retry_at, give_up)
        await tx.record("outbox", message["id"], "failed" if give_up else "attempt_failed", error=error[:300],
                        attempts=attempts)
    return give_up
