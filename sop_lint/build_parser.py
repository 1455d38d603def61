"""Regenerate `sop_lint/_sop_parser.py`, the stand-alone LALR parser of
`grammar/sop.lark`.

    python -m sop_lint.build_parser           # rewrite the module
    python -m sop_lint.build_parser --check   # exit 1 if it is stale

sop-lint runs in every pre-commit: importing the `lark` package and loading
a grammar costs more than linting a file. Lark's stand-alone generator
(`python -m lark.tools.standalone`) writes the parser and its tables into one
module that needs nothing but the standard library; sop-lint parses with that
module and never imports `lark` on the check path (lark is needed here, at
build time, and by the tests).

A few edits after generation, all for speed: `logging` (lark logs only while
building a grammar) gives way to a silent logger, `pickle, zlib, base64`
(for compressed tables and grammar caches) go, the one dataclass
(`TextSlice`) becomes a plain class, so `dataclasses` is not imported either,
and the four `assert`s the parser checks at every token go, as `python -O`
would drop them. Each edit must apply exactly once, so a lark release that
changes the generated text fails here, loudly. Last, a fused lexer and LALR
driver (`sop_lint/parser_driver.py`, copied from its marker line on) is
appended in place of `_Parser.parse_from_state`: one loop per token instead
of a generator and half a dozen calls, with the same tokens, callbacks and
errors (anything unusual goes to the generic code).

Lark numbers the parse table's states as it meets them in sets, differently
from one run to the next; the table is renumbered in a fixed order, so the
same grammar and lark version give the same bytes, and
`tests/test_performance_guards.py` fails when the module is stale.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from ._resources import data_path

PACKAGE = Path(__file__).resolve().parent
GRAMMAR = data_path("grammar", "sop.lark")
MODULE = PACKAGE / "_sop_parser.py"

# The Lark options the module is built with; `transformer` and
# `lexer_callbacks` are given when it is loaded (sop_lint.parser).
OPTIONS = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False}

_NULL_LOGGER = '''\
class _SilentLogger:
    """Stands in for lark's logger: a parser loaded from tables logs nothing (sop-lint)."""

    def _ignore(self, *args, **kwargs):
        pass

    debug = info = warning = error = exception = critical = setLevel = addHandler = _ignore


