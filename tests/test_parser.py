"""The front end (`sop_lint.parser.parse_text`): every construct of the input
format (docs: /work/shared/design/sop-format.md) and the exact span of every
node. Spans are 1-based, `end_column` exclusive; `at(text, span)` returns the
source text a span covers, so each test says what a span must point at.
"""

from __future__ import annotations

from sop_lint.model import Item, Sop, Span
from sop_lint.parser import parse_text

from .conftest import FIXTURES


def parse(text: str) -> Sop:
    result = parse_text(text)
    assert result.problem is None, result.problem
    assert result.sop is not None
    return result.sop


def at(text: str, span: Span | None) -> str:
    """The source text `span` covers (lines joined by `\\n`)."""
    assert span is not None
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    middle = lines[span.line : span.end_line - 1]
    return "\n".join([lines[span.line - 1][span.column - 1 :], *middle, lines[span.end_line - 1][: span.end_column - 1]])


def spans(span: Span | None) -> tuple[int, int, int, int]:
    assert span is not None
    return (span.line, span.column, span.end_line, span.end_column)


def items(sop: Sop, kind: str) -> list[Item]:
    section = sop.section(kind)
    assert section is not None, f"no section {kind}"
    return section.items


# --- title ---------------------------------------------------------------------------------


def test_title_text_and_span() -> None:
    text = "#   Pengumpulan Data Kinerja   \n"
    sop = parse(text)
    assert sop.title == "Pengumpulan Data Kinerja"
    assert spans(sop.title_span) == (1, 5, 1, 29)
    assert at(text, sop.title_span) == "Pengumpulan Data Kinerja"


def test_title_after_blank_and_comment_lines() -> None:
    text = "\n<!-- draf -->\n\n<!--\n  catatan\n-->\n# Judul\n"
    sop = parse(text)
    assert sop.title == "Judul" and spans(sop.title_span) == (7, 3, 7, 8)


def test_title_with_a_tab_and_an_inline_comment() -> None:
    text = "#\tJudul <!-- sementara --> SOP\n"
    sop = parse(text)
    assert sop.title == "Judul SOP"
    assert at(text, sop.title_span) == "Judul <!-- sementara --> SOP"
    [comment] = sop.comments
    assert comment.text == " sementara " and not comment.own_line
    assert at(text, comment.span) == "<!-- sementara -->"


def test_empty_title_keeps_a_span() -> None:
    sop = parse("# \n## Identitas\n")
    assert sop.title is None and sop.title_span is not None and sop.title_span.line == 1
    sop = parse("#   <!-- judul menyusul -->\n")
    assert sop.title is None and sop.title_span is not None


def test_no_title() -> None:
    sop = parse("## Identitas\n\n- Nomor: 1\n")
    assert sop.title is None and sop.title_span is None
    assert parse("").title is None


def test_hash_without_a_space_is_no_heading() -> None:
    sop = parse("# Judul\n\n## Pencatatan dan Pendataan\n\n#hashtag bukan judul\n")
    assert [item.text for item in items(sop, "Pencatatan dan Pendataan")] == ["#hashtag bukan judul"]


# --- sections ------------------------------------------------------------------------------


def test_section_names_fold_case_and_spaces() -> None:
    text = "# T\n\n##   dasar    HUKUM  \n\n## PERALATAN/perlengkapan\n\n## Identitas:\n"
    sop = parse(text)
    assert [(s.title, s.kind, s.exact) for s in sop.sections] == [
        ("dasar    HUKUM", "Dasar Hukum", True),
        ("PERALATAN/perlengkapan", "Peralatan/Perlengkapan", True),
        ("Identitas:", "Identitas", True),
    ]


def test_section_aliases() -> None:
    aliases = {
        "Identitas SOP": "Identitas",
        "Kualifikasi": "Kualifikasi Pelaksana",
        "Peralatan dan Perlengkapan": "Peralatan/Perlengkapan",
        "Peralatan": "Peralatan/Perlengkapan",
        "Perlengkapan": "Peralatan/Perlengkapan",
        "Pencatatan/Pendataan": "Pencatatan dan Pendataan",
        "Pencatatan": "Pencatatan dan Pendataan",
        "Pelaksana/Peran": "Pelaksana",
        "Peran": "Pelaksana",
        "Uraian Prosedur": "Prosedur",
        "Langkah": "Prosedur",
        "Aktivitas": "Prosedur",
        "Kegiatan": "Prosedur",
    }
    for alias, kind in aliases.items():
        [section] = parse(f"# T\n\n## {alias}\n").sections
        assert (section.kind, section.exact, section.suggestion) == (kind, True, None), alias


def test_unknown_section_keeps_its_items_and_suggests() -> None:
    text = "# T\n\n## Pencatataa dan Pendataan\n\n- Buku Agenda\n\n## Lampiran\n\n- Formulir\n"
    first, second = parse(text).sections
    assert (first.kind, first.exact, first.suggestion) == ("Pencatatan dan Pendataan", False, "Pencatatan dan Pendataan")
    assert [item.text for item in first.items] == ["Buku Agenda"]
    assert (second.kind, second.exact, second.suggestion) == (None, False, None)
    assert [item.text for item in second.items] == ["Formulir"]


def test_ambiguous_suggestion_is_not_taken() -> None:
    [section] = parse("# T\n\n## Pencatatan dan Perlengkapan\n").sections
    assert section.kind is None and section.suggestion == "Peralatan/Perlengkapan"


def test_section_spans() -> None:
    text = "# T\n\n## Peringatan  \n\n- Jika SOP tidak dilaksanakan,\n  data terlambat.\n\n## Keterkaitan\n"
    first, second = parse(text).sections
    assert spans(first.heading_span) == (3, 1, 3, 14)
    assert at(text, first.heading_span) == "## Peringatan"
    assert spans(first.span) == (3, 1, 6, 18)  # heading through the end of its last item
    assert spans(second.span) == spans(second.heading_span) == (8, 1, 8, 15)


def test_heading_comment_is_left_out_and_recorded() -> None:
    text = "# T\n\n## Prosedur <!-- sop-lint: disable=P008 -->\n"
    sop = parse(text)
    [section] = sop.sections
    assert section.title == "Prosedur" and section.kind == "Prosedur"
    assert at(text, section.heading_span) == "## Prosedur"
    [suppression] = sop.suppressions
    assert suppression.codes == ["P008"] and at(text, suppression.span) == "<!-- sop-lint: disable=P008 -->"


def test_text_between_title_and_first_section_is_the_intro() -> None:
    text = "# T\nSOP ini berlaku\nuntuk semua bidang.\n\n- catatan\n\n## Identitas\n"
    sop = parse(text)
    assert [(item.marker, item.text) for item in sop.intro] == [("", "SOP ini berlaku untuk semua bidang."), ("-", "catatan")]


# --- items ---------------------------------------------------------------------------------


def test_list_markers_and_their_spans() -> None:
    text = "# T\n\n## Keterkaitan\n\n- satu\n* dua\n3. tiga\n10. sepuluh\n+ plus\n4) kurung\n"
    found = items(parse(text), "Keterkaitan")
    assert [(i.marker, i.number, i.text) for i in found] == [
        ("-", None, "satu"),
        ("*", None, "dua"),
        ("3.", 3, "tiga"),
        ("10.", 10, "sepuluh"),
        ("+", None, "plus"),
        ("4)", 4, "kurung"),
    ]
    ten = found[3]
    assert spans(ten.marker_span) == (8, 1, 8, 4) and at(text, ten.marker_span) == "10."
    assert spans(ten.text_span) == (8, 5, 8, 12) and at(text, ten.text_span) == "sepuluh"
    assert spans(ten.span) == (8, 1, 8, 12)
    assert all(i.indent == "" and i.subs == [] and i.line_count == 1 for i in found)


def test_wide_gap_after_the_marker() -> None:
    text = "# T\n\n## Keterkaitan\n\n1.    SOP Arsip  \n"
    [item] = items(parse(text), "Keterkaitan")
    assert item.text == "SOP Arsip" and spans(item.text_span) == (5, 7, 5, 16)


def test_indented_continuation_lines() -> None:
    text = (
        "# T\n\n## Dasar Hukum\n\n"
        "1. Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman\n"
        "      Penyusunan SOP\n"
        "\tAdministrasi Pemerintahan\n"
        "2. UU 23/2014\n"
    )
    first, second = items(parse(text), "Dasar Hukum")
    assert first.text == "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan"
    assert first.line_count == 3
    assert at(text, first.text_span) == "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman"
    assert spans(first.span) == (5, 1, 7, 27)
    assert second.text == "UU 23/2014"


def test_lazy_continuation_needs_no_blank_line() -> None:
    text = "# T\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan,\ndata terlambat.\n\nParagraf baru.\n"
    first, second = items(parse(text), "Peringatan")
    assert (first.marker, first.text, first.line_count) == ("-", "Jika SOP tidak dilaksanakan, data terlambat.", 2)
    assert (second.marker, second.text) == ("", "Paragraf baru.")
    assert spans(second.span) == spans(second.text_span) == (8, 1, 8, 15)
    assert spans(second.marker_span) == (8, 1, 8, 1)  # a paragraph has an empty marker


