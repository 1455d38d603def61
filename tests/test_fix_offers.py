"""Fixes shown and offered (issue 13, point 2): `--show-fixes`; the suggestions the
messages make (R301 role, D503 `30 menit`, D504 unit, L605 year, an ambiguous
P002/P003) are unsafe fixes that only `--unsafe-fixes` applies, through the one
fix channel; a preview rule selected without `--preview` says it does nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_runner import invoke

DOC = """\
# T

## Identitas

- Pengesahan: Kepala

## Dasar Hukum

1. Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah.

## Kualifkasi

1. x

## Prosedur

1. a
   - Pelaksana: Kasubag TU
   - Waktu: 5 mnit
2. b
   - Pelaksana: Kasubbag TU
   - Waktu: 30

## Pelaksana

- Kasubbag TU
"""
SELECT = ("--isolated", "--no-show-source", "--select", "P002,P003,R301,D503,D504,L605")

FOUND = [
    "d.sop.md:5:3: P003 [warning] unknown key `Pengesahan`; did you mean `Disahkan Oleh`?",
    "d.sop.md:9:29: L605 [warning] `Permendagri 86` was issued in 2017, not 2016: "
    "cite it as `Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017`",
    "d.sop.md:11:1: P002 [warning] unknown section `Kualifkasi`; did you mean `Kualifikasi Pelaksana`?",
    "d.sop.md:18:17: R301 [error] role `Kasubag TU` is not declared under Pelaksana; did you mean `Kasubbag TU`?",
    "d.sop.md:19:15: D504 [error] unknown time unit `mnit` in Waktu `5 mnit`; did you mean `menit`?",
    "d.sop.md:22:13: D503 [warning] Waktu `30` has no unit: did you mean `30 menit`?",
]


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "d.sop.md"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_show_fixes_lists_the_safe_and_the_unsafe_fixes(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, *SELECT, "-q", "--show-fixes", "d.sop.md")
    assert result.out.splitlines() == [
        *FOUND,
        "1 finding fixable with --fix:",
        "  d.sop.md:11:1: P002 Rename the section `Kualifikasi Pelaksana`",
        "5 findings fixable with --unsafe-fixes:",
        "  d.sop.md:5:3: P003 Rename the key `Disahkan Oleh`",
        "  d.sop.md:9:29: L605 Write `2017`",
        "  d.sop.md:18:17: R301 Write `Kasubbag TU`",
        "  d.sop.md:19:15: D504 Write `menit`",
        "  d.sop.md:22:13: D503 Write `30 menit`",
    ]


def test_the_summary_counts_the_unsafe_fixes_apart(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, *SELECT, "d.sop.md")
    assert result.out.splitlines() == [
        *FOUND,
        "Found 6 findings (2 errors, 4 warnings) in 1 file; 1 fixable with --fix; 5 more with --unsafe-fixes.",
    ]


def test_fix_applies_only_the_safe_fix(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, *SELECT, "--fix", "--show-fixes", "d.sop.md")
    assert doc.read_text(encoding="utf-8") == DOC.replace("## Kualifkasi", "## Kualifikasi Pelaksana")
    assert "Fixed 1 finding:\n  d.sop.md:11:1: P002 Rename the section `Kualifikasi Pelaksana`\n" in result.out
    assert result.err == "Fixed 1 finding in 1 file.\n"


def test_unsafe_fixes_applies_every_suggestion(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, *SELECT, "--fix", "--unsafe-fixes", "d.sop.md")
    assert doc.read_text(encoding="utf-8") == (
        DOC.replace("## Kualifkasi", "## Kualifikasi Pelaksana")
        .replace("- Pengesahan:", "- Disahkan Oleh:")
        .replace("86 Tahun 2016", "86 Tahun 2017")
        .replace("Pelaksana: Kasubag TU", "Pelaksana: Kasubbag TU")
        .replace("5 mnit", "5 menit")
        .replace("Waktu: 30\n", "Waktu: 30 menit\n")
    )
    assert result.err == "Fixed 6 findings in 1 file.\n"
    assert result.out == "No findings in 1 file.\n"


def test_unsafe_fixes_ride_on_the_findings_in_json(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    result = invoke(capsys, *SELECT, "--output-format", "json", "d.sop.md")
    fixes = {(f["code"], f["fix"]["applicability"]) for f in json.loads(result.out)["findings"] if f.get("fix")}
    assert fixes == {
        ("P002", "safe"),
        ("P003", "unsafe"),
        ("L605", "unsafe"),
        ("R301", "unsafe"),
        ("D504", "unsafe"),
        ("D503", "unsafe"),
    }


def test_selecting_a_preview_rule_without_preview_says_it_has_no_effect(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "--isolated", "--select", "C204", "d.sop.md")
    assert result.err == "sop-lint: warning: `C204` selects only preview rules: it has no effect without --preview\n"
    assert result.out == "No findings in 1 file.\n"
    assert invoke(capsys, "--isolated", "--select", "C204", "--preview", "d.sop.md").err == ""
    assert invoke(capsys, "--isolated", "--select", "C", "d.sop.md").err == ""  # C holds stable rules too
    result = invoke(capsys, "--isolated", "--lang", "id", "--extend-select", "R308", "d.sop.md")
    assert (
        result.err
        == "sop-lint: perhatian: `R308` hanya memilih aturan pratinjau: tanpa --preview pilihan ini tidak berpengaruh\n"
    )
