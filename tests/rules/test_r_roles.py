"""R — roles (Pelaksana): exact findings for the edge cases of R301–R308."""

from __future__ import annotations

import hashlib

import pytest

from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text
from sop_lint.rule import Context, Finding
from sop_lint.rules import all_rules

from ..conftest import FIXTURES, TODAY, codes, lint

COMPLETE = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
# Everything up to the Pelaksana section: a complete SOP head, so only the
# sections under test vary.
HEAD = COMPLETE[: COMPLETE.index("## Pelaksana\n")]
HEAD_LINES = HEAD.count("\n")
PELAKSANA_LINE = HEAD_LINES + 1


def sop(roles: list[str], steps: list[tuple[str, list[str] | None]], pelaksana: bool = True) -> str:
    """An SOP with the complete head, these roles and these steps.

    Each step is (activity, performers): None leaves out the Pelaksana key.
    The role lines start at PELAKSANA_LINE + 2, one per role.
    """
    text = HEAD
    if pelaksana:
        text += "## Pelaksana\n\n" + "".join(f"- {role}\n" for role in roles) + "\n"
    text += "## Prosedur\n\n"
    for number, (activity, performers) in enumerate(steps, start=1):
        text += f"{number}. {activity}\n"
        if performers is not None:
            text += f"   - Pelaksana: {', '.join(performers)}\n"
        text += "   - Kelengkapan: Dokumen\n   - Waktu: 10 menit\n   - Output: Dokumen\n"
    return text


def role_line(index: int) -> int:
    """The line of the index-th declared role (0-based)."""
    return PELAKSANA_LINE + 2 + index


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line holding the nth occurrence of needle."""
    position = -1
    for _ in range(nth):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


def r(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """The R findings only: other families are other modules' business."""
    return [c for c in codes(findings) if c[0].startswith("R")]


def messages(findings: list[Finding], code: str) -> list[str]:
    return [f.text for f in findings if f.code == code]


TWO_ROLES = ["KARO: Kepala Biro Organisasi", "KASUBBAG: Kasubbag TU"]
PELAKSANA_COLUMN = len("   - Pelaksana: ") + 1


# --- R301 undeclared-role ---------------------------------------------------------


def test_r301_near_miss_with_dots_suggests_the_declared_name() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menghimpun", ["Ka.Subbag TU"])])
    findings = lint(text)
    assert r(findings) == [("R301", line_of(text, "Ka.Subbag"), PELAKSANA_COLUMN)]
    assert messages(findings, "R301") == ["role `Ka.Subbag TU` is not declared under Pelaksana; did you mean `Kasubbag TU`?"]
    span = findings[0].span
    assert (span.end_line, span.end_column) == (span.line, PELAKSANA_COLUMN + len("Ka.Subbag TU"))


def test_r301_missing_letter_suggests_the_alias() -> None:
    text = sop(["KARO: Kepala Biro Organisasi", "Kasubbag"], [("Menyurati", ["KARO"]), ("Menghimpun", ["Kasubbg"])])
    findings = lint(text)
    assert r(findings) == [("R301", line_of(text, "Kasubbg"), PELAKSANA_COLUMN)]
    assert messages(findings, "R301") == ["role `Kasubbg` is not declared under Pelaksana; did you mean `Kasubbag`?"]


def test_r301_indonesian_message() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menghimpun", ["Kasubag TU"])])
    assert messages(lint(text, lang="id"), "R301") == [
        "pelaksana `Kasubag TU` tidak dicantumkan di bagian Pelaksana; maksud Anda `Kasubbag TU`?"
    ]


