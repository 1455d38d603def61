"""Durations as real SOPs write them.

Quantified: a number or a range and a unit — `20 Menit`, `1 Jam`, `1-2 hari`,
`1 – 2 hari`, `1 s.d. 2 jam`, `1 sampai 2 jam`, `1,5 jam`, `1/2 jam`,
`2 x 24 jam`, `1 (satu) hari`, `30 menit - 1 jam`, `1 jam 30 menit` — also
inside a phrase (`Paling lambat 17 hari kerja`).

What the D rules report is parsed too, never rejected: no number at all
(`segera`, `Sesuai dengan waktu yang ditentukan`), a bare number (`15`), an
unknown unit (`3 lembar`), zero, negative (`-1 jam`), reversed (`2-1 jam`) or
absurd (`1e309 hari`, which reads as infinity) amounts.

Units and the working time that converts them (1 hari = 8 jam …) come from
the pack; `minutes_low`/`minutes_high` are in working minutes.
"""

from __future__ import annotations

import math
import re

from ..model import Duration, Span
from ..names import fold
from ..pack import Pack
from .spans import sub_span

# A decimal comma or point; an exponent only so that `1e309` reads as one
# (absurd) number rather than `1` with the unit `e309`; `1/2` is a half.
_NUMBER = r"\d+(?:[.,]\d+)?(?:[eE][+-]?\d+|/[1-9]\d*)?"
_DASHES = r"-|–|—"  # a range's dashes; its words are the pack's `duration_ranges`
_TIMES = r"\s*[x×]\s*"  # `2 x 24 jam`


