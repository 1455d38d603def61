"""Applying fixes: `check --fix` and `--diff`.

The steps for one text: lint it, make a `sop_lint.fixes.Plan` of the fixable
findings, render it onto the text (`sop_lint.formatter`, every other byte
kept), check the result against the plan (`sop_lint.writer.verify`), lint
again — in rounds, since one fix can bring another into reach — and, for a
file, write it back atomically. Any failed check leaves the text as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .fixes import FIXABLE, fix_plan, join_text, split_text
from .formatter import FormatError, render
from .parser import parse_text
from .source import decode
from .writer import UnsafeChange, unified_diff, verify, write_atomic

if TYPE_CHECKING:
    from .engine import Linter
    from .rule import Finding


MAX_ROUNDS = 4  # a fix can bring another into reach (P002 then P008); rounds until nothing changes


@dataclass(slots=True)
class FixResult:
    text: str  # the fixed text (LF line ends, no BOM); the input when nothing changed
    changed: bool
    findings: list[Finding]  # what remains, from the fixed text
    fixed: int  # findings of fixable rules that are gone
    problem: str | None = None  # why nothing was written (the safety check failed)
    declined: list[str] = field(default_factory=list)


def fix_text(linter: Linter, text: str, path: str) -> FixResult:
    """Apply the fixes of the reported findings to `text` (already decoded), in rounds,
    each re-parsed and checked against its plan. On any failed check, the input."""
    body, bom, ending = split_text(text)
    findings = linter.lint_text(text, path)
    before = Counter(f.code for f in findings if f.code in FIXABLE)
    current, current_findings = body, findings
    declined: list[str] = []
    for _ in range(MAX_ROUNDS):
        result = parse_text(current, linter.pack)
        if result.sop is None:
            break  # never rewrite what does not parse
        plan = fix_plan(result.sop, current_findings, linter.pack)
        declined = plan.declined
        if plan.empty():
            break
        try:
            new = render(result.sop, current, plan, canonical=False)
            verify(result.sop, new, plan, linter.pack)
        except (FormatError, UnsafeChange) as error:
            return FixResult(text, False, findings, 0, problem=str(error), declined=declined)
        if new == current:
            break
        current = new
        current_findings = linter.lint_text(current, path)
    if current == body:
        return FixResult(text, False, findings, 0, declined=declined)
    after = Counter(f.code for f in current_findings if f.code in FIXABLE)
    fixed = sum(max(0, count - after[code]) for code, count in before.items())
    return FixResult(join_text(current, bom, ending), True, current_findings, fixed, declined=declined)


@dataclass(slots=True)
class FileFix:
    """What `check --fix`/`--diff` did to one file."""

    findings: list[Finding]  # what remains (all of them, when nothing changed)
    fixed: int = 0
    changed: bool = False
    diff: str = ""
    error: str | None = None  # why the file was not fixed (exit 2)
    declined: list[str] = field(default_factory=list)  # fixes not made, and why


def fix_file(linter: Linter, path: Path, data: bytes, write: bool) -> FileFix:
    """Fix one file: lint it, fix what can be fixed, check, and (if `write`) write it back atomically."""
    name = str(path)
    text, _ = decode(data)
    if text is None:  # P005: never rewritten
        return FileFix(linter.lint_bytes(data, name))
    result = fix_text(linter, text, name)
    outcome = FileFix(result.findings, result.fixed, result.changed, declined=sorted(set(result.declined)))
    if result.problem is not None:
        outcome.error = f"{name}: not fixed: {result.problem}"
    elif result.changed:
        outcome.diff = unified_diff(text, result.text, name)
        if write:
            try:
                write_atomic(path, result.text.encode("utf-8"))
            except OSError as error:
                outcome.error = f"{name}: cannot write: {error.strerror or error}"
                outcome.findings, outcome.fixed, outcome.changed = linter.lint_text(text, name), 0, False
    return outcome
