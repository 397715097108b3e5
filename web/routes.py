"""A route table that also describes itself: every route carries its role, body model and summary.

The same declarations drive the auth middleware (which role a route needs) and the OpenAPI
document, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from odind.domain.accounts.tokens import Role

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class RouteInfo:
    method: str
    path: str
    summary: str
    role: Role | None  # None: no authentication (health, the page itself)
    body: type[BaseModel] | None = None
    upload: bool = False
    produces: str = "application/json"
    tags: tuple[str, ...] = field(default_factory=tuple)
    response: Any = None  # what a success answers with, for the OpenAPI document: a model or list[Model]
    query: type[BaseModel] | None = None  # the query parameters it reads, likewise


class Api:
    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.routes: list[tuple[RouteInfo, Handler]] = []

    def route(self, method: str, path: str, summary: str, *, role: Role | None = Role.VIEWER,
              body: type[BaseModel] | None = None, upload: bool = False, produces: str = "application/json",
              response: Any = None,
              query: type[BaseModel] | None = None) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            info = RouteInfo(method, path, summary, role, body, upload, produces, (self.tag,), response, query)
            handler.route_info = info  # type: ignore[attr-defined]
            self.routes.append((info, handler))
            return handler
        return register

    def get(self, path: str, summary: str, **kw: object) -> Callable[[Handler], Handler]:
        return self.route("GET", path, summary, **kw)  # type: ignore[arg-type]

    def post(self, path: str, summary: str, **kw: object) -> Callable[[Handler], Handler]:
        kw.setdefault("role", Role.OPERATOR)
        return self.route("POST", path, summary, **kw)  # type: ignore[arg-type]

    def put(self, path: str, summary: str, **kw: object) -> Callable[[Handler], Handler]:
        kw.setdefault("role", Role.OPERATOR)
        return self.route("PUT", path, summary, **kw)  # type: ignore[arg-type]

    def delete(self, path: str, summary: str, **kw: object) -> Callable[[Handler], Handler]:
        kw.setdefault("role", Role.ADMIN)
        return self.route("DELETE", path, summary, **kw)  # type: ignore[arg-type]

    def install(self, app: web.Application) -> None:
        for info, handler in self.routes:
            app.router.add_route(info.method, info.path, handler)


def route_info(request: web.Request) -> RouteInfo | None:
    handler = request.match_info.handler
    return getattr(handler, "route_info", None)
