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
driver is appended in place of `_Parser.parse_from_state`: one loop per
token instead of a generator and half a dozen calls, with the same tokens,
callbacks and errors (anything unusual goes to the generic code).

Lark numbers the parse table's states as it meets them in sets, differently
from one run to the next; the table is renumbered in a fixed order, so the
same grammar and lark version give the same bytes, and
`tests/test_performance_guards.py` fails when the module is stale.
"""

from __future__ import annotations

import argparse
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

# Appended to the module: a fused lexer and LALR driver (see its comment).
_FAST_PATH = """

##
# sop-lint: a fused lexer and LALR driver, in place of `_Parser.parse_from_state`
# (added by sop_lint/build_parser.py, like the rest of this module's edits; MPL-2.0 as the
# code above). The generic path takes several Python calls per token: a generator, the
# contextual lexer, `BasicLexer.next_token`, `Scanner.match`, `LineCounter.feed`,
# `Token.__new__`/`_future_new`, `ParserState.feed_token` with its attribute chains per
# reduction. Here one loop does all of it, with the parse table turned, once per parser, into
# rows of (shift?, next state or (size, rule name, callback), token callback), and the
# common shapes of `ChildFilterLALR_NoPlaceholders` (inlined `_rule`s) unrolled. The tokens
# and their positions, the values handed to the callbacks and the order of the calls are the
# same. Anything unusual (a lexer subclass, several regexps per lexer, a
# token no lexer state matches, a token the table does not expect) goes to the generic code,
# from the same point, so errors are raised by the same code with the same contents.

_sop_generic_parse_from_state = _Parser.parse_from_state


def _sop_lexer_rows(lexer):
    #--
    rows = lexer.__dict__.get('_sop_rows')
    if rows is None:
        rows = {}
        made = {}
        for state, basic in lexer.lexers.items():
            row = made.get(id(basic))
            if row is None:
                if type(basic) is not BasicLexer:
                    return None
                mres = basic.scanner._mres  ##  (building the scanner also sets `callback`)
                if len(mres) != 1:
                    return None
                row = made[id(basic)] = (mres[0].match, basic.ignore_types, basic.newline_types, basic.callback)
            rows[state] = row
        lexer._sop_rows = rows
    return rows


def _sop_action_rows(parser, states, callbacks):
    #--
    cached = parser.__dict__.get('_sop_actions')
    if cached is not None and cached[0] is states and cached[1] is callbacks:
        return cached[2]
    token_callbacks = {key: value for key, value in callbacks.items() if isinstance(key, str)}
    rules = {}
    rows = {}
    for state, row in states.items():
        fast = rows[state] = {}
        for symbol, (action, arg) in row.items():
            if action is Shift:
                fast[symbol] = (True, arg, token_callbacks.get(symbol))
            else:
                info = rules.get(id(arg))
                if info is None:
                    callback = _sop_child_filter(callbacks[arg]) if callbacks else None
                    info = rules[id(arg)] = (len(arg.expansion), arg.origin.name, callback)
                fast[symbol] = (False, info, None)
    parser._sop_actions = (states, callbacks, rows)
    return rows


def _sop_child_filter(callback):
    #--
    if type(callback) is not ChildFilterLALR_NoPlaceholders:
        return callback
    build = callback.node_builder
    include = tuple((i, bool(expand)) for i, expand in callback.to_include)
    ##  The common shapes unrolled, with the same lists (the first expanded child's list is
    ##  reused and extended, as the loop does).
    if include == ((0, True),):
        return lambda children: build(children[0].children)
    if include == ((0, True), (1, False)):
        def expand_then_keep(children):
            filtered = children[0].children
            filtered.append(children[1])
            return build(filtered)
        return expand_then_keep
    if include == ((0, True), (1, True)):
        def expand_both(children):
            filtered = children[0].children
            if filtered:
                filtered += children[1].children
            else:
                filtered = children[1].children
            return build(filtered)
        return expand_both
    if include == ((0, False), (1, True)):
        def keep_then_expand(children):
            filtered = [children[0]]
            filtered += children[1].children
            return build(filtered)
        return keep_then_expand
    if include == ((0, False), (1, True), (2, True)):
        def keep_then_expand_two(children):
            filtered = [children[0]]
            filtered += children[1].children
            filtered += children[2].children
            return build(filtered)
        return keep_then_expand_two
    return callback


