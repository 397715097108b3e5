"""A simulated Marlin board on a pty, so tests, `odind demo` and benchmarks need no hardware.

It speaks the device side of the protocol on the master end of `os.openpty()`; the driver opens the
slave end (through a stable symlink, like `/dev/serial/by-id/...`) exactly as it opens a USB port.

The board is modelled as a discrete-event simulation on the event loop's clock, run in the same loop
as its user (no thread): bytes reach the board after the USB latency and then at the baud rate, land
in a 128-byte receive buffer (bytes that do not fit are lost, which garbles lines like the real
thing), move into a 4-command queue only while the firmware is not blocked in a command, moves go
through a 16-block planner whose blocks take distance / feedrate / speed, heaters follow a simple
linear model, and every reply goes back at the baud rate plus the USB latency. Because each event is
processed at its own simulated time, a late wake-up of the loop delays delivery but never reorders
or speeds anything up.

Link timing (baud, latency, per-command time) is physical and not scaled by `speed`: at speed
1000-2000 a typical print's moves are still far longer than a line on the wire, so the print takes
about print_time / speed; only files of tiny segments become link-bound, which is what the
benchmark measures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import fcntl
import logging
import math
import os
import random
import re
import sys
import tty
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from odind.drivers.base import SimulatedPrinter
from odind.drivers.marlin.protocol import checksum, command_word
from odind.vocabulary import LoadedFilament

log = logging.getLogger(__name__)

AMBIENT_C = 22.0
_WORD = re.compile(r"([A-Z])\s*(-?\d*\.?\d+)")


class SimConfig(BaseModel):
    """How the simulated board behaves; defaults are a stock 32-bit Marlin 2.1 with ADVANCED_OK."""

    model: str = "Ender-3 V2"
    firmware_name: str = "Marlin 2.1.2.1 (Feb  1 2024 12:00:00)"
    advanced_ok: bool = True
    ok_after_resend: bool = False  # Marlin 1.1 and Prusa send `ok` after `Resend:`, Marlin 2 does not
    resend_format: str = "Resend: {n}"  # also "Resend:N{n}", "Resend: N:{n}", "rs N{n} Expected checksum 67"
    prusa_reports: bool = False  # P:/A: temperatures, "NORMAL MODE: Percent done" echo of M73
    autoreport_temp: bool = True
    host_action_commands: bool = True
    emergency_parser: bool = True
    bufsize: int = 4
    planner_blocks: int = 16
    rx_buffer: int = 128
    max_cmd_size: int = 96
    baud: int = 115200
    latency_s: float = 0.002  # USB frames each way
    command_time_s: float = 0.0002  # firmware time to parse and plan one command
    busy_interval_s: float = 2.0
    homing_s: float = 8.0
    hotend_rate: float = 2.5  # degrees C per second while heating, at speed 1
    bed_rate: float = 0.8
    speed: float = 1.0
    seed: int = 0
    resend_ratio: float = 0.0  # chance that a line is garbled on the wire to the board
    drop_ok_ratio: float = 0.0  # chance that an `ok` never leaves the board
    # OctoPrint's virtual printer taught these: its ADVANCED_OK reports one move buffer as both P and B
    # (`ok N{lastN} P{buffer} B{buffer}`, with bufsize 1 and planner_blocks 4 to match it), and it does
    # not drain its receive buffer after a refused line, so every line behind a lost one is refused
    # with a resend request of its own.
    ok_reports_moves: bool = False
    drain_rx_on_error: bool = True
    garbage_ratio: float = 0.0  # chance that a line of noise precedes a reply


def config_for_model(model: str, **overrides: Any) -> SimConfig:
    """A believable firmware for a printer model name (Prusa MK3 family vs. stock Marlin 2)."""
    lowered = model.lower()
    values: dict[str, Any] = {"model": model}
    if "mk3" in lowered or "mk2" in lowered:
        values |= {"firmware_name": "Prusa-Firmware 3.13.3", "advanced_ok": False, "ok_after_resend": True,
                   "prusa_reports": True, "host_action_commands": True}
    elif "1.1" in lowered:
        values |= {"firmware_name": "Marlin 1.1.9.1", "advanced_ok": False, "ok_after_resend": True,
                   "emergency_parser": False}
    return SimConfig(**(values | overrides))


class _Heater:
    """Linear heating and cooling: good enough for M109/M190 waits and a plausible status page."""

    def __init__(self, rate: float, speed: float) -> None:
        self.rate = rate * speed
        self.cool_rate = rate * 0.5 * speed
        self.t0 = 0.0
        self.start = AMBIENT_C
        self.target = 0.0

    def _goal(self) -> float:
        return max(self.target, AMBIENT_C)

    def temperature(self, now: float) -> float:
        goal = self._goal()
        elapsed = max(0.0, now - self.t0)
        if goal >= self.start:
            return min(goal, self.start + self.rate * elapsed)
        return max(goal, self.start - self.cool_rate * elapsed)

    def set_target(self, now: float, target: float) -> None:
        self.start = self.temperature(now)
        self.t0 = now
        self.target = target

    def reached_at(self, now: float) -> float:
        """When a wait for this target (heating only, like M109 S) ends."""
        current = self.temperature(now)
        if self.target <= current:
            return now
        return now + (self.target - current) / self.rate

    def power(self, now: float) -> int:
        return 127 if self.target > self.temperature(now) + 0.5 else 0


@dataclass(slots=True)
class _Command:
    number: int | None
    text: str
    word: str


class MarlinSimulator(SimulatedPrinter):
    """The device side of one Marlin printer, served on a pty in the running event loop."""

    def __init__(self, config: SimConfig | None = None, *, name: str = "marlin-sim",
                 workdir: Path | None = None, filaments: list[LoadedFilament] | None = None) -> None:
        self.config = config or SimConfig()
        self.model = self.config.model
        self.name = name
        self.workdir = workdir
        self.filaments = list(filaments or [])  # kept for the demo; Marlin itself cannot sense filament
        self.connection: dict[str, Any] = {}
        self.accepted: list[_Command] = []  # every command the board took into its queue, in order
        self.resend_requests = 0
        self.garbled_lines = 0  # lines the wire garbled on their way to the board (resend_ratio)
        self.bytes_dropped = 0
        self.unknown_commands: list[str] = []
        self._rng = random.Random(self.config.seed)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._master: int | None = None
        self._slave: int | None = None
        self._link: Path | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._in_tick = False
        self._byte_time = 10.0 / self.config.baud
        self._power_on(0.0)

    # ---- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> MarlinSimulator:
        self._loop = asyncio.get_running_loop()
        self._plug()
        self._boot(self._now())
        return self

    def _plug(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        flags = fcntl.fcntl(master, fcntl.F_GETFL)
        fcntl.fcntl(master, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        self._master, self._slave = master, slave
        slave_path = os.ttyname(slave)
        port = slave_path
        if self.workdir is not None:
            self.workdir.mkdir(parents=True, exist_ok=True)
            self._link = self.workdir / f"{self.name}.tty"
            with contextlib.suppress(FileNotFoundError):
                self._link.unlink()
            self._link.symlink_to(slave_path)
            port = str(self._link)
        self.connection = {"port": port, "baud": self.config.baud}
        assert self._loop is not None
        self._loop.add_reader(master, self._on_readable)

    def _unplug_fds(self) -> None:
        if self._master is not None and self._loop is not None:
            self._loop.remove_reader(self._master)
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None
        if self._link is not None:
            with contextlib.suppress(FileNotFoundError):
                self._link.unlink()

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._unplug_fds()

    @property
    def port(self) -> str:
        return str(self.connection["port"])

    # ---- state ----------------------------------------------------------------------------------

    def _now(self) -> float:
        assert self._loop is not None
        return self._loop.time()

    def _power_on(self, now: float) -> None:
        cfg = self.config
        self._incoming: deque[tuple[bytes, float]] = deque()
        self._rx = bytearray()
        self._rx_wire_free = now
        self._tx_wire_free = now
        self._outbox: deque[tuple[float, bytes]] = deque()
        self._queue: deque[_Command] = deque()
        self._head_done: float | None = None
        self._next_busy: float | None = None
        self._planner: deque[float] = deque()
        self._last_n = 0
        self._killed = False
        self._silent_until: float | None = None
        self._report_interval: float | None = None
        self._next_report: float | None = None
        self._position = {"X": 0.0, "Y": 0.0, "Z": 0.0, "E": 0.0}
        self._relative = False
        self._relative_e = False
        self._feedrate = 3000.0  # mm/min
        self._hotend = _Heater(cfg.hotend_rate, cfg.speed)
        self._bed = _Heater(cfg.bed_rate, cfg.speed)
        self.progress: float | None = None

    def _boot(self, now: float) -> None:
        self._emit("start", now)
        self._emit(f"echo:{self.config.firmware_name}", now)
        self._emit("echo: Last Updated: 2024-02-01 | Author: (odind simulator)", now)
        self._emit("echo:Free Memory: 4215  PlannerBufferBytes: 1232", now)
        self._schedule()

    # ---- faults ---------------------------------------------------------------------------------

    def reset(self) -> None:
        """The board rebooted (reset button, brown-out, DTR): everything volatile is gone."""
        now = self._now()
        self._power_on(now)
        self._boot(now)

    def thermal_runaway(self) -> None:
        now = self._now()
        self._emit("Error:Thermal Runaway, system stopped! Heater_ID: 0", now)
        self._emit("Error:Printer halted. kill() called!", now)
        self._kill(now)

    def go_silent(self, seconds: float | None = None) -> None:
        """The firmware hangs: it reads nothing and says nothing (for `seconds`, or until reset)."""
        self._silent_until = math.inf if seconds is None else self._now() + seconds
        self._schedule()

    def inject_garbage(self, data: bytes | None = None) -> None:
        self._emit_raw(data or self._noise(), self._now())

    def ok_storm(self, count: int) -> None:
        now = self._now()
        for _ in range(count):
            self._emit("ok", now)

    def host_action(self, action: str) -> None:
        """The user picked pause/resume/cancel on the printer's own menu."""
        self._emit(f"//action:{action}", self._now())

    def unplug(self) -> None:
        """The USB cable is pulled: the port vanishes and the board loses its state."""
        self._unplug_fds()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def replug(self) -> None:
        self._plug()
        now = self._now()
        self._power_on(now)
        self._boot(now)

    def _kill(self, now: float) -> None:
        self._killed = True
        self._queue.clear()
        self._head_done = self._next_busy = None
        self._planner.clear()
        self._hotend.set_target(now, 0)
        self._bed.set_target(now, 0)
        self._report_interval = self._next_report = None

    def _noise(self) -> bytes:
        return bytes(self._rng.choice(b"\x00\x7f\x80\xfe\xff\xc3(*:Nok") for _ in range(24)) + b"\n"

    # ---- wire -----------------------------------------------------------------------------------

    def _on_readable(self) -> None:
        assert self._master is not None
        try:
            data = os.read(self._master, 65536)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno != errno.EIO:
                raise
            return  # no process has the slave open right now
        now = self._now()
        start = max(now + self.config.latency_s, self._rx_wire_free)
        for piece in data.splitlines(keepends=True):
            if piece.endswith(b"\n") and self._rng.random() < self.config.resend_ratio and len(piece) > 2:
                index = self._rng.randrange(1, len(piece) - 1)
                garbled = bytearray(piece)
                garbled[index] ^= self._rng.randrange(1, 128)
                piece = bytes(garbled)
                self.garbled_lines += 1
            start += len(piece) * self._byte_time
            self._incoming.append((piece, start))
        self._rx_wire_free = start
        self._tick()

    def _emit(self, text: str, now: float) -> None:
        if self.config.garbage_ratio and self._rng.random() < self.config.garbage_ratio:
            self._emit_raw(self._noise(), now)
        self._emit_raw(text.encode() + b"\n", now)

    def _emit_raw(self, data: bytes, now: float) -> None:
        if self._silent_until is not None and now < self._silent_until:
            return
        start = max(now, self._tx_wire_free)
        self._tx_wire_free = start + len(data) * self._byte_time
        self._outbox.append((self._tx_wire_free + self.config.latency_s, data))
        self._schedule()

    def _flush(self, now: float) -> None:
        chunks: list[bytes] = []
        while self._outbox and self._outbox[0][0] <= now:
            chunks.append(self._outbox.popleft()[1])
        if not chunks or self._master is None:
            return
        try:
            os.write(self._master, b"".join(chunks))
        except BlockingIOError:
            log.debug("%s: nobody is reading the port; replies lost", self.name)
        except OSError as exc:
            log.debug("%s: write failed: %s", self.name, exc)

    # ---- the firmware ---------------------------------------------------------------------------

    def _tick(self) -> None:
        if self._timer is not None:  # called for new bytes: the pending wake-up is replaced, not doubled
            self._timer.cancel()
            self._timer = None
        if self._loop is None:
            return
        now = self._now()
        self._in_tick = True
        try:
            self._advance(now)
            self._flush(now)
        finally:
            self._in_tick = False
        self._schedule()

    def _schedule(self) -> None:
        if self._loop is None or self._master is None or self._in_tick:
            return
        if self._silent_until is not None and self._silent_until > self._now():
            times = [] if self._silent_until == math.inf else [self._silent_until]
            times += [when for when, _ in self._outbox]
            self._set_timer(min(times) if times else None)
            return
        times = [t for t in (self._head_done, self._busy_due(), self._next_report) if t is not None]
        if self._incoming:
            times.append(self._incoming[0][1])
        if self._outbox:
            times.append(self._outbox[0][0])
        self._set_timer(min(times) if times else None)

    def _set_timer(self, when: float | None) -> None:
        assert self._loop is not None
        if when is None:
            return
        if self._timer is not None:
            if self._timer.when() <= when:
                return
            self._timer.cancel()
        self._timer = self._loop.call_at(when, self._tick)

    def _busy_due(self) -> float | None:
        if self._next_busy is not None and self._head_done is not None and self._next_busy < self._head_done:
            return self._next_busy
        return None

    def _advance(self, now: float) -> None:
        while True:
            if self._silent_until is not None:
                if now < self._silent_until:
                    self._incoming.clear()
                    return
                self._silent_until = None
            candidates: list[tuple[float, int]] = []
            if self._head_done is not None:
                candidates.append((self._head_done, 0))
            busy = self._busy_due()
            if busy is not None:
                candidates.append((busy, 1))
            if self._incoming:
                candidates.append((self._incoming[0][1], 2))
            if self._next_report is not None:
                candidates.append((self._next_report, 3))
            if not candidates:
                return
            when, kind = min(candidates)
            if when > now:
                return
            if kind == 0:
                self._finish_head(when)
            elif kind == 1:
                self._emit("echo:busy: processing", when)
                self._next_busy = when + self.config.busy_interval_s
            elif kind == 2:
                self._arrive(*self._incoming.popleft())
            else:
                self._emit(" " + self._temperature_report(when), when)
                assert self._report_interval is not None
                self._next_report = when + self._report_interval

    def _arrive(self, piece: bytes, when: float) -> None:
        if self._killed:
            return
        room = self.config.rx_buffer - 1 - len(self._rx)
        if len(piece) > room:
            self.bytes_dropped += len(piece) - max(room, 0)
            piece = piece[:max(room, 0)]
        self._rx += piece
        if self.config.emergency_parser and piece.endswith(b"\n"):
            self._emergency(piece, when)
        if self._head_done is None:
            self._drain(when)

    def _emergency(self, piece: bytes, when: float) -> None:
        text = piece.decode("ascii", "replace")
        body = text.split("*", 1)[0].split(None, 1)
        command = body[1] if body and body[0].startswith("N") and len(body) > 1 else text
        word = command_word(command.strip())
        if word == "M112":
            self._emit("Error:Printer halted. kill() called!", when)
            self._kill(when)
        elif word == "M108" and self._queue and self._queue[0].word in ("M109", "M190"):
            self._head_done = when

    def _drain(self, when: float) -> None:
        """One pass of Marlin's main loop: pull complete lines from the receive buffer into the queue."""
        while len(self._queue) < self.config.bufsize and not self._killed:
            end = self._rx.find(b"\n")
            if end < 0:
                break
            raw = bytes(self._rx[:end]).strip(b"\r ")
            del self._rx[:end + 1]
            if raw:
                self._parse(raw, when)
        if self._queue and self._head_done is None:
            self._start_head(when)

    def _reject(self, error: str, when: float) -> None:
        self._emit(f"Error:{error}, Last Line: {self._last_n}", when)
        if self.config.drain_rx_on_error:
            self._rx.clear()
        self.resend_requests += 1
        self._emit(self.config.resend_format.format(n=self._last_n + 1), when)
        if self.config.ok_after_resend:
            self._emit("ok", when)

    def _parse(self, raw: bytes, when: float) -> None:
        if len(raw) >= self.config.max_cmd_size:
            raw = raw[:self.config.max_cmd_size - 1]
        text = raw.decode("ascii", "replace")
        number: int | None = None
        if text.startswith("N"):
            match = re.match(r"N(\d+)\s*", text)
            star = raw.rfind(b"*")
            if match is None:
                self._reject("Format error", when)
                return
            if star < 0:
                self._reject("No Checksum with line number", when)
                return
            if not raw[star + 1:].isdigit() or int(raw[star + 1:]) != checksum(raw[:star]):
                self._reject("checksum mismatch", when)
                return
            number = int(match.group(1))
            text = text[match.end():star].strip()
            word = command_word(text)
            if word == "M110":
                self._last_n = _param(text, "N", number)
            elif number != self._last_n + 1:
                self._reject("Line Number is not Last Line Number+1", when)
                return
            else:
                self._last_n = number
        command = _Command(number, text, command_word(text))
        self.accepted.append(command)
        self._queue.append(command)

    def _start_head(self, when: float) -> None:
        command = self._queue[0]
        word, text, cfg = command.word, command.text, self.config
        done = when + cfg.command_time_s
        planner_end = self._planner[-1] if self._planner else when
        if word in ("G0", "G1"):
            while self._planner and self._planner[0] <= when:
                self._planner.popleft()
            if len(self._planner) >= cfg.planner_blocks:
                done = self._planner[0] + cfg.command_time_s
        elif word == "G4":
            dwell = _param(text, "S", 0.0) + _param(text, "P", 0.0) / 1000.0
            done = max(when, planner_end) + dwell / cfg.speed + cfg.command_time_s
        elif word == "M400":
            done = max(when, planner_end) + cfg.command_time_s
        elif word == "G28":
            done = max(when, planner_end) + cfg.homing_s / cfg.speed
        elif word in ("M109", "M190"):
            heater = self._hotend if word == "M109" else self._bed
            target = _param(text, "S", _param(text, "R", heater.target))
            heater.set_target(when, target)
            done = max(done, heater.reached_at(when))
        self._head_done = done
        self._next_busy = when + cfg.busy_interval_s

    def _finish_head(self, when: float) -> None:
        command = self._queue[0]
        self._execute(command, when)
        self._head_done = self._next_busy = None
        if not self._killed:
            if command.word != "M105":
                self._ok(command, when)
            self._queue.popleft()
        self._drain(when)

    def _ok(self, command: _Command, when: float) -> None:
        if self.config.drop_ok_ratio and self._rng.random() < self.config.drop_ok_ratio:
            return
        if not self.config.advanced_ok:
            self._emit("ok", when)
            return
        while self._planner and self._planner[0] <= when:
            self._planner.popleft()
        number = f" N{command.number}" if command.number is not None else ""
        free_planner = self.config.planner_blocks - len(self._planner)
        free_queue = free_planner if self.config.ok_reports_moves else self.config.bufsize - len(self._queue)
        self._emit(f"ok{number} P{free_planner} B{free_queue}", when)

    def _execute(self, command: _Command, when: float) -> None:
        word, text = command.word, command.text
        if word in ("G0", "G1"):
            self._move(text, when)
        elif word == "G28":
            self._position.update({"X": 0.0, "Y": 0.0, "Z": 0.0})
        elif word == "G90":
            self._relative = self._relative_e = False
        elif word == "G91":
            self._relative = self._relative_e = True
        elif word == "M82":
            self._relative_e = False
        elif word == "M83":
            self._relative_e = True
        elif word == "G92":
            for axis, value in _words(text).items():
                if axis in self._position:
                    self._position[axis] = value
        elif word == "M104":
            self._hotend.set_target(when, _param(text, "S", 0.0))
        elif word == "M140":
            self._bed.set_target(when, _param(text, "S", 0.0))
        elif word == "M105":
            self._emit("ok " + self._temperature_report(when), when)
        elif word == "M115":
            self._report_firmware(when)
        elif word == "M155":
            interval = _param(text, "S", 0.0)
            self._report_interval = interval if interval > 0 and self.config.autoreport_temp else None
            self._next_report = when + interval if self._report_interval else None
        elif word == "M73":
            self.progress = _param(text, "P", 0.0)
            if self.config.prusa_reports:
                minutes = int(_param(text, "R", -1))
                self._emit(f"NORMAL MODE: Percent done: {int(self.progress)}; print time remaining in mins: "
                           f"{minutes}; Change in mins: -1", when)
        elif word == "M112":
            self._emit("Error:Printer halted. kill() called!", when)
            self._kill(when)
        elif word not in _SILENT_COMMANDS:
            self.unknown_commands.append(text)
            self._emit(f'echo:Unknown command: "{text}"', when)

    def _move(self, text: str, when: float) -> None:
        words = _words(text)
        if "F" in words and words["F"] > 0:
            self._feedrate = words["F"]
        squared = 0.0
        extrusion = 0.0
        for axis in ("X", "Y", "Z", "E"):
            if axis not in words:
                continue
            relative = self._relative_e if axis == "E" else self._relative
            target = self._position[axis] + words[axis] if relative else words[axis]
            delta = target - self._position[axis]
            self._position[axis] = target
            if axis == "E":
                extrusion = abs(delta)
            else:
                squared += delta * delta
        distance = math.sqrt(squared) or extrusion
        if distance <= 0:
            return
        duration = distance / (self._feedrate / 60.0) / self.config.speed
        while self._planner and self._planner[0] <= when:
            self._planner.popleft()
        start = max(when, self._planner[-1]) if self._planner else when
        self._planner.append(start + duration)

    def _temperature_report(self, when: float) -> str:
        tool, bed = self._hotend, self._bed
        report = (f"T:{tool.temperature(when):.2f} /{tool.target:.2f} B:{bed.temperature(when):.2f} "
                  f"/{bed.target:.2f} @:{tool.power(when)} B@:{bed.power(when)}")
        if self.config.prusa_reports:
            report += f" P:{AMBIENT_C + 3:.1f} A:{AMBIENT_C + 4:.1f}"
        return report

    def _report_firmware(self, when: float) -> None:
        cfg = self.config
        self._emit(f"FIRMWARE_NAME:{cfg.firmware_name} SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin "
                   f"PROTOCOL_VERSION:1.0 MACHINE_TYPE:{cfg.model} EXTRUDER_COUNT:1 "
                   f"UUID:cede2a2f-41a2-4748-9b12-c55c62f367ff", when)
        caps = {"SERIAL_XON_XOFF": False, "BINARY_FILE_TRANSFER": False, "EEPROM": True,
                "AUTOREPORT_TEMP": cfg.autoreport_temp, "AUTOREPORT_SD_STATUS": False, "BUILD_PERCENT": True,
                "HOST_ACTION_COMMANDS": cfg.host_action_commands, "EMERGENCY_PARSER": cfg.emergency_parser,
                "PROMPT_SUPPORT": False, "THERMAL_PROTECTION": True}
        for name, enabled in caps.items():
            self._emit(f"Cap:{name}:{int(enabled)}", when)


