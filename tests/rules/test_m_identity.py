"""M — identity: exact codes, positions and messages, and the cascades that must not happen."""

from __future__ import annotations

import pytest

from sop_lint.rule import Finding

from ..conftest import codes, lint

# Line 5 onwards: one field per line, `- Key: value`.
FIELDS = {
    "Nomor": "065/3/DP-B",
    "Tanggal Pembuatan": "4 Januari 2021",
    "Tanggal Revisi": "2021-02-01",
    "Tanggal Efektif": "04/01/2021",
    "Disahkan Oleh": "Kepala Biro Organisasi",
    "Nama Pengesah": "Rita Hastarita, S.Sos, M.Si",
    "NIP Pengesah": "19791208 200003 2 002",
}


def identity(**changes: str | None) -> str:
    """An SOP whose Identitas is FIELDS with `changes` (None drops a field; keys use _ for spaces)."""
    fields = dict(FIELDS)
    for key, value in changes.items():
        name = key.replace("_", " ")
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    lines = [f"- {key}: {value}" if value else f"- {key}:" for key, value in fields.items()]
    return "# Pengumpulan Data Kinerja\n\n## Identitas\n\n" + "\n".join(lines) + "\n"


def m(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("M")]


def m_codes(text: str) -> list[tuple[str, int, int]]:
    return codes(m(lint(text)))


def messages(text: str, lang: str = "en") -> list[str]:
    return [f.text for f in m(lint(text, lang=lang))]


def test_complete_identity_is_clean() -> None:
    assert m_codes(identity()) == []


# M101 ---------------------------------------------------------------------------


def test_absent_field_is_reported_on_the_heading() -> None:
    text = identity(Nama_Pengesah=None, NIP_Pengesah=None)
    assert m_codes(text) == [("M101", 3, 1), ("M101", 3, 1)]
    assert messages(text) == ["Identitas has no `Nama Pengesah`", "Identitas has no `NIP Pengesah`"]
    assert messages(text, "id") == ["Identitas tidak memuat `Nama Pengesah`", "Identitas tidak memuat `NIP Pengesah`"]
    span = m(lint(text))[0].span
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 1, 3, 13)


def test_empty_field_is_reported_on_its_key() -> None:
    text = identity(Disahkan_Oleh="")
    assert m_codes(text) == [("M101", 9, 3)]
    assert messages(text) == ["`Disahkan Oleh` is empty: fill it in"]


def test_dash_is_missing_except_in_tanggal_revisi() -> None:
    assert m_codes(identity(Tanggal_Revisi="-")) == []
    assert m_codes(identity(Tanggal_Revisi="—")) == []
    text = identity(Tanggal_Efektif="-")
    assert m_codes(text) == [("M101", 8, 3)]  # and no M102 on the dash
    assert messages(text) == ["`Tanggal Efektif` is only `-`: fill it in"]


def test_placeholder_is_missing_and_checked_no_further() -> None:
    text = identity(Nomor="TBD", NIP_Pengesah="...", Tanggal_Pembuatan="—")
    assert m_codes(text) == [("M101", 5, 3), ("M101", 6, 3), ("M101", 11, 3)]


def test_alias_keys_count() -> None:
    text = identity(Tanggal_Efektif=None, Nomor=None) + "- Tanggal Pengesahan: 4 Januari 2021\n- No: 065/3/DP-B\n"
    assert m_codes(text) == []


def test_written_key_is_named() -> None:
    text = identity(Tanggal_Pembuatan=None) + "- Tgl Pembuatan:\n"
    assert messages(text) == ["`Tgl Pembuatan` is empty: fill it in"]


def test_no_identitas_is_not_m101() -> None:
    text = "# Pengumpulan Data Kinerja\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan, data terlambat.\n"
    assert m_codes(text) == []


def test_empty_identitas_is_not_m101() -> None:
    text = "# Pengumpulan Data Kinerja\n\n## Identitas\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan, data terlambat.\n"
    assert m_codes(text) == []


def test_misspelt_key_is_p003_only() -> None:
    text = identity(Nama_Pengesah=None) + "- Nama Pengsah: Rita Hastarita\n"
    found = codes(lint(text))
    assert ("P003", 11, 3) in found
    assert not [c for c in found if c[0] == "M101"]


def test_field_without_colon_is_p003_only() -> None:
    text = identity(NIP_Pengesah=None) + "- NIP 19791208 200003 2 002\n"
    found = codes(lint(text))
    assert ("P003", 11, 3) in found
    assert not [c for c in found if c[0].startswith("M")]


