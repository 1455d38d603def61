"""L — legal basis (Dasar Hukum): exact codes, places and messages."""

from __future__ import annotations

import pytest

from sop_lint.rule import Finding

from ..conftest import codes, lint

# The last Dasar Hukum entry of fixtures/good/complete.sop.md; new entries go after it.
LAST_ENTRY = "   Perangkat Daerah Provinsi Kalimantan Barat\n"
FIRST_NEW_LINE = 26  # the line an entry added after LAST_ENTRY lands on


def with_entries(good_sop: str, *entries: str) -> str:
    assert good_sop.count(LAST_ENTRY) == 1
    added = "".join(f"{4 + i}. {entry}\n" for i, entry in enumerate(entries))
    return good_sop.replace(LAST_ENTRY, LAST_ENTRY + added)


def legal(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("L")]


# Seed 003 (DP3AP2 Provinsi Jambi) in the .sop.md format, as extracted.
SEED_003 = """\
# Pengumpulan Data Kinerja

## Identitas

- Nomor SOP: ORG.2.2.2
- Instansi: Dinas Pemberdayaan Perempuan Perlindungan Anak dan Pengendalian Penduduk Provinsi Jambi
- Tgl Pembuatan: 3 Januari 2022
- Tanggal Revisi: -
- Tanggal Pengesahan: 3 Januari 2022
- Disahkan Oleh: Kepala Dinas
- Nama Pengesah: Nama Kepala Dinas
- NIP Pengesah: 19791208 200003 2 002

## Dasar Hukum

1. Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah.
2. Peraturan Presiden Nomor 29 Tahun 2014 Tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
3. Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah.
4. Permenpan No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan tata cara Review Laporan Kinerja.
5. DPA Tahun berjalan
6. Peraturan lainnya yang berkaitan dengan Kinerja

## Kualifikasi Pelaksana

1. Memahami Perencanaan Pembangunan Daerah dan Pelaksanaannya.
2. Memiliki Kompetensi pengolahan data.

## Keterkaitan

1. Penyusunan Laporan Kinerja Individu.
2. Penyusunan Laporan Pemantauan Rencana Aksi.
3. Penyusunan LkjIP

## Peralatan/Perlengkapan

1. APBD, RKA, DPA.
2. Perangkat Pengolahan Data.

## Peringatan

## Pencatatan dan Pendataan

- Disimpan sebagai dokumen pengendalian dan evaluasi Kinerja

## Pelaksana

- STAF: Staf
- KASUBBAG: Kasubbag

## Prosedur

1. Menyiapkan Nota Dinas dan Surat permintaan data capaian kinerja
   - Pelaksana: STAF
   - Kelengkapan: Nota Dinas
   - Waktu: 1 jam
   - Output: Surat
2. Pengarsipan
   - Pelaksana: KASUBBAG
   - Kelengkapan: Dokumen
   - Waktu: 2 jam
   - Output: Arsip
"""


def test_seed_003() -> None:
    findings = [f for f in lint(SEED_003) if f.code[0] in "CL"]
    assert codes(findings) == [("L605", 18, 29), ("L601", 20, 4), ("L601", 21, 4), ("C202", 39, 1)]
    assert findings[0].text == (
        "`Permendagri 86` was issued in 2017, not 2016: cite it as `Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017`"
    )


