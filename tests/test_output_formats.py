"""The machine-readable reports: json, sarif, github, junit and --statistics.

Golden strings pin each format on a small hand-made set of findings (with
stand-in rules, so that the goldens do not move when a real rule's doc page
is edited); the JSON and SARIF of real lint runs over every fixture are
validated against the project's schema and the official SARIF 2.1.0 schema.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, ClassVar, cast

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from sop_lint import __version__
from sop_lint.model import Span
from sop_lint.output import ReportOptions, github, json_format, junit, sarif, statistics
from sop_lint.rule import Edit, Finding, Fix, Rule
from sop_lint.rules import all_rules

from .conftest import FIXTURES, ROOT, lint, lint_bytes

DATA = Path(__file__).parent / "data"
SARIF_SCHEMA = DATA / "sarif-2.1.0.schema.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


# Stand-ins with the attributes a report reads. Not `Rule` subclasses: those
# would join the real registry.
class _Stand:
    code: str
    name: str
    severity: str
    summary: str
    summary_id: str
    doc_id: ClassVar[str] = ""  # as Rule's: the stand-ins' Indonesian pages have no prose
    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


class _S402(_Stand):
    """
    ## What it does
    Reports a Ya, Tidak or Lanjut that names
    a step that does not exist.

    A second paragraph.

    ## Why is this bad?
    The flow breaks.
    """

    code, name, severity = "S402", "broken-step-reference", "error"
    summary, summary_id = "Ya/Tidak/Lanjut names a missing step", "Ya/Tidak/Lanjut menunjuk langkah yang tidak ada"


class _D503(_Stand):
    """
    ## What it does
    Reports a bare number as a duration.
    """

    code, name, severity = "D503", "duration-without-unit", "warning"
    summary, summary_id = "a bare number (`15`)", "angka tanpa satuan (`15`)"


class _M110(_Stand):
    code, name, severity = "M110", "nomor-format", "info"
    summary, summary_id = "odd Nomor", "Nomor janggal"


RULES = cast(dict[str, type[Rule]], {"D503": _D503, "M110": _M110, "S402": _S402})
FILES = ["sop/a.sop.md", "sop/b c.sop.md", "sop/clean.sop.md"]
TRICKY = 'no unit: "15 menit"? 100% <sure> & a,b'


def _findings() -> list[Finding]:
    return [
        Finding(
            "S402",
            Span(42, 12, 42, 14),
            "default",
            severity="error",
            path="sop/a.sop.md",
            text="Ya points to step 14, but the procedure has 11 steps",
            source_line="   - Ya: 14",
        ),
        Finding(
            "D503",
            Span(50, 15, 50, 17),
            "default",
            severity="warning",
            path="sop/a.sop.md",
            text=TRICKY,
            source_line="   - Waktu: 15",
            fix=Fix("add `menit`", [Edit(Span(50, 17, 50, 17), " menit")]),
        ),
        Finding(
            "D503",
            Span(61, 15, 61, 17),
            "default",
            severity="warning",
            path="sop/a.sop.md",
            text="Waktu `15` has no unit",
            source_line="   - Waktu: 15",
        ),
        Finding(
            "M110",
            Span(0, 0, 0, 0),
            "default",
            severity="info",
            path="sop/b c.sop.md",
            text="line one\nline two",
        ),
    ]


def _render(module: Any, findings: list[Finding] | None = None, files: list[str] | None = None, **options: Any) -> str:
    out = io.StringIO()
    module.render(
        _findings() if findings is None else findings, FILES if files is None else files, out, RULES, ReportOptions(**options)
    )
    return out.getvalue()


# --- json -------------------------------------------------------------------------------------------------

JSON_GOLDEN = (
    """\
{
  "tool": {
    "name": "sop-lint",
    "version": "VERSION"
  },
  "findings": [
    {
      "path": "sop/a.sop.md",
      "code": "S402",
      "name": "broken-step-reference",
      "severity": "error",
      "message": "Ya points to step 14, but the procedure has 11 steps",
      "line": 42,
      "column": 12,
      "end_line": 42,
      "end_column": 14,
      "fix": null
    },
    {
      "path": "sop/a.sop.md",
      "code": "D503",
      "name": "duration-without-unit",
      "severity": "warning",
      "message": "no unit: \\"15 menit\\"? 100% <sure> & a,b",
      "line": 50,
      "column": 15,
      "end_line": 50,
      "end_column": 17,
      "fix": {
        "title": "add `menit`",
        "applicability": "safe",
        "edits": [
          {
            "line": 50,
            "column": 17,
            "end_line": 50,
            "end_column": 17,
            "text": " menit"
          }
        ]
      }
    },
    {
      "path": "sop/a.sop.md",
      "code": "D503",
      "name": "duration-without-unit",
      "severity": "warning",
      "message": "Waktu `15` has no unit",
      "line": 61,
      "column": 15,
      "end_line": 61,
      "end_column": 17,
      "fix": null
    },
    {
      "path": "sop/b c.sop.md",
      "code": "M110",
      "name": "nomor-format",
      "severity": "info",
      "message": "line one\\nline two",
      "line": 0,
      "column": 0,
      "end_line": 0,
      "end_column": 0,
      "fix": null
    }
  ],
  "summary": {
    "files": 3,
    "findings": 4,
    "errors": 1,
    "warnings": 2,
    "infos": 1,
    "fixable": 1
  }
}
"""
).replace("VERSION", __version__)


def test_json_golden() -> None:
    assert _render(json_format) == JSON_GOLDEN


def _findings_validator() -> Draft202012Validator:
    schema = json_format.schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_schema_is_the_one_in_the_repository() -> None:
    # In a source checkout the package reads `schemas/`; the wheel carries the same file.
    assert json_format.schema_path().read_bytes() == (ROOT / "schemas" / "findings.schema.json").read_bytes()


def test_json_golden_validates_against_schema() -> None:
    _findings_validator().validate(json.loads(JSON_GOLDEN))


def test_json_schema_rejects_what_it_must() -> None:
    validator = _findings_validator()
    document = json.loads(JSON_GOLDEN)
    document["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(document)
    document = json.loads(JSON_GOLDEN)
    del document["findings"][1]["fix"]["edits"][0]["text"]
    assert not validator.is_valid(document)
    document = json.loads(JSON_GOLDEN)
    document["summary"]["extra"] = 1
    assert not validator.is_valid(document)


def _fixture_paths() -> list[Path]:
    return sorted(path for path in FIXTURES.rglob("*") if path.is_file() and path.name.endswith((".sop.md", ".sop")))


# A defect of each kind the P rules see, so the runs below always have results to validate.
DEFECTIVE = """\
# Pengumpulan Data Kinerja

