"""One channel for fixes (issue 8, point 1): every fixable rule attaches its fix to
the finding it reports, each rule's declared `fix` agrees with what its findings
carry over every fixture, and a fix's edits are exactly what `--fix` makes of it."""

from __future__ import annotations

import pytest

from sop_lint.engine import Linter, LintResult, Settings
from sop_lint.fixes import fix_plan, fixable_codes, split_text
from sop_lint.fixing import fix_text
from sop_lint.formatter import render
from sop_lint.rule import Edit, Finding
from sop_lint.rules import all_rules

from .conftest import TODAY
from .rule_cases import fixture_documents

LINTER = Linter(Settings(select=["ALL"], preview=True, today=TODAY))
DOCUMENTS = fixture_documents()  # fixtures/**: the whole documents and every rule case's

# Findings whose fix is declined (a "sometimes" rule's other case), with the reason `-v` prints.
DECLINED = {
    "S401": (
        "# T\n\n## Prosedur\n\n1. a\n   - Keputusan: ok?\n   - Ya: lihat langkah 3\n   - Tidak: 3\n3. b\n4. c\n",
        "S401: `Ya: lihat langkah 3` is not read as a step reference, and after renumbering its 3 would name another step",
    ),
    "S409": (
        "# T\n\n## Prosedur\n\n1. a\n2. Selesai\n   - Lanjut: 1\n",
        "S409: step 2 (`Selesai`) has branches of its own",
    ),
}


def _linted() -> list[LintResult]:
    return [LINTER.lint(data, name) for name, data in DOCUMENTS.items()]


LINTED = _linted()


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with the edits made (from the last, so that earlier positions hold)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1 if line <= len(lines) else len(text)

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        begin, end = offset(edit.span.line, edit.span.column), offset(edit.span.end_line, edit.span.end_column)
        text = text[:begin] + edit.text + text[end:]
    return text


def test_the_fixable_rules_are_the_rules_that_declare_a_fix() -> None:
    assert set(fixable_codes()) == {code for code, rule in all_rules().items() if rule.fix != "none"}
    assert set(fixable_codes()) >= {"S401", "S409", "P002", "P003", "P008", "M108"}


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_declared_fix_agrees_with_what_the_findings_carry(code: str) -> None:
    rule = all_rules()[code]
    found = [f for result in LINTED for f in result.findings if f.code == code]
    if code in DECLINED:
        found.extend(f for f in LINTER.lint(DECLINED[code][0], "declined.sop.md").findings if f.code == code)
    with_fix = [f for f in found if f.fix is not None]
    if rule.fix == "none":
        assert with_fix == [], f"{code} declares no fix but its findings carry one"
    elif rule.fix == "always":
        assert found, f"no fixture shows {code}"
        assert len(with_fix) == len(found), f"{code} declares `always` but some findings carry no fix"
    else:
        assert with_fix, f"{code} declares `sometimes` but no fixture finding carries a fix"
        if code in DECLINED:
            assert len(with_fix) < len(found)


@pytest.mark.parametrize(("code", "case"), sorted(DECLINED.items()))
def test_a_declined_fix_says_why(code: str, case: tuple[str, str]) -> None:
    text, reason = case
    result = LINTER.lint(text, "declined.sop.md")
    assert [f.fix for f in result.findings if f.code == code][:1] == [None]
    assert reason in result.declined
    assert reason in fix_text(LINTER, text, "declined.sop.md").declined


def _fixable() -> list[tuple[str, LintResult, Finding]]:
    return [(name, result, f) for name, result in zip(DOCUMENTS, LINTED, strict=True) for f in result.findings if f.fix]


FIXABLE_FINDINGS = _fixable()


def test_the_fixtures_hold_fixable_findings_of_every_fixable_rule() -> None:
    assert {f.code for _, _, f in FIXABLE_FINDINGS} == set(fixable_codes())


@pytest.mark.parametrize(
    ("path", "result", "finding"),
    FIXABLE_FINDINGS,
    ids=[f"{name}:{f.span.line}:{f.code}" for name, _, f in FIXABLE_FINDINGS],
)
def test_a_fix_edits_are_what_fix_makes_of_it(path: str, result: LintResult, finding: Finding) -> None:
    assert finding.fix is not None and result.sop is not None and result.text is not None
    assert finding.fix.applicability in ("safe", "unsafe") and finding.fix.edits and finding.fix.title
    body = split_text(result.text)[0]
    plan = fix_plan(result.sop, [finding], LINTER.pack, unsafe=True)
    assert apply(body, finding.fix.edits) == render(result.sop, body, plan, canonical=False)
    # and the fix removes what it is for
    after = LINTER.lint(apply(body, finding.fix.edits), path).findings
    assert sum(f.code == finding.code for f in after) < sum(f.code == finding.code for f in result.findings)


def test_the_nip_fix_is_one_small_edit() -> None:
    text = "# T\n\n## Identitas\n\n- NIP Pengesah: 197912082000032002\n"
    (finding,) = [f for f in LINTER.lint(text, "t.sop.md").findings if f.code == "M108"]
    assert finding.fix is not None
    assert finding.fix.edits == [Edit(finding.span, "19791208 200003 2 002")]
    assert finding.fix.changes == (("span", 5, 17, 35, "19791208 200003 2 002"),)


def test_the_nip_beside_a_comment_is_fixed_as_its_finding_says() -> None:
    text = "# T\n\n## Identitas\n\n- NIP Pengesah: 197912082000032002 <!-- lama -->\n"
    (finding,) = [f for f in LINTER.lint(text, "t.sop.md").findings if f.code == "M108"]
    assert finding.fix is not None
    fixed = fix_text(LINTER, text, "t.sop.md")
    assert fixed.problem is None
    assert fixed.text == apply(text, finding.fix.edits) == text.replace("197912082000032002", "19791208 200003 2 002")


def test_unsafe_fixes_apply_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# T\n\n## Peringatn\n\n- Jika tidak, gagal.\n"
    result = LINTER.lint(text, "t.sop.md")
    (finding,) = [f for f in result.findings if f.code == "P002"]
    assert finding.fix is not None and result.sop is not None
    finding.fix.applicability = "unsafe"
    assert fix_plan(result.sop, [finding], LINTER.pack).empty()
    assert fix_plan(result.sop, [finding], LINTER.pack, unsafe=True).headings == {3: "Peringatan"}


def test_the_count_of_the_summary_is_the_findings_with_a_fix() -> None:
    from sop_lint.output.text import summary

    text = DECLINED["S401"][0].replace("## Prosedur", "## Peringatn\n\n- Jika tidak, gagal.\n\n## Prosedur")
    findings = LINTER.lint(text, "t.sop.md").findings
    fixable = [f.code for f in findings if f.fix is not None]
    assert fixable == ["P002"]  # S401's renumbering is declined: not counted
    assert summary(findings, 1).endswith("; 1 fixable with --fix.")
