"""A Prusa printer with PrusaLink and a USB stick, as far as the v1 HTTP API shows it.

Besides the API key it answers HTTP digest (user `maker`), as current firmware does, so the
driver's digest path is exercised against a real challenge.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from aiohttp import web

from odind.drivers.http.sim import HttpSimulator, SimJob, SimRefused
from odind.vocabulary import LoadedFilament

_PHASE_STATE = {"printing": "PRINTING", "paused": "PAUSED", "complete": "FINISHED",
                "cancelled": "STOPPED", "error": "ERROR"}
REALM = "Printer API"
DIGEST_USER = "maker"
_DIGEST_FIELD = re.compile(r'(\w+)=(?:"([^"]*)"|([^,\s]*))')


def short_name(name: str) -> str:
    """The FAT 8.3 name the printer's USB stick gives a long file name (`ODIND-~1.GCO`)."""
    path = PurePosixPath(name)
    stem = re.sub(r"[^A-Z0-9_-]", "", path.stem.upper())
    ext = re.sub(r"[^A-Z0-9]", "", path.suffix.upper())[:3]
    base = stem if len(stem) <= 8 else f"{stem[:6]}~1"
    return f"{base}.{ext}" if ext else base


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


class PrusaLinkSimulator(HttpSimulator):
    family: ClassVar[str] = "prusalink"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.password = secrets.token_urlsafe(9)
        self.storage = "usb"  # "local" is PrusaLink on a Pi beside an MK3, whose SD card it cannot write
        self.storage_endpoint = True  # False: firmware older than /api/v1/storage
        self._nonce = secrets.token_hex(8)

    @property
    def digest_credentials(self) -> dict[str, str]:
        return {"username": DIGEST_USER, "password": self.password}

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/api/version", self._version)
        router.add_get("/api/v1/info", self._info)
        router.add_get("/api/v1/status", self._status)
        router.add_get("/api/v1/storage", self._storages)
        router.add_get("/api/v1/job", self._job)
        router.add_put("/api/v1/files/{storage}/{name}", self._upload)
        router.add_put("/api/v1/job/{id}/{action:pause|resume}", self._job_action)
        router.add_delete("/api/v1/job/{id}", self._stop)

    def authorised(self, request: web.Request) -> bool:
        if self.faults.refuse_auth:
            return False
        return super().authorised(request) or self._digest_ok(request)

    def _digest_ok(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        fields = {m[1]: m[2] or m[3] for m in _DIGEST_FIELD.finditer(header[7:])}
        if fields.get("username") != DIGEST_USER or fields.get("nonce") != self._nonce:
            return False
        ha1 = _md5(f"{DIGEST_USER}:{REALM}:{self.password}")
        ha2 = _md5(f"{request.method}:{fields.get('uri', '')}")
        if fields.get("qop") == "auth":
            expected = _md5(f"{ha1}:{self._nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        else:
            expected = _md5(f"{ha1}:{self._nonce}:{ha2}")
        return secrets.compare_digest(expected, fields.get("response", ""))

    def _unauthorised(self) -> web.Response:
        challenge = f'Digest realm="{REALM}", nonce="{self._nonce}", qop="auth", algorithm=MD5'
        return web.json_response({"title": "Unauthorized", "message": "Authorization required"},
                                 status=401, headers={"WWW-Authenticate": challenge})

    def _refusal(self, exc: SimRefused) -> web.Response:
        return web.json_response({"title": HTTPStatus(exc.status).phrase, "message": str(exc)},
                                 status=exc.status)

    def _printer_state(self) -> str:
        self.device.update()
        job = self.device.job
        return "IDLE" if job is None else _PHASE_STATE[job.phase]

    async def _version(self, request: web.Request) -> web.Response:
        return web.json_response({"api": "2.0.0", "server": "2.1.2", "nozzle_diameter": 0.4,
                                  "text": "PrusaLink", "hostname": self.name,
                                  "capabilities": {"upload-by-put": True}})

    async def _info(self, request: web.Request) -> web.Response:
        return web.json_response({"mmu": False, "name": self.name, "location": "", "farm_mode": False,
                                  "nozzle_diameter": 0.4, "min_extrusion_temp": 170,
                                  "serial": f"SIM{self.port:05d}", "sd_ready": False,
                                  "active_camera": False, "hostname": self.name, "port": self.port})

    def _job_numbers(self, job: SimJob) -> dict[str, Any]:
        return {"id": job.id, "progress": int(self.device.progress() * 100),
                "time_remaining": self.device.remaining_s(), "time_printing": int(self.device.elapsed_s())}

    async def _status(self, request: web.Request) -> web.Response:
        device = self.device
        now = device.now()
        state = self._printer_state()
        body: dict[str, Any] = {
            "storage": {"path": f"/{self.storage}/", "name": self.storage, "read_only": False},
            "printer": {
                "state": state,
                "temp_nozzle": device.nozzle.actual(now), "target_nozzle": device.nozzle.target,
                "temp_bed": device.bed.actual(now), "target_bed": device.bed.target,
                "axis_z": round(device.progress() * 40.0, 2), "flow": 100, "speed": 100,
                "fan_hotend": 3200 if device.nozzle.target else 0,
                "fan_print": 5000 if state == "PRINTING" else 0,
                "status_connect": {"ok": False, "message": "Unregistered"},
            },
        }
        if device.job is not None:
            body["job"] = self._job_numbers(device.job)
        return web.json_response(body)

    async def _storages(self, request: web.Request) -> web.Response:
        if not self.storage_endpoint:
            raise SimRefused("Not Found", 404)
        if self.storage == "usb":
            listing = [{"name": "usb", "type": "USB", "path": "/usb/", "read_only": False, "available": True}]
        else:
            listing = [{"type": "LOCAL", "path": f"/{self.storage}", "name": "PrusaLink gcodes",
                        "read_only": False, "available": True},
                       {"type": "SDCARD", "path": "/sdcard", "read_only": True, "available": True}]
        return web.json_response({"storage_list": listing})

    async def _job(self, request: web.Request) -> web.Response:
        job = self.device.job
        if job is None:
            return web.Response(status=204)
        sfn = short_name(job.name)
        return web.json_response({
            **self._job_numbers(job),
            "state": self._printer_state(),
            "inaccurate_estimates": False,
            "file": {"refs": {"download": f"/{self.storage}/{sfn}", "icon": f"/thumb/s/{self.storage}/{sfn}",
                              "thumbnail": f"/thumb/l/{self.storage}/{sfn}"},
                     "name": sfn, "display_name": job.name, "path": f"/{self.storage}",
                     "size": job.path.stat().st_size, "m_timestamp": int(time.time())},
        })

    async def _upload(self, request: web.Request) -> web.Response:
        if request.match_info["storage"] != self.storage:
            raise SimRefused("storage not found", 404)
        name = request.match_info["name"]
        start = request.headers.get("Print-After-Upload") == "?1"
        if start and self.device.busy:
            raise SimRefused("printer is busy")
        if request.content_length is None:
            raise SimRefused("Content-Length required", 411)
        self.device.store(name, await request.read(), overwrite=request.headers.get("Overwrite") == "?1")
        if start:
            await self.device.start(name)
        return self.upload_answer(web.Response(status=201))

    def _current(self, request: web.Request) -> SimJob:
        self.device.update()
        job = self.device.job
        if job is None or str(job.id) != request.match_info["id"]:
            raise SimRefused("job not found", 404)
        return job

    async def _job_action(self, request: web.Request) -> web.Response:
        self._current(request)
        getattr(self.device, request.match_info["action"])()
        return web.Response(status=204)

    async def _stop(self, request: web.Request) -> web.Response:
        self._current(request)
        self.device.cancel()
        return web.Response(status=204)


async def launch_simulator(*, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                           workdir: Path) -> PrusaLinkSimulator:
    sim = PrusaLinkSimulator(name=name, model=model, speed=speed, filaments=filaments, workdir=workdir)
    await sim.start()
    return sim
