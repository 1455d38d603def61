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


def test_the_parser_builds_the_line_tree_for_directives_and_hands_it_on() -> None:
    from sop_lint.lines import build_layout, node_spans

    assert parse_text("# T\n\n## Prosedur\n\n1. a\n").layout is None  # no directive: no tree needed
    text = "# T\n\n<!-- sop-lint: disable=P002 -->\n## Prosedurr  \n\n1. a\n   - Waktu: 5 menit\n\n- b\n"
    result = parse_text(text)
    assert result.sop is not None and result.layout is not None
    assert result.layout == build_layout(result.sop, text)
    heading, step, sub, bullet = (span for span in node_spans(result.layout) if span.line > 1)
    assert (heading.line, heading.column, heading.end_column) == (4, 1, 15)  # the whole heading line
    assert (step.line, step.end_line, sub.line, bullet.line) == (6, 7, 7, 9)
    assert result.sop.suppressions[0].target == heading
    assert result.layout.sections[0].gap == [2, 3]  # the blank line and the directive before the heading


def test_the_formatter_renders_the_same_from_the_parsers_tree() -> None:
    from sop_lint.fixes import format_plan
    from sop_lint.formatter import render
    from sop_lint.pack import builtin_pack

    from .conftest import TODAY

    # The sections are sorted: the directive must move with its heading, the note stay with the title.
    text = "# T\n\n<!-- catatan -->\n<!-- sop-lint: disable=P002 -->\n## Prosedurr\n\n1. a\n\n## Identitas\n\n- Nomor: 1\n"
    result = parse_text(text)
    assert result.sop is not None and result.layout is not None
    plan = format_plan(result.sop, builtin_pack(), TODAY)
    rendered = render(result.sop, text, plan, canonical=True, layout=result.layout)
    assert rendered == render(result.sop, text, plan, canonical=True)
    assert rendered.index("## Identitas") < rendered.index("<!-- sop-lint: disable=P002 -->\n\n## Prosedurr\n")
