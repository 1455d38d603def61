"""Fixes: what `check --fix` and `format` change in an SOP, as a `Plan`.

A plan says *what* changes, keyed by the line a node starts on: new step
numbers, steps removed, references rewritten, headings and keys renamed, a
value replaced (the NIP), the new section order. `sop_lint.formatter`
renders a plan onto the original text (keeping every other byte for
`--fix`, in canonical form for `format`), and `sop_lint.writer` re-parses the
result and compares it with what the plan says it must be before anything
is written.

The fixes:
- S401: the steps are numbered 1..n in written order, and every `Ya`,
  `Tidak` and `Lanjut` value is rewritten to the new number of the step it
  named (a reference names the *first* step written with that number, as
  in `sop_lint.flow`). A reference that names no step keeps its text; if
  the new numbering would make it name one, nothing is renumbered.
- S409: a terminator step (`Mulai`, `Selesai`) with no `Keputusan`, `Ya`,
  `Tidak` or `Lanjut` of its own is removed; references to it are
  rewritten to the step it led to. One that led to the end of the
  procedure can only be referred to by a `Lanjut` of the step that becomes
  the last one (that `Lanjut` is dropped: the last step ends the
  procedure); any other reference keeps the terminator in place.
- P002, P003: a misspelt heading or key is renamed to the unambiguous
  suggestion.
- M108: the NIP is rewritten in its four groups, in its own span (a
  comment beside it stays).
- P008: the sections are put in the official order by a stable sort; a
  section sop-lint does not know travels with the known section before it.

A fix rides on its finding: the rule builds it here (`fix_for` and the
helpers after it) as plain `changes` (see `sop_lint.rule.Change`), plans
them alone and renders them onto the file's text to get the fix's `edits`
(what JSON, SARIF and editors show). `check --fix` plans the changes of every
reported finding together (`fix_plan`): the set of fixable rules is whatever
rules attach fixes, never a list of codes here.

A renumbering rewrites every reference or is declined: a `Ya`, `Tidak` or
`Lanjut` whose value the reference parser does not read (`lihat langkah
4`) but that holds a number which would come to name another step stops it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .lines import split_keepends
from .model import Field, Section, Sop, Span, Step
from .rule import Applicability, Change, Context, Edit, Finding, Fix, shorten
from .values.refs import parse_step_ref

if TYPE_CHECKING:
    from .pack import Pack

_NUMBER = re.compile(r"\d{1,9}")
_MEMO = __name__  # ctx.fixes key: this file's fixes by their changes, and the fixes declined


def fixable_codes() -> tuple[str, ...]:
    """The rules whose findings can carry a fix: derived from the rules' own `fix`."""
    from .rules import all_rules

    return tuple(code for code, rule in all_rules().items() if rule.fix != "none")


@dataclass(slots=True)
class Plan:
    """The changes to make, keyed by the (1-based) line a node starts on."""

    numbers: dict[int, int] = field(default_factory=dict)  # step line -> new number
    removed: set[int] = field(default_factory=set)  # lines of the steps removed
    refs: dict[int, int | None] = field(default_factory=dict)  # field line -> new number; None: drop the field
    headings: dict[int, str] = field(default_factory=dict)  # heading line -> new section name
    keys: dict[int, str] = field(default_factory=dict)  # field line -> new key
    values: dict[int, str] = field(default_factory=dict)  # field line -> new value (whole)
    spans: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # line -> (column, end column, text)
    order: list[int] | None = None  # section indices in their new order
    declined: list[str] = field(default_factory=list)  # fixes not made, and why

    def empty(self) -> bool:
        return not (
            self.numbers or self.removed or self.refs or self.headings or self.keys or self.values or self.spans or self.order
        )


# Step numbering and references --------------------------------------------------------


def _ref_fields(step: Step, ref_keys: set[str]) -> list[Field]:
    """The step's fields that name a step (`ref_keys`: the pack's `step_ref_keys()`)."""
    return [f for f in step.fields if f.key in ref_keys]


