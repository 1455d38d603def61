"""C — completeness of the information sections: exact codes, places and messages."""

from __future__ import annotations

import pytest

from sop_lint.rule import Finding

from ..conftest import codes, lint

PERINGATAN = "- Jika SOP tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.\n"
KETERKAITAN = "1. SOP Perbaikan Data Kinerja\n2. SOP Monitoring dan Evaluasi Kinerja Secara Periodik\n"


def only(findings: list[Finding], prefix: str = "C") -> list[Finding]:
    return [f for f in findings if f.code.startswith(prefix)]


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def section_removed(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end + 1 :] if end != -1 else "")


# C201 ---------------------------------------------------------------------------


def test_missing_section_is_one_finding_on_the_title(good_sop: str) -> None:
    findings = lint(section_removed(good_sop, "Peringatan"))
    assert codes(findings) == [("C201", 1, 3)]
    assert findings[0].text == "required section `Peringatan` is missing"


def test_missing_identitas_is_one_c201_and_no_m101(good_sop: str) -> None:
    findings = lint(section_removed(good_sop, "Identitas"))
    assert codes(findings) == [("C201", 1, 3)]
    assert "`Identitas`" in findings[0].text


def test_each_missing_section_in_pack_order(good_sop: str) -> None:
    text = section_removed(section_removed(good_sop, "Keterkaitan"), "Dasar Hukum")
    assert [f.text for f in only(lint(text))] == [
        "required section `Dasar Hukum` is missing",
        "required section `Keterkaitan` is missing",
    ]


def test_without_a_title_c201_points_at_the_start(good_sop: str) -> None:
    text = section_removed(good_sop, "Peringatan").replace("# Pengumpulan Data Kinerja\n", "", 1)
    assert codes(only(lint(text))) == [("C201", 1, 1)]


def test_misspelt_heading_read_by_p002_counts_as_present(good_sop: str) -> None:
    text = replace(good_sop, "## Pencatatan dan Pendataan\n", "## Pencatataa dan Pendataan\n")
    assert [f.code for f in lint(text)] == ["P002"]


def test_heading_nothing_like_a_section_leaves_it_missing(good_sop: str) -> None:
    text = replace(good_sop, "## Peringatan\n", "## Lain-lain\n")
    line = line_of(text, "## Lain-lain")
    assert codes(only(lint(text), "")) == [("C201", 1, 3), ("P002", line, 1)]


def test_alias_headings_count_as_present(good_sop: str) -> None:
    text = replace(good_sop, "## Prosedur\n", "## Uraian Prosedur\n")
    text = replace(text, "## Pelaksana\n", "## Peran\n")
    assert codes(lint(text)) == []


# C202 ---------------------------------------------------------------------------


def test_empty_peringatan_is_reported_on_its_heading(good_sop: str) -> None:
    text = replace(good_sop, "## Peringatan\n\n" + PERINGATAN, "## Peringatan\n")
    findings = lint(text)
    assert codes(findings) == [("C202", line_of(text, "## Peringatan"), 1)]
    assert findings[0].text == "section `Peringatan` is empty"
    assert (findings[0].span.end_line, findings[0].span.end_column) == (findings[0].span.line, 14)


@pytest.mark.parametrize("body", ["<!-- belum diisi -->\n", "-\n", "- <!-- nanti -->\n"])
def test_a_section_of_only_comments_or_bare_markers_is_empty(good_sop: str, body: str) -> None:
    text = replace(good_sop, PERINGATAN, body)
    assert codes(only(lint(text))) == [("C202", line_of(text, "## Peringatan"), 1)]


def test_empty_prosedur_is_c202(good_sop: str) -> None:
    text = good_sop[: good_sop.index("## Prosedur\n")] + "## Prosedur\n"
    line = line_of(text, "## Prosedur")
    assert ("C202", line, 1) in codes(lint(text))


def test_a_paragraph_is_an_item(good_sop: str) -> None:
    text = replace(good_sop, PERINGATAN, PERINGATAN[2:])
    assert codes(lint(text)) == []


def test_an_empty_second_copy_is_p004s_not_c202(good_sop: str) -> None:
    text = replace(good_sop, "## Pencatatan dan Pendataan\n", "## Peringatan\n\n## Pencatatan dan Pendataan\n")
    assert [f.code for f in only(lint(text))] == []


# C203 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder", ["-", "—", "...", "…", "TBD", "tbd", "isi", "(isi)", "[Isi]", "belum ada", "Belum  Ada", "-----", "TBD."]
)
def test_placeholder_as_the_only_item_is_c203_not_c202(good_sop: str, placeholder: str) -> None:
    text = replace(good_sop, PERINGATAN, f"- {placeholder}\n")
    findings = lint(text)
    assert codes(findings) == [("C203", line_of(text, f"- {placeholder}\n"), 3)]
    assert findings[0].text == f"`{placeholder}` in Peringatan is a placeholder, not content: fill it in or remove it"


