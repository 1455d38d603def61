"""The document model the parser builds and the rules read.

Records (`sop_lint.records`): each field declared once, with its default;
cheap to build while parsing (a 25-step SOP makes some 900 `Span`s) and
cheap to import. They answer `dataclasses.fields()`, for `sop_lint.api`,
which mirrors them as pydantic models for the library API and the JSON
Schema.

`Span` is immutable by contract (hashable, used as a dict key): nothing
assigns to a span's attributes after it is made.

Every node carries a `Span`: 1-based line and column, `end_column` exclusive
(the column just after the last character), as SARIF and LSP count.
"""

from __future__ import annotations

from .records import Record, field


class Span(Record, frozen=True):
    line: int
    column: int
    end_line: int
    end_column: int

    def __hash__(self) -> int:  # type: ignore[override]  # immutable by contract
        return hash((self.line, self.column, self.end_line, self.end_column))

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line


class Comment(Record):
    """An HTML comment `<!-- … -->`; `text` is what stands between the markers."""

    text: str
    span: Span
    own_line: bool


class Suppression(Record):
    """A `<!-- sop-lint: disable=… -->` or `disable-file=…` directive."""

    codes: list[str]
    file_wide: bool
    span: Span
    # The node the directive covers (the next heading or item); None when
    # file-wide, or when nothing follows the comment.
    target: Span | None


class Item(Record):
    """A list item (`- x`, `* x`, `N. x`) or a paragraph, with its sub-items."""

    marker: str  # "-", "*", "+", "3." or "3)"; "" for a paragraph
    number: int | None  # the number of a numbered item
    text: str  # the item's text, lines joined by one space, comments removed
    span: Span  # the whole item, sub-items included
    text_span: Span  # the text on the item's first line
    marker_span: Span
    subs: list[Item] = field(default_factory=list)
    indent: str = ""  # the whitespace before the marker (sub-items)
    line_count: int = 1  # physical lines of the item's own text
    # For an item whose text runs over several lines: (offset in `text`, line,
    # column) where each line's text starts, so a value inside it gets an exact span.
    line_starts: list[tuple[int, int, int]] = field(default_factory=list)


class Field(Record):
    """A `Key: Value` item, in Identitas or under a step."""

    key_text: str  # the key as written
    key: str | None  # the canonical key, None when unknown
    exact: bool  # the key matched a name or alias as written
    suggestion: str | None  # the closest known key, for a misspelt one
    value: str
    key_span: Span
    value_span: Span
    item: Item


class Section(Record):
    title: str  # the heading as written
    kind: str | None  # the canonical section name, None when unknown
    exact: bool  # the heading matched a name or alias as written
    suggestion: str | None  # the closest known section (when not exact)
    heading_span: Span
    span: Span  # heading through the last item
    items: list[Item] = field(default_factory=list)


class DateValue(Record):
    text: str
    span: Span
    year: int | None
    month: int | None
    day: int | None
    complete: bool  # day, month and year all given
    valid: bool  # parsed and exists on the calendar (as far as given)
    error: str | None = None  # why it is not valid


class Duration(Record):
    text: str
    span: Span
    has_number: bool
    low: float | None = None
    high: float | None = None  # == low unless a range
    unit: str | None = None  # canonical unit name from the pack
    unit_text: str | None = None  # the unit as written (known or not)
    minutes_low: float | None = None  # in working minutes (unit known)
    minutes_high: float | None = None
    number_span: Span | None = None
    unit_span: Span | None = None


class StepRef(Record):
    text: str
    span: Span
    target: int | None  # the step number referred to; None when unreadable, or the end
    end: bool = False  # `Selesai`, `Selesai (proses berakhir)`: the branch ends the procedure


class Nip(Record):
    text: str
    span: Span
    digits: str  # the digits only


class Role(Record):
    alias: str  # the short name steps use; the full name when none is given
    name: str  # the full name
    span: Span  # the item's text
    alias_span: Span
    name_span: Span
    item: Item


class RoleRef(Record):
    text: str
    span: Span
    role: Role | None  # the declared role it names, matched ignoring case/spaces


class Citation(Record):
    """A Dasar Hukum entry read as a regulation citation."""

    text: str
    span: Span
    kind: str | None  # the canonical regulation type key from the pack
    kind_text: str | None  # the type as written
    number: str | None
    year: int | None
    title: str | None
    year_span: Span | None = None
    number_in_old_style: bool = False  # e.g. `Per/21/M.PAN/11/2008`
    truncated_year: bool = False  # `Tahun 20..`


class Step(Record):
    index: int  # 0-based position in the procedure
    number: int | None  # the number the author wrote
    number_span: Span
    activity: str
    activity_span: Span
    item: Item
    fields: list[Field] = field(default_factory=list)
    other_subs: list[Item] = field(default_factory=list)  # sub-items not `Key: Value`
    performers: list[RoleRef] = field(default_factory=list)
    duration: Duration | None = None
    decision: str | None = None
    yes: StepRef | None = None
    no: StepRef | None = None
    next: StepRef | None = None
    terminator: bool = False  # the whole activity is Mulai/Selesai/Start/End

    def focus_span(self) -> Span:
        """Where a finding about the whole step points: its activity text, or its number when that is empty."""
        return self.activity_span if self.activity else self.number_span

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


class Identity(Record):
    section: Section
    fields: list[Field] = field(default_factory=list)
    dates: dict[str, DateValue] = field(default_factory=dict)  # by canonical key
    nip: Nip | None = None
    time_limit: Duration | None = None

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


class Sop(Record):
    title: str | None
    title_span: Span | None
    sections: list[Section] = field(default_factory=list)
    identity: Identity | None = None
    roles: list[Role] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    intro: list[Item] = field(default_factory=list)  # text between title and first section
    line_ending: str = "\n"
    bom: bool = False

    def section(self, kind: str) -> Section | None:
        for s in self.sections:
            if s.kind == kind:
                return s
        return None

    def step_numbers(self) -> dict[int, Step]:
        """The steps by the number the author wrote (the first of duplicates)."""
        by_number: dict[int, Step] = {}
        for step in self.steps:
            if step.number is not None:
                by_number.setdefault(step.number, step)
        return by_number
