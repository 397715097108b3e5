"""Builds the aiohttp application: middlewares, every route module, the OpenAPI document."""

from __future__ import annotations

from aiohttp import web

from odind.web import pages
from odind.web.api import (
    accounts,
    batches,
    catalog,
    costs,
    events,
    fulfilment,
    inventory,
    jobs,
    meta,
    orders,
    printers,
    reports,
    status,
    supply,
)
from odind.web.auth import auth_middleware
from odind.web.context import CONTEXT, AppContext
from odind.web.errors import error_middleware
from odind.web.openapi import document
from odind.web.ratelimit import LIMITER, LoginLimiter
from odind.web.security import add_security_headers

ROUTE_MODULES = (meta, catalog, inventory, orders, jobs, printers, events, status, accounts, pages, costs, reports,
                 fulfilment, supply, batches)


def create_app(ctx: AppContext) -> web.Application:
    upload_limit = (ctx.config.http.max_upload_mb << 20) + (1 << 20)
    app = web.Application(middlewares=[error_middleware, auth_middleware], client_max_size=upload_limit)
    app[CONTEXT] = ctx
    app[LIMITER] = LoginLimiter()
    app.on_response_prepare.append(add_security_headers)
    app.cleanup_ctx.append(status.follow_bus)
    routes = []
    for module in ROUTE_MODULES:
        module.api.install(app)
        routes.extend(info for info, _ in module.api.routes)
    app[meta.OPENAPI] = document(routes, meta.odind_version())
    return app
