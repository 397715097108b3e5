"""The device half shared by the HTTP printer simulators.

`SimDevice` is the printer itself (files, one job on a clock, two heaters), independent of the
API it is reached through; `HttpSimulator` serves a family's routes for it on 127.0.0.1 with
aiohttp and injects the faults tests need (silence, server errors, refused keys, bad JSON, a
lost upload answer). Time is wall-clock time divided by the speed factor, so a 2-hour print
takes 12 s at speed 600, and everything the device reports is in those scaled seconds.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import re
import secrets
import time
from abc import abstractmethod
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from aiohttp import web
from pydantic import BaseModel

from odind.drivers.base import SimulatedPrinter
from odind.modelfiles import parse_model
from odind.vocabulary import LoadedFilament

log = logging.getLogger(__name__)

DEFAULT_PRINT_TIME_S = 600  # for files whose print time the slicer metadata does not give
AMBIENT_C = 22.0
HEATER_TAU_S = 20.0  # time constant of the simulated heaters, before the speed factor
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
JobPhase = Literal["printing", "paused", "complete", "cancelled", "error"]


class Faults(BaseModel):
    """Switches a test flips to make the simulated printer misbehave (see also go_silent)."""

    server_error: bool = False  # answer everything with HTTP 500
    refuse_auth: bool = False  # reject every API key
    bad_json: bool = False  # truncate every JSON answer
    lose_upload_answer: bool = False  # take the upload and start printing, then answer 500
    outage_after_upload: bool = False  # as above, and then server_error until a test clears it


class SimRefused(Exception):
    """The device refuses a request in its current state; families map it to their error shape."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class PrintClock:
    """How far a print has got, counting only the time it was not paused."""

    def __init__(self, duration_s: float, now: float) -> None:
        self.duration_s = max(duration_s, 0.001)
        self._banked = 0.0
        self._since: float | None = now

    def elapsed(self, now: float) -> float:
        running = now - self._since if self._since is not None else 0.0
        return min(self._banked + running, self.duration_s)

    def pause(self, now: float) -> None:
        self._banked = self.elapsed(now)
        self._since = None

    def resume(self, now: float) -> None:
        if self._since is None:
            self._since = now

    def progress(self, now: float) -> float:
        return self.elapsed(now) / self.duration_s

    def remaining(self, now: float) -> float:
        return self.duration_s - self.elapsed(now)

    def done(self, now: float) -> bool:
        return self.elapsed(now) >= self.duration_s


class Heater:
    """Moves exponentially towards its target, like a real hot end, only faster at higher speed."""

    def __init__(self, tau_s: float, now: float) -> None:
        self.tau_s = tau_s
        self.target = 0.0
        self._from = AMBIENT_C
        self._at = now

    def actual(self, now: float) -> float:
        goal = self.target if self.target > 0 else AMBIENT_C
        return round(goal + (self._from - goal) * math.exp(-(now - self._at) / self.tau_s), 2)

    def set_target(self, target: float, now: float) -> None:
        self._from = self.actual(now)
        self._at = now
        self.target = target


@dataclass
class SimJob:
    id: int
    name: str
    path: Path
    clock: PrintClock
    phase: JobPhase
    started_wall: float  # epoch seconds, for APIs that report when a job started
    print_time_s: int
    fault: str | None = None  # why the job failed, when phase is "error"


class SimDevice:
    """One simulated printer: stores uploaded files and prints one of them at a time."""

    def __init__(self, *, model: str, speed: float, workdir: Path,
                 filaments: list[LoadedFilament]) -> None:
        if speed <= 0:
            raise ValueError("speed must be > 0")
        self.model = model
        self.speed = speed
        self.files_dir = workdir / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.filaments = [f.model_copy() for f in filaments]
        now = self.now()
        self.nozzle = Heater(HEATER_TAU_S / speed, now)
        self.bed = Heater(HEATER_TAU_S * 2 / speed, now)
        self.job: SimJob | None = None
        self.starts: list[str] = []  # every file a print was started from, in order (tests count these)
        self._ids = itertools.count(secrets.randbelow(900) + 100)

    @staticmethod
    def now() -> float:
        return asyncio.get_running_loop().time()

    def update(self) -> None:
        """Advance the job; called before every read so the device is always current."""
        job = self.job
        if job is not None and job.phase == "printing" and job.clock.done(self.now()):
            job.phase = "complete"
            self._heaters_off()
            log.info("sim: %s finished", job.name)

    @property
    def busy(self) -> bool:
        self.update()
        return self.job is not None and self.job.phase in ("printing", "paused")

    def check_name(self, name: str) -> str:
        if not _SAFE_NAME.match(name) or ".." in name:
            raise SimRefused(f"invalid file name {name!r}", 400)
        return name

    def store(self, name: str, data: bytes, *, overwrite: bool = True) -> Path:
        path = self.files_dir / self.check_name(name)
        if path.exists() and not overwrite:
            raise SimRefused(f"file {name} already exists")
        if self.busy and self.job is not None and self.job.name == name:
            raise SimRefused(f"file {name} is being printed")
        path.write_bytes(data)
        return path

    async def start(self, name: str) -> SimJob:
        path = self.files_dir / self.check_name(name)
        if not path.is_file():
            raise SimRefused(f"file {name} not found", 404)
        if self.busy:
            raise SimRefused("printer is busy")
        meta = await asyncio.to_thread(parse_model, path, name)
        print_time_s = meta.print_time_s or DEFAULT_PRINT_TIME_S
        now = self.now()
        self.job = SimJob(id=next(self._ids), name=name, path=path,
                          clock=PrintClock(print_time_s / self.speed, now), phase="printing",
                          started_wall=time.time(), print_time_s=print_time_s)
        self.starts.append(name)
        self.nozzle.set_target(215.0, now)
        self.bed.set_target(60.0, now)
        log.info("sim: printing %s (%d s at speed %g)", name, print_time_s, self.speed)
        return self.job

    def pause(self) -> None:
        job = self._job_in("printing", "pause")
        job.clock.pause(self.now())
        job.phase = "paused"

    def resume(self) -> None:
        job = self._job_in("paused", "resume")
        job.clock.resume(self.now())
        job.phase = "printing"

    def cancel(self) -> None:
        self.update()
        if not self.busy or self.job is None:
            raise SimRefused("no print to cancel")
        self.job.clock.pause(self.now())
        self.job.phase = "cancelled"
        self._heaters_off()

    def fail(self, reason: str = "Heater extruder not heating at expected rate") -> None:
        """A fault mid-print (thermal runaway, a crash the firmware gives up on)."""
        job = self._job_in("printing", "fail")
        job.clock.pause(self.now())
        job.phase = "error"
        job.fault = reason
        self._heaters_off()

    def lose_job(self) -> None:
        """A power cut or firmware restart: the job is gone and the printer comes back idle."""
        self.job = None
        self._heaters_off()

    def _job_in(self, phase: JobPhase, action: str) -> SimJob:
        self.update()
        if self.job is None or self.job.phase != phase:
            raise SimRefused(f"cannot {action}: printer is not {phase}")
        return self.job

    def _heaters_off(self) -> None:
        now = self.now()
        self.nozzle.set_target(0.0, now)
        self.bed.set_target(0.0, now)

    def progress(self) -> float:
        return 0.0 if self.job is None else round(self.job.clock.progress(self.now()), 4)

    def elapsed_s(self) -> float:
        return 0.0 if self.job is None else round(self.job.clock.elapsed(self.now()), 2)

    def remaining_s(self) -> int:
        return 0 if self.job is None else math.ceil(self.job.clock.remaining(self.now()))