def test_paragraphs_are_items_in_information_sections() -> None:
    text = "# T\n\n## Peringatan\nJika SOP tidak dilaksanakan,\ndata terlambat.\n\nJika data salah,\n   laporan ditolak.\n"
    found = items(parse(text), "Peringatan")
    assert [(i.marker, i.text, i.span.line) for i in found] == [
        ("", "Jika SOP tidak dilaksanakan, data terlambat.", 4),
        ("", "Jika data salah, laporan ditolak.", 7),
    ]


def test_indented_text_under_a_heading_is_a_paragraph() -> None:
    text = "# T\n\n## Peringatan\n\n   Jika SOP tidak dilaksanakan.\n"
    [item] = items(parse(text), "Peringatan")
    assert item.text == "Jika SOP tidak dilaksanakan." and spans(item.text_span) == (5, 4, 5, 32)


def test_sub_items_at_any_indentation() -> None:
    text = "# T\n\n## Prosedur\n\n1. Langkah\n - satu spasi\n\t- tab\n        * delapan\n   2. bernomor\n     - lebih dalam\n"
    [step] = items(parse(text), "Prosedur")
    assert [(s.indent, s.marker, s.text) for s in step.subs] == [
        (" ", "-", "satu spasi"),
        ("\t", "-", "tab"),
        ("        ", "*", "delapan"),
        ("   ", "2.", "bernomor"),
        ("     ", "-", "lebih dalam"),  # nested deeper: still a sub-item of the step
    ]
    deep = step.subs[2]
    assert spans(deep.marker_span) == (8, 9, 8, 10) and spans(deep.text_span) == (8, 11, 8, 18)
    assert spans(step.span) == (5, 1, 10, 19)  # the step with all its sub-items


def test_sub_item_continuation_lines() -> None:
    text = "# T\n\n## Prosedur\n\n1. Langkah\n   - Kelengkapan: Surat,\n     nota dinas\n   lazy tidak ada\n"
    [step] = items(parse(text), "Prosedur")
    [sub] = step.subs
    assert sub.text == "Kelengkapan: Surat, nota dinas lazy tidak ada" and sub.line_count == 3


def test_sub_items_under_a_paragraph() -> None:
    text = "# T\n\n## Peringatan\n\nJika SOP tidak dilaksanakan:\n  - data terlambat\n"
    [item] = items(parse(text), "Peringatan")
    assert item.marker == "" and [s.text for s in item.subs] == ["data terlambat"]


def test_empty_item() -> None:
    text = "# T\n\n## Peringatan\n\n-\n- \n"
    found = items(parse(text), "Peringatan")
    assert [(i.marker, i.text) for i in found] == [("-", ""), ("-", "")]
    assert spans(found[0].text_span) == (5, 2, 5, 2)


# --- Key: Value -----------------------------------------------------------------------------


IDENTITY = """\
# Judul

## Identitas

- Nomor: 065/3/DP-B
- nomor   sop :  065/4
- Tgl Pembuatan: 4 Januari 2021
- TANGGAL REVISI: -
- Tanggal Pengesahan:2021-01-04
- Pengesah: Kepala Biro Organisasi
- Nama Pengesah: Rita Hastarita, S.Sos, M.Si
- NIP: 19791208 200003 2 002
- Waktu Penyelesaian: 10 hari kerja
- Instansi: Pemerintah Provinsi
  Kalimantan Barat
- Nomr: 1
- Kata Pengantar: bebas
- bukan pasangan kunci
"""


def test_identity_keys_aliases_and_case() -> None:
    sop = parse(IDENTITY)
    assert sop.identity is not None
    fields = sop.identity.fields
    assert [(f.key_text, f.key, f.exact, f.suggestion) for f in fields] == [
        ("Nomor", "Nomor", True, None),
        ("nomor   sop", "Nomor", True, None),
        ("Tgl Pembuatan", "Tanggal Pembuatan", True, None),
        ("TANGGAL REVISI", "Tanggal Revisi", True, None),
        ("Tanggal Pengesahan", "Tanggal Efektif", True, None),
        ("Pengesah", "Disahkan Oleh", True, None),
        ("Nama Pengesah", "Nama Pengesah", True, None),
        ("NIP", "NIP Pengesah", True, None),
        ("Waktu Penyelesaian", "Batas Waktu", True, None),
        ("Instansi", "Instansi", True, None),
        ("Nomr", "Nomor", False, "Nomor"),  # misspelt, unambiguous: read as Nomor
        ("Kata Pengantar", None, False, None),
    ]
    assert sop.identity.field("Nama Pengesah") is fields[6]
    # The item that is no `Key: Value` pair stays in the section (P003 reports it).
    assert items(sop, "Identitas")[-1].text == "bukan pasangan kunci"


