"""Every rule has a case file, `fixtures/rules/<CODE>.toml`, with a case that triggers
it and one that does not (format: fixtures/rules/README.md).

Each case is linted with every rule, preview included, and gives exactly the
findings it lists — codes, lines, columns and messages. A failing case of a
fixable rule states the text `--fix` makes of it, which no longer has that
rule's finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.rules import all_rules

from .conftest import FIXTURES, codes, lint_bytes
from .rule_cases import CASES, Case, CaseError, all_cases, apply_replacements, fix, found, lint_case, load_cases

ALL_CASES = all_cases()
# The rules of one file. A repository rule reads every file of a run: its cases are fixtures/repos/.
FILE_RULES = [code for code, rule in all_rules().items() if not getattr(rule, "repository", False)]


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_case_gives_exactly_its_findings(case: Case) -> None:
    assert found(lint_case(case)) == case.findings


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.fixed is not None], ids=lambda c: c.id)
def test_fix_gives_the_fixed_text_which_lints_clean_of_the_rule(case: Case) -> None:
    assert case.fixed is not None
    assert fix(case.text, case.settings) == case.fixed
    fixed = Case(case.rule, case.name, case.description, case.fixed, case.fixed.encode("utf-8"), [], case.settings)
    assert case.rule not in {f.code for f in lint_case(fixed)}


@pytest.mark.parametrize("code", FILE_RULES)
def test_every_rule_has_a_failing_and_a_passing_case(code: str) -> None:
    path = CASES / f"{code}.toml"
    assert path.is_file(), f"{code} needs a case file {path.name}"
    cases = [case for case in ALL_CASES if case.rule == code]
    failing = [case for case in cases if code in {f.code for f in case.findings}]
    passing = [case for case in cases if code not in {f.code for f in case.findings}]
    assert failing, f"{path.name} needs a case that gives {code}"
    assert passing, f"{path.name} needs a near-miss case that does not give {code}"
    if all_rules()[code].fix != "none":
        unstated = [case.name for case in failing if case.fixed is None]
        assert not unstated, f"{path.name}: {code} is fixable: cases {unstated} must state `fixed` or `fixed_replace`"


def test_case_files_are_named_for_rules_and_nothing_else_is_there() -> None:
    names = sorted(path.name for path in CASES.iterdir())
    assert names == sorted(["README.md", *(f"{code}.toml" for code in FILE_RULES)])
    assert len({case.id for case in ALL_CASES}) == len(ALL_CASES), "case names are unique within a file"


def test_good_sop_has_no_finding() -> None:
    for name in ("complete.sop.md", "complete-crlf.sop.md"):  # and nothing else in good/
        data = (FIXTURES / "good" / name).read_bytes()
        assert codes(lint_bytes(data, name)) == []


def test_a_replacement_must_find_its_text_exactly_once() -> None:
    assert apply_replacements("5. a\n6. b\n", [["6. ", "7. "], ["5. ", "6. "]], "x") == "6. a\n7. b\n"
    with pytest.raises(CaseError, match=r"x: '6\. ' occurs 2 times, not once"):
        apply_replacements("5. a\n6. b\n", [["5. ", "6. "], ["6. ", "7. "]], "x")
    with pytest.raises(CaseError, match="occurs 0 times"):
        apply_replacements("5. a\n", [["9. ", "1. "]], "x")


def test_a_case_file_reads_whole_documents_and_whole_fixed_texts(tmp_path: Path) -> None:
    path = tmp_path / "S409.toml"
    path.write_text(
        'rule = "S409"\n[[cases]]\nname = "whole"\n'
        "document = '''\n# Judul\n'''\nfixed = '''\n# Judul\n\n'''\n"
        'settings = { lang = "id" }\n',
        encoding="utf-8",
    )
    (case,) = load_cases(path)
    assert (case.id, case.text, case.fixed, case.data, case.findings, case.settings) == (
        "S409:whole",
        "# Judul\n",
        "# Judul\n\n",
        b"# Judul\n",
        [],
        {"lang": "id"},
    )


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ('rule = "S408"\n', "S409.toml: `rule` must be 'S409', not 'S408'"),
        ('rule = "S409"\n[[cases]]\nname = "x"\ndokument = "# A\\n"\n', "S409.toml case 1: unknown key 'dokument'"),
        ('rule = "S409"\n[[cases]]\nname = "x"\n', "S409.toml case 1: a case needs a `document`, or a `base`"),
        ('rule = "S409"\n[[cases]]\nname = "x"\ndocument = "# A\\n"\nbase = "complete"\n', "not both"),
        ('rule = "S409"\n[[cases]]\nname = "x"\nbase = "nowhere"\n', "no base document nowhere.sop.md"),
    ],
)
def test_a_case_file_that_says_too_little_or_too_much_is_refused(tmp_path: Path, body: str, error: str) -> None:
    path = tmp_path / "S409.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CaseError, match=re.escape(error)):
        load_cases(path)
