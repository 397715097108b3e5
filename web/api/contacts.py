"""Customers and suppliers: the records, their history, and merging duplicates."""

from __future__ import annotations

from aiohttp import web
from pydantic import Field

from odind.domain import contacts
from odind.domain.contacts import Kind
from odind.domain.paging import PageIn
from odind.web.api.params import int_param, query_values
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("contacts")


class ContactOut(Out):
    """A customer or supplier."""

    id: int
    kind: str
    name: str
    email: str | None
    merged_into: int | None


class ContactPage(Page[ContactOut]):
    pass


class ContactQuery(PageIn):
    q: str | None = Field(None, max_length=200, description="search in name, e-mail and phone")


def _routes(kind: Kind, plural: str) -> None:
    id_name = f"{kind.value}_id"
    base = f"/api/{plural}"

    @api.get(base, f"A page of {plural}, oldest first (?q= to search name, e-mail and phone; ?limit=, ?cursor=)",
             query=ContactQuery, response=ContactPage)
    async def list_contacts(request: web.Request) -> web.Response:
        query = ContactQuery.model_validate(query_values(request, ContactQuery))
        page = PageIn(limit=query.limit, cursor=query.cursor)
        return reply(ContactPage, await contacts.list_page(context(request).store, kind, page, search=query.q))

    @api.post(base, f"Add a {kind.value}", body=contacts.ContactIn, response=ContactOut)
    async def create_contact(request: web.Request) -> web.Response:
        data = await read_body(request, contacts.ContactIn)
        return reply(ContactOut, await contacts.create(context(request).store, actor(request), kind, data), status=201)

    @api.get(f"{base}/{{{id_name}}}", f"One {kind.value} with its history"
             + (": orders, spend, profit, margin and open balance" if kind is Kind.CUSTOMER else ": purchase orders"),
             response=ContactOut)
    async def get_contact(request: web.Request) -> web.Response:
        return reply(ContactOut, await contacts.get(context(request).store, kind, int_param(request, id_name)))

    @api.put(f"{base}/{{{id_name}}}", f"Change a {kind.value} (orders keep the name and address they were placed with)",
             body=contacts.ContactIn, response=ContactOut)
    async def update_contact(request: web.Request) -> web.Response:
        data = await read_body(request, contacts.ContactIn)
        return reply(ContactOut, await contacts.update(context(request).store, actor(request), kind,
                                                       int_param(request, id_name), data))

    @api.post(f"{base}/{{{id_name}}}/merge", f"Merge a duplicate {kind.value} into another: what referred to it "
              "moves over, and its id keeps finding the one that stays", body=contacts.MergeIn, response=ContactOut)
    async def merge_contact(request: web.Request) -> web.Response:
        data = await read_body(request, contacts.MergeIn)
        return reply(ContactOut, await contacts.merge(context(request).store, actor(request), kind,
                                                      int_param(request, id_name), data))


_routes(Kind.CUSTOMER, "customers")
_routes(Kind.SUPPLIER, "suppliers")
