"""What an invoice, credit note or packing slip says, validated before anything is drawn.

These models are the boundary between the order code and the PDF renderer: whatever reaches
`render_invoice` has non-negative money in exact Decimals, whole positive quantities and discounts
that fit what they discount, so the renderer never has to decide what a bad figure means.

Prices are net of tax; tax is added per rate. Tax rates are percentages (20 means 20 %), the same
convention as the `[sales] tax_rate_percent` setting.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from odind.invoice.currency import CurrencyCode, format_money
from odind.invoice.totals import exact_totals
from odind.money import Money, refuse_float, shown

DocumentKind = Literal["invoice", "credit_note", "proforma", "quote"]

_LOGO_FORMATS = {"PNG", "JPEG"}
LOGO_MAX_BYTES = 1 << 20  # a letterhead logo; a photograph-sized file is a mistake


def logo_size(logo: bytes) -> tuple[int, int]:
    """The logo's size in pixels; ValueError if it is not a readable PNG or JPEG image.

    Pillow loads here, on the first logo, not with the daemon (see `odind.invoice.render_invoice`).
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(logo)) as image:
            image_format, size = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    if image_format not in _LOGO_FORMATS or min(size) < 1:
        raise ValueError("the logo is neither a readable PNG nor a JPEG image")
    return size


TaxRate = Annotated[Decimal, BeforeValidator(refuse_float), Field(ge=0, le=100, allow_inf_nan=False)]
Quantity = Annotated[int, Field(ge=1, strict=True)]
Text = Annotated[str, Field(min_length=1, max_length=500)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Branding(_Model):
    business_name: Text
    address_lines: list[Text] = Field(default_factory=list, max_length=8)
    logo: bytes | None = Field(None, max_length=LOGO_MAX_BYTES)  # PNG or JPEG file contents
    accent_colour: str = Field("#2E6FDB", pattern=r"^#[0-9A-Fa-f]{6}$")
    footer: str | None = Field(None, max_length=500)

    @field_validator("logo")
    @classmethod
    def _logo_is_png_or_jpeg(cls, logo: bytes | None) -> bytes | None:
        """Checked here, when branding is set, so a bad logo never fails a customer's invoice."""
        if logo is not None:
            logo_size(logo)
        return logo

    @property
    def accent_rgb(self) -> tuple[int, int, int]:
        hex_digits = self.accent_colour[1:]
        return int(hex_digits[0:2], 16), int(hex_digits[2:4], 16), int(hex_digits[4:6], 16)


class InvoiceLine(_Model):
    description: Text
    sku: str | None = Field(None, max_length=100)
    quantity: Quantity
    unit_price: Money
    tax_rate: TaxRate | None = None
    discount: Money = Decimal(0)

    @field_validator("discount")
    @classmethod
    def _discount_fits_line(cls, discount: Decimal, info: ValidationInfo) -> Decimal:
        quantity, unit_price = info.data.get("quantity"), info.data.get("unit_price")
        if quantity is not None and unit_price is not None and discount > quantity * unit_price:
            raise ValueError(f"discount {discount} is more than the line's value {quantity * unit_price}")
        return discount

    @property
    def gross(self) -> Decimal:
        return self.quantity * self.unit_price


class InvoiceDocument(_Model):
    kind: DocumentKind = "invoice"
    number: str | None = Field(None, min_length=1, max_length=64)
    issued_on: date
    due_on: date | None = None
    order_reference: Text
    customer_name: Text
    customer_address_lines: list[Text] = Field(default_factory=list, max_length=8)
    platform: str | None = Field(None, max_length=100)
    currency: CurrencyCode = "GBP"
    lines: list[InvoiceLine] = Field(min_length=1)
    default_tax_rate: TaxRate = Decimal(0)
    tax_label: Text = "VAT"
    shipping_charged: Money = Decimal(0)
    shipping_tax_rate: TaxRate | None = None
    order_discount: Money = Decimal(0)
    refunds: Money = Decimal(0)
    notes: str | None = Field(None, max_length=2000)
    credits_invoice_number: str | None = Field(None, min_length=1, max_length=64)

    @field_validator("order_discount")
    @classmethod
    def _discount_fits_goods(cls, discount: Decimal, info: ValidationInfo) -> Decimal:
        """The order discount comes off the goods (after line discounts), never off shipping or tax."""
        lines: list[InvoiceLine] | None = info.data.get("lines")
        if lines is not None:
            goods = sum((line.gross - line.discount for line in lines), Decimal(0))
            if discount > goods:
                raise ValueError(
                    f"order discount {discount} is more than the goods after line discounts {goods}"
                )
        return discount

    @model_validator(mode="after")
    def _consistent(self) -> InvoiceDocument:
        if self.kind == "credit_note" and self.credits_invoice_number is None:
            raise ValueError("credits_invoice_number is required on a credit note (the invoice it credits)")
        if self.kind != "credit_note" and self.credits_invoice_number is not None:
            raise ValueError(f"credits_invoice_number belongs on a credit note, not on a {self.kind}")
        if self.due_on is not None and self.due_on < self.issued_on:
            raise ValueError(f"due_on {self.due_on} is before issued_on {self.issued_on}")
        total = exact_totals(self).total
        if self.refunds > total:
            written = format_money(shown(total, self.currency), self.currency)
            raise ValueError(f"refunds {self.refunds} are more than the document total {written}")
        return self

    def tax_rate_of(self, line: InvoiceLine) -> Decimal:
        return self.default_tax_rate if line.tax_rate is None else line.tax_rate

    @property
    def effective_shipping_tax_rate(self) -> Decimal:
        return self.default_tax_rate if self.shipping_tax_rate is None else self.shipping_tax_rate


class PackingSlipLine(_Model):
    sku: str | None = Field(None, max_length=100)
    description: Text
    quantity: Quantity


class PackingSlip(_Model):
    branding: Branding
    order_reference: Text
    shipment_reference: str | None = Field(None, max_length=100)
    carrier: str | None = Field(None, max_length=100)
    tracking_number: str | None = Field(None, max_length=100)
    ship_to: list[Text] = Field(min_length=1, max_length=10)
    lines: list[PackingSlipLine] = Field(min_length=1)
