"""Driver classes by config `driver` name, imported lazily so one broken family cannot stop the daemon."""

from __future__ import annotations

import importlib

from odind.drivers.base import PrinterDriver

FAMILIES: tuple[str, ...] = ("marlin", "bambu", "moonraker", "octoprint", "prusalink")


class UnknownDriver(LookupError):
    pass


def driver_class(family: str) -> type[PrinterDriver]:
    """Each family package exposes its driver as `Driver` in `odind.drivers.<family>`."""
    if family not in FAMILIES:
        raise UnknownDriver(f"unknown driver {family!r}; expected one of {', '.join(FAMILIES)}")
    try:
        module = importlib.import_module(f"odind.drivers.{family}")
        return module.Driver
    except (ImportError, AttributeError) as exc:
        raise UnknownDriver(f"driver {family!r} could not be loaded: {exc}") from exc
