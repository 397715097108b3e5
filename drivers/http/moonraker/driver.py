"""Klipper printers through Moonraker: its websocket (JSON-RPC 2.0) for state, HTTP for the rest.

Like Mainsail and Fluidd, the driver subscribes to Klipper's printer objects over the websocket
and follows `notify_status_update`; Klippy's own state comes with the `webhooks` object and the
`notify_klippy_*` notifications. Uploads and commands go over HTTP, and HTTP polling stands in
while the websocket is down.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import aiohttp
from pydantic import BaseModel

from odind.drivers.base import DriverError
from odind.drivers.http.moonraker.rpc import RpcError, RpcSocket
from odind.drivers.http.printer import Command, HttpConnection, HttpPrinterDriver, PrinterUnavailable
from odind.drivers.http.tracking import RemoteActivity, Snapshot
from odind.vocabulary import Temperature

log = logging.getLogger(__name__)

STATUS_QUERY = "/printer/objects/query?print_stats&virtual_sdcard&extruder&heater_bed&display_status"
# What the websocket subscribes to: the query's objects, only the fields we read, and Klippy's state.
SUBSCRIPTION: dict[str, list[str] | None] = {
    "print_stats": ["filename", "state", "print_duration", "message", "info"],
    "virtual_sdcard": ["progress", "is_active"],
    "display_status": ["progress", "message"],
    "extruder": ["temperature", "target"],
    "heater_bed": ["temperature", "target"],
    "webhooks": ["state", "state_message"],
}

# Klipper's print_stats.state values.
_ACTIVITY = {
    "standby": RemoteActivity.IDLE,
    "printing": RemoteActivity.PRINTING,
    "paused": RemoteActivity.PAUSED,
    "complete": RemoteActivity.COMPLETE,
    "cancelled": RemoteActivity.CANCELLED,
    "error": RemoteActivity.ERROR,
}


class MoonrakerConnection(HttpConnection):
    """Moonraker needs no key for trusted clients, so `api_key` stays optional."""


class _ServerInfo(BaseModel):
    klippy_connected: bool = False
    klippy_state: str
    moonraker_version: str | None = None


class _PrinterInfo(BaseModel):
    state: str
    state_message: str = ""
    software_version: str | None = None


class _LayerInfo(BaseModel):
    total_layer: int | None = None
    current_layer: int | None = None


class _PrintStats(BaseModel):
    filename: str = ""
    state: str
    print_duration: float = 0.0
    message: str = ""
    info: _LayerInfo | None = None


class _VirtualSdcard(BaseModel):
    progress: float = 0.0
    is_active: bool = False


class _Heater(BaseModel):
    temperature: float
    target: float


class _DisplayStatus(BaseModel):
    progress: float | None = None
    message: str | None = None


class _Objects(BaseModel):
    print_stats: _PrintStats
    virtual_sdcard: _VirtualSdcard | None = None
    extruder: _Heater | None = None
    heater_bed: _Heater | None = None
    display_status: _DisplayStatus | None = None


class _QueryResult(BaseModel):
    eventtime: float | None = None
    status: _Objects


T = TypeVar("T")


class _Wrapped(BaseModel, Generic[T]):
    """Moonraker wraps every answer in {"result": ...}."""

    result: T


class _UploadResult(BaseModel):
    print_started: bool = False
    print_queued: bool = False


class _Webhooks(BaseModel):
    state: str = "ready"
    state_message: str = ""


class MoonrakerDriver(HttpPrinterDriver):
    family: ClassVar[str] = "moonraker"
    Connection: ClassVar[type[BaseModel]] = MoonrakerConnection
    has_push: ClassVar[bool] = True

    def __init__(self, name: str, connection: BaseModel, *, data_dir: Path) -> None:
        super().__init__(name, connection, data_dir=data_dir)
        self._objects: dict[str, dict[str, Any]] = {}  # Klipper's objects as the websocket last told them
        self._unapplied = False  # _objects holds pushed changes not yet applied

    def _error_text(self, body: Any) -> str | None:
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            message = body["error"].get("message")
            return str(message) if message else None
        return super()._error_text(body)

    async def _identify(self) -> str | None:
        body = await self._request("GET", "/printer/info")
        info = self._parse(_Wrapped[_PrinterInfo], body, "/printer/info").result
        return f"Klipper {info.software_version}" if info.software_version else "Klipper"

    async def _read_status(self) -> Snapshot:
        server = self._parse(_Wrapped[_ServerInfo], await self._request("GET", "/server/info"),
                             "/server/info").result
        if server.klippy_state in ("shutdown", "error"):
            info = self._parse(_Wrapped[_PrinterInfo], await self._request("GET", "/printer/info"),
                               "/printer/info").result
            return Snapshot(activity=RemoteActivity.ERROR,
                            message=info.state_message or f"Klipper {server.klippy_state}")
        if server.klippy_state != "ready":
            raise PrinterUnavailable(f"Klipper is {server.klippy_state}")
        body = await self._request("GET", STATUS_QUERY)
        objects = self._parse(_Wrapped[_QueryResult], body, "/printer/objects/query").result.status
        return _snapshot(objects)

    async def _push(self, subscribed: Callable[[], None]) -> None:
        ws = await self._open_socket("/websocket")
        async with ws:
            rpc = RpcSocket(ws, self._socket_messages(ws), timeout_s=self.connection.timeout_s, owner=self.name)
            try:
                # Moonraker requires a project URL field; odind has no public homepage to put in it.
                identity: dict[str, Any] = {"client_name": "odind", "version": version("odind"),
                                            "type": "other", "url": ""}
                if self.connection.api_key:
                    identity["api_key"] = self.connection.api_key
                await rpc.call("server.connection.identify", identity)
                await self._subscribe(rpc)
                subscribed()
                while True:
                    try:
                        message = await asyncio.wait_for(rpc.notification(), self._telemetry_wait())
                    except TimeoutError:
                        self._apply_objects()  # the held telemetry's turn
                        continue
                    if message is None:
                        return
                    await self._on_notification(rpc, message)
            finally:
                await rpc.close()

    def _telemetry_wait(self) -> float | None:
        """How long merged telemetry may wait before it is applied (None: nothing is waiting)."""
        if not self._unapplied:
            return None
        return max(0.0, self._pushed_at + self._poll_interval() - asyncio.get_running_loop().time())

    async def _subscribe(self, rpc: RpcSocket) -> None:
        """Subscribe (again: Klippy forgets subscriptions when it restarts) and apply the whole state."""
        self._objects, self._unapplied = {}, False
        try:
            result = await rpc.call("printer.objects.subscribe", {"objects": SUBSCRIPTION})
        except RpcError as exc:
            # Klippy is not connected to Moonraker yet; notify_klippy_ready will say when it is.
            self._went_offline(f"Klipper is not ready: {exc}")
            return
        status = result.get("status") if isinstance(result, dict) else None
        if not isinstance(status, dict):
            raise PrinterUnavailable("printer.objects.subscribe answered without a status")
        self._merge(status)
        if not self._identified:
            info = self._parse(_PrinterInfo, await rpc.call("printer.info"), "printer.info")
            self._status.firmware = f"Klipper {info.software_version}" if info.software_version else "Klipper"
        self._apply_objects()

    async def _on_notification(self, rpc: RpcSocket, message: dict[str, Any]) -> None:
        method = message["method"]
        params = message.get("params")
        if method == "notify_status_update" and isinstance(params, list) and params:
            if isinstance(params[0], dict) and self._objects:
                self._merge(params[0])
                # Four updates a second mostly move temperatures and durations: those wait for the
                # polling pace (without even being parsed), a change of state does not.
                if _significant(params[0]) or self._telemetry_wait() == 0.0:
                    self._apply_objects()
                else:
                    self._unapplied = True
        elif method == "notify_klippy_ready":
            await self._subscribe(rpc)
        elif method == "notify_klippy_shutdown":
            # The reason arrives with webhooks; printer.info has it too, should that update lag.
            info = self._parse(_PrinterInfo, await rpc.call("printer.info"), "printer.info")
            self._merge({"webhooks": {"state": info.state, "state_message": info.state_message}})
            self._apply_objects()
        elif method == "notify_klippy_disconnected":
            self._objects, self._unapplied = {}, False
            self._went_offline("Moonraker lost its connection to Klipper")

    def _merge(self, changes: dict[str, Any]) -> None:
        for name, fields in changes.items():
            if isinstance(fields, dict):
                self._objects.setdefault(name, {}).update(fields)

    def _apply_objects(self) -> None:
        self._unapplied = False
        webhooks = self._parse(_Webhooks, self._objects.get("webhooks", {}), "webhooks")
        if webhooks.state in ("shutdown", "error"):
            self._apply_pushed(Snapshot(activity=RemoteActivity.ERROR,
                                        message=webhooks.state_message or f"Klipper {webhooks.state}"))
        elif webhooks.state != "ready":
            self._went_offline(f"Klipper is {webhooks.state}")
        else:
            self._apply_pushed(_snapshot(self._parse(_Objects, self._objects, "notify_status_update")))

    async def _upload_and_print(self, file: Path, name: str) -> None:
        with file.open("rb") as fh:
            form = aiohttp.FormData()
            form.add_field("root", "gcodes")
            form.add_field("print", "true")
            form.add_field("file", fh, filename=name, content_type="application/octet-stream")
            body = await self._request("POST", "/server/files/upload", data=form, upload=True)
        # Moonraker answers uploads without the usual {"result": ...} wrapper.
        result = self._parse(_UploadResult, body.get("result", body) if isinstance(body, dict) else body,
                             "/server/files/upload")
        if not result.print_started:
            raise DriverError(f"Moonraker stored {name} but did not start it"
                              + (" (it was queued)" if result.print_queued else ""))

    async def _command(self, command: Command, snap: Snapshot) -> None:
        await self._request("POST", f"/printer/print/{command}")


def _significant(changes: dict[str, Any]) -> bool:
    """Whether pushed changes may change the printer's state, not just its telemetry."""
    stats = changes.get("print_stats")
    return "webhooks" in changes or (isinstance(stats, dict) and not stats.keys().isdisjoint(
        {"state", "filename", "message"}))


