"""`--statistics`: how often each rule fired, most frequent first, instead of
the findings themselves:

      12  D503  duration-without-unit  [warning]
       3  S402  broken-step-reference  [error]

With `--output-format json`, the same as a JSON list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from typing import TextIO

from ..rule import SEVERITIES, Finding, Rule, Severity
from . import DEFAULT_OPTIONS, ReportOptions


@dataclass(slots=True, frozen=True)
class CodeCount:
    code: str
    name: str
    severity: Severity  # the most severe among its findings (severity overrides apply)
    count: int
    fixable: int


def count(findings: Sequence[Finding], rules: dict[str, type[Rule]]) -> list[CodeCount]:
    totals: dict[str, int] = {}
    fixable: dict[str, int] = {}
    severity: dict[str, Severity] = {}
    for finding in findings:
        code = finding.code
        totals[code] = totals.get(code, 0) + 1
        fixable[code] = fixable.get(code, 0) + (finding.fix is not None)
        if code not in severity or SEVERITIES.index(finding.severity) > SEVERITIES.index(severity[code]):
            severity[code] = finding.severity
    rows = [
        CodeCount(code, rules[code].name if code in rules else "", severity[code], total, fixable[code])
        for code, total in totals.items()
    ]
    rows.sort(key=lambda row: (-row.count, row.code))
    return rows


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    """`options.statistics_format` "json" gives a list of {code, name, severity, count, fixable}; else aligned lines."""
    rows = count(findings, rules)
    if options.statistics_format == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "count": r.count, "fixable": r.fixable} for r in rows]
        json.dump(data, out, indent=2)
        out.write("\n")
        return
    if not rows:
        return
    count_width = max(4, len(str(rows[0].count)))
    name_width = max(len(row.name) for row in rows)
    for row in rows:
        out.write(f"{row.count:>{count_width}}  {row.code}  {row.name:<{name_width}}  [{row.severity}]\n")
