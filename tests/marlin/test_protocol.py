"""The host protocol state machine, byte for byte, with a fake clock and no port."""

from __future__ import annotations

import pytest

from odind.drivers.marlin.protocol import (
    CapabilityReported,
    FirmwareError,
    FirmwareIdentified,
    FirmwareReset,
    HostActionRequested,
    HostProtocol,
    LineAcked,
    LineSplitter,
    LinkFailed,
    PrinterBusy,
    ProgressReported,
    TemperaturesReported,
    checksum,
    clean_line,
    command_word,
    frame,
    parse_m73,
    parse_temperatures,
)

MOVE = "G1 X101.234 Y55.678 E0.0213"


def connected(advanced: bool, ok: bytes = b"ok N0 P15 B3", **options: object) -> HostProtocol:
    """A protocol that has completed the M110 handshake against an ADVANCED_OK (or plain) firmware."""
    protocol = HostProtocol(**options)  # type: ignore[arg-type]
    protocol.handshake(0.0)
    assert protocol.next_bytes(0.0) == b"N0 M110 N0*125\n"
    events = protocol.receive(ok if advanced else b"ok", 0.0)
    assert events == [LineAcked(0, "M110 N0", None)]
    return protocol


def sent_numbers(data: bytes) -> list[int]:
    return [int(line.split(b" ", 1)[0][1:]) for line in data.splitlines()]


# ---- framing ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("number", "command", "expected"), [
    (0, "M110 N0", b"N0 M110 N0*125\n"),
    (1, "M105", b"N1 M105*38\n"),
    (1, "G28", b"N1 G28*18\n"),
])
def test_frames_match_marlin_examples(number: int, command: str, expected: bytes) -> None:
    assert frame(number, command) == expected


def test_prusa_style_checksum_covers_the_space_before_star() -> None:
    data = frame(7, "G28", space_before_star=True)
    body, _, cs = data.rstrip(b"\n").rpartition(b"*")
    assert body == b"N7 G28 "
    assert int(cs) == checksum(b"N7 G28 ") != checksum(b"N7 G28")


def test_comments_and_blank_lines_are_stripped() -> None:
    assert clean_line("G1 X1 ; move") == "G1 X1"
    assert clean_line("   ; only a comment") is None
    assert clean_line("\r\n") is None
    assert command_word("g01 x2") == "G1"


def test_send_refuses_unframeable_commands() -> None:
    protocol = HostProtocol()
    with pytest.raises(ValueError, match="line limit"):
        protocol.send("M117 " + "x" * 120)
    with pytest.raises(ValueError, match=r"\*"):
        protocol.send("M117 a*b")


# ---- flow control ----------------------------------------------------------------------------------

def test_plain_oks_mean_one_line_in_flight() -> None:
    protocol = connected(advanced=False)
    for i in range(3):
        protocol.send(f"G1 X{i}")
    assert protocol.next_bytes(1.0) == frame(1, "G1 X0")
    assert protocol.next_bytes(1.0) == b""
    assert protocol.receive(b"ok", 1.1) == [LineAcked(1, "G1 X0", None)]
    assert protocol.next_bytes(1.1) == frame(2, "G1 X1")


def test_board_that_keeps_up_gets_as_many_lines_as_its_planner_has_room_for() -> None:
    protocol = connected(advanced=True)  # ok N0 P15 B3: empty queue, empty planner
    for _ in range(30):
        protocol.send(MOVE)
    lines = protocol.next_bytes(1.0).splitlines(keepends=True)
    # 15 free blocks minus 2 of headroom parse on arrival, then a full queue of 4, then the RX buffer
    assert sent_numbers(b"".join(lines)) == list(range(1, len(lines) + 1))
    assert 13 + 4 < len(lines) <= 13 + 4 + 120 // len(lines[-1])
    assert sum(len(line) for line in lines[13 + 4:]) <= 128 - 8
    assert protocol.next_bytes(1.0) == b""
    assert protocol.receive(b"ok N1 P15 B3", 1.1) == [LineAcked(1, MOVE, None)]
    assert protocol.next_bytes(1.1) == b""  # room for one line: the window is refilled two at a time
    protocol.receive(b"ok N2 P15 B3", 1.1)
    assert sent_numbers(protocol.next_bytes(1.1)) == [len(lines) + 1, len(lines) + 2]


