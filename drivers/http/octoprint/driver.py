"""Printers run by OctoPrint: its REST API (`/api/...`, key in `X-Api-Key`) and its push socket.

The push socket is SockJS's raw websocket at `/sockjs/websocket`. It takes no API key itself: the
driver logs in passively with the key over REST, then authenticates the socket with the `auth`
message (`user:session`), as OctoPrint's own web client does. `current` messages then carry the
state, job and progress (at most twice a second) and `event` messages say how a print ended,
which the REST API leaves to guesswork.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import aiohttp
from pydantic import BaseModel

from odind.drivers.base import DriverError
from odind.drivers.http.printer import Command, HttpConnection, HttpPrinterDriver, PrinterUnavailable, Rejected
from odind.drivers.http.tracking import RemoteActivity, Snapshot, key_from_filename
from odind.vocabulary import Temperature

log = logging.getLogger(__name__)

# The events that tell how a print ended (or that a new one began), asked for on the push socket.
_EVENTS = ["PrintStarted", "PrintDone", "PrintFailed", "PrintCancelled"]

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
    error: str | None = None  # in push messages; the REST job answer has its own


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


class _LastPrint(BaseModel):
    success: bool


class _Prints(BaseModel):
    last: _LastPrint | None = None


class _FileInfo(BaseModel):
    prints: _Prints = _Prints()


class _Login(BaseModel):
    name: str
    session: str


class _Connected(BaseModel):
    display_version: str | None = None


class _Current(BaseModel):
    """A push `current` or `history` message: the REST printer and job answers in one."""

    state: _State
    job: _JobInfo = _JobInfo()
    progress: _Progress = _Progress()
    temps: list[dict[str, Any]] = []


class _Event(BaseModel):
    type: str
    payload: dict[str, Any] | None = None


class OctoPrintDriver(HttpPrinterDriver):
    family: ClassVar[str] = "octoprint"
    Connection: ClassVar[type[BaseModel]] = OctoPrintConnection
    has_push: ClassVar[bool] = True

    def __init__(self, name: str, connection: BaseModel, *, data_dir: Path) -> None:
        super().__init__(name, connection, data_dir=data_dir)
        self._last_end: tuple[str, RemoteActivity] | None = None  # file path and how its print ended (push)

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
        temps = {}
        for key, value in printer.temperature.items():
            if isinstance(value, _Temp) and value.actual is not None:
                temps[key] = Temperature(actual=value.actual, target=value.target)
        state = printer.state.model_copy(update={"error": job.error})
        file = job.job.file
        ending = self._ending(file)
        if ending is None and file.path and not job.progress.completion and _idle(state.flags):
            ending = await self._last_print(file.path)
        return _snapshot(state, file, job.progress, temps, ending)

    async def _last_print(self, path: str) -> RemoteActivity | None:
        """How the selected file's last print ended, from OctoPrint's print statistics.

        OctoPrint clears the progress when a print is cancelled but leaves the file selected, so
        without the push socket's events only the file's statistics tell a cancelled print from a
        file merely selected. They count a cancel and a failure alike; a failure that is the
        printer's fault shows as OctoPrint's error state before this is asked.
        """
        try:
            body = await self._request("GET", f"/api/files/local/{quote(path)}")
        except Rejected:
            return None  # deleted meanwhile
        last = self._parse(_FileInfo, body, "/api/files/local").prints.last
        if last is None:
            return None
        return RemoteActivity.COMPLETE if last.success else RemoteActivity.CANCELLED

    def _ending(self, file: _File) -> RemoteActivity | None:
        if self._last_end is None or self._last_end[0] != (file.path or file.name):
            return None
        return self._last_end[1]

    async def _push(self, subscribed: Callable[[], None]) -> None:
        try:
            body = await self._request("POST", "/api/login", json={"passive": True})
        except Rejected as exc:  # no such endpoint: not an OctoPrint with a push socket
            raise PrinterUnavailable(f"no passive login: {exc}") from exc
        login = self._parse(_Login, body, "/api/login")
        ws = await self._open_socket("/sockjs/websocket")
        async with ws:
            async for message in self._socket_messages(ws):
                if not isinstance(message, dict):
                    continue
                for kind, payload in message.items():
                    if kind == "connected":
                        connected = self._parse(_Connected, payload, "push connected")
                        if connected.display_version:
                            self._status.firmware = f"OctoPrint {connected.display_version}"
                        await self._socket_send(ws, {"auth": f"{login.name}:{login.session}"})
                        await self._socket_send(ws, {"subscribe": {
                            "state": {"logs": False, "messages": False}, "events": _EVENTS, "plugins": False}})
                    elif kind in ("history", "current"):
                        subscribed()
                        await self._on_current(self._parse(_Current, payload, f"push {kind}"))
                    elif kind == "event":
                        self._on_event(self._parse(_Event, payload, "push event"))
                    elif kind == "reauthRequired":
                        return  # the session went stale (OctoPrint restarted, user changed): log in afresh

    async def _on_current(self, current: _Current) -> None:
        flags = current.state.flags
        if not flags.operational and not flags.error:
            self._went_offline(f"OctoPrint is not connected to the printer: {current.state.text}")
            return
        temps = dict(self._status.temperatures)  # a message without new samples leaves them as they were
        for sample in current.temps[-1:]:
            for key, value in sample.items():
                if isinstance(value, dict) and isinstance(value.get("actual"), int | float):
                    target = value.get("target")
                    temps[key] = Temperature(actual=value["actual"],
                                             target=target if isinstance(target, int | float) else None)
        file = current.job.file
        ending = self._ending(file)
        if (ending is None and file.path and not current.progress.completion and _idle(flags)
                and self._tracker.started and key_from_filename(file.path) == self._tracker.key):
            # Our print stopped and its progress is gone, but its event has not arrived (or was
            # missed while the socket was down): the file's statistics say how it ended.
            ending = await self._last_print(file.path)
            if ending is None:
                return  # not recorded yet either; the next message will tell
        self._apply_pushed(_snapshot(current.state, file, current.progress, temps, ending))

    def _on_event(self, event: _Event) -> None:
        payload = event.payload or {}
        path = payload.get("path") or payload.get("name")
        if not isinstance(path, str):
            return
        if event.type == "PrintStarted":
            self._last_end = None
        elif event.type == "PrintDone":
            self._last_end = (path, RemoteActivity.COMPLETE)
        elif event.type == "PrintCancelled":
            self._last_end = (path, RemoteActivity.CANCELLED)
        elif event.type == "PrintFailed":  # a cancel fires it too, with reason "cancelled"
            cancelled = payload.get("reason") == "cancelled"
            self._last_end = (path, RemoteActivity.CANCELLED if cancelled else RemoteActivity.ERROR)

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


def _activity(state: _State, file: _File, progress: _Progress, ending: RemoteActivity | None) -> RemoteActivity:
    flags = state.flags
    if flags.error:
        return RemoteActivity.ERROR
    if flags.paused:
        return RemoteActivity.PAUSED
    if state.text.startswith("Starting"):
        return RemoteActivity.PREPARING
    if flags.printing or flags.pausing or flags.cancelling or flags.resuming or flags.finishing:
        return RemoteActivity.PRINTING
    # OctoPrint has no "finished" state: the last file stays selected, at 100 % when it printed
    # through, with no progress at all when it was cancelled. `ending` (the push socket's events or
    # the file's statistics) says which; lacking it, a completion short of 100 % means cancelled.
    if file.name is None:
        return RemoteActivity.IDLE
    if ending is not None:
        return ending
    completion = progress.completion
    if not completion:
        return RemoteActivity.IDLE
    return RemoteActivity.COMPLETE if completion >= 100.0 else RemoteActivity.CANCELLED


def _idle(flags: _Flags) -> bool:
    return flags.operational and not (flags.error or flags.paused or flags.printing or flags.pausing
                                      or flags.cancelling or flags.resuming or flags.finishing)


def _snapshot(state: _State, file: _File, progress: _Progress, temps: dict[str, Temperature],
              ending: RemoteActivity | None) -> Snapshot:
    activity = _activity(state, file, progress, ending)
    completion = progress.completion
    left = progress.printTimeLeft
    active = activity in (RemoteActivity.PRINTING, RemoteActivity.PAUSED, RemoteActivity.PREPARING)
    message = None
    if activity is RemoteActivity.ERROR:
        message = state.error or state.text
    return Snapshot(
        activity=activity,
        filename=file.name,
        progress=None if completion is None else round(completion / 100.0, 4),
        time_left_s=round(left) if left is not None and active else None,
        temperatures=temps,
        message=message,
    )
