"""The four real SOPs (fixtures/seeds/) and their corrected versions.

Each seed is a faithful transcription of an agency's SOP, defects kept; the
linter must find those defects at the exact place. Each corrected version
fixes them and must give nothing at warning or above. Both run with preview
off, as a user's default run does.

Positions are 1-based (line, column) of: a section heading -> its `##`; a key
-> the key text; a value -> the value text; a step number -> the number
marker; a role reference -> the role text inside the Pelaksana value; a year
-> its 4 digits; an activity -> the activity text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sop_lint.parser import parse_text
from sop_lint.rule import Finding

from .conftest import FIXTURES, codes, lint_bytes

SEEDS = FIXTURES / "seeds"
CORRECTED = SEEDS / "corrected"

KALBAR = "000-kalbar-pengumpulan-data-kinerja.sop.md"
WAYKANAN_A = "002a-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md"
WAYKANAN_B = "002b-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md"
JAMBI = "003-jambi-pengumpulan-data-kinerja.sop.md"
PESISIR = "004-pesisirselatan-pengumpulan-data-kinerja.sop.md"
NAMES = (KALBAR, WAYKANAN_A, WAYKANAN_B, JAMBI, PESISIR)

# What each defective seed must report (among other findings), at exactly these places.
EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    KALBAR: [
        ("D502", 75, 13),  # Waktu: Sesuai dengan waktu yang ditentukan
    ],
    WAYKANAN_A: [
        ("M101", 16, 1),  # no Nama Pengesah / NIP Pengesah: on the Identitas heading
        ("M103", 22, 19),  # Tanggal Revisi: 2022
        ("M103", 23, 23),  # Tanggal Pengesahan: 2022
        ("P002", 47, 1),  # ## Peralatan/Perengkapan
        ("P002", 58, 1),  # ## Pencatataa dan Pendataan
        ("R304", 65, 3),  # Karubag … / Kasubbag Perencanaan / JF Perencanaan
        ("D501", 97, 4),  # step 6: no Waktu (nor Kelengkapan, Output)
    ],
    WAYKANAN_B: [
        ("M101", 18, 1),
        ("M103", 24, 19),
        ("M103", 25, 23),
        ("P002", 49, 1),
        ("P002", 60, 1),
        ("D503", 77, 13),  # Waktu: 15
        ("D503", 82, 13),  # 30
        ("R301", 85, 17),  # Pelaksana: Ka.ubhag Perencanaan / JF Perencana
        ("D503", 87, 13),  # 15
        ("R301", 90, 24),  # Pelaksana: Kabid, Ka.ubhag Perencanaan / JF Perencana, …
        ("D503", 92, 13),  # 60
        ("D503", 97, 13),  # 480
        ("D503", 102, 13),  # 480
        ("D503", 107, 13),  # 480
        ("D503", 112, 13),  # 15
        ("D503", 117, 13),  # 480
    ],
    JAMBI: [
        ("M101", 15, 1),  # no Nama Pengesah / NIP Pengesah (the cell is an image)
        ("M103", 20, 18),  # Tgl Pembuatan: Januari 2022
        ("M103", 21, 19),  # Tanggal Revisi: Januari 2022
        ("M103", 22, 23),  # Tanggal Pengesahan: Januari 2022
        ("L605", 29, 29),  # Permendagri No. 86 Tahun 2016
        ("L601", 31, 4),  # DPA Tahun berjalan
        ("L601", 32, 4),  # Peraturan lainnya yang berkaitan dengan Kinerja
        ("C202", 54, 1),  # ## PERINGATAN, empty
        ("S409", 70, 4),  # 1. Mulai
        ("S401", 86, 1),  # the first `9.` (1 … 6, 9, 7, 8, 9, 10, 11)
        ("S409", 101, 5),  # 11. Selesai
    ],
    PESISIR: [
        ("M108", 26, 17),  # NIP Pengesah: 19680904 1993081 001
        ("R301", 114, 17),  # Kasi PPTK
        ("R301", 114, 28),  # Sekretariat Kasubbg
        ("R301", 126, 18),  # Kasubbg perencanaan, keuangan dan pelaporan
        ("R301", 132, 18),  # Kasubbg perencanaan, Keuangan dan Pelaporan
        ("R301", 144, 18),  # Kasubbg perencanaan dan pelaporan
        ("R301", 150, 18),  # Staff Perencanaan dan Pelaporan
    ],
}

# Text a finding's message must contain: the thing found or the likely intended value.
MESSAGES: dict[str, list[tuple[str, int, int, str]]] = {
    WAYKANAN_A: [
        ("P002", 47, 1, "Peralatan/Perlengkapan"),
        ("P002", 58, 1, "Pencatatan dan Pendataan"),
        ("M101", 16, 1, "Nama Pengesah"),
        ("M101", 16, 1, "NIP Pengesah"),
    ],
    WAYKANAN_B: [
        ("P002", 60, 1, "Pencatatan dan Pendataan"),
        ("R301", 85, 17, "Karubag Perencanaan / JF Perencanaan"),
    ],
    JAMBI: [
        ("M101", 15, 1, "Nama Pengesah"),
        ("M101", 15, 1, "NIP Pengesah"),
        ("L605", 29, 29, "2017"),
    ],
    PESISIR: [
        ("M108", 26, 17, "19680904 199308 1 001"),
        ("R301", 114, 17, "Kasi/PPTK"),
        ("R301", 114, 28, "Sekretariat /Kasubbag"),
        ("R301", 126, 18, "Kasubag Perencanaan, Keu. dan Pelaporan"),
        ("R301", 144, 18, "Kasubag Perencanaan, Keu. dan Pelaporan"),
        ("R301", 150, 18, "Staf Perencanaan dan Pelaporan"),
    ],
}

# 003: the lines of the steps that are activities (not Mulai/Selesai): each lacks
# Kelengkapan and Output, since the source table has no such columns.
JAMBI_ACTIVITY_LINES = {71, 74, 77, 80, 83, 86, 89, 92, 95, 98}
JAMBI_TERMINATOR_LINES = {70, 101, 102}  # `1. Mulai`; `11. Selesai` and its `- Waktu: -`


@cache
def _findings(path: Path) -> tuple[Finding, ...]:
    return tuple(lint_bytes(path.read_bytes(), path.name, preview=False))


def seed(name: str) -> list[Finding]:
    return list(_findings(SEEDS / name))


def corrected(name: str) -> list[Finding]:
    return list(_findings(CORRECTED / name))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the transcriptions themselves (independent of the rules) ------------------------


def test_every_seed_has_a_corrected_version() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.sop.md")) == sorted(NAMES)
    assert sorted(p.name for p in CORRECTED.glob("*.sop.md")) == sorted(NAMES)


@pytest.mark.parametrize(
    "path", [SEEDS / n for n in NAMES] + [CORRECTED / n for n in NAMES], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_parses_and_renders_as_commonmark_lists(path: Path) -> None:
    result = parse_text(_text(path))
    assert result.problem is None and result.sop is not None
    sop = result.sop
    assert sop.steps
    for step in sop.steps:
        for sub in step.item.subs:
            # a step's sub-items sit at its content column (3 spaces under `9. `,
            # 4 under `10. `), or a renderer restarts the numbered list
            assert sub.marker_span.column == step.activity_span.column, (step.number, sub.text)


def test_003_keeps_the_authors_step_numbers_and_terminators() -> None:
    sop = parse_text(_text(SEEDS / JAMBI)).sop
    assert sop is not None
    assert [s.number for s in sop.steps] == [1, 2, 3, 4, 5, 6, 9, 7, 8, 9, 10, 11]
    assert [s.activity for s in sop.steps if s.terminator] == ["Mulai", "Selesai"]
    assert not any(s.field("Kelengkapan") or s.field("Output") for s in sop.steps)
    peringatan = sop.section("Peringatan")
    assert peringatan is not None and peringatan.items == []
    identity = sop.identity
    assert identity is not None and identity.field("Nama Pengesah") is None and identity.field("NIP Pengesah") is None


@pytest.mark.parametrize(
    ("name", "written"),
    [
        (KALBAR, "Sesuai dengan waktu yang ditentukan"),
        (WAYKANAN_A, "## Pencatataa dan Pendataan"),
        (WAYKANAN_A, "## Peralatan/Perengkapan"),
        (WAYKANAN_A, "Meyampakan format"),
        (WAYKANAN_A, "dall fungsi"),
        (WAYKANAN_B, "Pelaksana: Ka.ubhag Perencanaan / JF Perencana"),
        (WAYKANAN_B, "   - Waktu: 15\n"),
        (JAMBI, "3. Permendagri No. 86 Tahun 2016"),
        (JAMBI, "5. DPA Tahun berjalan"),
        (PESISIR, "NIP Pengesah: 19680904 1993081 001"),
        (PESISIR, "Pelaksana: Kasubbg perencanaan dan pelaporan"),
    ],
)
def test_seed_keeps_the_authors_words(name: str, written: str) -> None:
    assert written in _text(SEEDS / name)


def test_002a_step_6_has_only_a_pelaksana() -> None:
    sop = parse_text(_text(SEEDS / WAYKANAN_A)).sop
    assert sop is not None
    assert [f.key for f in sop.steps[5].fields] == ["Pelaksana"]


@pytest.mark.parametrize("name", NAMES)
def test_corrected_is_numbered_and_uses_every_role(name: str) -> None:
    sop = parse_text(_text(CORRECTED / name)).sop
    assert sop is not None
    assert [s.number for s in sop.steps] == list(range(1, len(sop.steps) + 1))
    assert not any(s.terminator for s in sop.steps)
    used = {ref.role.alias for s in sop.steps for ref in s.performers if ref.role is not None}
    assert used == {role.alias for role in sop.roles}
    assert all(ref.role is not None for s in sop.steps for ref in s.performers)


def test_corrected_sop_numbers_are_distinct() -> None:
    numbers = []
    for name in NAMES:
        sop = parse_text(_text(CORRECTED / name)).sop
        assert sop is not None and sop.identity is not None
        nomor = sop.identity.field("Nomor")
        assert nomor is not None
        numbers.append(" ".join(nomor.value.split()))
    assert len(set(numbers)) == len(numbers)


# --- what the linter finds in them ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [(name, item) for name, items in EXPECTED.items() for item in items],
    ids=lambda value: value if isinstance(value, str) else "{} {}:{}".format(*value),
)
def test_seed_reports_its_real_defect(name: str, expected: tuple[str, int, int]) -> None:
    found = codes(seed(name))
    assert expected in found, f"{expected} not in {found}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [(name, item) for name, items in MESSAGES.items() for item in items],
    ids=lambda value: value if isinstance(value, str) else "{} {}:{} {}".format(*value),
)
def test_seed_message_names_the_intended_value(name: str, expected: tuple[str, int, int, str]) -> None:
    code, line, column, wanted = expected
    at = [f.text for f in seed(name) if (f.code, f.span.line, f.span.column) == (code, line, column)]
    assert any(wanted in text for text in at), f"no {code} at {line}:{column} mentions `{wanted}`: {at}"


def test_003_has_exactly_one_numbering_finding() -> None:
    assert [c for c in codes(seed(JAMBI)) if c[0] == "S401"] == [("S401", 86, 1)]


def test_003_terminators_give_only_s409() -> None:
    on_terminators = [c for c in codes(seed(JAMBI)) if c[1] in JAMBI_TERMINATOR_LINES]
    assert sorted(on_terminators) == [("S409", 70, 4), ("S409", 101, 5)]


@pytest.mark.parametrize("code", ["D511", "D512"])
def test_003_every_activity_lacks_kelengkapan_and_output(code: str) -> None:
    assert {f.span.line for f in seed(JAMBI) if f.code == code} == JAMBI_ACTIVITY_LINES


@pytest.mark.parametrize("code", ["D511", "D512"])
def test_002a_step_6_lacks_kelengkapan_and_output(code: str) -> None:
    assert {f.span.line for f in seed(WAYKANAN_A) if f.code == code} == {97}


def test_000_decisions_are_well_formed() -> None:
    # steps 6 and 7 decide in prose; written as Keputusan/Ya/Tidak they must flow cleanly
    assert [c for c in codes(seed(KALBAR)) if c[0].startswith("S")] == []


@pytest.mark.parametrize("name", NAMES)
def test_corrected_seed_is_clean(name: str) -> None:
    serious = [(f.code, f.span.line, f.span.column, f.text) for f in corrected(name) if f.severity in ("warning", "error")]
    assert serious == []
