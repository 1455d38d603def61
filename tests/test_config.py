"""Configuration: discovery, validation (one line, exit 2), precedence of the
command line over the file, and the keys' effects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sop_lint._resources import data_path
from sop_lint.config import Config, ConfigError, Overrides, discover, excluded, find, settings_for, validate

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES, ROOT

GOOD = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
# One stable warning (P002 unknown-section) on line 42, and nothing else.
DEFECTIVE = GOOD.replace("## Peringatan\n", "## Peringatn\n")
ROLES = ["Kepala Biro Organisasi", "Kabag Tatalaksana", "Kasubbag TU", "Arsiparis"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of SOPs as the working directory: sop/good.sop.md, sop/draft/bad.sop.md."""
    (tmp_path / "sop" / "draft").mkdir(parents=True)
    (tmp_path / "sop" / "good.sop.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sop" / "draft" / "bad.sop.md").write_text(DEFECTIVE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": " in line and line.split(":", 1)[0].endswith((".sop.md", ".sop"))]


def config_error(capsys: pytest.CaptureFixture[str], project: Path, text: str, name: str = "sop-lint.toml") -> str:
    (project / name).write_text(text, encoding="utf-8")
    return one_error_line(invoke(capsys, "check", "sop"))


# --- discovery -----------------------------------------------------------------


def test_no_configuration_uses_the_defaults(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "check", "--no-show-source", "sop")
    assert result.code == 1
    assert finding_lines(result.out) == [
        "sop/draft/bad.sop.md:42:1: P002 [warning] unknown section `Peringatn`; did you mean `Peringatan`?"
    ]


@pytest.mark.parametrize("name", ["sop-lint.toml", ".sop-lint.toml"])
def test_config_file_is_found_upward_from_the_first_path(project: Path, name: str) -> None:
    (project / name).write_text('ignore = ["P002"]\n', encoding="utf-8")
    found = find(project / "sop" / "draft" / "bad.sop.md")
    assert found is not None and found[0] == project / name
    assert discover("sop/draft").ignore == ["P002"]


