"""Production efficiency: output, waste and consumption per product, printer or material, as JSON or CSV."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from odind.domain.production import metrics
from odind.web.api.params import int_param, query_values
from odind.web.context import context
from odind.web.responses import Out
from odind.web.routes import Api

api = Api("production")


@api.get("/api/production/metrics", "Output %, waste % and consumption % over a period (?since=&until=, ?by="
         "total|product|printer|material)", query=metrics.MetricsQuery)
async def efficiency(request: web.Request) -> web.Response:
    query = metrics.MetricsQuery.model_validate(query_values(request, metrics.MetricsQuery))
    return web.json_response(await metrics.efficiency(context(request).store, query))


@api.get("/api/production/metrics.csv", "The production efficiency figures as CSV", query=metrics.MetricsQuery,
         produces="text/csv")
async def efficiency_csv(request: web.Request) -> web.Response:
    query = metrics.MetricsQuery.model_validate(query_values(request, metrics.MetricsQuery))
    report = await metrics.efficiency(context(request).store, query)
    return web.Response(text=metrics.as_csv(report), content_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="production-metrics.csv"'})


class AttemptOut(Out):
    attempt: int
    outcome: str
    printer_id: int | None
    product_id: int | None
    units: int
    progress: str
    finished_at: str
    filament: list[dict[str, Any]]


@api.get("/api/jobs/{job_id}/attempts", "Every try at a job: outcome, progress and the filament it used or wasted",
         response=list[AttemptOut])
async def attempts(request: web.Request) -> web.Response:
    return web.json_response(await metrics.job_attempts(context(request).store, int_param(request, "job_id")))
