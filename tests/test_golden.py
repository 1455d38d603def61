"""The full text output for each seed SOP, as a user sees it, pinned in
tests/golden/. After an intended change of output, regenerate with
`SOP_LINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .cli_runner import invoke
from .conftest import FIXTURES, ROOT

GOLDEN = Path(__file__).parent / "golden"
SEEDS = sorted((FIXTURES / "seeds").glob("*.sop.md"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_text_output(seed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke(capsys, "check", "--isolated", seed.relative_to(ROOT).as_posix())
    assert result.code == 1
    assert result.err == ""
    golden = GOLDEN / (seed.name.removesuffix(".sop.md") + ".txt")
    if os.environ.get("SOP_LINT_UPDATE_GOLDEN"):
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")
