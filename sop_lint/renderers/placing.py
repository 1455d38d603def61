"""Where on the rendered page a finding belongs (`render --with-findings`).

A finding points at a span of the text; the page shows it as a numbered
badge on the row, cell or symbol that span was written for: a step's
Kelengkapan/Waktu/Output/Keterangan cell, its symbol (Pelaksana and the
flow keys: Keputusan, Ya, Tidak, Lanjut), its Kegiatan or its number; an
Identitas field's cell; a section's box; else the page title.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Sop, Span
from ..rule import Finding

# Target: ("step", index, part) | ("identity", key) | ("section", kind) | ("document",)
Target = tuple[str, ...] | tuple[str, int, str]

CELL_KEYS = ("Kelengkapan", "Waktu", "Output", "Keterangan")
SYMBOL_KEYS = ("Pelaksana", "Keputusan", "Ya", "Tidak", "Lanjut")


def _within(span: Span, line: int) -> bool:
    return span.line <= line <= span.end_line


def target_of(sop: Sop, span: Span) -> Target:
    line = span.line
    for step in sop.steps:
        if not _within(step.item.span, line):
            continue
        for field in step.fields:
            if _within(field.item.span, line):
                if field.key in CELL_KEYS:
                    return ("step", step.index, field.key)
                if field.key in SYMBOL_KEYS:
                    return ("step", step.index, "symbol")
                return ("step", step.index, "activity")
        if _within(step.number_span, line) and span.column <= step.number_span.end_column and span.end_line == line:
            return ("step", step.index, "no")
        return ("step", step.index, "activity")
    if sop.identity is not None:
        for field in sop.identity.fields:
            if _within(field.item.span, line) and field.key is not None:
                return ("identity", field.key)
    for section in sop.sections:
        if _within(section.span, line) and section.kind is not None:
            return ("section", section.kind)
    return ("document",)


def place(sop: Sop, findings: Sequence[Finding]) -> tuple[list[tuple[int, Finding, Target]], dict[Target, list[int]]]:
    """The findings numbered from 1 in report order, and the badge numbers per target."""
    numbered = [(i + 1, finding, target_of(sop, finding.span)) for i, finding in enumerate(findings)]
    badges: dict[Target, list[int]] = {}
    for number, _finding, target in numbered:
        badges.setdefault(target, []).append(number)
    return numbered, badges
