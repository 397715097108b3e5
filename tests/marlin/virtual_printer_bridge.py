"""OctoPrint's virtual printer on a pty: run under `.venv-octoprint/bin/python`, never imported by odind.

    virtual_printer_bridge.py <basedir> <port-symlink>

`<basedir>/config.yaml` carries the plugin's settings (`plugins.virtual_printer.*`), read through
OctoPrint's own settings object, exactly as OctoPrint would hand them to the plugin. The bridge owns
the master side of a pty and points `<port-symlink>` at its slave side. Each time a host opens the
port a fresh `VirtualPrinter` is built, as OctoPrint's serial factory does on connect, so its
`simulateReset` banner (`start`, ...) greets every connection like a board reset by DTR.

Bytes the host writes go to the printer's receive queue as a UART would deliver them: what does not
fit into the free part of its `rxBuffer` bytes is lost (an overrun), never held back. One write per
line piece, because the printer's reader takes one line per queue item.

Every line the printer takes by its number (last number + 1, checksum good) is reported on stdout
as `accepted <n> <command>`; `m110 <n>` when the counter is set; `skipped <from> <to>` if the
printer's counter ever jumps over numbers; `dropped <bytes>` for overruns; `open`/`closed` for the
host. Commands on stdin: `cut` (the port vanishes), `plug` (it comes back), `reset` (board reset).
"""

from __future__ import annotations

import errno
import logging
import os
import select
import sys
import threading
import time
from pathlib import Path

import octoprint.plugin
import octoprint.settings
from octoprint.plugins.virtual_printer import VirtualPrinterPlugin
from octoprint.plugins.virtual_printer.virtual import VirtualPrinter

_out_lock = threading.Lock()


def report(text: str) -> None:
    with _out_lock:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


class RecordingPrinter(VirtualPrinter):
    """The stock printer, with its line counter watched: which numbers it took, with which command."""

    def __init__(self, *args, **kwargs) -> None:
        self._watched_last_n = 0
        super().__init__(*args, **kwargs)

    @property
    def lastN(self) -> int:
        return self._watched_last_n

    @lastN.setter
    def lastN(self, value: int) -> None:
        old = self._watched_last_n
        self._watched_last_n = value
        caller = sys._getframe(1)
        data = caller.f_locals.get("data")
        if caller.f_code.co_name == "_reset":
            return
        if isinstance(data, bytes) and b"M110" in data and caller.f_code.co_name == "_processIncoming":
            report(f"m110 {value}")
        elif value == old + 1 and isinstance(data, bytes) and data.startswith(b"N%d " % value):
            command = data.split(None, 1)[1].strip().decode("ascii", "replace")
            report(f"accepted {value} {command}")
        elif value > old + 1:
            report(f"skipped {old + 1} {value}")


class Bridge:
    def __init__(self, basedir: Path, link: Path) -> None:
        self.basedir = basedir
        self.link = link
        settings = octoprint.settings.settings(init=True, basedir=str(basedir))
        octoprint.plugin.plugin_manager(init=True, plugin_folders=[], plugin_entry_points=[])
        self.plugin_settings = octoprint.plugin.plugin_settings(
            "virtual_printer", defaults=VirtualPrinterPlugin().get_settings_defaults(), settings=settings)
        self.data_folder = basedir / "data" / "virtual_printer"
        self.data_folder.mkdir(parents=True, exist_ok=True)
        self.printer: RecordingPrinter | None = None
        self.master: int | None = None
        self.lock = threading.Lock()
        self.dropped = 0
        self.plug()

    def plug(self) -> None:
        master, slave = os.openpty()
        import tty

        tty.setraw(slave)
        slave_path = os.ttyname(slave)
        os.close(slave)  # the host's open is what "connects" the printer
        tmp = self.link.with_suffix(".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(slave_path)
        tmp.replace(self.link)
        with self.lock:
            self.master = master

    def cut(self) -> None:
        with self.lock:
            master, self.master = self.master, None
            self._drop_printer()
        self.link.unlink(missing_ok=True)
        if master is not None:
            os.close(master)

    def reset(self) -> None:
        with self.lock:
            if self.printer is not None:
                self.printer._reset()

    def _drop_printer(self) -> None:
        if self.printer is not None:
            self.printer.close()
            self.printer = None
            report("closed")

    def _connect(self) -> None:
        self.printer = RecordingPrinter(self.plugin_settings, None, data_folder=str(self.data_folder),
                                        read_timeout=0.05, faked_baudrate=115200)
        report("open")
        printer = self.printer
        threading.Thread(target=self._to_host, args=(printer,), daemon=True).start()

    def _to_host(self, printer: RecordingPrinter) -> None:
        while printer.outgoing is not None:
            line = printer.readline()
            if not line:
                continue
            if not line.endswith(b"\n"):
                line += b"\n"  # the plugin queues most replies bare; OctoPrint's reader does not mind
            with self.lock:
                master = self.master if self.printer is printer else None
            if master is None:
                return
            try:
                os.write(master, line)
            except OSError:
                return

    def _deliver(self, data: bytes) -> None:
        printer = self.printer
        if printer is None or printer.incoming is None:
            return
        for piece in data.splitlines(keepends=True):
            incoming = printer.incoming
            room = incoming.maxsize - incoming.qsize()
            if len(piece) > room:
                self.dropped += len(piece) - max(room, 0)
                report(f"dropped {len(piece) - max(room, 0)}")
                piece = piece[:max(room, 0)]
            if piece:
                printer.write(piece)

    def serve(self) -> None:
        while True:
            with self.lock:
                master = self.master
            if master is None:
                time.sleep(0.01)
                continue
            poller = select.poll()
            poller.register(master, select.POLLIN)
            events = poller.poll(20)
            if not events:
                with self.lock:
                    if self.printer is None and self.master == master:
                        self._connect()  # nobody hung up for 20 ms: a host has the port open
                continue
            _, mask = events[0]
            try:
                data = os.read(master, 4096) if mask & select.POLLIN else b""
            except OSError as exc:
                if exc.errno != errno.EIO:
                    raise
                data = b""
            if not data:
                with self.lock:
                    if self.printer is not None and self.master == master:
                        self._drop_printer()
                time.sleep(0.005)
                continue
            with self.lock:
                if self.printer is None and self.master == master:
                    self._connect()
                self._deliver(data)


def commands(bridge: Bridge) -> None:
    for line in sys.stdin:
        word = line.strip()
        if word == "cut":
            bridge.cut()
        elif word == "plug":
            bridge.plug()
        elif word == "reset":
            bridge.reset()
        report(f"done {word}")
    os._exit(0)  # stdin closed: the test is over; the printer's threads are not daemons


def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    bridge = Bridge(Path(sys.argv[1]), Path(sys.argv[2]))
    threading.Thread(target=commands, args=(bridge,), daemon=True).start()
    report(f"port {bridge.link}")
    bridge.serve()


if __name__ == "__main__":
    main()