def test_r301_seed_002_suggests_karubag_not_kasubbag() -> None:
    # Seed 002: both are declared; `Ka.ubhag … / JF Perencana` is four edits
    # from each, but closer in shape to `Karubag`.
    roles = ["Kasubbag Perencanaan / JF Perencanaan", "Karubag Perencanaan / JF Perencanaan", "Kepala Bidang"]
    text = sop(
        roles,
        [
            ("Menyampaikan format", ["Kasubbag Perencanaan / JF Perencanaan"]),
            ("Menyampaikan format data kinerja", ["Ka.ubhag Perencanaan / JF Perencana"]),
            ("Rapat pembahasan", ["Kepala Bidang"]),
        ],
    )
    findings = lint(text)
    assert ("R301", line_of(text, "Ka.ubhag"), PELAKSANA_COLUMN) in r(findings)
    assert messages(findings, "R301") == [
        "role `Ka.ubhag Perencanaan / JF Perencana` is not declared under Pelaksana; "
        "did you mean `Karubag Perencanaan / JF Perencanaan`?"
    ]
    # The two declarations are themselves 2 edits apart: R304 on the later one,
    # and Karubag counts as used (by the near-miss), so no R302.
    assert r(findings) == [("R304", role_line(1), 3), ("R301", line_of(text, "Ka.ubhag"), PELAKSANA_COLUMN)]


def test_r301_seed_004_near_miss_of_a_name_with_a_comma_is_one_finding() -> None:
    roles = ["Sekretaris", "Kasubag Perencanaan, Keu. dan Pelaporan"]
    text = sop(
        roles,
        [
            ("Memerintahkan", ["Sekretaris"]),
            ("Menerima data kinerja", ["Kasubbg Perencanaan, Keuangan dan Pelaporan"]),
            ("Menyusun laporan", ["Kasubag Perencanaan, Keu. dan Pelaporan"]),
        ],
    )
    findings = lint(text)
    line = line_of(text, "Kasubbg")
    assert r(findings) == [("R301", line, PELAKSANA_COLUMN)]
    finding = next(f for f in findings if f.code == "R301")
    assert finding.span.end_column == PELAKSANA_COLUMN + len("Kasubbg Perencanaan, Keuangan dan Pelaporan")
    assert finding.text == (
        "role `Kasubbg Perencanaan, Keuangan dan Pelaporan` is not declared under Pelaksana; "
        "did you mean `Kasubag Perencanaan, Keu. dan Pelaporan`?"
    )


def test_r301_comma_parts_beside_a_comma_name_stay_separate_roles() -> None:
    roles = ["Sekretaris", "Kasubag Perencanaan, Keu. dan Pelaporan"]
    text = sop(roles, [("Memerintahkan", ["Sekretaris"]), ("Menerima", ["Kasubag Perencanaan, Keu. dan Pelaporan", "Kabid"])])
    findings = lint(text)
    column = PELAKSANA_COLUMN + len("Kasubag Perencanaan, Keu. dan Pelaporan, ")
    assert r(findings) == [("R301", line_of(text, "Keu. dan Pelaporan, Kabid"), column)]
    assert messages(findings, "R301") == ["role `Kabid` is not declared under Pelaksana"]


def test_r301_no_suggestion_for_an_unlike_name() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menghimpun", ["Kasubbag TU", "Kepala Dinas"])])
    findings = lint(text)
    assert r(findings) == [("R301", line_of(text, "Kepala Dinas"), PELAKSANA_COLUMN + len("Kasubbag TU, "))]
    assert messages(findings, "R301") == ["role `Kepala Dinas` is not declared under Pelaksana"]


def test_r301_roles_joined_with_dan_are_told_to_use_commas() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO dan Kasubbag TU"])])
    findings = lint(text)
    assert r(findings) == [("R301", line_of(text, "KARO dan"), PELAKSANA_COLUMN)]
    assert messages(findings, "R301") == [
        "`KARO dan Kasubbag TU` is not one declared role; separate the roles with commas: `KARO, Kasubbag TU`"
    ]


def test_r301_matching_ignores_case_and_runs_of_spaces() -> None:
    text = sop(
        TWO_ROLES, [("Menyurati", ["karo"]), ("Menghimpun", ["kasubbag    TU"]), ("Menelaah", ["Kepala  biro organisasi"])]
    )
    assert r(lint(text)) == []


