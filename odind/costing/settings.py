"""The tenant's cost settings, per-product overrides and filament prices.

Settings are what a seller knows about their own shop (labour rate, power price, printers, how
often prints fail); overrides let one product differ (a fiddly model that fails more, a product
that always runs on the big printer) without forking the tenant's numbers.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from odind.costing.fields import Amount, Frozen, Percent, PositiveAmount
from odind.errors import Invalid
from odind.money import Money, carried


class PrinterModel(Frozen):
    """A kind of printer: what it cost, how many print hours it is expected to last, what it draws."""

    purchase_cost: Money
    expected_life_hours: PositiveAmount
    watts: Amount


class Spool(Frozen):
    """A bought spool: its filament costs price / net weight per gram."""

    price: Money
    net_weight_grams: PositiveAmount

    @property
    def cost_per_gram(self) -> Decimal:
        return carried(self.price / self.net_weight_grams)


class CostOverrides(Frozen):
    """Per-product replacements for tenant settings; None keeps the tenant's value."""

    labour_rate_per_hour: Money | None = None
    failure_buffer_percent: Percent | None = None
    overhead_percent: Percent | None = None
    purge_grams_per_colour_change: Amount | None = None
    software_per_print_hour: Money | None = None
    printer_model: str | None = None
    material_cost_per_gram: dict[str, Money] = Field(default_factory=dict)


class CostSettings(Frozen):
    """Tenant-wide costing inputs. Percentages are of the subtotal before buffer and overhead.

    With `filament_prices_from_spools` a filament is priced by the newest spool of its material and
    colour (price / net weight), so a seller who buys colours at different prices sees it; without a
    matching spool, or with the flag off, the material's price per gram applies.
    """

    labour_rate_per_hour: Money = Decimal(0)
    electricity_price_per_kwh: Money = Decimal(0)
    printer_models: dict[str, PrinterModel] = Field(default_factory=dict)
    default_printer_model: str | None = None
    software_per_print_hour: Money = Decimal(0)
    software_per_order: Money = Decimal(0)
    failure_buffer_percent: Percent = Decimal(0)
    overhead_percent: Percent = Decimal(0)
    purge_grams_per_colour_change: Amount = Decimal(0)
    material_cost_per_gram: dict[str, Money] = Field(default_factory=dict)
    filament_prices_from_spools: bool = False

    @model_validator(mode="after")
    def _default_printer_is_known(self) -> CostSettings:
        if self.default_printer_model is not None and self.default_printer_model not in self.printer_models:
            raise ValueError(f"default_printer_model {self.default_printer_model!r} is not one of the "
                             f"printer models: {sorted(self.printer_models)}")
        return self

    def with_overrides(self, overrides: CostOverrides) -> CostSettings:
        """These settings with a product's overrides applied (material prices merge per material)."""
        if overrides.printer_model is not None and overrides.printer_model not in self.printer_models:
            raise Invalid(f"printer model {overrides.printer_model!r} is not configured",
                          field="printer_model")
        update: dict[str, object] = {
            name: value for name, value in overrides if value is not None and name != "material_cost_per_gram"
        }
        if "printer_model" in update:
            update["default_printer_model"] = update.pop("printer_model")
        if overrides.material_cost_per_gram:
            update["material_cost_per_gram"] = {**self.material_cost_per_gram,
                                                **overrides.material_cost_per_gram}
        return self.model_copy(update=update)

    def printer(self, name: str | None) -> PrinterModel | None:
        """The named printer model, else the default; None when no printer costs are configured."""
        chosen = name or self.default_printer_model
        if chosen is None:
            return None
        try:
            return self.printer_models[chosen]
        except KeyError:
            raise Invalid(f"printer model {chosen!r} is not configured", field="printer_model") from None

    def cost_per_gram(self, material: str) -> Decimal:
        try:
            return self.material_cost_per_gram[material]
        except KeyError:
            raise Invalid(f"no cost per gram for material {material!r}: set a material price or assign "
                          "a spool", field="material") from None
