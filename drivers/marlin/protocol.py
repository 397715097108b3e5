"""The host side of the Marlin serial protocol as a state machine that owns no I/O.

Bytes from the port go in through `receive()` one line at a time, bytes for the port come out of
`next_bytes()`, and timeouts are driven by `poll()`; every call takes the current monotonic time, so
the whole protocol (line numbers, checksums, resends, the send window) is tested byte for byte
without a port or a clock.

Streaming: with ADVANCED_OK the firmware tells us in every `ok` which line it finished (`N`), how
many planner blocks are free (`P`) and how many command slots are free (`B`). We then keep several
lines in flight: as many as the command queue holds, plus as many bytes as fit in the receive
buffer behind it. While the planner is (nearly) full the firmware blocks inside a move and stops
moving lines out of its receive buffer, so only the lines the last `ok` proved to be queued are
counted as out of that buffer. While the board keeps up (empty queue, free planner blocks) the
first moves in flight cannot make it wait, so as many moves as the planner has room for may be in
flight on top of the queue and the receive buffer; that window absorbs scheduling jitter on a busy
host. Without `P`/`B` we fall back to one line in flight.

Correctness does not rest on the window: the firmware accepts a numbered line only if its number
is the last one plus one and its checksum matches, so a line lost or mangled on the wire is asked
for again (`Resend:`), and nothing reaches the printer twice or out of order as long as every
number we hand out stays in the resend history until the firmware has acknowledged it. A line
leaves the in-flight list only on its `ok`, and the last 64 acknowledged lines are kept as well,
because without `N` in the `ok` a stray `ok` can be taken for a line the firmware never got.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

HANDSHAKE_COMMAND = "M110 N0"
# Commands that make Marlin wait (planner sync, heating, homing, user interaction); while one runs
# the firmware does not drain its receive buffer, so the send window shrinks to what is proven queued.
BLOCKING_COMMANDS = frozenset({"G4", "G28", "G29", "G30", "G33", "G34", "G76", "M0", "M1", "M109", "M190",
                               "M191", "M303", "M400", "M600", "M701", "M702", "M1001"})
# A move blocks only when the planner is full; keep this many blocks of headroom before trusting the
# firmware to keep draining its receive buffer.
PLANNER_HEADROOM = 2
# While the board keeps up (queue empty, planner with room), lines are parsed as fast as they arrive,
# so more may be in flight than its buffers hold: this many at most, and never more moves than the
# planner can take without blocking.
MAX_FREE_RUNNING = 16
# The smallest receive buffer overflow evidence may shrink the budget to: one long line still fits.
MIN_RX_BUDGET = 48
# Settling after a resend request ends once the printer has been quiet this long at the latest.
MAX_SETTLE_S = 1.0
# Acknowledged lines kept for resend requests: a bare `ok` can be a stray one, and the firmware may
# then ask for a line we took as done. Longer than any window.
HISTORY = 64


def checksum(data: bytes) -> int:
    """XOR of every byte, as Marlin computes it over everything before `*`."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def frame(number: int, command: str, *, space_before_star: bool = False) -> bytes:
    """`N<n> <command>*<checksum>\\n`; PrusaLink style puts a space before `*` (and checksums it)."""
    body = f"N{number} {command}{' ' if space_before_star else ''}".encode()
    return body + b"*" + str(checksum(body)).encode() + b"\n"


def clean_line(raw: str) -> str | None:
    """The command part of one G-code line, or None for blank lines and pure comments."""
    command = raw.split(";", 1)[0].strip()
    return command or None


def command_word(command: str) -> str:
    """`G1 X2` -> `G1`; `g01` -> `G1` (Marlin reads the number, not the digits)."""
    head = command.split(None, 1)[0].upper() if command else ""
    if len(head) >= 2 and head[0] in "GMT" and head[1:].isdigit():
        return head[0] + str(int(head[1:]))
    return head


_M73 = re.compile(r"\b([PR])(\d+(?:\.\d+)?)")