def test_busy_board_gets_its_command_queue_plus_rx_buffer_but_no_more() -> None:
    protocol = connected(advanced=True)  # P15 B3: P counts planner blocks, B queued commands
    protocol.receive(b"ok N0 P2 B3", 0.5)  # a repeated ok for line 0 shows the planner almost full
    for _ in range(20):
        protocol.send(MOVE)
    data = protocol.next_bytes(1.0)
    lines = data.splitlines(keepends=True)
    assert 1 < len(lines) < 8
    assert sum(len(line) for line in lines[1:]) <= 128 - 8  # all but the queued head may sit in RX
    assert protocol.next_bytes(1.0) == b""
    protocol.receive(b"ok N1 P2 B0", 1.1)  # queue full with 1-4: lines 2-4 are proven out of RX
    more = protocol.next_bytes(1.1).splitlines(keepends=True)
    assert sent_numbers(b"".join(more)) == [5, 6, 7]
    assert sum(len(line) for line in lines[4:] + more) <= 128 - 8


def test_full_planner_counts_only_proven_queued_lines_out_of_rx_buffer() -> None:
    protocol = connected(advanced=True)
    for _ in range(60):
        protocol.send(MOVE)
    first = protocol.next_bytes(1.0).splitlines()
    for number in range(1, len(first) + 1):
        protocol.receive(f"ok N{number} P0 B3".encode(), 1.1)
    # planner full and the queue empty after each ok: every line in flight may sit in the RX buffer
    data = protocol.next_bytes(1.2)
    assert len(data) - len(data.splitlines(keepends=True)[0]) <= 120
    assert protocol.in_flight == len(data.splitlines())


def test_blocking_command_in_flight_shrinks_the_window() -> None:
    protocol = connected(advanced=True)
    protocol.send("M109 S200")
    for _ in range(10):
        protocol.send(MOVE)
    data = protocol.next_bytes(1.0)
    assert sum(len(line) for line in data.splitlines(keepends=True)[1:]) <= 120


def test_windowing_can_be_switched_off() -> None:
    protocol = connected(advanced=True, windowed=False)
    protocol.send("G28")
    protocol.send("G1 X1")
    assert protocol.next_bytes(1.0) == frame(1, "G28")
    assert protocol.next_bytes(1.0) == b""


def test_oks_acknowledge_cumulatively_by_line_number() -> None:
    protocol = connected(advanced=True)
    for i in range(3):
        protocol.send(f"G1 X{i}")
    protocol.next_bytes(1.0)
    events = protocol.receive(b"ok N3 P13 B3", 1.1)  # the oks for 1 and 2 were lost
    assert [event.number for event in events if isinstance(event, LineAcked)] == [1, 2, 3]
    assert protocol.idle


def test_ok_storm_acknowledges_nothing_under_advanced_ok() -> None:
    protocol = connected(advanced=True)
    protocol.send("G28")
    protocol.next_bytes(1.0)
    for _ in range(50):
        assert protocol.receive(b"ok", 1.1) == []
        assert protocol.receive(b"ok N0 P15 B3", 1.1) == []
    assert protocol.in_flight == 1


def test_m105_report_without_line_number_acknowledges_the_poll() -> None:
    protocol = connected(advanced=True)
    protocol.send("M105")
    protocol.next_bytes(1.0)
    events = protocol.receive(b"ok T:201.3 /210.0 B:60.0 /60.0 @:127 B@:0", 1.1)
    assert events[0] == LineAcked(1, "M105", None)
    assert events[1] == TemperaturesReported({"tool0": (201.3, 210.0), "bed": (60.0, 60.0)})


# ---- resends ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("request_line", [
    b"Resend: 2", b"Resend:2", b"Resend:N2", b"Resend: N:2", b"rs N2 Expected checksum 67", b"RESEND: 2",
])
def test_every_resend_spelling_retransmits_the_same_bytes(request_line: bytes) -> None:
    protocol = connected(advanced=True, resend_settle_s=0.1)
    for i in range(4):
        protocol.send(f"G1 X{i}")
    first = protocol.next_bytes(1.0)
    assert protocol.receive(b"Error:checksum mismatch, Last Line: 1", 1.1) == []
    protocol.receive(request_line, 1.1)
    assert protocol.next_bytes(1.15) == b""  # settling: stale requests may still arrive
    assert protocol.next_bytes(1.21) == b"".join(first.splitlines(keepends=True)[1:])


