"""Reports: profitability per product, set or channel over a date range, as JSON, CSV or an SVG chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from odind.domain.costs import report
from odind.web.context import context
from odind.web.routes import Api

api = Api("reports")

DEFAULT_DAYS = 30


async def _report(request: web.Request) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    last = report.parse_day(request.query.get("to"), "to", today)
    first = report.parse_day(request.query.get("from"), "from", last - timedelta(days=DEFAULT_DAYS))
    return await report.profitability(context(request).store, first, last, request.query.get("group", "product"))


@api.get("/api/reports/profitability",
         "Revenue, COGS, fees, profit and margin per ?group=product|set|channel from ?from= to ?to= (ISO dates)")
async def profitability(request: web.Request) -> web.Response:
    return web.json_response(await _report(request))


@api.get("/api/reports/profitability.csv", "The profitability report as CSV", produces="text/csv")
async def profitability_csv(request: web.Request) -> web.Response:
    result = await _report(request)
    name = f"profitability-{result['group']}-{result['from']}-{result['to']}.csv"
    return web.Response(text=report.as_csv(result), content_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


@api.get("/api/reports/profitability.svg", "The profitability report as a small SVG bar chart",
         produces="image/svg+xml")
async def profitability_svg(request: web.Request) -> web.Response:
    return web.Response(text=report.as_svg(await _report(request)), content_type="image/svg+xml")