def test_seed_003_approval_without_name_and_nip() -> None:
    text = (
        "# Pengumpulan Data Kinerja\n\n## Identitas\n\n"
        "- Nomor SOP: ORG.2.2.2\n"
        "- Tgl Pembuatan: Januari 2022\n"
        "- Tanggal Revisi:        Januari 2022\n"
        "- Tanggal Pengesahan: Januari 2022\n"
        "- Disahkan Oleh: Kepala Dinas\n"
    )
    assert m_codes(text) == [("M101", 3, 1), ("M101", 3, 1), ("M103", 6, 18), ("M103", 7, 26), ("M103", 8, 23)]
    assert messages(text)[2] == "`Tgl Pembuatan` `Januari 2022` gives no day: add it (e.g. `1 Januari 2022`)"


# M102 ---------------------------------------------------------------------------


def test_date_that_does_not_exist() -> None:
    text = identity(Tanggal_Pembuatan="31 Februari 2021")
    assert m_codes(text) == [("M102", 6, 22)]
    assert messages(text) == ["`Tanggal Pembuatan` `31 Februari 2021` is not a valid date: Februari 2021 has no day 31"]
    assert messages(text, "id") == [
        "`Tanggal Pembuatan` `31 Februari 2021` bukan tanggal yang sah: Februari 2021 tidak memiliki tanggal 31"
    ]
    span = m(lint(text))[0].span
    assert (span.column, span.end_column) == (22, 38)


def test_unreadable_date_and_month_suggestion() -> None:
    assert messages(identity(Tanggal_Revisi="4 Febuari 2021")) == [
        "`Tanggal Revisi` `4 Febuari 2021` is not a valid date: `Febuari` is not a month name; did you mean `Februari`?"
    ]
    assert m_codes(identity(Tanggal_Revisi="belum direvisi")) == [("M102", 7, 19)]


def test_wrong_weekday() -> None:
    assert messages(identity(Tanggal_Pembuatan="Selasa, 4 Januari 2021")) == [
        "`Tanggal Pembuatan` `Selasa, 4 Januari 2021` is not a valid date: 4 Januari 2021 is a Monday (Senin), not a Selasa"
    ]


def test_invalid_date_is_not_compared() -> None:
    # Invalid Tanggal Pembuatan: only M102, no M104 behind it.
    assert m_codes(identity(Tanggal_Pembuatan="2021-13-01", Tanggal_Efektif="1 Januari 2020")) == [("M102", 6, 22)]


# M103 ---------------------------------------------------------------------------


def test_year_only() -> None:
    text = identity(Tanggal_Revisi="2022")
    assert m_codes(text) == [("M103", 7, 19)]
    assert messages(text) == ["`Tanggal Revisi` `2022` gives only the year: add the day and month (e.g. `1 Januari 2022`)"]
    assert messages(text, "id") == [
        "`Tanggal Revisi` `2022` hanya memuat tahun: tambahkan tanggal dan bulan (misalnya `1 Januari 2022`)"
    ]


def test_month_and_year() -> None:
    assert messages(identity(Tanggal_Revisi="Mar. 2022")) == [
        "`Tanggal Revisi` `Mar. 2022` gives no day: add it (e.g. `1 Maret 2022`)"
    ]


def test_incomplete_dates_are_not_ordered() -> None:
    assert m_codes(identity(Tanggal_Efektif="2020")) == [("M103", 8, 20)]


# M104 ---------------------------------------------------------------------------


def test_effective_before_creation() -> None:
    text = identity(Tanggal_Efektif="03/01/2021")
    assert m_codes(text) == [("M104", 8, 20)]
    assert messages(text) == ["`Tanggal Efektif` 03/01/2021 is before Tanggal Pembuatan 4 Januari 2021"]
    assert messages(text, "id") == ["`Tanggal Efektif` 03/01/2021 lebih awal dari Tanggal Pembuatan 4 Januari 2021"]


def test_revision_before_creation_under_an_alias() -> None:
    text = identity(Tanggal_Revisi=None, Tanggal_Efektif=None) + "- Tgl Revisi: 2020-12-31\n- Tanggal Pengesahan: 2021-01-04\n"
    assert m_codes(text) == [("M104", 10, 15)]
    assert messages(text) == ["`Tgl Revisi` 2020-12-31 is before Tanggal Pembuatan 4 Januari 2021"]


