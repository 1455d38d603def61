"""The Dasar Hukum of one SOP as the L rules read it (`Facts.citations`): each
citation worth checking, with the earlier entry it repeats, the revoked or
known regulation of the pack it matches, whether its year can be right, and
the other known regulation whose title it gives."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Citation, Sop
from ..names import edit_distance
from ..records import Record
from ..values.citations import cites, comparable_title, number_key, title_matches
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
    titled_as: tuple[dict[str, Any], dict[str, Any]] | None = None  # (its row, the row whose title it gives)


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
        if citation.number is None:
            continue  # every pack row has a number: none can match
        revoked, known = _rows_numbered(pack.revoked, citation.number), _rows_numbered(pack.known, citation.number)
        entry.revoked = next((row for row in revoked if row["year"] == citation.year and cites(citation, row, pack)), None)
        entry.known = _known_other_year(citation, known, pack)
        if entry.revoked is None and entry.known is None and citation.title:
            entry.titled_as = _other_title(citation, known, pack)
    return entries


# Pack rows by the core of their number, per row list (the built-in pack's lists live as long as the process).
_BY_NUMBER: dict[int, tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]] = {}


def _rows_numbered(rows: list[dict[str, Any]], number: str) -> list[dict[str, Any]]:
    """The rows whose number is `number` (every row `cites` could match: numbers must agree)."""
    cached = _BY_NUMBER.get(id(rows))
    if cached is None or cached[0] is not rows or sum(map(len, cached[1].values())) != len(rows):
        index: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            index.setdefault(number_key(str(row["number"])), []).append(row)
        if len(_BY_NUMBER) > 64:  # a long-lived process loads packs anew
            _BY_NUMBER.clear()
        cached = _BY_NUMBER[id(rows)] = (rows, index)
    return cached[1].get(number_key(number), [])


def _known_other_year(citation: Citation, numbered: list[dict[str, Any]], pack: Pack) -> dict[str, Any] | None:
    """The known regulation a citation means, when it gives it another year.
    Not when type, number and year name a known regulation themselves: then
    a title that does not fit is L606's, not a wrong year."""
    rows = [row for row in numbered if cites(citation, row, pack)]
    if not rows or any(row["year"] == citation.year for row in rows):
        return None
    if any(_same_regulation(citation, row) for row in numbered):
        return None
    if not citation.title:
        # Type and number alone are shared by many regulations (PP 12 of 1967
        # and of 2019): without a title only a slip of one digit is a wrong year.
        rows = [row for row in rows if edit_distance(str(row["year"]), str(citation.year), 1) <= 1]
    return rows[0] if rows else None


def _same_regulation(citation: Citation, row: dict[str, Any]) -> bool:
    """Type, number and year agree (the title aside)."""
    kind = str(row["kind"])
    return (
        row["year"] == citation.year
        and citation.number is not None
        and (citation.kind == kind or citation.kind == kind.partition(".")[0])
        and number_key(citation.number) == number_key(str(row["number"]))
    )


def _other_title(citation: Citation, numbered: list[dict[str, Any]], pack: Pack) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The regulation a citation names and the other one whose title it gives, if so
    (`UU 23/2014 tentang Perlindungan Anak`: the title is UU 23/2002's)."""
    assert citation.title is not None
    own = [row for row in numbered if "title" in row and _same_regulation(citation, row)]
    if not own or any(title_matches(citation.title, list(row.get("title_keywords", [row["title"]]))) for row in own):
        return None
    given = comparable_title(citation.title)
    if len(given) < 8:
        return None
    for row in pack.known:
        title = comparable_title(str(row.get("title", "")))
        if title and row not in own and (given == title or given.startswith(title + " ")):
            return own[0], row
    return None
