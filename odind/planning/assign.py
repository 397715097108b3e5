"""Exact maximum-score assignment of free printers to candidate jobs.

scipy is not a dependency, so this is the Hungarian method in its shortest-augmenting-path form
(Kuhn-Munkres with potentials), with the scan over columns done by numpy. On a normal tick only a
few printers are free and the planner has already cut the columns down to the jobs that could
matter, so this costs a few milliseconds at most. Its cost grows with the square of the rows, each
step a numpy call; the planner uses a greedy pass instead when many printers are free at once.
"""

from __future__ import annotations

import numpy as np


def max_score_assignment(score: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (row, column) that first start as many rows as possible, then maximise total score.

    `score` holds -inf where a row may not take a column. Rows or columns left over stay unpaired.
    """
    n, m = score.shape
    feasible = np.isfinite(score)
    if n == 0 or m == 0 or not feasible.any():
        return []
    if n > m:
        return [(r, c) for c, r in max_score_assignment(score.T)]
    values = score[feasible]
    span = float(values.max() - values.min())
    # An infeasible pair costs more than every feasible cost difference together, so the solver
    # first minimises how many infeasible pairs it is forced to use, i.e. maximises real starts.
    forbidden = (span + 1.0) * (n + 1)
    cost = np.full((n + 1, m + 1), 0.0)
    cost[1:, 1:] = np.where(feasible, values.max() - np.where(feasible, score, 0.0), forbidden)
    owner = _hungarian(cost, n, m)
    return [(int(owner[j]) - 1, j - 1) for j in range(1, m + 1)
            if owner[j] and feasible[owner[j] - 1, j - 1]]


def _hungarian(cost: np.ndarray, n: int, m: int) -> np.ndarray:
    """owner[j] = 1-based row matched to 1-based column j (0: none); column 0 is the search root."""
    # Warm start: row minima as potentials, and each row takes its cheapest column if still free;
    # only the rows left in conflict need a search.
    u = np.zeros(n + 1)
    u[1:] = cost[1:, 1:].min(axis=1)
    v = np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=np.int64)
    way = np.zeros(m + 1, dtype=np.int64)
    searching = []
    for row, col in enumerate(cost[1:, 1:].argmin(axis=1) + 1, start=1):
        if owner[col]:
            searching.append(row)
        else:
            owner[col] = row
    for row in searching:
        owner[0] = row
        col = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[col] = True
            r = owner[col]
            reduced = cost[r] - u[r] - v
            free = ~used
            better = free & (reduced < minv)
            minv[better] = reduced[better]
            way[better] = col
            masked = np.where(free, minv, np.inf)
            nxt = int(masked.argmin())
            delta = masked[nxt]
            u[owner[used]] += delta
            v[used] -= delta
            minv[free] -= delta
            col = nxt
            if owner[col] == 0:
                break
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return owner
