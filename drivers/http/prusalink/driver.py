"""Prusa printers (MK4, MINI, XL, Core One) through the PrusaLink v1 HTTP API."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import aiohttp
from pydantic import BaseModel, model_validator

from odind.drivers.base import DriverError
from odind.drivers.http.printer import Command, HttpConnection, HttpPrinterDriver, PrinterUnavailable, Rejected
from odind.drivers.http.tracking import RemoteActivity, Snapshot
from odind.vocabulary import Temperature

log = logging.getLogger(__name__)

DEFAULT_STORAGE = "usb"  # firmware that predates /api/v1/storage (early MK4 releases) has only the USB stick

# PrusaLink's printer.state values.
_ACTIVITY = {
    "IDLE": RemoteActivity.IDLE,
    "READY": RemoteActivity.IDLE,
    "BUSY": RemoteActivity.PREPARING,
    "PRINTING": RemoteActivity.PRINTING,
    "PAUSED": RemoteActivity.PAUSED,
    "ATTENTION": RemoteActivity.PAUSED,
    "FINISHED": RemoteActivity.COMPLETE,
    "STOPPED": RemoteActivity.CANCELLED,
    "ERROR": RemoteActivity.ERROR,
}


class PrusaLinkConnection(HttpConnection):
    """PrusaLink takes an API key or, on newer firmware, HTTP digest with the printer's user/password."""

    username: str | None = None
    password: str | None = None

    @model_validator(mode="after")
    def _some_credentials(self) -> PrusaLinkConnection:
        if not self.api_key and not (self.username and self.password):
            raise ValueError("PrusaLink needs api_key, or username and password (digest)")
        return self


class _Version(BaseModel):
    api: str | None = None
    server: str | None = None
    text: str | None = None
    firmware: str | None = None


class _Storage(BaseModel):
    path: str = ""
    name: str | None = None
    available: bool = True
    read_only: bool = False


class _StorageList(BaseModel):
    storage_list: list[_Storage] = []


class _PrinterStatus(BaseModel):
    state: str
    temp_nozzle: float | None = None
    target_nozzle: float | None = None
    temp_bed: float | None = None
    target_bed: float | None = None


class _JobStatus(BaseModel):
    id: int
    progress: float | None = None
    time_remaining: int | None = None


class _Status(BaseModel):
    printer: _PrinterStatus
    job: _JobStatus | None = None


class _File(BaseModel):
    name: str
    display_name: str | None = None


class _Job(BaseModel):
    id: int
    state: str
    file: _File | None = None


class PrusaLinkDriver(HttpPrinterDriver):
    family: ClassVar[str] = "prusalink"
    Connection: ClassVar[type[BaseModel]] = PrusaLinkConnection
    connection: PrusaLinkConnection

    def __init__(self, name: str, connection: BaseModel, *, data_dir: Path) -> None:
        super().__init__(name, connection, data_dir=data_dir)
        self._storage = DEFAULT_STORAGE

    def _client_middlewares(self) -> tuple[aiohttp.ClientMiddlewareType, ...]:
        if self.connection.api_key or not (self.connection.username and self.connection.password):
            return ()
        return (aiohttp.DigestAuthMiddleware(self.connection.username, self.connection.password),)

    async def _identify(self) -> str | None:
        version = self._parse(_Version, await self._request("GET", "/api/version"), "/api/version")
        firmware = f" (firmware {version.firmware})" if version.firmware else ""
        self._storage = await self._writable_storage()
        return f"{version.text or 'PrusaLink'} {version.server or ''}".strip() + firmware

    async def _writable_storage(self) -> str:
        """Where uploads go: the MK4, XL and MINI print from "usb", PrusaLink on a Pi beside an MK3
        from "local" (its SD card is read-only over the API), so the printer is asked, not assumed."""
        try:
            body = await self._request("GET", "/api/v1/storage")
        except Rejected as exc:
            if exc.status == 404:
                return DEFAULT_STORAGE
            raise
        for storage in self._parse(_StorageList, body, "/api/v1/storage").storage_list:
            key = storage.path.strip("/") or storage.name
            if storage.available and not storage.read_only and key:
                return key
        raise PrinterUnavailable("the printer has no writable storage (is its USB stick in?)")

    async def _read_status(self) -> Snapshot:
        status = self._parse(_Status, await self._request("GET", "/api/v1/status"), "/api/v1/status")
        activity = _ACTIVITY.get(status.printer.state)
        if activity is None:
            raise PrinterUnavailable(f"unknown printer.state {status.printer.state!r}")
        filename = None
        if status.job is not None:
            body = await self._request("GET", "/api/v1/job")  # 204 No Content once the job is gone
            if body is not None:
                job = self._parse(_Job, body, "/api/v1/job")
                if job.file is not None:
                    filename = job.file.display_name or job.file.name
        printer = status.printer
        temps = {}
        if printer.temp_nozzle is not None:
            temps["tool0"] = Temperature(actual=printer.temp_nozzle, target=printer.target_nozzle)
        if printer.temp_bed is not None:
            temps["bed"] = Temperature(actual=printer.temp_bed, target=printer.target_bed)
        job_status = status.job
        progress = job_status.progress if job_status is not None else None
        message = {"ATTENTION": "the printer needs attention", "ERROR": "the printer reports an error"}
        return Snapshot(
            activity=activity,
            filename=filename,
            job_id=str(job_status.id) if job_status is not None else None,
            progress=None if progress is None else round(progress / 100.0, 4),
            time_left_s=job_status.time_remaining if job_status is not None else None,
            temperatures=temps,
            message=message.get(printer.state),
        )

    async def _upload_and_print(self, file: Path, name: str) -> None:
        headers = {"Print-After-Upload": "?1", "Overwrite": "?1", "Content-Type": "text/x.gcode"}
        with file.open("rb") as fh:
            await self._request("PUT", f"/api/v1/files/{quote(self._storage)}/{quote(name)}", data=fh,
                                headers=headers, upload=True)

    async def _command(self, command: Command, snap: Snapshot) -> None:
        if snap.job_id is None:
            raise DriverError(f"cannot {command}: the printer reports no job id")
        if command == "cancel":
            await self._request("DELETE", f"/api/v1/job/{snap.job_id}")
        else:
            await self._request("PUT", f"/api/v1/job/{snap.job_id}/{command}")
