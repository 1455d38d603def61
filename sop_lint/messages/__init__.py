"""The words sop-lint says to people, one catalog per language: `en.py` and
`id.py`, each one dict `MESSAGES` of key -> template (`str.format` fields).

Everything a person reads that is not a rule's message (those are the rules'
own `messages`) comes from here: summaries, the lines of `--fix` and
`format`, the words of `explain` and `rules`, the errors that end a run with
exit 2. A language is loaded when first asked for (a plain dict module), so a
plain `check` pays for one small import. A noun that is counted is one entry
`noun.NAME` = "singular|plural".

A key missing from a catalog is a bug that tests/test_messages.py catches:
both catalogs must hold the same keys with the same fields.
"""

from __future__ import annotations

import importlib
from typing import Any

LANGUAGES = ("en", "id")
_LOADED: dict[str, dict[str, str]] = {}


def catalog(lang: str) -> dict[str, str]:
    """The catalog of `lang` (English for a language sop-lint does not have)."""
    found = _LOADED.get(lang)
    if found is None:
        module = importlib.import_module(f"{__name__}.{lang if lang in LANGUAGES else 'en'}")
        found = _LOADED[lang] = module.MESSAGES
    return found


def say(lang: str, key: str, /, **args: Any) -> str:
    """The message `key` in `lang`, its fields filled."""
    return catalog(lang)[key].format(**args)


def count(lang: str, number: int, noun: str) -> str:
    """`3 findings`, `1 file`, `3 temuan`: the number and the noun in its form for it."""
    singular, _, plural = catalog(lang)[f"noun.{noun}"].partition("|")
    return f"{number} {singular if number == 1 else plural or singular}"