## Pencatataa dan Pendataan

- Buku Agenda

## Prosedur

1. Menerima surat
   - Pelaksna: Sekretaris
"""


def _fixture_runs() -> list[tuple[list[Finding], list[str]]]:
    """The findings of every fixture (each linted alone) and of the defective text, in English and Indonesian."""
    runs = []
    for lang in ("en", "id"):
        findings: list[Finding] = []
        names: list[str] = []
        for path in _fixture_paths():
            name = path.relative_to(ROOT).as_posix()
            names.append(name)
            findings.extend(lint_bytes(path.read_bytes(), name, lang=lang))
        findings.extend(lint(DEFECTIVE, lang=lang))
        runs.append((findings, [*names, "test.sop.md"]))
    return runs


def test_json_of_every_fixture_validates_against_schema() -> None:
    validator = _findings_validator()
    for findings, names in _fixture_runs():
        assert findings, "the runs must have findings to validate"
        out = io.StringIO()
        json_format.render(findings, names, out, all_rules())
        document = json.loads(out.getvalue())
        validator.validate(document)
        assert document["summary"]["findings"] == len(findings)
        assert document["summary"]["files"] == len(names)


# --- sarif ------------------------------------------------------------------------------------------------

SARIF_GOLDEN_RESULTS = [
    {
        "ruleId": "S402",
        "ruleIndex": 2,
        "level": "error",
        "message": {"text": "Ya points to step 14, but the procedure has 11 steps"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "sop/a.sop.md"},
                    "region": {"startLine": 42, "startColumn": 12, "endLine": 42, "endColumn": 14},
                }
            }
        ],
        "partialFingerprints": {"sopLintHash/v1": "FP_S402:1"},
    },
    {
        "ruleId": "D503",
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": TRICKY},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "sop/a.sop.md"},
                    "region": {"startLine": 50, "startColumn": 15, "endLine": 50, "endColumn": 17},
                }
            }
        ],
        "partialFingerprints": {"sopLintHash/v1": "FP_D503:1"},
        "fixes": [
            {
                "description": {"text": "add `menit`"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": "sop/a.sop.md"},
                        "replacements": [
                            {
                                "deletedRegion": {"startLine": 50, "startColumn": 17, "endLine": 50, "endColumn": 17},
                                "insertedContent": {"text": " menit"},
                            }
                        ],
                    }
                ],
                "properties": {"applicability": "safe"},
            }
        ],
    },
    {
        "ruleId": "D503",
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": "Waktu `15` has no unit"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "sop/a.sop.md"},
                    "region": {"startLine": 61, "startColumn": 15, "endLine": 61, "endColumn": 17},
                }
            }
        ],
        # The same offending text again: the same hash, the second occurrence.
        "partialFingerprints": {"sopLintHash/v1": "FP_D503:2"},
    },
    {
        "ruleId": "M110",
        "ruleIndex": 1,
        "level": "note",
        "message": {"text": "line one\nline two"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "sop/b%20c.sop.md"}}}],
        "partialFingerprints": {"sopLintHash/v1": "FP_M110:1"},
    },
]

SARIF_GOLDEN_RULES = [
    {
        "id": "D503",
        "name": "duration-without-unit",
        "shortDescription": {"text": "a bare number (`15`)"},
        "fullDescription": {"text": "Reports a bare number as a duration."},
        "help": {
            "text": "## What it does\nReports a bare number as a duration.",
            "markdown": "## What it does\nReports a bare number as a duration.",
        },
        "helpUri": "https://github.com/sop-lint/sop-lint/blob/main/docs/rules.md#d503-duration-without-unit",
        "defaultConfiguration": {"level": "warning"},
    },
    {
        "id": "M110",
        "name": "nomor-format",
        "shortDescription": {"text": "odd Nomor"},
        "helpUri": "https://github.com/sop-lint/sop-lint/blob/main/docs/rules.md#m110-nomor-format",
        "defaultConfiguration": {"level": "note"},
    },
    {
        "id": "S402",
        "name": "broken-step-reference",
        "shortDescription": {"text": "Ya/Tidak/Lanjut names a missing step"},
        "fullDescription": {"text": "Reports a Ya, Tidak or Lanjut that names a step that does not exist."},
        "help": {"text": _S402.doc(), "markdown": _S402.doc()},
        "helpUri": "https://github.com/sop-lint/sop-lint/blob/main/docs/rules.md#s402-broken-step-reference",
        "defaultConfiguration": {"level": "error"},
    },
]


def _sha(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def test_sarif_golden() -> None:
    document = json.loads(_render(sarif))
    expected_results = json.loads(
        json.dumps(SARIF_GOLDEN_RESULTS)
        .replace("FP_S402", _sha("sop/a.sop.md", "S402", "- Ya: 14"))
        .replace("FP_D503", _sha("sop/a.sop.md", "D503", "- Waktu: 15"))
        .replace("FP_M110", _sha("sop/b c.sop.md", "M110", ""))
    )
    assert document == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sop-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/sop-lint/sop-lint",
                        "rules": SARIF_GOLDEN_RULES,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": expected_results,
            }
        ],
    }


def test_sarif_short_descriptions_follow_the_language() -> None:
    document = json.loads(_render(sarif, lang="id"))
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["shortDescription"]["text"] for rule in rules] == [
        "angka tanpa satuan (`15`)",
        "Nomor janggal",
        _S402.summary_id,
    ]


def _sarif_validator() -> Draft4Validator:
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256, "the official schema was edited"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def test_sarif_golden_validates_against_official_schema() -> None:
    _sarif_validator().validate(json.loads(_render(sarif)))


def test_sarif_validator_is_not_a_rubber_stamp() -> None:
    validator = _sarif_validator()
    document = json.loads(_render(sarif))
    document["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(document)
    document = json.loads(_render(sarif))
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not validator.is_valid(document)


def test_sarif_of_every_fixture_validates_against_official_schema() -> None:
    validator = _sarif_validator()
    rules = all_rules()
    for findings, names in _fixture_runs():
        out = io.StringIO()
        sarif.render(findings, names, out, rules)
        document = json.loads(out.getvalue())
        validator.validate(document)
        run = document["runs"][0]
        descriptors = run["tool"]["driver"]["rules"]
        assert [d["id"] for d in descriptors] == list(rules), "every rule of the registry, in code order"
        assert len(run["results"]) == len(findings) > 0
        for result, finding in zip(run["results"], findings, strict=True):
            assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
            assert result["message"]["text"] == finding.text
            assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == finding.path
            if finding.span.line > 0:
                assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == finding.span.line


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_sarif_describes_every_real_rule(rule: type[Rule]) -> None:
    descriptor = sarif.rule_descriptor(rule)
    assert descriptor["id"] == rule.code and descriptor["name"] == rule.name
    assert descriptor["shortDescription"]["text"] == rule.summary
    assert descriptor["fullDescription"]["text"], "the first paragraph of `## What it does`"
    assert "Why is this bad" not in descriptor["fullDescription"]["text"], "one paragraph, not the page"
    assert descriptor["help"]["markdown"] == rule.doc()
    assert descriptor["helpUri"].endswith(f"/docs/rules.md#{rule.code.lower()}-{rule.name}")  # docs.anchor()
    assert descriptor["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]


def test_first_paragraph() -> None:
    doc = "## What it does\n\nOne\ntwo.\n\nThree.\n## Why is this bad?\nx"
    assert sarif.first_paragraph(doc) == "One two."
    assert sarif.first_paragraph("## What it does\nOnly.\n```markdown\nx\n```") == "Only."
    assert sarif.first_paragraph("no headings") == ""


def test_fingerprint_survives_lines_moving_but_not_a_changed_line(good_sop: str) -> None:
    defective = good_sop.replace("## Kualifikasi Pelaksana", "## Kualifikasi Pelaksanaa")
    assert defective != good_sop

    def p002(text: str) -> tuple[str, int]:
        out = io.StringIO()
        sarif.render(lint(text, select=["P002"]), ["test.sop.md"], out, all_rules())
        (result,) = json.loads(out.getvalue())["runs"][0]["results"]
        region = result["locations"][0]["physicalLocation"]["region"]
        return result["partialFingerprints"]["sopLintHash/v1"], region["startLine"]

    before, line = p002(defective)
    moved = defective.replace("## Identitas\n", "## Identitas\n\n\n", 1)  # two lines more above the finding
    after, moved_line = p002(moved)
    assert moved_line == line + 2
    assert after == before
    other, _ = p002(defective.replace("## Kualifikasi Pelaksanaa", "## Kualifikasi Pelaksanax"))
    assert other != before


def test_fingerprint_ignores_indentation_only() -> None:
    assert sarif.fingerprint("a.sop.md", "D503", "   - Waktu: 15") == sarif.fingerprint("a.sop.md", "D503", "- Waktu:  15 ")
    assert sarif.fingerprint("a.sop.md", "D503", "- Waktu: 15") != sarif.fingerprint("b.sop.md", "D503", "- Waktu: 15")
    assert sarif.fingerprint("a.sop.md", "D503", "- Waktu: 15") != sarif.fingerprint("a.sop.md", "D504", "- Waktu: 15")


def test_sarif_paths_are_relative_uris(tmp_path: Path) -> None:
    inside = tmp_path / "sop" / "x y#1.sop.md"
    assert sarif.relative_path(str(inside), tmp_path) == "sop/x y#1.sop.md"
    assert sarif.artifact_uri(str(inside), tmp_path) == "sop/x%20y%231.sop.md"
    assert sarif.artifact_uri("./sop/a.sop.md", tmp_path) == "sop/a.sop.md"
    outside = tmp_path.parent / "elsewhere.sop.md"
    assert sarif.artifact_uri(str(outside), tmp_path) == outside.as_uri()


# --- github -----------------------------------------------------------------------------------------------

GITHUB_GOLDEN = """\
::error file=sop/a.sop.md,line=42,col=12,endLine=42,endColumn=14,title=S402::sop/a.sop.md:42:12: S402 Ya points to step 14, but the procedure has 11 steps
::warning file=sop/a.sop.md,line=50,col=15,endLine=50,endColumn=17,title=D503::sop/a.sop.md:50:15: D503 no unit: "15 menit"? 100%25 <sure> & a,b
::warning file=sop/a.sop.md,line=61,col=15,endLine=61,endColumn=17,title=D503::sop/a.sop.md:61:15: D503 Waktu `15` has no unit
::notice file=sop/b c.sop.md,title=M110::sop/b c.sop.md: M110 line one%0Aline two
"""  # noqa: E501 - the lines as the runner reads them


def test_github_golden() -> None:
    assert _render(github) == GITHUB_GOLDEN


def test_github_escapes_properties_and_data() -> None:
    finding = Finding("S402", Span(1, 2, 3, 4), "default", severity="error", path="a,b:c%d.sop.md", text="50% done\r\nnext: a,b")
    assert github.command(finding) == (
        "::error file=a%2Cb%3Ac%25d.sop.md,line=1,col=2,endLine=3,endColumn=4,title=S402::"
        "a,b:c%25d.sop.md:1:2: S402 50%25 done%0D%0Anext: a,b"
    )


# --- junit ------------------------------------------------------------------------------------------------

JUNIT_GOLDEN = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="sop-lint" tests="5" failures="3" errors="0" skipped="0" time="0">
  <testsuite name="sop-lint" tests="5" failures="3" errors="0" skipped="0" time="0">
    <testcase classname="sop/a.sop.md" name="S402 sop/a.sop.md:42:12" file="sop/a.sop.md" line="42" time="0">
      <failure message="Ya points to step 14, but the procedure has 11 steps" type="S402">\
sop/a.sop.md:42:12: S402 [error] Ya points to step 14, but the procedure has 11 steps</failure>
    </testcase>
    <testcase classname="sop/a.sop.md" name="D503 sop/a.sop.md:50:15" file="sop/a.sop.md" line="50" time="0">
      <failure message="no unit: &quot;15 menit&quot;? 100% &lt;sure&gt; &amp; a,b" type="D503">\
sop/a.sop.md:50:15: D503 [warning] no unit: "15 menit"? 100% &lt;sure&gt; &amp; a,b</failure>
    </testcase>
    <testcase classname="sop/a.sop.md" name="D503 sop/a.sop.md:61:15" file="sop/a.sop.md" line="61" time="0">
      <failure message="Waktu `15` has no unit" type="D503">sop/a.sop.md:61:15: D503 [warning] Waktu `15` has no unit</failure>
    </testcase>
    <testcase classname="sop/b c.sop.md" name="M110 sop/b c.sop.md:0:0" file="sop/b c.sop.md" line="0" time="0">
      <system-out>sop/b c.sop.md:0:0: M110 [info] line one
line two</system-out>
    </testcase>
    <testcase classname="sop/clean.sop.md" name="sop/clean.sop.md" file="sop/clean.sop.md" time="0" />
  </testsuite>
</testsuites>
"""


