"""Printers run by OctoPrint, through its REST API (`/api/...`, key in `X-Api-Key`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

import aiohttp
from pydantic import BaseModel

from odind.drivers.base import DriverError
from odind.drivers.http.printer import Command, HttpConnection, HttpPrinterDriver, PrinterUnavailable, Rejected
from odind.drivers.http.tracking import RemoteActivity, Snapshot
from odind.vocabulary import Temperature

log = logging.getLogger(__name__)

_COMMANDS: dict[Command, dict[str, str]] = {
    "pause": {"command": "pause", "action": "pause"},
    "resume": {"command": "pause", "action": "resume"},
    "cancel": {"command": "cancel"},
}


class OctoPrintConnection(HttpConnection):
    """OctoPrint refuses anonymous API calls, so the key is required."""

    api_key: str


class _Version(BaseModel):
    api: str
    server: str
    text: str | None = None


class _Flags(BaseModel):
    operational: bool = False
    printing: bool = False
    paused: bool = False
    pausing: bool = False
    cancelling: bool = False
    resuming: bool = False
    finishing: bool = False
    error: bool = False
    ready: bool = False
    closedOrError: bool = False


class _State(BaseModel):
    text: str
    flags: _Flags


class _Temp(BaseModel):
    actual: float | None = None
    target: float | None = None


class _Printer(BaseModel):
    state: _State
    temperature: dict[str, _Temp | list[object]] = {}


class _File(BaseModel):
    name: str | None = None
    path: str | None = None


class _JobInfo(BaseModel):
    file: _File = _File()


class _Progress(BaseModel):
    completion: float | None = None
    printTime: float | None = None
    printTimeLeft: float | None = None


class _Job(BaseModel):
    job: _JobInfo = _JobInfo()
    progress: _Progress = _Progress()
    state: str
    error: str | None = None


class _UploadAnswer(BaseModel):
    done: bool = True
    effectivePrint: bool = False


class OctoPrintDriver(HttpPrinterDriver):
    family: ClassVar[str] = "octoprint"
    Connection: ClassVar[type[BaseModel]] = OctoPrintConnection

    async def _identify(self) -> str | None:
        version = self._parse(_Version, await self._request("GET", "/api/version"), "/api/version")
        return version.text or f"OctoPrint {version.server}"

    async def _read_status(self) -> Snapshot:
        try:
            body = await self._request("GET", "/api/printer", params={"history": "false"})
        except Rejected as exc:
            if exc.status == 409:
                raise PrinterUnavailable(f"OctoPrint is not connected to the printer: {exc}") from exc
            raise PrinterUnavailable(str(exc)) from exc
        printer = self._parse(_Printer, body, "/api/printer")
        job = self._parse(_Job, await self._request("GET", "/api/job"), "/api/job")
        return _snapshot(printer, job)

    async def _upload_and_print(self, file: Path, name: str) -> None:
        with file.open("rb") as fh:
            form = aiohttp.FormData()
            form.add_field("file", fh, filename=name, content_type="application/octet-stream")
            form.add_field("select", "true")
            form.add_field("print", "true")
            body = await self._request("POST", "/api/files/local", data=form, upload=True)
        answer = self._parse(_UploadAnswer, body, "/api/files/local")
        if not answer.effectivePrint:
            raise DriverError(f"OctoPrint stored {name} but did not start printing it")

    async def _command(self, command: Command, snap: Snapshot) -> None:
        await self._request("POST", "/api/job", json=dict(_COMMANDS[command]))


def _activity(printer: _Printer, job: _Job) -> RemoteActivity:
    flags = printer.state.flags
    if flags.error:
        return RemoteActivity.ERROR
    if flags.paused:
        return RemoteActivity.PAUSED
    if printer.state.text.startswith("Starting"):
        return RemoteActivity.PREPARING
    if flags.printing or flags.pausing or flags.cancelling or flags.resuming or flags.finishing:
        return RemoteActivity.PRINTING
    # OctoPrint has no "finished" state: the last file stays selected with its completion.
    completion = job.progress.completion
    if job.job.file.name is None or not completion:
        return RemoteActivity.IDLE
    return RemoteActivity.COMPLETE if completion >= 100.0 else RemoteActivity.CANCELLED


def _snapshot(printer: _Printer, job: _Job) -> Snapshot:
    activity = _activity(printer, job)
    temps = {}
    for key, value in printer.temperature.items():
        if isinstance(value, _Temp) and value.actual is not None:
            temps[key] = Temperature(actual=value.actual, target=value.target)
    completion = job.progress.completion
    left = job.progress.printTimeLeft
    active = activity in (RemoteActivity.PRINTING, RemoteActivity.PAUSED, RemoteActivity.PREPARING)
    message = None
    if activity is RemoteActivity.ERROR:
        message = job.error or printer.state.text
    return Snapshot(
        activity=activity,
        filename=job.job.file.name,
        progress=None if completion is None else round(completion / 100.0, 4),
        time_left_s=round(left) if left is not None and active else None,
        temperatures=temps,
        message=message,
    )