def parse_m73(command: str) -> tuple[float | None, float | None]:
    """(percent, minutes left) from an `M73 P42 R30` line; Q/S (stealth mode) are ignored."""
    if command_word(command) != "M73":
        return None, None
    values = {key: float(value) for key, value in _M73.findall(command.upper())}
    return values.get("P"), values.get("R")


@dataclass(frozen=True, slots=True)
class LineAcked:
    number: int
    command: str
    tag: Any


@dataclass(frozen=True, slots=True)
class TemperaturesReported:
    temperatures: dict[str, tuple[float, float | None]]


@dataclass(frozen=True, slots=True)
class FirmwareIdentified:
    name: str
    fields: dict[str, str]


@dataclass(frozen=True, slots=True)
class CapabilityReported:
    name: str
    enabled: bool


@dataclass(frozen=True, slots=True)
class PrinterBusy:
    reason: str


@dataclass(frozen=True, slots=True)
class HostActionRequested:
    action: str
    argument: str


@dataclass(frozen=True, slots=True)
class FirmwareError:
    message: str
    fatal: bool


@dataclass(frozen=True, slots=True)
class FirmwareReset:
    pass


@dataclass(frozen=True, slots=True)
class ProgressReported:
    percent: float | None
    minutes_left: float | None


@dataclass(frozen=True, slots=True)
class LinkFailed:
    reason: str


Event = (LineAcked | TemperaturesReported | FirmwareIdentified | CapabilityReported | PrinterBusy
         | HostActionRequested | FirmwareError | FirmwareReset | ProgressReported | LinkFailed)

_RESEND = re.compile(r"^(?:resend|rs)\s*:?\s*n?\s*:?\s*(\d+)", re.IGNORECASE)
_OK_FIELD = re.compile(r"\b([NPB])(\d+)\b")
_TEMP = re.compile(r"(?<![\w@])([A-Z])(\d?):\s*(-?\d+(?:\.\d+)?)(?:\s*/\s*(-?\d+(?:\.\d+)?))?")
_HAS_TOOL_TEMP = re.compile(r"(?<![\w@])T\d?:\s*-?\d")
_TEMP_NAMES = {"B": "bed", "C": "chamber", "P": "probe", "A": "ambient", "X": "board"}
_FIRMWARE_FIELD = re.compile(r"([A-Z_]+):")
_PRUSA_PROGRESS = re.compile(r"percent done:\s*(-?\d+).*?remaining in mins:\s*(-?\d+)", re.IGNORECASE)
_FRAMING_ERRORS = ("line number is not", "checksum mismatch", "no checksum", "no line number",
                   "format error", "expected line", "missing checksum")
# Errors a receive-buffer overrun causes (bytes lost mid-line), as opposed to a line number out of turn.
_GARBLED_ERRORS = ("checksum", "format error", "no line number")
_FATAL_MARKERS = ("kill() called", "printer halted", "thermal runaway", "maxtemp", "mintemp",
                  "heating failed", "watchdog barked", "printer stopped due to errors", "emergency stop")


def parse_temperatures(text: str) -> dict[str, tuple[float, float | None]]:
    """Every `NAME:actual [/target]` token of a report; `T` alone means tool 0 unless `T0:` is given."""
    temps: dict[str, tuple[float, float | None]] = {}
    plain_tool: tuple[float, float | None] | None = None
    for letter, index, actual, target in _TEMP.findall(text):
        value = (float(actual), float(target) if target else None)
        if letter == "T":
            if index:
                temps[f"tool{index}"] = value
            else:
                plain_tool = value
        elif not index and letter in _TEMP_NAMES:
            temps[_TEMP_NAMES[letter]] = value
    if plain_tool is not None and "tool0" not in temps:
        temps["tool0"] = plain_tool
    return temps


