"""X — repository rules. They live in `sop_lint.repository.rules` (they read the
facts of every file of a run, not one model); importing them registers them."""

from __future__ import annotations

from ..repository.rules import DuplicateSopNumber, UnknownRelatedSop

__all__ = ["DuplicateSopNumber", "UnknownRelatedSop"]
