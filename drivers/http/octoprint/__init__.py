"""Printers run by OctoPrint, reached through its REST API."""

from odind.drivers.http.octoprint.driver import OctoPrintConnection as Connection
from odind.drivers.http.octoprint.driver import OctoPrintDriver as Driver

__all__ = ["Connection", "Driver"]