def test_duplicate_and_stale_resend_requests_are_ignored() -> None:
    protocol = connected(advanced=True, resend_settle_s=0.1)
    for i in range(4):
        protocol.send(f"G1 X{i}")
    protocol.next_bytes(1.0)
    protocol.receive(b"ok N1 P15 B3", 1.05)
    protocol.receive(b"Resend: 3", 1.1)
    protocol.receive(b"Resend: 3", 1.12)  # provoked by line 4, already on its way
    retransmitted = protocol.next_bytes(1.25)
    assert sent_numbers(retransmitted) == [3, 4]
    protocol.receive(b"Resend: 1", 1.3)  # line 1 was acknowledged already
    assert protocol.next_bytes(1.5) == b""
    assert protocol.resends == 1


def test_ok_after_resend_is_not_taken_for_the_retransmitted_line() -> None:
    protocol = connected(advanced=False, resend_settle_s=0.1)
    protocol.send("G1 X1")
    protocol.send("G1 X2")
    assert protocol.next_bytes(1.0) == frame(1, "G1 X1")
    protocol.receive(b"Resend: 1", 1.1)
    assert protocol.receive(b"ok", 1.1) == []  # Marlin 1.1 style ok right after the request
    assert protocol.next_bytes(1.25) == frame(1, "G1 X1")
    assert protocol.receive(b"ok", 1.3) == [LineAcked(1, "G1 X1", None)]
    assert protocol.next_bytes(1.3) == frame(2, "G1 X2")


def test_line_taken_as_done_on_a_stray_ok_is_sent_again_from_history() -> None:
    protocol = connected(advanced=False, resend_settle_s=0.01)
    protocol.send("G1 X1")
    protocol.send("G1 X2")
    assert protocol.next_bytes(1.0) == frame(1, "G1 X1")
    protocol.receive(b"ok", 1.1)  # a stray ok, line 1 was in fact lost
    assert protocol.next_bytes(1.1) == frame(2, "G1 X2")
    protocol.receive(b"Error:Line Number is not Last Line Number+1, Last Line: 0", 1.2)
    protocol.receive(b"Resend: 1", 1.2)
    assert protocol.next_bytes(1.3) == frame(1, "G1 X1")
    assert protocol.receive(b"ok", 1.4) == [LineAcked(1, "G1 X1", None)]
    assert protocol.next_bytes(1.4) == frame(2, "G1 X2")


def test_resend_request_for_a_line_proven_done_is_stale() -> None:
    protocol = connected(advanced=True)
    protocol.send("G1 X1")
    protocol.next_bytes(1.0)
    protocol.receive(b"ok N1 P15 B3", 1.1)
    protocol.receive(b"Resend: 1", 1.2)
    assert protocol.next_bytes(1.5) == b""


def test_learnt_ok_after_resend_is_never_taken_for_a_line() -> None:
    protocol = connected(advanced=False, resend_settle_s=0.01)
    for i in range(3):
        protocol.send(f"G1 X{i}")
    protocol.next_bytes(1.0)
    protocol.receive(b"Resend: 1", 1.1)
    assert protocol.receive(b"ok", 1.1) == []  # came before anything was resent: learnt
    assert protocol.next_bytes(1.2) == frame(1, "G1 X0")
    protocol.receive(b"Resend: 1", 1.3)
    assert protocol.next_bytes(1.35) == frame(1, "G1 X0")
    assert protocol.receive(b"ok", 1.36) == []  # late, after the resend went out: still not an ack
    assert protocol.receive(b"ok", 1.4) == [LineAcked(1, "G1 X0", None)]


def test_endless_resends_of_one_line_fail_the_link() -> None:
    protocol = connected(advanced=False, resend_settle_s=0.01, max_resends=10)
    protocol.send("G28")
    now = 1.0
    events: list[object] = []
    for _ in range(12):
        protocol.next_bytes(now)
        events += protocol.receive(b"Resend: 1", now)
        now += 0.02
    assert any(isinstance(event, LinkFailed) and "line 1" in event.reason for event in events)


# ---- timeouts ---------------------------------------------------------------------------------------

def test_busy_keepalives_extend_the_timeout() -> None:
    protocol = connected(advanced=True, response_timeout_s=1.0)
    protocol.send("M109 S210")
    protocol.next_bytes(0.0)
    for t in (0.8, 1.6, 2.4):
        assert protocol.receive(b"echo:busy: processing", t) == [PrinterBusy("processing")]
        assert protocol.poll(t + 0.5) == []
        assert protocol.next_bytes(t + 0.5) == b""