logger = _SilentLogger()
'''

# The one dataclass of the generated code, written out: `dataclasses` is not imported
# on the check path, and making a dataclass costs more than parsing a small file.
_TEXT_SLICE = """\
class TextSlice(Generic[AnyStr]):
    # sop-lint: a plain class in place of a frozen dataclass (nothing assigns to it)
    __slots__ = ("text", "start", "end")
    text: AnyStr
    start: int
    end: int

    def __init__(self, text, start, end):
        self.text = text
        self.start = start
        self.end = end
        self.__post_init__()

"""

# The fused lexer and LALR driver, appended to the module: a real module (linted and
# type-checked), copied from its marker line on, then installed.
DRIVER = PACKAGE / "parser_driver.py"
_DRIVER_MARKER = "COPIED FROM HERE"
_INSTALL = "\n\n_Parser.parse_from_state = _sop_parse_from_state\n"


def driver_text(path: Path = DRIVER) -> str:
    """What the module gets of `sop_lint/parser_driver.py`: everything after its marker line."""
    text = path.read_text(encoding="utf-8")
    marker = text.index(_DRIVER_MARKER)
    return "\n\n" + text[text.index("\n", marker) + 1 :].strip("\n") + _INSTALL


# (what the generator writes, what the module gets instead)
EDITS = [
    ("import sys, re\nimport logging\n", "import sys, re\n"),
    (
        'logger: logging.Logger = logging.getLogger("lark")\nlogger.addHandler(logging.StreamHandler())\n##\n\n##\n\n'
        "logger.setLevel(logging.CRITICAL)\n",
        _NULL_LOGGER,
    ),
    ("import pickle, zlib, base64\nDATA = (", "DATA = ("),
    ("from dataclasses import dataclass\n", ""),
    # The LALR driver's own invariants, checked at every token (as `python -O` would drop them):
    # a tenth of the parse.
    ("            assert arg != end_state\n", ""),
    ("                assert not is_end\n", ""),
    ("                assert _action is Shift\n", ""),
    ("                assert token is not None\n", ""),
    (
        "@dataclass(frozen=True)\nclass TextSlice(Generic[AnyStr]):\n    #--\n    text: AnyStr\n    start: int\n    end: int\n\n",
        _TEXT_SLICE,
    ),
]


def grammar_digest(grammar: Path = GRAMMAR) -> str:
    return hashlib.sha256(grammar.read_bytes()).hexdigest()


def header(digest: str, lark_version: str) -> str:
    return (
        "# mypy: ignore-errors\n"
        "# ruff: noqa\n"
        "# The stand-alone LALR parser of grammar/sop.lark: generated, do not edit.\n"
        "# Regenerate with `python -m sop_lint.build_parser` after changing the grammar.\n"
        f"# grammar sha256: {digest}\n"
        f"# lark: {lark_version}\n"
    )


def generate(grammar: Path = GRAMMAR) -> str:
    """The module's text: the same for the same grammar and lark version."""
    import lark
    from lark.tools.standalone import gen_standalone

    parser = lark.Lark(grammar.read_text(encoding="utf-8"), **OPTIONS)
    chunks: list[str] = []

    def output(*parts: object) -> None:
        chunks.append("".join(str(part) for part in parts) + "\n")

    gen_standalone(parser, output=output)  # type: ignore[no-untyped-call]
    text = _canonical_tables("".join(chunks))
    for old, new in EDITS:
        count = text.count(old)
        if count != 1:
            raise SystemExit(f"build_parser: expected the generated text once, found it {count} times: {old!r}")
        text = text.replace(old, new)
    return header(grammar_digest(grammar), lark.__version__) + text + driver_text()


def _canonical_tables(text: str) -> str:
    """The module with its parse table numbered in one fixed order.

    Lark numbers states and symbols as it meets them in sets, so two builds
    of one grammar number them differently. Renumbered here: symbols by
    name, states in breadth-first order from the start state, following
    symbols in name order — the same grammar then gives the same bytes.
    """
    import ast

    start, end = text.index("DATA = (\n") + len("DATA = (\n"), text.index("\n)\nMEMO = (")
    data = ast.literal_eval(text[start:end])
    table = data["parser"]["parser"]
    names: dict[int, str] = table["tokens"]
    token_ids = {old: new for new, old in enumerate(sorted(names, key=lambda old: names[old]))}
    states: dict[int, dict[int, tuple[int, Any]]] = table["states"]
    order: list[int] = []
    seen: set[int] = set()
    queue = [*table["start_states"].values(), *table["end_states"].values()]
    while queue:
        state = queue.pop(0)
        if state in seen:
            continue
        seen.add(state)
        order.append(state)
        for token in sorted(states[state], key=lambda token: names[token]):
            action, argument = states[state][token]
            if action == 0:  # a shift (or goto): the next state
                queue.append(argument)
    order += sorted(set(states) - seen)
    state_ids = {old: new for new, old in enumerate(order)}

    def actions(old: int) -> dict[int, tuple[int, Any]]:
        row = states[old]
        ordered = sorted(row, key=lambda token: names[token])
        renumbered: dict[int, tuple[int, Any]] = {}
        for token in ordered:
            action, argument = row[token]
            renumbered[token_ids[token]] = (action, state_ids[argument] if action == 0 else argument)
        return renumbered

    table["tokens"] = {token_ids[old]: names[old] for old in sorted(names, key=lambda old: token_ids[old])}
    table["states"] = {state_ids[old]: actions(old) for old in order}
    table["start_states"] = {key: state_ids[value] for key, value in table["start_states"].items()}
    table["end_states"] = {key: state_ids[value] for key, value in table["end_states"].items()}
    return text[:start] + repr(data) + text[end:]


def main(argv: list[str] | None = None) -> int:
    from .generated import generator_main

    return generator_main(MODULE, generate, "sop_lint.build_parser", "the grammar", argv)


if __name__ == "__main__":
    sys.exit(main())