def test_junit_golden() -> None:
    # One test case per finding (issue 13: GitLab shows only a case's first failure); the
    # info finding is below --fail-on (warning): a passed case that shows its line.
    assert _render(junit) == JUNIT_GOLDEN


def test_junit_fails_only_at_or_above_fail_on() -> None:
    root = ET.fromstring(_render(junit, fail_on="error"))
    assert root.get("tests") == "5" and root.get("failures") == "1"
    assert [case.find("failure") is not None for case in root.iter("testcase")] == [True, False, False, False, False]
    root = ET.fromstring(_render(junit, fail_on="info"))
    assert root.get("failures") == "4"


def test_junit_parses_back_with_the_same_text() -> None:
    root = ET.fromstring(_render(junit))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [case.get("classname") for case in cases] == ["sop/a.sop.md"] * 3 + ["sop/b c.sop.md", "sop/clean.sop.md"]
    assert int(suite.get("tests", "")) == len(cases)
    assert int(suite.get("failures", "")) == sum(1 for case in cases if case.find("failure") is not None)
    assert [case.find("failure").get("type") for case in cases[:3]] == ["S402", "D503", "D503"]  # type: ignore[union-attr]
    assert cases[1].findall("failure")[0].get("message") == TRICKY
    assert all(len(case.findall("failure")) <= 1 for case in cases)


