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


class Words:
    """A message not yet said: its key and fields, said in a language when shown.
    A field may itself be Words (a type's name inside a configuration error)."""

    __slots__ = ("fields", "key")

    def __init__(self, key: str, /, **fields: Any) -> None:
        self.key, self.fields = key, fields

    def said(self, lang: str) -> str:
        return say(lang, self.key, **{name: said(value, lang) for name, value in self.fields.items()})

    def __str__(self) -> str:
        return self.said("en")

    def __reduce__(self) -> tuple[Any, ...]:  # fields are keyword-only: pickle by hand (worker processes)
        return (_words, (self.key, self.fields))


def _words(key: str, fields: dict[str, Any]) -> Words:
    return Words(key, **fields)


def said(value: object, lang: str) -> object:
    """`value` in `lang` when it is Words or a Told error; any other value as it is."""
    if isinstance(value, Words):
        return value.said(lang)
    if isinstance(value, Told):
        return value.words.said(lang)
    return value


class Told(Exception):
    """An error whose one line comes from the catalog: `str()` is its English line (what
    the API and the logs show), `said(lang)` the line in the run's language.
    `raise ConfigError("config.no_file", path=name)`."""

    def __init__(self, key: str | Words, /, **fields: Any) -> None:
        self.words = key if isinstance(key, Words) else Words(key, **fields)
        super().__init__(self.words.said("en"))

    def said(self, lang: str) -> str:
        return self.words.said(lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.words,))


def reason(error: OSError) -> Words | str:
    """Why a file could not be read or written, said in the run's language when the
    catalog knows the case (`os.ENOENT`, a `Words` of sop-lint's own), else as the
    system says it."""
    if error.args and isinstance(error.args[0], Words):
        return error.args[0]
    import errno

    name = errno.errorcode.get(error.errno or 0)
    if name is not None and f"os.{name}" in catalog("en"):
        return Words(f"os.{name}")
    return error.strerror or str(error)
