"""Marketplace order import: Etsy's "sold order items" CSV and a plain generic CSV.

All or nothing: the whole file is read and checked first (every unknown SKU and every bad figure is
reported, with its row), and only a clean file is written, in one transaction. Orders already
imported (same platform and reference) are skipped and listed, so importing the same export twice
is harmless.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from odind.domain import contacts
from odind.domain.sales import orders
from odind.errors import Invalid
from odind.store import catalog as catalog_sql
from odind.store.db import Store
from odind.store.sales import orders as orders_sql

Format = Literal["etsy", "generic"]
MAX_ROWS = 20_000
_MONEY_NOISE = re.compile(r"[\s,£$€]|^[A-Z]{3}")  # "£1,234.50", "GBP 12.00"


@dataclass
class _Order:
    reference: str
    platform: orders.Platform
    customer_name: str
    email: str | None = None
    ship_to: list[str] = field(default_factory=list)
    shipping: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    lines: list[tuple[str, int, Decimal | None, int]] = field(default_factory=list)  # sku, qty, price, row


def _columns(header: list[str]) -> dict[str, int]:
    return {name.strip().lower(): index for index, name in enumerate(header)}


def _money(raw: str, row: int, column: str, problems: list[dict[str, Any]]) -> Decimal | None:
    text = _MONEY_NOISE.sub("", raw or "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        problems.append({"row": row, "column": column, "message": f"{raw!r} is not an amount of money"})
        return None
    return value


def _quantity(raw: str, row: int, column: str, problems: list[dict[str, Any]]) -> int:
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 7 or int(text) <= 0 or int(text) > 1_000_000:
        problems.append({"row": row, "column": column, "message": f"{raw!r} is not a whole quantity above zero"})
        return 0
    return int(text)


def _parse(text: str, fmt: Format) -> tuple[list[_Order], list[dict[str, Any]]]:
    try:
        return _parse_rows(csv.reader(io.StringIO(text.lstrip("\ufeff"))), fmt)
    except csv.Error as exc:  # an oversized field, a stray quote the dialect cannot read
        raise Invalid(f"the file is not a readable CSV: {exc}", field="file") from None


def _parse_rows(reader: Any, fmt: Format) -> tuple[list[_Order], list[dict[str, Any]]]:
    try:
        header = next(reader)
    except StopIteration:
        raise Invalid("the CSV file is empty", field="file") from None
    cols = _columns(header)
    if fmt == "etsy":
        need = {"order id": "Order ID", "sku": "SKU", "quantity": "Quantity", "price": "Price"}
        names: tuple[str, ...] = ("ship name", "buyer", "full name")
    else:
        need = {"order_reference": "order_reference", "customer_name": "customer_name", "sku": "sku",
                "quantity": "quantity"}
        names = ("customer_name",)
    missing = [label for key, label in need.items() if key not in cols]
    if missing:
        raise Invalid(f"the {fmt} CSV lacks the column(s) {', '.join(missing)}", field="file",
                      details={"missing_columns": missing})

    def get(row: list[str], key: str) -> str:
        index = cols.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    found: dict[str, _Order] = {}
    problems: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS:
            raise Invalid(f"at most {MAX_ROWS} rows per import", field="file")
        if not any(cell.strip() for cell in row):
            continue
        if fmt == "etsy":
            raw_reference, platform, price_col = get(row, "order id"), orders.Platform.ETSY, "price"
            reference = f"ETSY-{raw_reference}"
        else:
            raw_reference = reference = get(row, "order_reference")
            price_col = "unit_price"
            try:
                platform = orders.Platform(get(row, "platform").lower() or "other")
            except ValueError:
                problems.append({"row": number, "column": "platform",
                                 "message": f"unknown platform {get(row, 'platform')!r}"})
                continue
        customer = next((get(row, key) for key in names if get(row, key)), "")
        if not raw_reference or not customer:
            problems.append({"row": number, "column": "order", "message": "order reference and customer are required"})
            continue
        order = found.setdefault(reference, _Order(reference, platform, customer))
        order.email = order.email or next((get(row, k)[:200] for k in ("customer_email", "buyer email", "email")
                                           if "@" in get(row, k)), None)
        if fmt == "etsy" and not order.ship_to:
            order.ship_to = [get(row, k) for k in ("ship address1", "ship address2", "ship city", "ship state",
                                                   "ship zipcode", "ship country") if get(row, k)]
            order.shipping = _money(get(row, "order shipping"), number, "Order Shipping", problems) or Decimal(0)
        if fmt == "etsy":
            order.discount += _money(get(row, "discount amount"), number, "Discount Amount", problems) or Decimal(0)
        elif get(row, "shipping"):
            order.shipping = _money(get(row, "shipping"), number, "shipping", problems) or Decimal(0)
        sku = get(row, "sku")
        if not sku:
            problems.append({"row": number, "column": "sku", "message": "the SKU is empty"})
            continue
        quantity = _quantity(get(row, "quantity"), number, "quantity", problems)
        order.lines.append((sku, quantity, _money(get(row, price_col), number, price_col, problems), number))
    return list(found.values()), problems


async def import_csv(store: Store, actor: str, text: str, fmt: Format, *,
                     default_tax_rate: Decimal | None = None) -> dict[str, Any]:
    parsed, problems = _parse(text, fmt)
    if not parsed and not problems:
        raise Invalid("the CSV file has no order rows", field="file")
    async with store.transaction(actor) as tx:
        products: dict[str, dict[str, Any] | None] = {}
        for order in parsed:
            for sku, _, _, _ in order.lines:
                if sku not in products:
                    products[sku] = await catalog_sql.get_product_by_sku(tx, sku)
        unknown = sorted(sku for sku, product in products.items() if product is None)
        for order in parsed:
            for sku, _, _, row in order.lines:
                if sku in unknown:
                    problems.append({"row": row, "column": "sku", "message": f"unknown SKU {sku!r}"})
        if problems:
            raise Invalid(f"nothing imported: {len(problems)} problem(s) in the file"
                          + (f"; unknown SKUs: {', '.join(unknown)}" if unknown else ""),
                          field="file", details={"problems": sorted(problems, key=lambda p: p["row"]),
                                                 "unknown_skus": unknown})
        created, skipped = [], []
        for order in parsed:
            if await orders_sql.find_by_reference(tx, order.platform.value, order.reference):
                skipped.append(order.reference)
                continue
            known = {sku: product for sku, product in products.items() if product is not None}
            lines = [orders.OrderLineIn(product_id=known[sku]["id"], quantity=qty, unit_price=price)
                     for sku, qty, price, _ in order.lines]
            goods = sum(((line.unit_price if line.unit_price is not None else
                          Decimal(known[sku]["sale_price"])) * line.quantity
                         for line, (sku, _, _, _) in zip(lines, order.lines, strict=True)), Decimal(0))
            customer_id = await contacts.customer_for(tx, name=order.customer_name[:200], email=order.email,
                                                      ship_to=order.ship_to[:8])
            order_id = await orders.create_in_tx(tx, orders.OrderIn(
                platform=order.platform, customer_name=order.customer_name, reference=order.reference,
                customer_id=customer_id, customer_email=order.email,
                ship_to=order.ship_to[:8], shipping_charged=order.shipping,
                order_discount=min(order.discount, goods), lines=lines,
                notes=f"imported from {fmt} CSV"), default_tax_rate=default_tax_rate)
            created.append({"id": order_id, "reference": order.reference})
        await tx.record("import", None, "orders_imported", format=fmt, created=len(created), skipped=skipped)
    return {"created": created, "skipped": skipped}