def test_r301_silent_without_pelaksana_section_or_roles() -> None:
    steps: list[tuple[str, list[str] | None]] = [("Menyurati", ["KARO"]), ("Menghimpun", ["Siapa Saja"])]
    missing = lint(sop([], steps, pelaksana=False))
    assert "C201" in {f.code for f in missing}
    assert r(missing) == []
    empty = lint(sop([], steps))
    assert "C202" in {f.code for f in empty}
    assert r(empty) == []


def test_r301_not_checked_on_a_terminator() -> None:
    text = sop(TWO_ROLES, [("Mulai", ["Siapa Saja"]), ("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG"])])
    assert r(lint(text)) == []


# --- R302 unused-role ---------------------------------------------------------------


def test_r302_unused_role() -> None:
    text = sop([*TWO_ROLES, "Arsiparis"], [("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG"])])
    findings = lint(text)
    assert r(findings) == [("R302", role_line(2), 3)]
    assert messages(findings, "R302") == ["role `Arsiparis` is declared but no step names it"]
    assert findings[0].span.end_column == 3 + len("Arsiparis")


def test_r302_a_role_used_only_together_with_another_is_used() -> None:
    text = sop([*TWO_ROLES, "Arsiparis"], [("Menyurati", ["KARO"]), ("Mengarsipkan", ["arsiparis", "KASUBBAG"])])
    assert r(lint(text)) == []


def test_r302_silent_when_there_are_no_steps() -> None:
    text = HEAD + "## Pelaksana\n\n- KARO: Kepala Biro Organisasi\n\n## Prosedur\n\nBelum ada langkah.\n"
    findings = lint(text)
    assert r(findings) == []


def test_r302_silent_while_a_step_has_no_performer() -> None:
    # R303 is the mistake; which role that step lacks is unknown.
    text = sop([*TWO_ROLES, "Arsiparis"], [("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG"]), ("Mengarsipkan", None)])
    assert r(lint(text)) == [("R303", line_of(text, "3. Mengarsipkan"), 4)]


def test_r302_a_near_miss_uses_the_role_it_suggests() -> None:
    text = sop([*TWO_ROLES, "Arsiparis"], [("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG", "Arsiparsi"])])
    assert r(lint(text)) == [("R301", line_of(text, "Arsiparsi"), PELAKSANA_COLUMN + len("KASUBBAG, "))]


def test_r302_silent_while_a_reference_has_no_guess() -> None:
    text = sop([*TWO_ROLES, "Arsiparis"], [("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG", "Petugas Arsip"])])
    assert [c for c, _, _ in r(lint(text))] == ["R301"]


def test_r302_terminator_steps_do_not_use_roles() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Selesai", ["KASUBBAG"])])
    assert r(lint(text)) == [("R302", role_line(1), 3)]


# --- R303 missing-performer ---------------------------------------------------------


def test_r303_absent_empty_and_placeholder() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menghimpun", None), ("Menelaah", [""]), ("Menyusun", ["-"])])
    text = text.replace("   - Pelaksana: \n", "   - Pelaksana:\n")
    findings = lint(text)
    assert r(findings) == [
        ("R303", line_of(text, "2. Menghimpun"), 4),
        ("R303", line_of(text, "3. Menelaah"), 4),
        ("R303", line_of(text, "4. Menyusun"), 4),
    ]
    assert messages(findings, "R303") == [
        "step 2 has no Pelaksana",
        "step 3 has an empty Pelaksana",
        "step 4 has no Pelaksana: `-` is only a placeholder",
    ]
    first = next(f for f in findings if f.code == "R303")
    assert first.span.end_column == 4 + len("Menghimpun")


