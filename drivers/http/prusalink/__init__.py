"""Prusa printers reached through the PrusaLink v1 HTTP API."""

from odind.drivers.http.prusalink.driver import PrusaLinkConnection as Connection
from odind.drivers.http.prusalink.driver import PrusaLinkDriver as Driver

__all__ = ["Connection", "Driver"]
