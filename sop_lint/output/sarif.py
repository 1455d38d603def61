"""`--output-format sarif`: SARIF 2.1.0, for GitHub code scanning and every
other tool that reads static-analysis results.

Every rule of the registry goes into `tool.driver.rules` (not only the ones
that fired), so a viewer can show the doc page of any rule; each finding is a
result with its region and a fingerprint that survives lines moving.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from .. import REPOSITORY_URL, __version__
from ..model import Span
from ..rule import Finding, Fix, Rule
from . import DEFAULT_OPTIONS, ReportOptions

# The project's home. A placeholder until the repository has its public
# address: every link sop-lint prints is built from this one constant.
PROJECT_URL = REPOSITORY_URL  # kept for callers of the old name

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "sopLintHash/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_doc_url(rule: type[Rule], repository: str | None = None) -> str:
    """The rule's section of docs/rules.md in `repository` (default sop-lint's own; its
    anchor is GitHub's slug of the heading)."""
    return f"{repository or REPOSITORY_URL}/blob/main/docs/rules.md#{rule.code.lower()}-{rule.name}"


def relative_path(path: str, root: Path | None = None) -> str:
    """The path as SARIF and GitHub want it: relative to `root` (the working
    directory) when it lies under it, with forward slashes."""
    pure = Path(path)
    if pure.is_absolute():
        base = root or Path.cwd()
        for candidate, start in ((pure, base), (pure.resolve(), base.resolve())):
            try:
                return candidate.relative_to(start).as_posix()
            except ValueError:
                continue
    return PurePath(path).as_posix()


def artifact_uri(path: str, root: Path | None = None) -> str:
    relative = relative_path(path, root)
    if Path(relative).is_absolute():  # outside the working directory
        return Path(relative).as_uri()
    return quote(relative, safe="/")  # a URI reference: spaces and `#` must be escaped


def fingerprint(path: str, code: str, line_text: str) -> str:
    """What identifies a finding across edits: the file, the rule and the
    offending line's text with its whitespace normalised — not the line
    number, so lines added above leave it unchanged."""
    key = "\0".join((path, code, " ".join(line_text.split())))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def first_paragraph(doc: str, heading: str = "## What it does") -> str:
    """The first paragraph under `heading`, its lines joined."""
    lines = doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == heading) + 1
    except StopIteration:
        return ""
    paragraph: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if stripped.startswith(("#", "```")):
            break
        paragraph.append(stripped)
    return " ".join(paragraph)


def region(span: Span) -> dict[str, int] | None:
    """A SARIF region; None for a finding about the whole file (line 0)."""
    if span.line < 1:
        return None
    result = {"startLine": span.line}
    if span.column >= 1:
        result["startColumn"] = span.column
    if span.end_line >= span.line:
        result["endLine"] = span.end_line
        if span.column >= 1 and span.end_column >= 1:
            result["endColumn"] = span.end_column
    return result


def rule_descriptor(rule: type[Rule], lang: str = "en", repository: str | None = None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary_id if lang == "id" else rule.summary},
    }
    if lang == "id":
        from ..docs import SECTIONS_ID, indonesian_doc

        doc, what = indonesian_doc(rule), f"## {SECTIONS_ID['What it does']}"
    else:
        doc, what = rule.doc(), "## What it does"
    full = first_paragraph(doc, what)
    if full:
        descriptor["fullDescription"] = {"text": full}
    if doc:
        descriptor["help"] = {"text": doc, "markdown": doc}
    descriptor["helpUri"] = rule_doc_url(rule, repository)
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return descriptor


def _fix(fix: Fix, uri: str) -> dict[str, Any] | None:
    replacements = []
    for edit in fix.edits:
        deleted = region(edit.span)
        if deleted is None:
            return None  # an edit SARIF cannot place: leave the fix out rather than half of it
        replacements.append({"deletedRegion": deleted, "insertedContent": {"text": edit.text}})
    if not replacements:
        return None
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"applicability": fix.applicability},
    }


def log(
    findings: Sequence[Finding],
    rules: dict[str, type[Rule]],
    *,
    lang: str = "en",
    root: Path | None = None,
    repository: str | None = None,
) -> dict[str, Any]:
    index = {code: i for i, code in enumerate(rules)}
    seen: dict[str, int] = {}  # identical fingerprints get :1, :2, … in file order
    results: list[dict[str, Any]] = []
    for finding in findings:
        uri = artifact_uri(finding.path, root)
        digest = fingerprint(relative_path(finding.path, root), finding.code, finding.source_line)
        seen[digest] = seen.get(digest, 0) + 1
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        place = region(finding.span)
        if place is not None:
            location["region"] = place
        result: dict[str, Any] = {"ruleId": finding.code}
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        result |= {
            "level": LEVELS[finding.severity],
            "message": {"text": finding.text},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{seen[digest]}"},
        }
        fix = _fix(finding.fix, uri) if finding.fix is not None else None
        if fix is not None:
            result["fixes"] = [fix]
        results.append(result)
    driver = {
        "name": "sop-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": repository or REPOSITORY_URL,
        "rules": [rule_descriptor(rule, lang, repository) for rule in rules.values()],
    }
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        # Columns count characters (code points), as Python strings do.
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }


def render(
    findings: Sequence[Finding],
    files_linted: Sequence[str | PathLike[str]],
    out: TextIO,
    rules: dict[str, type[Rule]],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    """SARIF lists results, not files: `files_linted` is not read."""
    json.dump(log(findings, rules, lang=options.lang, root=options.root, repository=options.repository_url), out, indent=2)
    out.write("\n")
