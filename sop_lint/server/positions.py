"""Spans (1-based line and column, in code points, end exclusive) to protocol
ranges (0-based, in the client's units) and back.

The protocol counts columns in UTF-16 code units unless client and server
agree on another encoding (pygls negotiates it; `units` counts a string in it):
`—` is one unit, an emoji two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from ..model import Span

Units = Callable[[str], int]  # how many client code units a string is


def position(lines: Sequence[str], line: int, column: int, units: Units) -> types.Position:
    """The protocol position of a 1-based (line, column in code points)."""
    index = line - 1
    if index < 0:
        return types.Position(line=0, character=0)
    if index >= len(lines):
        return types.Position(line=len(lines), character=0)
    text = lines[index]
    return types.Position(line=index, character=units(text[: max(0, column - 1)]))


def to_range(lines: Sequence[str], span: Span, units: Units) -> types.Range:
    return types.Range(
        start=position(lines, span.line, span.column, units), end=position(lines, span.end_line, span.end_column, units)
    )


def line_range(lines: Sequence[str], line: int, units: Units) -> types.Range:
    """A whole line's text, its indentation left out (1-based line)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    start = len(text) - len(text.lstrip())
    return to_range(lines, Span(line, start + 1, line, len(text.rstrip()) + 1), units)


def column_of(lines: Sequence[str], where: types.Position, units: Units) -> tuple[int, int]:
    """The 1-based (line, column in code points) of a protocol position."""
    if where.line >= len(lines):
        return len(lines) + 1, 1
    text = lines[where.line]
    counted = 0
    for index, char in enumerate(text):
        if counted >= where.character:
            return where.line + 1, index + 1
        counted += units(char)
    return where.line + 1, len(text) + 1


def inside(span: Span, line: int, column: int) -> bool:
    """Whether a 1-based (line, column) lies in the span (its end included: a cursor just after a word is on it)."""
    if line < span.line or line > span.end_line:
        return False
    if line == span.line and column < span.column:
        return False
    return not (line == span.end_line and column > span.end_column)


def split_lines(text: str) -> list[str]:
    """The lines as the spans count them (a CR before the LF is not part of a line's text)."""
    return [line.removesuffix("\r") for line in text.split("\n")]