def test_same_day_is_in_order() -> None:
    assert m_codes(identity(Tanggal_Revisi="Senin, 4 Jan 2021", Tanggal_Efektif="2021-01-04")) == []


# M105 ---------------------------------------------------------------------------


def test_invalid_nip() -> None:
    text = identity(NIP_Pengesah="19791208 200003 3 002")
    assert m_codes(text) == [("M105", 11, 17)]
    assert messages(text) == ["NIP `19791208 200003 3 002` is not valid: its gender digit is 3; it must be 1 or 2"]
    assert messages(text, "id") == ["NIP `19791208 200003 3 002` tidak sah: digit jenis kelaminnya 3; seharusnya 1 atau 2"]


def test_short_nip_names_the_group() -> None:
    assert messages(identity(NIP_Pengesah="19791208 200003 2 02")) == [
        "NIP `19791208 200003 2 02` is not valid: it has 17 digits; a NIP has 18 "
        "(the fourth group `02`, the serial number, nnn, has 2 digits, not 3)"
    ]


def test_invalid_nip_is_not_m108() -> None:
    assert m_codes(identity(NIP_Pengesah="197912082000033002")) == [("M105", 11, 17)]


# M106 ---------------------------------------------------------------------------


def test_future_creation_and_effective_dates() -> None:
    text = identity(Tanggal_Pembuatan="23 November 2026", Tanggal_Revisi="-", Tanggal_Efektif="23/11/2026")
    assert m_codes(text) == [("M106", 6, 22), ("M106", 8, 20)]
    assert messages(text)[1] == "`Tanggal Efektif` 23/11/2026 is after today (22 November 2026)"
    assert messages(text, "id")[1] == "`Tanggal Efektif` 23/11/2026 sesudah hari ini (22 November 2026)"


def test_today_and_future_revision_are_fine() -> None:
    assert m_codes(identity(Tanggal_Revisi="1 Januari 2030", Tanggal_Efektif="22 November 2026")) == []


def test_incomplete_future_date() -> None:
    # `2027` cannot mean a day before today; `2026` can.
    assert m_codes(identity(Tanggal_Efektif="2027")) == [("M103", 8, 20), ("M106", 8, 20)]
    assert m_codes(identity(Tanggal_Efektif="2026")) == [("M103", 8, 20)]


# M107 ---------------------------------------------------------------------------


def test_empty_segment() -> None:
    text = identity(Nomor="530/ /01-IND/2019")
    assert m_codes(text) == [("M107", 5, 13)]
    assert messages(text) == ["Nomor `530/ /01-IND/2019` has an empty segment between `530` and `01-IND`"]
    span = m(lint(text))[0].span
    assert (span.column, span.end_column) == (13, 16)  # `/ /`


def test_leading_trailing_and_blank_segments() -> None:
    text = identity(Nomor="/530/.../2019/")
    assert m_codes(text) == [("M107", 5, 10), ("M107", 5, 15), ("M107", 5, 23)]
    assert messages(text) == [
        "Nomor `/530/.../2019/` starts with `/`",
        "Nomor `/530/.../2019/` has a segment that is only `...`: fill in the number",
        "Nomor `/530/.../2019/` ends with `/`",
    ]


def test_a_run_of_empty_segments_is_one_finding() -> None:
    text = identity(Nomor="530/ / /2019")
    assert m_codes(text) == [("M107", 5, 13)]
    assert messages(text) == ["Nomor `530/ / /2019` has an empty segment between `530` and `2019`"]
    span = m(lint(text))[0].span
    assert (span.column, span.end_column) == (13, 18)  # `/ / /`


def test_long_values_are_cut_in_messages() -> None:
    text = identity(Nomor="065/" + "x" * 5000 + "/")
    [finding] = m(lint(text))
    assert finding.code == "M107" and len(finding.text) < 120 and finding.text.endswith("…` ends with `/`")


def test_spaced_and_dotted_numbers_are_fine() -> None:
    assert m_codes(identity(Nomor="900 / UR. F / V.03. WA / 2022")) == []
    assert m_codes(identity(Nomor="ORG.2.2.2")) == []


# M108 ---------------------------------------------------------------------------


def test_seed_004_nip_is_regrouped() -> None:
    text = identity(NIP_Pengesah="19680904 1993081 001")
    [finding] = m(lint(text))
    assert (finding.code, finding.span.line, finding.span.column, finding.severity) == ("M108", 11, 17, "info")
    assert finding.text == "NIP `19680904 1993081 001` is not grouped as `yyyymmdd yyyymm g nnn`: write `19680904 199308 1 001`"
    assert finding.fix is not None
    [edit] = finding.fix.edits
    assert edit.text == "19680904 199308 1 001"
    assert (edit.span.line, edit.span.column, edit.span.end_line, edit.span.end_column) == (11, 17, 11, 37)


