"""Hostile inputs (tests/hostile_imports.py makes 52: zip bombs, a docx that is no zip,
entity bombs, an encrypted PDF, a PDF with no pages or no text layer, an .xlsx with no
sheets or a merge of the whole sheet, tables with no header, 40 role columns, 5,000
rows …): each gives one line naming the file and what is wrong, or a file (with its
guesses) that parses — never a traceback, never a hang; one bad file never stops the
others, and the run exits 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.importers.docx import doc_blocks

from .conftest import ROOT, lint_bytes
from .hostile_imports import make


@pytest.fixture(scope="module")
def run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, tuple[str, str | None]], Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("hostile")
    cases = make(folder / "in")
    out = folder / "out"
    names = sorted(cases)
    result = subprocess.run(
        [sys.executable, "-m", "sop_lint", "import", "-q", *names, "--out-dir", str(out)],
        cwd=folder / "in",
        capture_output=True,
        text=True,
        timeout=600,  # a hang fails here
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "PYTHONPATH": str(ROOT)},
    )
    return cases, out, result


def test_fifty_hostile_inputs(run: tuple[dict[str, tuple[str, str | None]], Path, subprocess.CompletedProcess[str]]) -> None:
    cases, out, result = run
    assert len(cases) >= 50
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    reported = {line.split(": ", 1)[0]: line for line in lines[:-1]}
    written = 0
    for name, (kind, words) in cases.items():
        if kind == "line":
            assert name in reported, f"{name}: no line on standard error"
            assert words is not None and words in reported[name], reported[name]
            assert len(reported[name]) < 300
        else:
            assert name not in reported, reported.get(name)
            written += 1
    assert len(lines) - 1 == len(cases) - written  # one line per bad file, then the summary
    outputs = sorted(out.glob("*.sop.md"))
    assert len(outputs) == written
    for path in outputs:
        assert "P001" not in {f.code for f in lint_bytes(path.read_bytes(), path.name)}, path.name
    assert lines[-1].startswith(f"{written} files imported, ")
    assert lines[-1].endswith("…."), lines[-1]


def test_inputs_that_share_a_name_keep_their_kind(
    run: tuple[dict[str, tuple[str, str | None]], Path, subprocess.CompletedProcess[str]],
) -> None:
    _, out, _ = run
    assert {p.name for p in out.glob("five-thousand-rows*")} == {
        "five-thousand-rows-docx.sop.md",
        "five-thousand-rows-md.sop.md",
        "five-thousand-rows-txt.sop.md",
        "five-thousand-rows-xlsx.sop.md",
    }
    text = (out / "five-thousand-rows-txt.sop.md").read_text(encoding="utf-8")
    assert "5000. Kegiatan 5000" in text


def test_forty_role_columns_are_forty_roles(
    run: tuple[dict[str, tuple[str, str | None]], Path, subprocess.CompletedProcess[str]],
) -> None:
    _, out, _ = run
    text = (out / "forty-roles-docx.sop.md").read_text(encoding="utf-8")
    assert "- Peran 39" in text.splitlines()
    assert "   - Pelaksana: Peran 1" in text.splitlines()  # step 1: the ✓ in the second role column


def test_comment_markers_and_controls_cannot_break_the_output(
    run: tuple[dict[str, tuple[str, str | None]], Path, subprocess.CompletedProcess[str]],
) -> None:
    _, out, _ = run
    text = (out / "comment-markers-and-controls.sop.md").read_text(encoding="utf-8")
    assert "\x00" not in text and "\u2028" not in text
    assert "1. Kegiatan <! -- satu -- > ## # - 1. x" in text.splitlines()


def test_a_doc_without_libreoffice_names_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sop_lint.importers import ImportFailure

    monkeypatch.setattr("shutil.which", lambda name: None)
    path = tmp_path / "lama.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ImportFailure, match="install LibreOffice \\(Debian: libreoffice-writer-nogui\\)"):
        doc_blocks(path)
