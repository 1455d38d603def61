"""Durations: a number or a range and a unit (`20 menit`, `1-2 hari`,
`1 s.d. 2 jam`, `1,5 jam`), possibly inside a phrase (`Paling lambat 17
hari kerja`). Working time converts units for totals (pack: 1 hari = 8 jam …)."""

from __future__ import annotations

import re

from ..model import Duration, Span
from ..names import fold
from ..pack import Pack
from .spans import sub_span

_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(
    rf"(?P<neg>[-−–]\s*)?(?P<low>{_NUMBER})(?:\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|to)\s*(?P<high>{_NUMBER}))?",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\s*\(?([^\W\d_]+(?:\s+[^\W\d_]+)?)")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_duration(text: str, span: Span, pack: Pack) -> Duration:
    match = _RANGE.search(text)
    if match is None:
        return Duration(text, span, has_number=False)
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else low
    # A minus sign that follows no other digits makes the number negative.
    if match["neg"] and not re.search(r"\d", text[: match.start()]):
        low, high = -low, -high if not match["high"] else high
    duration = Duration(
        text,
        span,
        has_number=True,
        low=low,
        high=high,
        number_span=sub_span(span, match.start(), match.end()),
    )
    rest = text[match.end() :]
    words = _WORDS.match(rest)
    if words:
        two = words[1]
        one = two.split()[0]
        start = match.end() + words.start(1)
        for candidate in (two, one):
            unit = pack.unit_aliases.get(fold(candidate))
            if unit is not None:
                duration.unit = unit
                duration.unit_text = candidate
                duration.unit_span = sub_span(span, start, start + len(candidate))
                minutes = pack.unit_minutes(unit)
                duration.minutes_low = low * minutes
                duration.minutes_high = high * minutes
                return duration
        duration.unit_text = one
        duration.unit_span = sub_span(span, start, start + len(one))
    return duration
