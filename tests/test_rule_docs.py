"""Rule docs cannot drift from behaviour: every doc page's failing example
triggers its rule, and its passing example does not."""

from __future__ import annotations

import re

import pytest

from sop_lint.rule import Rule
from sop_lint.rules import all_rules

from .conftest import lint

_BLOCK = re.compile(r"```markdown\n(.*?)```", re.DOTALL)
# P005 is about bytes that are not UTF-8: a doc page cannot show them.
_NOT_TEXT = {"P005"}
# Settings a doc page's examples state in words ("With `roles = […]` in the config").
_SETTINGS: dict[str, dict[str, object]] = {"R306": {"role_registry": ["Kepala Biro Organisasi", "Kasubbag TU"]}}


def _examples(rule: type[Rule]) -> tuple[str, str]:
    doc = rule.doc()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in doc, f"{rule.code}: doc lacks {heading!r}"
    failing = _BLOCK.search(doc.split("## Example", 1)[1])
    passing = _BLOCK.search(doc.split("Use instead:", 1)[1])
    assert failing and passing, f"{rule.code}: examples must be ```markdown blocks"
    return failing[1], passing[1]


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_doc_examples(rule: type[Rule]) -> None:
    failing, passing = _examples(rule)
    if rule.code in _NOT_TEXT or rule.repository:  # an X page's examples are several files: tests/test_repository.py
        return
    settings = _SETTINGS.get(rule.code, {})
    assert rule.code in {f.code for f in lint(failing, **settings)}, f"{rule.code}: failing example does not trigger it"
    assert rule.code not in {f.code for f in lint(passing, **settings)}, f"{rule.code}: passing example triggers it"


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]) -> None:
    assert rule.summary and rule.summary_id, f"{rule.code}: needs an English and an Indonesian summary"
    assert rule.severity in ("error", "warning", "info")
    for key, (english, indonesian) in rule.messages.items():
        assert english and indonesian, f"{rule.code}: message {key!r} needs both languages"


def test_codes_and_names_are_unique() -> None:
    rules = all_rules().values()
    assert len({r.name for r in rules}) == len(list(rules))
