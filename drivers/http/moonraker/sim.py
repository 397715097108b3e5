"""A Klipper printer behind Moonraker, as far as its HTTP API and its websocket show it.

The websocket speaks JSON-RPC 2.0 in the shapes Moonraker documents: `server.connection.identify`,
`printer.objects.subscribe` / `query`, `printer.info`, `server.info`; subscribed objects are
pushed as `notify_status_update` with only the fields that changed, every 250 ms as Moonraker does,
and Klippy's state changes as `notify_klippy_ready` / `_shutdown` / `_disconnected`.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import WSCloseCode, WSMsgType, web

from odind.drivers.http.moonraker.sim_klipper import KLIPPER_VERSION, klippy_state, printer_objects, select, unsent
from odind.drivers.http.sim import HttpSimulator, SimRefused
from odind.vocabulary import LoadedFilament

log = logging.getLogger(__name__)

_KLIPPY_NOTICE = {"ready": "notify_klippy_ready", "shutdown": "notify_klippy_shutdown",
                  "disconnected": "notify_klippy_disconnected"}


class _RpcFailure(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(eq=False)
class _Client:
    """One websocket connection and what it has been told so far."""

    ws: web.WebSocketResponse
    connection_id: int
    authed: bool
    identified: bool = False
    subscription: dict[str, list[str] | None] = field(default_factory=dict)
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)  # last values pushed, per object
    klippy: str = "ready"  # the Klippy state this client was last told


class MoonrakerSimulator(HttpSimulator):
    family: ClassVar[str] = "moonraker"
    push_interval_s: ClassVar[float] = 0.25  # Moonraker batches subscription updates every 250 ms
    late_auth_paths: ClassVar[frozenset[str]] = frozenset({"/websocket"})  # identify may carry the key

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.websocket_open = True  # False: upgrades answer 404, as behind a proxy that drops them
        self.klippy_connected = True  # False: Klippy's host process is gone (Moonraker itself answers)
        self.updates_pushed = 0  # notify_status_update messages sent, to all clients (tests read this)
        self._clients: set[_Client] = set()
        self._connection_ids = itertools.count(1730367696)
        self._app.on_shutdown.append(self._close_sockets)

    @property
    def websocket_clients(self) -> int:
        return len(self._clients)

    async def drop_websockets(self) -> None:
        """Close every websocket, as a restarting reverse proxy or a Wi-Fi blip does."""
        for client in list(self._clients):
            await client.ws.close(code=WSCloseCode.GOING_AWAY, message=b"dropped")

    async def _close_sockets(self, app: web.Application) -> None:
        await self.drop_websockets()

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/websocket", self._websocket)
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

    def _klippy_state(self) -> dict[str, str]:
        return klippy_state(self.device, connected=self.klippy_connected)

    def _require_klippy(self) -> None:
        if not self.klippy_connected:
            raise SimRefused("Klippy Disconnected", 503)

    async def _server_info(self, request: web.Request) -> web.Response:
        return web.json_response({"result": self._server_info_result()})

    def _server_info_result(self) -> dict[str, Any]:
        return {
            "klippy_connected": self.klippy_connected,
            "klippy_state": self._klippy_state()["state"],
            "components": ["database", "file_manager", "klippy_apis", "machine", "data_store", "history"],
            "failed_components": [],
            "registered_directories": ["config", "logs", "gcodes"],
            "warnings": [],
            "websocket_count": 0,
            "moonraker_version": "v0.9.3-1-g3e6a2c4",
            "missing_klippy_requirements": [],
            "api_version": [1, 5, 0],
            "api_version_string": "1.5.0",
        }

    async def _printer_info(self, request: web.Request) -> web.Response:
        self._require_klippy()
        return web.json_response({"result": self._printer_info_result()})

    def _printer_info_result(self) -> dict[str, Any]:
        return {
            **self._klippy_state(),
            "hostname": self.name,
            "software_version": KLIPPER_VERSION,
            "cpu_info": "4 core ARM",
            "klipper_path": "/home/pi/klipper",
            "python_path": "/home/pi/klippy-env/bin/python",
            "log_file": "/home/pi/printer_data/logs/klippy.log",
            "config_file": "/home/pi/printer_data/config/printer.cfg",
        }

    async def _query(self, request: web.Request) -> web.Response:
        self._require_klippy()
        wanted: dict[str, list[str] | None] = {}
        for key, value in request.query.items():
            wanted[key] = value.split(",") if value else None
        return web.json_response({"result": {"eventtime": round(time.monotonic(), 3),
                                             "status": self._select(wanted)}})

    def _select(self, wanted: dict[str, list[str] | None]) -> dict[str, Any]:
        return select(self._objects(), wanted)

    def _objects(self) -> dict[str, Any]:
        return printer_objects(self.device, gcodes_dir="/home/pi/printer_data/gcodes")

    # -- the websocket --------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.websocket_open:
            raise web.HTTPNotFound()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        client = _Client(ws=ws, connection_id=next(self._connection_ids), authed=self.authorised(request),
                         klippy=self._klippy_state()["state"])
        self._clients.add(client)
        pusher = asyncio.create_task(self._push_updates(client), name=f"moonraker-sim:{client.connection_id}")
        try:
            while not ws.closed:
                # A silent server must not even answer pings, and aiohttp answers them inside receive().
                if not self._speaking.is_set():
                    await self._speaking.wait()
                    continue
                try:
                    msg = await ws.receive(timeout=0.1)
                except TimeoutError:
                    continue
                if msg.type is WSMsgType.TEXT:
                    await self._answer(client, msg.data)
                elif msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    break
        finally:
            self._clients.discard(client)
            pusher.cancel()
            await asyncio.gather(pusher, return_exceptions=True)
        return ws

    async def _send(self, client: _Client, message: dict[str, Any]) -> None:
        text = json.dumps(message)
        if self.faults.bad_json:
            text = text[: len(text) // 2]
        if not client.ws.closed:
            await client.ws.send_str(text)

    async def _answer(self, client: _Client, data: str) -> None:
        try:
            request = json.loads(data)
        except ValueError:
            await self._send(client, {"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"},
                                      "id": None})
            return
        request_id = request.get("id")
        try:
            result = self._call(client, str(request.get("method")), request.get("params") or {})
        except SimRefused as exc:
            reply: dict[str, Any] = {"error": {"code": exc.status, "message": str(exc)}}
        except _RpcFailure as exc:
            reply = {"error": {"code": exc.code, "message": str(exc)}}
        else:
            reply = {"result": result}
        if request_id is not None:
            await self._send(client, {"jsonrpc": "2.0", **reply, "id": request_id})

    def _call(self, client: _Client, method: str, params: dict[str, Any]) -> Any:
        if method == "server.connection.identify":
            return self._identify(client, params)
        if not client.authed or self.faults.refuse_auth:
            raise _RpcFailure(401, "Unauthorized")
        if method == "server.info":
            return self._server_info_result()
        self._require_klippy()
        if method == "printer.info":
            return self._printer_info_result()
        if method in ("printer.objects.query", "printer.objects.subscribe"):
            objects = params.get("objects")
            if not isinstance(objects, dict):
                raise _RpcFailure(400, "Invalid argument for 'objects'")
            status = self._select(objects)
            if method == "printer.objects.subscribe":
                client.subscription = dict(objects)
                client.sent = copy.deepcopy(status)
            return {"eventtime": round(time.monotonic(), 3), "status": status}
        raise _RpcFailure(-32601, "Method not found")

    def _identify(self, client: _Client, params: dict[str, Any]) -> dict[str, int]:
        for name in ("client_name", "version", "type", "url"):
            if not isinstance(params.get(name), str):
                raise _RpcFailure(400, f"No data for argument: {name}")
        if client.identified:
            raise _RpcFailure(400, f"Connection already identified: {client.connection_id}")
        key = params.get("api_key")
        if isinstance(key, str) and key:
            if self.faults.refuse_auth or key != self.api_key:
                raise _RpcFailure(401, "Unauthorized")
            client.authed = True
        if not client.authed:
            raise _RpcFailure(401, "Unauthorized")
        client.identified = True
        return {"connection_id": client.connection_id}

    async def _push_updates(self, client: _Client) -> None:
        """Every 250 ms: Klippy's state changes, then the subscribed fields that changed."""
        while not client.ws.closed:
            await asyncio.sleep(self.push_interval_s)
            await self._speaking.wait()
            if self.faults.server_error or (self.faults.refuse_auth and client.authed):
                await client.ws.close(code=WSCloseCode.INTERNAL_ERROR if self.faults.server_error
                                      else WSCloseCode.POLICY_VIOLATION)
                return
            klippy = self._klippy_state()["state"]
            if client.subscription and klippy != "disconnected":
                await self._push_changes(client)
            if klippy != client.klippy:
                client.klippy = klippy
                if klippy == "disconnected":
                    client.subscription, client.sent = {}, {}  # Klippy took them down with it
                await self._send(client, {"jsonrpc": "2.0", "method": _KLIPPY_NOTICE[klippy]})

    async def _push_changes(self, client: _Client) -> None:
        changes = unsent(self._select(client.subscription), client.sent)
        if changes:
            self.updates_pushed += 1
            await self._send(client, {"jsonrpc": "2.0", "method": "notify_status_update",
                                      "params": [changes, round(time.monotonic(), 3)]})

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
