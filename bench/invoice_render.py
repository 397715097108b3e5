"""How long one PDF takes to render: a 10-line invoice, a 120-line invoice and a packing slip.

Run: .venv/bin/python bench/invoice_render.py [repeats]. Prints the median and best wall time per
document; the first render (imports, font parse caches) is reported on its own.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from odind.invoice import (
    Branding,
    InvoiceDocument,
    InvoiceLine,
    PackingSlip,
    PackingSlipLine,
    render_invoice,
    render_packing_slip,
)

BRANDING = Branding(business_name="Red Fox Prints", address_lines=["12 Kiln Lane", "Leeds LS1 4AB"],
                    footer="VAT reg GB123456789")


def invoice(lines: int) -> InvoiceDocument:
    return InvoiceDocument(
        number="INV-0042",
        issued_on=date(2026, 11, 23),
        order_reference="ETSY-3141",
        customer_name="Ada Lovelace",
        customer_address_lines=["1 Analytical St", "London N1 1AA"],
        platform="Etsy",
        lines=[
            InvoiceLine(description=f"Articulated fox, silk PLA, colour {index}", sku=f"FOX-{index:03d}",
                        quantity=index % 3 + 1, unit_price=Decimal("12.49"))
            for index in range(lines)
        ],
        default_tax_rate=Decimal("20"),
        shipping_charged=Decimal("3.95"),
        order_discount=Decimal("5"),
    )


def slip() -> PackingSlip:
    return PackingSlip(
        branding=BRANDING, order_reference="ETSY-3141", carrier="Royal Mail", tracking_number="AB123456789GB",
        ship_to=["Ada Lovelace", "1 Analytical St", "London N1 1AA"],
        lines=[PackingSlipLine(sku=f"FOX-{index}", description="Articulated fox", quantity=1) for index in range(10)],
    )


def measure(name: str, render: Callable[[], bytes], repeats: int) -> None:
    start = time.perf_counter()
    size = len(render())
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{name:24s} first {first:7.1f} ms   median {statistics.median(times):7.1f} ms   "
          f"best {min(times):7.1f} ms   {size / 1024:6.1f} KiB")


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    ten, long = invoice(10), invoice(120)
    measure("invoice, 10 lines", lambda: render_invoice(ten, BRANDING), repeats)
    measure("invoice, 120 lines", lambda: render_invoice(long, BRANDING), max(3, repeats // 4))
    packing = slip()
    measure("packing slip, 10 lines", lambda: render_packing_slip(packing), repeats)


if __name__ == "__main__":
    main()