_SILENT_COMMANDS = frozenset({"G4", "G20", "G21", "G29", "M18", "M84", "M106", "M107", "M109", "M110", "M117",
                              "M190", "M201", "M203", "M204", "M205", "M220", "M221", "M400", "M900", "M907",
                              "M17", "M108", "M410", "M999", "G80", "M862", "M302", "M92"})


def _words(text: str) -> dict[str, float]:
    """Parameters of a command, without its G/M word: `G1 X2 F600` -> {"X": 2.0, "F": 600.0}."""
    parts = text.upper().split(";", 1)[0].split(None, 1)
    return {letter: float(value) for letter, value in _WORD.findall(parts[1])} if len(parts) > 1 else {}


def _param(text: str, letter: str, default: Any) -> Any:
    value = _words(text).get(letter)
    if value is None:
        return default
    return type(default)(value) if isinstance(default, int | float) else value


async def launch_simulator(*, name: str, model: str, speed: float, filaments: list[LoadedFilament],
                           workdir: Path, **overrides: Any) -> MarlinSimulator:
    """Start a simulated printer in the running loop; its `.connection` goes into the printer's config."""
    simulator = MarlinSimulator(config_for_model(model, speed=speed, **overrides), name=name,
                                workdir=workdir, filaments=filaments)
    return await simulator.start()


async def _serve(args: argparse.Namespace) -> None:
    simulator = await launch_simulator(
        name="marlin-sim", model=args.model, speed=args.speed, filaments=[],
        workdir=Path(args.workdir), baud=args.baud, latency_s=args.latency_ms / 1000.0,
        advanced_ok=not args.no_advanced_ok, resend_ratio=args.resend_ratio)
    sys.stdout.write(simulator.port + "\n")  # the parent process reads the port from here
    sys.stdout.flush()
    try:
        # Serve until stdin closes, so a simulator never outlives the process that started it.
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.buffer.read)
    finally:
        await simulator.close()


def main() -> None:
    """`python -m odind.drivers.marlin.sim`: a simulator in its own process (benchmarks, manual tests)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--model", default="Ender-3 V2")
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--latency-ms", type=float, default=2.0)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--resend-ratio", type=float, default=0.0)
    parser.add_argument("--no-advanced-ok", action="store_true")
    parser.add_argument("--workdir", default=".")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