def _range_word(word: str) -> str:
    """A pack's range word as a pattern: a dot optional (and a space after it: `s.d.`
    reads `sd`, `s. d.`), a space any run of them (`sampai  dengan`)."""
    parts: list[str] = []
    for position, char in enumerate(word):
        if char == ".":
            parts.append(r"\." + ("?" if position == len(word) - 1 else r"?\s?"))
        elif char == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _patterns(pack: Pack) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an amount, a range's second number after a unit), made with the pack's range words once per pack."""
    patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = pack.compiled.get("durations")
    if patterns is None:
        words = sorted(pack.duration_ranges, key=len, reverse=True)  # `sampai dengan` before `sampai`
        separator = "|".join([_DASHES, *(_range_word(word) for word in words)])
        amount = re.compile(
            # A minus sign is a sign only when it does not join two words (`H-1`).
            rf"(?P<neg>(?<![\w.,])[-−–]\s*)?(?P<low>{_NUMBER})(?:{_TIMES}(?P<low_times>{_NUMBER}))?"
            rf"(?:\s*(?:{separator})\s*(?P<high>{_NUMBER})(?:{_TIMES}(?P<high_times>{_NUMBER}))?)?",
            re.IGNORECASE,
        )
        tail_range = re.compile(rf"\s*(?:{separator})\s*(?P<n>{_NUMBER})", re.IGNORECASE)
        patterns = pack.compiled["durations"] = (amount, tail_range)
    return patterns


_PAREN = re.compile(r"[ \t]*\(([^()]{0,40})\)")
_WORDS = re.compile(r"[ \t]*([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?")
_TAIL_ADD = re.compile(rf"\s*(?:,|dan\b)?\s*(?P<n>{_NUMBER})", re.IGNORECASE)


def _number(text: str) -> float:
    if "/" in text:
        top, _, bottom = text.partition("/")
        return _number(top) / float(bottom)
    return float(text.replace(",", "."))


def _amount(number: str, times: str | None) -> float:
    value = _number(number)
    return value * _number(times) if times else value


class _Unit:
    """A unit found after a number: canonical name (None when unknown), as written, where."""

    __slots__ = ("end", "name", "next", "start", "written")

    def __init__(self, name: str | None, written: str, start: int, end: int, after: int) -> None:
        self.name, self.written, self.start, self.end, self.next = name, written, start, end, after


def _unit(text: str, position: int, pack: Pack) -> _Unit | None:
    paren = _PAREN.match(text, position)
    if paren:
        inner = paren[1].strip()
        unit = pack.unit_aliases.get(fold(inner))
        if unit is not None:  # `15 (menit)`
            start = paren.start(1) + (len(paren[1]) - len(paren[1].lstrip()))
            return _Unit(unit, inner, start, start + len(inner), paren.end())
        position = paren.end()  # `1 (satu) hari`: the number again in words
    words = _WORDS.match(text, position)
    if words is None:
        return None
    if words[2]:
        unit = pack.unit_aliases.get(fold(f"{words[1]} {words[2]}"))
        if unit is not None:  # `hari kerja`
            return _Unit(unit, text[words.start(1) : words.end(2)], words.start(1), words.end(2), words.end(2))
    unit = pack.unit_aliases.get(fold(words[1]))
    return _Unit(unit, words[1], words.start(1), words.end(1), words.end(1))


# The same few values (`15 menit`, `1 jam`) come back in every step and file: each
# text is parsed once per pack, at a stand-in span, and its spans moved to the real one.
_MEMO: dict[str, Duration] = {}
# The pack the memo was made with (held: its id is never reused), and its units then.
_MEMO_PACK: list[tuple[Pack, float, int, int, int]] = []
_ANYWHERE = Span(1, 1, 1, 1 << 62)  # one line, long enough: `sub_span` never falls back to it


def parse_duration(text: str, span: Span, pack: Pack) -> Duration:
    if len(text) > 64:
        return _parse_duration(text, span, pack)
    state = (pack, pack.hours_per_day, len(pack.units), len(pack.unit_aliases), len(pack.duration_ranges))
    if not _MEMO_PACK or _MEMO_PACK[0][0] is not pack or _MEMO_PACK[0] != state:  # another pack, or units or words added
        _MEMO.clear()
        _MEMO_PACK[:] = [state]
    known = _MEMO.get(text)
    if known is None:
        known = _parse_duration(text, _ANYWHERE, pack)
        if len(_MEMO) < 4096:
            _MEMO[text] = known
    number, unit = known.number_span, known.unit_span
    return Duration(
        text,
        span,
        known.has_number,
        known.low,
        known.high,
        known.unit,
        known.unit_text,
        known.minutes_low,
        known.minutes_high,
        None if number is None else sub_span(span, number.column - 1, number.end_column - 1),
        None if unit is None else sub_span(span, unit.column - 1, unit.end_column - 1),
    )


def _parse_duration(text: str, span: Span, pack: Pack) -> Duration:
    amount, tail_range = _patterns(pack)
    match = amount.search(text)
    if match is None:
        return Duration(text, span, has_number=False)
    low = _amount(match["low"], match["low_times"])
    high = _amount(match["high"], match["high_times"]) if match["high"] else low
    if match["neg"]:
        low = -low
        if not match["high"]:
            high = low
    duration = Duration(text, span, has_number=True, low=low, high=high, number_span=sub_span(span, match.start(), match.end()))
    unit = _unit(text, match.end(), pack)
    if unit is None:
        return duration  # a bare number
    duration.unit_text = unit.written
    duration.unit_span = sub_span(span, unit.start, unit.end)
    if unit.name is None:
        return duration  # an unknown unit
    duration.unit = unit.name
    minutes = pack.unit_minutes(unit.name)
    extra_low = extra_high = 0.0  # minutes added by a second unit
    if not match["high"]:
        tail = tail_range.match(text, unit.next)
        second = _unit(text, tail.end(), pack) if tail else None
        if tail and second and second.name:  # `30 menit - 1 jam`
            high = _number(tail["n"]) * pack.unit_minutes(second.name) / minutes
        else:
            tail = _TAIL_ADD.match(text, unit.next)
            second = _unit(text, tail.end(), pack) if tail else None
            if tail and second and second.name and pack.unit_minutes(second.name) < minutes:  # `1 jam 30 menit`
                extra_low = extra_high = _number(tail["n"]) * pack.unit_minutes(second.name)
    duration.high = high
    duration.minutes_low = low * minutes + extra_low
    duration.minutes_high = high * minutes + extra_high
    if extra_low:
        duration.low = duration.minutes_low / minutes
        duration.high = duration.minutes_high / minutes
    return duration


def format_minutes(minutes: float, hours_per_day: float) -> str:
    """Working minutes in readable units: `2 hari 3 jam 30 menit`."""
    if not math.isfinite(minutes):
        return "∞"
    if 0 < minutes < 1:
        return "< 1 menit"
    total = round(minutes)
    day = round(hours_per_day * 60) or 1
    days, rest = divmod(total, day)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari"] if days else []
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return " ".join(parts)
