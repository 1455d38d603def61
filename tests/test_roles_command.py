"""`sop-lint roles`: one office spelt three ways across a repository is one group,
and the registry it writes makes R306 report the two other spellings."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES

REPO = FIXTURES / "repos" / "roles-three-spellings"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO, tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def test_three_spellings_of_one_office_are_one_group(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "roles", ".")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Kabag Umum: 1 spelling, 4 files, 4 steps",
        "  Kabag Umum: 4 files, 4 steps: arsip.sop.md:11:10, cuti.sop.md:11:10,"
        " surat-keluar.sop.md:11:10, surat-masuk.sop.md:11:10",
        "Kabid Umum: 1 spelling, 4 files, 4 steps",
        "  Kabid Umum: 4 files, 4 steps: arsip.sop.md:12:10, cuti.sop.md:12:10,"
        " surat-keluar.sop.md:12:10, surat-masuk.sop.md:12:10",
        "Kasubbag Umum: 3 spellings, 4 files, 5 steps",
        "  Kasubbag Umum: 2 files, 3 steps: surat-keluar.sop.md:10:13, surat-masuk.sop.md:10:13",
        "  Ka. Subbag Umum: 1 file, 1 step: cuti.sop.md:10:13",
        "  Kasubag Umum: 1 file, 1 step: arsip.sop.md:10:13",
        "Kepala Dinas: 1 spelling, 4 files, 4 steps",
        "  Kepala Dinas: 4 files, 4 steps: arsip.sop.md:9:10, cuti.sop.md:9:10,"
        " surat-keluar.sop.md:9:10, surat-masuk.sop.md:9:10",
    ]  # Kabag / Kabid Umum: two offices (R304's office words), not one misspelt


def test_the_written_registry_makes_r306_report_the_other_spellings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "roles", ".", "--write-registry", "roles.toml")
    assert result.code == 0 and result.err == "Wrote roles.toml: 4 roles.\n"
    registry = tomllib.loads((repo / "roles.toml").read_text(encoding="utf-8"))
    assert registry == {
        "roles": [
            "Kabag Umum",
            "Kabid Umum",
            {"name": "Kasubbag Umum", "aliases": ["Ka. Subbag Umum", "Kasubag Umum"]},
            "Kepala Dinas",
        ]
    }
    (repo / "sop-lint.toml").write_text('roles = "roles.toml"\nselect = ["R306"]\n', encoding="utf-8")
    check = invoke(capsys, "check", "--no-show-source", "-q", ".")
    assert check.code == 1
    assert check.out.splitlines() == [
        "arsip.sop.md:10:13: R306 [warning] role `Kasubag Umum` is another spelling of `Kasubbag Umum`"
        " in the organisation's role registry; write `Kasubbag Umum`",
        "cuti.sop.md:10:13: R306 [warning] role `Ka. Subbag Umum` is another spelling of `Kasubbag Umum`"
        " in the organisation's role registry; write `Kasubbag Umum`",
    ]
    again = invoke(capsys, "roles", ".", "--write-registry", "roles.toml")  # the reviewer's edits are kept
    assert one_error_line(again) == "roles.toml: already exists; not overwritten (the reviewer may have edited it)"


def test_a_bad_registry_entry_is_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "roles.toml").write_text('roles = [{ name = "Kabid", alias = ["Kabid."] }]\n', encoding="utf-8")
    (repo / "sop-lint.toml").write_text('roles = "roles.toml"\n', encoding="utf-8")
    assert one_error_line(invoke(capsys, "check", ".")) == (
        "roles.toml: `roles` must be a list of role names or { name = …, aliases = […] } tables"
    )
