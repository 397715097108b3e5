"""Print jobs: the queue with waiting reasons, and the operator's requeue and cancel."""

from __future__ import annotations

from aiohttp import web
from pydantic import Field

from odind.domain.accounts.tokens import Role
from odind.domain.paging import PageIn
from odind.domain.production import jobs, quality
from odind.web.api.params import int_param, query_values
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api

api = Api("jobs")


class JobOut(Out):
    """A print job with where it is and, while it waits, why."""

    id: int
    key: str
    status: str
    order_id: int | None
    order_reference: str | None
    model_id: int
    model_name: str | None
    plate: int
    units: int
    priority: int
    printer_id: int | None
    printer_name: str | None
    attempts: int
    waiting_reason: str | None
    message: str | None
    print_time_s: int | None
    created_at: str
    allowed_actions: list[str]


class JobQuery(PageIn):
    status: str | None = Field(None, max_length=40, description="only jobs in this status (e.g. queued)")


class JobPage(Page[JobOut]):
    pass


@api.get("/api/jobs", "A page of jobs, newest first (?status=queued, ?limit=, ?cursor=)", query=JobQuery,
         response=JobPage)
async def list_jobs(request: web.Request) -> web.Response:
    query = JobQuery.model_validate(query_values(request, JobQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(JobPage, await jobs.list_jobs(context(request).store, page, status=query.status))


@api.get("/api/jobs/{job_id}", "One job", response=JobOut)
async def get_job(request: web.Request) -> web.Response:
    return reply(JobOut, await jobs.get_job(context(request).store, int_param(request, "job_id")))


@api.post("/api/jobs/{job_id}/requeue", "Put a failed or interrupted job back in the queue")
async def requeue(request: web.Request) -> web.Response:
    return web.json_response(await jobs.requeue(context(request).store, actor(request), int_param(request, "job_id")))


@api.post("/api/jobs/{job_id}/cancel", "Cancel a job (stops the printer if it is printing)")
async def cancel(request: web.Request) -> web.Response:
    ctx, job_id = context(request), int_param(request, "job_id")
    job = await jobs.get_job(ctx.store, job_id)
    live = ctx.farm.status(job["printer_id"]) if job["printer_id"] else {}
    return web.json_response(await jobs.cancel(ctx.store, actor(request), job_id, progress=live.get("progress")))


@api.post("/api/jobs/{job_id}/fail-qc", "Reject a finished print at quality control: waste, and off the shelf",
          body=quality.RejectIn)
async def fail_qc(request: web.Request) -> web.Response:
    data = await read_body(request, quality.RejectIn)
    return web.json_response(await quality.reject(context(request).store, actor(request),
                                                  int_param(request, "job_id"), data))


@api.get("/api/settings/qc-reasons", "The shop's reasons for failing a print at quality control")
async def qc_reasons(request: web.Request) -> web.Response:
    return web.json_response({"reasons": await quality.reasons(context(request).store)})


@api.put("/api/settings/qc-reasons", "Replace the shop's quality-control reasons", role=Role.ADMIN,
         body=quality.ReasonsIn)
async def set_qc_reasons(request: web.Request) -> web.Response:
    data = await read_body(request, quality.ReasonsIn)
    return web.json_response({"reasons": await quality.set_reasons(context(request).store, actor(request), data)})
