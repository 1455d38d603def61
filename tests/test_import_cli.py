"""`sop-lint import` on the command line: where it writes, what it never overwrites,
what it prints (each file, its guesses with their lines, a summary line), and that a
plain `check` never loads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .cli_runner import invoke
from .conftest import ROOT, lint

SEED = ROOT.parent / "shared" / "seeds" / "000_959eca75d1cbc353.txt"
TABLE = """# Pengumpulan Data

## Identitas

- Nomor: 1/2/3

## Prosedur

| No | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output |
|---|---|---|---|---|---|
| 1 | Menyurati bagian | Kabag | Surat | 5 menit | Disposisi |
| 2 | Menelaah \\| mengoreksi | Kasubbag, Staf | Draft | 1 jam | Draft |
| 4 | Mengarsipkan | Staf | Dokumen | 15 | Arsip |
"""


def _text_sop(folder: Path, name: str = "sop.txt") -> Path:
    path = folder / name
    path.write_text(
        "Nomor SOP\t1/SOP/2024\nNama SOP\tUji Impor\n"
        "No\tKegiatan\tPelaksana\t\tWaktu\tOutput\n\t\tKabag\tStaf\t\t\n"
        "1\tMenyurati\t\t\t5 menit\tSurat\n2\tMengarsipkan\t\t\t1 jam\tArsip\n",
        encoding="utf-8",
    )
    return path


def test_a_file_is_written_beside_its_source_and_its_guesses_listed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _text_sop(tmp_path)
    result = invoke(capsys, "import", str(source))
    target = tmp_path / "sop.sop.md"
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{source} -> {target} (1 guess)",
        f"  {target}:3: a text extraction: the flowchart symbols that placed each step in a Pelaksana column are lost, so no step has a Pelaksana",  # noqa: E501
    ]
    assert result.err_lines == ["1 file imported, 1 procedure with guesses."]
    assert target.read_text(encoding="utf-8").startswith("# Uji Impor\n\n<!-- import: a text extraction")


def test_an_existing_file_is_never_overwritten_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _text_sop(tmp_path)
    target = tmp_path / "sop.sop.md"
    target.write_text("mine\n", encoding="utf-8")
    result = invoke(capsys, "import", str(source))
    assert result.code == 2
    assert result.err_lines == [
        f"{source}: {target} exists: not overwritten (use --force)",
        "0 files imported, 0 procedures with guesses, 1 file skipped: sop.txt.",
    ]
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert invoke(capsys, "import", "--force", "-q", str(source)).code == 0
    assert target.read_text(encoding="utf-8").startswith("# Uji Impor")


def test_output_and_out_dir(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _text_sop(tmp_path)
    assert invoke(capsys, "import", "-q", str(source), "-o", str(tmp_path / "x" / "named.sop.md")).code == 0
    assert (tmp_path / "x" / "named.sop.md").exists()
    assert invoke(capsys, "import", "-q", str(source), "--out-dir", str(tmp_path / "y")).code == 0
    assert (tmp_path / "y" / "sop.sop.md").exists()
    result = invoke(capsys, "import", str(tmp_path), "-o", str(tmp_path / "z.sop.md"))
    assert result.code == 2 and result.err_lines == [
        "sop-lint import: -o names one output file: give one input file (or use --out-dir)"
    ]


def test_a_folder_one_bad_file_never_stops_the_others(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _text_sop(tmp_path, "a.txt")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    _text_sop(tmp_path, "c.txt")
    (tmp_path / "ignored.sop.md").write_text("# already an SOP\n", encoding="utf-8")
    result = invoke(capsys, "import", "-q", str(tmp_path), "--out-dir", str(tmp_path / "out"))
    assert result.code == 2
    assert result.err_lines == [
        f"{tmp_path / 'b.pdf'}: not a PDF (no %PDF header)",
        "2 files imported, 2 procedures with guesses, 1 file skipped: b.pdf.",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.sop.md", "c.sop.md"]


def test_a_markdown_table_in_a_sop_md_is_converted_in_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "data.sop.md"
    path.write_text(TABLE, encoding="utf-8")
    assert [f.code for f in lint(TABLE)].count("P010") == 1
    result = invoke(capsys, "import", "-q", str(path))
    assert result.code == 0
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[6:] == [
        "## Pelaksana",
        "",
        "- Kabag",
        "- Kasubbag",
        "- Staf",
        "",
        "## Prosedur",
        "",
        "1. Menyurati bagian",
        "   - Pelaksana: Kabag",
        "   - Kelengkapan: Surat",
        "   - Waktu: 5 menit",
        "   - Output: Disposisi",
        "2. Menelaah | mengoreksi",
        "   - Pelaksana: Kasubbag, Staf",
        "   - Kelengkapan: Draft",
        "   - Waktu: 1 jam",
        "   - Output: Draft",
        "4. Mengarsipkan",
        "   - Pelaksana: Staf",
        "   - Kelengkapan: Dokumen",
        "   - Waktu: 15",
        "   - Output: Arsip",
    ]
    codes = [f.code for f in lint(text)]
    assert "P010" not in codes and "S408" not in codes
    assert {"S401", "D503"} <= set(codes)  # the jump to 4 and the bare 15 are the source's: kept
    again = invoke(capsys, "import", str(path))
    assert again.code == 2 and "no Markdown table in its `## Prosedur`" in again.err_lines[0]


def test_the_same_input_gives_the_same_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _text_sop(tmp_path)
    invoke(capsys, "import", "-q", str(source), "-o", str(tmp_path / "one.sop.md"))
    invoke(capsys, "import", "-q", str(source), "-o", str(tmp_path / "two.sop.md"))
    assert (tmp_path / "one.sop.md").read_bytes() == (tmp_path / "two.sop.md").read_bytes()


def test_no_temporary_file_is_left_and_a_missing_path_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _text_sop(tmp_path)
    invoke(capsys, "import", "-q", str(source))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sop.sop.md", "sop.txt"]
    result = invoke(capsys, "import", str(tmp_path / "nope.docx"))
    assert result.code == 2
    assert result.err_lines[0] == f"{tmp_path / 'nope.docx'}: no such file or directory"


def test_check_never_loads_the_importers(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from sop_lint.cli import run\n"
        "run(['check', '--no-cache', sys.argv[1]])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sop_lint.importers', 'docx', 'pdfplumber', 'openpyxl', 'lxml'))))\n"  # noqa: E501
    )
    sop = tmp_path / "a.sop.md"
    sop.write_text("# A\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", probe, str(sop)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr
