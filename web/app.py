"""Builds the aiohttp application: middlewares, every route module, the OpenAPI document."""

from __future__ import annotations

from aiohttp import web

from odind.web import pages
from odind.web.api import accounts, catalog, contacts, events, messages, meta, nodes, printers, shop, status
from odind.web.api.costs import pricing, reports
from odind.web.api.production import batches, jobs, metrics
from odind.web.api.sales import orders, payments, quotes, returns, shipments
from odind.web.api.stock import finished_goods, inventory, purchasing, transfers
from odind.web.auth import auth_middleware
from odind.web.context import CONTEXT, AppContext
from odind.web.deadline import deadline_middleware
from odind.web.errors import error_middleware
from odind.web.identities import follow_accounts
from odind.web.openapi import document
from odind.web.ratelimit import LIMITER, LoginLimiter
from odind.web.routes import RouteInfo
from odind.web.security import add_security_headers

ROUTE_MODULES = (meta, accounts, shop, contacts, messages, catalog, pricing, reports, orders, quotes, payments,
                 shipments, returns, inventory, finished_goods, purchasing, transfers, jobs, batches, metrics,
                 printers, nodes, events, status, pages)


def create_app(ctx: AppContext) -> web.Application:
    upload_limit = (ctx.config.http.max_upload_mb << 20) + (1 << 20)
    app = web.Application(middlewares=[error_middleware, auth_middleware, deadline_middleware],
                          client_max_size=upload_limit)
    app[CONTEXT] = ctx
    app[LIMITER] = LoginLimiter()
    app.on_response_prepare.append(add_security_headers)
    app.cleanup_ctx.append(status.follow_bus)
    app.cleanup_ctx.append(follow_accounts)
    routes: list[RouteInfo] = []
    for module in ROUTE_MODULES:
        module.api.install(app)
        routes.extend(info for info, _ in module.api.routes)
    app[meta.OPENAPI] = document(routes, meta.odind_version())
    return app