# L601 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "column", "message"),
    [
        (
            "ISO 9001:2015",
            4,
            "`ISO 9001:2015` is not a regulation citation: it names no known regulation type "
            "(Undang-Undang, Peraturan Pemerintah, Peraturan Menteri, Peraturan Daerah …) with a number and a year",
        ),
        (
            "DPA Tahun berjalan",
            4,
            "`DPA Tahun berjalan` is not a regulation citation: it names no known regulation type "
            "(Undang-Undang, Peraturan Pemerintah, Peraturan Menteri, Peraturan Daerah …) with a number and a year",
        ),
        (
            "Undang-Undang Tahun 1999 tentang Otonomi Daerah",
            4,
            "`Undang-Undang Tahun 1999 tentang Otonomi Daerah` gives no number: cite it as `Undang-Undang Nomor … Tahun 1999`",
        ),
        (
            "PP Nomor 61 tentang Pengelolaan Arsip",
            4,
            "`PP Nomor 61 tentang Pengelolaan Arsip` gives no year: cite it as `PP Nomor 61 Tahun …`",
        ),
        (
            "PP Nomor 61 tentang Pelaksanaan UU Keterbukaan Informasi Publik",
            4,
            "`PP Nomor 61 tentang Pelaksanaan UU Keterbukaan Informasi Pu…` gives no year; "
            "did you mean `Peraturan Pemerintah Nomor 61 Tahun 2010`?",
        ),
        (
            "Peraturan Menteri Dalam Negeri tentang Tata Naskah Dinas",
            4,
            "`Peraturan Menteri Dalam Negeri tentang Tata Naskah Dinas` gives neither number nor year: "
            "cite it as `Peraturan Menteri Dalam Negeri Nomor … Tahun …`",
        ),
        (
            "Undang-Undang Nomor 23 Tahun 20.. tentang Pemerintahan Daerah",
            33,
            "the year `20..` in `Undang-Undang Nomor 23 Tahun 20.. tentang Pemerintahan Daer…` is cut off or mistyped: "
            "write all four digits",
        ),
    ],
)
def test_malformed_citation_says_what_is_missing(good_sop: str, entry: str, column: int, message: str) -> None:
    findings = lint(with_entries(good_sop, entry))
    assert codes(findings) == [("L601", FIRST_NEW_LINE, column)]
    assert findings[0].text == message


@pytest.mark.parametrize(
    "entry",
    [
        "Permendagri No. 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        "Permenpan No. 29 Tahun 2010 tentang Pedoman Penyusunan Penetapan Kinerja",
        "Peraturan Menteri Pandayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia Nomor 29 Tahun 2010 "
        "tentang Pedoman Penyusunan Penetapan Kinerja dan Laporan Akuntabilitas Kinerja Instansi Pemerintah",
        "Peraturan Bupati Way Kanan Nomor 45 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi",
        "Peraturan Presiden Nomor 29 Tahun 2014 Tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        "Peraturan Menteri PAN dan RB Nomor 19 Tahun 2018 Tentang Penyusunan Peta Proses Bisnis Instansi Pemerintah",
        "Peraturan Daerah Nomor 11 Tahun 2019 tentang Perubahan Atas Peraturan Daerah Nomor 8 Tahun 2016 sebagaimana "
        "telah diubah dengan Peraturan Daerah Nomor 12 Tahun 2020 tentang Perubahan Atas Peraturan",
        "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah.",
        "Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan Pelayanan Publik",
        "UU 23/2014 tentang Pemerintahan Daerah",
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
    ],
)
def test_complete_citations_from_the_seeds_pass(good_sop: str, entry: str) -> None:
    assert codes(lint(with_entries(good_sop, entry))) == []


def test_a_placeholder_entry_is_only_c203(good_sop: str) -> None:
    assert [f.code for f in lint(with_entries(good_sop, "-"))] == ["C203"]


# L602 -----------------------------------------------------------------------------


