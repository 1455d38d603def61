"""Running the real command line in-process: `sop_lint.cli.run`, the console
script's own entry, with standard input, output and error captured."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from sop_lint.cli import run


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def invoke(capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes = b"") -> Result:
    capsys.readouterr()  # drop anything printed before
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = run(list(args))
    finally:
        sys.stdin = saved
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def one_error_line(result: Result) -> str:
    """The run failed with exit 2 and exactly one line on standard error; that line."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("sop-lint: error: "), line
    assert "Traceback" not in result.err
    return line.removeprefix("sop-lint: error: ")
