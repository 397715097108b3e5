"""Answers described by pydantic models: the model both documents a response in OpenAPI and
serialises it, so the document cannot drift from what is sent.

Response models allow fields they do not name (`extra="allow"`): they describe the main fields
of a resource; anything else a view adds still reaches the client.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from aiohttp import web
from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Out(BaseModel):
    """Base of every response model."""

    model_config = ConfigDict(extra="allow")


class Page(Out, Generic[T]):
    """One page of a list: the items, how many match in all, and the cursor of the next page."""

    items: list[T]
    total: int
    next_cursor: str | None


def reply(model: type[BaseModel], data: Any, *, status: int = 200) -> web.Response:
    """Validate `data` against the route's response model and send it as JSON."""
    return web.json_response(text=model.model_validate(data).model_dump_json(), status=status)
