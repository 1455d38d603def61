"""Every rule has a fixture that triggers it and one that does not.

Each fixture states what it must give in a header comment,
`<!-- expect: CODE line:col, … -->` (or `none`); the test lints it with every
rule, preview included, and compares the exact codes, lines and columns.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sop_lint.rules import all_rules

from .conftest import FIXTURES, codes, expected_findings, lint_bytes

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.sop*"))
# A fixture may set what a config file would: `<!-- settings: {"role_registry": [...]} -->`.
_SETTINGS = re.compile(rb"<!--\s*settings:\s*(\{.*?\})\s*-->", re.DOTALL)


def _settings(data: bytes) -> dict[str, object]:
    match = _SETTINGS.search(data)
    return json.loads(match[1]) if match else {}


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.name)
def test_fixture_gives_exactly_what_it_expects(path: Path) -> None:
    data = path.read_bytes()
    expected = expected_findings(data)
    assert expected is not None, f"{path.name} has no <!-- expect: … --> header"
    assert codes(lint_bytes(data, path.name, **_settings(data))) == expected


# Repository rules (X) need several files: their fixtures are folders, fixtures/repos/<case>/ (tests/test_repository.py).
@pytest.mark.parametrize("code", [code for code, rule in all_rules().items() if not rule.repository])
def test_every_rule_has_a_failing_and_a_passing_fixture(code: str) -> None:
    fail = FIXTURES / "rules" / f"{code}.fail.sop.md"
    passing = FIXTURES / "rules" / f"{code}.pass.sop.md"
    assert fail.exists() and passing.exists(), f"{code} needs {fail.name} and {passing.name}"
    fail_expected = expected_findings(fail.read_bytes()) or []
    assert code in {c for c, _, _ in fail_expected}, f"{fail.name} must expect {code}"
    assert expected_findings(passing.read_bytes()) == [], f"{passing.name} must lint clean"


def test_good_sop_has_no_finding() -> None:
    for name in ("complete.sop.md", "complete-crlf.sop.md"):  # and nothing else in good/
        data = (FIXTURES / "good" / name).read_bytes()
        assert codes(lint_bytes(data, name)) == []