def test_junit_survives_characters_xml_cannot_hold() -> None:
    broken = Finding(
        "P001", Span(1, 1, 1, 2), "default", severity="error", path="ü\x0c.sop.md", text="bad \x00\x1b byte \ud800 ☃"
    )
    text = _render(junit, [broken], ["ü\x0c.sop.md"])
    case = ET.fromstring(text).find("testsuite/testcase")
    assert case is not None and case.get("classname") == "ü\\x0c.sop.md" and case.get("name") == "P001 ü\\x0c.sop.md:1:1"
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "bad \\x00\\x1b byte \ufffd ☃"
    text.encode("ascii")  # non-ASCII goes out as character references


def test_junit_keeps_findings_of_unlisted_files() -> None:
    root = ET.fromstring(_render(junit, _findings(), ["sop/clean.sop.md"]))
    assert [case.get("classname") for case in root.iter("testcase")] == ["sop/clean.sop.md"] + ["sop/a.sop.md"] * 3 + [
        "sop/b c.sop.md"
    ]
    assert root.get("tests") == "5" and root.get("failures") == "3"


def test_junit_of_every_fixture_is_well_formed() -> None:
    for findings, names in _fixture_runs():
        out = io.StringIO()
        junit.render(findings, names, out, all_rules(), ReportOptions(fail_on="info"))
        root = ET.fromstring(out.getvalue())
        assert len(list(root.iter("failure"))) == len(findings)
        with_findings = {f.path for f in findings}
        assert len(list(root.iter("testcase"))) == len(findings) + sum(1 for name in names if name not in with_findings)