def test_placeholder_beside_real_items_and_in_pelaksana(good_sop: str) -> None:
    text = replace(good_sop, "2. Komputer dan printer\n", "2. Komputer dan printer\n3. ...\n")
    text = replace(text, "- Arsiparis\n", "- Arsiparis\n- TBD\n")
    findings = only(lint(text))
    assert codes(findings) == [("C203", line_of(text, "3. ...\n"), 4), ("C203", line_of(text, "- TBD\n"), 3)]
    assert findings[1].text == "`TBD` in Pelaksana is a placeholder, not content: fill it in or remove it"


@pytest.mark.parametrize(
    "item", ["Isian formulir permintaan data", "Alat Tulis Kantor - ATK", "Belum ada aplikasi: dicatat manual"]
)
def test_an_item_that_only_contains_a_placeholder_word_is_content(good_sop: str, item: str) -> None:
    text = replace(good_sop, "2. Komputer dan printer\n", f"2. Komputer dan printer\n3. {item}\n")
    assert codes(lint(text)) == []


def test_dash_in_identitas_is_not_an_item_placeholder(good_sop: str) -> None:
    text = replace(good_sop, "- Tanggal Revisi: 2021-02-01\n", "- Tanggal Revisi: -\n")
    assert codes(lint(text)) == []


# C204 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "warning",
    [
        "Jika SOP tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.",
        "Jika Kebijakan tidak dibuat, maka akan mengakibatkan tidak terlaksananya aturan yang seharusnya dilaksanakan.",
        "Apabila pengumpulan data kinerja tidak terselesaikan dengan baik dan benar maka kegiatan pelaporan akan terhambat",
        "Apabila data, dokumen pendukung tidak lengkap maka laporan dikembalikan.",
        "Bila data terlambat disampaikan, laporan kinerja tertunda.",
        "Keterlambatan penyampaian data mengakibatkan laporan kinerja tertunda.",
        "Kesalahan input data akan menyebabkan laporan tidak valid.",
    ],
)
def test_real_warnings_pass(good_sop: str, warning: str) -> None:
    assert codes(lint(replace(good_sop, PERINGATAN, f"- {warning}\n"))) == []


@pytest.mark.parametrize(
    ("warning", "key"),
    [
        ("Jika SOP ini dilaksanakan, data kinerja terkumpul tepat waktu.", "positive"),
        ("Jika SOP ini dilaksanakan, maka data tidak akan terlambat.", "positive"),  # the `tidak` is in the outcome
        ("Apabila SOP dilaksanakan dengan baik akan tercapai tertib administrasi", "positive"),
        ("Data kinerja harus akurat.", "default"),
        ("Ketelitian dalam pengumpulan data", "default"),
        ("Data tidak boleh diubah", "default"),  # a prohibition, no consequence
    ],
)
def test_non_warnings_are_c204(good_sop: str, warning: str, key: str) -> None:
    text = replace(good_sop, PERINGATAN, f"- {warning}\n")
    findings = lint(text)
    assert codes(findings) == [("C204", line_of(text, warning), 3)]
    assert findings[0].message == key
    assert findings[0].span.end_column == 3 + len(warning)


def test_c204_is_preview_only(good_sop: str) -> None:
    text = replace(good_sop, PERINGATAN, "- Data kinerja harus akurat.\n")
    assert codes(lint(text, preview=False)) == []


# C205 ---------------------------------------------------------------------------


def test_lintas_bidang_names_no_procedure(good_sop: str) -> None:
    text = replace(good_sop, KETERKAITAN, KETERKAITAN + "3. Lintas bidang\n")
    findings = lint(text)
    assert codes(findings) == [("C205", line_of(text, "3. Lintas bidang"), 4)]
    assert findings[0].text == "`Lintas bidang` in Keterkaitan names no procedure (e.g. `SOP Penyusunan Renstra`)"
    assert findings[0].severity == "info"


@pytest.mark.parametrize(
    "item",
    [
        "SOP Penyusunan Renstra",
        "SOP Penyusunan Laporan Capaian Kinerja dan SOP Penyusunan Lakiip",
        "Penyusunan Laporan Kinerja Individu.",
        "Penyusunan LkjIP",
        "SOP LAKIP dan Penyusunan Renja",
        "Monitoring capaian kinerja triwulan",
        "Prosedur Pengelolaan Arsip Dinamis",
        "Tidak ada",
    ],
)
def test_procedures_pass(good_sop: str, item: str) -> None:
    assert codes(lint(replace(good_sop, KETERKAITAN, f"1. {item}\n"))) == []


@pytest.mark.parametrize("item", ["Bagian Perencanaan", "Peraturan perundang-undangan", "Laporan Kinerja", "Semua bidang"])
def test_units_documents_and_rules_are_no_procedure(good_sop: str, item: str) -> None:
    assert [f.code for f in lint(replace(good_sop, KETERKAITAN, f"1. {item}\n"))] == ["C205"]


def test_a_placeholder_in_keterkaitan_is_only_c203(good_sop: str) -> None:
    assert [f.code for f in lint(replace(good_sop, KETERKAITAN, "1. -\n"))] == ["C203"]
