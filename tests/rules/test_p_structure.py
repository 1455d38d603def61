"""P rules (parsing and structure): exact codes, positions and messages for the edge cases.

Every case starts from the complete, clean SOP (fixtures/good/complete.sop.md)
with one defect put in, and lints with every rule: one mistake, one finding.
"""

from __future__ import annotations

from sop_lint.parser import parse_text
from sop_lint.rule import Finding

from ..conftest import codes, lint, lint_bytes


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line that starts with `needle`."""
    found = [number for number, line in enumerate(text.split("\n"), start=1) if line.startswith(needle)]
    assert len(found) >= nth, f"{needle!r} not in text"
    return found[nth - 1]


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def one(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, codes(findings)
    return findings[0]


def span(finding: Finding) -> tuple[int, int, int, int]:
    s = finding.span
    return (s.line, s.column, s.end_line, s.end_column)


# --- P001 syntax-error -------------------------------------------------------------


def test_p001_second_title_is_reported_where_it_stands(good_sop: str) -> None:
    text = replace(good_sop, "## Peringatan\n", "# Peringatan\n")
    line = line_of(text, "# Peringatan")
    finding = one(lint(text))
    assert finding.code == "P001" and finding.severity == "error"
    assert span(finding) == (line, 1, line, len("# Peringatan") + 1)
    assert finding.text == "cannot parse: a second `# ` title: an SOP has one title (Nama SOP); use `## ` for a section"


def test_p001_title_after_the_sections_says_it_must_come_first(good_sop: str) -> None:
    text = replace(good_sop, "# Pengumpulan Data Kinerja\n", "") + "\n# Pengumpulan Data Kinerja\n"
    line = line_of(text, "# Pengumpulan")
    assert codes(lint(text)) == [("P001", line, 1)]
    assert one(lint(text)).text == "cannot parse: the `# ` title (Nama SOP) must come first, before every `## ` section"


def test_p001_indented_sub_item_right_under_a_heading(good_sop: str) -> None:
    text = replace(good_sop, "- Jika SOP tidak", "   - Jika SOP tidak")
    line = line_of(text, "   - Jika SOP")
    finding = one(lint(text))
    # Points at the marker, not at the indentation.
    assert (finding.code, finding.span.line, finding.span.column) == ("P001", line, 4)
    assert finding.text == ("cannot parse: an indented sub-item with no item above it: put it under a numbered step or list item")


def test_p001_indented_sub_item_right_under_the_title() -> None:
    finding = one(lint("# Judul\n\n  * bukan butir\n"))
    assert (finding.code, finding.span.line, finding.span.column) == ("P001", 3, 3)


def test_indented_text_that_is_no_list_item_right_under_a_heading_parses(good_sop: str) -> None:
    text = replace(good_sop, "- Jika SOP tidak", "  Jika SOP tidak")
    assert codes(lint(text)) == []


def test_p001_text_before_the_title(good_sop: str) -> None:
    text = "Draf untuk rapat\n\n" + good_sop
    finding = one(lint(text))
    assert span(finding) == (1, 1, 1, len("Draf untuk rapat") + 1)
    assert finding.text == "cannot parse: text before the first heading: start the file with the `# ` title (Nama SOP)"


def test_p001_list_item_before_the_title(good_sop: str) -> None:
    text = "<!-- catatan -->\n- butir\n" + good_sop
    assert codes(lint(text)) == [("P001", 2, 1)]


def test_p001_unterminated_comment_is_reported_at_the_comment(good_sop: str) -> None:
    # After the last `-->` of the file: nothing closes it.
    text = replace(good_sop, "   - Keterangan: Tiap akhir triwulan", "   - Keterangan: Tiap akhir triwulan <!-- belum selesai")
    line = line_of(text, "   - Keterangan")
    column = len("   - Keterangan: Tiap akhir triwulan ") + 1
    finding = one(lint(text))
    assert span(finding) == (line, column, line, column + 4)
    assert finding.text == "cannot parse: unterminated comment: `<!--` is never closed with `-->`"


def test_p001_comment_closed_lines_later_is_fine(good_sop: str) -> None:
    text = replace(good_sop, "- Buku Agenda, Nota Dinas", "- Buku Agenda, Nota Dinas <!-- belum\n  selesai -->")
    assert codes(lint(text)) == []


def test_p001_stops_every_other_rule() -> None:
    # No title, no sections, an unknown key: all hidden behind the one syntax error.
    assert codes(lint("## Identitas\n- Nomr: 1\n# Judul\n")) == [("P001", 3, 1)]


# --- P002 unknown-section -------------------------------------------------------------


def test_p002_unambiguous_suggestion_counts_as_the_section(good_sop: str) -> None:
    text = replace(good_sop, "## Pencatatan dan Pendataan", "## Pencatataa dan Pendataan")
    line = line_of(text, "## Pencatataa")
    findings = lint(text)
    # One mistake, one finding: no C201 missing-section beside it.
    assert codes(findings) == [("P002", line, 1)]
    assert span(findings[0]) == (line, 1, line, len("## Pencatataa dan Pendataan") + 1)
    assert findings[0].severity == "warning"
    assert findings[0].text == "unknown section `Pencatataa dan Pendataan`; did you mean `Pencatatan dan Pendataan`?"
    sop = parse_text(text).sop
    assert sop is not None and sop.section("Pencatatan dan Pendataan") is not None


def test_p002_ambiguous_suggestion_does_not_count_as_a_section(good_sop: str) -> None:
    # Close to both Pencatatan dan Pendataan and Peralatan/Perlengkapan: suggested, but not read as
    # either (so it is no duplicate of the Peralatan/Perlengkapan that is there).
    text = good_sop + "\n## Pencatatan dan Perlengkapan\n\n- Map arsip\n"
    line = line_of(text, "## Pencatatan dan Perlengkapan")
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P002", line, 1)
    assert finding.text == "unknown section `Pencatatan dan Perlengkapan`; did you mean `Peralatan/Perlengkapan`?"
    sop = parse_text(text).sop
    assert sop is not None and sop.sections[-1].kind is None


def test_p002_without_a_suggestion(good_sop: str) -> None:
    text = good_sop + "\n## Lampiran\n\n- Formulir isian\n"
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P002", line_of(text, "## Lampiran"))
    assert finding.text == "unknown section `Lampiran`"


def test_p002_case_spaces_and_aliases_are_known(good_sop: str) -> None:
    text = replace(good_sop, "## Dasar Hukum", "##   dasar    HUKUM")
    text = replace(text, "## Pelaksana\n", "## Pelaksana/Peran\n")
    assert codes(lint(text)) == []


# --- P003 unknown-key -------------------------------------------------------------


def test_p003_misspelt_identity_key(good_sop: str) -> None:
    text = replace(good_sop, "- Nomor: 065/3/DP-B", "- Nomr: 065/3/DP-B")
    line = line_of(text, "- Nomr")
    findings = lint(text)
    # The misspelt key still counts as Nomor: no M101 for a missing Nomor.
    assert codes(findings) == [("P003", line, 3)]
    assert span(findings[0]) == (line, 3, line, 7)
    assert findings[0].text == "unknown key `Nomr`; did you mean `Nomor`?"


def test_p003_misspelt_step_key_still_counts_as_the_key(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   - Wakt: 30 menit")
    line = line_of(text, "   - Wakt:")
    findings = lint(text)
    assert codes(findings) == [("P003", line, 6)]  # no D501 missing-duration beside it
    assert findings[0].text == "unknown key `Wakt`; did you mean `Waktu`?"
    sop = parse_text(text).sop
    assert sop is not None and sop.steps[2].duration is not None and sop.steps[2].duration.minutes_low == 30


def test_p003_unknown_step_key_without_a_suggestion(good_sop: str) -> None:
    text = replace(good_sop, "   - Keterangan: Tiap akhir triwulan", "   - Catatan Khusus: Tiap akhir triwulan")
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P003", line_of(text, "   - Catatan"), 6)
    assert finding.text == "unknown key `Catatan Khusus`"


def test_p003_sub_item_that_is_no_key_value(good_sop: str) -> None:
    text = replace(good_sop, "   - Keterangan: Tiap akhir triwulan", "   - Dilakukan tiap akhir triwulan")
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P003", line_of(text, "   - Dilakukan"), 6)
    assert finding.text == "`Dilakukan tiap akhir triwulan` is not a `Key: Value` item (expected e.g. `- Waktu: 10 menit`)"


def test_p003_identity_item_that_is_no_key_value(good_sop: str) -> None:
    text = replace(good_sop, "- Batas Waktu: 10 hari kerja", "- Batas Waktu: 10 hari kerja\n- Draf kedua")
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P003", line_of(text, "- Draf"), 3)
    assert finding.text == "`Draf kedua` in Identitas is not a `Key: Value` item (expected e.g. `- Nomor: 065/3/DP-B`)"


def test_p003_keys_ignore_case_and_spaces_and_know_aliases(good_sop: str) -> None:
    text = replace(good_sop, "- Tanggal Pembuatan:", "- tgl    PEMBUATAN:")
    text = replace(text, "   - Pelaksana: KABAG", "   - Oleh: KABAG")
    text = replace(text, "   - Output: Arsip", "   - keluaran : Arsip")
    assert codes(lint(text)) == []


# --- P004 duplicate-section -------------------------------------------------------------


def test_p004_an_alias_is_the_same_section(good_sop: str) -> None:
    text = good_sop + "\n## Peran\n\n- Sekretaris\n"
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P004", line_of(text, "## Peran"), 1)
    assert finding.text == f"section `Pelaksana` appears again (first at line {line_of(text, '## Pelaksana')}); merge them"


# --- P005 not-utf8 -------------------------------------------------------------


def test_p005_windows_1252_points_at_the_first_bad_byte(good_sop: str) -> None:
    text = replace(good_sop, "- Buku Agenda, Nota Dinas", "- Buku Agenda – Nota Dinas")
    data = text.encode("cp1252")
    finding = one(lint_bytes(data))
    assert span(finding) == (line_of(text, "- Buku Agenda"), 15, line_of(text, "- Buku Agenda"), 16)
    assert finding.text == "the file is not UTF-8; it looks like Windows-1252: save it as UTF-8"


def test_p005_column_counts_characters_not_bytes() -> None:
    data = "# Judul é".encode() + b" \x92x\n"
    finding = one(lint_bytes(data))
    assert (finding.code, finding.span.line, finding.span.column) == ("P005", 1, 11)


def test_p005_binary_data() -> None:
    finding = one(lint_bytes(b"\x00\x01\xff\xfe\x00binary"))
    assert finding.code == "P005" and finding.text == "the file is not UTF-8 (it looks like binary data)"


def test_p005_bom_is_not_an_encoding_problem(good_sop: str) -> None:
    assert codes(lint_bytes(b"\xef\xbb\xbf" + good_sop.encode("utf-8"))) == []


# --- P006 unused-suppression and suppression itself ------------------------------------------


def test_p006_suppression_that_suppresses_nothing(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   <!-- sop-lint: disable=P003 -->\n   - Waktu: 30 menit")
    line = line_of(text, "   <!-- sop-lint")
    finding = one(lint(text))
    assert span(finding) == (line, 4, line, len("   <!-- sop-lint: disable=P003 -->") + 1)
    assert finding.severity == "warning"
    assert finding.text == "`P003` is suppressed here but nothing reports it"


def test_p006_unknown_code(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   <!-- sop-lint: disable=X999 -->\n   - Waktu: 30 menit")
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P006", line_of(text, "   <!-- sop-lint"))
    assert finding.text == "`X999` in a suppression comment is no rule code or name"


def test_p006_names_only_the_unused_code_of_several(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   <!-- sop-lint: disable=P003, P009 -->\n   - Wakt: 30 menit")
    finding = one(lint(text))
    assert finding.code == "P006" and finding.text == "`P009` is suppressed here but nothing reports it"


def test_disable_applies_to_the_next_item_only(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit\n", "   <!-- sop-lint: disable=P003 -->\n   - Wakt: 30 menit\n")
    text = replace(text, "   - Output: Draft data kinerja", "   - Outpt: Draft data kinerja")
    # The first misspelt key is suppressed (and the suppression used); the one after it is not.
    assert codes(lint(text)) == [("P003", line_of(text, "   - Outpt"), 6)]


def test_disable_by_rule_name_and_by_prefix(good_sop: str) -> None:
    for selector in ("unknown-key", "P", "P0"):
        text = replace(good_sop, "   - Waktu: 30 menit", f"   <!-- sop-lint: disable={selector} -->\n   - Wakt: 30 menit")
        assert codes(lint(text)) == [], selector


def test_disable_on_the_line_itself(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   - Wakt: 30 menit <!-- sop-lint: disable=P003 -->")
    assert codes(lint(text)) == []


def test_disable_before_a_heading_covers_the_heading(good_sop: str) -> None:
    text = replace(good_sop, "## Pencatatan dan Pendataan", "<!-- sop-lint: disable=P002 -->\n## Pencatataa dan Pendataan")
    assert codes(lint(text)) == []


def test_disable_file_applies_everywhere(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   - Wakt: 30 menit")
    text = replace(text, "- Nomor: 065/3/DP-B", "- Nomr: 065/3/DP-B")
    assert len(lint(text)) == 2
    text = replace(text, "## Identitas", "<!-- sop-lint: disable-file=P003 -->\n\n## Identitas")
    assert codes(lint(text)) == []


def test_disable_file_that_suppresses_nothing(good_sop: str) -> None:
    text = good_sop + "\n<!-- sop-lint: disable-file=P009 -->\n"
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P006", line_of(text, "<!-- sop-lint"), 1)


def test_p006_not_reported_when_the_suppressed_rule_is_not_selected(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 30 menit", "   <!-- sop-lint: disable=P003 -->\n   - Waktu: 30 menit")
    assert codes(lint(text, ignore=["P003"])) == []


# --- P007 missing-title -------------------------------------------------------------


def test_p007_no_title(good_sop: str) -> None:
    text = replace(good_sop, "# Pengumpulan Data Kinerja\n", "")
    finding = one(lint(text))
    assert span(finding) == (1, 1, 1, 2)
    assert finding.text == "the SOP has no `# ` title (Nama SOP)"


def test_p007_empty_title(good_sop: str) -> None:
    text = replace(good_sop, "# Pengumpulan Data Kinerja\n", "#   <!-- judul menyusul -->\n")
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P007", 1)
    assert finding.text == "the `# ` title is empty"


# --- P008 section-order -------------------------------------------------------------


def test_p008_reports_only_the_fewest_sections_that_must_move(good_sop: str) -> None:
    # Prosedur moved up under Identitas: only Prosedur is out of place, not the seven it now precedes.
    start = good_sop.index("## Prosedur")
    prosedur = good_sop[start:].rstrip("\n") + "\n\n"
    text = good_sop[:start].rstrip("\n") + "\n"
    text = replace(text, "## Dasar Hukum", prosedur + "## Dasar Hukum")
    findings = lint(text)
    assert codes(findings) == [("P008", line_of(text, "## Prosedur"), 1)]
    assert findings[0].severity == "info"
    assert findings[0].text == "section `Prosedur` is out of the official order: put it after `Pelaksana`"


def test_p008_a_section_too_early_is_told_what_to_follow(good_sop: str) -> None:
    block = "## Keterkaitan\n\n1. SOP Perbaikan Data Kinerja\n2. SOP Monitoring dan Evaluasi Kinerja Secara Periodik\n\n"
    text = replace(replace(good_sop, block, ""), "## Dasar Hukum", block + "## Dasar Hukum")
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P008", line_of(text, "## Keterkaitan"))
    assert finding.text == "section `Keterkaitan` is out of the official order: put it after `Kualifikasi Pelaksana`"


def test_p008_a_section_too_late_is_told_what_to_precede(good_sop: str) -> None:
    block = "## Identitas\n\n" + good_sop.split("## Identitas\n\n", 1)[1].split("## Dasar Hukum", 1)[0]
    text = replace(good_sop, block, "")
    text = replace(text, "## Prosedur", block + "## Prosedur")
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P008", line_of(text, "## Identitas"))
    assert finding.text == "section `Identitas` is out of the official order: put it before `Dasar Hukum`"


def test_p008_unknown_and_repeated_sections_do_not_count(good_sop: str) -> None:
    text = good_sop + "\n## Peringatan\n\n- Jika data salah, laporan ditolak.\n"
    assert [f.code for f in lint(text)] == ["P004"]


# --- P009 duplicate-key -------------------------------------------------------------


def test_p009_alias_of_a_key_given_before(good_sop: str) -> None:
    text = replace(
        good_sop, "- Tanggal Efektif: 04/01/2021\n", "- Tanggal Efektif: 04/01/2021\n- Tanggal Pengesahan: 05/01/2021\n"
    )
    line = line_of(text, "- Tanggal Pengesahan")
    finding = one(lint(text))
    assert span(finding) == (line, 3, line, 3 + len("Tanggal Pengesahan"))
    assert finding.text == (f"`Tanggal Efektif` is given again (as `Tanggal Efektif` at line {line - 1}); only the first is read")


def test_p009_first_given_as_an_alias(good_sop: str) -> None:
    text = replace(good_sop, "- Tanggal Efektif: 04/01/2021\n", "- Tgl Pengesahan: 04/01/2021\n- Tanggal Efektif: 04/01/2021\n")
    finding = one(lint(text))
    assert (finding.code, finding.span.line) == ("P009", line_of(text, "- Tanggal Efektif"))
    assert "(as `Tgl Pengesahan` at line" in finding.text


def test_p009_within_one_step_not_across_steps(good_sop: str) -> None:
    text = replace(good_sop, "   - Waktu: 20 menit\n", "   - Waktu: 20 menit\n   - durasi: 25 menit\n")
    finding = one(lint(text))
    assert (finding.code, finding.span.line, finding.span.column) == ("P009", line_of(text, "   - durasi"), 6)
    # Every step has its own Pelaksana, Waktu …: the same key in two steps is no duplicate.
    assert codes(lint(good_sop)) == []


def test_p009_similar_but_different_keys_are_not_duplicates(good_sop: str) -> None:
    text = replace(good_sop, "- Disahkan Oleh:", "- Pengesah:")  # Pengesah is Disahkan Oleh, not Nama Pengesah
    assert codes(lint(text)) == []
