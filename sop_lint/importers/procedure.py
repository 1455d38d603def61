"""The importers' common ground: a procedure as read from a document, and its SOP text.

Every reader (Word, PDF, Excel, text, Markdown table) ends in `Procedure` values;
`to_text` writes one as the SOP text format, in the canonical layout of `sop-lint
format` but as a transcription: the numbering, the NIP grouping and the section order
stay as the source has them, so that `sop-lint check` reports their defects.
Wherever the reader had to guess, the guess is an HTML comment on the line it is
about (`<!-- import: … -->`), and it is listed in `Procedure.guesses`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

GUESS_PREFIX = "import: "

# Characters a transcription cannot keep as they are: controls, and line or paragraph
# separators (which the parser would read as line ends).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of text: controls dropped, runs of white space folded, an opening
    or closing comment marker broken (it would hide the text that follows)."""
    text = _CONTROL.sub(" ", text.replace("\u00ad", ""))
    text = _SPACES.sub(" ", text).strip()
    return text.replace("<!--", "<! --").replace("-->", "-- >")


@dataclass
class StepRecord:
    """One row of the procedure matrix."""

    number: str | None  # as written in the No column (None: the row has no number)
    activity: str
    performers: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # Kelengkapan, Waktu, Output, Keterangan
    decision: str | None = None
    yes: str | None = None
    no: str | None = None
    next: str | None = None  # an explicit next step (Lanjut)
    notes: list[str] = field(default_factory=list)  # guesses about this step (its line)
    field_notes: dict[str, str] = field(default_factory=dict)  # key -> a guess about that field


@dataclass
class Box:
    """One of the six information boxes."""

    heading: str  # as written
    items: list[str] = field(default_factory=list)
    numbered: bool = True
    note: str | None = None


@dataclass
class Procedure:
    title: str
    identity: list[tuple[str, str]] = field(default_factory=list)  # (key as written, value)
    identity_notes: dict[str, str] = field(default_factory=dict)
    boxes: list[Box] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    steps: list[StepRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # guesses about the whole procedure (under the title)
    title_note: str | None = None

    def guesses(self) -> list[str]:
        """Every guess, in the order of the file."""
        found = list(self.notes)
        if self.title_note:
            found.append(self.title_note)
        found.extend(self.identity_notes.values())
        found.extend(box.note for box in self.boxes if box.note)
        for step in self.steps:
            where = f"step {step.number}" if step.number else "a step"
            found.extend(f"{where}: {note}" for note in step.notes)
            found.extend(f"{where}, {key}: {note}" for key, note in step.field_notes.items())
        return found


# Writing ------------------------------------------------------------------------------


def _comment(note: str | None) -> str:
    return f" <!-- {GUESS_PREFIX}{clean(note)} -->" if note else ""


def role_reference(name: str) -> str:
    """How a step names a role: its name, or (when the name holds a comma, which
    separates roles in a Pelaksana value, or a colon) an alias without them."""
    return clean(re.sub(r"\s*[,:;]\s*", " ", name)) if re.search(r"[,:;]", name) else clean(name)


def _role_line(name: str) -> str:
    reference = role_reference(name)
    return f"- {reference}: {clean(name)}" if reference != clean(name) else f"- {reference}"


def _value(text: str) -> str:
    value = clean(text)
    return f" {value}" if value else ""


def to_text(procedure: Procedure) -> str:
    """The procedure as SOP text (before the formatter's canonical layout)."""
    lines = [f"# {clean(procedure.title) or 'Tanpa Judul'}{_comment(procedure.title_note)}", ""]
    lines.extend(f"<!-- {GUESS_PREFIX}{clean(note)} -->" for note in procedure.notes)
    if procedure.notes:
        lines.append("")
    if procedure.identity:
        lines += ["## Identitas", ""]
        for key, value in procedure.identity:
            lines.append(f"- {clean(key)}:{_value(value)}{_comment(procedure.identity_notes.get(key))}")
        lines.append("")
    for box in procedure.boxes:
        lines += [f"## {clean(box.heading)}{_comment(box.note)}", ""]
        items = [clean(item) for item in box.items if clean(item)]
        for number, item in enumerate(items, 1):
            lines.append(f"{number}. {item}" if box.numbered else f"- {item}")
        if items:
            lines.append("")
    if procedure.roles:
        lines += ["## Pelaksana", ""]
        lines.extend(_role_line(role) for role in procedure.roles)
        lines.append("")
    lines += ["## Prosedur", ""]
    for step in procedure.steps:
        lines.extend(_step_lines(step))
    if procedure.steps:
        lines.append("")
    return "\n".join(lines)


def _step_lines(step: StepRecord) -> list[str]:
    number = step.number or "1"
    activity = clean(step.activity)
    out = [f"{number}. {activity}{_comment('; '.join(step.notes) if step.notes else None)}"]
    sub: list[tuple[str, str]] = []
    if step.performers:
        sub.append(("Pelaksana", ", ".join(role_reference(p) for p in step.performers)))
    if step.decision is not None:
        sub.append(("Keputusan", step.decision))
        if step.yes is not None:
            sub.append(("Ya", step.yes))
        if step.no is not None:
            sub.append(("Tidak", step.no))
    if step.next is not None:
        sub.append(("Lanjut", step.next))
    for key in ("Kelengkapan", "Waktu", "Output", "Keterangan"):
        if key in step.fields:
            sub.append((key, step.fields[key]))
    indent = " " * (len(number) + 2)
    for key, value in sub:
        out.append(f"{indent}- {key}:{_value(value)}{_comment(step.field_notes.get(key))}")
    return out