def test_r303_on_the_step_number_when_the_activity_is_empty() -> None:
    text = HEAD + (
        "## Pelaksana\n\n- KARO: Kepala Biro Organisasi\n- Arsiparis\n\n## Prosedur\n\n"
        "1. Menyurati\n   - Pelaksana: KARO\n2.\n   - Waktu: 5 menit\n3. Mengarsipkan\n   - Pelaksana: Arsiparis\n"
    )
    findings = [f for f in lint(text) if f.code == "R303"]
    assert [(f.span.line, f.span.column, f.span.end_column) for f in findings] == [(line_of(text, "2.\n"), 1, 3)]


def test_r303_terminators_need_no_performer() -> None:
    text = sop(TWO_ROLES, [("Mulai", None), ("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG"]), ("Selesai", None)])
    assert r(lint(text)) == []


# --- R304 similar-role-names -------------------------------------------------------


def test_r304_fires_on_the_later_of_two_similar_names() -> None:
    text = sop(
        ["Kasubag Perencanaan", "Kasubbag Perencanaan"],
        [("Menyusun", ["Kasubag Perencanaan"]), ("Menelaah", ["Kasubbag Perencanaan"])],
    )
    findings = lint(text)
    assert r(findings) == [("R304", role_line(1), 3)]
    assert messages(findings, "R304") == [
        f"role `Kasubbag Perencanaan` is very like `Kasubag Perencanaan` (line {role_line(0)}): one role spelt two ways?"
    ]


def test_r304_kabag_and_kasubbag_are_different_roles() -> None:
    roles = ["Kabag", "Kasubbag", "Kabag Keuangan", "Kasubbag Keuangan"]
    text = sop(roles, [("A", ["Kabag", "Kabag Keuangan"]), ("B", ["Kasubbag", "Kasubbag Keuangan"])])
    assert r(lint(text)) == []


def test_r304_names_shorter_than_six_letters_are_left_alone() -> None:
    # `Kabid`/`Kabag` are two edits apart but distinct offices, and short.
    text = sop(["Kabid", "Kabag"], [("A", ["Kabid"]), ("B", ["Kabag"])])
    assert r(lint(text)) == []


def test_r304_dots_and_spaces_do_not_count() -> None:
    text = sop(["Kasubbag TU", "Ka. Subbag T.U."], [("A", ["Kasubbag TU"]), ("B", ["Ka. Subbag T.U."])])
    assert r(lint(text)) == [("R304", role_line(1), 3)]


def test_r304_a_swap_is_one_edit_and_three_edits_are_too_many() -> None:
    swapped = sop(["Sekretaris Dinas", "Sekertaris Dinas"], [("A", ["Sekretaris Dinas"]), ("B", ["Sekertaris Dinas"])])
    assert r(lint(swapped)) == [("R304", role_line(1), 3)]
    far = sop(["Kasubbag Umum", "Kasubbag Unit"], [("A", ["Kasubbag Umum"]), ("B", ["Kasubbag Unit"])])
    assert r(lint(far)) == []  # `umum`/`unit`: three substitutions


def test_r304_one_finding_per_pair_even_when_alias_and_name_are_both_similar() -> None:
    text = sop(
        ["KASUBBAG: Kasubbag TU", "KASUBAG: Kasubag TU", "Arsiparis"],
        [("A", ["KASUBBAG"]), ("B", ["KASUBAG"]), ("C", ["Arsiparis"])],
    )
    findings = lint(text)
    assert r(findings) == [("R304", role_line(1), 3)]
    assert messages(findings, "R304") == [
        f"role `KASUBAG` is very like `KASUBBAG` (line {role_line(0)}): one role spelt two ways?"
    ]


