"""Regulation citations in Dasar Hukum: type, number, year and title.

`Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang …`, `Permendagri No.
86 Tahun 2016`, `UU 23/2014`, `Perpres 29 Tahun 2014`, and old-style numbers
that carry their year (`PER/21/M.PAN/11/2008`, `01/SE/1977`).

Also the matching the L rules share: which pack row (revoked or known
regulation) a citation names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from ..model import Citation, Span
from ..names import fold
from ..pack import Pack
from .spans import sub_span

_LEAD = re.compile(r"[\s\d.)\-•*]*")  # stray numbering left by copy-paste
# Before the type: `Pasal 18 ayat (6) Undang-Undang Dasar …`, `SALINAN PERATURAN …`.
_ARTICLES = (  # compiled for the entries that start so (`re` keeps it)
    r"(?:salinan\s+)?(?:pasal\s+\d+[a-z]?(?:\s+ayat\s*\(\d+[a-z]?\))?(?:\s+huruf\s+[a-z]\b)?[\s,]*(?:dan\s+|jo\.?\s+)?)*",
    re.IGNORECASE,
)
# `Nomor 35`, `No. 86`, `Nomor : PER - 03/MBU/2011`, `Nomor PK. 4`, `N0.14` (a zero for the `o`)
_NUMBER = re.compile(
    r"\b(?:nomor|nomer|n[o0]\b\.?|nr\.?)\s*[:.]?\s*"
    r"(?P<number>[A-Za-z]{1,6}(?:\s?[.]\s?|\s?-\s?)\d[\w./-]*|[0-9A-Za-z][\w./-]*)",
    re.IGNORECASE,
)
# `Tahun 2014`; anything else after `Tahun` that starts like a year is a cut-off
# or mistyped one (`Tahun 20..`, `Tahun 20xx`, `Tahun 214`).
_YEAR = re.compile(
    r"\b(?:tahun|thn\.?|th\.?)\s*[:.]?\s*(?P<year>\d{4}(?![\d.…_?xX])|\d{1,3}[.…_?xX]+|\d{1,3}\b|\d{5,}|[.…_?]{2,})",
    re.IGNORECASE,
)
_SHORT = re.compile(r"(?<![\w/])(?P<number>\d{1,4})\s*/\s*(?P<year>\d{4})\b")  # `UU 23/2014`
_BARE = re.compile(r"(?<![\w/.])(?P<number>\d{1,4}[A-Za-z]?)\s*,?\s+(?=(?:tahun|thn|th)\b)", re.IGNORECASE)  # `UU 23 Tahun 2014`
_SLASH_YEAR = re.compile(r"\s*/\s*(?P<year>\d{4})\b")  # `Nomor 35 / 2012`
_OLD_STYLE_YEAR = re.compile(r"/(?P<year>\d{4})$")
_LONE_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)\b")  # `UUD 1945`
_TENTANG = re.compile(r"\btentang\b\s*", re.IGNORECASE)
# A decree numbered without `Tahun` but dated: `Nomor 120/253/SJ tanggal 16 Januari 2015`
_DATED = (r"\btanggal\s+\d{1,2}\s+[A-Za-z]{3,9}\s+(?P<year>\d{4})\b", re.IGNORECASE)  # compiled when needed
# Type, number and year stand in the first few hundred characters of a real
# citation; looking no further keeps a hostile 2 MB line linear.
_HEAD_LIMIT = 600


def parse_citation(text: str, span: Span, pack: Pack, line_starts: list[tuple[int, int, int]] | None = None) -> Citation:
    """Read a Dasar Hukum entry. `line_starts` (from a multi-line item) maps offsets to lines."""

    def locate(start: int, end: int) -> Span:
        if not line_starts:
            return sub_span(span, start, end)
        index = max(bisect.bisect_right(line_starts, (start, 10**9, 10**9)) - 1, 0)
        offset, line, column = line_starts[index]
        return Span(line, column + start - offset, line, column + max(end, start + 1) - offset)

    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    if text[start : start + 7].casefold().startswith(("pasal", "salinan")):
        articles = re.compile(*_ARTICLES).match(text, start, start + _HEAD_LIMIT)
        if articles and articles.end() > start:
            start = articles.end()
    kind = kind_text = None
    numbered = True
    after_kind = start
    for regulation in pack.regulation_types:  # an organisation's own types come first
        match = regulation.match(text, start)
        if match:
            kind, kind_text, after_kind = regulation.key, match[0].strip(), match.end()
            numbered = regulation.numbered
            break
    if kind is None and pack.vocabulary:
        found = pack.vocabulary.match(text, start)
        if found is not None:
            kind, kind_text, after_kind = found.key, text[start : found.end].strip(), found.end
            described = pack.vocabulary.kind(kind)
            numbered = described.numbered if described is not None else True
    title_match = _TENTANG.search(text, after_kind, after_kind + _HEAD_LIMIT)
    head_end = title_match.start() if title_match else min(len(text), after_kind + _HEAD_LIMIT)
    head = text[:head_end]
    number: str | None = None
    year: int | None = None
    year_span: Span | None = None
    old_style = truncated = False

    number_match = _NUMBER.search(head, after_kind)
    if number_match:
        number = "".join(number_match["number"].split()).rstrip(".,/-")
        if not any(ch.isdigit() for ch in number):
            number = None
        old = _OLD_STYLE_YEAR.search(number or "")
        if number and "/" in number and old:
            old_style = True
            year = int(old["year"])
            position = number_match.start("number") + old.start("year")
            year_span = locate(position, position + 4)
        elif number:
            slash = _SLASH_YEAR.match(head, number_match.start("number") + len(number))
            if slash:
                year = int(slash["year"])
                year_span = locate(slash.start("year"), slash.end("year"))
    elif kind is not None:
        short = _SHORT.search(head, after_kind)
        bare = _BARE.search(head, after_kind)
        if short and (bare is None or short.start() < bare.start()):
            number = short["number"]
            year = int(short["year"])
            year_span = locate(short.start("year"), short.end("year"))
        elif bare:
            number = bare["number"]
    year_match = _YEAR.search(head, after_kind)
    if year_match:
        raw_year = year_match["year"]
        if raw_year.isdigit() and len(raw_year) == 4:
            year = int(raw_year)
            year_span = locate(year_match.start("year"), year_match.end("year"))
        elif year is None:
            truncated = True
            year_span = locate(year_match.start("year"), year_match.end("year"))
    if year is None and not truncated and kind is not None:
        dated = re.compile(*_DATED).search(text, after_kind, after_kind + _HEAD_LIMIT)
        if dated:
            year = int(dated["year"])
            year_span = locate(dated.start("year"), dated.end("year"))
    if year is None and not truncated and kind is not None and not numbered:
        lone = _LONE_YEAR.search(head, after_kind)
        if lone:
            year = int(lone["year"])
            year_span = locate(lone.start("year"), lone.end("year"))
    title = text[title_match.end() :].strip() if title_match else None
    return Citation(
        text,
        span,
        kind=kind,
        kind_text=kind_text,
        number=number,
        year=year,
        title=title or None,
        year_span=year_span,
        number_in_old_style=old_style,
        truncated_year=truncated,
    )


def written_year(text: str) -> str | None:
    """The year as written after `Tahun` (`20..` for a cut-off one), if any."""
    match = _YEAR.search(text, 0, _HEAD_LIMIT)
    return match["year"] if match else None


_NUMBER_PARTS = re.compile(r"[/.\s-]+")
_NUMBER_KEYS: dict[str, str] = {}  # the same few numbers are compared against every pack row


def number_key(number: str) -> str:
    """The comparable core of a regulation number: `PER/21/M.PAN/11/2008` -> `21`,
    `01/SE/1977` -> `1`, `II/MPR/1993` -> `ii` (the year at the end is no number)."""
    key = _NUMBER_KEYS.get(number)
    if key is None:
        parts = _NUMBER_PARTS.split(number)
        if len(parts) > 1 and "/" in number and len(parts[-1]) == 4 and parts[-1].isdecimal():
            parts = parts[:-1]
        # `isdecimal`, not `isdigit`: int() refuses `²`; leading zeros go (`01` is `1`)
        key = next((part.lstrip("0") or "0" for part in parts if part.isdecimal()), (parts[0] if parts else number).casefold())
        if len(number) <= 64 and len(_NUMBER_KEYS) < 4096:
            _NUMBER_KEYS[number] = key
    return key


def _form(kind: str) -> str:
    return kind.partition(".")[0]


def cites(citation: Citation, row: Mapping[str, Any], pack: Pack) -> bool:
    """Whether `citation` names the regulation of a pack row (`kind`, `number`,
    optional `title_keywords`), whatever year it gives.

    The type must be the row's, or a generic type that includes it
    (`Peraturan Menteri` for a Permendagri); the number must agree. When the
    citation has a title and the row lists keywords, one must occur in it; a
    generic type needs that title to say which regulation it means.
    """
    if citation.kind is None or citation.number is None:
        return False
    if number_key(citation.number) != number_key(str(row["number"])):
        return False
    generic = False
    row_kind = str(row["kind"])
    if citation.kind != row_kind:
        if "." in row_kind and citation.kind == _form(row_kind):
            generic = True  # `Peraturan Menteri Nomor 86 …` may be the Permendagri
        else:
            regulation = next((t for t in pack.regulation_types if t.key == citation.kind), None)
            if regulation is None or row_kind not in regulation.includes:
                return False
            generic = True
    keywords: list[str] = list(row.get("title_keywords", []))
    if citation.title and keywords:
        return title_matches(citation.title, keywords)
    return not generic


def title_matches(title: str, keywords: list[str]) -> bool:
    folded = fold(title)
    return any(fold(keyword) in folded for keyword in keywords)


_NOT_LETTERS = r"[^\w]+"  # compiled when a title is compared (L606)


def comparable_title(title: str) -> str:
    """`Pemerintahan Daerah (Lembaran Negara …)` -> `pemerintahan daerah`: for comparing titles."""
    title = title.split("(", 1)[0]
    title = re.split(r"\bsebagaimana\b|;", title, maxsplit=1, flags=re.IGNORECASE)[0]
    return re.sub(_NOT_LETTERS, " ", title.casefold()).strip()


def kind_label(kind: str | None, pack: Pack) -> str | None:
    """`Peraturan Menteri Dalam Negeri` for `permen.kemendagri`."""
    if kind is None:
        return None
    described = pack.vocabulary.kind(kind) if pack.vocabulary else None
    if described is not None:
        return described.label
    return next((t.label for t in pack.regulation_types if t.key == kind), None)


def kind_numbered(kind: str, pack: Pack) -> bool:
    described = pack.vocabulary.kind(kind) if pack.vocabulary else None
    if described is not None:
        return described.numbered
    return next((t.numbered for t in pack.regulation_types if t.key == kind), True)


def short_form(citation: Citation, pack: Pack) -> str:
    """`Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2016`: the citation without its title."""
    label = kind_label(citation.kind, pack) or citation.kind_text or ""
    parts = [label]
    if citation.number:
        parts.append(f"Nomor {citation.number}")
    if citation.year:
        parts.append(f"Tahun {citation.year}")
    return " ".join(parts)
