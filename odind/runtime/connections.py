"""Checks a printer's `connection` table against its driver family before it is stored."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from odind.drivers.registry import UnknownDriver, driver_class
from odind.errors import Invalid


def check_connection(driver: str, connection: dict[str, Any]) -> None:
    """Raise Invalid naming the offending field, in the shape the API answers with."""
    try:
        cls = driver_class(driver)
    except UnknownDriver as exc:
        raise Invalid(str(exc), field="driver") from None
    try:
        cls.Connection.model_validate(connection)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Invalid(f"connection.{where}: {first['msg']}", field=f"connection.{where}") from None
