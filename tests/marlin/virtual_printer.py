"""OctoPrint's own virtual printer as a peer for the Marlin driver, on a pty, in a subprocess.

The `octoprint` package (pinned in scripts/setup.sh) lives in `.venv-octoprint`, apart from odind's
environment because it pins its own dependencies. `virtual_printer_bridge.py` runs there, builds the
plugin's `VirtualPrinter` from a temporary basedir's `config.yaml` through OctoPrint's settings
object, and reports every line number the printer accepted; this module starts it and keeps score.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OCTOPRINT_PYTHON = ROOT / ".venv-octoprint" / "bin" / "python"
BRIDGE = Path(__file__).with_name("virtual_printer_bridge.py")

# The printer the issue was found with: ADVANCED_OK style answers, a 128-byte receive buffer and a
# 4-command queue, no temperature noise on connect beyond the plugin's own.
ADVANCED_OK = "ok N{lastN} P{buffer} B{buffer}"
BOARD = {"enabled": True, "rxBuffer": 128, "commandBuffer": 4, "okFormatString": ADVANCED_OK,
         "firmwareName": "Marlin 2.1.2 (virtual)", "throttle": 0.0}


@dataclass
class VirtualPrinterPeer:
    """The running bridge: its port, and what the printer accepted, in order."""

    process: asyncio.subprocess.Process
    port: str = ""
    accepted: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, int]] = field(default_factory=list)
    counter_sets: list[int] = field(default_factory=list)
    dropped_bytes: int = 0
    opened: int = 0
    closed: int = 0
    _waiting: dict[str, asyncio.Future[None]] = field(default_factory=dict)
    _reader: asyncio.Task[None] | None = None

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            kind, _, rest = raw.decode().rstrip("\n").partition(" ")
            if kind == "accepted":
                number, _, command = rest.partition(" ")
                self.accepted.append((int(number), command))
            elif kind == "m110":
                self.counter_sets.append(int(rest))
            elif kind == "skipped":
                first, last = rest.split()
                self.skipped.append((int(first), int(last)))
            elif kind == "dropped":
                self.dropped_bytes += int(rest)
            elif kind == "open":
                self.opened += 1
            elif kind == "closed":
                self.closed += 1
            elif kind == "done" and rest in self._waiting:
                self._waiting.pop(rest).set_result(None)
            elif kind == "port":
                self.port = rest

    async def command(self, word: str) -> None:
        """`cut`, `plug` or `reset`; returns once the bridge has done it."""
        assert self.process.stdin is not None
        done = self._waiting[word] = asyncio.get_running_loop().create_future()
        self.process.stdin.write(word.encode() + b"\n")
        await self.process.stdin.drain()
        async with asyncio.timeout(10):
            await done

    def commands(self) -> list[str]:
        return [command for _, command in self.accepted]


def write_config(basedir: Path, settings: dict[str, Any]) -> None:
    """OctoPrint's config.yaml (JSON is YAML): the plugin's settings under plugins.virtual_printer."""
    basedir.mkdir(parents=True, exist_ok=True)
    (basedir / "config.yaml").write_text(json.dumps({"plugins": {"virtual_printer": BOARD | settings}}))


@asynccontextmanager
async def virtual_printer(workdir: Path, **settings: Any) -> AsyncIterator[VirtualPrinterPeer]:
    """Start OctoPrint's virtual printer behind a pty; `settings` override the plugin's."""
    if not OCTOPRINT_PYTHON.exists():
        raise RuntimeError(f"{OCTOPRINT_PYTHON} is missing: run scripts/setup.sh test")
    basedir = workdir / "octoprint"
    write_config(basedir, settings)
    link = workdir / "virtual-printer.tty"
    process = await asyncio.create_subprocess_exec(
        str(OCTOPRINT_PYTHON), str(BRIDGE), str(basedir), str(link),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(workdir)})
    peer = VirtualPrinterPeer(process)
    peer._reader = asyncio.create_task(peer._read())
    try:
        async with asyncio.timeout(30):
            while not peer.port:
                if process.returncode is not None:
                    raise RuntimeError("the virtual printer bridge exited at start")
                await asyncio.sleep(0.02)
        yield peer
    finally:
        if process.returncode is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                async with asyncio.timeout(5):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
        await peer._reader
