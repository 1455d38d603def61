"""`sop-lint stats`: steps, decisions, roles and their steps, total and longest-path
duration in working time, against Batas Waktu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_runner import invoke
from .conftest import FIXTURES

GOOD = FIXTURES / "good" / "complete.sop.md"


def test_text_report_of_the_complete_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "stats", str(GOOD), "--isolated")
    assert result.code == 0, result.err
    # Waktu: 20 menit; 1-2 hari; 30 menit; 1,5 jam; 1 s.d. 2 jam — 8 working hours a day.
    # Total 20 + 480..960 + 30 + 90 + 60..120 = 680..1220 minutes. The loop 3 -> 2 counts once,
    # and every step lies on the one path, so the longest path is the total.
    assert result.out == (
        f"{GOOD}: Pengumpulan Data Kinerja\n"
        "  steps: 5 (1 decision)\n"
        "  roles: 4\n"
        "    KARO (Kepala Biro Organisasi): 1, 4\n"
        "    KABAG (Kabag Tatalaksana): 3\n"
        "    KASUBBAG (Kasubbag TU): 2, 5\n"
        "    Arsiparis: 5\n"
        "  total duration: 1 hari 3 jam 20 menit – 2 hari 4 jam 20 menit\n"
        "  longest path: 1 hari 3 jam 20 menit – 2 hari 4 jam 20 menit\n"
        "  Batas Waktu: 10 hari kerja: the longest path is within it\n"
    )


def _sop(tmp_path: Path, prosedur: str, limit: str = "1 hari") -> Path:
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("- Batas Waktu: 10 hari kerja", f"- Batas Waktu: {limit}")
    text = text[: text.index("## Prosedur")] + "## Prosedur\n\n" + prosedur
    path = tmp_path / "x.sop.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_branch_makes_the_longest_path_shorter_than_the_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _sop(
        tmp_path,
        "1. Memeriksa berkas\n   - Pelaksana: KARO\n   - Keputusan: Lengkap?\n   - Ya: 2\n   - Tidak: 3\n   - Waktu: 1 jam\n"
        "2. Memproses berkas\n   - Pelaksana: KABAG\n   - Waktu: 3-5 jam\n   - Lanjut: 4\n"
        "3. Mengembalikan berkas\n   - Pelaksana: Staf Tak Terdaftar\n   - Waktu: 2 jam\n"
        "4. Mengarsipkan\n   - Pelaksana: Arsiparis\n   - Waktu: segera\n",
    )
    result = invoke(capsys, "stats", str(path), "--output-format", "json", "--isolated")
    assert result.code == 0, result.err
    (record,) = json.loads(result.out)
    assert record["steps"] == 4 and record["decisions"] == 1
    assert record["total_minutes"] == [360, 480]  # 60 + 180..300 + 120, and `segera` counts as nothing
    assert record["total"] == "6 jam – 1 hari"
    assert record["longest_path_minutes"] == [240, 360]  # 1 -> 2 -> 4 (3..5 jam + 1 jam); 1 -> 3 -> 4 is 3 jam
    assert record["longest_path"] == "4 jam – 6 jam"
    assert record["steps_without_duration"] == ["4"]
    assert record["undeclared_performers"] == [{"text": "Staf Tak Terdaftar", "steps": ["3"]}]
    assert [(r["alias"], r["steps"]) for r in record["roles"]] == [
        ("KARO", ["1"]),
        ("KABAG", ["2"]),
        ("KASUBBAG", []),
        ("Arsiparis", ["4"]),
    ]
    assert record["time_limit"] == "1 hari" and record["time_limit_minutes"] == 480
    assert record["time_limit_verdict"] == "within"


@pytest.mark.parametrize(
    ("limit", "verdict", "line"),
    [
        ("5 jam", "may-exceed", "  Batas Waktu: 5 jam: the longest path may exceed it (the range's upper end does)\n"),
        ("3 jam", "exceeds", "  Batas Waktu: 3 jam: the longest path exceeds it\n"),
        ("secepatnya", None, "  Batas Waktu: secepatnya (not a usable duration)\n"),
    ],
)
def test_against_batas_waktu(
    limit: str, verdict: str | None, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sop(tmp_path, "1. Memproses berkas\n   - Pelaksana: KABAG\n   - Waktu: 4-6 jam\n", limit)
    result = invoke(capsys, "stats", str(path), "--output-format", "json", "--isolated")
    assert json.loads(result.out)[0]["time_limit_verdict"] == verdict
    result = invoke(capsys, "stats", str(path), "--isolated")
    assert result.out.endswith(line)


def test_a_directory_and_a_file_that_does_not_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.sop.md").write_bytes(GOOD.read_bytes())
    (tmp_path / "b.sop.md").write_text("# x\n<!-- open\n", encoding="utf-8")
    result = invoke(capsys, "stats", str(tmp_path), "--output-format", "json", "--isolated")
    assert result.code == 2
    assert [r["path"] for r in json.loads(result.out)] == [str(tmp_path / "a.sop.md")]
    reason = "unterminated comment: `<!--` is never closed with `-->`"
    assert result.err == f"sop-lint: error: {tmp_path / 'b.sop.md'}:2:1: cannot parse (P001): {reason}\n"