def _successor(step: Step, ref_keys: set[str]) -> int | None:
    """Where a terminator step leads: the index of the next step, len(steps) for the
    end, None when it holds a branch of its own (then it is not removed)."""
    if step.decision is not None or step.yes or step.no or step.next or _ref_fields(step, ref_keys):
        return None
    return step.index + 1


def _removable(sop: Sop, candidates: set[int], plan: Plan, pack: Pack) -> set[int]:
    """The terminators (by step index) that can go without changing the flow."""
    steps = sop.steps
    by_number = sop.step_numbers()
    ref_keys = pack.step_ref_keys()
    branches = pack.field_branches()
    removed = {i for i in candidates if _successor(steps[i], ref_keys) is not None}
    for i in sorted(candidates - removed):
        plan.declined.append(f"S409: step {steps[i].number or i + 1} (`{steps[i].activity}`) has branches of its own")
    # References to each step (index -> (referring step, key)).
    incoming: dict[int, list[tuple[int, str]]] = {}
    for step in steps:
        for f in _ref_fields(step, ref_keys):
            ref = parse_step_ref(f.value, f.value_span, pack)
            target = by_number.get(ref.target) if ref.target is not None else None
            if target is not None:
                incoming.setdefault(target.index, []).append((step.index, f.key or ""))
    # Dropping one terminator can only make another one unremovable (a reference that
    # now leads to the end from a step that is no longer last): repeat until stable.
    changed = True
    while changed and removed:
        changed = False
        kept = [i for i in range(len(steps)) if i not in removed]
        if not kept:  # removing every step would leave no procedure
            plan.declined.append("S409: the procedure holds only terminators")
            return set()
        last_kept = kept[-1]
        for i in sorted(removed):
            end = _lead(i, removed, len(steps)) == len(steps)
            if not end:
                continue
            for referrer, key in incoming.get(i, []):
                if referrer in removed:
                    continue
                if branches.get(key) != "next" or referrer != last_kept or steps[referrer].decision is not None:
                    removed.discard(i)
                    changed = True
                    plan.declined.append(
                        f"S409: step {steps[i].number or i + 1} (`{steps[i].activity}`) ends the procedure and "
                        f"`{key}` of step {steps[referrer].number or referrer + 1} refers to it"
                    )
                    break
            if changed:
                break
    return removed


def _moved_mention(
    value: str, by_number: dict[int, Step], new_number: dict[int, int], removed: set[int], new_numbers: set[int]
) -> int | None:
    """A number written in an unread reference that would name another step (or
    come to name one) after renumbering; None when every such number keeps its step."""
    for match in _NUMBER.finditer(value):
        number = int(match[0])
        step = by_number.get(number)
        if step is None:
            if number in new_numbers:
                return number
        elif step.index in removed or new_number.get(step.index) != number:
            return number
    return None


def _lead(index: int, removed: set[int], end: int) -> int:
    """The first step not removed at or after `index` (removed terminators lead on); `end` for the end."""
    while index < end and index in removed:
        index += 1
    return index


