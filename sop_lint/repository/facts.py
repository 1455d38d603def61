"""A file's facts: what the repository rules need to know about one SOP.

Read from the model in the per-file pass, then cached with the file's
findings and sent back by worker processes as plain tuples (`to_wire`), so
that the repository rules can run over every file of a run without any of
them being parsed again: the title, the Nomor, the Keterkaitan items, the
roles (declared and named by steps) and the suppression comments, each with
its span and the text of its line (for code frames and baselines).
"""

from __future__ import annotations

import sys
from typing import Any

from ..model import Sop, Span
from ..names import fold
from ..pack import Pack
from ..records import Record

NUMBER = "Nomor"
RELATED = "Keterkaitan"

# A span on the wire: (line, column, end line, end column).
WireSpan = tuple[int, int, int, int]


class Located(Record):
    """A piece of text of the file, where it stands, and the text of its first line."""

    __slots__ = ("text", "span", "line")  # noqa: RUF023 - the fields in order

    text: str
    span: Span
    line: str

    def __init__(self, text: str, span: Span, line: str) -> None:
        self.text = text
        self.span = span
        self.line = line


class RoleUse(Record):
    """A role name as one file uses it: declared under Pelaksana (with the steps that
    name it), or named by steps without being declared."""

    __slots__ = ("name", "span", "declared", "steps")  # noqa: RUF023 - the fields in order

    name: str
    span: Span
    declared: bool
    steps: int

    def __init__(self, name: str, span: Span, declared: bool, steps: int) -> None:
        self.name = name
        self.span = span
        self.declared = declared
        self.steps = steps


class Disable(Record):
    """A suppression comment, as the repository rules apply it."""

    __slots__ = ("codes", "file_wide", "span", "target", "line")  # noqa: RUF023 - the fields in order

    codes: list[str]
    file_wide: bool
    span: Span
    target: Span | None
    line: str  # the comment's line

    def __init__(self, codes: list[str], file_wide: bool, span: Span, target: Span | None, line: str) -> None:
        self.codes = codes
        self.file_wide = file_wide
        self.span = span
        self.target = target
        self.line = line


class Facts(Record):
    __slots__ = ("title", "number", "related", "roles", "disables")  # noqa: RUF023 - the fields in order
    _defaults = {"title": None, "number": None, "related": list, "roles": list, "disables": list}

    title: Located | None
    number: Located | None  # the Nomor's value
    related: list[Located]  # the Keterkaitan items
    roles: list[RoleUse]
    disables: list[Disable]

    def __init__(
        self,
        title: Located | None = None,
        number: Located | None = None,
        related: list[Located] | None = None,
        roles: list[RoleUse] | None = None,
        disables: list[Disable] | None = None,
    ) -> None:
        self.title = title
        self.number = number
        self.related = [] if related is None else related
        self.roles = [] if roles is None else roles
        self.disables = [] if disables is None else disables


def facts_of(sop: Sop, text: str) -> Facts:
    """The facts of a parsed SOP whose text is `text`."""
    lines = text.split("\n")

    def line_of(span: Span) -> str:
        return lines[span.line - 1].rstrip("\r") if 0 < span.line <= len(lines) else ""

    def located(value: str, span: Span) -> Located:
        return Located(value, span, line_of(span))

    facts = Facts()
    if sop.title is not None and sop.title_span is not None:
        facts.title = located(sop.title, sop.title_span)
    if sop.identity is not None:
        field = sop.identity.field(NUMBER)
        if field is not None and field.value.strip():
            facts.number = located(field.value.strip(), field.value_span)
    section = sop.section(RELATED)
    if section is not None:
        facts.related = [located(item.text, item.text_span) for item in section.items if item.text.strip()]
    facts.roles = _roles(sop)
    facts.disables = [Disable(list(s.codes), s.file_wide, s.span, s.target, line_of(s.span)) for s in sop.suppressions]
    return facts


def _roles(sop: Sop) -> list[RoleUse]:
    uses: list[RoleUse] = []
    declared: dict[int, RoleUse] = {}
    for role in sop.roles:
        use = RoleUse(role.name, role.name_span, True, 0)
        declared[id(role)] = use
        uses.append(use)
    undeclared: dict[str, RoleUse] = {}
    for step in sop.steps:
        for ref in step.performers:
            if ref.role is not None and id(ref.role) in declared:
                declared[id(ref.role)].steps += 1
            elif ref.text.strip():
                key = fold(ref.text)
                if key not in undeclared:
                    undeclared[key] = RoleUse(ref.text.strip(), ref.span, False, 0)
                    uses.append(undeclared[key])
                undeclared[key].steps += 1
    return uses


# --- plain data, for the cache and the pipes ----------------------------------------------


def _span(span: Span) -> WireSpan:
    return (span.line, span.column, span.end_line, span.end_column)


def _located(value: Located | None) -> tuple[str, WireSpan, str] | None:
    return None if value is None else (value.text, _span(value.span), value.line)


def _from_located(value: Any) -> Located | None:
    # Interned: the same Keterkaitan items (and their lines) come back in many files of a
    # repository, and a run holds every file's facts until the repository rules ran.
    return None if value is None else Located(sys.intern(value[0]), Span(*value[1]), sys.intern(value[2]))


def to_wire(facts: Facts) -> tuple[Any, ...]:
    """The facts as tuples, lists and strings (marshal and JSON carry them)."""
    return (
        _located(facts.title),
        _located(facts.number),
        [_located(item) for item in facts.related],
        [(use.name, _span(use.span), use.declared, use.steps) for use in facts.roles],
        [(d.codes, d.file_wide, _span(d.span), None if d.target is None else _span(d.target), d.line) for d in facts.disables],
    )


def from_wire(wire: Any) -> Facts:
    """`to_wire` undone; raises ValueError (or TypeError) for data of another shape."""
    title, number, related, roles, disables = wire
    return Facts(
        _from_located(title),
        _from_located(number),
        [Located(sys.intern(text), Span(*span), sys.intern(line)) for text, span, line in related],
        [RoleUse(str(name), Span(*span), bool(declared), int(steps)) for name, span, declared, steps in roles],
        [
            Disable([str(c) for c in codes], bool(wide), Span(*span), None if target is None else Span(*target), str(line))
            for codes, wide, span, target, line in disables
        ],
    )


def read_facts(data: bytes, pack: Pack) -> Facts:
    """The facts of a file's bytes, parsed on their own (when no lint of them is at hand)."""
    from ..parser import parse_text
    from ..source import decode

    text, _ = decode(data)
    if text is None:
        return Facts()
    sop = parse_text(text, pack).sop
    return Facts() if sop is None else facts_of(sop, text)
