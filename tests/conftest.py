from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sop_lint.engine import Linter, Settings
from sop_lint.rule import Finding

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# Tests pin "today" so that date rules (M106, L604) give the same answer every day.
TODAY = date(2026, 11, 22)


def lint_bytes(data: bytes, path: str = "test.sop.md", **settings: Any) -> list[Finding]:
    """Lint with the tests' settings (preview on, the pinned today), `settings` laid over them."""
    options: dict[str, Any] = {"preview": True, "today": TODAY}
    options.update(settings)
    linter = Linter(Settings(**options))
    findings = linter.lint_bytes(data, path)
    assert linter.internal_errors == [], linter.internal_errors
    return findings


def lint(text: str, **settings: Any) -> list[Finding]:
    return lint_bytes(text.encode("utf-8"), **settings)


def codes(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.line, f.span.column) for f in findings]


@pytest.fixture
def good_sop() -> str:
    return (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _results_cache_out_of_the_tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Command-line runs (in this process and in subprocesses) keep their results
    cache in a temporary folder, not in `.sop-lint-cache/` of the working tree."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOP_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("sop-lint-cache")))
        yield


# --- what some tests need from outside the project -----------------------------------------

IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED = ROOT.parent / "shared"


def need_program(*names: str) -> str:
    """The path of the first of `names` on PATH. Outside CI a test without it skips;
    in CI (CI=true) it fails, since `.ci/run` installs every program a test needs."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"needs one of {', '.join(names)} on PATH"
    if IN_CI:
        pytest.fail(message + " (.ci/run installs it)")
    pytest.skip(message)


def need_shared(relative: str) -> Path:
    """A file or folder of the workplace's `../shared/` (real documents, never committed):
    skips, saying why, only when `../shared/` is absent (a clone elsewhere); fails in CI."""
    path = SHARED / relative
    if path.exists():
        return path
    message = f"needs {path} (the real documents are not part of the project)"
    if IN_CI or SHARED.exists():
        pytest.fail(message)
    pytest.skip(message)