def test_lost_ok_is_recovered_by_offering_the_line_again() -> None:
    protocol = connected(advanced=False, response_timeout_s=1.0, resend_settle_s=0.05)
    protocol.send("G1 X1")
    protocol.send("G1 X2")
    protocol.next_bytes(0.0)
    assert protocol.poll(1.1) == []
    assert protocol.next_bytes(1.1) == frame(1, "G1 X1")
    protocol.receive(b"Error:Line Number is not Last Line Number+1, Last Line: 1", 1.2)
    assert protocol.receive(b"Resend: 2", 1.2) == [LineAcked(1, "G1 X1", None)]
    assert protocol.next_bytes(1.3) == frame(2, "G1 X2")


def test_silent_printer_fails_the_link_instead_of_hanging() -> None:
    protocol = connected(advanced=True, response_timeout_s=1.0, silence_timeout_s=3.0)
    protocol.send("G28")
    protocol.next_bytes(0.0)
    failures: list[object] = []
    t = 0.0
    while t < 10 and not failures:
        t += 0.25
        protocol.next_bytes(t)
        failures = [event for event in protocol.poll(t) if isinstance(event, LinkFailed)]
    assert failures and "no reply" in failures[0].reason  # type: ignore[attr-defined]
    assert t <= 4.0


# ---- reports ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("ok T:210.0 /210.0 B:60.0 /60.0 @:127 B@:0", {"tool0": (210.0, 210.0), "bed": (60.0, 60.0)}),
    (" T:210.0/215.0 B:59.5/60.0", {"tool0": (210.0, 215.0), "bed": (59.5, 60.0)}),
    ("T:21.0 /0.0 T0:21.0 /0.0 T1:35.5 /40.0 B:20.0 /0.0 C:28.1 /0.0 @:0",
     {"tool0": (21.0, 0.0), "tool1": (35.5, 40.0), "bed": (20.0, 0.0), "chamber": (28.1, 0.0)}),
    ("T:215.0 /215.0 B:60.0 /60.0 T0:215.0 /215.0 @:65 B@:30 P:35.2 A:29.1",
     {"tool0": (215.0, 215.0), "bed": (60.0, 60.0), "probe": (35.2, None), "ambient": (29.1, None)}),
    ("T:200.0 E:0 W:?", {"tool0": (200.0, None)}),
])
def test_temperature_variants(line: str, expected: dict[str, tuple[float, float | None]]) -> None:
    assert parse_temperatures(line) == expected
    assert HostProtocol().receive(line.encode(), 0.0)[-1] == TemperaturesReported(expected)


def test_position_report_is_not_mistaken_for_temperatures() -> None:
    assert HostProtocol().receive(b"X:10.00 Y:20.00 Z:0.30 E:1.20 Count X:800 Y:1600 Z:120", 0.0) == []


def test_firmware_info_and_capabilities() -> None:
    protocol = HostProtocol()
    [info] = protocol.receive(b"FIRMWARE_NAME:Marlin 2.1.2 (Sep 2023) SOURCE_CODE_URL:github.com/MarlinFirmware"
                              b"/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Ender-3 V2 EXTRUDER_COUNT:1", 0.0)
    assert isinstance(info, FirmwareIdentified)
    assert info.name == "Marlin 2.1.2 (Sep 2023)"
    assert info.fields["MACHINE_TYPE"] == "Ender-3 V2"
    assert protocol.receive(b"Cap:AUTOREPORT_TEMP:1", 0.0) == [CapabilityReported("AUTOREPORT_TEMP", True)]
    assert protocol.receive(b"Cap:EMERGENCY_PARSER:0", 0.0) == [CapabilityReported("EMERGENCY_PARSER", False)]


def test_progress_reports() -> None:
    assert parse_m73("M73 P42 R30") == (42.0, 30.0)
    assert parse_m73("M73 Q40 S31") == (None, None)
    assert parse_m73("G1 X1") == (None, None)
    line = b"NORMAL MODE: Percent done: 42; print time remaining in mins: 30; Change in mins: -1"
    assert HostProtocol().receive(line, 0.0) == [ProgressReported(42.0, 30.0)]


