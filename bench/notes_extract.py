"""Precision and recall of the notes extractor (odind.notes.extract) on labelled notes.

    .venv/bin/python bench/notes_extract.py [--threshold 82] [--quiet]

bench/notes/labelled.json holds a 12-product catalog (names, SKUs, aliases) and 66 notes, each with the
lines a person reading it would propose; the extractor was tuned on them. bench/notes/held_out.json
holds 30 more, written afterwards and never tuned on. A proposed line is right when its product and
quantity match (quantities summed per product); precision is right lines over proposed lines, recall
right lines over labelled lines. The same figures for the product alone (quantity ignored) follow, and
the notes it got wrong are listed, so a change shows what it fixes and what it breaks.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from odind.notes.extract import THRESHOLD, CatalogEntry, propose

NOTES = Path(__file__).resolve().parent / "notes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--quiet", action="store_true", help="figures only, not the misses")
    args = parser.parse_args()
    labelled = json.loads((NOTES / "labelled.json").read_text(encoding="utf-8"))
    catalog = [CatalogEntry(product_id=p["id"], sku=p["sku"], name=p["name"], aliases=tuple(p["aliases"]))
               for p in labelled["catalog"]]
    for name, data in (("tuning set", labelled),
                       ("held-out set", json.loads((NOTES / "held_out.json").read_text(encoding="utf-8")))):
        print(f"== {name}")
        evaluate(data, catalog, args)


def evaluate(data: dict, catalog: list[CatalogEntry], args: argparse.Namespace) -> None:
    right = proposed = labelled = right_product = 0
    misses = []
    started = time.perf_counter()
    for case in data["notes"]:
        got: Counter[str] = Counter()
        for line in propose(case["note"], catalog, threshold=args.threshold):
            got[line.sku] += line.quantity
        want = case["lines"]
        proposed += len(got)
        labelled += len(want)
        hits = sum(1 for sku, qty in got.items() if want.get(sku) == qty)
        right += hits
        right_product += sum(1 for sku in got if sku in want)
        if hits != len(got) or hits != len(want):
            misses.append((case["note"], dict(want), dict(got)))
    took = time.perf_counter() - started
    print(f"{len(data['notes'])} notes, {labelled} labelled lines, {proposed} proposed, threshold {args.threshold}")
    print(f"lines (product and quantity): precision {right / proposed:.1%}, recall {right / labelled:.1%}")
    print(f"products (quantity ignored):  precision {right_product / proposed:.1%}, "
          f"recall {right_product / labelled:.1%}")
    print(f"{1000 * took / len(data['notes']):.2f} ms per note")
    if not args.quiet:
        for note, want, got in misses:
            print(f"  {note!r}: want {want}, got {got}")


if __name__ == "__main__":
    main()
