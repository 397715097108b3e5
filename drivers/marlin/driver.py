"""The Marlin printer driver: keeps a serial session alive and streams jobs through `HostProtocol`.

Incoming lines are handled synchronously in the transport's callback and the next lines go out in
the same call, so streaming costs no task switch per `ok`; a small supervisor task only reconnects,
handshakes, polls temperatures and wakes up for protocol deadlines.

A job that was on the wire when the port vanished, the board reset or the link died is reported as
`job_interrupted` and dropped: a half-printed part cannot be resumed blindly, and the daemon (not
this driver) decides whether to print it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field

from odind.drivers.base import DriverError, JobSpec, PrinterDriver
from odind.drivers.marlin.protocol import (
    HANDSHAKE_COMMAND,
    CapabilityReported,
    Event,
    FirmwareError,
    FirmwareIdentified,
    FirmwareReset,
    HostActionRequested,
    HostProtocol,
    LineAcked,
    LinkFailed,
    PrinterBusy,
    ProgressReported,
    TemperaturesReported,
    clean_line,
    command_word,
    parse_m73,
)
from odind.drivers.marlin.transport import PortUnavailable, SerialLink
from odind.tasks import TaskSet
from odind.vocabulary import PrinterState, Temperature

log = logging.getLogger(__name__)

GCODE_SUFFIXES = (".gcode", ".gco", ".g")
TELEMETRY_INTERVAL_S = 0.5
JOB_LOOKAHEAD = 32  # job lines handed to the protocol ahead of the window


class MarlinConnection(BaseModel):
    """The `connection` table of a USB printer."""

    model_config = ConfigDict(extra="forbid")

    port: str = Field(min_length=1, description="/dev/ttyUSB0, /dev/ttyACM0 or /dev/serial/by-id/...")
    baud: int = Field(115200, gt=0)
    windowed: bool = Field(True, description="keep several lines in flight when the firmware has ADVANCED_OK")
    rx_buffer_bytes: int = Field(128, ge=64, description="the firmware's RX_BUFFER_SIZE")
    max_line_bytes: int = Field(96, ge=32, description="the firmware's MAX_CMD_SIZE")
    checksum_space: bool = Field(False, description="PrusaLink style: a space before '*'")
    park_gcode: str | None = Field(None, description="sent on pause, e.g. 'G91\\nG1 Z10 F600\\nG90'")
    resume_gcode: str | None = Field(None, description="sent on resume, before the job continues")
    end_gcode: str = Field("M104 S0\nM140 S0\nM107\nM84", description="sent on cancel")
    poll_interval_s: float = Field(2.0, gt=0)
    response_timeout_s: float = Field(6.0, gt=0, description="wait for an ok behind a blocking command "
                                      "(G28, M109, M400...) or a busy keepalive before probing")
    probe_after_s: float = Field(1.0, gt=0, description="wait for any other ok before probing for a lost one")
    silence_timeout_s: float = Field(15.0, gt=0)
    handshake_timeout_s: float = Field(2.0, gt=0)
    handshake_attempts: int = Field(3, ge=1)
    resend_settle_s: float = Field(0.1, gt=0)
    reconnect_max_s: float = Field(30.0, gt=0)


@dataclass(frozen=True, slots=True)
class _JobLine:
    job: int
    offset: int  # file offset just past this line


@dataclass(frozen=True, slots=True)
class _JobEnd:
    job: int


@dataclass(slots=True)
class _Job:
    id: int
    spec: JobSpec
    total_bytes: int
    handle: IO[bytes]
    lines: Iterator[tuple[str, int]]
    backlog: deque[tuple[str, Any]] = field(default_factory=deque)
    exhausted: bool = False
    on_wire: bool = False
    started: bool = False
    paused: bool = False
    acked_offset: int = 0
    m73_percent: float | None = None
    m73_minutes: float | None = None
    started_at: float = 0.0


def _read_job_lines(handle: IO[bytes]) -> Iterator[tuple[str, int]]:
    offset = 0
    for raw in handle:
        offset += len(raw)
        command = clean_line(raw.decode("utf-8", "replace"))
        if command is not None:
            yield command, offset


def _open_gcode(path: Path, limit: int) -> tuple[int, IO[bytes]]:
    """Size and an open handle, after making sure every line can be framed; runs in a worker thread."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            command = clean_line(raw.decode("utf-8", "replace"))
            if command is None:
                continue
            if "*" in command:
                raise DriverError(f"{path.name} line {number}: '*' is not allowed in a command sent over serial")
            if len(command.encode()) + 16 > limit:
                raise DriverError(f"{path.name} line {number} is longer than the printer's {limit}-byte "
                                  f"line limit")
    return path.stat().st_size, path.open("rb")


