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
- M108: the NIP is rewritten in its four groups (the rule's own edit).
- P008: the sections are put in the official order by a stable sort; a
  section sop-lint does not know travels with the known section before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .flow import build_flow
from .model import Field, Sop, Step
from .values.refs import parse_step_ref

if TYPE_CHECKING:
    from .pack import Pack
    from .rule import Finding

REF_KEYS = ("Ya", "Tidak", "Lanjut")
# The rules whose findings `--fix` can remove.
FIXABLE = ("S401", "S409", "P002", "P003", "M108", "P008")


@dataclass(slots=True)
class Plan:
    """The changes to make, keyed by the (1-based) line a node starts on."""

    numbers: dict[int, int] = field(default_factory=dict)  # step line -> new number
    removed: set[int] = field(default_factory=set)  # lines of the steps removed
    refs: dict[int, int | None] = field(default_factory=dict)  # field line -> new number; None: drop the field
    headings: dict[int, str] = field(default_factory=dict)  # heading line -> new section name
    keys: dict[int, str] = field(default_factory=dict)  # field line -> new key
    values: dict[int, str] = field(default_factory=dict)  # field line -> new value (whole)
    order: list[int] | None = None  # section indices in their new order
    declined: list[str] = field(default_factory=list)  # fixes not made, and why

    def empty(self) -> bool:
        return not (self.numbers or self.removed or self.refs or self.headings or self.keys or self.values or self.order)


# Step numbering and references --------------------------------------------------------


def _ref_fields(step: Step) -> list[Field]:
    return [f for f in step.fields if f.key in REF_KEYS]


def _successor(step: Step, sop: Sop) -> int | None:
    """Where a terminator step leads: the index of the next step, len(steps) for the
    end, None when it holds a branch of its own (then it is not removed)."""
    if step.decision is not None or step.yes or step.no or step.next or any(f.key in REF_KEYS for f in step.fields):
        return None
    return step.index + 1


def _removable(sop: Sop, candidates: set[int], plan: Plan) -> set[int]:
    """The terminators (by step index) that can go without changing the flow."""
    steps = sop.steps
    by_number = sop.step_numbers()
    removed = {i for i in candidates if _successor(steps[i], sop) is not None}
    for i in sorted(candidates - removed):
        plan.declined.append(f"S409: step {steps[i].number or i + 1} (`{steps[i].activity}`) has branches of its own")
    # References to each step (index -> (referring step, key)).
    incoming: dict[int, list[tuple[int, str]]] = {}
    for step in steps:
        for f in _ref_fields(step):
            ref = parse_step_ref(f.value, f.value_span)
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
                if key != "Lanjut" or referrer != last_kept or steps[referrer].decision is not None:
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


def _lead(index: int, removed: set[int], end: int) -> int:
    """The first step not removed at or after `index` (removed terminators lead on); `end` for the end."""
    while index < end and index in removed:
        index += 1
    return index


def renumber(sop: Sop, plan: Plan, terminators: set[int] | None = None, force: bool = True) -> bool:
    """Number the steps 1..n (without the removable `terminators`) and rewrite the
    references into `plan`. False (and nothing planned) when it cannot be done safely."""
    steps = sop.steps
    if not steps:
        return False
    removed = _removable(sop, terminators or set(), plan) if terminators else set()
    kept = [step for step in steps if step.index not in removed]
    new_number = {step.index: position + 1 for position, step in enumerate(kept)}
    if not removed and not force and all(step.number == new_number[step.index] for step in steps):
        return False
    by_number = sop.step_numbers()
    new_numbers = set(new_number.values())
    refs: dict[int, int | None] = {}
    for step in kept:
        for f in _ref_fields(step):
            ref = parse_step_ref(f.value, f.value_span)
            if ref.target is None:
                continue  # unreadable: S402's, the text stays
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
        renumber(sop, plan, force=False)
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
    from .rule import Context
    from .rules import all_rules

    rule = all_rules()["M108"]
    for finding in rule().check(sop, Context(pack, today)):
        _nip_edit(sop, finding, plan)


def _nip_edit(sop: Sop, finding: Finding, plan: Plan) -> bool:
    if finding.fix is None or sop.identity is None:
        return False
    for edit in finding.fix.edits:
        for f in sop.identity.fields:
            if f.value_span == edit.span:
                plan.values[f.item.span.line] = edit.text
                return True
    return False


def fix_plan(sop: Sop, findings: list[Finding], pack: Pack) -> Plan:
    """The fixes for the findings reported (selection and suppressions already applied)."""
    plan = Plan()
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    terminators = set()
    spans = {step.activity_span: step.index for step in sop.steps if step.terminator}
    for finding in by_code.get("S409", []):
        if finding.span in spans:
            terminators.add(spans[finding.span])
    if by_code.get("S401") or terminators:
        renumber(sop, plan, terminators)
    for finding in by_code.get("P002", []):
        for section in sop.sections:
            if section.heading_span != finding.span or section.exact:
                continue
            if section.kind is not None:
                plan.headings[section.heading_span.line] = section.kind
            elif section.suggestion:
                plan.declined.append(f"P002: `{section.title}` is not renamed: the suggestion is ambiguous")
    key_spans = {f.key_span: f for f in _all_fields(sop)}
    for finding in by_code.get("P003", []):
        f = key_spans.get(finding.span)
        if f is None or f.exact:
            continue
        if f.key is not None:
            plan.keys[f.item.span.line] = f.key
        elif f.suggestion:
            plan.declined.append(f"P003: `{f.key_text}` is not renamed: the suggestion is ambiguous")
    for finding in by_code.get("M108", []):
        _nip_edit(sop, finding, plan)
    if by_code.get("P008"):
        plan.order = section_order(sop, pack)
    return plan


def _all_fields(sop: Sop) -> list[Field]:
    fields = list(sop.identity.fields) if sop.identity else []
    for step in sop.steps:
        fields.extend(step.fields)
    return fields


def step_map(sop: Sop, plan: Plan) -> dict[int, int]:
    """Old step index -> new step index, for the steps kept."""
    mapping: dict[int, int] = {}
    for step in sop.steps:
        if step.item.span.line not in plan.removed:
            mapping[step.index] = len(mapping)
    return mapping


def contracted_flow(sop: Sop, plan: Plan) -> tuple[tuple[tuple[int, ...], ...], tuple[bool, ...]]:
    """The flow graph of `sop` as it must be after the plan: removed terminators
    contracted into the step they lead to, indices as after the plan."""
    flow = build_flow(sop)
    mapping = step_map(sop, plan)
    end_old, end_new = len(sop.steps), len(mapping)
    removed = {step.index for step in sop.steps if step.item.span.line in plan.removed}
    successors: list[tuple[int, ...]] = []
    unknown: list[bool] = []
    for step in sop.steps:
        if step.index in removed:
            continue
        targets: list[int] = []
        for target in flow.successors[step.index]:
            lead = _lead(target, removed, end_old) if target < end_old else end_old
            new = end_new if lead == end_old else mapping[lead]
            if new not in targets:
                targets.append(new)
        successors.append(tuple(targets))
        unknown.append(flow.unknown[step.index])
    return tuple(successors), tuple(unknown)


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
