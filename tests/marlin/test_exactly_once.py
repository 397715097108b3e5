"""Under garbled lines, lost oks and stale resend requests every line reaches the board once, in order.

The board here is a minimal in-memory Marlin line checker on a fake clock, so hypothesis can try
hundreds of fault mixes in a second; the pty simulator repeats the important cases end to end.
"""

from __future__ import annotations

import random
from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from odind.drivers.marlin.protocol import HostProtocol, LinkFailed, checksum

LATENCY = 0.002
BYTE_TIME = 10 / 250_000  # lines queue up on the wire to the board


class Board:
    def __init__(self, rng: random.Random, *, advanced: bool, ok_after_resend: bool, drop_ok: float) -> None:
        self.rng = rng
        self.advanced = advanced
        self.ok_after_resend = ok_after_resend
        self.drop_ok = drop_ok
        self.last_n = 0
        self.accepted: list[str] = []

    def handle(self, raw: bytes, inbox: deque[tuple[float, bytes]], now: float) -> list[bytes]:
        body, star, cs = raw.rpartition(b"*")
        text = body.decode("latin-1")
        number = text.split(" ", 1)[0]
        valid = bool(star) and cs.isdigit() and int(cs) == checksum(body) and number[1:].isdigit()
        if valid and number.startswith("N"):
            n, command = int(number[1:]), text.split(" ", 1)[1]
            if command.startswith("M110"):
                self.last_n = n
            elif n == self.last_n + 1:
                self.last_n = n
                self.accepted.append(command)
            else:
                valid = False
        if not valid:
            while inbox and inbox[0][0] <= now:  # Marlin drains whatever already sits in its buffer
                inbox.popleft()
            replies = [f"Error:checksum mismatch, Last Line: {self.last_n}".encode(),
                       f"Resend: {self.last_n + 1}".encode()]
            return [*replies, b"ok"] if self.ok_after_resend else replies
        if self.rng.random() < self.drop_ok:
            return []
        return [f"ok N{number[1:]} P15 B3".encode() if self.advanced else b"ok"]


def run(seed: int, corrupt: float, drop_ok: float, advanced: bool, ok_after_resend: bool,
        commands: list[str], jitter: float = 0.0,
        protocol_class: type[HostProtocol] = HostProtocol) -> tuple[list[str], HostProtocol]:
    """Stream `commands`; replies come back in order, each up to `jitter` s late (a busy host)."""
    rng = random.Random(seed)
    board = Board(rng, advanced=advanced, ok_after_resend=ok_after_resend, drop_ok=drop_ok)
    protocol = protocol_class(response_timeout_s=0.05, silence_timeout_s=5.0, resend_settle_s=0.01)
    protocol.handshake(0.0)
    for command in commands:
        protocol.send(command)
    to_board: deque[tuple[float, bytes]] = deque()
    to_host: deque[tuple[float, bytes]] = deque()
    now = 0.0
    last_reply = wire_free = 0.0
    while now < 60.0:
        now += 0.0005
        for event in protocol.poll(now):
            assert not isinstance(event, LinkFailed), event
        for line in protocol.next_bytes(now).splitlines():
            if rng.random() < corrupt:
                garbled = bytearray(line)
                garbled[rng.randrange(1, len(garbled))] ^= rng.randrange(1, 128)
                line = bytes(garbled)
            wire_free = max(wire_free, now + LATENCY) + (len(line) + 1) * BYTE_TIME
            to_board.append((wire_free, line))
        while to_board and to_board[0][0] <= now:
            _, line = to_board.popleft()
            for reply in board.handle(line, to_board, now):
                last_reply = max(last_reply, now + LATENCY + rng.random() * jitter)
                to_host.append((last_reply, reply))
        while to_host and to_host[0][0] <= now:
            for event in protocol.receive(to_host.popleft()[1], now):
                assert not isinstance(event, LinkFailed), event
        if protocol.idle and not to_board and not to_host and len(board.accepted) == len(commands):
            break
    return board.accepted, protocol


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), corrupt=st.floats(0.0, 0.3), drop_ok=st.floats(0.0, 0.1),
       advanced=st.booleans(), ok_after_resend=st.booleans(), jitter=st.sampled_from([0.0, 0.005, 0.03]))
def test_every_line_arrives_exactly_once_and_in_order(seed: int, corrupt: float, drop_ok: float,
                                                      advanced: bool, ok_after_resend: bool,
                                                      jitter: float) -> None:
    commands = [f"G1 X{i % 200}.{i % 7} Y{(i * 3) % 200}.5 E0.02" for i in range(150)]
    accepted, protocol = run(seed, corrupt, drop_ok, advanced, ok_after_resend, commands, jitter)
    assert accepted == commands
    assert protocol.idle


def test_clean_link_needs_no_resends() -> None:
    commands = [f"G1 X{i}" for i in range(300)]
    accepted, protocol = run(1, 0.0, 0.0, True, False, commands)
    assert accepted == commands
    assert protocol.resends == 0
