"""`--output-format json`: one JSON document with the tool, every finding and
a summary. Its shape is a public contract, described by
`schemas/findings.schema.json` (shipped in the package, see `schema()`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..model import Span
from ..rule import Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions

SCHEMA_NAME = "findings.schema.json"


def schema_path() -> Path:
    """Where the JSON Schema of this format lives (the installed wheel or the source checkout)."""
    from .._resources import data_path

    return data_path("schemas", SCHEMA_NAME)


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def _position(span: Span) -> dict[str, int]:
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def finding_dict(finding: Finding, rules: dict[str, type[Rule]]) -> dict[str, Any]:
    rule = rules.get(finding.code)
    fix: dict[str, Any] | None = None
    if finding.fix is not None:
        fix = {
            "title": finding.fix.title,
            "applicability": finding.fix.applicability,
            "edits": [_position(edit.span) | {"text": edit.text} for edit in finding.fix.edits],
        }
    return {
        "path": finding.path,
        "code": finding.code,
        "name": rule.name if rule is not None else "",
        "severity": finding.severity,
        "message": finding.text,
        **_position(finding.span),
        "fix": fix,
    }


def document(
    findings: Sequence[Finding], files_linted: Sequence[str | PathLike[str]], rules: dict[str, type[Rule]]
) -> dict[str, Any]:
    def count(severity: str) -> int:
        return sum(1 for f in findings if f.severity == severity)

    return {
        "tool": {"name": "sop-lint", "version": __version__},
        "findings": [finding_dict(f, rules) for f in findings],
        "summary": {
            "files": len(files_linted),
            "findings": len(findings),
            "errors": count("error"),
            "warnings": count("warning"),
            "infos": count("info"),
            "fixable": sum(1 for f in findings if f.fix is not None),
        },
    }


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    # ASCII escapes: the document survives any stream encoding (a Windows console, a pipe).
    json.dump(document(findings, files_linted, rules), out, indent=2)
    out.write("\n")
