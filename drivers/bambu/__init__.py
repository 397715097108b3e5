"""Bambu Lab printers over LAN mode: MQTT over TLS (port 8883) plus implicit FTPS (port 990)."""

from odind.drivers.bambu.connection import BambuConnection as Connection
from odind.drivers.bambu.driver import Driver

__all__ = ["Connection", "Driver"]
