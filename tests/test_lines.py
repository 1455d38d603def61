"""`sop_lint.lines`: the one comment and directive reading that the parser, the
formatter and the writer share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.lines import Directive, directive
from sop_lint.parser import parse_text

from .conftest import need_shared


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" sop-lint: disable=P008 ", Directive(False, ["P008"])),
        ("sop-lint:disable=P008,D511", Directive(False, ["P008", "D511"])),
        (" SOP-LINT : Disable-File = P008 ,  D511 ; ", None),  # `;` is no separator
        (" SOP-LINT : Disable-File = P008 ,  D511  ", Directive(True, ["P008", "D511"])),
        (" sop-lint: disable= ", Directive(False, [])),
        (" sop-lint: disable=D503! ", None),
        (" sop-lint: enable=D503 ", None),
        (" catatan: sop-lint: disable=D503 ", None),  # the directive must open the comment
        ("\n sop-lint: disable=S401\n   S402\n", Directive(False, ["S401", "S402"])),
    ],
)
def test_directive_reading(text: str, expected: Directive | None) -> None:
    assert directive(text) == expected


def test_a_long_run_of_spaces_in_a_broken_directive_is_read_in_linear_time() -> None:
    # Quadratic before: 40,000 spaces took seconds, 100,000 most of a minute, 1,000,000 hours.
    text = "# T\n\n<!-- sop-lint: disable=D503" + " " * 1_000_000 + "! -->\n"
    result = parse_text(text)
    assert result.sop is not None
    assert len(result.sop.comments) == 1 and result.sop.suppressions == []


def test_the_hostile_directive_file_is_checked_and_formatted(tmp_path: Path) -> None:
    source = need_shared("hostile-inputs/redos-suppression-directive.sop.md")
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    for command in (["check", "--no-cache", "--no-show-source"], ["format", "--diff"]):
        done = subprocess.run(
            [sys.executable, "-m", "sop_lint", *command, str(path)], capture_output=True, text=True, timeout=120
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 1), (command, done.stderr)
    assert path.read_bytes() == source.read_bytes()  # `--diff` writes nothing
