"""Checks a printer's `connection` table against its driver family before it is stored, and tries it."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from odind.drivers.base import PrinterDriver
from odind.drivers.registry import UnknownDriver, driver_class
from odind.errors import Invalid
from odind.vocabulary import PrinterState

PROBE_TIMEOUT_S = 8.0


def check_connection(driver: str, connection: dict[str, Any]) -> None:
    """Raise Invalid naming the offending field, in the shape the API answers with."""
    try:
        cls = driver_class(driver)
    except UnknownDriver as exc:
        raise Invalid(str(exc), field="driver") from None
    try:
        cls.Connection.model_validate(connection)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Invalid(f"connection.{where}: {first['msg']}", field=f"connection.{where}") from None


async def _first_answer(probe: PrinterDriver) -> None:
    async for event in probe.events():
        if event.status.state != PrinterState.OFFLINE:
            return


async def probe_connection(driver: str, connection: dict[str, Any], *,
                           timeout_s: float = PROBE_TIMEOUT_S) -> dict[str, Any]:
    """Connect a throw-away driver and report what answered: its state, firmware, temperatures, filament.

    The probe has its own scratch directory, so trying a Bambu printer pins nothing for the real one.
    """
    check_connection(driver, connection)
    cls = driver_class(driver)
    with tempfile.TemporaryDirectory(prefix="odind-probe-") as scratch:
        probe = cls("connection test", cls.Connection.model_validate(connection), data_dir=Path(scratch))
        answered = asyncio.create_task(_first_answer(probe))
        await asyncio.sleep(0)  # subscribed before the driver can report
        try:
            await probe.connect()
            await asyncio.wait_for(answered, timeout_s)
        except TimeoutError:
            pass
        finally:
            status = probe.status()  # before closing, which marks it offline
            answered.cancel()
            await probe.close()
    reachable = status.state != PrinterState.OFFLINE
    return {"reachable": reachable, "state": status.state.value, "firmware": status.firmware,
            "message": status.message if not reachable else None,
            "temperatures": {name: t.actual for name, t in status.temperatures.items()},
            "filaments": [f.model_dump(mode="json") for f in status.filaments]}
