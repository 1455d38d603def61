"""Durations as real SOPs write them (`sop_lint.values.durations`)."""

from __future__ import annotations

import math

import pytest

from sop_lint.model import Duration, Span
from sop_lint.pack import builtin_pack, load_pack
from sop_lint.values.durations import format_minutes, parse_duration

COLUMN = 13  # as after `   - Waktu: `


def parse(text: str, hours_per_day: float | None = None) -> Duration:
    pack = builtin_pack() if hours_per_day is None else load_pack([], hours_per_day)
    return parse_duration(text, Span(7, COLUMN, 7, COLUMN + len(text)), pack)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "minutes_high"),
    [
        ("20 Menit", 20, 20, "menit", 20),
        ("1 Jam", 1, 1, "jam", 60),
        ("1-2 hari", 1, 2, "hari", 960),
        ("1 – 2 hari", 1, 2, "hari", 960),
        ("1 s.d. 2 jam", 1, 2, "jam", 120),
        ("1 s/d 2 jam", 1, 2, "jam", 120),
        ("1 sampai 2 jam", 1, 2, "jam", 120),
        ("1 sampai dengan 2 jam", 1, 2, "jam", 120),
        ("1,5 jam", 1.5, 1.5, "jam", 90),
        ("1/2 jam", 0.5, 0.5, "jam", 30),
        ("Paling lambat 17 hari kerja", 17, 17, "hari", 17 * 8 * 60),
        ("2 x 24 jam", 48, 48, "jam", 48 * 60),
        ("1 (satu) hari", 1, 1, "hari", 480),
        ("15 (menit)", 15, 15, "menit", 15),
        ("30 menit - 1 jam", 30, 60, "menit", 60),
        ("1 jam 30 menit", 1.5, 1.5, "jam", 90),
        ("1 Minggu", 1, 1, "minggu", 5 * 8 * 60),
        ("1 Bulan", 1, 1, "bulan", 22 * 8 * 60),
        ("10 mnt", 10, 10, "menit", 10),
        ("3 HK", 3, 3, "hari", 3 * 480),
        ("0 menit", 0, 0, "menit", 0),
        ("2-1 jam", 2, 1, "jam", 60),
        ("-1 jam", -1, -1, "jam", -60),
    ],
)
def test_quantified(text: str, low: float, high: float, unit: str, minutes_high: float) -> None:
    duration = parse(text)
    assert duration.has_number
    assert duration.low == pytest.approx(low) and duration.high == pytest.approx(high)
    assert duration.unit == unit
    assert duration.minutes_high == pytest.approx(minutes_high)


@pytest.mark.parametrize("text", ["Sesuai dengan waktu yang ditentukan", "segera", "", "-", "Tiap akhir triwulan"])
def test_unquantified(text: str) -> None:
    duration = parse(text)
    assert not duration.has_number
    assert duration.low is None and duration.unit is None and duration.number_span is None


def test_bare_number_has_no_unit_and_its_number_span() -> None:
    duration = parse("15")
    assert duration.has_number and duration.low == 15
    assert duration.unit is None and duration.unit_text is None and duration.minutes_high is None
    assert duration.number_span == Span(7, COLUMN, 7, COLUMN + 2)


def test_unknown_unit_keeps_what_was_written_and_where() -> None:
    duration = parse("3 lembar")
    assert duration.low == 3 and duration.unit is None and duration.unit_text == "lembar"
    assert duration.unit_span == Span(7, COLUMN + 2, 7, COLUMN + 8)
    assert duration.minutes_high is None


def test_spans_of_a_range_and_a_two_word_unit() -> None:
    duration = parse("Paling lambat 1 - 2 hari kerja")
    start = len("Paling lambat ")
    assert duration.number_span == Span(7, COLUMN + start, 7, COLUMN + start + len("1 - 2"))
    assert duration.unit_text == "hari kerja"
    assert duration.unit_span == Span(7, COLUMN + start + 6, 7, COLUMN + start + 6 + len("hari kerja"))


def test_a_minus_between_a_letter_and_a_number_is_no_sign() -> None:
    duration = parse("H-1")
    assert duration.low == 1 and duration.unit is None


def test_hostile_numbers_read_as_infinity_without_raising() -> None:
    for text in ("1e309 hari", "9" * 5000 + " hari"):
        duration = parse(text)
        assert duration.has_number and duration.unit == "hari"
        assert duration.low is not None and math.isinf(duration.low)


def test_working_time_comes_from_the_pack() -> None:
    assert parse("1 hari", hours_per_day=7.5).minutes_high == pytest.approx(450)
    assert parse("1 minggu", hours_per_day=7.5).minutes_high == pytest.approx(5 * 450)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 menit"),
        (0.5, "< 1 menit"),
        (45, "45 menit"),
        (90, "1 jam 30 menit"),
        (480, "1 hari"),
        (1220, "2 hari 4 jam 20 menit"),
        (4800, "10 hari"),
        (math.inf, "∞"),
    ],
)
def test_format_minutes(minutes: float, text: str) -> None:
    assert format_minutes(minutes, 8) == text


def test_a_remembered_value_gets_the_spans_of_where_it_stands_now() -> None:
    pack = builtin_pack()
    first = parse_duration("Paling lambat 2 jam", Span(3, 5, 3, 24), pack)
    again = parse_duration("Paling lambat 2 jam", Span(9, 13, 9, 32), pack)
    assert (first.number_span, first.unit_span) == (Span(3, 19, 3, 20), Span(3, 21, 3, 24))
    assert (again.number_span, again.unit_span) == (Span(9, 27, 9, 28), Span(9, 29, 9, 32))
    assert again.span == Span(9, 13, 9, 32)
    assert again is not first


def test_a_pack_with_units_changed_is_not_answered_from_memory() -> None:
    pack = load_pack([], 8)
    assert parse_duration("2 tahap", Span(1, 1, 1, 8), pack).unit is None
    pack.units["tahap"] = {"name": "tahap", "minutes": 30}
    pack.unit_aliases["tahap"] = "tahap"
    assert parse_duration("2 tahap", Span(1, 1, 1, 8), pack).minutes_high == 60