def renumber(sop: Sop, plan: Plan, pack: Pack, terminators: set[int] | None = None, force: bool = True) -> bool:
    """Number the steps 1..n (without the removable `terminators`) and rewrite the
    references into `plan`. False (and nothing planned) when it cannot be done safely."""
    steps = sop.steps
    if not steps:
        return False
    removed = _removable(sop, terminators or set(), plan, pack) if terminators else set()
    kept = [step for step in steps if step.index not in removed]
    new_number = {step.index: position + 1 for position, step in enumerate(kept)}
    if not removed and not force and all(step.number == new_number[step.index] for step in steps):
        return False
    by_number = sop.step_numbers()
    new_numbers = set(new_number.values())
    refs: dict[int, int | None] = {}
    ref_keys = pack.step_ref_keys()
    for step in kept:
        for f in _ref_fields(step, ref_keys):
            ref = parse_step_ref(f.value, f.value_span, pack)
            if ref.end:  # `Selesai`: the end stays the end
                continue
            if ref.target is None:  # unreadable: S402's, the text stays — unless it would come to mean another step
                moved = _moved_mention(f.value, by_number, new_number, removed, new_numbers)
                if moved is not None:
                    plan.declined.append(
                        f"S401: `{f.key_text}: {shorten(f.value)}` is not read as a step reference, "
                        f"and after renumbering its {moved} would name another step"
                    )
                    plan.declined.extend(
                        f"S409: step {steps[i].number or i + 1} (`{steps[i].activity}`) stays: the steps cannot be renumbered"
                        for i in sorted(removed)
                    )
                    return False
                continue
            target = by_number.get(ref.target)
            if target is None:
                if ref.target in new_numbers:  # a reference to no step would come to name one
                    plan.declined.append(
                        f"S401: `{f.key_text}: {f.value}` names no step, but step {ref.target} would exist after renumbering"
                    )
                    plan.declined.extend(
                        f"S409: step {steps[i].number or i + 1} (`{steps[i].activity}`) stays: the steps cannot be renumbered"
                        for i in sorted(removed)
                    )
                    return False
                continue
            lead = _lead(target.index, removed, len(steps))
            if lead == len(steps):
                refs[f.item.span.line] = None  # to the end: the last step ends by itself
            elif new_number[lead] != ref.target:
                refs[f.item.span.line] = new_number[lead]
    for step in kept:
        if step.number != new_number[step.index] or not step.item.marker[:1].isdigit():
            plan.numbers[step.item.span.line] = new_number[step.index]
    plan.removed.update(steps[i].item.span.line for i in removed)
    plan.refs.update(refs)
    return True


# Sections ---------------------------------------------------------------------------


def section_order(sop: Sop, pack: Pack) -> list[int] | None:
    """The sections' indices in the official order (a stable sort; an unknown section
    travels with the known one before it); None when they are in order already."""
    rank = {name: position for position, name in enumerate(pack.section_order())}
    groups: list[tuple[int, list[int]]] = []
    for index, section in enumerate(sop.sections):
        if section.kind in rank:
            groups.append((rank[section.kind or ""], [index]))
        elif groups:
            groups[-1][1].append(index)
        else:
            groups.append((-1, [index]))
    groups.sort(key=lambda group: group[0])  # stable: duplicates keep their order
    order = [index for _, members in groups for index in members]
    return None if order == list(range(len(sop.sections))) else order


# Plans --------------------------------------------------------------------------------


def format_plan(sop: Sop, pack: Pack, today: date) -> Plan:
    """What `sop-lint format` changes besides layout: canonical section and key names
    (for names read exactly or as an alias, not misspelt ones: those are P002/P003's),
    steps renumbered, the NIP grouped, the sections in order — each of the last three
    unless a suppression comment in the file names its rule (S401, M108, P008)."""
    plan = Plan()
    suppressed = _suppressed(sop)
    for section in sop.sections:
        if section.exact and section.kind is not None and section.title != section.kind:
            plan.headings[section.heading_span.line] = section.kind
    fields = list(sop.identity.fields) if sop.identity else []
    for step in sop.steps:
        fields.extend(step.fields)
    for f in fields:
        if f.exact and f.key is not None and f.key_text != f.key:
            plan.keys[f.item.span.line] = f.key
    if any(step.number is not None for step in sop.steps) and "S401" not in suppressed:  # bullets only: S408's
        renumber(sop, plan, pack, force=False)
    if "M108" not in suppressed:
        _nip(sop, pack, today, plan)
    if "P008" not in suppressed:
        plan.order = section_order(sop, pack)
    return plan


def _suppressed(sop: Sop) -> set[str]:
    """The codes among S401, M108, P008 that a suppression comment in the file names:
    format leaves what the author chose to keep (numbering, NIP, section order) as it is."""
    from .engine import selector_matches
    from .rules import all_rules

    rules = all_rules()
    return {
        code
        for code in ("S401", "M108", "P008")
        for suppression in sop.suppressions
        for selector in suppression.codes
        if selector_matches(selector, rules[code])
    }


def _nip(sop: Sop, pack: Pack, today: date, plan: Plan) -> None:
    from .rules import all_rules

    rule = all_rules()["M108"]()
    ctx = Context(pack, today)  # no text: the fix's changes are wanted, not its edits
    for finding in rule.check(sop, ctx):
        fix = rule.make_fix(finding, sop, ctx)
        if fix is not None:
            plan_changes(sop, fix.changes, pack, plan)


