"""A real `pre-commit try-repo` of this project against a repository of SOPs:
a defective SOP fails the hook and the output names the finding; a clean one
passes.

try-repo needs a git repository, so the working tree (with uncommitted
changes) is copied into a temporary one and committed there. pre-commit then
builds its own virtualenv and installs sop-lint from that copy, which needs
the package index: the test is marked `integration`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

GOOD = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
DEFECTIVE = GOOD.replace("## Peringatan\n", "## Peringatn\n")  # P002 on line 42
_NOT_COPIED = (
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    ".hypothesis",
    "build",
    "dist",
    ".sop-lint-cache",
    ".benchmarks",
)


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "VIRTUAL_ENV"}
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="sop-lint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="sop-lint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    env.pop("GITHUB_ACTIONS", None)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("precommit")


@pytest.fixture(scope="module")
def hook_repo(home: Path) -> Path:
    """This project's working tree, committed into a fresh git repository."""
    clone = home / "sop-lint"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(*_NOT_COPIED), symlinks=True)
    env = _environment(home)
    (home / "gitconfig").write_text("", encoding="utf-8")
    _git(clone, env, "init", "-q")
    _git(clone, env, "add", "-A")
    _git(clone, env, "commit", "-q", "-m", "working tree")
    return clone


def _try_repo(hook_repo: Path, home: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    repo = home / name
    repo.mkdir()
    env = _environment(home)
    _git(repo, env, "init", "-q")
    (repo / "sop").mkdir()
    (repo / "sop" / "pengumpulan-data.sop.md").write_text(text, encoding="utf-8")
    (repo / "README.md").write_text("not an SOP\n", encoding="utf-8")
    _git(repo, env, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "sop-lint", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hooks_file_declares_the_sop_lint_hook() -> None:
    yaml = pytest.importorskip("yaml")  # pre-commit depends on PyYAML
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "sop-lint")
    assert hook["entry"] == "sop-lint check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.sop(\.md)?$"


def test_defective_sop_fails_the_hook_and_names_the_finding(hook_repo: Path, home: Path) -> None:
    result = _try_repo(hook_repo, home, "defective", DEFECTIVE)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "sop-lint" in output and "Failed" in output
    assert "sop/pengumpulan-data.sop.md:42:1: P002 [warning] unknown section `Peringatn`" in output


def test_clean_sop_passes_the_hook(hook_repo: Path, home: Path) -> None:
    result = _try_repo(hook_repo, home, "clean", GOOD)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
