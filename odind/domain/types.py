"""Annotated field types for the pydantic models at the domain's boundary."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


def _no_float_noise(value: Decimal) -> Decimal:
    if value.as_tuple().exponent < -8:  # type: ignore[operator]
        raise ValueError("at most 8 decimal places")
    return value


Rate = Annotated[Decimal, Field(ge=0, le=Decimal("1e6")), AfterValidator(_no_float_noise)]
Quantity = Annotated[int, Field(gt=0, le=1_000_000)]
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Sku = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64,
                                       pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")]
Note = Annotated[str, StringConstraints(max_length=4000)]
Colour = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^#[0-9A-Fa-f]{6}$")]
Material = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=40,
                                            pattern=r"^[A-Za-z0-9][A-Za-z0-9+\-_. ]*$")]


class Input(BaseModel):
    """Base for request bodies: unknown fields are refused so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
