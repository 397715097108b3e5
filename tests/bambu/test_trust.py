"""TLS trust: pin on first use, refuse a changed certificate, pinned fingerprints, CA + serial."""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path

import pytest

from odind.drivers.bambu.sim import SimulatedBambu
from odind.vocabulary import PrinterState
from tests.bambu.conftest import DriverFactory, SimFactory, wait_until


def _leaf_der(sim: SimulatedBambu) -> bytes:
    leaf_pem = sim.certs.chain.read_text().split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n"
    return ssl.PEM_cert_to_DER_cert(leaf_pem)


async def _offline_message(driver, timeout: float = 20.0) -> str:
    await wait_until(lambda: driver.status().state == PrinterState.OFFLINE and driver.status().message,
                     timeout, "the driver to give up")
    return driver.status().message or ""


async def test_first_contact_pins_the_certificate(make_sim: SimFactory, make_driver: DriverFactory,
                                                  tmp_path: Path) -> None:
    sim = await make_sim()
    drv, _log = await make_driver(sim, data_dir=tmp_path / "pins")
    pin = tmp_path / "pins" / f"{sim.serial}.pem"
    assert ssl.PEM_cert_to_DER_cert(pin.read_text()) == _leaf_der(sim)
    await sim.restart_broker()  # same certificate: reconnects without fuss
    await wait_until(lambda: drv.status().state == PrinterState.IDLE and drv.link.connect_attempts >= 2,
                     what="reconnect")


async def test_a_changed_certificate_is_refused(make_sim: SimFactory, make_driver: DriverFactory,
                                                tmp_path: Path) -> None:
    sim = await make_sim()
    drv, _log = await make_driver(sim, data_dir=tmp_path / "pins")
    await sim.restart_broker(new_certificate=True)
    await wait_until(lambda: "certificate changed" in (drv.status().message or ""), what="refusal")
    message = drv.status().message or ""
    assert str(tmp_path / "pins") in message and sim.certs.fingerprint in message
    attempts = drv.link.connect_attempts
    await asyncio.sleep(1.5)
    assert drv.link.connect_attempts == attempts  # waits for the operator, no retry storm
    assert drv.status().state == PrinterState.OFFLINE


async def test_pinned_fingerprint(make_sim: SimFactory, make_driver: DriverFactory) -> None:
    sim = await make_sim()
    good, _ = await make_driver(sim, tls=f"pinned:{sim.certs.fingerprint}")
    assert good.status().state == PrinterState.IDLE
    bad, _ = await make_driver(sim, online=False, tls="pinned:" + "0" * 64)
    assert "does not match the pinned" in await _offline_message(bad)


async def test_ca_file_and_serial_name(make_sim: SimFactory, make_driver: DriverFactory, tmp_path: Path) -> None:
    sim = await make_sim()
    other = await make_sim()
    good, _ = await make_driver(sim, tls=f"ca:{sim.certs.ca}")
    assert good.status().state == PrinterState.IDLE
    wrong_ca, _ = await make_driver(sim, online=False, tls=f"ca:{other.certs.ca}", data_dir=tmp_path / "a")
    assert "certificate verify failed" in await _offline_message(wrong_ca)
    wrong_name, _ = await make_driver(sim, online=False, tls=f"ca:{sim.certs.ca}", serial=other.serial,
                                      data_dir=tmp_path / "b")
    assert "certificate verify failed" in await _offline_message(wrong_name)


async def test_insecure_connects_with_a_warning(make_sim: SimFactory, make_driver: DriverFactory,
                                                caplog: pytest.LogCaptureFixture) -> None:
    sim = await make_sim()
    with caplog.at_level(logging.WARNING, logger="odind.drivers.bambu.trust"):
        drv, _ = await make_driver(sim, tls="insecure")
    assert drv.status().state == PrinterState.IDLE
    assert any("checks are OFF" in r.getMessage() for r in caplog.records)