def test_identity_key_and_value_spans() -> None:
    sop = parse(IDENTITY)
    assert sop.identity is not None
    got = [(at(IDENTITY, f.key_span), at(IDENTITY, f.value_span), f.value) for f in sop.identity.fields]
    assert got[:9] == [
        ("Nomor", "065/3/DP-B", "065/3/DP-B"),
        ("nomor   sop", "065/4", "065/4"),
        ("Tgl Pembuatan", "4 Januari 2021", "4 Januari 2021"),
        ("TANGGAL REVISI", "-", "-"),
        ("Tanggal Pengesahan", "2021-01-04", "2021-01-04"),
        ("Pengesah", "Kepala Biro Organisasi", "Kepala Biro Organisasi"),
        ("Nama Pengesah", "Rita Hastarita, S.Sos, M.Si", "Rita Hastarita, S.Sos, M.Si"),
        ("NIP", "19791208 200003 2 002", "19791208 200003 2 002"),
        ("Waktu Penyelesaian", "10 hari kerja", "10 hari kerja"),
    ]
    instansi = sop.identity.fields[9]
    # A value that runs on over a continuation line spans both lines.
    assert instansi.value == "Pemerintah Provinsi Kalimantan Barat"
    assert spans(instansi.value_span) == (14, 13, 15, 19)
    assert at(IDENTITY, instansi.value_span) == "Pemerintah Provinsi\n  Kalimantan Barat"


def test_identity_values_are_read() -> None:
    sop = parse(IDENTITY)
    identity = sop.identity
    assert identity is not None
    assert sorted(identity.dates) == ["Tanggal Efektif", "Tanggal Pembuatan"]  # `-` is "not revised": no date
    made = identity.dates["Tanggal Pembuatan"]
    assert (made.year, made.month, made.day, made.complete, made.valid) == (2021, 1, 4, True, True)
    assert at(IDENTITY, made.span) == "4 Januari 2021"
    assert at(IDENTITY, identity.dates["Tanggal Efektif"].span) == "2021-01-04"
    assert identity.nip is not None and identity.nip.digits == "197912082000032002"
    assert at(IDENTITY, identity.nip.span) == "19791208 200003 2 002"
    limit = identity.time_limit
    assert limit is not None and (limit.low, limit.unit, limit.minutes_low) == (10, "hari", 10 * 8 * 60)
    assert at(IDENTITY, limit.span) == "10 hari kerja"
    assert at(IDENTITY, limit.number_span) == "10" and at(IDENTITY, limit.unit_span) == "hari kerja"


def test_first_of_a_repeated_identity_key_is_read() -> None:
    sop = parse("# T\n\n## Identitas\n\n- Tanggal Efektif: 2021-01-04\n- Tgl Pengesahan: 2022-02-02\n")
    assert sop.identity is not None and sop.identity.dates["Tanggal Efektif"].year == 2021
    assert [f.key for f in sop.identity.fields] == ["Tanggal Efektif", "Tanggal Efektif"]


def test_incomplete_and_invalid_dates() -> None:
    text = (
        "# T\n\n## Identitas\n\n- Tanggal Pembuatan: 2022\n- Tanggal Revisi: Januari 2022\n- Tanggal Efektif: 31 Februari 2021\n"
    )
    identity = parse(text).identity
    assert identity is not None
    made, revised, effective = (identity.dates[k] for k in ("Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif"))
    assert (made.year, made.month, made.complete, made.valid) == (2022, None, False, True)
    assert (revised.year, revised.month, revised.complete, revised.valid) == (2022, 1, False, True)
    assert (effective.valid, effective.error) == (False, "Februari 2021 has no day 31")
    assert at(text, effective.span) == "31 Februari 2021"


def test_date_forms() -> None:
    for written in ("2021-01-04", "04-01-2021", "04/01/2021", "4 Januari 2021", "4 JAN 2021", "4 january 2021"):
        identity = parse(f"# T\n\n## Identitas\n\n- Tanggal Pembuatan: {written}\n").identity
        assert identity is not None
        date = identity.dates["Tanggal Pembuatan"]
        assert (date.year, date.month, date.day) == (2021, 1, 4), written
    for written, month in (("17 Agt 2020", 8), ("17 Agu 2020", 8), ("1 Okt 2020", 10), ("24 Des 2020", 12)):
        identity = parse(f"# T\n\n## Identitas\n\n- Tanggal Pembuatan: {written}\n").identity
        assert identity is not None and identity.dates["Tanggal Pembuatan"].month == month, written


# --- Pelaksana ---------------------------------------------------------------------------------


