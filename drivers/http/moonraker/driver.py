"""Klipper printers through Moonraker's HTTP API, polled (the websocket adds nothing we need)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import aiohttp
from pydantic import BaseModel

from odind.drivers.base import DriverError
from odind.drivers.http.printer import Command, HttpConnection, HttpPrinterDriver, PrinterUnavailable
from odind.drivers.http.tracking import RemoteActivity, Snapshot
from odind.vocabulary import Temperature

log = logging.getLogger(__name__)

STATUS_QUERY = "/printer/objects/query?print_stats&virtual_sdcard&extruder&heater_bed&display_status"

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


class MoonrakerDriver(HttpPrinterDriver):
    family: ClassVar[str] = "moonraker"
    Connection: ClassVar[type[BaseModel]] = MoonrakerConnection

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
