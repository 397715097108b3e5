"""Klipper printers reached through Moonraker's HTTP API."""

from odind.drivers.moonraker.driver import MoonrakerConnection, MoonrakerDriver

Driver = MoonrakerDriver

__all__ = ["Driver", "MoonrakerConnection", "MoonrakerDriver"]
