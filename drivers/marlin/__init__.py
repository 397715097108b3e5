"""Marlin (and Prusa) printers on USB serial: a streaming host driver and a pty simulator."""

from odind.drivers.marlin.driver import MarlinConnection as Connection
from odind.drivers.marlin.driver import MarlinDriver as Driver

__all__ = ["Connection", "Driver"]
