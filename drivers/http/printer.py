"""The client half shared by the HTTP printer families (Moonraker, OctoPrint, PrusaLink).

All three answer plain HTTP with an API key, so the supervision loops, reconnect backoff, error
mapping, the guarded job start and job tracking live here once; each family supplies only its
URLs and JSON shapes through five small hooks. Families whose server also pushes its state over a
websocket (Moonraker, OctoPrint) add a sixth, `_push`: while that socket is up the driver follows
it and does not poll; when it drops, polling takes over until the socket is back.
"""

from __future__ import annotations

import asyncio
import json
import logging
from abc import abstractmethod
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

import aiohttp
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from yarl import URL

from odind.drivers.base import DriverError, JobSpec, PrinterDriver
from odind.drivers.http.tracking import JobTracker, RemoteActivity, Snapshot, key_from_filename, remote_name
from odind.tasks import TaskSet
from odind.vocabulary import PrinterState

log = logging.getLogger(__name__)

Command = Literal["pause", "resume", "cancel"]
ModelT = TypeVar("ModelT", bound=BaseModel)


class HttpConnection(BaseModel):
    """The `connection` table of an HTTP printer: where it is, its key, and how often to ask."""

    model_config = ConfigDict(extra="forbid")

    url: str  # http://host:port of the printer's API server
    api_key: str | None = None
    poll_interval_s: float = Field(1.5, gt=0, le=60)  # while a job is on the printer
    idle_poll_interval_s: float | None = Field(None, gt=0, le=300)  # None: 4 x poll_interval_s
    timeout_s: float = Field(10.0, gt=0, le=300)
    max_backoff_s: float = Field(30.0, gt=0, le=3600)
    start_timeout_s: float = Field(120.0, gt=0)  # how long a sent job may take to show as printing
    verify_tls: bool = True  # False for an https printer with a self-signed certificate
    push: bool = True  # follow the printer's push socket where its API has one; poll only while it is down

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        url = URL(value.strip())
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"expected http://host[:port], got {value!r}")
        return str(url).rstrip("/")


class PrinterUnavailable(DriverError):
    """The printer did not answer usefully: unreachable, timed out, server error or garbage.

    `sent` is False only when the request certainly never reached the printer (connection refused),
    which is what lets a failed job start be told apart from one whose answer was lost.
    """

    def __init__(self, message: str, *, sent: bool = True) -> None:
        super().__init__(message)
        self.sent = sent


class AuthRefused(PrinterUnavailable):
    """The printer refused the API key; retrying will not help until the config changes."""


