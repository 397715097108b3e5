"""Printers run by OctoPrint, reached through its REST API."""

from odind.drivers.octoprint.driver import OctoPrintConnection, OctoPrintDriver

Driver = OctoPrintDriver

__all__ = ["Driver", "OctoPrintConnection", "OctoPrintDriver"]