ROLES_AND_STEPS = """\
# Judul

## Pelaksana

- KARO: Kepala Biro Organisasi
- Kasubbag TU
- Tim Kerja: Perencanaan, Evaluasi

## Prosedur

1. Menyurati Bagian
   - Pelaksana: karo,  kasubbag   tu
   - Waktu: 20 Menit
   - Lanjut: ke langkah 3
2. Menelaah data
   - Oleh: Kepala Biro Organisasi; Staf Umum
   - Keputusan: Data sudah sesuai?
   - Jika Ya: langkah 3
   - Tidak: 1
   - Durasi: 1 s.d. 2 hari kerja
   - Dikerjakan dengan teliti
3. Selesai
   - Pelaksana: Perencanaan, Evaluasi
   - Ya: nanti
"""


def test_roles_alias_and_name() -> None:
    sop = parse(ROLES_AND_STEPS)
    got = [(r.alias, r.name, at(ROLES_AND_STEPS, r.alias_span), at(ROLES_AND_STEPS, r.name_span)) for r in sop.roles]
    assert got == [
        ("KARO", "Kepala Biro Organisasi", "KARO", "Kepala Biro Organisasi"),
        ("Kasubbag TU", "Kasubbag TU", "Kasubbag TU", "Kasubbag TU"),
        ("Tim Kerja", "Perencanaan, Evaluasi", "Tim Kerja", "Perencanaan, Evaluasi"),
    ]
    assert at(ROLES_AND_STEPS, sop.roles[0].span) == "KARO: Kepala Biro Organisasi"


def test_role_whose_text_starts_on_the_next_line() -> None:
    text = "# T\n\n## Pelaksana\n\n-\n  KABAG: Kabag Tatalaksana\n- KARO: Kepala Biro\n  Organisasi\n"
    first, second = parse(text).roles
    assert (first.alias, first.name) == ("KABAG", "Kabag Tatalaksana")
    assert [spans(s) for s in (first.span, first.alias_span, first.name_span)] == [(6, 3, 6, 27), (6, 3, 6, 8), (6, 10, 6, 27)]
    assert second.name == "Kepala Biro Organisasi" and at(text, second.name_span) == "Kepala Biro"  # its first line


def test_role_refs_resolve_by_alias_or_name_ignoring_case_and_spaces() -> None:
    sop = parse(ROLES_AND_STEPS)
    first, second, third = sop.steps
    assert [(at(ROLES_AND_STEPS, r.span), r.text, r.role and r.role.alias) for r in first.performers] == [
        ("karo", "karo", "KARO"),
        ("kasubbag   tu", "kasubbag   tu", "Kasubbag TU"),
    ]
    # `;` separates too; an undeclared role is kept with no role.
    assert [(at(ROLES_AND_STEPS, r.span), r.role and r.role.alias) for r in second.performers] == [
        ("Kepala Biro Organisasi", "KARO"),
        ("Staf Umum", None),
    ]
    # A declared name that holds a comma stays whole.
    [whole] = third.performers
    assert (at(ROLES_AND_STEPS, whole.span), whole.role and whole.role.alias) == ("Perencanaan, Evaluasi", "Tim Kerja")


# --- Prosedur -------------------------------------------------------------------------------


def test_steps_numbers_activities_and_fields() -> None:
    sop = parse(ROLES_AND_STEPS)
    first, second, _ = sop.steps
    assert [(s.index, s.number, s.activity, s.terminator) for s in sop.steps] == [
        (0, 1, "Menyurati Bagian", False),
        (1, 2, "Menelaah data", False),
        (2, 3, "Selesai", True),
    ]
    assert at(ROLES_AND_STEPS, second.number_span) == "2."
    assert at(ROLES_AND_STEPS, second.activity_span) == "Menelaah data"
    assert [f.key for f in second.fields] == ["Pelaksana", "Keputusan", "Ya", "Tidak", "Waktu"]
    assert [s.text for s in second.other_subs] == ["Dikerjakan dengan teliti"]
    assert second.field("Keputusan") is second.fields[1] and second.decision == "Data sudah sesuai?"
    assert first.decision is None and first.field("Keputusan") is None


def test_step_refs() -> None:
    sop = parse(ROLES_AND_STEPS)
    first, second, third = sop.steps
    assert first.next is not None and (first.next.target, at(ROLES_AND_STEPS, first.next.span)) == (3, "ke langkah 3")
    assert second.yes is not None and (second.yes.target, at(ROLES_AND_STEPS, second.yes.span)) == (3, "langkah 3")
    assert second.no is not None and (second.no.target, at(ROLES_AND_STEPS, second.no.span)) == (1, "1")
    assert third.yes is not None and third.yes.target is None and third.yes.text == "nanti"  # unreadable
    assert first.yes is None and second.next is None