def plan_changes(sop: Sop, changes: Iterable[Change], pack: Pack, plan: Plan | None = None) -> Plan:
    """The plan of some fixes' changes, made together: the terminators removed and the
    renumbering in one go (removing one renumbers the steps after it)."""
    plan = plan if plan is not None else Plan()
    renumbering = False
    terminators: set[int] = set()
    step_at = {step.item.span.line: step.index for step in sop.steps}
    for change in changes:
        kind = change[0]
        if kind == "renumber":
            renumbering = True
        elif kind == "remove" and change[1] in step_at:
            terminators.add(step_at[change[1]])
        elif kind == "heading":
            plan.headings[change[1]] = change[2]
        elif kind == "key":
            plan.keys[change[1]] = change[2]
        elif kind == "span":  # ("span", line, column, end_column, text): within one line
            plan.spans.setdefault(change[1], []).append((change[2], change[3], change[4]))
        elif kind == "order":
            plan.order = section_order(sop, pack)
    if renumbering or terminators:
        renumber(sop, plan, pack, terminators)
    return plan


def fix_plan(sop: Sop, findings: Iterable[Finding], pack: Pack, unsafe: bool = False) -> Plan:
    """The fixes the reported findings carry (selection and suppressions already
    applied), planned together; unsafe ones only when asked for."""
    changes: list[Change] = []
    for finding in findings:
        fix = finding.fix
        if fix is not None and (unsafe or fix.applicability == "safe"):
            changes.extend(change for change in fix.changes if change not in changes)
    return plan_changes(sop, changes, pack)


# The fixes the rules attach --------------------------------------------------------------


def fix_for(
    sop: Sop,
    ctx: Context,
    code: str,
    title: str,
    changes: tuple[Change, ...],
    whole: Span | None = None,
    applicability: Applicability = "safe",
) -> Fix | None:
    """The fix that makes `changes` (planned alone), with its edits on the file's text;
    None when it is declined (the reason is kept for `declined(ctx)`). Made once per
    file for the same changes (the S401 findings of a file share their renumbering).
    `whole`: a span the edit replaces whole when it falls inside it (a value is
    rewritten as the reader sees it, not patched)."""
    memo = ctx.fixes.setdefault(_MEMO, {"fixes": {}, "declined": []})
    made: dict[tuple[Change, ...], Fix | None] = memo["fixes"]
    if changes in made:
        return made[changes]
    plan = plan_changes(sop, changes, ctx.pack)
    fix: Fix | None = None
    if not plan.empty():
        edits = _edits(sop, ctx, plan, memo)
        if edits and whole is not None and ctx.text is not None:
            edits = _widened(edits, whole, _body_lines(ctx.text, memo))
        if edits is None or edits:  # None: no text to render on (format's own use), the changes stand
            fix = Fix(title, edits or [], applicability, changes)
    memo["declined"].extend((code, reason) for reason in plan.declined)
    made[changes] = fix
    return fix


def declined(ctx: Context) -> list[tuple[str, str]]:
    """The fixes the rules declined in this file, as (code, why)."""
    memo = ctx.fixes.get(_MEMO)
    return list(memo["declined"]) if memo else []


def _edits(sop: Sop, ctx: Context, plan: Plan, memo: dict[str, Any]) -> list[Edit] | None:
    from .formatter import FormatError, render
    from .lines import build_layout

    text = ctx.text
    if text is None:
        return None
    if "body" not in memo:  # once per file, not once per fix
        memo["body"] = split_text(text)[0]
    body: str = memo["body"]
    local = _one_line_edits(sop, ctx, body, plan, memo)
    if local is not None:
        return local
    try:
        if body != text:  # CRLF or a BOM: the file's own tree does not fit the text rendered on
            new = render(sop, body, plan, canonical=False)
        else:  # one line tree for every fix of the file (and for `--fix` after it)
            if ctx.layout is None:
                ctx.layout = build_layout(sop, body)
            new = render(sop, body, plan, canonical=False, layout=ctx.layout)
    except FormatError:
        return []
    return text_edits(body, new)


