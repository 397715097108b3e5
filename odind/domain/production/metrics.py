"""Production efficiency over a period, per product, printer or material.

- Output % = good units ÷ units attempted (a failed plate's units were attempted and are not good);
- Waste % = grams wasted ÷ grams used (waste is what failed, cancelled and interrupted prints used);
- Consumption % = grams used ÷ grams planned (planned: what the good prints were sliced for), so
  100 % means nothing was lost and 112 % means an eighth more filament went in than came out as goods;
- utilisation % = hours printing ÷ hours in the period (per printer), with the hours a finished print
  stood on the plate waiting for the operator, and the hours a free printer waited for a filament swap
  to print queued work, shown apart; mean time between failures =
  hours printing ÷ failed or interrupted prints, and the actual against the estimated print hours and
  filament cost (at today's material prices) of the good prints.

Exact Decimal arithmetic, rounded once to two places where shown; a figure with nothing to divide
by is null, never a division by zero.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from odind.domain.types import Input
from odind.errors import Invalid, NotFound
from odind.money import carried, exact_text, percent, shown_text
from odind.store.db import Store
from odind.store.production import attempts as sql
from odind.store.production import jobs as jobs_sql
from odind.store.stock import inventory as inventory_sql

GroupBy = Literal["total", "product", "printer", "material"]


class MetricsQuery(Input):
    since: date | None = Field(None, description="first day (UTC), default 30 days ago")
    until: date | None = Field(None, description="last day (UTC) included, default today")
    by: GroupBy = "total"


@dataclass
class _Tally:
    prices: dict[str, Decimal]
    period_s: int
    attempts: set[int] = field(default_factory=set)
    units_attempted: int = 0
    units_good: int = 0
    failures: int = 0  # every attempt that did not end good
    breakdowns: int = 0  # failed or interrupted: what mean time between failures counts
    planned: Decimal = Decimal(0)
    used: Decimal = Decimal(0)
    wasted: Decimal = Decimal(0)
    printing_s: int = 0
    actual_s: int = 0
    estimated_s: int = 0
    planned_cost: Decimal = Decimal(0)
    used_cost: Decimal = Decimal(0)
    plate_wait_s: int = 0  # idle with a finished or failed print on the plate, waiting for the operator
    filament_wait_s: int = 0  # free, plate clear, queued work it could print but for the filament loaded

    def add(self, row: dict[str, Any]) -> None:
        good = row["outcome"] == "completed"
        if row["id"] not in self.attempts:
            self.attempts.add(row["id"])
            self.units_attempted += row["units"]
            seconds = _seconds_between(row["started_at"], row["finished_at"])
            self.printing_s += seconds
            if good:
                self.units_good += row["units"]
                if row["estimated_s"]:
                    self.actual_s += seconds
                    self.estimated_s += row["estimated_s"]
            else:
                self.failures += 1
                self.breakdowns += row["outcome"] in ("failed", "interrupted")
        if row["used_g"] is None:
            return
        used, price = Decimal(row["used_g"]), self.prices.get(row["material"], Decimal(0))
        self.used += used
        self.used_cost += used * price if row.get("cost") is None else Decimal(row["cost"])  # the spool's real cost
        if good:
            self.planned += Decimal(row["planned_g"])
            self.planned_cost += Decimal(row["planned_g"]) * price
        else:
            self.wasted += used

    def view(self) -> dict[str, Any]:
        def shown(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")

        def hours(seconds: int) -> str:
            return exact_text(carried(Decimal(seconds) / 3600))
        return {
            "units_attempted": self.units_attempted, "units_good": self.units_good, "failed_attempts": self.failures,
            "grams_planned": exact_text(self.planned), "grams_used": exact_text(self.used),
            "grams_wasted": exact_text(self.wasted),
            "output_percent": shown(percent(Decimal(self.units_good), Decimal(self.units_attempted))),
            "waste_percent": shown(percent(self.wasted, self.used)),
            "consumption_percent": shown(percent(self.used, self.planned)),
            "printing_hours": hours(self.printing_s), "plate_wait_hours": hours(self.plate_wait_s),
            "filament_wait_hours": hours(self.filament_wait_s),
            "utilisation_percent": shown(percent(Decimal(self.printing_s), Decimal(self.period_s))),
            "mtbf_hours": None if not self.breakdowns else exact_text(
                carried(Decimal(self.printing_s) / 3600 / self.breakdowns)),
            "print_hours_estimated": hours(self.estimated_s), "print_hours_actual": hours(self.actual_s),
            "filament_cost_planned": shown_text(self.planned_cost), "filament_cost_used": shown_text(self.used_cost),
        }


def _seconds_between(started: str | None, finished: str) -> int:
    if not started:
        return 0
    try:
        return max(int((datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()), 0)
    except ValueError:
        return 0


def _waits(events: list[dict[str, Any]], begins: str, ends: str, end: datetime) -> dict[str, int]:
    """Seconds each printer spent between a `begins` event and the next `ends` (or the period's end):
    a plate standing occupied (a print done, the operator not yet there), or a wait for filament."""
    open_since: dict[str, datetime] = {}
    waits: dict[str, int] = {}
    for event in events:
        name, at = event["printer_name"], datetime.fromisoformat(event["at"])
        if event["action"] == begins:
            open_since.setdefault(name, at)
        elif event["action"] == ends and name in open_since:
            waits[name] = waits.get(name, 0) + int((at - open_since.pop(name)).total_seconds())
    for name, since in open_since.items():
        waits[name] = waits.get(name, 0) + max(int((min(end, datetime.now(UTC)) - since).total_seconds()), 0)
    return waits


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
        waits = await sql.wait_events(db, since.isoformat(), (until + timedelta(days=1)).isoformat())
        prices = {material.upper(): Decimal(price) for material, price in
                  (await inventory_sql.material_prices(db)).items()}
    period_s = ((until - since).days + 1) * 86400
    groups: dict[str, _Tally] = {}
    total = _Tally(prices, period_s)
    for row in rows:
        total.add(row)
        key = _key(row, query.by)
        if key is not None:
            groups.setdefault(key, _Tally(prices, period_s)).add(row)
    if query.by == "printer":
        end = datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        for name, seconds in _waits(waits, "plate_occupied", "plate_cleared", end).items():
            groups.setdefault(name, _Tally(prices, period_s)).plate_wait_s += seconds
            total.plate_wait_s += seconds
        for name, seconds in _waits(waits, "filament_wait_started", "filament_wait_ended", end).items():
            groups.setdefault(name, _Tally(prices, period_s)).filament_wait_s += seconds
            total.filament_wait_s += seconds
    return {"since": since.isoformat(), "until": until.isoformat(), "by": query.by,
            "groups": [{"key": key, **tally.view()} for key, tally in sorted(groups.items())],
            "total": total.view()}


def as_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    columns = ["key", "units_attempted", "units_good", "failed_attempts", "output_percent", "grams_planned",
               "grams_used", "grams_wasted", "waste_percent", "consumption_percent", "printing_hours",
               "utilisation_percent", "plate_wait_hours", "filament_wait_hours", "mtbf_hours", "print_hours_estimated",
               "print_hours_actual",
               "filament_cost_planned", "filament_cost_used"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for group in report["groups"]:
        writer.writerow(group)
    writer.writerow({"key": "total", **report["total"]})
    return out.getvalue()


async def job_attempts(store: Store, job_id: int) -> list[dict[str, Any]]:
    """A job's attempts, each with its filament rows, oldest first."""
    async with store.read() as db:
        if await jobs_sql.get_job(db, job_id) is None:
            raise NotFound(f"job {job_id} does not exist", field="job_id")
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
                                        "spool_id": row["spool_id"], "cost": row["cost"]})
    return list(attempts.values())
