"""A real editor as the client: headless Neovim with a short Lua config opens a
fixture, waits for the diagnostics of `sop-lint lsp` and writes them out; they
are the findings of `check --output-format json`, at the same places.

Neovim keeps columns in bytes and converts the protocol's UTF-16 columns itself,
so the fixture's emoji and accented names test the whole chain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need_program
from tests.lsp_support import check_json, copy

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "tests" / "nvim" / "init.lua"
SEVERITY = {"error": 1, "warning": 2, "info": 3}  # vim.diagnostic.severity


def byte_column(line: str, column: int) -> int:
    """A 1-based code-point column as Neovim's 0-based byte column."""
    return len(line[: column - 1].encode("utf-8"))


def test_neovim_shows_the_findings_of_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nvim = need_program("nvim")
    path = copy("defects.sop.md", tmp_path)
    out = tmp_path / "diagnostics.json"
    env = os.environ | {
        "SOP_LINT_NVIM_OUT": str(out),
        "SOP_LINT_LSP_CMD": json.dumps([sys.executable, "-m", "sop_lint", "lsp"]),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    run = subprocess.run(
        [nvim, "--headless", "-n", "-i", "NONE", "-u", str(INIT), str(path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert run.returncode == 0 and result["status"] == "ok", (run.returncode, result, run.stderr)
    lines = path.read_text(encoding="utf-8").split("\n")
    want = [
        (
            f["code"],
            f["message"],
            SEVERITY[f["severity"]],
            f["line"] - 1,
            byte_column(lines[f["line"] - 1], f["column"]),
            f["end_line"] - 1,
            byte_column(lines[f["end_line"] - 1], f["end_column"]),
        )
        for f in check_json(capsys, path)
    ]
    shown = result["diagnostics"]
    got = [(d["code"], d["message"], d["severity"], d["lnum"], d["col"], d["end_lnum"], d["end_col"]) for d in shown]
    assert sorted(got) == sorted(want)
    assert len(got) == 6 and {d["source"] for d in shown} == {"sop-lint"}
