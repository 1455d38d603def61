"""The default report: `path:line:col: CODE [severity] message`, a code
frame under each finding, and a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import TextIO

from ..rule import Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions

_FRAME_WIDTH = 200  # a code frame shows at most this much of a long line

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"

# Control characters of an SOP (or its path) never reach the terminal as themselves: an
# escape sequence in a file must not recolour, move the cursor or retitle the window.
# Each becomes one visible character (U+2400 Control Pictures), so code frames stay aligned.
_VISIBLE = {c: 0x2400 + c for c in range(0x20) if c != 0x09} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}


def printable(text: str) -> str:
    return text.translate(_VISIBLE)


def code_frame(finding: Finding, colour: bool = False) -> list[str]:
    line = printable(finding.source_line.replace("\t", " "))
    start = finding.span.column - 1
    if finding.span.end_line == finding.span.line:
        width = max(1, finding.span.end_column - finding.span.column)
    else:
        width = max(1, len(line) - start)
    offset = 0
    if len(line) > _FRAME_WIDTH:  # show a window around the finding
        offset = max(0, min(start - 20, len(line) - _FRAME_WIDTH))
        line = line[offset : offset + _FRAME_WIDTH]
        width = min(width, _FRAME_WIDTH - (start - offset))
    number = str(finding.span.line)
    gutter = " " * len(number)
    carets = "^" * max(1, width)
    if colour:
        carets = _COLOURS[finding.severity] + carets + _RESET
    return [f"{gutter} |", f"{number} | {line}", f"{gutter} | {' ' * (start - offset)}{carets}"]


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    show_source, colour = options.show_source, options.colour
    for finding in findings:
        location = f"{printable(finding.path)}:{finding.span.line}:{finding.span.column}:"
        severity = f"[{finding.severity}]"
        if colour:
            location = _BOLD + location + _RESET
            severity = _COLOURS[finding.severity] + severity + _RESET
        out.write(f"{location} {finding.code} {severity} {printable(finding.text)}\n")
        if show_source and finding.source_line is not None and finding.span.line > 0 and finding.source_line != "":
            for frame_line in code_frame(finding, colour):
                out.write(frame_line + "\n")
            out.write("\n")
    if options.summary_line:
        out.write(summary(findings, len(files_linted), options.lang) + "\n")


def summary(findings: Sequence[Finding], files: int, lang: str = "en", fixable_hint: bool = True) -> str:
    """`Found 3 findings (1 error, 2 warnings) in 2 files; 1 fixable with --fix.` The
    unsafe fixes are counted apart: only --unsafe-fixes applies them (as ruff)."""
    from ..messages import count, say

    files_text = count(lang, files, "file")
    if not findings:
        return say(lang, "summary.none", files=files_text)
    counts = []
    for severity in ("error", "warning", "info"):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            counts.append(count(lang, n, severity))
    line = say(lang, "summary.found", findings=count(lang, len(findings), "finding"), counts=", ".join(counts), files=files_text)
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability != "safe")
    if safe and fixable_hint:
        line += say(lang, "summary.fixable", count=safe)
    if unsafe and fixable_hint:
        line += say(lang, "summary.unsafe", count=unsafe)
    return line + "."