def test_r304_a_later_role_like_two_earlier_ones_gives_two_findings() -> None:
    roles = ["Kasubag Umum", "Kasubbag Umum", "Kasubbag Umm"]
    text = sop(roles, [("A", ["Kasubag Umum"]), ("B", ["Kasubbag Umum"]), ("C", ["Kasubbag Umm"])])
    findings = lint(text)
    assert r(findings) == [("R304", role_line(1), 3), ("R304", role_line(2), 3), ("R304", role_line(2), 3)]
    assert sorted(messages(findings, "R304")) == sorted(
        [
            f"role `Kasubbag Umum` is very like `Kasubag Umum` (line {role_line(0)}): one role spelt two ways?",
            f"role `Kasubbag Umm` is very like `Kasubag Umum` (line {role_line(0)}): one role spelt two ways?",
            f"role `Kasubbag Umm` is very like `Kasubbag Umum` (line {role_line(1)}): one role spelt two ways?",
        ]
    )


def test_r304_long_names_are_compared_too() -> None:
    long_name = "Kepala Sub Bagian Perencanaan Program Keuangan dan Pelaporan Sekretariat Dinas Provinsi"
    similar = long_name.replace("Provinsi", "Propinsi")
    text = sop([long_name, similar], [("A", [long_name]), ("B", [similar])])
    assert r(lint(text)) == [("R304", role_line(1), 3)]


def test_r304_an_unused_stray_copy_is_not_also_r302() -> None:
    roles = ["Kasubbag Perencanaan", "Kasubag Perencanaan", "Arsiparis"]
    text = sop(roles, [("Menyusun", ["Kasubbag Perencanaan"]), ("Mengarsipkan", ["Arsiparis"])])
    assert r(lint(text)) == [("R304", role_line(1), 3)]


# --- R305 duplicate-role --------------------------------------------------------------


def test_r305_same_alias_twice() -> None:
    text = sop([*TWO_ROLES, "karo: Kepala Biro Umum"], [("A", ["KARO"]), ("B", ["KASUBBAG"])])
    findings = lint(text)
    assert r(findings) == [("R305", role_line(2), 3)]
    assert messages(findings, "R305") == [f"role `karo` is declared again (as `KARO` at line {role_line(0)})"]
    assert findings[0].span.end_column == 3 + len("karo")


def test_r305_same_full_name_twice_points_at_the_name() -> None:
    text = sop([*TWO_ROLES, "KBO:  Kepala  Biro Organisasi"], [("A", ["KARO"]), ("B", ["KASUBBAG"])])
    findings = lint(text)
    assert r(findings) == [("R305", role_line(2), 3 + len("KBO:  "))]
    assert messages(findings, "R305") == [
        f"role `Kepala  Biro Organisasi` is declared again (as `Kepala Biro Organisasi` at line {role_line(0)})"
    ]


def test_r305_an_alias_that_is_another_roles_full_name() -> None:
    text = sop(["Sekretaris", "SEKRETARIS: Sekretaris Dinas"], [("A", ["Sekretaris"]), ("B", ["Sekretaris Dinas"])])
    assert r(lint(text)) == [("R305", role_line(1), 3)]


def test_r305_one_role_with_the_same_alias_and_name_is_fine() -> None:
    text = sop(["ARSIPARIS: Arsiparis", "KARO: Kepala Biro Organisasi"], [("A", ["Arsiparis"]), ("B", ["KARO"])])
    assert r(lint(text)) == []


# --- R306 role-not-in-registry -------------------------------------------------------

REGISTRY = ["Kepala Biro Organisasi", "Kasubbag TU", "Arsiparis"]


def test_r306_reports_names_absent_from_the_registry_with_a_guess() -> None:
    text = sop(
        ["KARO: kepala  biro organisasi", "KASUBBAG: Kasubag TU", "Petugas Loket"],
        [("A", ["KARO"]), ("B", ["KASUBBAG", "Petugas Loket"])],
    )
    findings = lint(text, role_registry=REGISTRY)
    assert r(findings) == [("R306", role_line(1), 3 + len("KASUBBAG: ")), ("R306", role_line(2), 3)]
    assert messages(findings, "R306") == [
        "role `Kasubag TU` is not in the organisation's role registry; did you mean `Kasubbag TU`?",
        "role `Petugas Loket` is not in the organisation's role registry",
    ]


