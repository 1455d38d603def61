"""The fused lexer and LALR driver of the stand-alone parser, as a real module.

`python -m sop_lint.build_parser` copies everything below the `COPIED FROM
HERE` line into `sop_lint/_sop_parser.py`, after Lark's generated code, and
then installs it (`_Parser.parse_from_state = _sop_parse_from_state`). There
the names imported here from `lark` are the generated module's own, so the
copy needs no import. Here it is linted and type-checked against lark's own
classes; sop-lint never imports this module when it runs (that would import
`lark`), and importing it changes nothing: only the generated module installs
the driver.

The code is MPL-2.0, as lark's, since it replaces lark's `parse_from_state`.
Annotations name only what the generated module defines (`Any`, lark's
classes): they are evaluated there when the functions are made.
"""

from typing import Any

from lark.exceptions import LexError, UnexpectedInput
from lark.lexer import BasicLexer, ContextualLexer, LexerState, Token
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders
from lark.parsers.lalr_analysis import Shift
from lark.parsers.lalr_interactive_parser import InteractiveParser
from lark.parsers.lalr_parser import _Parser
from lark.utils import TextSlice

# ---------------------------------------------------------------- COPIED FROM HERE ---------


##
# sop-lint: a fused lexer and LALR driver, in place of `_Parser.parse_from_state`
# (copied from sop_lint/parser_driver.py by sop_lint/build_parser.py, like the rest of this
# module's edits; MPL-2.0 as the code above). The generic path takes several Python calls per
# token: a generator, the contextual lexer, `BasicLexer.next_token`, `Scanner.match`,
# `LineCounter.feed`, `Token.__new__`/`_future_new`, `ParserState.feed_token` with its
# attribute chains per reduction. Here one loop does all of it, with the parse table turned,
# once per parser, into rows of (shift?, next state or (size, rule name, callback), token
# callback), and the common shapes of `ChildFilterLALR_NoPlaceholders` (inlined `_rule`s)
# unrolled. The tokens and their positions, the values handed to the callbacks and the order
# of the calls are the same. Anything unusual (a lexer subclass, several regexps per lexer, a
# token no lexer state matches, a token the table does not expect) goes to the generic code,
# from the same point, so errors are raised by the same code with the same contents.

_sop_generic_parse_from_state = _Parser.parse_from_state


def _sop_lexer_rows(lexer: Any) -> Any:
    """Per lexer state: (match, ignored types, newline types, token callbacks); None when unusual."""
    rows = lexer.__dict__.get("_sop_rows")
    if rows is None:
        rows = {}
        made: dict[int, Any] = {}
        for state, basic in lexer.lexers.items():
            row = made.get(id(basic))
            if row is None:
                if type(basic) is not BasicLexer:
                    return None
                mres = basic.scanner._mres  # (building the scanner also sets `callback`)
                if len(mres) != 1:
                    return None
                row = made[id(basic)] = (mres[0].match, basic.ignore_types, basic.newline_types, basic.callback)
            rows[state] = row
        lexer._sop_rows = rows
    return rows


def _sop_action_rows(parser: Any, states: Any, callbacks: Any) -> Any:
    """The parse table as rows of (shift?, next state or (size, rule name, callback), token callback)."""
    cached = parser.__dict__.get("_sop_actions")
    if cached is not None and cached[0] is states and cached[1] is callbacks:
        return cached[2]
    token_callbacks = {key: value for key, value in callbacks.items() if isinstance(key, str)}
    rules: dict[int, Any] = {}
    rows: dict[Any, Any] = {}
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


def _sop_child_filter(callback: Any) -> Any:
    """The callback, with the common shapes of `ChildFilterLALR_NoPlaceholders` unrolled."""
    if type(callback) is not ChildFilterLALR_NoPlaceholders:
        return callback
    build = callback.node_builder
    include = tuple((i, bool(expand)) for i, expand in callback.to_include)
    # The common shapes unrolled, with the same lists (the first expanded child's list is
    # reused and extended, as the loop does).
    if include == ((0, True),):
        return lambda children: build(children[0].children)
    if include == ((0, True), (1, False)):

        def expand_then_keep(children: Any) -> Any:
            filtered = children[0].children
            filtered.append(children[1])
            return build(filtered)

        return expand_then_keep
    if include == ((0, True), (1, True)):

        def expand_both(children: Any) -> Any:
            filtered = children[0].children
            if filtered:
                filtered += children[1].children
            else:
                filtered = children[1].children
            return build(filtered)

        return expand_both
    if include == ((0, False), (1, True)):

        def keep_then_expand(children: Any) -> Any:
            filtered = [children[0]]
            filtered += children[1].children
            return build(filtered)

        return keep_then_expand
    if include == ((0, False), (1, True), (2, True)):

        def keep_then_expand_two(children: Any) -> Any:
            filtered = [children[0]]
            filtered += children[1].children
            filtered += children[2].children
            return build(filtered)

        return keep_then_expand_two
    return callback


def _sop_parse_from_state(self: Any, state: Any, last_token: Any = None) -> Any:
    thread = state.lexer
    lexer = getattr(thread, "lexer", None)
    lexer_state = getattr(thread, "state", None)
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
                    break  # the generic lexer raises the error
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
                        raise LexError("Callbacks must return a token (returned %r)" % t)  # noqa: UP031 - lark's message
                token = t
                type_ = t.type
                while True:
                    try:
                        shift, arg, callback = actions[state_stack[-1]][type_]
                    except KeyError:
                        state.feed_token(t)  # raises UnexpectedToken, as the generic driver does
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
        end_token = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
        return state.feed_token(end_token, True)
    except UnexpectedInput as e:
        try:  # noqa: SIM105 - the generated module has no `contextlib`
            e.interactive_parser = InteractiveParser(self, state, state.lexer)
        except NameError:
            pass
        raise e
