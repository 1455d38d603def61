"""Reading Dasar Hukum entries as citations (`sop_lint.values.citations`)."""

from __future__ import annotations

import pytest

from sop_lint.model import Citation, Span
from sop_lint.pack import builtin_pack
from sop_lint.values.citations import cites, number_key, parse_citation, short_form, written_year


def parse(text: str, line_starts: list[tuple[int, int, int]] | None = None) -> Citation:
    return parse_citation(text, Span(5, 4, 5, 4 + len(text)), builtin_pack(), line_starts)


@pytest.mark.parametrize(
    ("text", "kind", "number", "year"),
    [
        ("Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah.", "permen.kemendagri", "86", 2016),
        ("Permenpan No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja", "permen.kemenpanrb", "53", 2014),
        (
            "Peraturan Menteri Pandayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia Nomor 29 Tahun 2010 "
            "tentang Pedoman Penyusunan Penetapan Kinerja",
            "permen.kemenpanrb",
            "29",
            2010,
        ),
        ("Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012 Tentang Pedoman Penyusunan SOP", "permen.kemenpanrb", "35", 2012),
        ("Peraturan Menteri PANRB Nomor 35 Tahun 2012", "permen.kemenpanrb", "35", 2012),
        ("Peraturan Bupati Way Kanan Nomor 45 Tahun 2016 tentang Kedudukan", "perbup", "45", 2016),
        ("Peraturan Presiden Nomor 29 Tahun 2014 Tentang Sistem Akuntabilitas", "perpres", "29", 2014),
        ("Undang-Undang Republik Indonesia Nomor 25 Tahun 2009 tentang Pelayanan Publik", "uu", "25", 2009),
        ("UU No 5 Th 2014 tentang ASN", "uu", "5", 2014),
        ("UU 23/2014 tentang Pemerintahan Daerah", "uu", "23", 2014),
        ("Perpres 29 Tahun 2014 tentang SAKIP", "perpres", "29", 2014),
        ("Peraturan Menteri PAN-RB Nomor 35 / 2012", "permen.kemenpanrb", "35", 2012),
        ("Peraturan Menteri PAN Nomor PER/21/M.PAN/11/2008 tentang Pedoman", "permen.kemenpanrb", "PER/21/M.PAN/11/2008", 2008),
        ("Surat Edaran Kepala BAKN Nomor 01/SE/1977 tentang Cuti", "se.bkn", "01/SE/1977", 1977),
        (
            "Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum",
            "kepmen.kemenpanrb",
            "63/KEP/M.PAN/7/2003",
            2003,
        ),
        ("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "uud", None, 1945),
        ("UUD 1945", "uud", None, 1945),
        ("Qanun Aceh Nomor 5 Tahun 2011", "perda", "5", 2011),
        ("2. Peraturan Daerah Nomor 8 Tahun 2016", "perda", "8", 2016),  # stray numbering from copy-paste
    ],
)
def test_reads_type_number_and_year(text: str, kind: str, number: str | None, year: int) -> None:
    citation = parse(text)
    assert (citation.kind, citation.number, citation.year) == (kind, number, year)
    assert not citation.truncated_year


@pytest.mark.parametrize(
    ("text", "kind", "number", "year"),
    [
        ("ISO 9001:2015", None, None, None),
        ("DPA Tahun berjalan", None, None, None),
        ("Peraturan lainnya yang berkaitan dengan Kinerja", None, None, None),
        ("Undang-Undang Tahun 1999 tentang Otonomi Daerah", "uu", None, 1999),
        ("PP Nomor 61 tentang Pelaksanaan UU 14/2008", "pp", "61", None),  # the year in the title is another law's
        ("UU No. Tahun 1999", "uu", None, 1999),
    ],
)
def test_incomplete_citations_leave_parts_out(text: str, kind: str | None, number: str | None, year: int | None) -> None:
    citation = parse(text)
    assert (citation.kind, citation.number, citation.year) == (kind, number, year)


@pytest.mark.parametrize("year", ["20..", "20xx", "20…", "214"])
def test_a_cut_off_year_is_truncated_and_located(year: str) -> None:
    text = f"Undang-Undang Nomor 23 Tahun {year} tentang Pemerintahan Daerah"
    citation = parse(text)
    assert citation.year is None and citation.truncated_year
    start = text.index(year)
    assert citation.year_span == Span(5, 4 + start, 5, 4 + start + len(year))
    assert written_year(text) == year


def test_year_span_points_at_the_year() -> None:
    citation = parse("Permendagri No. 86 Tahun 2016 tentang Perencanaan")
    assert citation.year_span == Span(5, 29, 5, 33)
    old = parse("Peraturan Menteri PAN Nomor PER/21/M.PAN/11/2008")
    assert old.number_in_old_style and old.year_span == Span(5, 48, 5, 52)


def test_year_on_a_continuation_line_gets_that_line() -> None:
    first = "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 29 Tahun"
    text = first + " 2010 tentang Pedoman"
    citation = parse(text, [(0, 5, 4), (len(first) + 1, 6, 4)])
    assert citation.year == 2010
    assert citation.year_span == Span(6, 4, 6, 8)


def test_title_and_only_the_first_regulation_of_an_amendment() -> None:
    citation = parse(
        "Peraturan Daerah Nomor 8 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah sebagaimana telah diubah "
        "dengan Peraturan Daerah Nomor 11 Tahun 2019 tentang Perubahan Atas Peraturan"
    )
    assert (citation.number, citation.year) == ("8", 2016)
    assert citation.title is not None and citation.title.startswith("Pembentukan dan Susunan")


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("PER/21/M.PAN/11/2008", "21"),
        ("01/SE/1977", "1"),
        ("035", "35"),
        ("188.45/123/BL/2019", "188"),
        ("XI/MPR", "xi"),
        ("II/MPR/1993", "ii"),
        ("PK.4", "4"),
    ],
)
def test_number_key(number: str, key: str) -> None:
    assert number_key(number) == key


def test_cites_matches_type_number_and_title_keywords() -> None:
    pack = builtin_pack()
    row = {"kind": "permen.kemendagri", "number": "86", "year": 2017, "title_keywords": ["perencanaan"]}
    assert cites(parse("Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah"), row, pack)
    assert cites(parse("Permendagri No. 86 Tahun 2016"), row, pack)  # no title: type and number suffice
    assert not cites(parse("Permendagri No. 86 Tahun 2016 tentang Tata Naskah Dinas"), row, pack)
    assert not cites(parse("Permendagri No. 87 Tahun 2017 tentang Perencanaan"), row, pack)
    assert not cites(parse("Peraturan Daerah Nomor 86 Tahun 2017 tentang Perencanaan"), row, pack)
    # A generic `Peraturan Menteri` stands for a Permendagri only when its title says so.
    assert cites(parse("Peraturan Menteri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan"), row, pack)
    assert not cites(parse("Peraturan Menteri Nomor 86 Tahun 2017"), row, pack)


def test_short_form_uses_the_pack_label() -> None:
    citation = parse("Permendagri No. 86 Tahun 2016 tentang Perencanaan")
    assert short_form(citation, builtin_pack()) == "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2016"


@pytest.mark.parametrize("filler", ["nr." * 700_000, "Nomor 1/" * 250_000, "tahun " * 350_000, "1/2014 " * 300_000])
def test_a_hostile_line_parses(filler: str) -> None:
    parse("Peraturan Menteri " + filler)
