"""`--output-format github`: GitHub Actions workflow commands, which the
runner turns into annotations on the pull request's diff:

    ::error file=sop/a.sop.md,line=42,col=7,endLine=42,endColumn=9,title=S402::sop/a.sop.md:42:7: S402 Ya points to step 14, …

Severities map to `::error`, `::warning` and `::notice`. The message repeats
`path:line:col` and the code (as ruff's does): the raw log of the job and a
summary that drops the properties still say where.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TextIO

from ..rule import Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions
from .sarif import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


# The escaping of the runner (actions/toolkit `command.ts`): data escapes
# `%`, CR and LF; a property value also `:` and `,`, which would end it.
def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, root: Path | None = None) -> str:
    properties: list[tuple[str, str]] = []
    if finding.path:
        properties.append(("file", relative_path(finding.path, root)))
    span = finding.span
    if span.line >= 1:  # line 0: a finding about the whole file
        properties.append(("line", str(span.line)))
        if span.column >= 1:
            properties.append(("col", str(span.column)))
        if span.end_line >= span.line:
            properties.append(("endLine", str(span.end_line)))
            if span.column >= 1 and span.end_column >= 1:
                properties.append(("endColumn", str(span.end_column)))
    properties.append(("title", finding.code))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    where = relative_path(finding.path, root) if finding.path else ""
    if span.line >= 1:
        where += f":{span.line}:{max(span.column, 1)}"
    message = f"{where}: {finding.code} {finding.text}" if where else f"{finding.code} {finding.text}"
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    """One workflow command per finding (paths relative to `options.root`)."""
    for finding in findings:
        out.write(command(finding, options.root) + "\n")