def test_the_nearest_configuration_wins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('ignore = ["P002"]\n', encoding="utf-8")
    (project / "sop" / ".sop-lint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    config = discover("sop/draft")
    assert config.path == project / "sop" / ".sop-lint.toml"
    assert config.ignore == [] and config.fail_on == "error"  # nearest wins whole; files do not merge
    result = invoke(capsys, "check", "--no-show-source", "sop")
    assert result.code == 0  # the warning prints but does not fail under fail-on = error
    assert len(finding_lines(result.out)) == 1


def test_pyproject_without_the_table_does_not_count(project: Path) -> None:
    (project / "sop-lint.toml").write_text('ignore = ["P002"]\n', encoding="utf-8")
    (project / "sop" / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n# sop-lint mentioned\n", encoding="utf-8")
    assert discover("sop").path == project / "sop-lint.toml"


def test_pyproject_with_the_table_counts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (project / "sop" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sop-lint]\nignore = ["P002"]\n', encoding="utf-8"
    )
    assert discover("sop").path == project / "sop" / "pyproject.toml"
    result = invoke(capsys, "check", "sop")
    assert result.code == 0 and finding_lines(result.out) == []


def test_explicit_config_and_isolated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (project / "other.toml").write_text('ignore = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "--config", "other.toml", "sop").out.startswith("No findings")
    isolated = invoke(capsys, "check", "--isolated", "sop")
    assert isolated.code == 1  # the file's fail-on = error is not read
    assert "P002" in isolated.out
    assert (
        one_error_line(invoke(capsys, "check", "--config", "missing.toml", "sop")) == "missing.toml: no such configuration file"
    )
    assert one_error_line(invoke(capsys, "check", "--config", "other.toml", "--isolated", "sop")) == (
        "--config and --isolated cannot be used together"
    )
    (project / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    assert (
        one_error_line(invoke(capsys, "check", "--config", "pyproject.toml", "sop"))
        == "pyproject.toml: has no [tool.sop-lint] table"
    )


def test_stdin_filename_guides_discovery(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop" / "draft" / "sop-lint.toml").write_text('ignore = ["P002"]\n', encoding="utf-8")
    data = DEFECTIVE.encode()
    assert invoke(capsys, "check", "-", "--stdin-filename", "sop/draft/new.sop.md", stdin=data).code == 0
    assert invoke(capsys, "check", "-", "--stdin-filename", "sop/new.sop.md", stdin=data).code == 1


# --- validation: one line, exit 2 --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["P"]\n', "sop-lint.toml: unknown key `selct`; did you mean `select`?"),
        ("extend_select = []\n", "sop-lint.toml: unknown key `extend_select`; did you mean `extend-select`?"),
        ("[per-file-ignore]\n", "sop-lint.toml: unknown key `per-file-ignore`; did you mean `per-file-ignores`?"),
        ('hours-per-day = "8"\n', 'sop-lint.toml: `hours-per-day` must be a number, not a string ("8")'),
        ("hours-per-day = 0\n", "sop-lint.toml: `hours-per-day` must be greater than 0, not 0"),
        ("hours-per-day = 25\n", "sop-lint.toml: `hours-per-day` must be at most 24, not 25"),
        ('select = "P"\n', 'sop-lint.toml: `select` must be a list of rule codes, not a string ("P")'),
        ("exclude = [1]\n", "sop-lint.toml: `exclude` must be a list of strings, but holds a number (1)"),
        ('preview = "yes"\n', 'sop-lint.toml: `preview` must be true or false, not a string ("yes")'),
        (
            'fail-on = "warn"\n',
            'sop-lint.toml: `fail-on` must be one of "error", "warning", "info", not "warn"; did you mean "warning"?',
        ),
        ('lang = "ind"\n', 'sop-lint.toml: `lang` must be one of "en", "id", not "ind"; did you mean "id"?'),
        ("severity = 3\n", "sop-lint.toml: `severity` must be a table, not a number (3)"),
        ('[severity]\nP002 = "fatal"\n', 'sop-lint.toml: `severity.P002` must be one of "error", "warning", "info", not "fatal"'),
        (
            '[per-file-ignores]\n"draft/**" = "P002"\n',
            'sop-lint.toml: `per-file-ignores."draft/**"` must be a list of rule codes, not a string ("P002")',
        ),
        ('roles = ""\n', "sop-lint.toml: `roles` must not be empty"),
        ("select = [\n", "sop-lint.toml: not valid TOML: Invalid value (at end of document)"),
        (
            '[tool.sop-lint]\nselect = ["P"]\n',
            "sop-lint.toml: unknown key `tool`; in sop-lint.toml the keys stand at the top level, without [tool.sop-lint]",
        ),
    ],
)
def test_config_error_is_one_line(project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    assert config_error(capsys, project, text) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('ignore = ["P0022"]\n', "sop-lint.toml: `ignore`: unknown rule code or prefix `P0022`; did you mean `P002`?"),
        ('select = ["P", "Q"]\n', "sop-lint.toml: `select`: unknown rule code or prefix `Q`"),
        (
            'extend-select = ["unknown-sectoin"]\n',
            "sop-lint.toml: `extend-select`: unknown rule code or prefix `unknown-sectoin`; did you mean `unknown-section`?",
        ),
        ('[severity]\nP02 = "error"\n', "sop-lint.toml: `severity`: unknown rule code or prefix `P02`; did you mean `P002`?"),
        (
            '[per-file-ignores]\n"draft/**" = ["P0002"]\n',
            'sop-lint.toml: `per-file-ignores."draft/**"`: unknown rule code or prefix `P0002`; did you mean `P002`?',
        ),
    ],
)
def test_unknown_rule_code_is_one_line(project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    assert config_error(capsys, project, text) == message


def test_pyproject_errors_name_the_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = config_error(capsys, project, '[tool.sop-lint]\nselct = ["P"]\n', "pyproject.toml")
    assert message == "pyproject.toml: unknown key `tool.sop-lint.selct`; did you mean `select`?"
    message = config_error(capsys, project, "[tool.sop-lint]\npreview = 1\n", "pyproject.toml")
    assert message == "pyproject.toml: `tool.sop-lint.preview` must be true or false, not a number (1)"


def test_unknown_code_on_the_command_line_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_error_line(invoke(capsys, "check", "--ignore", "D5111", "sop")).startswith("unknown rule code or prefix `D5111`")
    assert one_error_line(invoke(capsys, "check", "--select", "unknown-sectoin", "sop")) == (
        "unknown rule code or prefix `unknown-sectoin`; did you mean `unknown-section`?"
    )


# --- packs --------------------------------------------------------------------


def test_bad_pack_is_one_line_naming_file_and_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "packs").mkdir()
    (project / "packs" / "org.json").write_text(json.dumps({"sections": [{"nama": "Lampiran"}]}), encoding="utf-8")
    message = config_error(capsys, project, 'packs = ["packs/org.json"]\n')
    assert message.startswith("packs/org.json: invalid rule pack at `sections/0`: ")
    assert "nama" in message


def test_pack_that_is_not_json_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "org.json").write_text("{sections: []}", encoding="utf-8")
    assert config_error(capsys, project, 'packs = ["org.json"]\n').startswith("org.json: rule pack is not valid JSON: ")


