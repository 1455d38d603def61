"""The command line: rules, explain, output formats, colour, progress,
standard input, Indonesian, and one-line failures."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint import cli
from sop_lint.engine import Linter, Settings
from sop_lint.rules import all_rules

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES, ROOT

GOOD = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
DEFECTIVE = GOOD.replace("## Peringatan\n", "## Peringatn\n")  # P002 on line 42
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "good.sop.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.sop.md").write_text(DEFECTIVE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# --- rules and explain --------------------------------------------------------


def test_rules_table_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "preview", "summary"]
    codes = [line.split()[0] for line in lines[1:]]
    assert sorted(codes) == sorted(all_rules())
    for rule in all_rules().values():
        row = next(line for line in lines if line.startswith(rule.code + " "))
        assert rule.name in row and rule.severity in row and row.endswith(rule.summary)


def test_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "rules", "--output-format", "json")
    records = json.loads(result.out)
    assert {r["code"] for r in records} == set(all_rules())
    first = next(r for r in records if r["code"] == "P002")
    assert first == {
        "code": "P002",
        "name": "unknown-section",
        "family": "P",
        "severity": "warning",
        "fix": all_rules()["P002"].fix,
        "preview": False,
        "summary": all_rules()["P002"].summary,
        "summary_id": all_rules()["P002"].summary_id,
    }


def test_rules_in_indonesian_and_filtered(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "rules", "--lang", "id", "P")
    lines = result.out.splitlines()
    assert lines[0].split() == ["kode", "nama", "tingkat", "perbaikan", "pratinjau", "ringkasan"]
    p_rules = [r for r in all_rules().values() if r.code.startswith("P")]
    assert len(lines) == 1 + len(p_rules)
    for rule in p_rules:
        assert any(line.startswith(rule.code) and line.endswith(rule.summary_id) for line in lines)
    assert one_error_line(invoke(capsys, "rules", "Q9")) == "unknown rule code or prefix `Q9`"


@pytest.mark.parametrize("name", ["P002", "p002", "unknown-section"])
def test_explain_prints_the_doc_page(capsys: pytest.CaptureFixture[str], name: str) -> None:
    result = invoke(capsys, "explain", name)
    assert result.code == 0
    rule = all_rules()["P002"]
    assert result.out.startswith("# P002 unknown-section\n")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in result.out
    assert rule.doc() in result.out


def test_explain_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        one_error_line(invoke(capsys, "explain", "unknown-sectoin"))
        == "unknown rule `unknown-sectoin`; did you mean `unknown-section`?"
    )
    assert one_error_line(invoke(capsys, "explain", "P0002")) == "unknown rule `P0002`; did you mean `P002`?"
    assert one_error_line(invoke(capsys, "explain", "zzzz")) == "unknown rule `zzzz`; `sop-lint rules` lists them"


# --- output formats ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_every_output_format_runs(project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    result = invoke(capsys, "check", "--output-format", fmt, ".")
    assert result.code == 1, result.err
    assert result.err == ""
    assert "P002" in result.out
    if fmt in ("json", "sarif"):
        json.loads(result.out)


def test_json_output_lists_the_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(invoke(capsys, "check", "--output-format", "json", ".").out)
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in document["findings"]] == [("bad.sop.md", "P002", 42, 1)]
    assert document["summary"]["files"] == 2


def test_github_is_chosen_under_github_actions(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke(capsys, "check", ".")
    assert result.code == 1
    assert result.out.startswith("::warning file=bad.sop.md,line=42,col=1,")
    assert "title=P002::" in result.out
    # An explicit format wins.
    assert invoke(capsys, "check", "--output-format", "text", ".").out.startswith("bad.sop.md:42:1: P002 [warning]")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert invoke(capsys, "check", ".").out.startswith("bad.sop.md:42:1:")


def test_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "worse.sop.md").write_text(DEFECTIVE.replace("## Keterkaitan\n", "## Keterkaitn\n"), encoding="utf-8")
    result = invoke(capsys, "check", "--statistics", ".")
    assert result.code == 1
    assert result.out.split() == ["3", "P002", "unknown-section", "[warning]"]
    data = json.loads(invoke(capsys, "check", "--statistics", "--output-format", "json", ".").out)
    assert [(row["code"], row["count"]) for row in data] == [("P002", 3)]


# --- colour and progress: only on a terminal ------------------------------------------


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str], stream: str) -> tuple[str, str]:
    """Run sop-lint with `stream` ("stdout" or "stderr") on a pseudo-terminal; (terminal text, other stream)."""
    main, secondary = pty.openpty()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: secondary}
    process = subprocess.Popen(
        [sys.executable, "-m", "sop_lint", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=streams["stdout"],
        stderr=streams["stderr"],
    )
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed (Linux: EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    other = process.communicate()[0 if stream == "stderr" else 1]
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace"), other.decode("utf-8")


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS", "FORCE_COLOR")}
    return env | extra


def test_colour_only_on_a_terminal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not ANSI.search(invoke(capsys, "check", ".").out)  # captured: not a terminal
    on_terminal, _ = _run_on_terminal(["check", "."], project, _environment(), "stdout")
    assert "\x1b[33m[warning]\x1b[0m" in on_terminal
    assert "P002" in ANSI.sub("", on_terminal)


def test_no_colour_with_no_color(project: Path) -> None:
    on_terminal, _ = _run_on_terminal(["check", "."], project, _environment(NO_COLOR="1"), "stdout")
    assert "P002" in on_terminal
    assert not ANSI.search(on_terminal)


def test_progress_bar_on_a_terminal_for_many_files(tmp_path: Path) -> None:
    for index in range(cli.PROGRESS_MIN_FILES):
        (tmp_path / f"sop-{index:03}.sop.md").write_text(GOOD, encoding="utf-8")
    err, out = _run_on_terminal(["check", "."], tmp_path, _environment(), "stderr")
    assert out == f"No findings in {cli.PROGRESS_MIN_FILES} files.\n"
    assert f"] {cli.PROGRESS_MIN_FILES}/{cli.PROGRESS_MIN_FILES}" in err
    assert err.endswith("\r\x1b[K")  # erased when done


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def test_progress_is_wanted_only_on_a_terminal_for_many_files_and_not_quiet() -> None:
    many = cli.PROGRESS_MIN_FILES
    assert cli.Progress.wanted(many, _Stream(True), quiet=False)
    assert not cli.Progress.wanted(many - 1, _Stream(True), quiet=False)
    assert not cli.Progress.wanted(many, _Stream(False), quiet=False)
    assert not cli.Progress.wanted(many, _Stream(True), quiet=True)


def test_progress_draws_and_erases() -> None:
    stream = _Stream(True)
    progress = cli.Progress(4, stream)
    for _ in range(4):
        progress.step()
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\r[" + "#" * 7)  # drawn on the first file: 30 * 1 // 4
    assert "\r[" + "#" * 30 + "] 4/4" in text  # and always on the last
    assert text.endswith("\r\x1b[K")


def test_no_progress_bar_for_few_files(project: Path) -> None:
    err, out = _run_on_terminal(["check", "."], project, _environment(), "stderr")
    assert err == ""
    assert "P002" in out


# --- standard input ------------------------------------------------------------------------


def test_stdin_is_named_by_stdin_filename(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "check", "--no-show-source", "-", "--stdin-filename", "sop/new.sop.md", stdin=DEFECTIVE.encode())
    assert result.code == 1
    assert result.out == (
        "sop/new.sop.md:42:1: P002 [warning] unknown section `Peringatn`; did you mean `Peringatan`?\n"
        "Found 1 finding (1 warning) in 1 file; 1 fixable with --fix.\n"
    )
    # --stdin-filename alone also reads standard input.
    assert invoke(capsys, "check", "--stdin-filename", "x.sop.md", stdin=GOOD.encode()).out == "No findings in 1 file.\n"
    # Without a name, `-`.
    assert invoke(capsys, "check", "--no-show-source", "-", stdin=DEFECTIVE.encode()).out.startswith("-:42:1: P002")


def test_stdin_with_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('[per-file-ignores]\n"draft/*" = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "-", "--stdin-filename", "draft/a.sop.md", stdin=DEFECTIVE.encode()).code == 0
    assert invoke(capsys, "check", "-", "--stdin-filename", "final/a.sop.md", stdin=DEFECTIVE.encode()).code == 1


def test_stdin_cannot_be_mixed_with_paths(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        one_error_line(invoke(capsys, "check", "-", "good.sop.md")) == "`-` (standard input) cannot be combined with other paths"
    )


# --- Indonesian --------------------------------------------------------------------------


def test_every_rule_speaks_both_languages() -> None:
    for rule in all_rules().values():
        assert rule.summary.strip() and rule.summary_id.strip(), rule.code
        assert rule.summary != rule.summary_id, f"{rule.code}: summary_id is not a translation"
        for key, (english, indonesian) in rule.messages.items():
            assert english.strip() and indonesian.strip(), f"{rule.code}/{key}"


def test_lang_id_speaks_indonesian_throughout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = invoke(capsys, "--lang", "id", "--no-show-source", "fixtures/")
    assert result.code in (0, 1), result.err
    lines = result.out.splitlines()
    summary = lines[-1]
    assert summary.startswith(("Ditemukan ", "Tidak ada temuan")), summary
    for english in ("Found", "finding", "No findings", "error", "warning", "fixable", " file"):
        assert english not in summary, summary
    # Every message is the Indonesian one; where the English differs, it does not appear.
    english_linter = Linter(Settings(lang="en"))
    indonesian_linter = Linter(Settings(lang="id"))
    body = "\n".join(lines[:-1])
    for path in sorted(FIXTURES.rglob("*.sop*")):
        relative = path.relative_to(ROOT).as_posix()
        data = path.read_bytes()
        for en, id_ in zip(english_linter.lint_bytes(data, relative), indonesian_linter.lint_bytes(data, relative), strict=True):
            assert f"{relative}:{id_.span.line}:{id_.span.column}: {id_.code} [{id_.severity}] {id_.text}" in body
            if en.text != id_.text:
                assert f"] {en.text}\n" not in body + "\n", f"{relative}: English message for {en.code}: {en.text}"


def test_lang_id_from_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('lang = "id"\n', encoding="utf-8")
    result = invoke(capsys, "check", "--no-show-source", ".")
    assert result.out.splitlines()[-1] == "Ditemukan 1 temuan (1 perhatian) dalam 2 berkas; 1 dapat diperbaiki dengan --fix."
    assert invoke(capsys, "rules").out.startswith("kode ")
    # A broken configuration does not stop the catalog that helps to mend it.
    (project / "sop-lint.toml").write_text('lang = "id"\nignore = ["P0022"]\n', encoding="utf-8")
    assert invoke(capsys, "rules").out.startswith("code ")
    assert invoke(capsys, "explain", "P002").code == 0


# --- one-line failures -----------------------------------------------------------------------


def test_missing_path_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_error_line(invoke(capsys, "check", "nope")) == "nope: no such file or directory"


def test_unknown_option_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_error_line(invoke(capsys, "check", "--output-format", "xml", ".")).startswith(
        "Invalid value for '--output-format'"
    )
    assert one_error_line(invoke(capsys, "check", "--no-such-option", ".")).startswith("No such option")


def test_console_script_exit_codes(project: Path) -> None:
    script = ROOT / ".venv" / "bin" / "sop-lint"
    if not script.exists():
        pytest.skip("no .venv/bin/sop-lint")
    assert subprocess.run([str(script), "good.sop.md"], capture_output=True).returncode == 0
    assert subprocess.run([str(script), "bad.sop.md"], capture_output=True).returncode == 1
    broken = subprocess.run([str(script), "--select", "Q", "."], capture_output=True, text=True)
    assert (broken.returncode, broken.stderr) == (2, "sop-lint: error: unknown rule code or prefix `Q`\n")
