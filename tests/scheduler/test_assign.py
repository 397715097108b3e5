"""The Hungarian solver against brute force: most starts first, then the highest total score."""

from __future__ import annotations

import itertools

import numpy as np

from odind.planning.assign import max_score_assignment


def brute_force(score: np.ndarray) -> tuple[int, float]:
    rows, cols = score.shape
    best = (0, 0.0)
    for perm in itertools.permutations(range(max(rows, cols)), rows):
        pairs = [(r, c) for r, c in enumerate(perm) if c < cols and np.isfinite(score[r, c])]
        best = max(best, (len(pairs), round(sum(score[r, c] for r, c in pairs), 9)))
    return best


def test_matches_brute_force_on_small_random_matrices():
    rng = np.random.default_rng(11)
    for _ in range(300):
        score = rng.normal(size=(rng.integers(1, 5), rng.integers(1, 6))).round(2)
        score[rng.random(score.shape) < 0.4] = -np.inf
        pairs = max_score_assignment(score)
        assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
        assert all(np.isfinite(score[r, c]) for r, c in pairs)
        assert (len(pairs), round(sum(score[r, c] for r, c in pairs), 9)) == brute_force(score)


def test_a_start_is_worth_more_than_any_score():
    # row 0 prefers column 0 by far, but only then can row 1 (which can only take column 0) start too
    score = np.array([[100.0, 1.0], [0.5, -np.inf]])
    assert sorted(max_score_assignment(score)) == [(0, 1), (1, 0)]


def test_nothing_feasible():
    assert max_score_assignment(np.full((2, 3), -np.inf)) == []
    assert max_score_assignment(np.zeros((0, 4))) == []
