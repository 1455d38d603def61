"""The wheel carries the grammar and the rule packs: build it, install it
apart from the source tree, and lint the fixtures with it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("sop_lint-*.whl")
    return built


@pytest.mark.integration
def test_wheel_ships_grammar_and_packs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sop_lint/_data/grammar/sop.lark" in names
    assert "sop_lint/_data/rules/builtin.json" in names
    assert "sop_lint/_data/rules/regulations.json" in names
    assert "sop_lint/_data/schemas/findings.schema.json" in names


@pytest.mark.integration
def test_installed_wheel_lints_the_fixtures(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    # Run from an empty directory with the installed copy first on the path, so
    # neither the source tree nor an editable install can answer for it.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import sop_lint, sop_lint.cli;"
        "assert sop_lint.__file__.startswith(sys.argv[1]), sop_lint.__file__;"
        "sys.argv = ['sop-lint', '--no-show-source', sys.argv[2]]; sop_lint.cli.entry()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(FIXTURES / "good")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No findings in 2 files.\n"
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(FIXTURES)], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
