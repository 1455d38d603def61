"""Sequence helpers shared by rules that judge order."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of `values`.

    The elements *not* in it are the fewest that are out of place: in
    `1 2 3 9 4 5` only the 9 is. Ties keep the earliest elements.
    """
    tails: list[int] = []  # tails[k]: the smallest tail value of an increasing run of length k+1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[k] = value
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept
