"""Regulation citations in Dasar Hukum: type, number, year and title.

`Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang …`, `Permendagri No.
86 Tahun 2016`, `UU 23/2014`, and old-style numbers that carry their year
(`PER/21/M.PAN/11/2008`, `01/SE/1977`)."""

from __future__ import annotations

import re

from ..model import Citation, Span
from ..pack import Pack
from .spans import sub_span

_LEAD = re.compile(r"[\s\d.)\-•*]*")  # stray numbering left by copy-paste
_NUMBER = re.compile(r"\b(?:nomor|nomer|no\b\.?|nr\.?)\s*[:.]?\s*(?P<number>[0-9A-Za-z][\w./-]*)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:tahun|thn\.?|th\.?)\s*[:.]?\s*(?P<year>\d{4}|\d{2}\.\.+|\d{1,3}\b)", re.IGNORECASE)
_SHORT = re.compile(r"^\s*(?P<number>\d{1,4})\s*/\s*(?P<year>\d{4})\b")  # `UU 23/2014`
_OLD_STYLE_YEAR = re.compile(r"/(?P<year>\d{4})$")
_TITLE = re.compile(r"\btentang\b\s*(?P<title>.*)$", re.IGNORECASE | re.DOTALL)


def parse_citation(text: str, span: Span, pack: Pack) -> Citation:
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    kind = kind_text = None
    after_kind = start
    for regulation in pack.regulation_types:
        match = regulation.pattern.match(text, start)
        if match:
            kind, kind_text, after_kind = regulation.key, match[0].strip(), match.end()
            break
    title_match = _TITLE.search(text, after_kind)
    head_end = title_match.start() if title_match else len(text)
    head = text[:head_end]
    number: str | None = None
    year: int | None = None
    year_span: Span | None = None
    old_style = truncated = False

    number_match = _NUMBER.search(head, after_kind)
    if number_match:
        number = number_match["number"].rstrip(".,/-")
        if not any(ch.isdigit() for ch in number):
            number = None
        old = _OLD_STYLE_YEAR.search(number or "")
        if number and "/" in number and old:
            old_style = True
            year = int(old["year"])
            position = number_match.start("number") + old.start("year")
            year_span = sub_span(span, position, position + 4)
    else:
        short = _SHORT.match(head, after_kind)
        if short and kind is not None:
            number = short["number"]
            year = int(short["year"])
            year_span = sub_span(span, short.start("year"), short.end("year"))
    year_match = _YEAR.search(head, after_kind)
    if year_match:
        raw_year = year_match["year"]
        if raw_year.isdigit() and len(raw_year) == 4:
            year = int(raw_year)
            year_span = sub_span(span, year_match.start("year"), year_match.end("year"))
        elif year is None:
            truncated = True
    title = title_match["title"].strip() if title_match else None
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


def number_key(number: str) -> str:
    """The comparable core of a regulation number: `PER/21/M.PAN/11/2008` -> `21`, `01/SE/1977` -> `1`."""
    for part in re.split(r"[/.\s-]+", number):
        if part.isdigit():
            return str(int(part))
    return number.casefold()
