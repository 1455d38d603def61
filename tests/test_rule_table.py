"""The table of codes (`sop_lint.rules.RULES`) is the one list of rules: every rule
class of a family module is in it, under its own code, and nothing else is."""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

import pytest

import sop_lint.rules
from sop_lint.rule import Rule
from sop_lint.rules import RULES, all_rules

FAMILIES = sorted(path.stem for path in Path(sop_lint.rules.__file__).parent.glob("[a-z]*.py"))


def test_the_families_are_the_modules_the_table_names() -> None:
    assert sorted({module for module, _ in RULES.values()}) == FAMILIES


@pytest.mark.parametrize("family", FAMILIES)
def test_every_rule_class_of_a_family_is_in_the_table(family: str) -> None:
    module = import_module(f"sop_lint.rules.{family}")
    defined = {
        obj.code: name
        for name, obj in vars(module).items()
        if inspect.isclass(obj) and issubclass(obj, Rule) and obj is not Rule  # defined here or re-exported
    }
    listed = {code: name for code, (where, name) in RULES.items() if where == family}
    assert defined == listed


def test_all_rules_follows_the_table_in_code_order() -> None:
    rules = all_rules()
    assert list(rules) == sorted(RULES)
    assert [(rule.__module__.rsplit(".", 1)[1], rule.__name__) for rule in rules.values()] == [RULES[c] for c in sorted(RULES)]
    assert len({rule.name for rule in rules.values()}) == len(rules)  # names are codes' aliases: unique too


def test_a_row_naming_the_wrong_class_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sop_lint.rules, "_LOADED", {})
    monkeypatch.setitem(RULES, "S401", ("s_flow", "BrokenStepReference"))
    with pytest.raises(TypeError, match=r"RULES\['S401'\] names s_flow.BrokenStepReference, whose code is S402"):
        all_rules()


def test_defining_a_rule_class_adds_no_rule() -> None:
    class Stray(Rule):
        code = "Z998"
        name = "stray"

    assert "Z998" not in all_rules()
