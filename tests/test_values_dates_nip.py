"""The date and NIP readers behind the M rules."""

from __future__ import annotations

from datetime import date

import pytest

from sop_lint.model import Span
from sop_lint.values.dates import as_date, date_problem, earliest, parse_date
from sop_lint.values.nip import grouped, label, nip_problem, nip_reason, parse_nip, well_grouped

SPAN = Span(1, 1, 1, 2)
TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 Januari 2021", (2021, 1, 4)),
        ("04 Maret 2022", (2022, 3, 4)),
        ("04/01/2021", (2021, 1, 4)),
        ("04-01-2021", (2021, 1, 4)),
        ("04.01.2021", (2021, 1, 4)),
        ("4 / 1 / 2021", (2021, 1, 4)),
        ("2021-01-04", (2021, 1, 4)),
        ("2021/1/4", (2021, 1, 4)),
        ("Senin, 4 Januari 2021", (2021, 1, 4)),
        ("senin 4 januari 2021", (2021, 1, 4)),
        ("Jum'at, 8 Januari 2021", (2021, 1, 8)),
        ("Hari Jumat, 8 Januari 2021", (2021, 1, 8)),
        ("Monday, 4 January 2021", (2021, 1, 4)),
        ("January 4, 2021", (2021, 1, 4)),
        ("4 AGUSTUS 2021", (2021, 8, 4)),
        ("17 Agt 2021", (2021, 8, 17)),
        ("17 Agu 2021", (2021, 8, 17)),
        ("17 Aug 2021", (2021, 8, 17)),
        ("1 Okt 2021", (2021, 10, 1)),
        ("22 Des 2023", (2023, 12, 22)),
        ("4 Jan. 2021", (2021, 1, 4)),
        ("4-Jan-2021", (2021, 1, 4)),
        ("4 Pebruari 2021", (2021, 2, 4)),
        ("4 Nopember 2021", (2021, 11, 4)),
        ("4 Januari, 2021", (2021, 1, 4)),
        ("4 Januari Tahun 2021", (2021, 1, 4)),
        ("tanggal 4 Januari 2021", (2021, 1, 4)),
        ("Tgl. 4 Januari 2021", (2021, 1, 4)),
        ("4 Januari 2021.", (2021, 1, 4)),
        ("  4   Januari\t2021 ", (2021, 1, 4)),
        ("29 Februari 2024", (2024, 2, 29)),
    ],
)
def test_complete_dates(text: str, expected: tuple[int, int, int]) -> None:
    value = parse_date(text, SPAN)
    assert (value.year, value.month, value.day) == expected
    assert value.valid and value.complete and value.error is None
    assert as_date(value) == date(*expected)
    assert date_problem(text) is None


@pytest.mark.parametrize(
    ("text", "year", "month"),
    [
        ("Januari 2022", 2022, 1),
        ("       Januari 2022", 2022, 1),
        ("Jan. 2022", 2022, 1),
        ("Bulan Maret 2022", 2022, 3),
        ("Desember, 2022", 2022, 12),
        ("01/2022", 2022, 1),
        ("2022", 2022, None),
        ("Tahun 2022", 2022, None),
    ],
)
def test_incomplete_dates(text: str, year: int, month: int | None) -> None:
    value = parse_date(text, SPAN)
    assert value.valid and not value.complete
    assert (value.year, value.month, value.day) == (year, month, None)
    assert as_date(value) is None
    assert earliest(value) == date(year, month or 1, 1)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31 Februari 2021", "Februari 2021 has no day 31"),
        ("29/02/2023", "Februari 2023 has no day 29"),
        ("2021-04-31", "April 2021 has no day 31"),
        ("0/01/2021", "Januari 2021 has no day 0"),
        ("2021-13-01", "there is no month 13"),
        ("01/13/2021", "there is no month 13; dates are written day first (`13/01/2021`?)"),
        ("13/2021", "there is no month 13"),
        ("4 Febuari 2021", "`Febuari` is not a month name; did you mean `Februari`?"),
        ("4 Jamuari 2021", "`Jamuari` is not a month name; did you mean `Januari`?"),
        ("4 Xyz 2021", "`Xyz` is not a month name"),
        ("04/01/21", "the year `21` has two digits; write it in full (`2021`?)"),
        ("Selasa, 4 Januari 2021", "4 Januari 2021 is a Monday (Senin), not a Selasa"),
        ("garbage", "not a date (write e.g. `4 Januari 2021` or `2021-01-04`)"),
        ("[image: ]", "not a date (write e.g. `4 Januari 2021` or `2021-01-04`)"),
        ("4 Januari 2021 s.d. 5 Januari 2021", "not a date (write e.g. `4 Januari 2021` or `2021-01-04`)"),
        ("0000-01-01", "there is no year 0"),
    ],
)
def test_invalid_dates(text: str, why: str) -> None:
    value = parse_date(text, SPAN)
    assert not value.valid and not value.complete
    assert value.error == why
    problem = date_problem(text)
    assert problem is not None and problem[0] == why
    assert problem[1] and problem[1] != problem[0]  # an Indonesian reason too
    assert as_date(value) is None and earliest(value) is None


