"""Validated field types shared by the costing models.

Money and percentages arrive from the API and the store as strings or Decimals. Floats are refused
outright: a float has already lost the exact value the user typed, and no later rounding restores it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _refuse_float(value: object) -> object:
    if isinstance(value, float | bool):
        raise ValueError('must be a decimal string such as "12.50", not a float')
    return value


_Exact = BeforeValidator(_refuse_float)

Money = Annotated[Decimal, _Exact, Field(ge=0, allow_inf_nan=False)]
"""A non-negative amount of money (a price, a rate, a fee)."""

Percent = Annotated[Decimal, _Exact, Field(ge=0, le=100, allow_inf_nan=False)]
"""A percentage from 0 to 100 inclusive (6.5 means 6.5 %)."""

Amount = Annotated[Decimal, _Exact, Field(ge=0, allow_inf_nan=False)]
"""A non-negative physical quantity: grams, hours, watts, millilitres."""

PositiveAmount = Annotated[Decimal, _Exact, Field(gt=0, allow_inf_nan=False)]
"""A quantity that must be above zero because something is divided by it."""


class Frozen(BaseModel):
    """Immutable input/output model; unknown keys are typos, so they are rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")
