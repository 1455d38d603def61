"""Dates as Indonesians write them: `2021-01-04`, `04-01-2021`,
`04/01/2021`, `4 Januari 2021`, `Senin, 4 Jan 2021`; a year alone or a month
and year parse as incomplete dates."""

from __future__ import annotations

import calendar
import re

from ..model import DateValue, Span

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan",
        "februari pebruari february feb peb",
        "maret march mar",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "agustus august agt agu agus aug",
        "september sept sep",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december des dec",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_WEEKDAY = r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_NAMED = re.compile(_WEEKDAY + r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})$")


def parse_date(text: str, span: Span) -> DateValue:
    value = " ".join(text.split())
    match = _ISO.match(value)
    if match:
        return _checked(text, span, int(match[1]), int(match[2]), int(match[3]))
    match = _DAY_FIRST.match(value)
    if match:
        return _checked(text, span, int(match[4]), int(match[3]), int(match[1]))
    match = _NAMED.match(value)
    if match:
        month = MONTHS.get(match[2].lower())
        if month is None:
            return _invalid(text, span, f"`{match[2]}` is not a month name")
        return _checked(text, span, int(match[3]), month, int(match[1]))
    match = _MONTH_YEAR.match(value)
    if match and match[1].lower() in MONTHS:
        return DateValue(text, span, int(match[2]), MONTHS[match[1].lower()], None, complete=False, valid=True)
    match = _YEAR.match(value)
    if match:
        return DateValue(text, span, int(match[1]), None, None, complete=False, valid=True)
    return _invalid(text, span, "not a date (write e.g. `4 Januari 2021` or `2021-01-04`)")


def _checked(text: str, span: Span, year: int, month: int, day: int) -> DateValue:
    if not 1 <= month <= 12:
        return _invalid(text, span, f"there is no month {month}", year=year)
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        month_name = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()[month - 1]
        return _invalid(text, span, f"{month_name} {year} has no day {day}", year=year)
    return DateValue(text, span, year, month, day, complete=True, valid=True)


def _invalid(text: str, span: Span, why: str, year: int | None = None) -> DateValue:
    return DateValue(text, span, year, None, None, complete=False, valid=False, error=why)