def test_revoked_regulation_names_its_replacement(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil"))
    assert codes(findings) == [("L602", FIRST_NEW_LINE, 4)]
    assert (findings[0].span.end_line, findings[0].span.end_column) == (FIRST_NEW_LINE, 44)  # through the year
    assert findings[0].text == (
        "`Peraturan Pemerintah Nomor 53 Tahun 2010` is possibly outdated: it was replaced by "
        "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS; check JDIH for its current status"
    )


@pytest.mark.parametrize(
    "entry",
    [
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP",
        "Surat Edaran Kepala BAKN Nomor 01/SE/1977 tentang Permintaan dan Pemberian Cuti Pegawai Negeri Sipil",
        "UU No. 5 Tahun 2014",  # no title: type, number and year suffice
        "Peraturan Menteri Nomor 13 Tahun 2006 tentang Pedoman Pengelolaan Keuangan Daerah",  # generic type, title says which
    ],
)
def test_revoked_regulation_in_other_forms(good_sop: str, entry: str) -> None:
    assert [f.code for f in lint(with_entries(good_sop, entry))] == ["L602"]


@pytest.mark.parametrize(
    "entry",
    [
        "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
        "Peraturan Daerah Nomor 5 Tahun 2014 tentang Organisasi Perangkat Daerah",  # UU 5/2014 is revoked, not this
        "Surat Edaran Nomor 1 Tahun 1977 tentang Penyederhanaan Tata Naskah",  # another SE 1/1977
        "Peraturan Menteri Nomor 13 Tahun 2006",  # generic type and no title: which minister?
    ],
)
def test_near_misses_of_revoked_regulations(good_sop: str, entry: str) -> None:
    assert codes(lint(with_entries(good_sop, entry))) == []


def test_revoked_and_miscited_year_is_only_l602(good_sop: str) -> None:
    # PermenPAN-RB 12 is listed as revoked under both years it is cited with; L605 stays silent.
    entry = "Peraturan Menteri PAN-RB Nomor 12 Tahun 2012 tentang Pedoman Penataan Tatalaksana"
    assert [f.code for f in lint(with_entries(good_sop, entry))] == ["L602"]


# L603 -----------------------------------------------------------------------------


def test_duplicate_citation_however_written(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Permenpan No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja"))
    assert codes(findings) == [("L603", FIRST_NEW_LINE, 4)]
    assert findings[0].text == "`Permenpan No. 53 Tahun 2014` is cited again (first at line 22); remove one"


def test_every_repeat_is_reported_against_the_first(good_sop: str) -> None:
    entry = "Peraturan Daerah Nomor 8 Tahun 2016"
    findings = lint(with_entries(good_sop, entry, entry))
    assert codes(findings) == [("L603", FIRST_NEW_LINE, 4), ("L603", FIRST_NEW_LINE + 1, 4)]
    assert all("first at line 24" in f.text for f in findings)


def test_a_repeated_bad_citation_is_only_l603_the_second_time(good_sop: str) -> None:
    entry = "Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah"
    assert codes(lint(with_entries(good_sop, entry, entry))) == [("L605", FIRST_NEW_LINE, 29), ("L603", FIRST_NEW_LINE + 1, 4)]


@pytest.mark.parametrize(
    "entry",
    [
        "Peraturan Gubernur Kalimantan Barat Nomor 8 Tahun 2016 tentang Kedudukan Biro Organisasi",  # another type
        "Peraturan Daerah Nomor 8 Tahun 2017 tentang Perubahan",  # another year
    ],
)
def test_same_number_is_no_duplicate(good_sop: str, entry: str) -> None:
    assert codes(lint(with_entries(good_sop, entry))) == []


# L604 -----------------------------------------------------------------------------


def test_year_in_the_future(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Peraturan Gubernur Kalimantan Barat Nomor 3 Tahun 2027 tentang SOP"))
    assert codes(findings) == [("L604", FIRST_NEW_LINE, 54)]
    assert findings[0].text == "year 2027 is after this year (2026): a typo?"
    assert findings[0].severity == "error"


def test_year_before_1945(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Peraturan Daerah Nomor 3 Tahun 1916"))
    assert codes(findings) == [("L604", FIRST_NEW_LINE, 35)]
    assert findings[0].text == "year 1916 is before 1945: a typo?"


def test_implausible_year_of_a_known_regulation_suggests_its_year(good_sop: str) -> None:
    entry = "Peraturan Presiden Nomor 29 Tahun 2041 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"
    findings = lint(with_entries(good_sop, entry))
    assert codes(findings) == [("L604", FIRST_NEW_LINE, 38)]  # not also L605
    assert findings[0].text == "year 2041 is after this year (2026); did you mean `Peraturan Presiden Nomor 29 Tahun 2014`?"


def test_year_on_a_continuation_line(good_sop: str) -> None:
    text = good_sop.replace(
        LAST_ENTRY,
        LAST_ENTRY + "4. Peraturan Gubernur Kalimantan Barat Nomor 19 Tahun\n   2061 tentang Pedoman Penyusunan SOP\n",
    )
    assert codes(lint(text)) == [("L604", FIRST_NEW_LINE + 1, 4)]


@pytest.mark.parametrize("year", ["1945", "2026"])
def test_1945_and_this_year_are_plausible(good_sop: str, year: str) -> None:
    assert codes(lint(with_entries(good_sop, f"Peraturan Daerah Nomor 3 Tahun {year}"))) == []


def test_this_year_comes_from_the_context(good_sop: str) -> None:
    from datetime import date

    entry = "Peraturan Daerah Nomor 3 Tahun 2026"
    assert [f.code for f in lint(with_entries(good_sop, entry), today=date(2025, 6, 1))] == ["L604"]


# L605 -----------------------------------------------------------------------------


def test_wrong_year_of_a_known_regulation(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah."))
    assert codes(findings) == [("L605", FIRST_NEW_LINE, 29)]
    assert (findings[0].span.end_column) == 33
    assert "was issued in 2017" in findings[0].text


def test_wrong_year_without_a_title(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "UU Nomor 23 Tahun 2004"))
    assert [f.text for f in legal(findings)] == [
        "`UU 23` was issued in 2014, not 2004: cite it as `Undang-Undang Nomor 23 Tahun 2014`"
    ]


@pytest.mark.parametrize(
    "entry",
    [
        "Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak",  # another law with the same number
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
        "Permendagri No. 86 Tahun 2017 tentang Tata Cara Perencanaan",
    ],
)
def test_right_year_or_another_regulation(good_sop: str, entry: str) -> None:
    assert codes(lint(with_entries(good_sop, entry))) == []


# L606 -----------------------------------------------------------------------------


def test_another_regulations_title(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "Undang-Undang Nomor 23 Tahun 2014 tentang Perlindungan Anak"), preview=True)
    assert codes(legal(findings)) == [("L606", FIRST_NEW_LINE, 4)]
    assert findings[-1].text == (
        "`Undang-Undang Nomor 23 Tahun 2014` is titled `Pemerintahan Daerah`; "
        "`Perlindungan Anak` is the title of Undang-Undang Nomor 23 Tahun 2002"
    )


def test_l606_is_preview(good_sop: str) -> None:
    assert codes(lint(with_entries(good_sop, "Undang-Undang Nomor 23 Tahun 2014 tentang Perlindungan Anak"), preview=False)) == []


@pytest.mark.parametrize(
    "entry",
    [
        "UU No. 25 Tahun 2009 tentang Pelayanan Publik",  # its own title
        "UU No. 25 Tahun 2009 tentang Pelayanan Publik yang Prima",  # a title the pack does not know
        "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak",
        "UU 23 Tahun 2014",  # no title at all
    ],
)
def test_no_l606_for_a_fitting_or_unknown_title(good_sop: str, entry: str) -> None:
    assert codes(legal(lint(with_entries(good_sop, entry), preview=True))) == []


def test_wrong_title_is_not_also_a_wrong_year(good_sop: str) -> None:
    findings = lint(with_entries(good_sop, "UU No. 25 Tahun 2009 tentang Sistem Perencanaan Pembangunan Nasional"), preview=True)
    assert [f.code for f in legal(findings)] == ["L606"]


# L601 did-you-mean ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "label"),
    [
        ("Instuksi Presiden Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja", "Instruksi Presiden"),
        ("Peraturan Mentri Dalam Negeri Nomor 3 Tahun 2017", "Peraturan Menteri"),
        ("Undang-Undnag Nomor 25 Tahun 2009", "Undang-Undang"),
    ],
)
def test_a_near_miss_type_suggests_the_known_one(good_sop: str, entry: str, label: str) -> None:
    findings = legal(lint(with_entries(good_sop, entry)))
    assert codes(findings) == [("L601", FIRST_NEW_LINE, 4)]
    assert findings[0].text.endswith(f"names no known regulation type; did you mean `{label}`?")


@pytest.mark.parametrize("code", ["C201", "C202", "C203", "C204", "C205", "L601", "L602", "L603", "L604", "L605", "L606"])
def test_messages_render_in_indonesian(code: str) -> None:
    from ..conftest import lint_bytes
    from ..rule_cases import CASES, load_cases

    (case,) = (case for case in load_cases(CASES / f"{code}.toml") if case.name == "fail")
    findings = lint_bytes(case.data, lang="id")
    texts = [f.text for f in findings if f.code == code]
    assert texts and all("{" not in text for text in texts)
