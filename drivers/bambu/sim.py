"""A simulated Bambu printer on a real broker: mosquitto (TLS, bblp) plus an implicit-FTPS card.

`launch_simulator()` is what tests and `odind demo` call. The device publishes its reports as a
separate MQTT client on the printer's own broker, exactly where a real printer's firmware would, so
any LAN client (ours or a third party's) talks to it as to hardware. Faults are injected through
the methods of `SimulatedBambu`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import secrets
import ssl
import zipfile
from pathlib import Path
from typing import Any

import aiomqtt

from odind.drivers.bambu.sim_broker import MosquittoBroker
from odind.drivers.bambu.sim_certs import CertFiles, make_printer_certs
from odind.drivers.bambu.sim_device import DevicePrinter, Project, ProjectError
from odind.drivers.bambu.sim_ftps import SdCardServer
from odind.drivers.base import SimulatedPrinter
from odind.modelfiles import UnsafeUpload, parse_model
from odind.tasks import TaskSet
from odind.vocabulary import LoadedFilament

log = logging.getLogger(__name__)

_SERIAL_PREFIX = {"X1": "00M", "P1P": "01S", "P1S": "01P", "A1M": "030", "A1": "039", "H2": "094"}
DEFAULT_LAYERS = 100


def _serial_for(model: str) -> str:
    upper = model.upper().replace(" ", "").replace("MINI", "M")
    prefix = next((p for m, p in _SERIAL_PREFIX.items() if upper.startswith(m)), "01P")
    return prefix + "00" + secrets.token_hex(5).upper()


class SimulatedBambu(SimulatedPrinter):
    report_interval_s = 1.0

    def __init__(self, *, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                 workdir: Path) -> None:
        self.name = name
        self.model = model
        self.serial = _serial_for(model)
        self.access_code = f"{secrets.randbelow(10**8):08d}"
        self.workdir = workdir
        self.card = workdir / "sdcard"
        self.device = DevicePrinter(serial=self.serial, model=model, speed=speed, filaments=filaments,
                                    load_project=self._load_project)
        self.silent = False
        self.certs: CertFiles = make_printer_certs(workdir / "certs", self.serial)
        self.broker = MosquittoBroker(workdir / "broker", self.certs, users={"bblp": self.access_code})
        self.ftps = SdCardServer(self.card, self.certs, self.access_code)
        self.connection: dict[str, Any] = {}
        self._client: aiomqtt.Client | None = None
        self._tasks = TaskSet(f"sim-bambu:{name}")
        self._connected = asyncio.Event()

    @property
    def report_topic(self) -> str:
        return f"device/{self.serial}/report"

    async def start(self) -> None:
        await self.broker.start()
        self.ftps.start()
        self.connection = {"host": "127.0.0.1", "port": self.broker.port, "ftps_port": self.ftps.port,
                           "serial": self.serial, "access_code": self.access_code, "tls": "tofu",
                           "model": self.model}
        self._tasks.spawn(self._mqtt_loop(), "mqtt")
        self._tasks.spawn(self._clock(), "clock")
        await asyncio.wait_for(self._connected.wait(), 15)

    async def close(self) -> None:
        await self._tasks.cancel_all()
        await self.broker.stop()
        await asyncio.to_thread(self.ftps.stop)

    # --- wire ------------------------------------------------------------------------------------

    def _tls(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(cafile=str(self.certs.ca))
        ctx.check_hostname = False
        return ctx

    async def _mqtt_loop(self) -> None:
        while True:
            try:
                async with aiomqtt.Client("127.0.0.1", self.broker.port, username="bblp",
                                          password=self.access_code, tls_context=self._tls(),
                                          identifier=f"printer-{self.serial}", keepalive=30) as client:
                    await client.subscribe(f"device/{self.serial}/request")
                    self._client = client
                    self._connected.set()
                    async for message in client.messages:
                        await self._on_request(message.payload)
            except aiomqtt.MqttError as exc:
                log.debug("simulated printer %s lost its broker: %s", self.name, exc)
            finally:
                self._client = None
            await asyncio.sleep(0.2)

    async def _on_request(self, payload: Any) -> None:
        try:
            doc = json.loads(payload)
        except (TypeError, ValueError):
            return
        if not isinstance(doc, dict):
            return
        for message in self.device.handle(doc, asyncio.get_running_loop().time()):
            await self._publish(message)

    async def _publish(self, message: dict[str, Any]) -> None:
        client = self._client
        if client is None or self.silent:
            return
        with contextlib.suppress(aiomqtt.MqttError):
            await client.publish(self.report_topic, json.dumps(message, separators=(",", ":")))

    async def _clock(self) -> None:
        loop = asyncio.get_running_loop()
        next_report = loop.time()
        while True:
            now = loop.time()
            changed = self.device.advance(now)
            if changed or now >= next_report:
                await self._publish(self.device.periodic_report())
                next_report = now + self.report_interval_s
            await asyncio.sleep(self.device.step_s(self.report_interval_s))

    # --- the card --------------------------------------------------------------------------------

    def _load_project(self, url: str, plate_param: str, md5: str) -> Project:
        name = url.rsplit("/", 1)[-1]
        path = self.card / name
        if not name or "/" in name or not path.is_file():
            raise ProjectError(f"file not found: {url}")
        if md5 and hashlib.md5(path.read_bytes()).hexdigest().lower() != md5.lower():
            raise ProjectError("md5 mismatch")
        try:
            with zipfile.ZipFile(path) as archive:
                if plate_param not in archive.namelist():
                    raise ProjectError(f"{plate_param} not in {name}")
            meta = parse_model(path, name)
        except (zipfile.BadZipFile, UnsafeUpload) as exc:
            raise ProjectError(f"damaged project: {exc}") from exc
        plate = int(plate_param.rsplit("_", 1)[-1].split(".")[0])
        plate_time = next((p.print_time_s for p in meta.plate_details if p.index == plate), None)
        seconds = plate_time or meta.print_time_s or 600
        return Project(print_time_s=float(seconds), layers=meta.layer_count or DEFAULT_LAYERS)

    # --- faults ----------------------------------------------------------------------------------

    def fail(self, print_error: int) -> None:
        """The print dies with `print_error` (FAILED), reported on the next tick."""
        self.device.fail(print_error, asyncio.get_running_loop().time())

    def set_hms(self, entries: list[tuple[int, int]]) -> None:
        self.device.set_hms(entries)

    def lock_commands(self, locked: bool = True) -> None:
        """Behave like firmware with Developer LAN mode switched off."""
        self.device.locked = locked

    def mute_replies(self, muted: bool = True) -> None:
        """Carry out commands but never answer them."""
        self.device.mute_replies = muted

    def fail_uploads_after(self, nbytes: int | None) -> None:
        self.ftps.fail_after_bytes = nbytes

    async def restart_broker(self, *, new_certificate: bool = False) -> None:
        """Drop every connection (a reboot or Wi-Fi loss); optionally come back with a new certificate."""
        if new_certificate:
            self.certs = make_printer_certs(self.workdir / "certs", self.serial)
            self.broker.certs = self.certs
        self._connected.clear()
        await self.broker.restart()
        await asyncio.wait_for(self._connected.wait(), 15)

    async def power_cycle(self) -> None:
        """Reboot mid-job: connections drop and the printer comes back idle, the job gone."""
        self.device.power_cycle()
        await self.restart_broker()

    async def publish_raw(self, payload: bytes, topic: str | None = None) -> None:
        """Put arbitrary bytes on the report topic (or another), for bad-input tests."""
        client = self._client
        if client is not None:
            await client.publish(topic or self.report_topic, payload)


async def launch_simulator(*, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                           workdir: Path) -> SimulatedBambu:
    sim = SimulatedBambu(name=name, model=model, speed=speed, filaments=filaments, workdir=workdir)
    try:
        await sim.start()
    except BaseException:
        await sim.close()
        raise
    return sim
