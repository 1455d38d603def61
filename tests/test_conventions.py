"""The conventions of ruff, GitLab and GitHub that CI users rely on (issue 13, point 3),
run through the real command line with exact output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sop_lint import REPOSITORY_URL

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES, ROOT

GITLAB_SCHEMA = Path(__file__).parent / "data" / "gitlab-codequality.schema.json"

# A document of five findings at or above `warning` (fixtures/good/complete.sop.md, five edits).
FIVE = [
    ("   - Waktu: 20 menit", "   - Waktu: 20"),
    ("   - Waktu: 30 menit", "   - Waktu: 30"),
    ("Tidak: ke langkah 2", "Tidak: ke langkah 12"),
    ("   - Pelaksana: Arsiparis, KASUBBAG", "   - Pelaksana: Arsiparis, Bendahara"),
    ("   - Waktu: 1 s.d. 2 jam", "   - Waktu: 2"),
]
FIVE_TEXT = [
    "five.sop.md:63:13: D503 [warning] Waktu `20` has no unit: did you mean `20 menit`?",
    "five.sop.md:74:13: S402 [error] Tidak points to step 12, but the procedure has 5 steps",
    "five.sop.md:76:13: D503 [warning] Waktu `30` has no unit: did you mean `30 menit`?",
    "five.sop.md:84:28: R301 [error] role `Bendahara` is not declared under Pelaksana",
    "five.sop.md:86:13: D503 [warning] Waktu `2` has no unit: did you mean `2 menit`?",
]


def five_findings(folder: Path) -> Path:
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    for old, new in FIVE:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "five.sop.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def test_the_five_findings(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--no-show-source", "five.sop.md")
    summary = "Found 5 findings (2 errors, 3 warnings) in 1 file; 3 more with --unsafe-fixes."
    assert result.out.splitlines() == [*FIVE_TEXT, summary]
    assert result.code == 1


# --- --exit-zero, --output-file ---------------------------------------------------------------------


def test_exit_zero_keeps_the_report_and_exits_0(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--no-show-source", "--exit-zero", "five.sop.md")
    assert result.code == 0 and result.out.splitlines()[:5] == FIVE_TEXT


def test_exit_zero_does_not_hide_a_broken_configuration(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    (in_tmp / "sop-lint.toml").write_text('fail-on = "eror"\n', encoding="utf-8")
    result = invoke(capsys, "--exit-zero", "--output-file", "report.json", "--output-format", "json", "five.sop.md")
    assert (
        one_error_line(result)
        == 'sop-lint.toml: `fail-on` must be one of "error", "warning", "info", not "eror"; did you mean "error"?'
    )
    assert not (in_tmp / "report.json").exists()  # no half report for the CI job to read


def test_output_file_holds_the_report_and_standard_output_nothing(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--no-show-source", "--output-file", "out/report.txt", "five.sop.md")
    assert result.code == 1 and result.out == ""
    assert (in_tmp / "out" / "report.txt").read_text(encoding="utf-8").splitlines()[:5] == FIVE_TEXT


def test_output_file_that_cannot_be_written_is_one_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    (in_tmp / "taken").write_text("", encoding="utf-8")
    result = invoke(capsys, "--isolated", "--output-file", "taken/report.txt", "five.sop.md")
    assert one_error_line(result).startswith("cannot write the report to taken/report.txt: ")


# --- gitlab ---------------------------------------------------------------------------------------------


def _gitlab(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    result = invoke(capsys, "--isolated", "--output-format", "gitlab", *args)
    assert result.code == 1, result.err
    report: list[dict[str, object]] = json.loads(result.out)
    return report


def test_gitlab_report_validates_against_the_code_quality_schema(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    report = _gitlab(capsys, "five.sop.md")
    Draft202012Validator(schema).validate(report)
    assert [(i["check_name"], i["severity"], i["location"]) for i in report] == [
        ("D503", "minor", {"path": "five.sop.md", "lines": {"begin": 63, "end": 63}}),
        ("S402", "major", {"path": "five.sop.md", "lines": {"begin": 74, "end": 74}}),
        ("D503", "minor", {"path": "five.sop.md", "lines": {"begin": 76, "end": 76}}),
        ("R301", "major", {"path": "five.sop.md", "lines": {"begin": 84, "end": 84}}),
        ("D503", "minor", {"path": "five.sop.md", "lines": {"begin": 86, "end": 86}}),
    ]
    assert report[0]["description"] == "D503 Waktu `20` has no unit: did you mean `20 menit`?"
    assert len({i["fingerprint"] for i in report}) == 5


def test_gitlab_report_of_every_fixture_validates(capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    result = invoke(capsys, "--isolated", "--select", "ALL", "--preview", "--output-format", "gitlab", str(FIXTURES))
    report = json.loads(result.out)
    Draft202012Validator(schema).validate(report)
    assert len(report) > 50 and len({i["fingerprint"] for i in report}) == len(report)


def test_gitlab_fingerprints_stay_when_lines_move(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = five_findings(in_tmp)
    before = _gitlab(capsys, "five.sop.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Identitas\n", "## Identitas\n<!-- dua baris\nbaru -->\n", 1), encoding="utf-8")
    after = _gitlab(capsys, "five.sop.md")
    assert [i["location"]["lines"]["begin"] for i in after] == [65, 76, 78, 86, 88]  # type: ignore[index]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


# --- junit ----------------------------------------------------------------------------------------------


def test_junit_of_five_findings_has_five_failing_test_cases(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--output-format", "junit", "five.sop.md")
    root = ET.fromstring(result.out)
    cases = list(root.iter("testcase"))
    assert [c.get("name") for c in cases] == [
        "D503 five.sop.md:63:13",
        "S402 five.sop.md:74:13",
        "D503 five.sop.md:76:13",
        "R301 five.sop.md:84:28",
        "D503 five.sop.md:86:13",
    ]
    assert [len(c.findall("failure")) for c in cases] == [1, 1, 1, 1, 1]
    assert root.get("tests") == "5" and root.get("failures") == "5"


def test_junit_fails_only_at_or_above_fail_on(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--output-format", "junit", "--fail-on", "error", "five.sop.md")
    root = ET.fromstring(result.out)
    assert root.get("tests") == "5" and root.get("failures") == "2"
    assert [c.find("failure") is not None for c in root.iter("testcase")] == [False, True, False, True, False]


# --- github ---------------------------------------------------------------------------------------------


def test_github_lines_repeat_the_place_in_the_message(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    result = invoke(capsys, "--isolated", "--output-format", "github", "five.sop.md")
    assert result.out.splitlines()[1] == (
        "::error file=five.sop.md,line=74,col=13,endLine=74,endColumn=26,title=S402::"
        "five.sop.md:74:13: S402 Tidak points to step 12, but the procedure has 5 steps"
    )


# --- colour ---------------------------------------------------------------------------------------------

RED_S402 = "\x1b[1mfive.sop.md:74:13:\x1b[0m S402 \x1b[31m[error]\x1b[0m Tidak points to step 12, but the procedure has 5 steps"


def test_color_always_never_and_force_color(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    five_findings(in_tmp)
    args = ("--isolated", "--no-show-source", "five.sop.md")
    assert invoke(capsys, *args).out.splitlines()[1] == FIVE_TEXT[1]  # captured: no terminal, no colour
    assert invoke(capsys, "--color", "always", *args).out.splitlines()[1] == RED_S402
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert invoke(capsys, *args).out.splitlines()[1] == RED_S402
    assert invoke(capsys, "--color", "never", *args).out.splitlines()[1] == FIVE_TEXT[1]
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins over FORCE_COLOR; --color always over both
    assert invoke(capsys, *args).out.splitlines()[1] == FIVE_TEXT[1]
    assert invoke(capsys, "--color", "always", *args).out.splitlines()[1] == RED_S402


# --- --show-settings, --exclude ----------------------------------------------------------------------------


def test_show_settings(in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOP_LINT_CACHE_DIR", raising=False)
    (in_tmp / "sop-lint.toml").write_text(
        'select = ["S", "D"]\nignore = ["D505"]\nexclude = ["arsip"]\nlang = "id"\nrepository-url = "https://git.example.go.id/biro/sop-lint"\n',
        encoding="utf-8",
    )
    result = invoke(capsys, "check", "--show-settings", "--extend-exclude", "draft-*", "--fail-on", "error")
    assert result.code == 0, result.err
    rules = json.loads(result.out.splitlines()[1].removeprefix("rules = "))
    assert rules[:3] == ["D501", "D502", "D503"] and "S401" in rules and "D505" not in rules and "R301" not in rules
    assert result.out.splitlines()[:1] + result.out.splitlines()[2:] == [
        'configuration = "sop-lint.toml"',
        'select = ["S", "D"]',
        "extend-select = []",
        'ignore = ["D505"]',
        "per-file-ignores = {}",
        "severity = {}",
        "preview = false",
        'fail-on = "error"',
        'lang = "id"',
        'exclude = ["arsip", "draft-*"]',
        "packs = []",
        'roles = ""',
        "hours-per-day = 8",
        "check-related = false",
        'baseline = ""',
        'repository-url = "https://git.example.go.id/biro/sop-lint"',
        f"cache = {json.dumps(str(in_tmp / '.sop-lint-cache'))}",
    ]


def test_exclude_and_extend_exclude_on_the_command_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.sop.md", "arsip/b.sop.md", "draft-c.sop.md"):
        (in_tmp / name).parent.mkdir(exist_ok=True)
        (in_tmp / name).write_text("# T\n", encoding="utf-8")
    (in_tmp / "sop-lint.toml").write_text('exclude = ["arsip"]\n', encoding="utf-8")

    def linted(*args: str) -> list[str]:
        result = invoke(capsys, "--output-format", "junit", "--select", "P001", *args, ".")
        return sorted(case.get("classname", "") for case in ET.fromstring(result.out).iter("testcase"))

    assert linted() == ["a.sop.md", "draft-c.sop.md"]
    assert linted("--extend-exclude", "draft-*") == ["a.sop.md"]
    assert linted("--exclude", "draft-*") == ["a.sop.md", "arsip/b.sop.md"]  # replaces the file's
    assert linted("--isolated", "--exclude", "arsip,draft-*") == ["a.sop.md"]  # no file: from here


# --- clean ----------------------------------------------------------------------------------------------


def test_clean_removes_the_results_cache(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOP_LINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(in_tmp / "xdg"))
    five_findings(in_tmp)
    invoke(capsys, "--isolated", "five.sop.md")
    assert (in_tmp / ".sop-lint-cache" / "CACHEDIR.TAG").is_file()
    result = invoke(capsys, "clean", "--isolated")
    assert (result.code, result.out) == (0, f"Removed the results cache {in_tmp / '.sop-lint-cache'}.\n")
    assert not (in_tmp / ".sop-lint-cache").exists()
    result = invoke(capsys, "clean", "--isolated", "--lang", "id")
    assert (result.code, result.out) == (0, f"Tidak ada cache hasil di {in_tmp / '.sop-lint-cache'}.\n")


def test_clean_leaves_a_folder_sop_lint_did_not_make(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOP_LINT_CACHE_DIR", str(in_tmp / "precious"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(in_tmp / "xdg"))
    (in_tmp / "precious").mkdir()
    (in_tmp / "precious" / "keep.txt").write_text("x", encoding="utf-8")
    result = invoke(capsys, "clean", "--isolated")
    assert result.code == 0 and (in_tmp / "precious" / "keep.txt").is_file()


# --- pre-commit, repository URL ---------------------------------------------------------------------------


def test_pre_commit_hooks_run_serially() -> None:
    yaml = pytest.importorskip("yaml")  # pre-commit depends on PyYAML
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"]: hook.get("require_serial") for hook in hooks} == {"sop-lint": True, "sop-lint-format": True}


def test_repository_url_is_the_projects_and_a_fork_sets_its_own(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five_findings(in_tmp)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Repository = "{REPOSITORY_URL}"' in pyproject
    result = invoke(capsys, "--isolated", "--output-format", "sarif", "five.sop.md")
    driver = json.loads(result.out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == REPOSITORY_URL == "https://github.com/sop-lint/sop-lint"
    help_uri = {rule["id"]: rule["helpUri"] for rule in driver["rules"]}
    assert help_uri["P001"] == f"{REPOSITORY_URL}/blob/main/docs/rules.md#p001-syntax-error"
    (in_tmp / "sop-lint.toml").write_text('repository-url = "https://git.example.go.id/biro/sop-lint/"\n', encoding="utf-8")
    driver = json.loads(invoke(capsys, "--output-format", "sarif", "five.sop.md").out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://git.example.go.id/biro/sop-lint"
    help_uri = {rule["id"]: rule["helpUri"] for rule in driver["rules"]}
    assert help_uri["P001"] == "https://git.example.go.id/biro/sop-lint/blob/main/docs/rules.md#p001-syntax-error"
    (in_tmp / "sop-lint.toml").write_text('repository-url = "git.example.go.id"\n', encoding="utf-8")
    assert one_error_line(invoke(capsys, "five.sop.md")) == (
        'sop-lint.toml: `repository-url` must be an http:// or https:// address, not "git.example.go.id"'
    )


def test_no_placeholder_url_is_left() -> None:
    for path in [*ROOT.joinpath("sop_lint").rglob("*.py"), ROOT / "README.md", *ROOT.joinpath("docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "example.com" not in text and "your-org" not in text and "OWNER/" not in text, path
