"""The prepay gate: a shop that prints only what has been paid for says so once, and Schedule All holds to it.

A custom-print shop loses its filament and its printer hours when it prints a direct order whose
customer never pays. With the gate on, an order on prepay terms is refused printing (409, naming its
payment status and balance) until its payments cover it. Orders on purchase-order terms are exempt
(the customer's PO is the promise to pay), and so are marketplace orders: Etsy and Amazon take the
buyer's money at checkout, before the order ever reaches the shop.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from odind.domain.types import Input
from odind.errors import Conflict
from odind.store import settings as settings_sql
from odind.store.db import Db, Store

PREPAY_SETTING = "sales.prepay_before_printing"
MARKETPLACES = frozenset({"etsy", "amazon"})


class PaymentSettingsIn(Input):
    prepay_before_printing: bool = Field(
        description="keep Schedule All from printing a prepay order (direct, wholesale, other) until it is paid")


async def prepay_before_printing(db: Db) -> bool:
    return await settings_sql.get(db, PREPAY_SETTING) == "on"


async def payment_settings(store: Store) -> dict[str, Any]:
    async with store.read() as db:
        return {"prepay_before_printing": await prepay_before_printing(db)}


async def set_payment_settings(store: Store, actor: str, data: PaymentSettingsIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, PREPAY_SETTING, "on" if data.prepay_before_printing else "off")
        await tx.record("settings", None, "payments_changed", prepay_before_printing=data.prepay_before_printing)
    return {"prepay_before_printing": data.prepay_before_printing}


def require_paid(view: dict[str, Any]) -> None:
    """Refuse printing an order the gate holds back; `view` is the order as the API shows it."""
    if view["payment_terms"] != "prepay" or view["platform"] in MARKETPLACES or view["payment_status"] == "paid":
        return
    balance = view["totals"]["balance"]
    raise Conflict(f"this order is on prepay terms and is {view['payment_status']} (balance {balance}): record "
                   f"its payment, or give it purchase-order terms, before printing it", field="payment_status",
                   details={"payment_status": view["payment_status"], "balance": balance})
