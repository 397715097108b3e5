"""Marlin (and Prusa) printers on USB serial: a streaming host driver and a pty simulator.

`Driver` is what `odind.drivers.registry` loads; `Driver.Connection` validates the printer's
`connection` table (`{"port": "/dev/ttyUSB0", "baud": 115200}`).
"""

from odind.drivers.marlin.driver import MarlinConnection, MarlinDriver

Driver = MarlinDriver
Connection = MarlinConnection

__all__ = ["Connection", "Driver", "MarlinConnection", "MarlinDriver"]
