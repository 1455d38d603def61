"""Applying fixes: `check --fix` and `--diff`.

The steps for one text: lint it (the model comes back with the findings),
plan the fixes the reported findings carry (`sop_lint.fixes.fix_plan`), render
the plan onto the text (`sop_lint.formatter`, every other byte kept), check
the result against the plan (`sop_lint.writer.verify`, which parses it) and
lint that parse — in rounds, since one fix can bring another into reach: each
round parses its text once. For a file, the result is written back
atomically. Any failed check leaves the text as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .fixes import fix_plan, join_text, split_text
from .formatter import FormatError, render
from .lines import build_layout
from .writer import UnsafeChange, unified_diff, verify, write_atomic

if TYPE_CHECKING:
    from .engine import Linter, LintResult
    from .rule import Finding


MAX_ROUNDS = 4  # a fix can bring another into reach (P002 then P008); rounds until nothing changes


@dataclass(slots=True)
class FixResult:
    text: str  # the fixed text (LF line ends, no BOM); the input when nothing changed
    changed: bool
    findings: list[Finding]  # what remains, from the fixed text
    fixed: int  # fixable findings that are gone
    problem: str | None = None  # why nothing was written (the safety check failed)
    declined: list[str] = field(default_factory=list)
    rounds: int = 0  # the fix rounds made (each parses its text once)
    made: list[Finding] = field(default_factory=list)  # the fixable findings that are gone (--show-fixes)


def _fixable(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.fix is not None:
            counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts


def fix_text(linter: Linter, text: str, path: str, unsafe: bool = False, linted: LintResult | None = None) -> FixResult:
    """Apply the fixes of the reported findings to `text` (already decoded), in rounds,
    each re-parsed and checked against its plan. On any failed check, the input.
    `linted`: the lint of `text`, when the caller has it already."""
    body, bom, ending = split_text(text)
    first = linted if linted is not None else linter.lint(text, path)
    findings = first.findings
    before = _fixable(findings)
    # The fixes render onto LF text without a BOM: a text with CRLF or a BOM is linted as that.
    current, result = body, first if body == text else linter.lint(body, path)
    declined: list[str] = list(first.declined)
    rounds = 0
    for _ in range(MAX_ROUNDS):
        sop = result.sop
        if sop is None:
            break  # never rewrite what does not parse
        plan = fix_plan(sop, result.findings, linter.pack, unsafe)
        if plan.empty():
            declined.extend(plan.declined)
            break
        try:
            # One line tree a round: the lint's (the parser's, or the one its fixes rendered on), else made here.
            layout = result.layout if result.layout is not None else build_layout(sop, current)
            new = render(sop, current, plan, canonical=False, layout=layout)
            parsed = verify(sop, new, plan, linter.pack, layout)
        except (FormatError, UnsafeChange) as error:
            return FixResult(text, False, findings, 0, problem=str(error), declined=_unique(declined + plan.declined))
        declined.extend(plan.declined)
        rounds += 1
        if new == current:
            break
        current = new
        result = linter.lint(current, path, parsed=parsed)
        declined.extend(result.declined)
    if current == body:
        return FixResult(text, False, findings, 0, declined=_unique(declined), rounds=rounds)
    after = _fixable(result.findings)
    fixed = sum(max(0, count - after.get(code, 0)) for code, count in before.items())
    left = {(f.code, f.text) for f in result.findings}
    made = [f for f in findings if f.fix is not None and (f.code, f.text) not in left]
    fixed_text = join_text(current, bom, ending)
    return FixResult(fixed_text, True, result.findings, fixed, declined=_unique(declined), rounds=rounds, made=made)


def _unique(reasons: list[str]) -> list[str]:
    return list(dict.fromkeys(reasons))


@dataclass(slots=True)
class FileFix:
    """What `check --fix`/`--diff` did to one file."""

    findings: list[Finding]  # what remains (all of them, when nothing changed)
    fixed: int = 0
    changed: bool = False
    diff: str = ""
    error: str | None = None  # why the file was not fixed (exit 2)
    declined: list[str] = field(default_factory=list)  # fixes not made, and why
    text: str | None = None  # the fixed text (as the file's bytes will hold it), when changed
    made: list[Finding] = field(default_factory=list)  # the findings fixed (--show-fixes)


def fix_source(linter: Linter, data: bytes, name: str, unsafe: bool = False) -> FileFix:
    """Fix one file's bytes in memory: lint, fix what can be fixed, check; nothing is written."""
    linted = linter.lint(data, name)
    if linted.text is None:  # P005: never rewritten
        return FileFix(linted.findings)
    text = linted.text
    result = fix_text(linter, text, name, unsafe, linted)
    outcome = FileFix(result.findings, result.fixed, result.changed, declined=sorted(set(result.declined)), made=result.made)
    if result.problem is not None:
        outcome.error = f"{name}: not fixed: {result.problem}"
    elif result.changed:
        outcome.diff = unified_diff(text, result.text, name)
        outcome.text = result.text
    return outcome


def fix_file(linter: Linter, path: Path, data: bytes, write: bool, unsafe: bool = False) -> FileFix:
    """Fix one file: lint it, fix what can be fixed, check, and (if `write`) write it back atomically."""
    name = str(path)
    outcome = fix_source(linter, data, name, unsafe)
    if write and outcome.changed and outcome.text is not None:
        try:
            write_atomic(path, outcome.text.encode("utf-8"))
        except OSError as error:
            outcome.error = f"{name}: cannot write: {error.strerror or error}"
            outcome.findings, outcome.fixed, outcome.changed = linter.lint(data, name).findings, 0, False
    return outcome