def test_r306_silent_without_a_registry() -> None:
    text = sop(["KASUBBAG: Kasubag TU", "Petugas Loket"], [("A", ["KASUBBAG"]), ("B", ["Petugas Loket"])])
    assert r(lint(text)) == []
    assert r(lint(text, role_registry=[])) == []


def test_r306_a_duplicate_is_r305_only() -> None:
    text = sop(["KARO: Kepala Biro Organisasi", "KARO: Kepala Biro Umum"], [("A", ["KARO"]), ("B", ["Kepala Biro Umum"])])
    assert r(lint(text, role_registry=REGISTRY)) == [("R305", role_line(1), 3)]


# --- R307 single-performer -------------------------------------------------------------


def test_r307_one_role_performs_every_step() -> None:
    text = sop(
        ["KARO: Kepala Biro Organisasi"],
        [("Mulai", None), ("Menyurati", ["KARO"]), ("Menandatangani", ["kepala biro organisasi"])],
    )
    findings = lint(text)
    assert r(findings) == [("R307", PELAKSANA_LINE, 1)]
    assert messages(findings, "R307") == ["`KARO` performs all 2 steps alone: an SOP AP involves more than one pelaksana"]
    assert next(f for f in findings if f.code == "R307").severity == "info"


def test_r307_needs_two_steps() -> None:
    assert r(lint(sop(["KARO: Kepala Biro Organisasi"], [("Menyurati", ["KARO"]), ("Selesai", None)]))) == []


def test_r307_silent_when_another_role_shares_a_step() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menandatangani", ["KARO", "KASUBBAG"])])
    assert r(lint(text)) == []


def test_r307_silent_behind_r302_r303_and_r301() -> None:
    unused = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menandatangani", ["KARO"])])
    assert r(lint(unused)) == [("R302", role_line(1), 3)]
    missing = sop(["KARO: Kepala Biro Organisasi"], [("Menyurati", ["KARO"]), ("Menandatangani", None)])
    assert [c for c, _, _ in r(lint(missing))] == ["R303"]
    undeclared = sop(["KARO: Kepala Biro Organisasi"], [("Menyurati", ["KARO"]), ("Menandatangani", ["Sekretaris"])])
    assert [c for c, _, _ in r(lint(undeclared))] == ["R301"]


# --- R308 activity-names-other-role --------------------------------------------------


def test_r308_activity_opens_with_another_role() -> None:
    text = sop(TWO_ROLES, [("Kasubbag TU menghimpun data", ["KARO"]), ("Menelaah", ["KASUBBAG"])])
    findings = lint(text)
    assert r(findings) == [("R308", line_of(text, "1. Kasubbag"), 4)]
    assert findings[0].span.end_column == 4 + len("Kasubbag TU")
    assert messages(findings, "R308") == [
        "the activity opens with `Kasubbag TU` as its actor, but the step's Pelaksana is `KARO`"
    ]


def test_r308_is_preview_only() -> None:
    text = sop(TWO_ROLES, [("Kasubbag TU menghimpun data", ["KARO"]), ("Menelaah", ["KASUBBAG"])])
    assert r(lint(text, preview=False)) == []


def test_r308_the_longest_declared_name_wins() -> None:
    # `Kepala Biro` alone is another role; the activity names `Kepala Biro Organisasi`.
    roles = ["KABIRO: Kepala Biro", "KARO: Kepala Biro Organisasi"]
    text = sop(
        roles,
        [("Kepala Biro Organisasi menandatangani", ["KARO"]), ("kepala biro menyetujui", ["KARO"]), ("Menelaah", ["KABIRO"])],
    )
    assert r(lint(text)) == [("R308", line_of(text, "2. kepala biro"), 4)]


def test_r308_whole_words_only_and_own_role_is_fine() -> None:
    text = sop(
        ["KARO: Kepala Biro Organisasi", "Arsip"],
        [("Arsiparis menyimpan", ["KARO"]), ("KARO menandatangani", ["KARO"]), ("Arsip/KARO menata berkas", ["Arsip"])],
    )
    assert r(lint(text)) == []


