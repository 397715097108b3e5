"""An OctoPrint server with a connected printer, as far as its REST API shows it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import web

from odind.drivers.http.sim import HttpSimulator, SimRefused
from odind.vocabulary import LoadedFilament

_STATE_TEXT = {"printing": "Printing", "paused": "Paused", "complete": "Operational",
               "cancelled": "Operational", "error": "Error"}
_VERSION = "1.10.3"


class OctoPrintSimulator(HttpSimulator):
    family: ClassVar[str] = "octoprint"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.serial_connected = True  # False: OctoPrint runs but its USB link to the printer is closed

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/api/version", self._version)
        router.add_get("/api/connection", self._connection)
        router.add_get("/api/printer", self._printer)
        router.add_get("/api/job", self._job)
        router.add_post("/api/job", self._job_command)
        router.add_post("/api/files/local", self._upload)
        router.add_get("/api/files/local/{name}", self._file)

    def _unauthorised(self) -> web.Response:
        return web.json_response(
            {"error": "You don't have the permission to access the requested resource. "
                      "It is either read-protected or not readable by the server."}, status=403)

    def _state_text(self) -> str:
        if not self.serial_connected:
            return "Offline"
        self.device.update()
        job = self.device.job
        return "Operational" if job is None else _STATE_TEXT[job.phase]

    async def _version(self, request: web.Request) -> web.Response:
        return web.json_response({"api": "0.1", "server": _VERSION, "text": f"OctoPrint {_VERSION}"})

    async def _connection(self, request: web.Request) -> web.Response:
        state = self._state_text() if self.serial_connected else "Closed"
        return web.json_response({
            "current": {"state": state, "port": "/dev/ttyACM0", "baudrate": 115200,
                        "printerProfile": "_default"},
            "options": {"ports": ["/dev/ttyACM0"], "baudrates": [250000, 115200],
                        "printerProfiles": [{"id": "_default", "name": self.model}],
                        "portPreference": "/dev/ttyACM0", "baudratePreference": 115200,
                        "printerProfilePreference": "_default", "autoconnect": True},
        })

    async def _printer(self, request: web.Request) -> web.Response:
        text = self._state_text()
        if text == "Offline":
            raise SimRefused("Printer is not operational")
        device = self.device
        now = device.now()
        flags = {
            "operational": text != "Error", "printing": text == "Printing", "paused": text == "Paused",
            "pausing": False, "cancelling": False, "resuming": False, "finishing": False,
            "sdReady": False, "error": text == "Error", "ready": text == "Operational",
            "closedOrError": text == "Error",
        }
        temperature: dict[str, Any] = {
            "tool0": {"actual": device.nozzle.actual(now), "target": device.nozzle.target, "offset": 0},
            "bed": {"actual": device.bed.actual(now), "target": device.bed.target, "offset": 0},
        }
        if request.query.get("history", "false") == "true":
            temperature["history"] = []
        return web.json_response({"temperature": temperature, "sd": {"ready": False},
                                  "state": {"text": text, "flags": flags}})

    async def _job(self, request: web.Request) -> web.Response:
        device = self.device
        text = self._state_text()
        job = device.job
        if job is None:
            file: dict[str, Any] = {"name": None, "origin": None, "size": None, "date": None,
                                    "path": None, "display": None}
            progress: dict[str, Any] = {"completion": None, "filepos": None, "printTime": None,
                                        "printTimeLeft": None, "printTimeLeftOrigin": None}
            estimate = None
        else:
            size = job.path.stat().st_size
            fraction = device.progress()
            file = {"name": job.name, "origin": "local", "size": size, "date": int(job.started_wall),
                    "path": job.name, "display": job.name}
            progress = {"completion": round(fraction * 100.0, 4), "filepos": int(size * fraction),
                        "printTime": int(device.elapsed_s()), "printTimeLeft": device.remaining_s(),
                        "printTimeLeftOrigin": "estimate"}
            if job.phase == "cancelled":  # OctoPrint clears the progress of a cancelled print
                progress = dict.fromkeys(progress)
            estimate = round(job.clock.duration_s, 1)
        return web.json_response({
            "job": {"file": file, "estimatedPrintTime": estimate, "averagePrintTime": None,
                    "lastPrintTime": None, "filament": None, "user": "odind" if job else None},
            "progress": progress,
            "state": text,
            "error": (job.fault or "") if job is not None else "",
        })

    async def _job_command(self, request: web.Request) -> web.Response:
        if not self.serial_connected:
            raise SimRefused("Printer is not operational")
        try:
            body = await request.json()
        except json.JSONDecodeError as exc:
            raise SimRefused("Malformed JSON body in request", 400) from exc
        command, action = body.get("command"), body.get("action")
        if command == "cancel":
            self.device.cancel()
        elif command == "pause" and action in ("pause", "resume"):
            getattr(self.device, action)()
        elif command == "pause" and action == "toggle":
            self.device.update()
            if self.device.job is not None and self.device.job.phase == "paused":
                self.device.resume()
            else:
                self.device.pause()
        else:
            raise SimRefused(f"unknown command {command!r}", 400)
        return web.Response(status=204)

    async def _file(self, request: web.Request) -> web.Response:
        """A stored file with OctoPrint's print statistics (this simulator remembers the last job's)."""
        name = self.device.check_name(request.match_info["name"])
        path = self.device.files_dir / name
        if not path.is_file():
            raise SimRefused("File not found", 404)
        self.device.update()
        job = self.device.job
        prints: dict[str, Any] = {}
        if job is not None and job.name == name and job.phase in ("complete", "cancelled", "error"):
            success = job.phase == "complete"
            prints = {"success": int(success), "failure": int(not success),
                      "last": {"date": job.started_wall, "success": success}}
        return web.json_response({"name": name, "path": name, "display": name, "origin": "local",
                                  "size": path.stat().st_size, "date": int(path.stat().st_mtime),
                                  "type": "machinecode", "typePath": ["machinecode", "gcode"],
                                  **({"prints": prints} if prints else {})})

    async def _upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise SimRefused("No file included", 400)
        name = upload.filename
        start = str(form.get("print", "false")).lower() == "true"
        if start and (self.device.busy or not self.serial_connected):
            raise SimRefused("Printer is not operational or already busy, cannot print")
        self.device.store(name, upload.file.read())
        if start:
            await self.device.start(name)
        base = f"http://127.0.0.1:{self.port}"
        return self.upload_answer(web.json_response({
            "done": True,
            "files": {"local": {"name": name, "origin": "local", "path": name, "display": name,
                                "refs": {"resource": f"{base}/api/files/local/{name}",
                                         "download": f"{base}/downloads/files/local/{name}"}}},
            "effectiveSelect": str(form.get("select", "false")).lower() == "true" or start,
            "effectivePrint": start,
        }, status=201, headers={"Location": f"{base}/api/files/local/{name}"}))


async def launch_simulator(*, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                           workdir: Path) -> OctoPrintSimulator:
    sim = OctoPrintSimulator(name=name, model=model, speed=speed, filaments=filaments, workdir=workdir)
    await sim.start()
    return sim
