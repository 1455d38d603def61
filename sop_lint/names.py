"""Name matching shared by the front end and the rules: folding and
did-you-mean suggestions."""

from __future__ import annotations

import re
from collections.abc import Callable

_SPACES = re.compile(r"\s+")


_FOLDED: dict[str, str] = {}  # the same keys, roles and units come back in every step and file


def fold(name: str) -> str:
    """Case-insensitive, runs of spaces folded: how names are compared."""
    folded = _FOLDED.get(name)
    if folded is None:
        folded = _SPACES.sub(" ", name).strip().casefold()
        if len(name) <= 64 and len(_FOLDED) < 8192:  # short names only, and not without end
            _FOLDED[name] = folded
    return folded


_SQUASHED = re.compile(r"[.\s]+")


def squash(name: str) -> str:
    """Case-folded with dots and spaces removed: `Ka.Subbag TU` and `kasubbagtu`
    are one squashed name. For near-miss detection, never for matching."""
    return _SQUASHED.sub("", name).casefold()


def closest(
    name: str, choices: dict[str, str], cutoff: float = 0.8, normalize: Callable[[str], str] = fold
) -> tuple[str | None, bool]:
    """The canonical name `name` most likely means, and whether that is unambiguous.

    `choices` maps normalized spellings (names and aliases; `fold` unless
    `normalize` says otherwise) to canonical names. Unambiguous: every
    spelling close enough points at one canonical name. Ties go to the
    spelling that comes first in `choices`.
    """
    from difflib import SequenceMatcher  # only for names that did not match

    folded = normalize(name)
    scored: list[tuple[float, str]] = []
    matcher = SequenceMatcher(None, "", folded)
    for spelling, canonical in choices.items():
        matcher.set_seq1(spelling)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            ratio = matcher.ratio()
            if ratio >= cutoff:
                scored.append((ratio, canonical))
    if not scored:
        return None, False
    scored.sort(key=lambda pair: -pair[0])
    best = scored[0][1]
    return best, all(canonical == best for _, canonical in scored)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]