def _one_line_edits(sop: Sop, ctx: Context, body: str, plan: Plan, memo: dict[str, Any]) -> list[Edit] | None:
    """The edits of a plan that changes one node's first line only (a heading or key
    renamed, a span replaced), rendered on that line alone with the file's layout built
    once: what rendering the whole file would give, without 10^4 misspelt headings each
    rendering the file. None: the plan is not such a plan (render the file)."""
    from .formatter import FormatError, _Preserving
    from .lines import Node

    if plan.numbers or plan.removed or plan.refs or plan.values or plan.order:
        return None
    changed = set(plan.headings) | set(plan.keys) | set(plan.spans)
    if len(changed) != 1:
        return None
    (line,) = changed
    if body == ctx.text and ctx.layout is None:
        return None  # the first fix of the file renders it whole (and makes its line tree)
    if "renderer" not in memo:
        try:
            renderer: _Preserving | None = _Preserving(sop, body, Plan(), ctx.layout if body == ctx.text else None)
        except FormatError:
            renderer = None
        nodes: dict[int, Node] = {}
        if renderer is not None:
            layout = renderer.layout
            pending = ([layout.title] if layout.title is not None else []) + list(layout.sections)
            while pending:
                node = pending.pop()
                nodes[node.line] = node
                pending.extend(node.children)
        memo["renderer"], memo["nodes"] = renderer, nodes
    renderer, node = memo["renderer"], memo["nodes"].get(line)
    if renderer is None:
        return []  # the file has no layout: rendering it fails the same way
    if node is None or (line == len(renderer.lines) and not renderer.layout.final_newline):
        return None
    renderer.plan = plan
    new, changes = renderer.first_line(node, None)
    if changes:
        return None
    edits = text_edits(renderer.lines[line - 1] + "\n", new + "\n")
    shift = line - 1
    return [Edit(Span(e.span.line + shift, e.span.column, e.span.end_line + shift, e.span.end_column), e.text) for e in edits]


def _body_lines(text: str, memo: dict[str, Any]) -> list[str]:
    if "lines" not in memo:
        memo["lines"] = split_text(text)[0].split("\n")
    lines: list[str] = memo["lines"]
    return lines


def _widened(edits: list[Edit], whole: Span, lines: list[str]) -> list[Edit]:
    """One edit inside the one-line span `whole`, as the edit of all of `whole`."""
    (edit,) = edits if len(edits) == 1 else (None,)
    if edit is None or whole.line != whole.end_line or not (edit.span.line == edit.span.end_line == whole.line):
        return edits
    if not whole.column <= edit.span.column <= edit.span.end_column <= whole.end_column:
        return edits
    line = lines[whole.line - 1]
    start, end = edit.span.column - whole.column, edit.span.end_column - whole.column
    written = line[whole.column - 1 : whole.end_column - 1]
    return [Edit(whole, written[:start] + edit.text + written[end:])]


def text_edits(old: str, new: str) -> list[Edit]:
    """The edits that turn `old` into `new`: one per run of changed lines, trimmed to the
    characters that change (a NIP regrouped is one small edit, not its whole line)."""
    if old == new:
        return []
    import difflib

    old_lines, new_lines = split_keepends(old), split_keepends(new)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    # The lines both ends share are left out of the match (linear), and in what remains
    # lines repeated more than 1% of the time anchor no match (difflib's autojunk, from 200
    # lines): without it 10^4 identical lines make the match cubic.
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < min(len(old_lines), len(new_lines)) - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    middle_old, middle_new = old_lines[head : len(old_lines) - tail], new_lines[head : len(new_lines) - tail]
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        prefix = 0
        while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
            suffix += 1
        # Whole words: a number regrouped is replaced, not patched digit by digit.
        while prefix and not before[prefix - 1].isspace():
            prefix -= 1
        while suffix and not before[len(before) - suffix].isspace():
            suffix -= 1
        begin, end = starts[i1] + prefix, starts[i2] - suffix
        edits.append(Edit(_span(old, begin, end), after[prefix : len(after) - suffix]))
    return edits