def _snapshot(objects: _Objects) -> Snapshot:
    stats = objects.print_stats
    activity = _ACTIVITY.get(stats.state)
    if activity is None:
        raise PrinterUnavailable(f"unknown print_stats.state {stats.state!r}")
    progress = None
    if objects.display_status is not None and objects.display_status.progress is not None:
        progress = objects.display_status.progress
    elif objects.virtual_sdcard is not None:
        progress = objects.virtual_sdcard.progress
    time_left = None
    if activity in (RemoteActivity.PRINTING, RemoteActivity.PAUSED) and progress and stats.print_duration > 0:
        time_left = round(stats.print_duration / progress - stats.print_duration)
    temps = {}
    if objects.extruder is not None:
        temps["tool0"] = Temperature(actual=objects.extruder.temperature, target=objects.extruder.target)
    if objects.heater_bed is not None:
        temps["bed"] = Temperature(actual=objects.heater_bed.temperature, target=objects.heater_bed.target)
    layers = stats.info or _LayerInfo()
    message = stats.message or None if activity is RemoteActivity.ERROR else None
    return Snapshot(activity=activity, filename=stats.filename or None, progress=progress,
                    time_left_s=time_left, layer=layers.current_layer, total_layers=layers.total_layer,
                    temperatures=temps, message=message)
