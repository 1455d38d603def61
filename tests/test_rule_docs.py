"""Rule docs cannot drift from behaviour: every doc page's failing example
triggers its rule, and its passing example does not; and the Indonesian doc
(`doc_id`) holds the same sections, codes and keys as the English one."""

from __future__ import annotations

import inspect
import re
from collections import Counter

import pytest

from sop_lint.docs import EXAMPLE, EXAMPLE_HERE, SECTIONS_ID, doc_page, examples, sections
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


# The Indonesian doc (`doc_id`, issue 13 point 5): the same prose sections as the docstring,
# translated, without the examples, which the two languages share.
_SPAN = re.compile(r"`[^`]+`")
_CODE = re.compile(r"\b[A-Z]\d{3}\b")
# Backticked schemas that are words, not code: the Indonesian doc writes them in Indonesian.
_SPAN_ID = {"`Key:`": "`Kunci:`", "`Key: Value`": "`Kunci: Isi`"}


def _prose_sections(rule: type[Rule]) -> list[tuple[str, str]]:
    """The docstring's sections that hold words of their own: `## Example` only when it says
    more than its examples and `Use instead:` (P005's captions)."""
    found = []
    for heading, body in sections(rule.doc()):
        words = _BLOCK.sub("", body).replace("Use instead:", "").strip()
        if heading != EXAMPLE or words:
            found.append((heading, body))
    return found


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_doc_id_has_the_docs_prose_sections_in_order(rule: type[Rule]) -> None:
    assert "doc_id" in vars(rule) and rule.doc_id.strip(), f"{rule.code}: needs doc_id (the doc's prose in Indonesian)"
    own = sections(inspect.cleandoc(rule.doc_id))
    english = _prose_sections(rule)
    assert all(heading in SECTIONS_ID for heading, _ in english), f"{rule.code}: a heading SECTIONS_ID does not translate"
    assert [heading for heading, _ in own] == [SECTIONS_ID[heading] for heading, _ in english]
    assert all(body.strip() for _, body in own), f"{rule.code}: an empty section"
    assert "```" not in rule.doc_id, f"{rule.code}: doc_id repeats an example; they are shared"
    # a wrapped line that starts like Markdown's lists, quotes or `===` underlines would change the page
    starts = [line for line in inspect.cleandoc(rule.doc_id).split("\n") if re.match(r"([-+*=>|]|\d+[.)])( |$)", line)]
    assert not starts, f"{rule.code}: rewrap {starts}"
    # the messages' words (issue 13): `tidak dicantumkan`, `dikecualikan`
    assert "dideklarasikan" not in rule.doc_id and "ditekan" not in rule.doc_id, rule.code
    contoh = [body for heading, body in own if heading == SECTIONS_ID[EXAMPLE]]
    if contoh:  # each shared example has its place
        assert contoh[0].split("\n").count(EXAMPLE_HERE) == len(examples(rule)) == 2


@pytest.mark.parametrize("rule", list(all_rules().values()), ids=lambda r: r.code)
def test_doc_id_keeps_the_codes_and_backticked_text_of_the_doc(rule: type[Rule]) -> None:
    """Codes, keys, values, config keys and CLI flags are not translated: every backticked
    span and rule code of the English prose is in the Indonesian one as often."""
    english = _BLOCK.sub(" ", rule.doc())
    spans = Counter(_SPAN_ID.get(span, span) for span in (" ".join(s.split()) for s in _SPAN.findall(english)))
    own = Counter(" ".join(s.split()) for s in _SPAN.findall(rule.doc_id))
    assert not spans - own, f"{rule.code}: doc_id lacks {sorted(spans - own)}"
    assert set(_CODE.findall(_SPAN.sub(" ", english))) == set(_CODE.findall(_SPAN.sub(" ", rule.doc_id))), rule.code


def test_the_indonesian_page_puts_the_examples_where_the_english_one_has_them() -> None:
    """The pages' sections pair up in order; the Indonesian one adds `## Pesan` (the messages)
    just before its examples, so `## Perbaikan` follows them as `## Fix` does."""
    for rule in all_rules().values():
        expected: list[str] = []
        for heading, _ in sections(doc_page(rule, "en")):
            expected += ["Pesan", SECTIONS_ID[heading]] if heading == EXAMPLE else [SECTIONS_ID.get(heading, heading)]
        assert [heading for heading, _ in sections(doc_page(rule, "id"))] == expected, rule.code
