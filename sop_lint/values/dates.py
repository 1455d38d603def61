"""Dates as Indonesians write them: `2021-01-04`, `04-01-2021`,
`04/01/2021`, `4 Januari 2021`, `Senin, 4 Jan. 2021`, `4-Agt-2021`,
`January 4, 2021`; a year alone (`2022`) or a month and year
(`Januari 2022`, `01/2022`) parse as incomplete dates.

Numeric dates are day-first, as Indonesians write them. Month names may be
Indonesian or English, in any case, full or abbreviated (`Agt`, `Agu`, `Okt`,
`Des`, `Jan.`). A weekday, when given, must match the date. The month and
weekday names are the rule pack's (`months`, `weekdays` in
rules/builtin.json); each function reads the built-in pack unless given one.

`parse_date` gives the model value (its `error` in English); `date_problem`
gives the reason in English and Indonesian, for messages.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import DateValue, Span
from ..names import closest
from ..pack import Pack, builtin_pack
from ..records import Record

_SEP = r"\s*[-/.]\s*"  # between numbers: `04-01-2021`, `04 / 01 / 2021`
_WORD_SEP = r"(?:\s*[-/.,]\s*|\s+)"  # around a month name: `4 Jan 2021`, `4-Jan-2021`, `Januari, 2021`
_ISO = re.compile(r"(\d{4})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{1,2})$")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})\s*,?\s+(\d{4})$", re.IGNORECASE)
_NUMERIC_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})$")


class _Patterns(Record):
    """The date patterns that hold words, made with the pack's `date_words` (once per pack)."""

    date_words: tuple[str, ...]  # `tanggal`, `tgl`: may stand before a date
    prefix: re.Pattern[str]  # `Tanggal: Senin, ` before the date
    named: re.Pattern[str]  # `4 Januari Tahun 2021`
    month_year: re.Pattern[str]  # `Bulan Januari 2021`
    year: re.Pattern[str]  # `Tahun 2021`


def _words(words: list[str], after: str = r"\s+") -> str:
    """Optional words, each perhaps abbreviated with a dot, then `after`: `(?:(?:tahun|thn)\\.?\\s+)?`."""
    if not words:
        return ""
    return r"(?:(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + r")\.?" + after + ")?"


def _patterns(pack: Pack) -> _Patterns:
    patterns: _Patterns | None = pack.compiled.get("dates")
    if patterns is None:
        words = pack.date_words
        date_words, day, month, year = (words.get(key, []) for key in ("date", "day", "month", "year"))
        date_word = _words(date_words, after=r"\s*:?\s+")  # `Tanggal: Senin, 4 Januari 2021`
        year_word = _words(year)
        patterns = pack.compiled["dates"] = _Patterns(
            tuple(word.casefold() for word in date_words),
            re.compile(date_word + _words(day) + r"([^\W\d_][\w'’]*)\s*,?\s+(?=\d)", re.IGNORECASE),
            re.compile(r"(\d{1,2})" + _WORD_SEP + r"([^\W\d_]+)\.?" + _WORD_SEP + year_word + r"(\d{4}|\d{2})$", re.IGNORECASE),
            re.compile(_words(month) + r"([^\W\d_]+)\.?" + _WORD_SEP + year_word + r"(\d{4})$", re.IGNORECASE),
            re.compile(year_word + r"(\d{4})$", re.IGNORECASE),
        )
    return patterns


_NOT_A_DATE = (
    "not a date (write e.g. `4 Januari 2021` or `2021-01-04`)",
    "bukan tanggal (tulis misalnya `4 Januari 2021` atau `2021-01-04`)",
)


class _Reading(Record, frozen=True):
    year: int | None = None
    month: int | None = None
    day: int | None = None
    problem: tuple[str, str] | None = None  # (English, Indonesian) when invalid

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(type(self)._values(self))

    @property
    def complete(self) -> bool:
        return self.problem is None and self.day is not None


def parse_date(text: str, span: Span, pack: Pack | None = None) -> DateValue:
    reading = _read(text, pack or builtin_pack())
    if reading.problem is not None:
        return DateValue(text, span, reading.year, None, None, complete=False, valid=False, error=reading.problem[0])
    return DateValue(text, span, reading.year, reading.month, reading.day, complete=reading.complete, valid=True)


def date_problem(text: str, pack: Pack | None = None) -> tuple[str, str] | None:
    """Why `text` is no valid date, in English and Indonesian; None when it is one."""
    return _read(text, pack or builtin_pack()).problem


def as_date(value: DateValue) -> date | None:
    """The calendar date of a complete, valid date value."""
    if not (value.valid and value.complete and value.year and value.month and value.day):
        return None
    return date(value.year, value.month, value.day)


def earliest(value: DateValue) -> date | None:
    """The first day a valid date value can mean (`2027` → 1 January 2027)."""
    if not value.valid or value.year is None or value.year < 1:
        return None
    return date(value.year, value.month or 1, value.day or 1)


def month_name(month: int, pack: Pack | None = None) -> str:
    return (pack or builtin_pack()).month_names[month - 1]


