"""`--output-format gitlab`: a GitLab Code Quality report (`artifacts: reports:
codequality:`), which GitLab shows in the merge request and on the diff:

    [{"description": "…", "check_name": "S402", "fingerprint": "…", "severity": "major",
      "location": {"path": "sop/a.sop.md", "lines": {"begin": 42, "end": 42}}}]

The fingerprint is SARIF's (`sarif.fingerprint`): the file, the rule and the
offending line's text — not its number — with the occurrence among equal ones,
so a finding keeps its fingerprint when lines move above it and GitLab does
not report it as fixed and new again. Severities: error → major, warning →
minor, info → info. Paths relative to the working directory (`options.root`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any, TextIO

from ..rule import Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions
from .sarif import fingerprint, relative_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issues(findings: Sequence[Finding], root: Path | None = None) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}  # identical line fingerprints get their occurrence, in file order
    report: list[dict[str, Any]] = []
    for finding in findings:
        path = relative_path(finding.path, root)
        digest = fingerprint(path, finding.code, finding.source_line)
        seen[digest] = seen.get(digest, 0) + 1
        line = max(1, finding.span.line)  # line 0 (the whole file): GitLab wants a line, the first
        end = max(line, finding.span.end_line)
        report.append(
            {
                "description": f"{finding.code} {finding.text}",
                "check_name": finding.code,
                "fingerprint": hashlib.md5(f"{digest}:{seen[digest]}".encode(), usedforsecurity=False).hexdigest(),
                "severity": SEVERITIES[finding.severity],
                "location": {"path": path, "lines": {"begin": line, "end": end}},
            }
        )
    return report


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    """A JSON list of issues; files without findings are not in it."""
    json.dump(issues(findings, options.root), out, indent=2, ensure_ascii=False)
    out.write("\n")
