"""Klipper printers reached through Moonraker's HTTP API."""

from odind.drivers.http.moonraker.driver import MoonrakerConnection as Connection
from odind.drivers.http.moonraker.driver import MoonrakerDriver as Driver

__all__ = ["Connection", "Driver"]
