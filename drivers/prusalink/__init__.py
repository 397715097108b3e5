"""Prusa printers reached through the PrusaLink v1 HTTP API."""

from odind.drivers.prusalink.driver import PrusaLinkConnection, PrusaLinkDriver

Driver = PrusaLinkDriver

__all__ = ["Driver", "PrusaLinkConnection", "PrusaLinkDriver"]