def format_date(day: date, pack: Pack | None = None) -> str:
    """`4 Januari 2021`: how a date is shown in messages."""
    return f"{day.day} {month_name(day.month, pack)} {day.year}"


def _read(text: str, pack: Pack) -> _Reading:
    value = " ".join(text.split()).rstrip(".,;")
    weekday: str | None = None
    patterns = _patterns(pack)
    prefix = patterns.prefix.match(value)
    weekdays = pack.weekdays
    if prefix and prefix[1].casefold() in weekdays:
        weekday = prefix[1]
        value = value[prefix.end() :]
    elif prefix and prefix[1].casefold() in patterns.date_words:
        value = value[prefix.end() :]
    elif " " in value and value.split(" ", 1)[0].casefold().rstrip(".") in patterns.date_words:
        value = value.split(" ", 1)[1]  # `Tgl. 4 Januari 2021`
    reading = _read_plain(value, pack, patterns)
    if weekday is not None and reading.complete and reading.year and reading.month and reading.day:
        actual = date(reading.year, reading.month, reading.day).weekday()
        if actual != weekdays[weekday.casefold()]:
            shown = f"{reading.day} {month_name(reading.month, pack)} {reading.year}"
            names, english = pack.weekday_names, pack.weekday_names_en
            return _Reading(
                reading.year,
                problem=(
                    f"{shown} is a {english[actual]} ({names[actual]}), not a {weekday}",
                    f"{shown} jatuh pada hari {names[actual]}, bukan {weekday}",
                ),
            )
    return reading


def _read_plain(value: str, pack: Pack, patterns: _Patterns) -> _Reading:
    match = _ISO.match(value)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]), pack)
    match = _DAY_FIRST.match(value)
    if match:
        if len(match[4]) == 2:
            return _short_year(match[4])
        day, month = int(match[1]), int(match[3])
        if month > 12 and 1 <= day <= 12:  # written month-first, as in the US
            swapped = f"{match[3]}{match[2]}{match[1]}{match[2]}{match[4]}"
            return _Reading(
                int(match[4]),
                problem=(
                    f"there is no month {month}; dates are written day first (`{swapped}`?)",
                    f"tidak ada bulan {month}; tanggal ditulis dengan hari lebih dulu (`{swapped}`?)",
                ),
            )
        return _checked(int(match[4]), month, day, pack)
    match = patterns.named.match(value)
    if match:
        month_number = _month(match[2], pack)
        if month_number is None:
            return _Reading(problem=_not_a_month(match[2], pack))
        if len(match[3]) == 2:
            return _short_year(match[3])
        return _checked(int(match[3]), month_number, int(match[1]), pack)
    match = _MONTH_FIRST.match(value)
    if match and _month(match[1], pack) is not None:
        return _checked(int(match[3]), _month(match[1], pack) or 0, int(match[2]), pack)
    match = patterns.year.match(value)
    if match:
        return _year_checked(int(match[1]), None)
    match = patterns.month_year.match(value)
    if match:
        month_number = _month(match[1], pack)
        if month_number is None:
            return _Reading(problem=_not_a_month(match[1], pack))
        return _year_checked(int(match[2]), month_number)
    match = _NUMERIC_MONTH_YEAR.match(value)
    if match:
        month = int(match[1])
        if not 1 <= month <= 12:
            return _Reading(int(match[2]), problem=(f"there is no month {month}", f"tidak ada bulan {month}"))
        return _year_checked(int(match[2]), month)
    return _Reading(problem=_NOT_A_DATE)


def _month(word: str, pack: Pack) -> int | None:
    return pack.months.get(word.casefold().rstrip("."))


def _not_a_month(word: str, pack: Pack) -> tuple[str, str]:
    guess = closest(word, pack.month_choices, cutoff=0.7)[0] if len(word) <= 20 else None
    if len(word) > 20:
        word = word[:19] + "…"
    if guess:
        return (
            f"`{word}` is not a month name; did you mean `{guess}`?",
            f"`{word}` bukan nama bulan; maksud Anda `{guess}`?",
        )
    return (f"`{word}` is not a month name", f"`{word}` bukan nama bulan")


def _short_year(year: str) -> _Reading:
    return _Reading(
        problem=(
            f"the year `{year}` has two digits; write it in full (`20{year}`?)",
            f"tahun `{year}` hanya dua angka; tulis lengkap (`20{year}`?)",
        )
    )


def _year_checked(year: int, month: int | None) -> _Reading:
    if year < 1:
        return _Reading(problem=("there is no year 0", "tidak ada tahun 0"))
    return _Reading(year, month)


def days_in_month(year: int, month: int) -> int:
    # As calendar.monthrange, whose import (with locale) costs more than a lint of a small file.
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _checked(year: int, month: int, day: int, pack: Pack) -> _Reading:
    if year < 1:
        return _Reading(problem=("there is no year 0", "tidak ada tahun 0"))
    if not 1 <= month <= 12:
        return _Reading(year, problem=(f"there is no month {month}", f"tidak ada bulan {month}"))
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        shown = f"{month_name(month, pack)} {year}"
        return _Reading(year, problem=(f"{shown} has no day {day}", f"{shown} tidak memiliki tanggal {day}"))
    return _Reading(year, month, day)
