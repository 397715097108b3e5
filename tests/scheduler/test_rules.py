"""Reprint limit, over-production ceiling, batches and plate packing."""

from __future__ import annotations

import pytest

from odind.planning.batches import PlateJob, batch_progress, expand_sets, pack_plates
from odind.planning.policy import copies_needed, should_requeue

RED_FOX_SET = {"FOX-001": 1, "FOX-002": 5, "FOX-003": 1, "FOX-004": 8, "FOX-005": 1, "FOX-006": 5,
               "FOX-007": 5, "FOX-008": 5}


def test_reprint_until_the_limit_then_wait_for_the_operator():
    assert [should_requeue(n, 2) for n in (1, 2, 3, 4)] == [True, True, False, False]
    assert should_requeue(1, 0) is False
    with pytest.raises(ValueError, match="attempts"):
        should_requeue(0, 2)
    with pytest.raises(ValueError, match="limit"):
        should_requeue(1, -1)


def test_never_queue_more_than_the_order_still_needs():
    assert copies_needed(ordered=10, done=3, printing=2, queued=4) == 1
    assert copies_needed(ordered=10, done=6, printing=2, queued=4) == 0  # already over: nothing more
    assert copies_needed(ordered=5, done=0, printing=0, queued=0) == 5
    with pytest.raises(ValueError, match="printing"):
        copies_needed(ordered=5, done=0, printing=-1, queued=0)


def test_sets_expand_to_parts():
    parts = dict(expand_sets(3, RED_FOX_SET))
    assert parts == {"FOX-001": 3, "FOX-002": 15, "FOX-003": 3, "FOX-004": 24, "FOX-005": 3, "FOX-006": 15,
                     "FOX-007": 15, "FOX-008": 15}
    assert expand_sets(0, RED_FOX_SET) == []
    with pytest.raises(ValueError, match="FOX-9"):
        expand_sets(1, {"FOX-9": 0})


def test_identical_parts_pack_onto_full_plates_and_one_remainder():
    plates = pack_plates([("FOX-002", 15, 5), ("FOX-004", 24, 8), ("FOX-001", 3, 1), ("FOX-006", 13, 5)])
    by_part: dict[str, list[int]] = {}
    for plate in plates:
        by_part.setdefault(plate.part_id, []).append(plate.objects)
    assert by_part == {"FOX-002": [5, 5, 5], "FOX-004": [8, 8, 8], "FOX-001": [1, 1, 1], "FOX-006": [5, 5, 3]}
    assert plates[-1] == PlateJob(part_id="FOX-006", objects=3, index=3, plates=3)
    assert sum(p.objects for p in plates) == 15 + 24 + 3 + 13
    assert pack_plates([("X", 0, 4)]) == []
    with pytest.raises(ValueError, match="objects per plate"):
        pack_plates([("X", 3, 0)])


def test_batch_progress_counts_complete_sets_and_ignores_extras():
    bom = {"A": 1, "B": 5}
    progress = batch_progress(3, bom, {"A": 3, "B": 11})
    assert (progress.sets_done, progress.parts_done, progress.parts) == (2, 14, 18)
    assert progress.fraction == pytest.approx(14 / 18)
    assert batch_progress(3, bom, {"A": 9, "B": 40}).parts_done == 18
    assert batch_progress(3, bom, {"A": 9, "B": 40}).sets_done == 3
    assert batch_progress(2, bom, {}).sets_done == 0