def test_step_durations() -> None:
    sop = parse(ROLES_AND_STEPS)
    first, second, _ = sop.steps
    assert first.duration is not None
    assert (first.duration.low, first.duration.high, first.duration.unit, first.duration.unit_text) == (20, 20, "menit", "Menit")
    assert at(ROLES_AND_STEPS, first.duration.span) == "20 Menit"
    assert at(ROLES_AND_STEPS, first.duration.number_span) == "20"
    assert at(ROLES_AND_STEPS, first.duration.unit_span) == "Menit"
    duration = second.duration
    assert duration is not None and (duration.low, duration.high, duration.unit) == (1, 2, "hari")
    assert (duration.minutes_low, duration.minutes_high) == (480, 960)
    assert at(ROLES_AND_STEPS, duration.number_span) == "1 s.d. 2"
    assert at(ROLES_AND_STEPS, duration.unit_span) == "hari kerja"


def test_duration_inside_a_phrase_and_without_a_unit() -> None:
    text = "# T\n\n## Prosedur\n\n1. A\n   - Waktu: Paling lambat 17 hari kerja\n2. B\n   - Waktu: 15\n3. C\n   - Waktu: segera\n"
    first, second, third = parse(text).steps
    assert first.duration is not None and first.duration.minutes_low == 17 * 8 * 60
    assert at(text, first.duration.number_span) == "17" and at(text, first.duration.unit_span) == "hari kerja"
    assert second.duration is not None and (second.duration.has_number, second.duration.unit) == (True, None)
    assert third.duration is not None and not third.duration.has_number


def test_paragraph_in_prosedur_is_no_step() -> None:
    text = "# T\n\n## Prosedur\n\nCatatan: langkah berikut.\n\n1. A\n2. B\n"
    sop = parse(text)
    assert [s.number for s in sop.steps] == [1, 2] and [s.index for s in sop.steps] == [0, 1]


def test_step_text_on_several_lines_and_unnumbered_steps() -> None:
    text = "# T\n\n## Prosedur\n\n1. Menyurati Bagian-Bagian\n   untuk pengumpulan data\n- tanpa nomor\n"
    first, second = parse(text).steps
    assert first.activity == "Menyurati Bagian-Bagian untuk pengumpulan data"
    assert at(text, first.activity_span) == "Menyurati Bagian-Bagian"
    assert (second.number, second.activity) == (None, "tanpa nomor")


def test_only_the_first_prosedur_and_first_sections_are_read() -> None:
    text = "# T\n\n## Pelaksana\n\n- A\n\n## Pelaksana\n\n- B\n\n## Prosedur\n\n1. x\n\n## Langkah\n\n1. y\n2. z\n"
    sop = parse(text)
    assert [r.alias for r in sop.roles] == ["A"]
    assert [s.activity for s in sop.steps] == ["x"]


def test_citations_are_read_from_dasar_hukum() -> None:
    text = "# T\n\n## Dasar Hukum\n\n1. Peraturan Menteri PAN-RB Nomor 35\n   Tahun 2012 tentang Pedoman SOP\n2. UU 23/2014\n"
    first, second = parse(text).citations
    assert (first.kind, first.number, first.year) == ("permen.kemenpanrb", "35", 2012)
    assert at(text, first.year_span) == "2012"  # on the continuation line
    assert (second.kind, second.number, second.year) == ("uu", "23", 2014)


# --- comments -----------------------------------------------------------------------------------


def test_own_line_inline_and_multi_line_comments() -> None:
    text = (
        "# T\n"
        "<!-- satu -->\n"
        "\n"
        "## Peringatan\n"
        "\n"
        "- Jika SOP <!-- dua --> tidak dilaksanakan <!-- tiga -->\n"
        "   <!-- empat\n"
        "   lima -->\n"
        "<!-- a --> <!-- b -->\n"
    )
    sop = parse(text)
    got = [(c.text, c.own_line, at(text, c.span)) for c in sop.comments]
    assert got == [
        (" satu ", True, "<!-- satu -->"),
        (" dua ", False, "<!-- dua -->"),
        (" tiga ", False, "<!-- tiga -->"),
        (" empat\n   lima ", True, "<!-- empat\n   lima -->"),
        (" a ", True, "<!-- a -->"),
        (" b ", True, "<!-- b -->"),
    ]
    [item] = items(sop, "Peringatan")
    assert item.text == "Jika SOP tidak dilaksanakan"
    # The text span leaves out the comment after the text.
    assert at(text, item.text_span) == "Jika SOP <!-- dua --> tidak dilaksanakan"


