"""The Dasar Hukum of one SOP as the L rules read it (`Facts.citations`): each
citation worth checking, with the earlier entry it repeats, the revoked or
known regulation of the pack it matches, and whether its year can be right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Citation, Sop
from ..records import Record
from ..values.citations import cites, number_key
from .placeholders import is_placeholder

if TYPE_CHECKING:
    from datetime import date

    from ..pack import Pack

FIRST_YEAR = 1945  # the Republic's first regulations


class CitationEntry(Record):
    citation: Citation
    duplicate_of: Citation | None = None  # an earlier entry citing the same regulation
    revoked: dict[str, Any] | None = None  # the pack row it matches
    known: dict[str, Any] | None = None  # a known regulation with another year
    implausible: bool = False


def read_citations(sop: Sop, pack: Pack, today: date) -> list[CitationEntry]:
    """The Dasar Hukum citations worth checking (placeholders are C203's), with what the L rules need to know of each."""
    entries: list[CitationEntry] = []
    first: dict[tuple[str, str, int], Citation] = {}
    for citation in sop.citations:
        if is_placeholder(citation.text, pack):
            continue
        entry = CitationEntry(citation)
        entries.append(entry)
        if citation.kind is None or citation.year is None:
            continue
        if citation.number is not None:
            key = (citation.kind, number_key(citation.number), citation.year)
            entry.duplicate_of = first.get(key)
            first.setdefault(key, citation)
        entry.implausible = not FIRST_YEAR <= citation.year <= today.year
        entry.revoked = next((row for row in pack.revoked if row["year"] == citation.year and cites(citation, row, pack)), None)
        entry.known = _known_other_year(citation, pack)
    return entries


def _known_other_year(citation: Citation, pack: Pack) -> dict[str, Any] | None:
    rows = [row for row in pack.known if cites(citation, row, pack)]
    if not rows or any(row["year"] == citation.year for row in rows):
        return None
    return rows[0]