class HttpSimulator(SimulatedPrinter):
    """Serves one family's API for a SimDevice on 127.0.0.1, on a port picked at first start.

    `go_away()` / `come_back()` stop and restart the server on the same port while the device
    keeps printing, like a printer whose network dropped for a while.
    """

    family: ClassVar[str]
    late_auth_paths: ClassVar[frozenset[str]] = frozenset()  # may open without a key and authenticate after

    def __init__(self, *, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                 workdir: Path) -> None:
        self.name = name
        self.model = model
        self.device = SimDevice(model=model, speed=speed, workdir=workdir, filaments=filaments)
        self.faults = Faults()
        self.api_key = secrets.token_hex(16)
        self.requests: Counter[str] = Counter()  # "GET /path" -> how many arrived (tests read this)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._speaking = asyncio.Event()
        self._speaking.set()
        self._app = web.Application(middlewares=[self._misbehave], client_max_size=256 * 1024 * 1024)
        self._add_routes(self._app.router)

    @abstractmethod
    def _add_routes(self, router: web.UrlDispatcher) -> None: ...

    @abstractmethod
    def _unauthorised(self) -> web.Response:
        """The family's answer to a missing or wrong API key."""

    @property
    def connection(self) -> dict[str, Any]:  # type: ignore[override]
        return {"url": f"http://127.0.0.1:{self.port}", "api_key": self.api_key}

    def go_silent(self, silent: bool = True) -> None:
        """Accept connections but leave every request unanswered (a hung web server)."""
        if silent:
            self._speaking.clear()
        else:
            self._speaking.set()

    async def start(self) -> None:
        runner = web.AppRunner(self._app, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()
        self._runner = runner
        if self.port == 0:
            server = site._server
            assert isinstance(server, asyncio.Server) and server.sockets
            self.port = server.sockets[0].getsockname()[1]
        log.info("sim %s (%s) serving on 127.0.0.1:%d", self.name, self.family, self.port)

    async def go_away(self) -> None:
        self._speaking.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def come_back(self) -> None:
        await self.start()

    async def close(self) -> None:
        await self.go_away()

    def authorised(self, request: web.Request) -> bool:
        return not self.faults.refuse_auth and secrets.compare_digest(
            request.headers.get("X-Api-Key", ""), self.api_key)

    @web.middleware
    async def _misbehave(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        await self._speaking.wait()
        self.requests[f"{request.method} {request.path}"] += 1
        if self.faults.server_error:
            return web.Response(status=500, text="500 Internal Server Error")
        if not self.authorised(request) and request.path not in self.late_auth_paths:
            return self._unauthorised()
        try:
            response = await handler(request)
        except SimRefused as exc:
            response = self._refusal(exc)
        if (self.faults.bad_json and isinstance(response, web.Response)
                and response.content_type.endswith("json")):
            text = response.text or ""
            return web.Response(status=response.status, text=text[: len(text) // 2] or "{",
                                content_type="application/json")
        return response

    def upload_answer(self, response: web.Response) -> web.Response:
        """The answer to an upload that started a print, unless a test wants it lost."""
        if self.faults.outage_after_upload:
            self.faults.server_error = True
        if self.faults.lose_upload_answer or self.faults.outage_after_upload:
            return web.Response(status=500, text="500 Internal Server Error")
        return response

    def _refusal(self, exc: SimRefused) -> web.Response:
        return web.json_response({"error": str(exc)}, status=exc.status)