def test_comment_before_the_text_of_an_item() -> None:
    text = "# T\n\n## Identitas\n\n- <!-- lama --> Nomor: 065/3\n"
    sop = parse(text)
    assert sop.identity is not None
    [field] = sop.identity.fields
    assert (at(text, field.key_span), at(text, field.value_span)) == ("Nomor", "065/3")


def test_comment_after_a_value_is_not_in_its_span() -> None:
    text = "# T\n\n## Prosedur\n\n1. Menandatangani <!-- oleh Karo -->\n   - Waktu: 5 menit <!-- kira-kira -->\n"
    [step] = parse(text).steps
    assert at(text, step.activity_span) == "Menandatangani"
    assert step.duration is not None and at(text, step.duration.span) == "5 menit"


def test_inline_comment_over_several_lines() -> None:
    text = "# T\n\n## Prosedur\n\n1. Menelaah <!-- mulai\n   selesai --> data\n   - Waktu: 5 <!-- a\n     b --> menit\n"
    sop = parse(text)
    [step] = sop.steps
    assert step.activity == "Menelaah data"
    assert step.duration is not None and (step.duration.low, step.duration.unit) == (5, "menit")
    assert [at(text, c.span) for c in sop.comments] == ["<!-- mulai\n   selesai -->", "<!-- a\n     b -->"]


def test_inline_comment_over_blank_lines_and_headings_hides_them() -> None:
    text = "# T\n\n## Pencatatan dan Pendataan\n\n- Buku Agenda <!-- dulu:\n\n## Lampiran\n\n- Formulir -->\n- Nota Dinas\n"
    sop = parse(text)
    assert [s.title for s in sop.sections] == ["Pencatatan dan Pendataan"]
    assert [i.text for i in items(sop, "Pencatatan dan Pendataan")] == ["Buku Agenda", "Nota Dinas"]
    [comment] = sop.comments
    assert spans(comment.span) == (5, 15, 9, 15) and not comment.own_line


def test_commented_out_block_on_lines_of_its_own() -> None:
    text = "# T\n\n<!--\n## Lampiran\n\n- Formulir\n-->\n## Peringatan\n\n- Jika data salah, laporan ditolak.\n"
    sop = parse(text)
    assert [s.kind for s in sop.sections] == ["Peringatan"]
    [comment] = sop.comments
    assert comment.own_line and spans(comment.span) == (3, 1, 7, 4)


def test_comment_line_between_an_item_and_lazy_text() -> None:
    text = "# T\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan,\n<!-- catatan -->\ndata terlambat.\n\n<!-- x -->\nParagraf.\n"
    found = items(parse(text), "Peringatan")
    assert [i.text for i in found] == ["Jika SOP tidak dilaksanakan, data terlambat.", "Paragraf."]


def test_comment_lines_around_a_blank_line_still_start_a_paragraph() -> None:
    text = "# T\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan.\n<!-- a -->\n\n<!-- b -->\nParagraf baru.\n"
    sop = parse(text)
    found = items(sop, "Peringatan")
    assert [(i.text, i.span.line) for i in found] == [("Jika SOP tidak dilaksanakan.", 5), ("Paragraf baru.", 9)]
    assert [(c.text, c.span.line, c.own_line) for c in sop.comments] == [(" a ", 6, True), (" b ", 8, True)]


# --- suppression directives ---------------------------------------------------------------------


SUPPRESSED = """\
# Judul
<!-- sop-lint: disable-file=P008, D511 -->

<!-- sop-lint: disable=P002 -->
## Pencatataa

- Buku Agenda

## Prosedur

<!-- SOP-LINT : Disable = D501 R303 -->
1. Menyurati
   - Pelaksana: KARO
   <!-- sop-lint: disable=P003 -->
   - Wakt: 5 menit
2. Menelaah <!-- sop-lint: disable=S401 -->
<!-- biasa, bukan direktif -->
<!-- sop-lint: disable=R302 -->
"""


def test_suppression_directives_and_their_targets() -> None:
    sop = parse(SUPPRESSED)
    got = [(s.codes, s.file_wide, at(SUPPRESSED, s.span), s.target and spans(s.target)) for s in sop.suppressions]
    assert got == [
        (["P008", "D511"], True, "<!-- sop-lint: disable-file=P008, D511 -->", None),
        (["P002"], False, "<!-- sop-lint: disable=P002 -->", (5, 1, 5, 14)),  # the heading that follows
        (["D501", "R303"], False, "<!-- SOP-LINT : Disable = D501 R303 -->", (12, 1, 15, 19)),  # the step, sub-items too
        (["P003"], False, "<!-- sop-lint: disable=P003 -->", (15, 4, 15, 19)),  # only the sub-item that follows
        (["S401"], False, "<!-- sop-lint: disable=S401 -->", (16, 1, 16, 10**9)),  # inline: its own line
        (["R302"], False, "<!-- sop-lint: disable=R302 -->", None),  # nothing follows
    ]
    assert len(sop.comments) == 7  # the plain comment is a comment, not a directive