def parse_firmware_info(text: str) -> FirmwareIdentified:
    """`FIRMWARE_NAME:Marlin 2.1.2 (…) SOURCE_CODE_URL:… MACHINE_TYPE:…`; values may hold spaces."""
    fields: dict[str, str] = {}
    matches = list(_FIRMWARE_FIELD.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        fields[match.group(1)] = text[match.end():end].strip()
    return FirmwareIdentified(name=fields.get("FIRMWARE_NAME", text), fields=fields)


@dataclass(slots=True)
class _Line:
    number: int
    command: str
    data: bytes
    tag: Any
    blocking: bool
    reports_without_n: bool  # M105 answers `ok T:...` without N/P/B even under ADVANCED_OK
    proven: bool = False  # acknowledged by an `ok N<n>`, not just by a bare `ok`


@dataclass(slots=True)
class _Pending:
    command: str
    tag: Any


class LineSplitter:
    """Cuts the byte stream into lines; a line that grows past `max_bytes` is dropped whole."""

    def __init__(self, max_bytes: int = 1024) -> None:
        self.max_bytes = max_bytes
        self._buffer = bytearray()
        self._discarding = False

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        lines: list[bytes] = []
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                break
            line = bytes(self._buffer[:end])
            del self._buffer[:end + 1]
            if self._discarding:
                self._discarding = False
                continue
            if len(line) > self.max_bytes:
                log.warning("dropped an overlong line from the printer (%d bytes)", len(line))
                continue
            lines.append(line)
        if len(self._buffer) > self.max_bytes:
            log.warning("dropping an overlong line from the printer (over %d bytes)", self.max_bytes)
            self._buffer.clear()
            self._discarding = True
        return lines


class HostProtocol:
    """Numbers, frames, windows and retransmits lines; turns firmware lines into events."""

    def __init__(self, *, windowed: bool = True, rx_buffer_bytes: int = 128, max_line_bytes: int = 96,
                 space_before_star: bool = False, response_timeout_s: float = 6.0, probe_after_s: float = 1.0,
                 silence_timeout_s: float = 15.0, max_timeouts: int = 4, resend_settle_s: float = 0.1,
                 max_resends: int = 10) -> None:
        self.windowed = windowed
        # Marlin's ring buffer holds one byte less than its size; keep a few more as margin.
        self.rx_budget = max(rx_buffer_bytes - 8, MIN_RX_BUDGET)
        # Lines may be counted as out of the receive buffer on the word of ADVANCED_OK (a queue behind
        # the acknowledged line, a planner that keeps up) only until overflow shows otherwise.
        self.trust_advanced_ok = True
        self.max_line_bytes = max_line_bytes
        self.space_before_star = space_before_star
        self.response_timeout_s = response_timeout_s
        self.probe_after_s = probe_after_s
        self.silence_timeout_s = silence_timeout_s
        self.max_timeouts = max_timeouts
        self.resend_settle_s = resend_settle_s
        self.max_resends = max_resends
        self.resends = 0  # resend requests acted on, for diagnostics and benchmarks
        self.probes = 0  # lines offered again because their ok did not come
        self._urgent: deque[_Pending] = deque()
        self._queued: deque[_Pending] = deque()
        self._head: tuple[_Pending, _Line] | None = None
        self.reset(0.0)

    def reset(self, now: float) -> None:
        """Forget everything in flight: the port was (re)opened or the firmware restarted."""
        self._urgent.clear()
        self._queued.clear()
        self._next_number = 0
        self._in_flight: deque[_Line] = deque()
        self._retransmit: deque[_Line] = deque()
        self._history: deque[_Line] = deque(maxlen=HISTORY)
        self._after_resend = False  # the previous line from the firmware was a resend request
        self._sent_since_resend = True
        self._ok_after_resend: bool | None = None  # learnt: Marlin 1.1 and Prusa send one, Marlin 2 not
        self.advanced: bool | None = None  # None until the first ok tells us
        self.bufsize = 1
        self._planner_free: int | None = None
        self._queue_free: int | None = None
        self._planner_reported = False  # an ok showed P > B + 1: P counts planner blocks, as in Marlin
        self._settle_until: float | None = None
        self._settle_limit = 0.0
        self._resend_line = -1
        self._resend_count = 0
        self._rewind_line: int | None = None  # being sent again; requests for it are answered once
        self._stale = 0  # requests still expected from lines that were on the wire at the rewind
        self._stale_all_in = False  # ...and they have all come: retransmit without waiting for quiet
        self._probe_on_wire = False  # a probe's copy of a line is on the wire, still unanswered
        self._probe: bytes | None = None
        self._timeouts = 0
        self._last_rx = now
        self._ok_deadline = now + self.response_timeout_s
        self._fatal_message: str | None = None

    def abandon(self) -> None:
        """The firmware stopped (kill): nothing queued or in flight will ever be acknowledged."""
        self._urgent.clear()
        self._queued.clear()
        self._in_flight.clear()
        self._retransmit.clear()
        self._settle_until = None
        self._probe = None
        self._probe_on_wire = False
        self._rewind_line, self._stale = None, 0

    # ---- outgoing -------------------------------------------------------------------------------

    def send(self, command: str, *, tag: Any = None, urgent: bool = False) -> None:
        """Queue one command; it gets its line number only when it goes on the wire."""
        cleaned = clean_line(command)
        if cleaned is None:
            return
        if "*" in cleaned or "\n" in cleaned:
            raise ValueError(f"command {cleaned!r} contains '*' or a newline, which Marlin cannot frame")
        if len(cleaned.encode()) + 16 > self.max_line_bytes:
            raise ValueError(f"command {cleaned[:40]!r}... is longer than the firmware's "
                             f"{self.max_line_bytes}-byte line limit")
        (self._urgent if urgent else self._queued).append(_Pending(cleaned, tag))

    def handshake(self, now: float) -> None:
        """Reset the firmware's line counter: `N0 M110 N0*125` is always line 0."""
        self.reset(now)
        self._urgent.append(_Pending(HANDSHAKE_COMMAND, None))

    def discard_queued(self) -> list[tuple[str, Any]]:
        """Take back queued lines that never went on the wire (pause/cancel); numbered ones stay."""
        dropped = [(pending.command, pending.tag) for pending in self._queued]
        self._queued.clear()
        return dropped

    @property
    def queued(self) -> int:
        return len(self._queued) + len(self._urgent)

    @property
    def next_number(self) -> int:
        """The line number the next new command will get."""
        return self._next_number

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    @property
    def idle(self) -> bool:
        return not (self._queued or self._urgent or self._in_flight or self._retransmit)

    def next_bytes(self, now: float) -> bytes:
        """Everything the window allows to go on the wire now (possibly nothing)."""
        if self._settle_until is not None:
            if now < self._settle_until and not self._stale_all_in:
                return b""
            self._settle_until = None  # every stale request arrived, or the printer went quiet
        out: list[bytes] = []
        if self._probe is not None:
            out.append(self._probe)
            self._probe = None
            self._probe_on_wire = True
            self._sent_since_resend = True
        if self._in_flight and not self._retransmit and not self._room_for_a_batch():
            return b"".join(out)
        while True:
            line = self._peek()
            if line is None or not self._take_if_window_allows(line):
                break
            if not self._in_flight:
                self._ok_deadline = now + self._patience(line)
            self._in_flight.append(line)
            out.append(line.data)
            self._sent_since_resend = True
        return b"".join(out)

    def _room_for_a_batch(self) -> bool:
        """Refill the window only once two lines fit: half the writes (each a system call that
        wakes the port's reader) for a window that is at most one line less full."""
        line = self._peek()
        if line is None or not (self.windowed and self.advanced):
            return line is not None and not self._in_flight
        return self._beyond_credits(line) + len(line.data) <= self.rx_budget

    def _patience(self, line: _Line) -> float:
        """How long to wait for an ok before probing: short, unless the line may legitimately block."""
        if line.blocking or any(item.blocking for item in self._in_flight):
            return self.response_timeout_s
        if self._queue_free == 0 or self._planner_free == 0:
            return self.response_timeout_s  # full: the next ok waits for a move to end, maybe a long one
        return min(self.probe_after_s * 2 ** self._timeouts, self.response_timeout_s)

    def _peek(self) -> _Line | None:
        if self._retransmit:
            return self._retransmit[0]
        if self._urgent or self._queued:
            pending = (self._urgent or self._queued)[0]
            return self._numbered(pending)
        return None

    def _numbered(self, pending: _Pending) -> _Line:
        """Give the head of a queue its number; it is committed once the window accepts it.

        Framed once: a head the window refuses is asked for again after every ok.
        """
        number = self._next_number
        cached = self._head
        if cached is not None and cached[0] is pending and cached[1].number == number:
            return cached[1]
        word = command_word(pending.command)
        line = _Line(number=number, command=pending.command,
                     data=frame(number, pending.command, space_before_star=self.space_before_star),
                     tag=pending.tag, blocking=word in BLOCKING_COMMANDS, reports_without_n=word == "M105")
        self._head = (pending, line)
        return line

    def _take_if_window_allows(self, line: _Line) -> bool:
        in_flight = self._in_flight
        if in_flight and not (self.windowed and self.advanced):
            return False
        if in_flight:
            if self._beyond_credits(line) > self.rx_budget:
                return False
        self._commit(line)
        return True

    @property
    def queue_credits(self) -> bool:
        """Marlin's ADVANCED_OK (B counts queued commands including the acknowledged one, P the planner's
        free blocks) says which lines left the receive buffer. Firmware whose P never exceeds B + 1 (OctoPrint's
        virtual printer reports one move buffer as both) is taken at no word: every unacknowledged byte
        may still sit in the receive buffer."""
        return self.trust_advanced_ok and self._planner_reported

    def _out_of_rx(self, line: _Line | None) -> int:
        if not self.queue_credits:
            return 0
        return self._free_running_lines(line) or self._proven_queue_slots(line)

    def _beyond_credits(self, line: _Line | None) -> int:
        """Bytes that may sit in the firmware's receive buffer once `line` (if any) is sent too."""
        in_flight = self._in_flight
        out_of_rx = self._out_of_rx(line)
        beyond = sum(len(item.data) for i, item in enumerate(in_flight) if i >= out_of_rx)
        if line is not None and len(in_flight) >= out_of_rx:
            beyond += len(line.data)
        return beyond

    def _free_running_lines(self, line: _Line | None) -> int:
        """Lines in flight that cannot end up in the receive buffer, when the last `ok` shows a board
        that keeps up (nothing queued behind the acknowledged line) and has free planner blocks.

        Each of the first P - headroom moves finds a free planner block (every line in flight was
        sent while there was a block for it and all lines before it, and blocks only ever free up),
        so it is parsed the moment it arrives; behind them a full command queue still fits. Zero
        when that cannot be shown (a blocking command, a lagging board, no ADVANCED_OK yet).
        """
        blocking = line is not None and line.blocking
        if blocking or self._queue_free is None or self._queue_free < self.bufsize - 1:
            return 0
        if any(item.blocking for item in self._in_flight):
            return 0
        free_running = min(MAX_FREE_RUNNING, (self._planner_free or 0) - PLANNER_HEADROOM)
        return free_running + self.bufsize if free_running > 0 else 0

    def _proven_queue_slots(self, line: _Line | None) -> int:
        """How many of the lines in flight may be counted as out of the firmware's receive buffer."""
        blocking = (line is not None and line.blocking) or any(item.blocking for item in self._in_flight)
        planner_room = (self._planner_free or 0) > len(self._in_flight) + PLANNER_HEADROOM
        if planner_room and not blocking:
            return self.bufsize
        if self._queue_free is None:
            return 1
        # The last ok's B counted its own line; the lines queued behind it are the first in flight.
        # With an empty queue the next line is taken in on arrival, whatever it does afterwards.
        return max(1, self.bufsize - 1 - self._queue_free)

    def _commit(self, line: _Line) -> None:
        if self._retransmit and self._retransmit[0] is line:
            self._retransmit.popleft()
            return
        (self._urgent or self._queued).popleft()
        self._next_number += 1

    # ---- incoming -------------------------------------------------------------------------------

    def receive(self, raw: bytes, now: float) -> list[Event]:
        """Interpret one line from the firmware (without its newline)."""
        text = raw.decode("utf-8", "replace").strip().strip("\x00")
        if not text:
            return []
        self._last_rx = now
        if self._settle_until is not None:  # settling lasts until the printer has gone quiet
            self._settle_until = min(now + self.resend_settle_s, self._settle_limit)
        lower = text.lower()
        after_resend, self._after_resend = self._after_resend, False
        if lower.startswith("ok"):
            if after_resend and lower == "ok" and self._swallow_resend_ok():
                return []
            return self._on_ok(text, now)
        if after_resend and self._ok_after_resend is None:
            self._ok_after_resend = False
        match = _RESEND.match(text)
        if match:
            self._after_resend = True
            self._sent_since_resend = False
            return self._on_resend(int(match.group(1)), now)
        if lower == "start":
            return [FirmwareReset()]
        if lower.startswith("error:") or text.startswith("!!"):
            return self._on_error(text)
        if "busy:" in lower or lower.startswith("echo:busy"):
            self._ok_deadline = max(self._ok_deadline, now + self.response_timeout_s)
            reason = lower.split("busy", 1)[1].lstrip(":").strip()
            return [PrinterBusy(reason)]
        if lower.startswith("//action:"):
            action, _, argument = text[len("//action:"):].strip().partition(" ")
            return [HostActionRequested(action.lower(), argument.strip())]
        if text.startswith("FIRMWARE_NAME:"):
            return [parse_firmware_info(text)]
        if text.startswith("Cap:"):
            name, _, value = text[4:].rpartition(":")
            return [CapabilityReported(name.strip().upper(), value.strip() == "1")] if name else []
        if _HAS_TOOL_TEMP.search(text) or text.startswith("B:"):
            if any(item.blocking for item in self._in_flight):  # M109/M190 report while they wait
                self._ok_deadline = max(self._ok_deadline, now + self.response_timeout_s)
            return [TemperaturesReported(parse_temperatures(text))]
        match = _PRUSA_PROGRESS.search(text)
        if match:
            percent, minutes = int(match.group(1)), int(match.group(2))
            return [ProgressReported(float(percent) if percent >= 0 else None,
                                     float(minutes) if minutes >= 0 else None)]
        if any(marker in lower for marker in _FATAL_MARKERS):
            return [FirmwareError(self._fatal(text), True)]
        if lower.startswith("echo:unknown command"):
            log.warning("printer rejected a command: %s", text[5:])
        return []

    def _swallow_resend_ok(self) -> bool:
        """Is this bare `ok`, right after a resend request, part of that request?

        Firmware that sends one sends it straight after `Resend:`, so once learnt the `ok` that
        follows a request is never taken for a line. Learning needs the `ok` to come before any
        line went out again; if it comes later it counts as an ack, and should that ack be wrong
        the firmware asks for the line again, which the history answers.
        """
        if self._ok_after_resend is None and not self._sent_since_resend:
            self._ok_after_resend = True
        return bool(self._ok_after_resend)

    def _on_ok(self, text: str, now: float) -> list[Event]:
        self._probe_on_wire = False
        fields = {key: int(value) for key, value in _OK_FIELD.findall(text[2:])}
        events: list[Event] = []
        if "N" in fields and "B" in fields:
            self.advanced = True
            self.bufsize = max(self.bufsize, fields["B"] + 1)
            self._queue_free = fields["B"]
            self._planner_free = fields.get("P")
            if self._planner_free is not None and self._planner_free > fields["B"] + 1:
                self._planner_reported = True
        elif self.advanced is None and "T:" not in text:
            self.advanced = False
        has_temps = _HAS_TOOL_TEMP.search(text) is not None
        if "N" in fields:
            acked = self._ack_through(fields["N"])
            for line in acked:
                line.proven = True
        elif self.advanced:
            # Plain `ok` under ADVANCED_OK: either M105's report or the `ok` after a resend request.
            acked = self._ack_report() if has_temps else []
        else:
            acked = [self._in_flight.popleft()] if self._in_flight else []
        if acked:
            self._progress(now)
            if acked[-1].number >= self._resend_line:
                self._resend_count = 0
            if self._rewind_line is not None and acked[-1].number >= self._rewind_line:
                self._rewind_line, self._stale = None, 0  # the line asked for is in: that episode is over
            events.extend(self._acknowledge(acked))
        if has_temps:
            events.append(TemperaturesReported(parse_temperatures(text)))
        return events

    def _acknowledge(self, lines: list[_Line]) -> list[Event]:
        self._history.extend(lines)
        return [LineAcked(line.number, line.command, line.tag) for line in lines]

    def _ack_through(self, number: int) -> list[_Line]:
        """`ok N<n>`: the firmware ran every line up to n, including lines we meant to send again."""
        acked: list[_Line] = []
        if number >= self._next_number:
            return acked
        for pending in (self._in_flight, self._retransmit):
            while pending and pending[0].number <= number:
                acked.append(pending.popleft())
        return acked

    def _ack_report(self) -> list[_Line]:
        for line in self._in_flight:
            if line.reports_without_n:
                return self._ack_through(line.number)
        return []

    def _progress(self, now: float) -> None:
        self._timeouts = 0
        head = self._in_flight[0] if self._in_flight else None
        self._ok_deadline = now + (self._patience(head) if head is not None else self.probe_after_s)

    def _on_resend(self, number: int, now: float) -> list[Event]:
        """Rewind to `number` once per lost line; every line before it is known to be in the firmware.

        Each line that was still on the wire when the firmware lost one provokes another request for
        the same number (`expected line 121 got 122`, `Resend: 121`): those are counted at the
        rewind and ignored until the line asked for is acknowledged. Retransmission starts once they
        have all arrived, or once the printer has gone quiet (Marlin 2 drains its receive buffer
        after an error, so fewer may come). Requests for lines already acknowledged or never sent
        are ignored.
        """
        probe_answer, self._probe_on_wire = self._probe_on_wire, False
        if number == self._rewind_line and self._stale > 0:
            self._stale -= 1
            self._stale_all_in = self._stale == 0
            log.debug("ignored a repeated resend request for %d (%d more expected)", number, self._stale)
            return []
        unacked = [*self._in_flight, *self._retransmit]
        oldest = unacked[0].number if unacked else self._next_number
        if number < oldest:
            replay = [line for line in self._history if line.number >= number]
            if not replay or replay[0].number != number or any(line.proven for line in replay):
                log.debug("ignored resend request for acknowledged line %d", number)
                return []
            log.info("printer asked again for line %d, taken as done on a stray ok; sending it again", number)
            for line in replay:
                self._history.remove(line)
            unacked = replay + unacked
        if not unacked or number > unacked[-1].number + 1:
            log.debug("ignored stale resend request for %d", number)
            return []
        # The firmware's last line is number - 1: everything before it is in, whatever oks follow.
        accepted = [line for line in unacked if line.number < number]
        rewind = [line for line in unacked if line.number >= number]
        events = self._acknowledge(accepted)
        if accepted:
            self._progress(now)
            if self._rewind_line is not None and accepted[-1].number >= self._rewind_line:
                self._rewind_line, self._stale = None, 0
        if rewind:
            if number == self._resend_line:
                self._resend_count += 1
            else:
                self._resend_line, self._resend_count = number, 1
            if self._resend_count > self.max_resends:
                return [LinkFailed(f"printer asked for line {number} {self._resend_count} times in a row; "
                                   "the serial link is unusable")]
            self.resends += 1
            # Lines sent after the one asked for are still on their way; each may be refused in turn
            # (all of them when this request answers a probe's copy rather than one of them).
            on_wire = sum(1 for line in self._in_flight if line.number >= number)
            self._stale = max(0, self._stale + on_wire - (0 if probe_answer else 1))
            self._stale_all_in = False
            self._rewind_line = number
            self._settle_until = now + self.resend_settle_s
            self._settle_limit = now + MAX_SETTLE_S
        self._in_flight = deque()
        self._retransmit = deque(rewind)
        return events

    def _on_error(self, text: str) -> list[Event]:
        message = text[6:].strip() if text.lower().startswith("error:") else text.lstrip("!").strip()
        lower = message.lower()
        if any(marker in lower for marker in _FRAMING_ERRORS):
            log.debug("framing error from printer: %s", message)
            if self._rewind_line is None and any(marker in lower for marker in _GARBLED_ERRORS):
                self._overflow_evidence(message)
            return []
        fatal = text.startswith("!!") or any(marker in lower for marker in _FATAL_MARKERS)
        return [FirmwareError(self._fatal(message) if fatal else message, fatal)]

    def _overflow_evidence(self, message: str) -> None:
        """A garbled line while the window was full: the receive buffer is smaller than we think.

        The first time, stop counting lines as out of the buffer on ADVANCED_OK's word (some
        firmware counts planned moves in B, not queued commands); after that shrink the buffer
        itself. Noise on a line that is not full cannot shrink anything.
        """
        if self._beyond_credits(None) + self.max_line_bytes // 2 <= self.rx_budget:
            return
        if self.queue_credits:
            self.trust_advanced_ok = False
            log.warning("printer reported '%s' right after a full send window: counting every unacknowledged "
                        "line as in its receive buffer from now on", message)
        elif self.rx_budget > MIN_RX_BUDGET:
            self.rx_budget = max(MIN_RX_BUDGET, self.rx_budget * 3 // 4)
            log.warning("printer reported '%s' right after a full send window: taking its receive buffer "
                        "for %d bytes from now on", message, self.rx_budget)

    def _fatal(self, message: str) -> str:
        """Two-line kills (`Thermal Runaway …` then `Printer halted. kill() called!`) read as one."""
        if self._fatal_message is None:
            self._fatal_message = message
        elif message not in self._fatal_message:
            self._fatal_message = f"{self._fatal_message} ({message})"
        return self._fatal_message

    # ---- time -----------------------------------------------------------------------------------

    def next_deadline(self) -> float | None:
        deadlines = [self._settle_until] if self._settle_until is not None else []
        if self._in_flight:
            deadlines.append(self._ok_deadline)
        return min(deadlines) if deadlines else None

    def poll(self, now: float) -> list[Event]:
        """Probe for a lost ok, and give up on a printer that stopped answering.

        The probe offers the oldest unacknowledged line again: a firmware that has it refuses the
        copy and names the line it wants next (which acknowledges it), one that lost it takes it.
        A busy keepalive, a temperature report during a heat-up wait, or a blocking command in
        flight postpone it; consecutive probes back off.
        """
        if not self._in_flight or now < self._ok_deadline:
            return []
        if now - self._last_rx >= self.silence_timeout_s:
            return [LinkFailed(f"no reply from the printer for {now - self._last_rx:.0f} s")]
        self._timeouts += 1
        if self._timeouts > self.max_timeouts:
            return [LinkFailed(f"printer stopped acknowledging commands ({self._timeouts} timeouts)")]
        head = self._in_flight[0]
        log.info("no ok for line %d; offering it again (probe %d)", head.number, self._timeouts)
        self._probe = head.data
        self.probes += 1
        self._ok_deadline = now + self._patience(head)
        return []
