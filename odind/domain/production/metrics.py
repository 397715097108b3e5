"""Production efficiency over a period, per product, printer or material.

- Output % = good units ÷ units attempted (a failed plate's units were attempted and are not good);
- Waste % = grams wasted ÷ grams used (waste is what failed, cancelled and interrupted prints used);
- Consumption % = grams used ÷ grams planned (planned: what the good prints were sliced for), so
  100 % means nothing was lost and 112 % means an eighth more filament went in than came out as goods.

Exact Decimal arithmetic, rounded once to two places where shown; a figure with nothing to divide
by is null, never a division by zero.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from odind.domain.types import Input
from odind.errors import Invalid
from odind.money import exact_text, percent
from odind.store.db import Store
from odind.store.production import attempts as sql

GroupBy = Literal["total", "product", "printer", "material"]


class MetricsQuery(Input):
    since: date | None = Field(None, description="first day (UTC), default 30 days ago")
    until: date | None = Field(None, description="last day (UTC) included, default today")
    by: GroupBy = "total"


@dataclass
class _Tally:
    attempts: set[int] = field(default_factory=set)
    units_attempted: int = 0
    units_good: int = 0
    failures: int = 0
    planned: Decimal = Decimal(0)
    used: Decimal = Decimal(0)
    wasted: Decimal = Decimal(0)

    def add(self, row: dict[str, Any]) -> None:
        if row["id"] not in self.attempts:
            self.attempts.add(row["id"])
            self.units_attempted += row["units"]
            if row["outcome"] == "completed":
                self.units_good += row["units"]
            else:
                self.failures += 1
        if row["used_g"] is None:
            return
        used = Decimal(row["used_g"])
        self.used += used
        if row["outcome"] == "completed":
            self.planned += Decimal(row["planned_g"])
        else:
            self.wasted += used

    def view(self) -> dict[str, Any]:
        def shown(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")
        return {
            "units_attempted": self.units_attempted, "units_good": self.units_good, "failed_attempts": self.failures,
            "grams_planned": exact_text(self.planned), "grams_used": exact_text(self.used),
            "grams_wasted": exact_text(self.wasted),
            "output_percent": shown(percent(Decimal(self.units_good), Decimal(self.units_attempted))),
            "waste_percent": shown(percent(self.wasted, self.used)),
            "consumption_percent": shown(percent(self.used, self.planned)),
        }


def _window(query: MetricsQuery) -> tuple[date, date]:
    until = query.until or date.today()
    since = query.since or until - timedelta(days=29)
    if since > until:
        raise Invalid(f"since {since} is after until {until}", field="since")
    return since, until


def _key(row: dict[str, Any], by: GroupBy) -> str | None:
    match by:
        case "total":
            return "all"
        case "product":
            return row["product_sku"] or "(no product)"
        case "printer":
            return row["printer_name"] or "(no printer)"
        case "material":
            return None if row["material"] is None else " ".join(filter(None, (row["material"], row["colour"])))


async def efficiency(store: Store, query: MetricsQuery) -> dict[str, Any]:
    since, until = _window(query)
    async with store.read() as db:
        rows = await sql.between(db, since.isoformat(), (until + timedelta(days=1)).isoformat())
    groups: dict[str, _Tally] = {}
    total = _Tally()
    for row in rows:
        total.add(row)
        key = _key(row, query.by)
        if key is not None:
            groups.setdefault(key, _Tally()).add(row)
    return {"since": since.isoformat(), "until": until.isoformat(), "by": query.by,
            "groups": [{"key": key, **tally.view()} for key, tally in sorted(groups.items())],
            "total": total.view()}


def as_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    columns = ["key", "units_attempted", "units_good", "failed_attempts", "output_percent", "grams_planned",
               "grams_used", "grams_wasted", "waste_percent", "consumption_percent"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for group in report["groups"]:
        writer.writerow(group)
    writer.writerow({"key": "total", **report["total"]})
    return out.getvalue()


async def job_attempts(store: Store, job_id: int) -> list[dict[str, Any]]:
    """A job's attempts, each with its filament rows, oldest first."""
    async with store.read() as db:
        rows = await sql.for_job(db, job_id)
    attempts: dict[int, dict[str, Any]] = {}
    for row in rows:
        attempt = attempts.setdefault(row["id"], {
            "attempt": row["attempt"], "outcome": row["outcome"], "printer_id": row["printer_id"],
            "product_id": row["product_id"], "units": row["units"], "progress": row["progress"],
            "message": row["message"], "finished_at": row["finished_at"], "filament": []})
        if row["material"] is not None:
            attempt["filament"].append({"material": row["material"], "colour": row["colour"] or None,
                                        "planned_g": row["planned_g"], "used_g": row["used_g"],
                                        "spool_id": row["spool_id"]})
    return list(attempts.values())
