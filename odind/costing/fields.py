"""Validated field types shared by the costing models (money itself is odind.money.Money).

Percentages arrive from the API and the store as strings or Decimals. Floats are refused
outright: a float has already lost the exact value the user typed, and no later rounding restores it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from odind.errors import Invalid
from odind.money import refuse_float

_Exact = BeforeValidator(refuse_float)

Percent = Annotated[Decimal, _Exact, Field(ge=0, le=100, allow_inf_nan=False)]
"""A percentage from 0 to 100 inclusive (6.5 means 6.5 %)."""

Amount = Annotated[Decimal, _Exact, Field(ge=0, allow_inf_nan=False)]
"""A non-negative physical quantity: grams, hours, watts, millilitres."""

PositiveAmount = Annotated[Decimal, _Exact, Field(gt=0, allow_inf_nan=False)]
"""A quantity that must be above zero because something is divided by it."""


class Frozen(BaseModel):
    """Immutable input/output model; unknown keys are typos, so they are rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def exact_number(value: object, field: str, *, minimum: Decimal = Decimal(0), above: bool = False) -> Decimal:
    """An argument given to a costing function directly (not through a model): Decimal or int only."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise Invalid(f"{field} must be a Decimal or an int, got {value!r}", field=field)
    number = Decimal(value)
    if not number.is_finite() or number < minimum or (above and number == minimum):
        bound = "above" if above else "at least"
        raise Invalid(f"{field} must be a finite number {bound} {minimum}, got {value!r}", field=field)
    return number
