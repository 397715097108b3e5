"""Print jobs: the queue with waiting reasons, and the operator's requeue and cancel."""

from __future__ import annotations

from aiohttp import web

from odind.domain.production import jobs
from odind.web.api.params import int_param
from odind.web.context import actor, context
from odind.web.routes import Api

api = Api("jobs")


@api.get("/api/jobs", "List jobs (optionally ?status=queued)")
async def list_jobs(request: web.Request) -> web.Response:
    return web.json_response(await jobs.list_jobs(context(request).store, status=request.query.get("status")))


@api.get("/api/jobs/{job_id}", "One job")
async def get_job(request: web.Request) -> web.Response:
    return web.json_response(await jobs.get_job(context(request).store, int_param(request, "job_id")))


@api.post("/api/jobs/{job_id}/requeue", "Put a failed or interrupted job back in the queue")
async def requeue(request: web.Request) -> web.Response:
    return web.json_response(await jobs.requeue(context(request).store, actor(request), int_param(request, "job_id")))


@api.post("/api/jobs/{job_id}/cancel", "Cancel a job (stops the printer if it is printing)")
async def cancel(request: web.Request) -> web.Response:
    return web.json_response(await jobs.cancel(context(request).store, actor(request), int_param(request, "job_id")))