def test_r308_silent_when_pelaksana_is_missing_or_undeclared() -> None:
    text = sop(TWO_ROLES, [("KARO menyurati", None), ("KARO menelaah", ["Kasubag TU"]), ("Menghimpun", ["KASUBBAG", "KARO"])])
    assert [c for c, _, _ in r(lint(text))] == ["R303", "R301"]


# --- the seeds and performance ---------------------------------------------------------


def test_complete_sop_is_clean_of_r_findings(good_sop: str) -> None:
    assert r(lint(good_sop)) == []


@pytest.mark.parametrize("kind", ["declared", "typos", "strangers", "hostile"])
def test_two_thousand_steps_give_one_r301_each(kind: str) -> None:
    roles = [f"R{i}: Pejabat {i:02d} {hashlib.md5(str(i).encode()).hexdigest()[:8]}" for i in range(40)]
    steps: list[tuple[str, list[str] | None]] = []
    for i in range(2000):
        if kind == "declared":
            name = f"R{i % 40}"
        elif kind == "typos":  # 40 distinct near-misses, each many times
            name = roles[i % 40].split(": ")[1].replace("Pejabat", "Pejabta")
        else:  # 200 distinct names like no declared one; hostile: 2,000, each searched for a guess
            distinct = i if kind == "hostile" else i % 200
            name = f"Petugas {hashlib.md5(str(-distinct).encode()).hexdigest()[:10]}"
        steps.append((f"Kegiatan {i}", [name, f"R{(i + 1) % 40}"]))
    result = parse_text(sop(roles, steps))
    assert result.sop is not None
    ctx = Context(builtin_pack(), TODAY)
    rules = [rule for code, rule in all_rules().items() if code.startswith("R")]
    found = [finding for rule in rules for finding in rule().check(result.sop, ctx)]
    assert len([f for f in found if f.code == "R301"]) == (0 if kind == "declared" else 2000)
    if kind == "typos":
        assert {f.args["suggestion"] for f in found if f.code == "R301"} == {role.split(": ")[1] for role in roles}


def test_many_declared_roles_are_compared_without_a_pairwise_loop() -> None:
    roles = [f"Pejabat {hashlib.md5(str(i).encode()).hexdigest()[:12]}" for i in range(1500)]
    roles.append(roles[700].replace("Pejabat", "Pejabta"))  # one stray copy among them
    text = sop(roles, [("A", roles[:750]), ("B", roles[750:])])
    findings = lint(text, select=["R"])
    assert r(findings) == [("R304", role_line(1500), 3)]


def test_a_pelaksana_of_many_comma_parts_stays_linear() -> None:
    text = sop(TWO_ROLES, [("Menyurati", ["KARO"]), ("Menghimpun", ["KASUBBAG", *(f"Staf {i}" for i in range(3000))])])
    findings = lint(text, select=["R"])
    assert len(findings) == 3000 and {f.code for f in findings} == {"R301"}


# R304 precision: close spellings of different offices are not one role spelt two ways.
@pytest.mark.parametrize(
    ("first", "second", "fires"),
    [
        ("Kabid Umum", "Kabag Umum", False),  # Kepala Bidang / Kepala Bagian
        ("Kasubbag", "Kasubbag TU", False),  # a whole word more: another unit
        ("Kasubag Perencanaan", "Kasubbag Perencanaan", True),
        ("Ka.Subbag Umum", "Kasubbag Umum", True),
        ("Kasi Umum", "Kasie Umum", True),
    ],
)
def test_r304_distinct_offices(good_sop: str, first: str, second: str, fires: bool) -> None:
    text = good_sop.replace("- Arsiparis\n", f"- Arsiparis\n- {first}\n- {second}\n")
    found = [c for c in codes(lint(text)) if c[0] == "R304"]
    assert found == ([("R304", 57, 3)] if fires else [])