def _span(text: str, begin: int, end: int) -> Span:
    """The span of text[begin:end]: 1-based lines and columns, the end column exclusive."""

    def position(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return Span(*position(begin), *position(end))


def renumber_fix(sop: Sop, ctx: Context) -> Fix | None:
    return fix_for(sop, ctx, "S401", "Number the steps 1, 2, 3 … and rewrite every reference", (("renumber",),))


def terminator_fix(sop: Sop, ctx: Context, step: Step) -> Fix | None:
    title = f"Remove the step `{step.activity}` and renumber the steps"
    return fix_for(sop, ctx, "S409", title, (("remove", step.item.span.line),))


def heading_fix(sop: Sop, ctx: Context, section: Section) -> Fix | None:
    if section.exact:
        return None
    if section.kind is None:
        if not section.suggestion:
            return None
        # A guess (the nearest section name): unsafe, applied only with --unsafe-fixes.
        change: Change = ("heading", section.heading_span.line, section.suggestion)
        return fix_for(sop, ctx, "P002", f"Rename the section `{section.suggestion}`", (change,), applicability="unsafe")
    return fix_for(
        sop, ctx, "P002", f"Rename the section `{section.kind}`", (("heading", section.heading_span.line, section.kind),)
    )


def key_fix(sop: Sop, ctx: Context, f: Field) -> Fix | None:
    if f.exact:
        return None
    if f.key is None:
        if not f.suggestion:
            return None
        # A guess (the nearest key): unsafe, applied only with --unsafe-fixes.
        title = f"Rename the key `{f.suggestion}`"
        return fix_for(sop, ctx, "P003", title, (("key", f.item.span.line, f.suggestion),), applicability="unsafe")
    return fix_for(sop, ctx, "P003", f"Rename the key `{f.key}`", (("key", f.item.span.line, f.key),))


def span_fix(
    sop: Sop, ctx: Context, code: str, title: str, span: Span, text: str, applicability: Applicability = "safe"
) -> Fix | None:
    """Replace the text at the one-line `span` (M108's NIP, leaving a comment beside it)."""
    if span.line != span.end_line:
        return None
    change: Change = ("span", span.line, span.column, span.end_column, text)
    return fix_for(sop, ctx, code, title, (change,), whole=span, applicability=applicability)


def span_text(ctx: Context, span: Span) -> str | None:
    """The text of the one-line `span` in the file as read; None without the text."""
    if ctx.text is None or span.line != span.end_line or span.line < 1:
        return None
    lines = split_text(ctx.text)[0].split("\n")
    return lines[span.line - 1][span.column - 1 : span.end_column - 1] if span.line <= len(lines) else None


def suggestion_fix(sop: Sop, ctx: Context, code: str, span: Span, suggestion: str) -> Fix | None:
    """The suggestion a message makes (`did you mean …?`), as an UNSAFE fix: it is a guess
    at what the writer meant, so only `--unsafe-fixes` applies it (as ruff's unsafe fixes)."""
    if not suggestion or span_text(ctx, span) in (None, suggestion):
        return None
    return span_fix(sop, ctx, code, f"Write `{suggestion}`", span, suggestion, "unsafe")


def order_fix(sop: Sop, ctx: Context) -> Fix | None:
    return fix_for(sop, ctx, "P008", "Put the sections in the official order", (("order",),))


def step_map(sop: Sop, plan: Plan) -> dict[int, int]:
    """Old step index -> new step index, for the steps kept."""
    mapping: dict[int, int] = {}
    for step in sop.steps:
        if step.item.span.line not in plan.removed:
            mapping[step.index] = len(mapping)
    return mapping


# Text helpers shared by format and fix ------------------------------------------------


def split_text(text: str) -> tuple[str, bool, str]:
    """(text with LF line ends and no BOM, had a BOM, the line ending to write back)."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    ending = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), bom, ending


def join_text(text: str, bom: bool, ending: str) -> str:
    if ending != "\n":
        text = text.replace("\n", ending)
    return ("\ufeff" if bom else "") + text
