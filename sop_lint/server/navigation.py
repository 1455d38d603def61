"""Hover, go to definition, the outline, rename and completion, read from an
analysis's model (completion also from the line being typed, which the model
has not seen yet)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from ..docs import doc_page
from ..engine import selector_matches
from ..model import Role, RoleRef, Sop, Span, Step, StepRef
from ..names import fold
from ..pack import Pack
from ..rule import Rule
from .analysis import Analysis
from .positions import Units, inside, to_range

_CODE_TOKEN = re.compile(r"[\w-]+")
_DIRECTIVE_CODES = re.compile(r"disable(?:-file)?\s*=\s*(.*?)\s*-->", re.IGNORECASE)
REF_KEYS = ("Ya", "Tidak", "Lanjut")


# --- what stands under the cursor ----------------------------------------------------


def _step_refs(step: Step) -> list[StepRef]:
    return [ref for ref in (step.yes, step.no, step.next) if ref is not None]


def step_ref_at(sop: Sop, line: int, column: int) -> tuple[StepRef, Step | None] | None:
    by_number = sop.step_numbers()
    for step in sop.steps:
        if not step.item.span.contains_line(line):
            continue
        for ref in _step_refs(step):
            if inside(ref.span, line, column):
                return ref, by_number.get(ref.target) if ref.target is not None else None
    return None


def role_at(sop: Sop, line: int, column: int) -> tuple[Span, Role] | None:
    """The role named under the cursor (a declaration's alias or name, or a step's Pelaksana) and where."""
    for role in sop.roles:
        for span in (role.alias_span, role.name_span):
            if inside(span, line, column):
                return span, role
    for ref in _role_refs(sop, line):
        if ref.role is not None and inside(ref.span, line, column):
            return ref.span, ref.role
    return None


def _role_refs(sop: Sop, line: int | None = None) -> list[RoleRef]:
    return [ref for step in sop.steps if line is None or step.item.span.contains_line(line) for ref in step.performers]


def codes_at(analysis: Analysis, line: int, column: int) -> list[type[Rule]] | None:
    """The rules a code (or prefix, or name) of a suppression comment under the cursor names."""
    sop = analysis.sop
    if sop is None:
        return None
    for suppression in sop.suppressions:
        if not suppression.span.contains_line(line) or suppression.span.line != line:
            continue
        text = analysis.lines[line - 1]
        start = suppression.span.column - 1
        match = _DIRECTIVE_CODES.search(text, start)
        if match is None:
            continue
        for token in _CODE_TOKEN.finditer(text, match.start(1), match.end(1)):
            if token.start() + 1 <= column <= token.end() + 1:
                word = token[0]
                return [rule for rule in analysis.linter.rules.values() if selector_matches(word, rule)]
    return None


# --- features -----------------------------------------------------------------------


def hover(analysis: Analysis, line: int, column: int, units: Units) -> types.Hover | None:
    sop = analysis.sop
    if sop is None:
        return None
    lang = analysis.linter.settings.lang
    rules = codes_at(analysis, line, column)
    if rules:
        if len(rules) == 1:
            text = doc_page(rules[0], lang)
        else:
            text = "\n".join(
                f"- `{rule.code}` {rule.name}: {rule.summary_id if lang == 'id' else rule.summary}" for rule in rules
            )
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))
    found_ref = step_ref_at(sop, line, column)
    if found_ref is not None:
        ref, step = found_ref
        if step is None:
            return None
        word = "Langkah" if lang == "id" else "Step"
        value = f"**{word} {step.number}**: {step.activity}"
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
            range=to_range(analysis.lines, ref.span, units),
        )
    found_role = role_at(sop, line, column)
    if found_role is not None:
        span, role = found_role
        value = f"**{role.alias}**: {role.name}" if role.alias != role.name else f"**{role.name}**"
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
            range=to_range(analysis.lines, span, units),
        )
    return None


def _step_range(analysis: Analysis, step: Step, units: Units) -> types.Range:
    end = step.activity_span if step.activity else step.number_span
    return to_range(analysis.lines, Span(step.number_span.line, step.number_span.column, end.end_line, end.end_column), units)


def definition(analysis: Analysis, line: int, column: int, units: Units) -> types.Location | None:
    sop = analysis.sop
    if sop is None:
        return None
    found_ref = step_ref_at(sop, line, column)
    if found_ref is not None:
        step = found_ref[1]
        return None if step is None else types.Location(uri=analysis.uri, range=_step_range(analysis, step, units))
    found_role = role_at(sop, line, column)
    if found_role is not None:
        return types.Location(uri=analysis.uri, range=to_range(analysis.lines, found_role[1].span, units))
    return None


def symbols(analysis: Analysis, units: Units) -> list[types.DocumentSymbol]:
    """The outline: the sections, with the steps under Prosedur, the fields under
    Identitas and the roles under Pelaksana."""
    sop = analysis.sop
    if sop is None:
        return []
    lines = analysis.lines
    result: list[types.DocumentSymbol] = []
    for section in sop.sections:
        children: list[types.DocumentSymbol] = []
        if sop.identity is not None and section is sop.identity.section:
            for f in sop.identity.fields:
                children.append(
                    _symbol(f.key_text or "?", f.value, types.SymbolKind.Property, f.item.span, f.key_span, lines, units)
                )
        for role in sop.roles:
            if section.span.contains_line(role.span.line):
                detail = role.name if role.alias != role.name else ""
                children.append(
                    _symbol(role.alias, detail, types.SymbolKind.Variable, role.item.span, role.alias_span, lines, units)
                )
        for step in sop.steps:
            if section.span.contains_line(step.item.span.line):
                name = f"{step.number if step.number is not None else '?'}. {step.activity}".strip()
                children.append(_symbol(name, "", types.SymbolKind.Event, step.item.span, step.number_span, lines, units))
        result.append(
            _symbol(
                section.title or "?", "", types.SymbolKind.Namespace, section.span, section.heading_span, lines, units, children
            )
        )
    return result


def _symbol(
    name: str,
    detail: str,
    kind: types.SymbolKind,
    span: Span,
    selection: Span,
    lines: Sequence[str],
    units: Units,
    children: list[types.DocumentSymbol] | None = None,
) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=name or "?",
        detail=detail or None,
        kind=kind,
        range=to_range(lines, span, units),
        selection_range=to_range(lines, selection, units),
        children=children or None,
    )


class BadName(ValueError):
    """A name a role cannot be renamed to."""


def prepare_rename(analysis: Analysis, line: int, column: int, units: Units) -> types.PrepareRenamePlaceholder | None:
    sop = analysis.sop
    found = role_at(sop, line, column) if sop is not None else None
    if found is None:
        return None
    span, role = found
    return types.PrepareRenamePlaceholder(range=to_range(analysis.lines, span, units), placeholder=role.alias)


def rename(analysis: Analysis, line: int, column: int, new_name: str, units: Units) -> types.WorkspaceEdit | None:
    """Rename a role's alias (its name, when it has none) and every step's use of it."""
    sop = analysis.sop
    found = role_at(sop, line, column) if sop is not None else None
    if sop is None or found is None:
        return None
    new_name = new_name.strip()
    if not new_name or any(char in new_name for char in ",;:\n<>"):
        raise BadName(f"`{new_name}` cannot name a role: it must not be empty or hold `,` `;` `:` `<` `>`")
    role = found[1]
    spans = [role.alias_span] + [ref.span for ref in _role_refs(sop) if ref.role is role]
    edits = [types.TextEdit(range=to_range(analysis.lines, span, units), new_text=new_name) for span in spans]
    return types.WorkspaceEdit(changes={analysis.uri: edits})


# --- completion ------------------------------------------------------------------------

_HEADING = re.compile(r"^##[ \t]+(.*)$")
_KEY_START = re.compile(r"^([ \t]*)[-*+][ \t]+([^:]*)$")
_VALUE = re.compile(r"^[ \t]*[-*+][ \t]+([^:]+):[ \t]*(.*)$")


def _section_kind(lines: Sequence[str], line: int, pack: Pack) -> str | None:
    """The pack type (identity, procedure …) of the section above a 0-based line."""
    for index in range(min(line, len(lines) - 1), -1, -1):
        match = _HEADING.match(lines[index])
        if match:
            name = pack.section_names.get(fold(match[1].rstrip(" :")))
            for spec in pack.sections:
                if spec.name == name:
                    return spec.type
            return None
    return None


def completion(
    analysis: Analysis | None, lines: Sequence[str], where: types.Position, pack: Pack, units: Units
) -> list[types.CompletionItem]:
    """What may be written at `where` in the current text (`lines`); the roles and the
    steps come from the latest analysis, which may be a keystroke behind."""
    if where.line >= len(lines):
        return []
    text = lines[where.line]
    # The protocol column is in client units; the prefix test only needs the code points before it.
    prefix = _prefix(text, where.character, units)
    start_of = len(prefix)

    def item(
        label: str, insert: str, replace_from: int, kind: types.CompletionItemKind, detail: str | None = None
    ) -> types.CompletionItem:
        edit_range = types.Range(start=types.Position(line=where.line, character=units(prefix[:replace_from])), end=where)
        return types.CompletionItem(
            label=label, kind=kind, detail=detail, filter_text=insert, text_edit=types.TextEdit(range=edit_range, new_text=insert)
        )

    heading = re.match(r"^(##[ \t]+)([^:]*)$", prefix)
    if heading:
        return [item(spec.name, spec.name, len(heading[1]), types.CompletionItemKind.Module) for spec in pack.sections]
    value = _VALUE.match(prefix)
    if value:
        key = pack.step_keys.get(fold(value[1]))
        typed = value[2]
        sop = analysis.sop if analysis is not None else None
        if sop is None:
            return []
        if key == "Pelaksana":
            segment = re.split(r"[,;]", typed)[-1]
            at = start_of - len(segment.lstrip())
            return [
                item(role.alias, role.alias, at, types.CompletionItemKind.Value, role.name if role.name != role.alias else None)
                for role in sop.roles
            ]
        if key in REF_KEYS:
            digits = re.search(r"\d*$", typed)
            at = start_of - (len(digits[0]) if digits else 0)
            return [
                item(str(step.number), str(step.number), at, types.CompletionItemKind.Reference, step.activity)
                for step in sop.steps
                if step.number is not None
            ]
        return []
    key_start = _KEY_START.match(prefix)
    if key_start:
        kind = _section_kind(lines, where.line, pack)
        at = len(prefix) - len(key_start[2])
        if kind == "identity":
            specs = pack.identity_fields
        elif kind == "procedure" and key_start[1]:
            specs = pack.step_fields
        else:
            return []
        return [item(spec.name, f"{spec.name}: ", at, types.CompletionItemKind.Field) for spec in specs]
    return []


def _prefix(text: str, character: int, units: Units) -> str:
    """The text before a protocol column."""
    counted = 0
    for index, char in enumerate(text):
        if counted >= character:
            return text[:index]
        counted += units(char)
    return text
