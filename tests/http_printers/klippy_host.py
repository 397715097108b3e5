"""Klippy's API socket, served to a real Moonraker by the tests.

Klipper's host process needs a printer's microcontroller to come up, so the tests stand in for it
on the Unix socket Moonraker connects to, speaking Klippy's API server protocol as Klipper's
docs/API_Server.md describes it: JSON objects ended by 0x03, `{"id", "method", "params"}` requests
answered with `result` or `error`, and subscriptions pushed every 250 ms as the caller's
`response_template` with `{"eventtime", "status"}` holding only the fields that changed. Behind it
is the simulators' SimDevice, printing the files Moonraker stores in its gcodes directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from odind.drivers.http.moonraker.sim_klipper import KLIPPER_VERSION, klippy_state, printer_objects, select, unsent
from odind.drivers.http.sim import SimDevice, SimRefused

log = logging.getLogger(__name__)

PUSH_INTERVAL_S = 0.25  # Klippy batches subscription updates every 250 ms
_PRINT_FILE = re.compile(r'^SDCARD_PRINT_FILE\s+FILENAME="?(?P<name>[^"]+)"?\s*$', re.IGNORECASE)


class _Refused(Exception):
    """A request Klippy answers with an error: Moonraker passes the message on to its caller."""


@dataclass(eq=False)
class _Client:
    writer: asyncio.StreamWriter
    subscription: dict[str, list[str] | None] = field(default_factory=dict)
    template: dict[str, Any] = field(default_factory=dict)
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)


class KlippyHost:
    """One Klippy with a virtual SD card over `gcodes_dir`; start(), stop() and start() again."""

    def __init__(self, socket_path: Path, gcodes_dir: Path, *, speed: float) -> None:
        self.socket_path = socket_path
        self.gcodes_dir = gcodes_dir
        self._speed = speed
        self.device: SimDevice | None = None
        self.scripts: list[str] = []  # every G-code script Moonraker sent, in order
        self._server: asyncio.AbstractServer | None = None
        self._clients: set[_Client] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Come up (again): a Klippy that restarted has lost its job, as after a power cut."""
        if self.device is None or self.device.job is not None:
            self.device = SimDevice(model="Klipper", speed=self._speed, workdir=self.gcodes_dir.parent / "klippy",
                                    filaments=[])
            self.device.files_dir = self.gcodes_dir
        self.socket_path.unlink(missing_ok=True)
        self._server = await asyncio.start_unix_server(self._serve, path=str(self.socket_path))

    async def stop(self) -> None:
        """Klippy's process ends: the socket goes away and Moonraker's connection closes."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for client in list(self._clients):
            client.writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._clients.clear()

    @property
    def printer(self) -> SimDevice:
        assert self.device is not None, "Klippy has not started"
        return self.device

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = _Client(writer)
        self._clients.add(client)
        pusher = self._spawn(self._push(client))
        try:
            while True:
                try:
                    data = await reader.readuntil(b"\x03")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                self._spawn(self._answer(client, data[:-1]))
        finally:
            pusher.cancel()
            self._clients.discard(client)
            writer.close()

    def _spawn(self, work: Awaitable[None]) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _send(self, client: _Client, message: dict[str, Any]) -> None:
        if not client.writer.is_closing():
            client.writer.write(json.dumps(message).encode() + b"\x03")

    async def _answer(self, client: _Client, data: bytes) -> None:
        request = json.loads(data)
        handler = self._endpoints().get(request.get("method"))
        try:
            if handler is None:
                raise _Refused(f"No registered endpoint '{request.get('method')}'")
            result = await handler(client, request.get("params") or {})
        except (_Refused, SimRefused) as exc:
            reply: dict[str, Any] = {"error": {"error": "WebRequestError", "message": str(exc)}}
        else:
            reply = {"result": result}
        self._send(client, {"id": request.get("id"), **reply})

    def _endpoints(self) -> dict[str, Callable[[_Client, dict[str, Any]], Awaitable[Any]]]:
        return {
            "info": self._info, "list_endpoints": self._list_endpoints, "objects/list": self._list_objects,
            "objects/query": self._query, "objects/subscribe": self._subscribe, "gcode/script": self._script,
            "gcode/subscribe_output": self._nothing, "register_remote_method": self._nothing,
            "pause_resume/pause": self._pause, "pause_resume/resume": self._resume,
            "pause_resume/cancel": self._cancel, "emergency_stop": self._emergency_stop,
        }

    def _objects(self) -> dict[str, dict[str, Any]]:
        objects = printer_objects(self.printer, gcodes_dir=str(self.gcodes_dir))
        objects["configfile"] = {"config": {"virtual_sdcard": {"path": str(self.gcodes_dir)}},
                                 "settings": {"virtual_sdcard": {"path": str(self.gcodes_dir)}}}
        return objects

    def _select(self, wanted: dict[str, list[str] | None]) -> dict[str, dict[str, Any]]:
        return select(self._objects(), wanted)

    async def _info(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        return {**klippy_state(self.printer), "hostname": "odind-test", "software_version": KLIPPER_VERSION,
                "cpu_info": "test", "klipper_path": str(self.socket_path.parent / "klipper"),
                "python_path": "/usr/bin/python3", "log_file": "", "config_file": "", "app": "Klipper"}

    async def _list_endpoints(self, client: _Client, params: dict[str, Any]) -> dict[str, list[str]]:
        return {"endpoints": sorted(self._endpoints())}

    async def _list_objects(self, client: _Client, params: dict[str, Any]) -> dict[str, list[str]]:
        return {"objects": sorted(self._objects())}

    async def _query(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        return {"eventtime": self.printer.now(), "status": self._select(_objects_param(params))}

    async def _subscribe(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        """Klippy keeps one subscription per connection: a new one replaces it."""
        client.subscription = _objects_param(params)
        client.template = dict(params.get("response_template") or {})
        status = self._select(client.subscription)
        client.sent = copy.deepcopy(status)
        return {"eventtime": self.printer.now(), "status": status}

    async def _nothing(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        return {}

    async def _script(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        script = str(params.get("script", ""))
        self.scripts.append(script)
        command = script.strip()
        if match := _PRINT_FILE.match(command):
            await self.printer.start(match["name"])
        elif command.upper() in ("PAUSE", "RESUME", "CANCEL_PRINT"):
            await self._endpoints()[f"pause_resume/{command.lower().removesuffix('_print')}"](client, {})
        return {}

    async def _pause(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        self.printer.pause()
        return {}

    async def _resume(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        self.printer.resume()
        return {}

    async def _cancel(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        self.printer.cancel()
        return {}

    async def _emergency_stop(self, client: _Client, params: dict[str, Any]) -> dict[str, Any]:
        self.shut_down("Shutdown due to webhooks request")
        return {}

    def shut_down(self, reason: str) -> None:
        """A fault Klipper cannot go on from (heater, MCU): the print ends in error, Klippy shuts down."""
        printer = self.printer
        if printer.job is not None and printer.job.phase == "printing":
            printer.fail(reason)

    async def _push(self, client: _Client) -> None:
        while True:
            await asyncio.sleep(PUSH_INTERVAL_S)
            if not client.subscription or not client.template:
                continue
            changes = unsent(self._select(client.subscription), client.sent)
            if changes:
                with contextlib.suppress(ConnectionError):
                    self._send(client, {**client.template,
                                        "params": {"eventtime": self.printer.now(), "status": changes}})


def _objects_param(params: dict[str, Any]) -> dict[str, list[str] | None]:
    objects = params.get("objects")
    if not isinstance(objects, dict):
        raise _Refused("Invalid argument for 'objects'")
    return {str(name): list(fields) if isinstance(fields, list) else None for name, fields in objects.items()}
