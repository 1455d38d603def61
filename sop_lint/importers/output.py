"""A procedure as the bytes of an SOP file: its text in the canonical layout of
`sop-lint format`, but a transcription — steps keep their numbers, the NIP its grouping,
the sections their order (S401, M108 and P008 report them)."""

from __future__ import annotations

from ..fixes import Plan
from ..formatter import render
from ..pack import Pack
from ..parser import parse_text
from ..writer import verify
from .procedure import Procedure, to_text


class NotParsable(Exception):
    """The written text would not parse (a bug of the importer: never written)."""


def canonical(text: str, pack: Pack) -> str:
    result = parse_text(text, pack)
    if result.sop is None:
        assert result.problem is not None
        raise NotParsable(f"{result.problem.span.line}:{result.problem.span.column}: {result.problem.message}")
    sop = result.sop
    plan = Plan()
    for section in sop.sections:  # canonical names for names read exactly, as format does
        if section.exact and section.kind is not None and section.title != section.kind:
            plan.headings[section.heading_span.line] = section.kind
    fields = list(sop.identity.fields) if sop.identity else []
    for step in sop.steps:
        fields.extend(step.fields)
    for f in fields:
        if f.exact and f.key is not None and f.key_text != f.key:
            plan.keys[f.item.span.line] = f.key
    new = render(sop, text, plan, canonical=True)
    verify(sop, new, plan, pack)
    return new


def render_procedure(procedure: Procedure, pack: Pack) -> str:
    return canonical(to_text(procedure), pack)