class Rejected(DriverError):
    """The printer understood the request and said no (HTTP 4xx with a reason)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class HttpPrinterDriver(PrinterDriver):
    """Polls one HTTP printer in the background and turns its answers into driver events."""

    Connection: ClassVar[type[BaseModel]] = HttpConnection
    connection: HttpConnection
    has_push: ClassVar[bool] = False  # the family implements `_push`

    def __init__(self, name: str, connection: BaseModel, *, data_dir: Path) -> None:
        super().__init__(name, connection, data_dir=data_dir)
        self._tasks = TaskSet(f"{self.family}:{name}")
        self._session: aiohttp.ClientSession | None = None
        self._tracker = JobTracker(self.connection.start_timeout_s)
        self._poll_lock = asyncio.Lock()
        self._start_lock = asyncio.Lock()
        self._identified = False
        self._snapshot: Snapshot | None = None
        self._applied = 0  # snapshots applied so far, so a slow HTTP read never overwrites newer pushed news
        self.push_live = False  # the push socket is up and subscribed: no polling
        self._pushed_at = 0.0  # when a pushed snapshot was last applied
        self._held: asyncio.TimerHandle | None = None  # a pushed snapshot waiting for its turn
        self._push_gone = asyncio.Event()
        self._push_gone.set()

    # -- hooks each family implements -------------------------------------------------------

    @abstractmethod
    async def _identify(self) -> str | None:
        """Check the API answers and the key is accepted; return the firmware/server version."""

    @abstractmethod
    async def _read_status(self) -> Snapshot: ...

    @abstractmethod
    async def _upload_and_print(self, file: Path, name: str) -> None:
        """Upload `file` to the printer as `name` and have it start printing that file."""

    @abstractmethod
    async def _command(self, command: Command, snap: Snapshot) -> None: ...

    def _error_text(self, body: Any) -> str | None:
        """The printer's own reason in an error body, where the family's API gives one."""
        if isinstance(body, dict):
            for key in ("error", "message", "title"):
                value = body.get(key)
                if isinstance(value, str) and value:
                    return value
        if isinstance(body, str) and body.strip():
            return body.strip()[:200]
        return None

    async def _push(self, subscribed: Callable[[], None]) -> None:
        """Follow the printer's push socket until it closes (families with `has_push`).

        Call `subscribed()` once the socket delivers the printer's whole state, then `_apply_pushed`
        each update (or `_went_offline` when the server says its printer is gone). Return when the
        server closes the socket; raise PrinterUnavailable when it cannot be opened or followed.
        """
        raise NotImplementedError(f"{self.family} has no push socket")

    def _client_middlewares(self) -> tuple[aiohttp.ClientMiddlewareType, ...]:
        """aiohttp client middlewares, for families whose auth is more than a header."""
        return ()

    def _auth_headers(self) -> dict[str, str]:
        return {"X-Api-Key": self.connection.api_key} if self.connection.api_key else {}

    # -- lifecycle --------------------------------------------------------------------------

    async def connect(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.connection.timeout_s),
                connector=aiohttp.TCPConnector(limit=4, ssl=self.connection.verify_tls),
                middlewares=self._client_middlewares(),
            )
        if not len(self._tasks):
            self._tasks.spawn(self._poll_loop(), "poll")
            if self.has_push and self.connection.push:
                self._tasks.spawn(self._push_loop(), "push")

    async def close(self) -> None:
        await self._tasks.cancel_all()
        self._push_down()
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._identified = False
        self._set_state(PrinterState.OFFLINE, "disconnected")

    def _poll_interval(self) -> float:
        """Slower while nothing runs: an idle printer's news (a job taken from its own screen, a
        door opened) can wait a few seconds, and a job start reads the printer afresh anyway.
        Polling 100 printers at the printing cadence cost a farm controller most of its HTTP CPU.
        """
        conn = self.connection
        if self._status.state in (PrinterState.IDLE, PrinterState.FINISHED, PrinterState.ERROR):
            return conn.idle_poll_interval_s or 4 * conn.poll_interval_s
        return conn.poll_interval_s

    async def _poll_loop(self) -> None:
        """Poll while no push socket is up; on failure back off exponentially up to max_backoff_s."""
        delay = self.connection.poll_interval_s
        while True:
            if self.push_live:
                await self._push_gone.wait()
                continue  # the socket just dropped: read the printer at once
            try:
                await self.refresh()
                delay = self._poll_interval()
            except PrinterUnavailable as exc:
                self._went_offline(str(exc))
                delay = min(max(delay, self.connection.poll_interval_s) * 2, self.connection.max_backoff_s)
            await asyncio.sleep(delay)

    async def _push_loop(self) -> None:
        """Keep the push socket open, reopening it with backoff; polling covers the gaps."""
        conn = self.connection
        delay = conn.poll_interval_s
        while True:
            reason = "the printer closed it"
            try:
                await self._push(self._push_up)
            except DriverError as exc:  # unreachable, refused, or a server without the socket (HTTP 404)
                reason = str(exc)
            finally:
                was_live = self._push_down()
            if was_live:
                log.info("printer %s: push socket lost (%s); polling until it is back", self.name, reason)
                delay = conn.poll_interval_s
            else:
                log.debug("printer %s: no push socket (%s)", self.name, reason)
                delay = min(max(delay, conn.poll_interval_s) * 2, conn.max_backoff_s)
            await asyncio.sleep(delay)

    def _push_up(self) -> None:
        if not self.push_live:
            log.info("printer %s: following its push socket; polling stops", self.name)
        self.push_live = True
        self._push_gone.clear()

    def _push_down(self) -> bool:
        """Hand back to polling; True if the socket had been up."""
        self._drop_held()
        was_live = self.push_live
        self.push_live = False
        self._push_gone.set()
        return was_live

    async def refresh(self) -> None:
        """Read the printer once over HTTP and apply what it says; raises PrinterUnavailable."""
        async with self._poll_lock:
            if not self._identified:
                self._status.firmware = await self._identify()
                self._identified = True
            applied = self._applied
            try:
                snap = await self._read_status()
            except PrinterUnavailable:
                self._identified = False
                raise
            if self.push_live and self._applied != applied:
                return  # the push socket reported while we asked: its news is newer than this answer
            self._apply(snap)

    def _went_offline(self, reason: str) -> None:
        self._drop_held()
        if self._status.state == PrinterState.OFFLINE and self._status.message is None:
            log.warning("printer %s unavailable: %s", self.name, reason)  # never reached since start
        self._identified = False
        self._snapshot = None
        self._status.progress = None
        self._status.time_left_s = None
        self._status.temperatures = {}
        self._set_state(PrinterState.OFFLINE, reason)

    def _apply_pushed(self, snap: Snapshot) -> None:
        """Apply news from the push socket: a change of state at once, telemetry at the polling pace.

        Moonraker pushes every 250 ms and OctoPrint every 500 ms while a print moves; applying each
        (tracking, status copies, an event per subscriber) cost more CPU than polling did. Progress
        and temperatures therefore refresh at the polling interval, with the latest values.
        """
        last = self._snapshot
        now = asyncio.get_running_loop().time()
        same = last is not None and (last.activity, last.filename, last.job_id, last.message) == (
            snap.activity, snap.filename, snap.job_id, snap.message)
        due = self._pushed_at + self._poll_interval()
        if same and now < due:
            self._drop_held()
            self._held = asyncio.get_running_loop().call_at(due, self._apply_held, snap)
            return
        self._pushed_at = now
        self._apply(snap)

    def _apply_held(self, snap: Snapshot) -> None:
        self._held = None
        self._pushed_at = asyncio.get_running_loop().time()
        self._apply(snap)

    def _drop_held(self) -> None:
        if self._held is not None:
            self._held.cancel()
            self._held = None

    def _apply(self, snap: Snapshot) -> None:
        self._drop_held()  # whatever is applied now is newer than a held pushed snapshot
        self._applied += 1
        self._snapshot = snap
        outcome = self._tracker.observe(snap, asyncio.get_running_loop().time())
        status = self._status
        before = (status.progress, status.time_left_s, status.layer, status.temperatures)
        status.job_key = outcome.job_key
        on_job = outcome.job_key is not None
        status.progress = snap.progress if on_job else None
        running = outcome.state in (PrinterState.PRINTING, PrinterState.PAUSED, PrinterState.PREPARING)
        status.time_left_s = snap.time_left_s if on_job and running else None
        status.layer = snap.layer if on_job else None
        status.total_layers = snap.total_layers if on_job else None
        status.temperatures = dict(snap.temperatures)
        self._set_state(outcome.state, outcome.message)
        for event in outcome.events:
            log.info("printer %s: %s %s%s", self.name, event.kind, event.job_key,
                     f" ({event.message})" if event.message else "")
            self._emit(event.kind, job_key=event.job_key, message=event.message, cancelled=event.cancelled)
        if before != (status.progress, status.time_left_s, status.layer, status.temperatures):
            self._emit("telemetry", job_key=status.job_key)

    # -- commands ---------------------------------------------------------------------------

    async def start_job(self, job: JobSpec) -> None:
        """Upload and start `job`, at most once.

        Before uploading, the printer is read afresh: if it already prints this job (an earlier
        attempt whose answer was lost), the job is adopted instead of sent again. If the upload's
        answer is lost, the printer is read again to find out whether it took the job; if it cannot
        be read either, this returns and the outcome arrives as an event (job_started, or job_failed
        once start_timeout_s has passed without the printer taking the job).
        """
        if job.file.suffix.lower() != ".gcode":
            raise DriverError(f"{self.family} printers take plain .gcode files, not {job.file.name}")
        if not job.file.is_file():
            raise DriverError(f"job file {job.file} does not exist")
        async with self._start_lock:
            if self._tracker.key == job.job_key:
                return
            await self.refresh()
            if self._tracker.key == job.job_key:
                log.info("printer %s already has job %s; not sending it again", self.name, job.job_key)
                return
            if self._status.state not in (PrinterState.IDLE, PrinterState.FINISHED):
                raise DriverError(f"printer {self.name} is {self._status.state}, not ready for a new job")
            self._tracker.begin(job.job_key, asyncio.get_running_loop().time())
            self._status.job_key = job.job_key
            self._set_state(PrinterState.PREPARING)
            try:
                await self._upload_and_print(job.file, remote_name(job.job_key))
            except PrinterUnavailable as exc:
                if exc.sent and await self._took_job(job.job_key):
                    return
                await self._abandon(job.job_key)
                raise DriverError(f"could not start {job.job_key} on {self.name}: {exc}") from exc
            except DriverError:
                await self._abandon(job.job_key)
                raise
            await self._refresh_quietly()

    async def _took_job(self, job_key: str) -> bool:
        """After a lost answer: True if the printer did take the job (or cannot tell yet)."""
        try:
            await self.refresh()
        except PrinterUnavailable:
            log.warning("printer %s: cannot tell whether %s started; waiting for the printer to say",
                        self.name, job_key)
            return True
        snap = self._snapshot
        return (snap is not None and snap.activity is not RemoteActivity.IDLE
                and key_from_filename(snap.filename) == job_key)

    async def _abandon(self, job_key: str) -> None:
        self._tracker.abandon(job_key)
        self._status.job_key = None
        await self._refresh_quietly()

    async def _refresh_quietly(self) -> None:
        """Show a command's effect now rather than at the next poll; failures are the poller's."""
        try:
            await self.refresh()
        except PrinterUnavailable as exc:
            log.debug("printer %s: refresh after command failed: %s", self.name, exc)

    async def pause(self) -> None:
        await self._run(PrinterState.PRINTING, "pause")

    async def resume(self) -> None:
        await self._run(PrinterState.PAUSED, "resume")

    async def cancel(self) -> None:
        await self._run((PrinterState.PRINTING, PrinterState.PAUSED, PrinterState.PREPARING), "cancel")

    async def _run(self, allowed: PrinterState | tuple[PrinterState, ...], command: Command) -> None:
        allowed = allowed if isinstance(allowed, tuple) else (allowed,)
        snap = self._snapshot
        if snap is None or self._status.state not in allowed:
            raise DriverError(f"cannot {command}: printer {self.name} is {self._status.state}")
        try:
            await self._command(command, snap)
        finally:
            await self._refresh_quietly()  # after a refusal too: our view of the printer was stale

    # -- HTTP helpers for the families ------------------------------------------------------

    async def _request(self, method: str, path: str, *, upload: bool = False, **kwargs: Any) -> Any:
        """Send one request; return the decoded JSON body (None when empty).

        Maps every failure to PrinterUnavailable, AuthRefused or Rejected so callers never see
        aiohttp's exceptions. `upload` relaxes the timeout to the time a slow link needs.
        """
        if self._session is None:
            raise PrinterUnavailable(f"printer {self.name} is not connected", sent=False)
        headers = {**self._auth_headers(), **kwargs.pop("headers", {})}
        if upload:
            kwargs["timeout"] = aiohttp.ClientTimeout(
                total=None, sock_connect=self.connection.timeout_s, sock_read=self.connection.timeout_s * 6)
        url = self.connection.url + path
        try:
            async with self._session.request(method, url, headers=headers, **kwargs) as resp:
                status = resp.status
                raw = await resp.read()
        except TimeoutError as exc:
            raise PrinterUnavailable(f"no answer from {url} within {self.connection.timeout_s:g}s") from exc
        except aiohttp.ClientConnectorError as exc:
            raise PrinterUnavailable(f"cannot connect to {self.connection.url}: {exc.strerror or exc}",
                                     sent=False) from exc
        except aiohttp.ClientError as exc:
            raise PrinterUnavailable(f"{method} {path} failed: {exc.__class__.__name__} {exc}") from exc
        if status in (401, 403):
            raise AuthRefused(f"the printer refused the API key (HTTP {status}); check connection.api_key")
        body = self._decode(raw, status, path)
        if status >= 500:
            reason = self._error_text(body)
            raise PrinterUnavailable(f"printer server error HTTP {status} on {path}"
                                     + (f": {reason}" if reason else ""))
        if status >= 400:
            reason = self._error_text(body) or f"printer refused {method} {path} (HTTP {status})"
            raise Rejected(reason, status)
        return body

    async def _open_socket(self, path: str) -> aiohttp.ClientWebSocketResponse:
        """Open the printer's websocket at `path`, mapping failures as `_request` does.

        The heartbeat pings every timeout_s, so a server that hangs with the socket open is noticed
        as a drop within one and a half timeouts rather than never.
        """
        if self._session is None:
            raise PrinterUnavailable(f"printer {self.name} is not connected", sent=False)
        url = URL(self.connection.url + path)
        url = url.with_scheme("wss" if url.scheme == "https" else "ws")
        try:
            return await self._session.ws_connect(
                url, headers=self._auth_headers(), heartbeat=self.connection.timeout_s,
                timeout=aiohttp.ClientWSTimeout(ws_close=self.connection.timeout_s))
        except aiohttp.WSServerHandshakeError as exc:
            if exc.status in (401, 403):
                raise AuthRefused(f"the printer refused the API key on its push socket (HTTP {exc.status})") \
                    from exc
            raise PrinterUnavailable(f"no push socket at {path} (HTTP {exc.status})") from exc
        except TimeoutError as exc:
            raise PrinterUnavailable(f"no answer from {url} within {self.connection.timeout_s:g}s") from exc
        except aiohttp.ClientConnectorError as exc:
            raise PrinterUnavailable(f"cannot connect to {self.connection.url}: {exc.strerror or exc}",
                                     sent=False) from exc
        except aiohttp.ClientError as exc:
            raise PrinterUnavailable(f"push socket {path} failed: {exc.__class__.__name__} {exc}") from exc

    @staticmethod
    async def _socket_send(ws: aiohttp.ClientWebSocketResponse, message: Any) -> None:
        try:
            await ws.send_json(message)
        except (aiohttp.ClientError, ConnectionError) as exc:
            raise PrinterUnavailable(f"push socket failed while sending: {exc}") from exc

    @staticmethod
    async def _socket_messages(ws: aiohttp.ClientWebSocketResponse) -> AsyncIterator[Any]:
        """The decoded JSON messages from a websocket until it closes; raises PrinterUnavailable on garbage."""
        async for msg in ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                if msg.type is aiohttp.WSMsgType.ERROR:
                    raise PrinterUnavailable(f"push socket failed: {ws.exception()}")
                continue
            try:
                yield json.loads(msg.data)
            except ValueError as exc:
                raise PrinterUnavailable(f"invalid JSON on the push socket: {exc}") from exc
        if ws.close_code not in (None, aiohttp.WSCloseCode.OK, aiohttp.WSCloseCode.GOING_AWAY):
            raise PrinterUnavailable(f"push socket closed with code {ws.close_code}")

    @staticmethod
    def _decode(raw: bytes, status: int, path: str) -> Any:
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError as exc:
            if status >= 400:
                return raw.decode("utf-8", "replace")
            raise PrinterUnavailable(f"invalid JSON from {path}: {exc}") from exc

    @staticmethod
    def _parse(model: type[ModelT], body: Any, path: str) -> ModelT:
        """Validate a response body against the family's pydantic model of it."""
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise PrinterUnavailable(f"unexpected answer from {path}: {where}: {first['msg']}") from exc
