"""Messages: which status changes are told to customers and staff, in whose words, and what was sent."""

from __future__ import annotations

from typing import Literal

from aiohttp import web
from pydantic import Field

from odind.domain import messages
from odind.domain.paging import PageIn
from odind.web.api.params import int_param, query_values
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("messages")


class MessageOut(Out):
    """One message in the outbox: pending (with its next attempt), sent, or failed (with the last error)."""

    id: int
    template: str
    channel: str
    recipient: str
    status: str
    attempts: int
    last_error: str | None


class MessagePage(Page[MessageOut]):
    pass


class MessageQuery(PageIn):
    status: Literal["pending", "sent", "failed"] | None = Field(None, description="only messages in this status")


@api.get("/api/messages", "A page of messages, newest first (?status=pending|sent|failed, ?limit=, ?cursor=)",
         query=MessageQuery, response=MessagePage)
async def list_messages(request: web.Request) -> web.Response:
    query = MessageQuery.model_validate(query_values(request, MessageQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(MessagePage, await messages.list_page(context(request).store, page, status=query.status))


@api.post("/api/messages/{message_id}/retry", "Send a failed message again (its attempts start over)",
          response=MessageOut)
async def retry(request: web.Request) -> web.Response:
    return reply(MessageOut, await messages.retry(context(request).store, actor(request),
                                                  int_param(request, "message_id")))


settings_panel(api, "messages", body=messages.MessageSettingsIn, read=messages.message_settings,
               write=messages.set_message_settings,
               read_summary="Which messages are sent on which status change, and their words",
               write_summary="Turn messages on or off and set their words (Jinja2; checked before saving)")