def test_missing_pack_names_the_config_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert config_error(capsys, project, 'packs = ["org.json"]\n') == "sop-lint.toml: `packs`: no such rule pack org.json"


def test_good_pack_is_laid_over_the_builtin_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The organisation names the section `Peringatn`: an alias makes the defective file clean.
    pack = {"sections": [{"name": "Peringatan", "aliases": ["Peringatn"], "required": True}]}
    (project / "sop" / "packs").mkdir()
    (project / "sop" / "packs" / "org.json").write_text(json.dumps(pack), encoding="utf-8")
    (project / "sop" / "sop-lint.toml").write_text('packs = ["packs/org.json"]\n', encoding="utf-8")  # relative to the file
    result = invoke(capsys, "check", "sop")
    assert result.code == 0, result.out + result.err


def test_builtin_pack_validates_against_the_pack_schema() -> None:
    schema = json.loads((ROOT / "rules" / "pack.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    builtin = json.loads((ROOT / "rules" / "builtin.json").read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(builtin)
    ]
    assert errors == [], "rules/builtin.json and rules/pack.schema.json disagree: " + "; ".join(errors)


def test_pack_schema_rejects_a_misspelt_key() -> None:
    schema = json.loads((ROOT / "rules" / "pack.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"unit": []})
    assert not validator.is_valid({"units": [{"name": "shift"}]})  # neither minutes nor working days
    assert validator.is_valid({"units": [{"name": "shift", "aliases": ["sif"], "working_days": 1}]})


# --- the config schema and the hand-written validator agree -----------------------


def test_config_schema_is_a_valid_json_schema_and_ships() -> None:
    schema = json.loads(data_path("rules", "config.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    interface_keys = {
        "select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "exclude",
        "packs", "roles", "hours-per-day", "check-related", "preview", "lang", "baseline", "repository-url",
    }  # fmt: skip
    assert set(schema["properties"]) == interface_keys


SAMPLES: list[dict[str, Any]] = [
    {},
    {"select": ["P", "M"], "ignore": ["D511"], "extend-select": ["unknown-section"]},
    {"per-file-ignores": {"draft/**": ["C", "M101"]}, "severity": {"D503": "error"}},
    {"fail-on": "info", "exclude": ["arsip/**"], "packs": ["a.json"], "roles": "roles.toml"},
    {"hours-per-day": 7.5, "check-related": True, "preview": False, "lang": "id", "baseline": "b.json"},
    {"selct": ["P"]},
    {"select": "P"},
    {"select": [1]},
    {"select": [""]},
    {"hours-per-day": True},
    {"hours-per-day": 0},
    {"hours-per-day": 24.5},
    {"fail-on": "fatal"},
    {"lang": "en-US"},
    {"severity": {"D503": "warn"}},
    {"per-file-ignores": {"x": "P"}},
    {"per-file-ignores": []},
    {"exclude": [""]},
    {"preview": "true"},
    {"baseline": 3},
]


@pytest.mark.parametrize("table", SAMPLES, ids=lambda t: json.dumps(t))
def test_hand_validator_agrees_with_jsonschema(table: dict[str, Any]) -> None:
    schema = json.loads(data_path("rules", "config.schema.json").read_text(encoding="utf-8"))
    expected = jsonschema.Draft202012Validator(schema).is_valid(table)
    try:
        validate(table, "sop-lint.toml")
        valid = True
    except ConfigError:
        valid = False
    assert valid == expected


def test_check_path_imports_neither_jsonschema_nor_pydantic(project: Path) -> None:
    (project / "sop-lint.toml").write_text('ignore = ["D511"]\n[severity]\nP002 = "error"\n', encoding="utf-8")
    script = (
        "import sys; from sop_lint.cli import run; code = run(['check', '--no-show-source', 'sop']);"
        "print(code, 'jsonschema' in sys.modules, 'pydantic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "1 False False", result.stdout + result.stderr


# --- precedence: the command line overrides the file --------------------------------


def test_command_line_overrides_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('fail-on = "error"\nlang = "id"\n[severity]\nP002 = "info"\n', encoding="utf-8")
    result = invoke(capsys, "check", "--no-show-source", "sop")
    assert result.code == 0
    assert finding_lines(result.out) == [
        "sop/draft/bad.sop.md:42:1: P002 [info] bagian `Peringatn` tidak dikenal; maksud Anda `Peringatan`?"
    ]
    result = invoke(capsys, "check", "--no-show-source", "--lang", "en", "--fail-on", "info", "sop")
    assert result.code == 1
    assert finding_lines(result.out) == [
        "sop/draft/bad.sop.md:42:1: P002 [info] unknown section `Peringatn`; did you mean `Peringatan`?"
    ]


def test_extend_select_on_the_command_line_beats_the_files_ignore(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('ignore = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "sop").code == 0
    assert invoke(capsys, "check", "--extend-select", "P002", "sop").code == 1
    assert invoke(capsys, "check", "--extend-select", "unknown-section", "sop").code == 1


def test_ignore_on_the_command_line_beats_the_files_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('select = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "sop").code == 1
    assert invoke(capsys, "check", "--ignore", "P", "sop").code == 0


def test_select_on_the_command_line_replaces_the_files_selection(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('select = ["S"]\nignore = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "sop").code == 0
    assert invoke(capsys, "check", "--select", "P", "sop").code == 1


def test_resolve_selection_keeps_the_file_when_the_command_line_is_silent() -> None:
    settings = settings_for(Config(select=["P", "S"], ignore=["P002"], extend_select=["R307"]))
    assert (settings.select, settings.ignore, settings.extend_select) == (["P", "S"], ["P002"], ["R307"])
    settings = settings_for(Config(select=["P"], ignore=["P002"]), Overrides(extend_select=["P002", "S"]))
    assert settings.extend_select == [] and settings.ignore == []
    assert settings.select is not None and "P002" in settings.select and "P001" in settings.select
    assert not any(code.startswith(("M", "C")) for code in settings.select)


def test_preview_from_the_file_and_no_preview_on_the_command_line() -> None:
    assert settings_for(Config(preview=True)).preview is True
    assert settings_for(Config(preview=True), Overrides(preview=False)).preview is False
    assert settings_for(Config(), Overrides(preview=True)).preview is True


def test_settings_carry_the_files_values(tmp_path: Path) -> None:
    (tmp_path / "sop-lint.toml").write_text(
        'hours-per-day = 6\ncheck-related = true\nfail-on = "info"\n[severity]\nD = "error"\nD503 = "info"\n', encoding="utf-8"
    )
    config = discover(str(tmp_path))
    settings = settings_for(config)
    assert settings.hours_per_day == 6.0
    assert settings.check_related is True
    assert settings.fail_on == "info"
    assert settings.project_root == tmp_path.absolute()
    # The most specific selector wins: D503 info, every other D rule error.
    assert all((settings.severity[code] == ("info" if code == "D503" else "error")) for code in settings.severity)
    assert all(code.startswith("D") for code in settings.severity)


# --- paths: per-file-ignores and exclude start at the config's folder -------------------


def test_per_file_ignores_are_relative_to_the_config_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "sop-lint.toml").write_text('[per-file-ignores]\n"sop/draft/**" = ["P002"]\n', encoding="utf-8")
    assert invoke(capsys, "check", "sop").code == 0
    monkeypatch.chdir(project / "sop")  # run from below the config: the glob still applies
    assert invoke(capsys, "check", ".").code == 0
    assert invoke(capsys, "check", "-", "--stdin-filename", "draft/new.sop.md", stdin=DEFECTIVE.encode()).code == 0
    assert invoke(capsys, "check", "-", "--stdin-filename", "new.sop.md", stdin=DEFECTIVE.encode()).code == 1


def test_exclude(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sop-lint.toml").write_text('exclude = ["draft"]\n', encoding="utf-8")
    result = invoke(capsys, "check", "sop")
    assert (result.code, result.out) == (0, "No findings in 1 file.\n")
    # Also a file named on the command line (as pre-commit names them).
    assert invoke(capsys, "check", "sop/draft/bad.sop.md").out == "No findings in 0 files.\n"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("arsip", "arsip/a.sop.md", True),
        ("arsip", "sop/arsip/old/a.sop.md", True),
        ("arsip/**", "arsip/x/a.sop.md", True),
        ("arsip/**", "sop/arsip/a.sop.md", False),
        ("sop/arsip/", "sop/arsip/a.sop.md", True),
        ("*.draft.sop.md", "sop/a.draft.sop.md", True),
        ("./sop/*.sop", "sop/a.sop", True),
        ("arsip", "arsipan/a.sop.md", False),
    ],
)
def test_exclude_globs(tmp_path: Path, pattern: str, path: str, expected: bool) -> None:
    config = Config(path=tmp_path / "sop-lint.toml", exclude=[pattern])
    assert excluded(tmp_path / path, config) is expected


# --- the role registry (R306) ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("roles.toml", "roles = [" + ", ".join(json.dumps(r) for r in ROLES[1:]) + "]\n"),
        ("roles.txt", "# the organisation's roles\n" + "\n".join(ROLES[1:]) + "\n\n"),
    ],
)
def test_role_registry(project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str) -> None:
    (project / name).write_text(text, encoding="utf-8")
    (project / "sop-lint.toml").write_text(f'roles = "{name}"\nignore = ["P002"]\n', encoding="utf-8")
    result = invoke(capsys, "check", "--no-show-source", "sop/good.sop.md")
    assert result.code == 1
    assert [line.split(": ", 1)[1][:4] for line in finding_lines(result.out)] == ["R306"]
    assert "`Kepala Biro Organisasi`" in result.out


def test_role_registry_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert config_error(capsys, project, 'roles = "roles.toml"\n') == (
        "sop-lint.toml: `roles`: cannot read role registry roles.toml: No such file or directory"
    )
    (project / "roles.toml").write_text('roles = "Kabid"\n', encoding="utf-8")
    assert config_error(capsys, project, 'roles = "roles.toml"\n') == "roles.toml: `roles` must be a list of role names"
