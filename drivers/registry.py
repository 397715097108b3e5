"""Driver classes by config `driver` name, imported lazily so one broken family cannot stop the daemon.

Every family package exports the same two names, `Driver` and `Connection`, and keeps its
device-side simulator in `<package>.sim` with a `launch_simulator(...)` of the same signature.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from odind.drivers.base import PrinterDriver

PACKAGES: dict[str, str] = {
    "marlin": "odind.drivers.marlin",
    "bambu": "odind.drivers.bambu",
    "moonraker": "odind.drivers.http.moonraker",
    "octoprint": "odind.drivers.http.octoprint",
    "prusalink": "odind.drivers.http.prusalink",
}
FAMILIES: tuple[str, ...] = tuple(PACKAGES)


class UnknownDriver(LookupError):
    pass


def _package(family: str) -> str:
    if family not in PACKAGES:
        raise UnknownDriver(f"unknown driver {family!r}; expected one of {', '.join(FAMILIES)}")
    return PACKAGES[family]


def driver_class(family: str) -> type[PrinterDriver]:
    try:
        module = importlib.import_module(_package(family))
        return module.Driver
    except (ImportError, AttributeError) as exc:
        raise UnknownDriver(f"driver {family!r} could not be loaded: {exc}") from exc


def simulator_module(family: str) -> ModuleType:
    """The family's simulator, for `odind demo`, the benchmarks and the tests."""
    return importlib.import_module(f"{_package(family)}.sim")