# --- line endings, BOM, end of file ---------------------------------------------------------------


def test_crlf_gives_the_same_model_and_spans() -> None:
    lf = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    crlf = lf.replace("\n", "\r\n")
    a, b = parse(lf), parse(crlf)
    assert (a.line_ending, b.line_ending) == ("\n", "\r\n")
    assert a.title == b.title and a.title_span == b.title_span
    assert [(s.title, s.heading_span, s.span) for s in a.sections] == [(s.title, s.heading_span, s.span) for s in b.sections]
    for left, right in zip(a.steps, b.steps, strict=True):
        assert (left.activity, left.activity_span, left.number_span) == (right.activity, right.activity_span, right.number_span)
        assert [(f.key_text, f.value, f.key_span, f.value_span) for f in left.fields] == [
            (f.key_text, f.value, f.key_span, f.value_span) for f in right.fields
        ]
    assert [(c.text, c.span) for c in a.comments] == [(c.text, c.span) for c in b.comments]
    assert a.identity is not None and b.identity is not None
    assert [f.value for f in a.identity.fields] == [f.value for f in b.identity.fields]
    assert all("\r" not in f.value for f in b.identity.fields)


def test_crlf_multi_line_comment_and_value() -> None:
    text = "# T\r\n\r\n## Identitas\r\n\r\n- Instansi: Pemerintah\r\n  Provinsi <!-- x\r\n  y --> Kalbar\r\n"
    sop = parse(text)
    assert sop.identity is not None and sop.identity.fields[0].value == "Pemerintah Provinsi Kalbar"
    [comment] = sop.comments
    assert spans(comment.span) == (6, 12, 7, 8)


def test_bom_is_dropped_and_noted() -> None:
    text = "# Judul\n\n## Peringatan\n\n- Jika SOP tidak dilaksanakan.\n"
    sop = parse("\ufeff" + text)
    assert sop.bom and not parse(text).bom
    assert sop.title == "Judul" and spans(sop.title_span) == (1, 3, 1, 8)  # columns count from after the BOM


def test_no_newline_at_the_end() -> None:
    text = "# Judul\n\n## Prosedur\n\n1. A\n   - Waktu: 5 menit"
    sop = parse(text)
    [step] = sop.steps
    assert step.duration is not None and at(text, step.duration.span) == "5 menit"
    assert spans(step.item.span) == (5, 1, 6, 20)
    assert parse("# Judul").title == "Judul"


def test_blank_lines_hold_only_spaces_and_tabs() -> None:
    text = "# T\n \t \n## Peringatan\n   \n- Jika SOP tidak dilaksanakan.\n\t\n"
    sop = parse(text)
    assert [i.text for i in items(sop, "Peringatan")] == ["Jika SOP tidak dilaksanakan."]


# --- what cannot be parsed ---------------------------------------------------------------------------


def test_syntax_problems_give_no_model() -> None:
    cases = {
        "# A\n# B\n": (2, 1, "a second `# ` title"),
        "## Prosedur\n   - Waktu: 5 menit\n": (2, 4, "an indented sub-item with no item above it"),
        "teks\n# A\n": (1, 1, "text before the first heading"),
        "# A\n\n- x <!-- tidak ditutup\n": (3, 5, "unterminated comment"),
        "## Identitas\n\n# A\n": (3, 1, "must come first"),
    }
    for text, (line, column, words) in cases.items():
        result = parse_text(text)
        assert result.sop is None and result.problem is not None, text
        assert (result.problem.span.line, result.problem.span.column) == (line, column), text
        assert words in result.problem.message, (text, result.problem.message)


def test_complete_fixture_parses_whole() -> None:
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    sop = parse(text)
    assert sop.title == "Pengumpulan Data Kinerja"
    assert [s.kind for s in sop.sections] == [
        "Identitas",
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
        "Pelaksana",
        "Prosedur",
    ]
    assert all(s.exact for s in sop.sections)
    assert [r.alias for r in sop.roles] == ["KARO", "KABAG", "KASUBBAG", "Arsiparis"]
    assert [s.number for s in sop.steps] == [1, 2, 3, 4, 5]
    assert all(len(s.performers) >= 1 and all(r.role is not None for r in s.performers) for s in sop.steps)
    assert len(sop.citations) == 3 and sop.identity is not None and len(sop.identity.fields) == 10
