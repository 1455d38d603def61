"""`--output-format junit`: JUnit XML for GitLab, Jenkins and other CI
servers that show test reports.

Each finding is one test case (GitLab shows only the first failure of a test
case, so a file's findings must not share one), named `CODE path:line:col`,
its class the file. A finding at or above `--fail-on` is a `<failure>` (the
rule code its type, the text report's line its body); one below it is a
passed case with that line as its `<system-out>` — as the exit status says,
it does not fail the build. A file with no findings is one passed case named
by its path. `failures` counts the failed cases, so it never exceeds `tests`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from os import PathLike, fspath
from typing import TextIO

from ..rule import SEVERITIES, Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions

SUITE_NAME = "sop-lint"

# Characters XML 1.0 cannot hold at all, even escaped (controls, lone
# surrogates, U+FFFE/FFFF): a message that quotes a broken file may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match[0]):02x}" if ord(match[0]) < 0x100 else "\ufffd", text)


def tree(findings: Sequence[Finding], files_linted: Sequence[str | PathLike[str]], fail_on: str = "warning") -> ET.Element:
    by_file: dict[str, list[Finding]] = {fspath(path): [] for path in files_linted}
    for finding in findings:
        # A finding in a file not listed still gets its test case: never drop one.
        by_file.setdefault(finding.path, []).append(finding)
    threshold = SEVERITIES.index(fail_on) if fail_on in SEVERITIES else 0
    cases: list[tuple[dict[str, str], Finding | None, bool]] = []
    for path, file_findings in by_file.items():
        if not file_findings:
            cases.append(({"classname": _clean(path), "name": _clean(path), "file": _clean(path), "time": "0"}, None, False))
        for finding in file_findings:
            where = f"{finding.path}:{finding.span.line}:{finding.span.column}"
            attributes = {
                "classname": _clean(path),
                "name": _clean(f"{finding.code} {where}"),
                "file": _clean(path),
                "line": str(finding.span.line),
                "time": "0",
            }
            cases.append((attributes, finding, SEVERITIES.index(finding.severity) >= threshold))
    failed = sum(1 for _, _, fails in cases if fails)
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0", "skipped": "0", "time": "0"}
    suites = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE_NAME, **counts})
    for attributes, shown, fails in cases:
        case = ET.SubElement(suite, "testcase", attributes)
        if shown is None:
            continue
        finding = shown
        # The body is the line a person reads in the text report.
        location = f"{finding.path}:{finding.span.line}:{finding.span.column}"
        line = _clean(f"{location}: {finding.code} [{finding.severity}] {finding.text}")
        if fails:
            failure = ET.SubElement(case, "failure", {"message": _clean(finding.text), "type": finding.code})
            failure.text = line
        else:
            ET.SubElement(case, "system-out").text = line
    return suites


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    root = tree(findings, files_linted, options.fail_on)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # Non-ASCII becomes character references: the XML stays right whatever the stream's encoding.
    out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode("ascii"))
    out.write("\n")
