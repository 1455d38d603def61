"""Baselines: record today's findings, report only new ones, survive lines
moving, tolerate fixed findings, reject corrupt files in one line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sop_lint.baseline import TEXT_LIMIT, Baseline, BaselineError, key, load, write
from sop_lint.model import Span
from sop_lint.rule import Finding

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES

GOOD = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
DEFECTIVE = GOOD.replace("## Peringatan\n", "## Peringatn\n")  # P002 on line 42


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "a.sop.md").write_text(DEFECTIVE, encoding="utf-8")
    (tmp_path / "sop" / "b.sop.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _finding(path: str, code: str, line: int, text: str) -> Finding:
    finding = Finding(code, Span(line, 1, line, 2), "default")
    finding.path, finding.source_line = path, text
    return finding


def test_write_then_check_reports_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    assert (result.code, result.out, result.err) == (0, "", "Wrote 1 finding to baseline.json.\n")
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["format"] == "sop-lint-baseline" and data["version"] == 1
    assert data["findings"] == [{"path": "sop/a.sop.md", "code": "P002", "text": "## Peringatn", "count": 1}]
    result = invoke(capsys, "check", "--baseline", "baseline.json", "sop")
    assert (result.code, result.out) == (0, "No findings in 2 files.\n")


def test_matching_survives_lines_moving(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    moved = DEFECTIVE.replace("## Dasar Hukum\n", "<!-- a new comment -->\n\n## Dasar Hukum\n")
    (project / "sop" / "a.sop.md").write_text(moved, encoding="utf-8")
    assert "P002" in invoke(capsys, "check", "--isolated", "sop").out  # still there, two lines lower
    assert invoke(capsys, "check", "--baseline", "baseline.json", "sop").code == 0


def test_new_findings_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    # The same mistake in a file the baseline does not know, and a new one in a known file.
    (project / "sop" / "b.sop.md").write_text(DEFECTIVE, encoding="utf-8")
    worse = DEFECTIVE.replace("## Keterkaitan\n", "## Keterkaitn\n")
    (project / "sop" / "a.sop.md").write_text(worse, encoding="utf-8")
    result = invoke(capsys, "check", "--no-show-source", "--baseline", "baseline.json", "sop")
    assert result.code == 1
    assert [line.split(" [")[0] for line in result.out.splitlines()[:-1]] == [
        "sop/a.sop.md:32:1: P002",  # Keterkaitn: new
        "sop/b.sop.md:42:1: P002",  # new file
    ]


def test_a_fixed_finding_leaves_the_baseline_without_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    (project / "sop" / "a.sop.md").write_text(GOOD, encoding="utf-8")
    result = invoke(capsys, "check", "--baseline", "baseline.json", "sop")
    assert (result.code, result.out, result.err) == (0, "No findings in 2 files.\n", "")


def test_baseline_from_config_and_from_another_directory(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    (project / "sop-lint.toml").write_text('baseline = "baseline.json"\n', encoding="utf-8")
    assert invoke(capsys, "check", "sop").code == 0
    monkeypatch.chdir(project / "sop")  # paths in the baseline are relative to the baseline file
    assert invoke(capsys, "check", ".").code == 0
    assert invoke(capsys, "check", "--isolated", ".").code == 1


def test_verbose_says_how_many_the_baseline_hid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoke(capsys, "check", "--write-baseline", "baseline.json", "sop")
    result = invoke(capsys, "check", "-v", "--baseline", "baseline.json", "sop")
    assert "1 finding hidden by the baseline baseline.json." in result.err_lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "b.json: not a sop-lint baseline: invalid JSON: "),
        ("[]", 'b.json: not a sop-lint baseline: expected an object with "format": "sop-lint-baseline"'),
        ('{"format": "sop-lint-baseline", "version": 9, "findings": []}', "b.json: not a sop-lint baseline: version 9 is not 1"),
        ('{"format": "sop-lint-baseline", "version": 1}', 'b.json: not a sop-lint baseline: "findings" must be a list'),
        (
            '{"format": "sop-lint-baseline", "version": 1, "findings": [{"path": "a", "code": "P002"}]}',
            'b.json: not a sop-lint baseline: findings[0] needs string "path", "code" and "text"',
        ),
        (
            '{"format": "sop-lint-baseline", "version": 1, "findings": [{"path": "a", "code": "P002", "text": "", "count": 0}]}',
            'b.json: not a sop-lint baseline: findings[0] "count" must be a positive integer',
        ),
    ],
)
def test_corrupt_baseline_is_one_line(project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (project / "b.json").write_text(content, encoding="utf-8")
    assert one_error_line(invoke(capsys, "check", "--baseline", "b.json", "sop")).startswith(message)


def test_missing_baseline_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_error_line(invoke(capsys, "check", "--baseline", "none.json", "sop")) == (
        "none.json: no such baseline file (write one with --write-baseline)"
    )


def test_unwritable_baseline_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = one_error_line(invoke(capsys, "check", "--write-baseline", "no/such/dir/b.json", "sop"))
    assert message == "no/such/dir/b.json: cannot write baseline: No such file or directory"


def test_counts_per_key(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    same = [_finding(str(tmp_path / "a.sop.md"), "D503", line, "   - Waktu: 15 mnt") for line in (10, 20)]
    write(same, path)
    baseline = load(path)
    assert baseline.counts == {("a.sop.md", "D503", "- Waktu: 15 mnt"): 2}
    # Lines moved and re-indented: still known. A third identical one is new.
    later = [_finding(str(tmp_path / "a.sop.md"), "D503", line, "- Waktu: 15 mnt") for line in (12, 25, 40)]
    assert baseline.new_findings(later) == [later[2]]
    # Another code, file or text on the same line is not the recorded finding.
    others = [
        _finding(str(tmp_path / "a.sop.md"), "D501", 10, "- Waktu: 15 mnt"),
        _finding(str(tmp_path / "b.sop.md"), "D503", 10, "- Waktu: 15 mnt"),
        _finding(str(tmp_path / "a.sop.md"), "D503", 10, "- Waktu: 16 mnt"),
    ]
    assert baseline.new_findings(others) == others


def test_huge_lines_are_cut(tmp_path: Path) -> None:
    finding = _finding("a.sop.md", "P001", 1, "x" * 2_000_000)
    assert len(key(finding, tmp_path)[2]) == TEXT_LIMIT
    path = tmp_path / "baseline.json"
    write([finding], path)
    assert path.stat().st_size < 2 * TEXT_LIMIT + 500
    assert load(path).new_findings([finding]) == []


def test_load_errors_are_baseline_errors(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_bytes(b"\xff\xfe")
    with pytest.raises(BaselineError, match="not UTF-8"):
        load(tmp_path / "b.json")
    assert Baseline(Path("b.json"), Counter()).root == Path.cwd()
