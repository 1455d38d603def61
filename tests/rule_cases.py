"""The per-rule case files, `fixtures/rules/<CODE>.toml` (format: fixtures/rules/README.md).

A case is a document — written whole, or as edits of a whole document of
`fixtures/good/` — the exact findings linting it gives (every rule, preview
included), and, for a fixable rule, the text `--fix` makes of it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_lint.engine import Linter, Settings
from sop_lint.fixing import fix_text
from sop_lint.rule import Finding

from .conftest import FIXTURES, TODAY

CASES = FIXTURES / "rules"
_CASE_KEYS = {"name", "description", "document", "base", "replace", "encoding", "settings", "findings", "fixed", "fixed_replace"}


class CaseError(ValueError):
    """A case file that does not say what it must."""


@dataclass
class Expected:
    code: str
    line: int
    column: int
    message: str


@dataclass
class Case:
    rule: str
    name: str
    description: str
    text: str  # the document
    data: bytes  # as linted: `text` in the case's encoding
    findings: list[Expected]
    settings: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None  # what `--fix` makes of `text`, for a fixable rule

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def apply_replacements(text: str, replacements: list[list[str]], where: str) -> str:
    """Each `[old, new]` in turn: `old` must occur exactly once in the text as it stands."""
    for pair in replacements:
        if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
            raise CaseError(f"{where}: a replacement is [old, new], not {pair!r}")
        old, new = pair
        count = text.count(old)
        if count != 1:
            raise CaseError(f"{where}: {old!r} occurs {count} times, not once")
        text = text.replace(old, new, 1)
    return text


def _document(raw: dict[str, Any], where: str) -> str:
    if "document" in raw:
        if "base" in raw or "replace" in raw:
            raise CaseError(f"{where}: a case has a `document` or a `base` with `replace`, not both")
        text: str = raw["document"]
        return text
    if "base" not in raw:
        raise CaseError(f"{where}: a case needs a `document`, or a `base` (a document of fixtures/good/) to edit")
    base = FIXTURES / "good" / f"{raw['base']}.sop.md"
    if not base.is_file():
        raise CaseError(f"{where}: no base document {base.name} in fixtures/good/")
    return apply_replacements(base.read_text(encoding="utf-8"), raw.get("replace", []), where)


def load_cases(path: Path) -> list[Case]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rule = raw.get("rule")
    if rule != path.stem:
        raise CaseError(f"{path.name}: `rule` must be {path.stem!r}, not {rule!r}")
    cases: list[Case] = []
    for number, entry in enumerate(raw.get("cases", []), start=1):
        where = f"{path.name} case {number}"
        unknown = sorted(set(entry) - _CASE_KEYS)
        if unknown:
            raise CaseError(f"{where}: unknown key {unknown[0]!r}")
        text = _document(entry, where)
        fixed: str | None = entry.get("fixed")
        if "fixed_replace" in entry:
            if fixed is not None:
                raise CaseError(f"{where}: `fixed` or `fixed_replace`, not both")
            fixed = apply_replacements(text, entry["fixed_replace"], f"{where} (fixed)")
        findings = [Expected(f["code"], f["line"], f["column"], f["message"]) for f in entry.get("findings", [])]
        cases.append(
            Case(
                rule=rule,
                name=entry["name"],
                description=entry.get("description", ""),
                text=text,
                data=text.encode(entry.get("encoding", "utf-8")),
                findings=findings,
                settings=entry.get("settings", {}),
                fixed=fixed,
            )
        )
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.toml")) for case in load_cases(path)]


def linter(settings: dict[str, Any]) -> Linter:
    options: dict[str, Any] = {"preview": True, "today": TODAY, **settings}
    return Linter(Settings(**options))


def lint_case(case: Case) -> list[Finding]:
    checker = linter(case.settings)
    findings = checker.lint_bytes(case.data, f"{case.rule}.sop.md")
    assert checker.internal_errors == [], checker.internal_errors
    return findings


def fix(text: str, settings: dict[str, Any]) -> str:
    """What `check --fix --unsafe-fixes` makes of `text`: the one place the case tests reach the fix machinery
    (re-point it here when the fix API changes)."""
    return fix_text(linter(settings), text, "case.sop.md", unsafe=True).text  # the unsafe fixes too: each is shown


def found(findings: list[Finding]) -> list[Expected]:
    return [Expected(f.code, f.span.line, f.span.column, f.text) for f in findings]


def fixture_documents() -> dict[str, bytes]:
    """Every document of `fixtures/` by name: the whole ones (`good/…`, `seeds/…`) and
    each rule case's (`rules/S401:fail`), for the tests that run over all of them."""
    documents = {
        path.relative_to(FIXTURES).as_posix(): path.read_bytes()
        for path in sorted(FIXTURES.rglob("*"))
        if path.is_file() and ".sop" in path.name
    }
    documents.update((f"rules/{case.id}", case.data) for case in all_cases())
    return documents