def test_indonesian_reasons() -> None:
    assert date_problem("31 Februari 2021") == ("Februari 2021 has no day 31", "Februari 2021 tidak memiliki tanggal 31")
    assert date_problem("Selasa, 4 Januari 2021") == (
        "4 Januari 2021 is a Monday (Senin), not a Selasa",
        "4 Januari 2021 jatuh pada hari Senin, bukan Selasa",
    )


def test_huge_value_is_fast_and_invalid() -> None:
    text = "Januari " * 250_000 + "2021"
    assert not parse_date(text, SPAN).valid


# NIP --------------------------------------------------------------------------


def _nip(text: str) -> tuple[str, str] | None:
    return nip_reason(parse_nip(text, SPAN), TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "19791208 200003 2 002",
        "197912082000032002",
        "19680904 1993081 001",  # 18 digits grouped wrongly: valid (M108 speaks, not M105)
        "19791208.200003.2.002",
        "19791208 199712 2 002",  # TMT the month the holder turns 18
        "NIP. 19791208 200003 2 002",
    ],
)
def test_valid_nips(text: str) -> None:
    assert _nip(text) is None
    assert nip_problem(parse_nip(text, SPAN)) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "19791208 20003 2 002",
            "it has 17 digits; a NIP has 18 (the second group `20003`, the TMT, yyyymm, has 5 digits, not 6)",
        ),
        ("1979120820000320021", "it has 19 digits; a NIP has 18"),
        ("19791208 200003 2 OO2", "it holds `O`; a NIP is 18 digits"),
        ("19791308 200003 2 002", "its birth date `19791308` is not a date"),
        ("19790230 200003 2 002", "its birth date `19790230` is not a date"),
        ("18791208 200003 2 002", "its birth date `18791208` is not a date"),
        ("20301208 205003 2 002", "its birth date `20301208` is in the future"),
        ("19791208 200013 2 002", "its TMT `200013` is not a year and month"),
        ("19791208 199711 2 002", "its TMT 199711 is before the holder's 18th birthday (19791208)"),
        ("19791208 200003 3 002", "its gender digit is 3; it must be 1 or 2"),
        ("19791208 200003 2 000", "its serial number is 000"),
    ],
)
def test_invalid_nips(text: str, why: str) -> None:
    reason = _nip(text)
    assert reason is not None and reason[0] == why
    assert reason[1] and reason[1] != reason[0]


def test_birth_date_in_the_future_needs_today() -> None:
    nip = parse_nip("20301208 205003 2 002", SPAN)
    assert nip_reason(nip) is None
    assert nip_reason(nip, TODAY) is not None


def test_grouping() -> None:
    assert grouped("196809041993081001") == "19680904 199308 1 001"
    assert well_grouped(parse_nip("19791208 200003 2 002", SPAN))
    assert well_grouped(parse_nip("19791208  200003 2 002", SPAN))  # runs of spaces count as one
    assert not well_grouped(parse_nip("19680904 1993081 001", SPAN))
    assert not well_grouped(parse_nip("197912082000032002", SPAN))
    assert not well_grouped(parse_nip("NIP. 19791208 200003 2 002", SPAN))
    assert not well_grouped(parse_nip("1979", SPAN))  # too short: no crash


def test_label() -> None:
    assert label(parse_nip("NIP.-19680904 1993081 001", SPAN)) == "NIP.-"
    assert label(parse_nip("nip: 19680904 199308 1 001", SPAN)) == "nip:"
    assert label(parse_nip("19680904 199308 1 001", SPAN)) is None
