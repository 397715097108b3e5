"""A Klipper printer behind Moonraker, as far as its HTTP API shows it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import web

from odind.drivers.http.sim import HttpSimulator, SimRefused
from odind.vocabulary import LoadedFilament

_PHASE_STATE = {"printing": "printing", "paused": "paused", "complete": "complete",
                "cancelled": "cancelled", "error": "error"}
_KLIPPER_VERSION = "v0.12.0-302-g87ac69363"


class MoonrakerSimulator(HttpSimulator):
    family: ClassVar[str] = "moonraker"

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/server/info", self._server_info)
        router.add_get("/printer/info", self._printer_info)
        router.add_get("/printer/objects/query", self._query)
        router.add_post("/server/files/upload", self._upload)
        router.add_post("/printer/print/start", self._start)
        router.add_post("/printer/print/pause", self._action)
        router.add_post("/printer/print/resume", self._action)
        router.add_post("/printer/print/cancel", self._action)

    def _unauthorised(self) -> web.Response:
        return web.json_response({"error": {"code": 401, "message": "Unauthorized", "traceback": ""}},
                                 status=401)

    def _refusal(self, exc: SimRefused) -> web.Response:
        return web.json_response({"error": {"code": exc.status, "message": str(exc), "traceback": ""}},
                                 status=exc.status)

    def _shutdown_reason(self) -> str | None:
        """A print fault shuts Klipper down, as a heater or MCU error does on a real printer."""
        self.device.update()
        job = self.device.job
        return job.fault if job is not None and job.phase == "error" else None

    def _klippy_state(self) -> dict[str, str]:
        reason = self._shutdown_reason()
        if reason is None:
            return {"state": "ready", "state_message": "Printer is ready"}
        return {"state": "shutdown", "state_message": (
            f"{reason}\nOnce the underlying issue is corrected, use the\n\"FIRMWARE_RESTART\" command to "
            "reset the firmware, reload the\nconfig, and restart the host software.\nPrinter is shutdown")}

    async def _server_info(self, request: web.Request) -> web.Response:
        return web.json_response({"result": {
            "klippy_connected": True,
            "klippy_state": "shutdown" if self._shutdown_reason() else "ready",
            "components": ["database", "file_manager", "klippy_apis", "machine", "data_store", "history"],
            "failed_components": [],
            "registered_directories": ["config", "logs", "gcodes"],
            "warnings": [],
            "websocket_count": 0,
            "moonraker_version": "v0.9.3-1-g3e6a2c4",
            "missing_klippy_requirements": [],
            "api_version": [1, 5, 0],
            "api_version_string": "1.5.0",
        }})

    async def _printer_info(self, request: web.Request) -> web.Response:
        return web.json_response({"result": {
            **self._klippy_state(),
            "hostname": self.name,
            "software_version": _KLIPPER_VERSION,
            "cpu_info": "4 core ARM",
            "klipper_path": "/home/pi/klipper",
            "python_path": "/home/pi/klippy-env/bin/python",
            "log_file": "/home/pi/printer_data/logs/klippy.log",
            "config_file": "/home/pi/printer_data/config/printer.cfg",
        }})

    async def _query(self, request: web.Request) -> web.Response:
        objects = self._objects()
        wanted = {key: value for key, value in objects.items() if key in request.query}
        return web.json_response({"result": {"eventtime": round(time.monotonic(), 3), "status": wanted}})

    def _objects(self) -> dict[str, Any]:
        device = self.device
        device.update()
        job = device.job
        now = device.now()
        state = _PHASE_STATE[job.phase] if job is not None else "standby"
        progress = device.progress()
        return {
            "print_stats": {
                "filename": job.name if job is not None else "",
                "total_duration": device.elapsed_s(),
                "print_duration": device.elapsed_s(),
                "filament_used": round(progress * 1500.0, 2),
                "state": state,
                "message": (job.fault or "") if job is not None else "",
                "info": {"total_layer": None, "current_layer": None},
            },
            "virtual_sdcard": {
                "file_path": f"/home/pi/printer_data/gcodes/{job.name}" if job is not None else None,
                "progress": progress,
                "is_active": state == "printing",
                "file_position": 0,
                "file_size": job.path.stat().st_size if job is not None else 0,
            },
            "extruder": {"temperature": device.nozzle.actual(now), "target": device.nozzle.target,
                         "power": 0.4 if device.nozzle.target else 0.0, "pressure_advance": 0.04,
                         "smooth_time": 0.04},
            "heater_bed": {"temperature": device.bed.actual(now), "target": device.bed.target,
                           "power": 0.3 if device.bed.target else 0.0},
            "display_status": {"progress": progress, "message": None},
        }

    async def _upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise SimRefused("no file in the upload", 400)
        if str(form.get("root", "gcodes")) != "gcodes":
            raise SimRefused("only the gcodes root is writable", 400)
        name = upload.filename
        start = str(form.get("print", "false")).lower() == "true"
        if start and self.device.busy:
            raise SimRefused("Printer is busy")
        path = self.device.store(name, upload.file.read())
        if start:
            await self.device.start(name)
        return self.upload_answer(web.json_response({
            "item": {"path": name, "root": "gcodes", "modified": path.stat().st_mtime,
                     "size": path.stat().st_size, "permissions": "rw"},
            "print_started": start,
            "print_queued": False,
            "action": "create_file",
        }, status=201))

    async def _start(self, request: web.Request) -> web.Response:
        filename = request.query.get("filename")
        if not filename:
            raise SimRefused("No value for 'filename'", 400)
        await self.device.start(filename)
        return web.json_response({"result": "ok"})

    async def _action(self, request: web.Request) -> web.Response:
        action = request.path.rsplit("/", 1)[-1]
        getattr(self.device, action)()
        return web.json_response({"result": "ok"})


async def launch_simulator(*, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                           workdir: Path) -> MoonrakerSimulator:
    sim = MoonrakerSimulator(name=name, model=model, speed=speed, filaments=filaments, workdir=workdir)
    await sim.start()
    return sim
