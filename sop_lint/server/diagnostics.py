"""Findings as protocol diagnostics: the rule code with a link to its doc page,
the severity the configuration gives it, and the second place a finding names
(the first step with a duplicate number, the role spelt the other way …)."""

from __future__ import annotations

from lsprotocol import types

from ..output.sarif import rule_doc_url
from ..rule import Finding
from .analysis import Analysis
from .positions import Units, line_range, to_range

SOURCE = "sop-lint"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
UNUSED_SUPPRESSION = "P006"  # shown faded, as editors show unused code
# A rule with a second place names its line in the finding's `line` argument
# (the earlier of the two): S401, R304, R305, P009, L603.
_RELATED = {"en": "first written here", "id": "pertama ditulis di sini"}


def diagnostic(finding: Finding, analysis: Analysis, units: Units) -> types.Diagnostic:
    rule = analysis.linter.rules.get(finding.code)
    related: list[types.DiagnosticRelatedInformation] | None = None
    other = finding.args.get("line")
    if isinstance(other, int) and other != finding.span.line and analysis.uri:
        location = types.Location(uri=analysis.uri, range=line_range(analysis.lines, other, units))
        related = [
            types.DiagnosticRelatedInformation(
                location=location, message=_RELATED.get(analysis.linter.settings.lang, _RELATED["en"])
            )
        ]
    return types.Diagnostic(
        range=to_range(analysis.lines, finding.span, units),
        message=finding.text,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_doc_url(rule)) if rule is not None else None,
        source=SOURCE,
        related_information=related,
        tags=[types.DiagnosticTag.Unnecessary] if finding.code == UNUSED_SUPPRESSION else None,
    )


def diagnostics(analysis: Analysis, units: Units) -> list[types.Diagnostic]:
    return [diagnostic(finding, analysis, units) for finding in analysis.findings]