def _sop_parse_from_state(self, state, last_token=None):
    thread = state.lexer
    lexer = getattr(thread, 'lexer', None)
    lexer_state = getattr(thread, 'state', None)
    rows = _sop_lexer_rows(lexer) if type(lexer) is ContextualLexer else None
    if rows is None or type(lexer_state) is not LexerState or not isinstance(lexer_state.text, TextSlice):
        return _sop_generic_parse_from_state(self, state, last_token)
    conf = state.parse_conf
    actions = _sop_action_rows(self, conf.states, conf.callbacks)
    state_stack = state.state_stack
    value_stack = state.value_stack
    text = lexer_state.text.text
    end = lexer_state.text.end
    counter = lexer_state.line_ctr
    newline = counter.newline_char
    pos = counter.char_pos
    line = counter.line
    line_start = counter.line_start_pos
    new = str.__new__
    token = last_token
    try:
        try:
            while pos < end:
                match, ignore_types, newline_types, lexer_callbacks = rows[state_stack[-1]]
                m = match(text, pos, end)
                if m is None:
                    break  ##  the generic lexer raises the error
                value = m.group(0)
                type_ = m.lastgroup
                start = pos
                start_line = line
                column = pos - line_start + 1
                pos += len(value)
                if type_ in newline_types:
                    newlines = value.count(newline)
                    if newlines:
                        line += newlines
                        line_start = start + value.rindex(newline) + 1
                ignored = type_ in ignore_types
                if ignored and type_ not in lexer_callbacks:
                    continue
                t = new(Token, value)
                t.type = type_
                t.start_pos = start
                t.value = value
                t.line = start_line
                t.column = column
                t.end_line = line
                t.end_column = pos - line_start + 1
                t.end_pos = pos
                if type_ in lexer_callbacks:
                    t = lexer_callbacks[type_](t)
                    if ignored:
                        continue
                    if not isinstance(t, Token):
                        raise LexError("Callbacks must return a token (returned %r)" % t)
                token = t
                type_ = t.type
                while True:
                    try:
                        shift, arg, callback = actions[state_stack[-1]][type_]
                    except KeyError:
                        state.feed_token(t)  ##  raises UnexpectedToken, as the generic driver does
                        raise
                    if shift:
                        state_stack.append(arg)
                        value_stack.append(t if callback is None else callback(t))
                        break
                    size, name, callback = arg
                    if size:
                        children = value_stack[-size:]
                        del state_stack[-size:]
                        del value_stack[-size:]
                    else:
                        children = []
                    value_stack.append(children if callback is None else callback(children))
                    state_stack.append(actions[state_stack[-1]][name][1])
        finally:
            counter.char_pos = pos
            counter.line = line
            counter.line_start_pos = line_start
            counter.column = pos - line_start + 1
            if token is not None and token is not last_token:
                lexer_state.last_token = token
        if pos < end:
            return _sop_generic_parse_from_state(self, state, token)
        end_token = Token.new_borrow_pos('$END', '', token) if token else Token('$END', '', 0, 1, 1)
        return state.feed_token(end_token, True)
    except UnexpectedInput as e:
        try:
            e.interactive_parser = InteractiveParser(self, state, state.lexer)
        except NameError:
            pass
        raise e


_Parser.parse_from_state = _sop_parse_from_state
"""

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
    return header(grammar_digest(grammar), lark.__version__) + text + _FAST_PATH


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
    options = argparse.ArgumentParser(prog="python -m sop_lint.build_parser", description=__doc__.split("\n\n")[0])
    options.add_argument("--check", action="store_true", help="exit 1 if the module is not what the grammar gives")
    args = options.parse_args(argv)
    text = generate()
    current = MODULE.read_text(encoding="utf-8") if MODULE.exists() else ""
    if args.check:
        if current != text:
            print(f"{MODULE.name} is stale: run `python -m sop_lint.build_parser`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        MODULE.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {MODULE.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
