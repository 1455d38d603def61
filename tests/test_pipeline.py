"""The engine hands on what it parsed, and one pipeline serves the command line,
the library API and editors (issue 8, point 3)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import sop_lint.engine
import sop_lint.writer
from sop_lint.engine import Linter, LintResult, Settings
from sop_lint.fixing import fix_text
from sop_lint.output import ReportOptions
from sop_lint.pipeline import Pipeline

from .conftest import TODAY
from .test_fix import DECISIONS

PIPELINE = Pipeline(Linter(Settings(preview=True, today=TODAY)))


def test_lint_returns_the_model_with_the_findings() -> None:
    result = PIPELINE.lint(DECISIONS, "d.sop.md")
    assert isinstance(result, LintResult)
    assert result.text == DECISIONS and result.path == "d.sop.md"
    assert result.sop is not None and [s.number for s in result.sop.steps] == [1, 2, 5, 9, 12, None, 14, 15]
    assert {f.code for f in result.findings if f.fix is not None} == {"S401", "S409"}


def test_bytes_that_are_not_utf8_have_no_model() -> None:
    result = PIPELINE.lint(b"\xff\xfe# T\n", "x.sop.md")
    assert (result.text, result.sop, [f.code for f in result.findings]) == (None, None, ["P005"])


def test_a_text_that_does_not_parse_has_no_model_but_its_finding() -> None:
    result = PIPELINE.lint("# A\n\n## Prosedur\n\n2. a\n\n# B\n", "x.sop.md")
    assert result.sop is None and [f.code for f in result.findings] == ["P001"]


def test_fix_parses_each_round_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parses: list[str] = []
    for module in (sop_lint.engine, sop_lint.writer):
        real = module.parse_text

        def counting(text: str, *args: object, real: object = real) -> object:
            parses.append(text)
            return real(text, *args)  # type: ignore[operator]

        monkeypatch.setattr(module, "parse_text", counting)
    result = fix_text(PIPELINE.linter, DECISIONS, "d.sop.md")
    assert result.changed and result.rounds >= 1
    assert len(parses) == 1 + result.rounds  # the first lint, then one parse per round (its check)
    assert parses[0] == DECISIONS and parses[-1] == result.text


def test_check_walks_files_and_fixes_them(tmp_path: Path) -> None:
    (tmp_path / "a.sop.md").write_text(DECISIONS, encoding="utf-8")
    (tmp_path / "b.sop.md").write_text("# B\n", encoding="utf-8")
    files = PIPELINE.files([str(tmp_path)])
    assert [p.name for p in files] == ["a.sop.md", "b.sop.md"]
    linted = list(PIPELINE.check(files, jobs=1))
    assert [r.linted for r in linted] == [True, True] and all(r.fix is None for r in linted)
    before = [f.code for f in linted[0].findings]
    fixed = list(PIPELINE.check(files, fix=True, write=False))
    assert fixed[0].fix is not None and fixed[0].fix.changed and fixed[0].fix.fixed == before.count("S401") + before.count("S409")
    assert (tmp_path / "a.sop.md").read_text(encoding="utf-8") == DECISIONS  # write=False
    list(PIPELINE.check(files[:1], fix=True, write=True))
    assert (tmp_path / "a.sop.md").read_text(encoding="utf-8") == fixed[0].fix.text


def test_an_unreadable_file_is_a_report_with_its_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sop.md"
    (report,) = PIPELINE.check([missing], jobs=1)
    assert not report.linted and report.error is not None and report.error.startswith(f"{missing}: cannot read: ")


def test_fix_source_fixes_in_memory() -> None:
    outcome = PIPELINE.fix_source(DECISIONS.encode("utf-8"), "d.sop.md")
    assert outcome.changed and outcome.text is not None and "1. Menerima berkas\n" in outcome.text
    assert not [f for f in outcome.findings if f.code in ("S401", "S409")]


def test_report_uses_the_one_reporter_signature() -> None:
    findings = PIPELINE.lint(DECISIONS, "d.sop.md").findings
    out = io.StringIO()
    PIPELINE.report(findings, ["d.sop.md"], out, "text", ReportOptions(show_source=False))
    assert out.getvalue().splitlines()[-1].endswith(f"; {sum(f.fix is not None for f in findings)} fixable with --fix.")
    out = io.StringIO()
    PIPELINE.report(findings, ["d.sop.md"], out, "json", statistics=True, options=ReportOptions(statistics_format="json"))
    assert '"code": "S401"' in out.getvalue()
