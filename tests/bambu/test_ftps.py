"""The implicit-FTPS upload client against the simulator's card."""

from __future__ import annotations

import asyncio
import ftplib
import os
import ssl
from pathlib import Path

import pytest

from odind.drivers.bambu.ftps import upload
from odind.drivers.bambu.sim import SimulatedBambu
from odind.drivers.bambu.trust import PrinterTrust


async def _context(sim: SimulatedBambu, tmp_path: Path) -> ssl.SSLContext:
    trust = PrinterTrust(name="p", host="127.0.0.1", port=sim.broker.port, serial=sim.serial, mode="tofu",
                         data_dir=tmp_path / "pins")
    return await trust.context()


async def test_upload_resumes_the_tls_session_and_stores_every_byte(sim: SimulatedBambu, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    reused = await asyncio.to_thread(
        upload, host="127.0.0.1", port=sim.ftps.port, access_code=sim.access_code,
        context=await _context(sim, tmp_path), source=source, remote_name="big.gcode.3mf", timeout=10)
    assert reused
    assert (sim.card / "big.gcode.3mf").read_bytes() == source.read_bytes()


async def test_wrong_password_and_plain_tcp_are_refused(sim: SimulatedBambu, tmp_path: Path) -> None:
    source = tmp_path / "a.bin"
    source.write_bytes(b"x")
    context = await _context(sim, tmp_path)
    with pytest.raises(ftplib.error_perm):
        await asyncio.to_thread(upload, host="127.0.0.1", port=sim.ftps.port, access_code="wrong",
                                context=context, source=source, remote_name="a", timeout=10)
    plain = ftplib.FTP(timeout=1)
    with pytest.raises((EOFError, OSError, ftplib.Error)):
        plain.connect("127.0.0.1", sim.ftps.port)
        plain.login("bblp", sim.access_code)
    plain.close()
