"""Code actions and whole-document edits.

- A quick fix per finding that carries a fix: the fixer's own edits
  (`finding.fix`), turned into protocol edits and nothing more.
- "Disable CODE for this item": a `<!-- sop-lint: disable=CODE -->` line before
  the heading or item the finding is in (or the code added to the directive
  already there), and "… for this file" (`disable-file`, at the end).
- `source.fixAll.sop-lint` and formatting: what `check --fix` and `format` make
  of the whole text, as the smallest run of changed lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from lsprotocol import types

from ..fixes import join_text, split_text
from ..fixing import fix_text
from ..formatter import FormatError, format_text
from ..model import Item, Sop, Span
from ..rule import Finding
from ..writer import ParseFailure, UnsafeChange
from .analysis import Analysis
from .diagnostics import SOURCE
from .positions import Units, position, to_range

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
_DIRECTIVE = re.compile(r"(sop-lint\s*:\s*disable\s*=\s*)([\w\s,-]*?)(\s*-->)$", re.IGNORECASE)
_WORDS = {
    "en": {"item": "Disable {code} for this item", "file": "Disable {code} for this file", "all": "Fix all sop-lint findings"},
    "id": {
        "item": "Nonaktifkan {code} untuk butir ini",
        "file": "Nonaktifkan {code} untuk berkas ini",
        "all": "Perbaiki semua temuan sop-lint",
    },
}


def _words(analysis: Analysis) -> dict[str, str]:
    return _WORDS.get(analysis.linter.settings.lang, _WORDS["en"])


def _safe(finding: Finding) -> bool:
    # The fixer may mark a fix that can change meaning as unsafe (`fix.applicability`): offered, never preferred.
    return getattr(finding.fix, "applicability", "safe") == "safe"


def findings_for(analysis: Analysis, context: Sequence[types.Diagnostic], wanted: types.Range, units: Units) -> list[Finding]:
    """The findings the client asks about: those of its diagnostics, else those on the lines of the range."""
    ours = [d for d in context if d.source == SOURCE]
    if ours:
        keys = {(str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in ours}
        chosen = []
        for finding in analysis.findings:
            r = to_range(analysis.lines, finding.span, units)
            if (finding.code, r.start.line, r.start.character, r.end.line, r.end.character) in keys:
                chosen.append(finding)
        return chosen
    first, last = wanted.start.line + 1, wanted.end.line + 1
    return [f for f in analysis.findings if f.span.line <= last and f.span.end_line >= first]


def quick_fix(finding: Finding, analysis: Analysis, diagnostic: types.Diagnostic, units: Units) -> types.CodeAction | None:
    if finding.fix is None or not finding.fix.edits:
        return None
    edits = [types.TextEdit(range=to_range(analysis.lines, e.span, units), new_text=e.text) for e in finding.fix.edits]
    return types.CodeAction(
        title=finding.fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=_safe(finding),
        edit=types.WorkspaceEdit(changes={analysis.uri: edits}),
    )


def _nodes(sop: Sop) -> Iterator[tuple[Span, int]]:
    """Every heading and item a suppression can stand before: (its span, its depth)."""
    if sop.title_span is not None:
        yield sop.title_span, 0

    def items(item: Item, depth: int) -> Iterator[tuple[Span, int]]:
        yield item.span, depth
        if depth == 1:  # an item and its sub-items are nodes; deeper ones belong to their sub-item
            for sub in item.subs:
                yield from items(sub, 2)

    for item in sop.intro:
        yield from items(item, 1)
    for section in sop.sections:
        yield section.heading_span, 0
        for item in section.items:
            yield from items(item, 1)


def target_of(sop: Sop, line: int) -> Span | None:
    """The heading on `line`, else the innermost item holding it."""
    best: tuple[int, Span] | None = None
    for span, depth in _nodes(sop):
        if depth == 0 and span.line == line:
            return span
        if depth and span.contains_line(line) and (best is None or depth > best[0]):
            best = (depth, span)
    return best[1] if best else None


def disable_item(finding: Finding, analysis: Analysis, diagnostic: types.Diagnostic, units: Units) -> types.CodeAction | None:
    sop = analysis.sop
    if sop is None:
        return None
    target = target_of(sop, finding.span.line)
    if target is None:
        return None
    title = _words(analysis)["item"].format(code=finding.code)
    edit: types.TextEdit | None = None
    for suppression in sop.suppressions:
        if suppression.file_wide or suppression.target is None or suppression.target.line != target.line:
            continue
        line = analysis.lines[suppression.span.line - 1]
        comment = line[suppression.span.column - 1 : suppression.span.end_column - 1]
        match = _DIRECTIVE.search(comment)
        own_line = not line[: suppression.span.column - 1].strip()
        if match is None or not own_line or suppression.span.line != suppression.span.end_line:
            continue
        codes = f"{match[2]},{finding.code}"
        new = comment[: match.start()] + match[1] + codes + match[3]
        edit = types.TextEdit(range=to_range(analysis.lines, suppression.span, units), new_text=new)
        break
    if edit is None:
        first = analysis.lines[target.line - 1]
        indent = first[: len(first) - len(first.lstrip())]
        at = position(analysis.lines, target.line, 1, units)
        edit = types.TextEdit(
            range=types.Range(start=at, end=at), new_text=f"{indent}<!-- sop-lint: disable={finding.code} -->\n"
        )
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={analysis.uri: [edit]}),
    )


def disable_file(finding: Finding, analysis: Analysis, diagnostic: types.Diagnostic, units: Units) -> types.CodeAction:
    lines = analysis.lines
    end = position(lines, len(lines), len(lines[-1]) + 1, units)
    newline = "\r\n" if "\r\n" in analysis.text else "\n"
    lead = "" if analysis.text.endswith("\n") or not analysis.text else newline
    text = f"{lead}{newline if analysis.text.strip() else ''}<!-- sop-lint: disable-file={finding.code} -->{newline}"
    return types.CodeAction(
        title=_words(analysis)["file"].format(code=finding.code),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={analysis.uri: [types.TextEdit(range=types.Range(start=end, end=end), new_text=text)]}),
    )


def smallest_edit(old: str, new: str, units: Units) -> list[types.TextEdit]:
    """`new` as one edit of `old`: the whole lines between the common head and the common tail
    (line ends travel with their lines, so a CRLF text stays CRLF)."""
    if old == new:
        return []
    old_lines, new_lines = old.split("\n"), new.split("\n")
    shorter = min(len(old_lines), len(new_lines))
    head = 0
    while head < shorter - 1 and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < shorter - head - 1 and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    start = types.Position(line=head, character=0)
    if tail:
        end = types.Position(line=len(old_lines) - tail, character=0)
        replaced = "".join(line + "\n" for line in new_lines[head : len(new_lines) - tail])
    else:
        end = types.Position(line=len(old_lines) - 1, character=units(old_lines[-1]))
        replaced = "\n".join(new_lines[head:])
    return [types.TextEdit(range=types.Range(start=start, end=end), new_text=replaced)]


def fix_all_edits(analysis: Analysis, units: Units) -> list[types.TextEdit]:
    """What `check --fix` makes of the text (nothing, when its safety check fails)."""
    result = fix_text(analysis.linter, analysis.text, analysis.path or "<buffer>", linted=analysis.result)
    return smallest_edit(analysis.text, result.text, units) if result.changed else []


def fix_all_title(analysis: Analysis) -> str:
    return _words(analysis)["all"]


def fix_all(analysis: Analysis, units: Units) -> types.CodeAction | None:
    edits = fix_all_edits(analysis, units)
    if not edits:
        return None
    return types.CodeAction(title=fix_all_title(analysis), kind=FIX_ALL, edit=types.WorkspaceEdit(changes={analysis.uri: edits}))


class NotFormatted(Exception):
    """Why `format` leaves the text as it is (one line)."""


def format_edits(analysis: Analysis, today: date, units: Units) -> list[types.TextEdit]:
    body, bom, ending = split_text(analysis.text)
    try:
        new = format_text(body, analysis.linter.pack, today)
    except ParseFailure as error:
        raise NotFormatted(f"{error}: cannot parse (P001); not formatted") from None
    except (UnsafeChange, FormatError) as error:
        raise NotFormatted(f"not formatted: {error}") from None
    return smallest_edit(analysis.text, join_text(new, bom, ending), units)
