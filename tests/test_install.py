"""The README's install commands, run as written (issue 13, point 4): from a clone,
and from a git URL at the release tag — against a local clone of this repository
(`git+file://`), with only the repository's URL put in its place. The test makes
its tag in a temporary clone; the release tag itself is made on main."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sop_lint import REPOSITORY_URL, __version__

from .conftest import ROOT

TAG = f"v{__version__}"


def readme_block(name: str) -> str:
    """The fenced block after `<!-- install: NAME -->` in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- install: {name} -->\n```[a-z]*\n(.*?)```", readme, re.DOTALL)
    assert match is not None, name
    return match[1]


def test_the_install_commands_name_the_real_repository_and_tag() -> None:
    assert REPOSITORY_URL == "https://github.com/sop-lint/sop-lint" and TAG == "v0.2.0"
    spec = f'"git+{REPOSITORY_URL}@{TAG}"'
    assert readme_block("clone").splitlines()[0] == f"git clone {REPOSITORY_URL}"
    assert spec in readme_block("tag")
    assert readme_block("pipx") == f'pipx install "git+{REPOSITORY_URL}@{TAG}"\n'
    assert readme_block("windows") == (
        f"py -m venv .venv\n.venv\\Scripts\\pip install {spec}\n.venv\\Scripts\\sop-lint --version\n"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"  - repo: {REPOSITORY_URL}\n    rev: {TAG}\n" in readme  # the pre-commit snippet
    assert "pip install sop-lint\n" not in readme and "OWNER" not in readme  # no index entry that does not exist


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository named `sop-lint`, with the release tag."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("origin")
    subprocess.run(["git", "clone", "-q", str(ROOT), str(base / "sop-lint")], check=True, capture_output=True)
    clone = base / "sop-lint"
    tags = subprocess.run(["git", "tag", "--list", TAG], cwd=clone, check=True, capture_output=True, text=True).stdout
    if not tags.strip():
        subprocess.run(
            ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "tag", "-a", TAG, "-m", TAG],
            cwd=clone,
            check=True,
            capture_output=True,
        )
    return clone


def run_block(block: str, origin: Path, where: Path) -> str:
    script = block.replace(REPOSITORY_URL, origin.as_uri())
    result = subprocess.run(["bash", "-euc", script], cwd=where, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (script, result.stdout[-2000:], result.stderr[-2000:])
    return result.stdout


@pytest.mark.integration
def test_install_from_a_clone_as_the_readme_says(origin: Path, tmp_path: Path) -> None:
    out = run_block(readme_block("clone"), origin, tmp_path)
    assert out.splitlines()[-1] == f"sop-lint, version {__version__}"
    assert (tmp_path / "sop-lint" / ".venv" / "bin" / "sop-lint").is_file()


@pytest.mark.integration
def test_install_from_the_git_url_at_the_tag_as_the_readme_says(origin: Path, tmp_path: Path) -> None:
    out = run_block(readme_block("tag"), origin, tmp_path)
    assert out.splitlines()[-1] == f"sop-lint, version {__version__}"
