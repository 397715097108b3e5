"""The Bambu Lab LAN driver: MQTT over TLS for state and commands, implicit FTPS for uploads."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import ssl
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel

from odind.drivers.bambu import protocol
from odind.drivers.bambu.ams import EXTERNAL_SPOOL, ams_mapping
from odind.drivers.bambu.connection import BambuConnection
from odind.drivers.bambu.ftps import upload
from odind.drivers.bambu.jobs import JobTracker
from odind.drivers.bambu.link import MqttLink
from odind.drivers.bambu.state import Loaded, ReportState, interpret
from odind.drivers.bambu.trust import PrinterTrust, TrustError
from odind.drivers.base import DriverError, JobSpec, PrinterDriver
from odind.tasks import TaskSet
from odind.vocabulary import PrinterState

log = logging.getLogger(__name__)

_JOB_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
_LOCKED_HINT = ("the printer refused the command: switch on LAN-only mode and Developer mode in the "
                "printer's network settings; newer firmware ignores LAN commands otherwise")


class NoReply(DriverError):
    """The printer did not answer in time; it may still carry the command out."""


class Driver(PrinterDriver):
    family: ClassVar[str] = "bambu"
    Connection: ClassVar[type[BaseModel]] = BambuConnection
    senses_filament: ClassVar[bool] = True  # the AMS reports its trays
    start_grace_s = 180.0  # how long an accepted job may take to show up in the printer's reports

    def __init__(self, name: str, connection: BaseModel | dict[str, Any], *, data_dir: Path) -> None:
        conn = BambuConnection.model_validate(connection if isinstance(connection, dict)
                                              else connection.model_dump())
        super().__init__(name, conn, data_dir=data_dir)
        self.conn = conn
        self.model = conn.model or protocol.model_from_serial(conn.serial)
        self.trust = PrinterTrust(name=name, host=conn.host, port=conn.port, serial=conn.serial,
                                  mode=conn.tls, data_dir=data_dir)
        self.link = MqttLink(name=name, conn=conn, trust=self.trust, on_online=self._online,
                             on_payload=self._payload, on_silence=self._silence,
                             on_offline=self._offline)
        self.reports_received = 0  # diagnostics and the benchmark; never persisted
        self.bad_payloads = 0
        self._tasks = TaskSet(f"bambu:{name}")
        self._report = ReportState()
        self._loaded: Loaded | None = None  # parsed AMS, reused until a report touches it
        self._seq = protocol.Sequence()
        self._replies: dict[str, asyncio.Future[protocol.Reply]] = {}
        self._start_lock = asyncio.Lock()
        self.jobs = JobTracker(self.start_grace_s)

    # --- lifecycle -------------------------------------------------------------------------------

    async def connect(self) -> None:
        if not len(self._tasks):
            self._tasks.spawn(self.link.run(), "mqtt")

    async def close(self) -> None:
        await self._tasks.cancel_all()
        for future in self._replies.values():
            future.cancel()
        self._replies.clear()
        self._set_state(PrinterState.OFFLINE, "driver closed")

    # --- link callbacks --------------------------------------------------------------------------

    def _online(self) -> None:
        self._send_nowait(protocol.get_version)
        self._send_nowait(protocol.pushall)

    def _silence(self) -> None:
        log.info("printer %s quiet for %.0f s, asking for a full report", self.name, self.conn.stale_after_s)
        self._send_nowait(protocol.pushall)

    def _offline(self, reason: str) -> None:
        self._set_state(PrinterState.OFFLINE, reason)

    def _send_nowait(self, build: Callable[[str], dict[str, Any]]) -> None:
        self._tasks.spawn(self._publish_quietly(build(self._seq.next())), "request")

    async def _publish_quietly(self, payload: dict[str, Any]) -> None:
        try:
            await self.link.publish(payload)
        except DriverError as exc:
            log.debug("%s", exc)

    def _payload(self, raw: bytes) -> None:
        self.reports_received += 1
        doc = protocol.decode(raw)
        if doc is None:
            self.bad_payloads += 1
            log.debug("printer %s: ignoring a payload that is not a JSON object (%d bytes)",
                      self.name, len(raw))
            return
        reply = protocol.reply_of(doc)
        if reply is not None:
            self._reply(reply, doc)
        body = doc.get("print")
        if isinstance(body, dict) and body.get("command") == "push_status":
            if self._report.apply(body):
                self._loaded = None
            self._refresh()

    def _reply(self, reply: protocol.Reply, doc: dict[str, Any]) -> None:
        future = self._replies.pop(reply.sequence_id, None)
        if future is not None and not future.done():
            future.set_result(reply)
        if reply.command == "get_version":
            modules = doc.get("info", {}).get("module")
            for module in modules if isinstance(modules, list) else []:
                if isinstance(module, dict) and module.get("name") == "ota":
                    self._status.firmware = str(module.get("sw_ver") or "") or None

    # --- state -----------------------------------------------------------------------------------

    def _refresh(self) -> None:
        snap = interpret(self._report.print, self._loaded)
        self._loaded = Loaded(snap.filaments, snap.tray_now)
        view = self.jobs.observe(snap, asyncio.get_running_loop().time())
        status = self._status
        telemetry = (status.progress, status.layer, status.time_left_s) != (
            snap.progress, snap.layer, snap.time_left_s)
        filaments_changed = status.filaments != snap.filaments
        status.job_key = view.job_key
        status.progress, status.time_left_s = snap.progress, snap.time_left_s
        status.layer, status.total_layers = snap.layer, snap.total_layers
        status.temperatures = snap.temperatures
        status.filaments = snap.filaments
        status.extra = {"gcode_state": snap.gcode_state, "print_error": snap.print_error,
                        "hms": snap.hms, "tray_now": snap.tray_now, "model": self.model}
        self._set_state(view.state, view.message)
        for event in view.events:
            self._emit(event.kind, job_key=event.job_key, message=event.message, cancelled=event.cancelled)
        if filaments_changed:
            self._emit("filaments")
        if telemetry:
            self._emit("telemetry", job_key=view.job_key)

    # --- commands --------------------------------------------------------------------------------

    async def _command(self, build: Callable[[str], dict[str, Any]]) -> protocol.Reply:
        seq = self._seq.next()
        payload = build(seq)
        command = next(iter(payload.values()))["command"]
        future: asyncio.Future[protocol.Reply] = asyncio.get_running_loop().create_future()
        self._replies[seq] = future
        try:
            await self.link.publish(payload)
            reply = await asyncio.wait_for(future, self.conn.command_timeout_s)
        except TimeoutError:
            raise NoReply(f"printer {self.name} did not answer {command} within "
                              f"{self.conn.command_timeout_s:.0f} s") from None
        finally:
            self._replies.pop(seq, None)
        if reply.locked:
            raise DriverError(f"printer {self.name}: {_LOCKED_HINT}")
        if not reply.ok:
            raise DriverError(f"printer {self.name} refused {command}: {reply.reason or 'no reason given'}")
        return reply

    async def pause(self) -> None:
        await self._command(lambda seq: protocol.print_command(seq, "pause"))

    async def resume(self) -> None:
        await self._command(lambda seq: protocol.print_command(seq, "resume"))

    async def cancel(self) -> None:
        self.jobs.cancelling(self._status.job_key)
        await self._command(lambda seq: protocol.print_command(seq, "stop"))

    async def send_gcode(self, gcode: str) -> None:
        await self._command(lambda seq: protocol.gcode_line(seq, gcode))

    # --- jobs ------------------------------------------------------------------------------------

    async def start_job(self, job: JobSpec) -> None:
        async with self._start_lock:
            self._check_startable(job)
            plate_path = f"Metadata/plate_{job.plate}.gcode"
            md5 = await asyncio.to_thread(_check_project, job.file, plate_path)
            mapping = ams_mapping(job.filaments, self._status.filaments, use_ams=self.conn.use_ams)
            use_ams = self.conn.use_ams and (
                any(m != EXTERNAL_SPOOL for m in mapping) if mapping
                else any(f.slot != "ext" for f in self._status.filaments))
            remote = f"{job.job_key}.gcode.3mf"
            await self._upload(job.file, remote)
            options = protocol.ProjectOptions(
                use_ams=use_ams, ams_mapping=mapping, bed_levelling=self.conn.bed_levelling,
                timelapse=self.conn.timelapse, flow_cali=self.conn.flow_cali,
                vibration_cali=self.conn.vibration_cali, layer_inspect=self.conn.layer_inspect,
                bed_type=self.conn.bed_type)
            self.jobs.starting(job.job_key, asyncio.get_running_loop().time())
            self._status.job_key = job.job_key
            self._set_state(PrinterState.PREPARING)
            try:
                await self._command(lambda seq: protocol.project_file(
                    seq, model=self.model, file_name=remote, plate=job.plate, md5=md5,
                    subtask_name=job.job_key, options=options))
            except NoReply:
                raise  # it may still start: the printer stays held for this job (see JobTracker)
            except DriverError:
                # Refused outright: the printer will not start it, so free the printer again.
                self.jobs.start_refused()
                if self._report.print:
                    self._refresh()
                raise

    def _check_startable(self, job: JobSpec) -> None:
        if not _JOB_KEY.match(job.job_key):
            raise DriverError(f"job key {job.job_key!r} cannot be used as a printer file name")
        status = self._status
        if status.job_key == job.job_key and status.state != PrinterState.IDLE:
            raise DriverError(f"job {job.job_key} already ran or is running on printer {self.name}")
        if self.jobs.pending is not None:
            raise DriverError(f"printer {self.name} is still starting job {self.jobs.pending}")
        if status.state not in (PrinterState.IDLE, PrinterState.FINISHED):
            raise DriverError(f"printer {self.name} is {status.state.value}; a job can start only when "
                              "it is idle or finished")

    async def _upload(self, source: Path, remote: str) -> None:
        try:
            context = await self.trust.context()
            await asyncio.wait_for(asyncio.to_thread(
                upload, host=self.conn.host, port=self.conn.ftps_port, access_code=self.conn.access_code,
                context=context, source=source, remote_name=remote, timeout=self.conn.upload_timeout_s,
            ), self.conn.upload_timeout_s * 2)
        except TrustError as exc:
            raise DriverError(str(exc)) from exc
        except ssl.SSLCertVerificationError as exc:
            refusal = await self.trust.diagnose()
            raise DriverError(str(refusal or f"upload to printer {self.name} refused: {exc}")) from exc
        except Exception as exc:  # ftplib, ssl and socket errors all mean the same: not uploaded
            raise DriverError(f"upload of {remote} to printer {self.name} failed: {exc}") from exc


def _check_project(path: Path, plate_path: str) -> str:
    """md5 of the project file after checking it holds the plate's G-code (runs in a thread)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if plate_path not in archive.namelist():
                raise DriverError(f"{path.name} has no {plate_path}; was it sliced for this plate?")
    except (OSError, zipfile.BadZipFile) as exc:
        raise DriverError(f"{path.name} is not a readable .gcode.3mf: {exc}") from exc
    digest = hashlib.md5()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