def _commands(script: str | None) -> list[str]:
    return [command for line in (script or "").splitlines() if (command := clean_line(line))]


class _SessionEnded(Exception):
    """The serial session is over; the message says why (shown while reconnecting)."""

    def __init__(self, reason: str, state: PrinterState) -> None:
        super().__init__(reason)
        self.state = state


class MarlinDriver(PrinterDriver):
    """A Marlin (or Prusa) printer on a USB serial port."""

    family = "marlin"
    Connection = MarlinConnection

    def __init__(self, name: str, connection: BaseModel | dict[str, Any], *, data_dir: Path) -> None:
        if not isinstance(connection, MarlinConnection):
            connection = MarlinConnection.model_validate(
                connection.model_dump() if isinstance(connection, BaseModel) else connection)
        super().__init__(name, connection, data_dir=data_dir)
        self.config: MarlinConnection = connection
        self._tasks = TaskSet(f"marlin:{name}")
        self._protocol = self._new_protocol()
        self._link: SerialLink | None = None
        self._wake = asyncio.Event()
        self._handshake_done = asyncio.Event()
        self._handshaking = False
        self._rehandshake = False
        self._failure: str | None = None
        self._killed = False
        self._capabilities: dict[str, bool] = {}
        self._job: _Job | None = None
        self._job_ids = itertools.count(1)
        self._start_lock = asyncio.Lock()
        self._last_telemetry = 0.0
        self._next_poll = 0.0
        self._planned_wake = 0.0
        self._closing = False

    def _new_protocol(self) -> HostProtocol:
        cfg = self.config
        return HostProtocol(windowed=cfg.windowed, rx_buffer_bytes=cfg.rx_buffer_bytes,
                            max_line_bytes=cfg.max_line_bytes, space_before_star=cfg.checksum_space,
                            response_timeout_s=cfg.response_timeout_s, probe_after_s=cfg.probe_after_s,
                            silence_timeout_s=cfg.silence_timeout_s,
                            resend_settle_s=cfg.resend_settle_s)

    @property
    def protocol(self) -> HostProtocol:
        return self._protocol

    @property
    def capabilities(self) -> dict[str, bool]:
        return dict(self._capabilities)

    # ---- lifecycle ------------------------------------------------------------------------------

    async def connect(self) -> None:
        self._closing = False
        if not len(self._tasks):
            self._tasks.spawn(self._supervise(), "supervise")

    async def close(self) -> None:
        """Stop streaming; a job still on the wire is reported interrupted (the board will starve)."""
        self._closing = True
        self._wake.set()
        await self._tasks.cancel_all()
        self._interrupt("odind stopped streaming to the printer")
        if self._link is not None:
            await self._link.close()
            self._link = None

    async def _supervise(self) -> None:
        delay = 0.25
        while not self._closing:
            try:
                link = await SerialLink.open(self.config.port, self.config.baud, self._on_lines)
            except PortUnavailable as exc:
                self._set_state(PrinterState.OFFLINE, str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.config.reconnect_max_s)
                continue
            self._link = link
            link.lost.add_done_callback(lambda _: self._wake.set())
            started = time.monotonic()
            try:
                await self._session(link)
            except _SessionEnded as ended:
                self._interrupt(str(ended))
                if not self._closing:
                    self._set_state(ended.state, str(ended))
            finally:
                self._link = None
                await link.close()
            if time.monotonic() - started > 10:
                delay = 0.25
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.config.reconnect_max_s)

    async def _session(self, link: SerialLink) -> None:
        self._failure = None
        await self._handshake(link)
        while not self._closing:
            if link.lost.done():
                raise _SessionEnded(link.lost.result(), PrinterState.OFFLINE)
            if self._failure is not None:
                raise _SessionEnded(self._failure, PrinterState.ERROR)
            if self._rehandshake:
                await self._handshake(link)
            now = asyncio.get_running_loop().time()
            self._poll_temperatures(now)
            self._pump()
            deadlines = [self._next_poll]
            protocol_deadline = self._protocol.next_deadline()
            if protocol_deadline is not None:
                deadlines.append(protocol_deadline)
            self._planned_wake = min(deadlines)
            timeout = max(0.001, self._planned_wake - asyncio.get_running_loop().time())
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()

    async def _handshake(self, link: SerialLink) -> None:
        """`N0 M110 N0`, retried because noise at connect (or a booting board) can swallow it."""
        self._rehandshake = False
        self._handshaking = True
        try:
            for _ in range(self.config.handshake_attempts):
                self._handshake_done.clear()
                self._protocol.handshake(asyncio.get_running_loop().time())
                self._pump()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.config.handshake_timeout_s):
                        await self._handshake_done.wait()
                if link.lost.done():
                    raise _SessionEnded(link.lost.result(), PrinterState.OFFLINE)
                if self._handshake_done.is_set():
                    break
            else:
                raise _SessionEnded(f"no answer from the printer on {self.config.port} at "
                                    f"{self.config.baud} baud (wrong baud rate, or firmware hung)",
                                    PrinterState.ERROR)
        finally:
            self._handshaking = False
        self._killed = False
        self._failure = None
        self._protocol.send("M115", urgent=True)
        self._next_poll = asyncio.get_running_loop().time() + self.config.poll_interval_s
        self._set_state(PrinterState.IDLE)
        self._pump()

    # ---- streaming ------------------------------------------------------------------------------

    def _on_lines(self, lines: list[bytes]) -> None:
        now = asyncio.get_running_loop().time()
        for raw in lines:
            for event in self._protocol.receive(raw, now):
                self._handle(event)
        self._pump()

    def _pump(self) -> None:
        link = self._link
        if link is None or not link.is_open:
            return
        now = asyncio.get_running_loop().time()
        for event in self._protocol.poll(now):
            self._handle(event)
        self._feed_job()
        data = self._protocol.next_bytes(now)
        if data:
            link.write(data)
        deadline = self._protocol.next_deadline()
        if deadline is not None and deadline < self._planned_wake:
            self._wake.set()  # e.g. a resend settle that ends before the supervisor would look again

    def _feed_job(self) -> None:
        job = self._job
        if job is None or job.paused or self._killed or self._handshaking:
            return
        protocol = self._protocol
        while protocol.queued < JOB_LOOKAHEAD:
            if job.backlog:
                command, tag = job.backlog.popleft()
            else:
                if job.exhausted:
                    return
                try:
                    command, offset = next(job.lines)
                    tag = _JobLine(job.id, offset)
                except StopIteration:
                    job.exhausted = True
                    command, tag = "M400", _JobEnd(job.id)
            protocol.send(command, tag=tag)
            job.on_wire = True

    def _poll_temperatures(self, now: float) -> None:
        if now < self._next_poll:
            return
        self._next_poll = now + self.config.poll_interval_s
        if self._capabilities.get("AUTOREPORT_TEMP") or self._killed or self._handshaking:
            return
        if self._protocol.in_flight < 2:
            self._protocol.send("M105", urgent=True)

    # ---- events from the printer ----------------------------------------------------------------

    def _handle(self, event: Event) -> None:
        if isinstance(event, LineAcked):
            self._on_acked(event)
        elif isinstance(event, TemperaturesReported):
            self._status.temperatures = {name: Temperature(actual=actual, target=target)
                                         for name, (actual, target) in event.temperatures.items()}
            self._telemetry()
        elif isinstance(event, FirmwareIdentified):
            self._status.firmware = event.name
            machine = event.fields.get("MACHINE_TYPE")
            if machine:
                self._status.extra["machine_type"] = machine
        elif isinstance(event, CapabilityReported):
            self._capabilities[event.name] = event.enabled
        elif isinstance(event, PrinterBusy):
            self._status.extra["busy"] = event.reason
        elif isinstance(event, HostActionRequested):
            self._on_host_action(event)
        elif isinstance(event, FirmwareError):
            self._on_firmware_error(event)
        elif isinstance(event, FirmwareReset):
            self._on_reset()
        elif isinstance(event, ProgressReported):
            if self._job is not None:
                self._job.m73_percent = event.percent
                self._job.m73_minutes = event.minutes_left
        elif isinstance(event, LinkFailed):
            self._failure = event.reason
            self._wake.set()

    def _on_acked(self, event: LineAcked) -> None:
        if event.command == HANDSHAKE_COMMAND and event.number == 0:
            self._handshake_done.set()
            return
        if event.command == "M115":
            self._enable_autoreport()
            return
        self._status.extra.pop("busy", None)
        job = self._job
        tag = event.tag
        if job is None or not isinstance(tag, _JobLine | _JobEnd) or tag.job != job.id:
            return
        if not job.started:
            job.started = True
            job.started_at = time.monotonic()
            if not job.paused:
                self._set_state(PrinterState.PRINTING)
            self._emit("job_started", job_key=job.spec.job_key)
        if isinstance(tag, _JobEnd):
            self._complete_job(job)
            return
        job.acked_offset = tag.offset
        if command_word(event.command) == "M73":
            percent, minutes = parse_m73(event.command)
            if percent is not None:
                job.m73_percent = percent
            if minutes is not None:
                job.m73_minutes = minutes
        self._update_progress(job)
        self._telemetry()

    def _enable_autoreport(self) -> None:
        if self._capabilities.get("AUTOREPORT_TEMP"):
            self._protocol.send(f"M155 S{max(1, round(self.config.poll_interval_s))}", urgent=True)
        else:
            self._protocol.send("M105", urgent=True)

    def _update_progress(self, job: _Job) -> None:
        progress = job.acked_offset / job.total_bytes if job.total_bytes else 0.0
        if job.m73_percent is not None:
            progress = job.m73_percent / 100.0
        progress = min(max(progress, 0.0), 1.0)
        self._status.progress = progress
        if job.m73_minutes is not None:
            self._status.time_left_s = int(job.m73_minutes * 60)
        elif job.spec.print_time_s:
            self._status.time_left_s = int(job.spec.print_time_s * (1.0 - progress))
        elif progress > 0.02:
            elapsed = time.monotonic() - job.started_at
            self._status.time_left_s = int(elapsed / progress * (1.0 - progress))

    def _telemetry(self) -> None:
        now = time.monotonic()
        if now - self._last_telemetry >= TELEMETRY_INTERVAL_S:
            self._last_telemetry = now
            self._emit("telemetry", job_key=self._status.job_key)

    def _complete_job(self, job: _Job) -> None:
        self._job = None
        self._close_file(job)
        self._status.progress = 1.0
        self._status.time_left_s = 0
        self._set_state(PrinterState.FINISHED)
        self._emit("job_completed", job_key=job.spec.job_key)
        log.info("printer %s finished job %s", self.name, job.spec.job_key)

    def _on_host_action(self, event: HostActionRequested) -> None:
        action = event.action
        if action in ("pause", "paused"):
            self._tasks.spawn(self._quietly(self.pause()), "host-pause")
        elif action in ("resume", "resumed"):
            self._tasks.spawn(self._quietly(self.resume()), "host-resume")
        elif action == "cancel":
            self._tasks.spawn(self._quietly(self.cancel()), "host-cancel")
        elif action == "notification":
            self._status.extra["notification"] = event.argument
            self._telemetry()
        else:
            log.debug("printer %s: ignored host action %s", self.name, action)

    async def _quietly(self, action: Any) -> None:
        """Menu actions on the printer that do not apply right now (pause while idle) are no error."""
        try:
            await action
        except DriverError as exc:
            log.info("printer %s: menu action ignored: %s", self.name, exc)

    def _on_firmware_error(self, event: FirmwareError) -> None:
        if not event.fatal:
            log.warning("printer %s reported: %s", self.name, event.message)
            self._status.extra["last_error"] = event.message
            return
        self._killed = True
        self._protocol.abandon()
        self._set_state(PrinterState.ERROR, event.message)
        job = self._job
        if job is not None:
            self._job = None
            self._close_file(job)
            self._emit("job_failed", job_key=job.spec.job_key, message=event.message)

    def _on_reset(self) -> None:
        if self._handshaking:
            return
        log.warning("printer %s restarted (firmware reset)", self.name)
        self._protocol.abandon()  # its line counter is back at 0: nothing old may go out before M110
        self._interrupt("the printer restarted (reset or power glitch) during the job")
        self._rehandshake = True
        self._wake.set()

    def _interrupt(self, reason: str) -> None:
        job = self._job
        if job is None:
            return
        self._job = None
        self._close_file(job)
        if job.on_wire:
            self._emit("job_interrupted", job_key=job.spec.job_key,
                       message=f"{reason}; the job is not resumed automatically")
        else:
            self._emit("job_failed", job_key=job.spec.job_key, message=f"{reason} before the job started")

    def _close_file(self, job: _Job) -> None:
        with contextlib.suppress(OSError):
            job.handle.close()

    # ---- commands from the daemon ---------------------------------------------------------------

    async def start_job(self, job: JobSpec) -> None:
        async with self._start_lock:
            state = self._status.state
            if self._job is not None:
                raise DriverError(f"printer {self.name} is busy with job {self._job.spec.job_key}")
            if state not in (PrinterState.IDLE, PrinterState.FINISHED) or self._link is None:
                reason = f": {self._status.message}" if self._status.message else ""
                raise DriverError(f"printer {self.name} cannot start a job while {state.value}{reason}")
            path = Path(job.file)
            if not path.name.lower().endswith(GCODE_SUFFIXES):
                raise DriverError(f"{path.name}: USB printers take plain G-code (.gcode), not this file type")
            try:
                total, handle = await asyncio.to_thread(_open_gcode, path, self.config.max_line_bytes)
            except OSError as exc:
                raise DriverError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
            record = _Job(id=next(self._job_ids), spec=job, total_bytes=total, handle=handle,
                          lines=_read_job_lines(handle))
            self._job = record
            self._status.job_key = job.job_key
            self._status.progress = 0.0
            self._status.time_left_s = job.print_time_s
            self._status.extra.pop("notification", None)
            self._set_state(PrinterState.PREPARING)
            log.info("printer %s starting job %s (%s)", self.name, job.job_key, path.name)
            self._pump()

    async def pause(self) -> None:
        job = self._job
        if job is None or self._status.state not in (PrinterState.PRINTING, PrinterState.PREPARING):
            raise DriverError(f"printer {self.name} has no running job to pause")
        job.paused = True
        job.backlog.extendleft(reversed(self._protocol.discard_queued()))
        for command in _commands(self.config.park_gcode):
            self._protocol.send(command)
        self._set_state(PrinterState.PAUSED)
        self._pump()

    async def resume(self) -> None:
        job = self._job
        if job is None or self._status.state != PrinterState.PAUSED:
            raise DriverError(f"printer {self.name} is not paused")
        for command in _commands(self.config.resume_gcode):
            self._protocol.send(command)
        job.paused = False
        self._set_state(PrinterState.PRINTING if job.started else PrinterState.PREPARING)
        self._pump()

    async def cancel(self) -> None:
        job = self._job
        if job is None:
            raise DriverError(f"printer {self.name} has no job to cancel")
        self._job = None
        self._close_file(job)
        self._protocol.discard_queued()
        for command in _commands(self.config.end_gcode):
            self._protocol.send(command)
        self._set_state(PrinterState.IDLE)
        self._emit("job_failed", job_key=job.spec.job_key, message="cancelled", cancelled=True)
        log.info("printer %s: job %s cancelled", self.name, job.spec.job_key)
        self._pump()

