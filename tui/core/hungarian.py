"""The assignment problem: a one-to-one pairing of rows and columns of a score
matrix with the largest total score (the Hungarian method, O(n^3), in numpy)."""

from __future__ import annotations

import numpy as np

__all__ = ["assignment"]


def assignment(scores: np.ndarray) -> list[tuple[int, int]]:
    """`(row, column)` pairs, each row and column at most once, as many as the
    smaller side has, whose scores sum to the most. Rows in order."""
    rows, columns = scores.shape
    if rows == 0 or columns == 0:
        return []
    if rows > columns:
        return sorted((i, j) for j, i in assignment(scores.T))
    cost = -np.asarray(scores, dtype=float)
    matched = _minimum_cost(cost)
    return sorted((int(row), column) for column, row in enumerate(matched) if row >= 0)


def _minimum_cost(cost: np.ndarray) -> np.ndarray:
    """For each column, its row in a minimum-cost assignment of every row (rows <=
    columns), -1 for a column left out. Potentials `u`, `v` and shortest augmenting
    paths, one row at a time (the classic O(n^2 m) form)."""
    rows, columns = cost.shape
    u = np.zeros(rows + 1)
    v = np.zeros(columns + 1)
    owner = np.zeros(columns + 1, dtype=int)  # column -> row (1-based; 0: free)
    way = np.zeros(columns + 1, dtype=int)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        least = np.full(columns + 1, np.inf)
        used = np.zeros(columns + 1, dtype=bool)
        while True:
            used[column] = True
            current = owner[column]
            reduced = cost[current - 1] - u[current] - v[1:]
            free = ~used[1:]
            better = free & (reduced < least[1:])
            least[1:][better] = reduced[better]
            way[1:][better] = column
            candidates = np.where(free, least[1:], np.inf)
            step_to = int(np.argmin(candidates)) + 1
            delta = candidates[step_to - 1]
            u[owner[used]] += delta
            v[used] -= delta
            least[1:][free] -= delta
            column = step_to
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return owner[1:] - 1