def test_two_line_kill_reads_as_one_fatal_error() -> None:
    protocol = HostProtocol()
    [first] = protocol.receive(b"Error:Thermal Runaway, system stopped! Heater_ID: 0", 0.0)
    [second] = protocol.receive(b"Error:Printer halted. kill() called!", 0.0)
    assert isinstance(first, FirmwareError) and first.fatal
    assert isinstance(second, FirmwareError) and second.fatal
    assert "Thermal Runaway" in second.message and "kill() called" in second.message


@pytest.mark.parametrize("line", [b"Error:MAXTEMP triggered, system stopped! Heater_ID: 0",
                                  b"Error:MINTEMP triggered", b"Error:Heating failed, system stopped!",
                                  b"!! Shutdown due to MCU error", b"Error:Watchdog barked"])
def test_fatal_errors(line: bytes) -> None:
    [event] = HostProtocol().receive(line, 0.0)
    assert isinstance(event, FirmwareError) and event.fatal


def test_framing_errors_are_not_printer_errors_and_others_are_not_fatal() -> None:
    protocol = HostProtocol()
    assert protocol.receive(b"Error:Line Number is not Last Line Number+1, Last Line: 5", 0.0) == []
    assert protocol.receive(b"Error:No Checksum with line number, Last Line: 5", 0.0) == []
    assert protocol.receive(b"Error:Probing Failed", 0.0) == [FirmwareError("Probing Failed", False)]


def test_start_host_actions_and_noise() -> None:
    protocol = HostProtocol()
    assert protocol.receive(b"start", 0.0) == [FirmwareReset()]
    assert protocol.receive(b"//action:pause", 0.0) == [HostActionRequested("pause", "")]
    assert protocol.receive(b"//action:notification Filament runout", 0.0) == [
        HostActionRequested("notification", "Filament runout")]
    assert protocol.receive(b"echo:busy: paused for user", 0.0) == [PrinterBusy("paused for user")]
    for noise in (b"\xff\xfe\x80garbage\xc3(", b"\x00\x00", b"wait", b"echo:SD card ok", b"ok\xff"):
        assert all(not isinstance(event, FirmwareError) for event in protocol.receive(noise, 0.0))


def test_line_splitter_drops_overlong_lines_and_keeps_the_rest() -> None:
    splitter = LineSplitter(max_bytes=64)
    assert splitter.feed(b"ok N1 P15 B3\nok N2") == [b"ok N1 P15 B3"]
    assert splitter.feed(b" P15 B3\n" + b"x" * 100) == [b"ok N2 P15 B3"]
    assert splitter.feed(b"y" * 100) == []
    assert splitter.feed(b"still the long line\nok N3 P15 B3\n") == [b"ok N3 P15 B3"]


# ---- lessons from OctoPrint's virtual printer ------------------------------------------------------

def in_flight_bytes(protocol: HostProtocol, data: bytes) -> int:
    return sum(len(line) for line in data.splitlines(keepends=True))


def test_firmware_whose_p_is_its_b_gets_no_credit_beyond_the_receive_buffer() -> None:
    """`ok N.. P{buffer} B{buffer}` (one move buffer reported twice) says nothing about a command queue:
    every unacknowledged byte may sit in the 128-byte receive buffer."""
    protocol = connected(advanced=True, ok=b"ok N0 P4 B4")
    for _ in range(40):
        protocol.send(MOVE)
    sent = protocol.next_bytes(1.0)
    assert in_flight_bytes(protocol, sent) <= 128 - 8
    assert protocol.queue_credits is False
    protocol.receive(b"ok N1 P3 B3", 1.1)
    more = protocol.next_bytes(1.1)
    assert in_flight_bytes(protocol, sent) - len(frame(1, MOVE)) + in_flight_bytes(protocol, more) <= 128 - 8


def test_garbled_line_after_a_full_window_shrinks_the_window_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    protocol = connected(advanced=True)
    for _ in range(100):
        protocol.send(MOVE)
    protocol.next_bytes(1.0)
    assert protocol.queue_credits
    protocol.receive(b"Error:checksum mismatch, Last Line: 0", 1.1)
    assert not protocol.queue_credits
    assert "full send window" in caplog.text
    protocol.receive(b"Resend: 1", 1.1)
    for number in range(1, 40):  # the episode ends; the window refills without credits
        protocol.next_bytes(2.0 + number)
        protocol.receive(f"ok N{number} P15 B3".encode(), 2.0 + number)
    protocol.next_bytes(50.0)
    budget = protocol.rx_budget
    protocol.receive(b"Error:checksum mismatch, Last Line: 39", 50.1)
    assert protocol.rx_budget < budget


