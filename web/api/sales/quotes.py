"""Quotes: the shop's side (request, offer, accept on the customer's word, place) and the customer's page.

The customer's page is plain HTML with two buttons and no script, reached through the signed link in
the offer e-mail; it shows that one quote and nothing else, and answers 403 for any other token.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Literal

from aiohttp import web
from pydantic import Field, ValidationError

from odind.domain import catalog
from odind.domain.paging import PageIn
from odind.domain.sales import proposals, quotes
from odind.errors import DomainError, Invalid, NotFound, TooLarge
from odind.web import multipart
from odind.web.api.params import int_param, query_values
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.ratelimit import LIMITER
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("quotes")
REQUEST_KEY = "\x00quote-request"  # the login limiter counts open-form requests per address under this name


class QuoteOut(Out):
    """A quote: its lines, total, status, and for the shop its costs and margin."""

    id: int
    reference: str
    status: str
    total: str


class QuotePage(Page[QuoteOut]):
    pass


class QuoteQuery(PageIn):
    status: Literal["requested", "offered", "accepted", "rejected", "expired", "placed", "cancelled"] | None = Field(
        None, description="only quotes in this status")


@api.get("/api/quotes", "A page of quotes, newest first (?status=, ?limit=, ?cursor=)", query=QuoteQuery,
         response=QuotePage)
async def list_quotes(request: web.Request) -> web.Response:
    query = QuoteQuery.model_validate(query_values(request, QuoteQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(QuotePage, await quotes.list_quotes(context(request).store, page, status=query.status))


@api.post("/api/quotes", "Record a customer's request for a quote (waiting for review)", body=quotes.QuoteRequestIn,
          response=QuoteOut)
async def request_quote(request: web.Request) -> web.Response:
    data = await read_body(request, quotes.QuoteRequestIn)
    return reply(QuoteOut, await quotes.request(context(request).store, actor(request), data), status=201)


@api.get("/api/quotes/{quote_id}", "One quote with the shop's cost breakdown", response=QuoteOut)
async def get_quote(request: web.Request) -> web.Response:
    return reply(QuoteOut, await quotes.get_quote(context(request).store, int_param(request, "quote_id")))


@api.post("/api/quotes/{quote_id}/offer", "Make (or revise) a firm offer: prices at the target margin unless "
          "given, a validity date, and a new customer link", body=quotes.OfferIn, response=QuoteOut)
async def offer(request: web.Request) -> web.Response:
    data = await read_body(request, quotes.OfferIn)
    return reply(QuoteOut, await quotes.offer(context(request).store, actor(request),
                                              int_param(request, "quote_id"), data))


@api.get("/api/quotes/{quote_id}/proposal", "Lines read from the customer's request, for the shop to review "
         "(a draft: nothing changes)")
async def quote_proposal(request: web.Request) -> web.Response:
    return web.json_response(await proposals.for_quote(context(request).store, int_param(request, "quote_id")))


def _action(action: str, summary: str) -> None:
    @api.post(f"/api/quotes/{{quote_id}}/{action}", summary, response=QuoteOut)
    async def handler(request: web.Request) -> web.Response:
        return reply(QuoteOut, await quotes.act(context(request).store, actor(request),
                                                int_param(request, "quote_id"), action))


_action("accept", "Accept on the customer's word (a call, a letter): 409 once the offer has expired")
_action("reject", "Reject on the customer's word")
_action("cancel", "Withdraw the quote")


@api.post("/api/quotes/{quote_id}/place", "Place an accepted quote as a sales order at the quoted prices",
          response=QuoteOut)
async def place(request: web.Request) -> web.Response:
    ctx = context(request)
    return reply(QuoteOut, await quotes.place(ctx.store, actor(request), int_param(request, "quote_id"),
                                              default_tax_rate=ctx.config.sales.tax_rate_percent))


@api.get("/api/quotes/{quote_id}.pdf", "The offer as a PDF on the shop's letterhead", produces="application/pdf")
async def quote_pdf(request: web.Request) -> web.Response:
    ctx = context(request)
    pdf, reference = await quotes.quote_pdf(ctx.store, ctx.config, int_param(request, "quote_id"))
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="quote-{reference}.pdf"'})


@api.get("/quote/{token}.pdf", "The offer as a PDF, through its signed link", role=None, produces="application/pdf")
async def customer_pdf(request: web.Request) -> web.Response:
    ctx = context(request)
    pdf, reference = await quotes.quote_pdf(ctx.store, ctx.config, token=request.match_info["token"])
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="quote-{reference}.pdf"',
                                 "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _html(title: str, body: str, status: int = 200) -> web.Response:
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f'<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}}'
            f'table{{width:100%;border-collapse:collapse}}td,th{{padding:.3rem;border-bottom:1px solid #ddd;'
            f'text-align:left}}.num{{text-align:right}}button{{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem}}'
            f'</style></head><body><main>{body}</main></body></html>')
    return web.Response(text=page, content_type="text/html", status=status,
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _offer_html(token: str, view: dict[str, Any]) -> str:
    rows = "".join(f"<tr><td>{escape(line['name'])}</td><td class=num>{line['quantity']}</td>"
                   f"<td class=num>{escape(str(line['unit_price']))}</td></tr>" for line in view["lines"])
    decided = view["status"] != "offered"
    buttons = "" if decided else (
        f'<form method="post" action="/quote/{escape(token)}/accept"><button type="submit">Accept this offer'
        f'</button></form><form method="post" action="/quote/{escape(token)}/reject"><button type="submit">'
        f'Decline</button></form>')
    notes = f"<p>{escape(view['notes'])}</p>" if view["notes"] else ""
    pdf = f'<p><a href="/quote/{escape(token)}.pdf">The offer as a PDF</a></p>' if view["lines"] else ""
    return (f"<h1>Quote {escape(view['reference'])}</h1><p>For {escape(view['customer_name'])}, valid until "
            f"{escape(str(view['valid_until']))}.</p>{notes}<table><caption>Offer</caption><thead><tr><th>Item</th>"
            f"<th class=num>Qty</th><th class=num>Each</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<p><strong>Total: {escape(view['total'])}</strong></p><p>Status: {escape(view['status'])}</p>"
            f"{pdf}{buttons}")


@api.get("/quote/{token}", "The customer's page for one offer, through its signed link", role=None,
         produces="text/html")
async def customer_page(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    try:
        view = await quotes.public_view(context(request).store, token)
    except DomainError as exc:
        return _html("Quote", f"<h1>Quote</h1><p>{escape(exc.message)}</p>", exc.status)
    return _html(f"Quote {view['reference']}", _offer_html(token, view))


def _decision(accept: bool) -> None:
    word = "accept" if accept else "reject"

    @api.post(f"/quote/{{token}}/{word}", f"The customer's answer through the link: {word} the offer", role=None,
              produces="text/html")
    async def handler(request: web.Request) -> web.Response:
        try:
            view = await quotes.decide(context(request).store, request.match_info["token"], accept)
        except DomainError as exc:
            return _html("Quote", f"<h1>Quote</h1><p>{escape(exc.message)}</p>", exc.status)
        thanks = "Thank you: your order is on its way to the shop." if accept else "Thank you for letting us know."
        return _html(f"Quote {view['reference']}", f"<h1>Quote {escape(view['reference'])}</h1><p>{thanks}</p>")


_decision(True)
_decision(False)


settings_panel(api, "quotes", body=quotes.QuoteSettingsIn, read=quotes.quote_settings, write=quotes.set_quote_settings,
               read_summary="Quote settings: whether the open request form at /request is on",
               write_summary="Turn the open request form at /request on or off")


_FORM = (
    '<h1>Ask for a quote</h1><p>Tell us what you would like printed; attach a sliced file (.gcode, .gcode.3mf or '
    '.3mf) if you have one. We will e-mail you a price.</p>'
    '<form method="post" action="/request" enctype="multipart/form-data">'
    '<p><label>Your name<br><input name="name" required maxlength="200" autocomplete="name"></label></p>'
    '<p><label>Your e-mail<br><input name="email" type="email" required maxlength="254" autocomplete="email">'
    '</label></p><p><label>What you would like<br><textarea name="request" rows="5" maxlength="4000"></textarea>'
    '</label></p><p><label>A file (optional)<br><input name="file" type="file" accept=".gcode,.3mf"></label></p>'
    '<p><button type="submit">Send request</button></p></form>')


@api.get("/request", "The open quote request form (when the shop turns it on)", role=None, produces="text/html")
async def request_form(request: web.Request) -> web.Response:
    settings = await quotes.quote_settings(context(request).store)
    if not settings["public_requests"]:
        return _html("Quote requests", "<h1>Quote requests</h1><p>This shop takes requests another way.</p>", 404)
    return _html("Ask for a quote", _FORM)


async def _read_request(request: web.Request, tmp_dir: Path) -> tuple[dict[str, str], tuple[Path, str] | None]:
    """The form's fields, and its file streamed to disk under the open form's size cap."""
    limit = quotes.PUBLIC_UPLOAD_MB << 20
    fields: dict[str, str] = {}
    upload: tuple[Path, str] | None = None
    if request.content_type == "application/x-www-form-urlencoded":  # a form sent without a file
        if (request.content_length or 0) > 64 << 10:
            raise TooLarge("the form is too long", field="request")
        posted = await request.post()
        return {key: str(posted[key])[:4000] for key in ("name", "email", "request") if key in posted}, None
    try:
        async for part in multipart.parts(request):
            if part.name in ("name", "email", "request") and part.name not in fields:
                fields[part.name] = await multipart.read_text(part, 4000)
            elif part.name == "file" and upload is None and part.filename:
                catalog.model_kind(part.filename)  # refuse a file that is not a model before reading it
                path = await multipart.save_file(part, tmp_dir, limit, f"the file is larger than "
                                                 f"{quotes.PUBLIC_UPLOAD_MB} MiB; send it by e-mail instead")
                upload = (path, Path(part.filename).name[:multipart.NAME_LIMIT])
    except BaseException:
        if upload is not None:
            upload[0].unlink(missing_ok=True)
        raise
    return fields, upload


@api.post("/request", "Send a quote request through the open form (multipart: name, email, request, file)",
          role=None, upload=True, produces="text/html")
async def send_request(request: web.Request) -> web.Response:
    ctx = context(request)
    limiter = request.app[LIMITER]
    address = request.remote or "unknown"
    try:
        if not (await quotes.quote_settings(ctx.store))["public_requests"]:
            raise NotFound("this shop takes quote requests another way", field="request")
        wait = limiter.retry_after(address, REQUEST_KEY)
        if wait > 0:
            return _html("Quote requests", f"<h1>Quote requests</h1><p>Too many requests from here; try again in "
                                           f"{int(wait) + 1} s.</p>", 429)
        limiter.failed(address, REQUEST_KEY)  # every request counts towards the address's allowance
        fields, upload = await _read_request(request, ctx.config.data_dir / "uploads")
        try:
            data = quotes.PublicRequestIn.model_validate(fields)
        except ValidationError as exc:
            where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "form"
            if upload is not None:
                upload[0].unlink(missing_ok=True)
            raise Invalid(f"{where}: {exc.errors()[0]['msg']}", field=where) from None
        model_id = None
        if upload is not None:
            try:
                model = await catalog.add_model(ctx.store, "public", upload=upload[0], filename=upload[1],
                                                name=f"{data.name}: {upload[1]}"[:200],
                                                models_dir=ctx.config.data_dir / "models")
                model_id = model["id"]
            finally:
                upload[0].unlink(missing_ok=True)
        view = await quotes.public_request(ctx.store, data, model_id)
    except DomainError as exc:
        return _html("Quote requests", f"<h1>Quote requests</h1><p>{escape(exc.message)}</p>", exc.status)
    return _html("Request sent", f"<h1>Thank you</h1><p>Your request {escape(view['reference'])} has reached us; "
                                 f"we will e-mail {escape(data.email)} with a price.</p>", 201)