def test_label_before_the_nip() -> None:
    text = identity(NIP_Pengesah="NIP.-19680904 199308 1 001")
    [finding] = m(lint(text))
    assert finding.code == "M108"
    assert (
        finding.text
        == "NIP `NIP.-19680904 199308 1 001` starts with the label `NIP.-`: write only the number, `19680904 199308 1 001`"
    )
    assert finding.fix is not None and finding.fix.edits[0].text == "19680904 199308 1 001"


def test_no_fix_over_a_comment() -> None:
    # A fix must not delete a comment: one inside the value leaves the finding without a fix.
    [finding] = m(lint(identity(NIP_Pengesah="19791208 <!-- lama --> 2000032002")))
    assert finding.code == "M108" and finding.fix is None
    [finding] = m(lint(identity(NIP_Pengesah="197912082000032002 <!-- lama -->")))
    assert finding.code == "M108" and finding.fix is not None
    assert (finding.fix.edits[0].span.column, finding.fix.edits[0].span.end_column) == (17, 35)


def test_grouped_nip_is_fine() -> None:
    assert m_codes(identity(NIP_Pengesah="19791208  200003 2 002")) == []


# M107 placeholder numbers --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        ("… Tahun 2024", 10, "…"),
        ("... Tahun 2024", 10, "..."),
        ("Nomor ... Tahun 2023", 16, "..."),
        ("xxx Tahun 2024", 10, "xxx"),
    ],
)
def test_a_number_that_is_only_a_placeholder_before_its_year(value: str, column: int, shown: str) -> None:
    (finding,) = m(lint(identity(Nomor=value)))
    assert (finding.code, finding.span.line, finding.span.column) == ("M107", 5, column)
    assert finding.text == f"Nomor `{value}` has only `{shown}` for its number: fill in the number"


@pytest.mark.parametrize(("value", "column"), [("xxx/SOP/2024", 10), (".../2023", 10), ("800/XXXX/BPBD/2023", 14)])
def test_a_segment_of_x_or_dots_is_a_placeholder(value: str, column: int) -> None:
    assert m_codes(identity(Nomor=value)) == [("M107", 5, column)]


@pytest.mark.parametrize("value", ["065/3/DP-B", "800/XX/2023", "SOP-01 Tahun 2024", "12 Tahun 2024"])
def test_real_numbers_are_no_placeholders(value: str) -> None:
    assert m_codes(identity(Nomor=value)) == []


# Identity labels as real tables write them ----------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("No.", "Nomor"),
        ("No. SOP", "Nomor"),
        ("Nomor SOP AP", "Nomor"),
        ("NO SOP", "Nomor"),
        ("Tgl. Pembuatan", "Tanggal Pembuatan"),
        ("Tgl.Pembuatan", "Tanggal Pembuatan"),
        ("Tgl. Revisi", "Tanggal Revisi"),
        ("Tgl. Pengesahan", "Tanggal Efektif"),
        ("Tanggal  Pengesahan", "Tanggal Efektif"),
        ("NIP.", "NIP Pengesah"),
    ],
)
def test_abbreviated_labels_are_the_keys_they_abbreviate(label: str, field: str) -> None:
    text = identity(**{field.replace(" ", "_"): None}).replace(
        "## Identitas\n\n", f"## Identitas\n\n- {label}: {FIELDS[field]}\n"
    )
    findings = lint(text)
    assert [f.code for f in findings if f.code in ("P003", "M101")] == []


@pytest.mark.parametrize(
    ("label", "field"),
    [("Tanggal Pengesahan SOP", "Tanggal Efektif"), ("NIP Pejabat Penandatangan", "NIP Pengesah"), ("Nomer SOP", "Nomor")],
)
def test_an_unknown_label_that_is_one_required_key_gives_one_finding(label: str, field: str) -> None:
    text = identity(**{field.replace(" ", "_"): None}).replace(
        "## Identitas\n\n", f"## Identitas\n\n- {label}: {FIELDS[field]}\n"
    )
    findings = [f for f in lint(text) if f.code in ("P003", "M101")]
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [("P003", 5, 3)]
    assert findings[0].text == f"unknown key `{label}`; did you mean `{field}`?"
