"""Bytes in and out of one serial port, on pyserial-asyncio-fast.

Measured against pyserial-asyncio 0.6 over a pty: both read 200,000 `ok` lines with the same CPU
(0.25-0.33 s). Streaming through this driver (a few hundred bytes in flight) the fork costs 15-20 %
less host CPU per line, because it writes at once where 0.6 registers a writer callback and waits a
loop turn for every write. The fork's writer misbehaves only once the kernel's 4 KiB tty buffer is
full (it then spins on an assertion); the send window keeps well under 1 KiB outstanding, and
without hardware flow control the UART drains that buffer at the baud rate anyway.

Reads bypass pyserial: its `read()` runs a select() of its own before every os.read(), although the
event loop has just said the fd is readable. With one read per `ok` that second system call cost
about a tenth of the driver's CPU per line, so the link reads the fd itself, in the loop's reader
callback; writes, opening (exclusive lock, termios) and closing stay with the library.

The transport only cuts lines and reports loss; what the lines mean is `protocol.py`'s business.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
from collections.abc import Callable

import serial
import serial_asyncio_fast

from odind.drivers.base import DriverError
from odind.drivers.marlin.protocol import LineSplitter

log = logging.getLogger(__name__)


class PortUnavailable(DriverError):
    """The port cannot be opened; the message says why in words an operator can act on."""


def describe_open_error(port: str, exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return f"serial port {port} does not exist (is the printer plugged in and switched on?)"
    if code in (errno.EACCES, errno.EPERM):
        return (f"no permission to open serial port {port}: add the user odind runs as to the 'dialout' "
                f"group (sudo usermod -aG dialout <user>) and restart odind")
    if code in (errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK):
        return f"serial port {port} is in use by another program (OctoPrint, a slicer, another odind?)"
    return f"cannot open serial port {port}: {exc}"


class SerialLink(asyncio.Protocol):
    """One open port: each read's complete lines go to `on_lines` together; `lost` resolves on loss.

    Lines are handed over per read, not one by one, so a burst of `ok`s costs one write back.
    """

    def __init__(self, port: str, on_lines: Callable[[list[bytes]], None]) -> None:
        self.port = port
        self._on_lines = on_lines
        self._splitter = LineSplitter()
        self._transport: asyncio.Transport | None = None
        self._error: OSError | None = None
        self.lost: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    @classmethod
    async def open(cls, port: str, baud: int, on_lines: Callable[[list[bytes]], None]) -> SerialLink:
        loop = asyncio.get_running_loop()
        link = cls(port, on_lines)
        try:
            await serial_asyncio_fast.create_serial_connection(loop, lambda: link, port, baudrate=baud,
                                                          exclusive=True)
        except (serial.SerialException, OSError) as exc:
            raise PortUnavailable(describe_open_error(port, exc)) from exc
        return link

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        port = transport.get_extra_info("serial")
        if port is not None:
            # The library registers its own reader right after this call; take the fd over after it.
            loop = asyncio.get_running_loop()
            loop.call_soon(self._read_directly, loop, port.fileno())

    def _read_directly(self, loop: asyncio.AbstractEventLoop, fd: int) -> None:
        if self._transport is not None and not self._transport.is_closing():
            loop.add_reader(fd, self._read_ready, fd)

    def _read_ready(self, fd: int) -> None:
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return
        except OSError as exc:
            self._lose(exc)
            return
        if not data:  # a tty that polls readable and reads nothing was unplugged
            self._lose(OSError(errno.ENODEV, "device reports readiness to read but returned no data"))
            return
        self.data_received(data)

    def _lose(self, exc: OSError) -> None:
        self._error = exc
        if self._transport is not None:
            self._transport.abort()

    def data_received(self, data: bytes) -> None:
        lines = self._splitter.feed(data)
        if lines:
            self._on_lines(lines)

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None
        exc = exc or self._error
        if not self.lost.done():
            self.lost.set_result(f"serial port {self.port} went away ({exc})" if exc else "port closed")

    @property
    def is_open(self) -> bool:
        return self._transport is not None and not self._transport.is_closing()

    def write(self, data: bytes) -> None:
        if self._transport is not None and data:
            self._transport.write(data)

    async def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
        try:
            async with asyncio.timeout(2.0):
                await asyncio.shield(self.lost)
        except TimeoutError:
            log.warning("serial port %s did not close within 2 s", self.port)