def test_noise_on_a_quiet_line_teaches_nothing() -> None:
    protocol = connected(advanced=True)
    protocol.send(MOVE)
    protocol.next_bytes(1.0)
    protocol.receive(b"Error:checksum mismatch, Last Line: 0", 1.1)
    assert protocol.queue_credits and protocol.rx_budget == 120


def test_one_lost_line_is_sent_again_once_despite_a_request_per_line_behind_it() -> None:
    """The virtual printer answers every line behind a lost one with `expected line 3 got N` and
    `Resend: 3`: one retransmission, started as soon as the last of those arrived."""
    protocol = connected(advanced=True, ok=b"ok N0 P4 B4", resend_settle_s=0.5)
    for i in range(3):
        protocol.send(f"G1 X{i}")
    assert sent_numbers(protocol.next_bytes(1.0)) == [1, 2, 3]
    protocol.receive(b"ok N1 P4 B4", 1.01)
    protocol.receive(b"Error: Missing checksum", 1.02)
    protocol.receive(b"Resend:2", 1.02)
    protocol.receive(b"ok N1 P4 B4", 1.02)
    assert protocol.next_bytes(1.03) == b""  # line 3 is still on its way and will be refused too
    protocol.receive(b"Error: expected line 2 got 3", 1.04)
    protocol.receive(b"Resend:2", 1.04)
    protocol.receive(b"ok N1 P4 B4", 1.04)
    assert sent_numbers(protocol.next_bytes(1.05)) == [2, 3]  # no need to wait for quiet
    assert protocol.resends == 1
    protocol.receive(b"ok N3 P4 B4", 1.1)
    assert protocol.idle
    protocol.send("G1 X9")
    protocol.next_bytes(1.2)
    protocol.receive(b"Resend:4", 1.3)  # a new loss, after the first was acknowledged: acted on
    assert protocol.next_bytes(1.9) == frame(4, "G1 X9") and protocol.resends == 2


def test_a_probe_answered_by_a_resend_request_does_not_start_a_cascade() -> None:
    protocol = connected(advanced=True, ok=b"ok N0 P4 B4", probe_after_s=0.5, resend_settle_s=0.2)
    for i in range(3):
        protocol.send(f"G1 X{i}")
    protocol.next_bytes(1.0)
    protocol.poll(1.6)
    assert protocol.next_bytes(1.6) == frame(1, "G1 X0")  # the probe: only the oldest line
    protocol.receive(b"ok N1 P3 B3", 1.7)  # the printer was only slow
    protocol.receive(b"ok N2 P3 B3", 1.7)
    protocol.receive(b"ok N3 P3 B3", 1.7)
    protocol.receive(b"Error: expected line 4 got 1", 1.71)
    assert protocol.receive(b"Resend:4", 1.71) == []
    assert protocol.next_bytes(2.5) == b"" and protocol.idle


def test_lost_ok_is_probed_within_a_second_but_a_blocking_command_gets_its_time() -> None:
    protocol = connected(advanced=True, probe_after_s=1.0, response_timeout_s=6.0)
    protocol.send("G1 X1")
    protocol.next_bytes(0.0)
    assert protocol.poll(0.9) == [] and protocol.next_bytes(0.9) == b""
    assert protocol.poll(1.05) == [] and protocol.next_bytes(1.05) == frame(1, "G1 X1")
    protocol.receive(b"Error:Line Number is not Last Line Number+1, Last Line: 1", 1.1)
    assert protocol.receive(b"Resend: 2", 1.1) == [LineAcked(1, "G1 X1", None)]
    protocol.send("G28")
    protocol.next_bytes(1.2)
    assert protocol.poll(5.0) == [] and protocol.next_bytes(5.0) == b""
    assert protocol.poll(7.3) == [] and protocol.next_bytes(7.3) == frame(2, "G28")


def test_busy_without_colon_from_the_virtual_printer_is_a_keepalive() -> None:
    protocol = connected(advanced=True, response_timeout_s=1.0)
    protocol.send("G4 S10")
    protocol.next_bytes(0.0)
    assert protocol.receive(b"echo:busy processing", 0.9) == [PrinterBusy("processing")]
    assert protocol.receive(b"busy:processing", 1.8) == [PrinterBusy("processing")]
    assert protocol.poll(2.5) == [] and protocol.next_bytes(2.5) == b""
