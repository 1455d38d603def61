"""`--output-format junit`: JUnit XML for GitLab, Jenkins and other CI
servers that show test reports.

Each linted file is one test case (a clean file passes), and each finding a
`<failure>` inside it, with the rule code as its type. `failures` counts the
failed test cases — files with findings — as the JUnit readers expect, so it
never exceeds `tests`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from os import PathLike, fspath
from typing import TextIO

from ..rule import Finding, Rule
from . import DEFAULT_OPTIONS, ReportOptions

SUITE_NAME = "sop-lint"

# Characters XML 1.0 cannot hold at all, even escaped (controls, lone
# surrogates, U+FFFE/FFFF): a message that quotes a broken file may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match[0]):02x}" if ord(match[0]) < 0x100 else "\ufffd", text)


def tree(findings: Sequence[Finding], files_linted: Sequence[str | PathLike[str]]) -> ET.Element:
    by_file: dict[str, list[Finding]] = {fspath(path): [] for path in files_linted}
    for finding in findings:
        # A finding in a file not listed still gets its test case: never drop one.
        by_file.setdefault(finding.path, []).append(finding)
    failed = sum(1 for file_findings in by_file.values() if file_findings)
    counts = {"tests": str(len(by_file)), "failures": str(failed), "errors": "0", "skipped": "0", "time": "0"}
    suites = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE_NAME, **counts})
    for path, file_findings in by_file.items():
        attributes = {"classname": SUITE_NAME, "name": _clean(path), "file": _clean(path), "time": "0"}
        case = ET.SubElement(suite, "testcase", attributes)
        for finding in file_findings:
            failure = ET.SubElement(case, "failure", {"message": _clean(finding.text), "type": finding.code})
            # The body is the line a person reads in the text report.
            location = f"{finding.path}:{finding.span.line}:{finding.span.column}"
            failure.text = _clean(f"{location}: {finding.code} [{finding.severity}] {finding.text}")
    return suites


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    root = tree(findings, files_linted)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # Non-ASCII becomes character references: the XML stays right whatever the stream's encoding.
    out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode("ascii"))
    out.write("\n")