# --- statistics -------------------------------------------------------------------------------------------

STATISTICS_GOLDEN = """\
   2  D503  duration-without-unit  [warning]
   1  M110  nomor-format           [info]
   1  S402  broken-step-reference  [error]
"""


def test_statistics_golden() -> None:
    assert _render(statistics) == STATISTICS_GOLDEN


def test_statistics_json() -> None:
    assert json.loads(_render(statistics, statistics_format="json")) == [
        {"code": "D503", "name": "duration-without-unit", "severity": "warning", "count": 2, "fixable": 1},
        {"code": "M110", "name": "nomor-format", "severity": "info", "count": 1, "fixable": 0},
        {"code": "S402", "name": "broken-step-reference", "severity": "error", "count": 1, "fixable": 0},
    ]


def test_statistics_widens_for_big_counts_and_prints_nothing_when_clean() -> None:
    many = [_findings()[0]] * 12345
    assert _render(statistics, many, FILES) == "12345  S402  broken-step-reference  [error]\n"
    assert _render(statistics, [], FILES) == ""


def test_every_reporter_has_the_one_signature() -> None:
    from sop_lint.output import REPORTERS, reporter
    from sop_lint.output import text as text_report

    expected = inspect.signature(text_report.render)
    assert list(expected.parameters) == ["findings", "files_linted", "out", "rules", "options"]
    for name in [*REPORTERS, "statistics"]:
        assert inspect.signature(reporter(name)) == expected, name


def test_the_text_reporter_reads_its_options() -> None:
    from sop_lint.output import text as text_report

    out = io.StringIO()
    text_report.render(_findings()[:1], FILES, out, RULES, ReportOptions(show_source=False, lang="id"))
    first, summary = out.getvalue().splitlines()
    assert first.startswith("sop/a.sop.md:") and " S402 [error] " in first
    assert summary.startswith("Ditemukan 1 temuan (1 galat) dalam ")
