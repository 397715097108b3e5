"""Path and query parameter parsing shared by the route modules."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel

from odind.domain.paging import PageIn
from odind.errors import NotFound


def whole_number(raw: str) -> bool:
    """ASCII digits only: `str.isdigit()` also passes '²' and '٣', which `int()` refuses or reads."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 18


def int_param(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not whole_number(raw):
        raise NotFound(f"{name} must be a positive whole number, not {raw!r}", field=name)
    return int(raw)


def query_values(request: web.Request, model: type[BaseModel]) -> dict[str, str]:
    """The query parameters a route's query model names, to validate with it (a 422 names the bad one)."""
    return {key: request.query[key] for key in model.model_fields if key in request.query}


def page_params(request: web.Request) -> PageIn:
    """`?limit=&cursor=` for a list with no other filters."""
    return PageIn.model_validate(query_values(request, PageIn))
