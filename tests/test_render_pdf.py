"""`sop-lint render --format pdf`: the HTML printed by a Chromium-family browser found
on the machine; without one, one line saying what to install, and the HTML still written."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_runner import invoke
from .conftest import FIXTURES, need_program
from .render_reading import parse_strict

GOOD = FIXTURES / "good" / "complete.sop.md"


def test_pdf_with_the_browser_on_the_machine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_program("chromium", "chromium-browser", "google-chrome")
    import pdfplumber

    result = invoke(capsys, "render", str(GOOD), "--format", "pdf", "-o", str(tmp_path), "--isolated")
    assert result.code == 0, result.err
    pdf = tmp_path / "complete.pdf"
    assert result.err == f"Wrote {pdf}\n"
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 2  # the identity page, then 5 steps on one page of the matrix
        assert "Menandatangani data kinerja" in (document.pages[1].extract_text() or "")
    assert not (tmp_path / "complete.html").exists()


def test_the_output_suffix_gives_the_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_program("chromium", "chromium-browser", "google-chrome")
    result = invoke(capsys, "render", str(GOOD), "-o", str(tmp_path / "signed.pdf"), "-q", "--isolated")
    assert result.code == 0, result.err
    assert (tmp_path / "signed.pdf").read_bytes().startswith(b"%PDF-")


def test_no_browser_one_line_and_the_html_is_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path))  # no Playwright browsers either
    monkeypatch.delenv("SOP_LINT_BROWSER", raising=False)
    monkeypatch.delenv("PLAYWRIGHT_BROWSERS_PATH", raising=False)
    result = invoke(capsys, "render", str(GOOD), "--format", "pdf", "-o", str(tmp_path), "--isolated")
    assert result.code == 2
    html = tmp_path / "complete.html"
    assert result.err == (
        "sop-lint: error: no Chromium-family browser found to print the PDF: install one "
        "(Debian/Ubuntu: `apt install chromium`; or Google Chrome / Microsoft Edge), "
        f"or set SOP_LINT_BROWSER to its path; wrote the HTML to {html}\n"
    )
    parse_strict(html.read_text(encoding="utf-8"))
    assert not (tmp_path / "complete.pdf").exists()


def test_sop_lint_browser_names_the_browser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake-chrome"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("SOP_LINT_BROWSER", str(fake))
    result = invoke(capsys, "render", str(GOOD), "--format", "pdf", "-o", str(tmp_path), "--isolated")
    assert result.code == 2
    assert result.err == f"sop-lint: error: {GOOD}: {fake} exited with 3: cannot open display\n"
    assert not (tmp_path / "complete.pdf").exists()
