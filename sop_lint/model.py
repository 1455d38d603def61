"""The document model the parser builds and the rules read.

Plain classes with `__slots__` and hand-written `__init__` (see
`sop_lint.records`): cheap to build while parsing (a 25-step SOP makes some
900 `Span`s) and cheap to import. They answer `dataclasses.fields()`, for
`sop_lint.api`, which mirrors them as pydantic models for the library API and
the JSON Schema.

`Span` is immutable by contract (hashable, used as a dict key): nothing
assigns to a span's attributes after it is made.

Every node carries a `Span`: 1-based line and column, `end_column` exclusive
(the column just after the last character), as SARIF and LSP count.
"""

from __future__ import annotations

from .records import Record


class Span(Record):
    __slots__ = ("line", "column", "end_line", "end_column")  # noqa: RUF023 - the fields in order
    _frozen = True

    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    def __hash__(self) -> int:  # type: ignore[override]  # immutable by contract
        return hash((self.line, self.column, self.end_line, self.end_column))

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line


class Comment(Record):
    """An HTML comment `<!-- … -->`; `text` is what stands between the markers."""

    __slots__ = ("text", "span", "own_line")  # noqa: RUF023 - the fields in order

    text: str
    span: Span
    own_line: bool

    def __init__(self, text: str, span: Span, own_line: bool) -> None:
        self.text = text
        self.span = span
        self.own_line = own_line


class Suppression(Record):
    """A `<!-- sop-lint: disable=… -->` or `disable-file=…` directive."""

    __slots__ = ("codes", "file_wide", "span", "target")

    codes: list[str]
    file_wide: bool
    span: Span
    # The node the directive covers (the next heading or item); None when
    # file-wide, or when nothing follows the comment.
    target: Span | None

    def __init__(self, codes: list[str], file_wide: bool, span: Span, target: Span | None) -> None:
        self.codes = codes
        self.file_wide = file_wide
        self.span = span
        self.target = target


class Item(Record):
    """A list item (`- x`, `* x`, `N. x`) or a paragraph, with its sub-items."""

    __slots__ = ("marker", "number", "text", "span", "text_span", "marker_span", "subs", "indent", "line_count", "line_starts")  # noqa: RUF023 - the fields in order
    _defaults = {"subs": list, "indent": "", "line_count": 1, "line_starts": list}

    marker: str  # "-", "*", "+", "3." or "3)"; "" for a paragraph
    number: int | None  # the number of a numbered item
    text: str  # the item's text, lines joined by one space, comments removed
    span: Span  # the whole item, sub-items included
    text_span: Span  # the text on the item's first line
    marker_span: Span
    subs: list[Item]
    indent: str  # the whitespace before the marker (sub-items)
    line_count: int  # physical lines of the item's own text
    # For an item whose text runs over several lines: (offset in `text`, line,
    # column) where each line's text starts, so a value inside it gets an exact span.
    line_starts: list[tuple[int, int, int]]

    def __init__(
        self,
        marker: str,
        number: int | None,
        text: str,
        span: Span,
        text_span: Span,
        marker_span: Span,
        subs: list[Item] | None = None,
        indent: str = "",
        line_count: int = 1,
        line_starts: list[tuple[int, int, int]] | None = None,
    ) -> None:
        self.marker = marker
        self.number = number
        self.text = text
        self.span = span
        self.text_span = text_span
        self.marker_span = marker_span
        self.subs = [] if subs is None else subs
        self.indent = indent
        self.line_count = line_count
        self.line_starts = [] if line_starts is None else line_starts


class Field(Record):
    """A `Key: Value` item, in Identitas or under a step."""

    __slots__ = ("key_text", "key", "exact", "suggestion", "value", "key_span", "value_span", "item")  # noqa: RUF023 - the fields in order

    key_text: str  # the key as written
    key: str | None  # the canonical key, None when unknown
    exact: bool  # the key matched a name or alias as written
    suggestion: str | None  # the closest known key, for a misspelt one
    value: str
    key_span: Span
    value_span: Span
    item: Item

    def __init__(
        self,
        key_text: str,
        key: str | None,
        exact: bool,
        suggestion: str | None,
        value: str,
        key_span: Span,
        value_span: Span,
        item: Item,
    ) -> None:
        self.key_text = key_text
        self.key = key
        self.exact = exact
        self.suggestion = suggestion
        self.value = value
        self.key_span = key_span
        self.value_span = value_span
        self.item = item


class Section(Record):
    __slots__ = ("title", "kind", "exact", "suggestion", "heading_span", "span", "items")  # noqa: RUF023 - the fields in order
    _defaults = {"items": list}

    title: str  # the heading as written
    kind: str | None  # the canonical section name, None when unknown
    exact: bool  # the heading matched a name or alias as written
    suggestion: str | None  # the closest known section (when not exact)
    heading_span: Span
    span: Span  # heading through the last item
    items: list[Item]

    def __init__(
        self,
        title: str,
        kind: str | None,
        exact: bool,
        suggestion: str | None,
        heading_span: Span,
        span: Span,
        items: list[Item] | None = None,
    ) -> None:
        self.title = title
        self.kind = kind
        self.exact = exact
        self.suggestion = suggestion
        self.heading_span = heading_span
        self.span = span
        self.items = [] if items is None else items


class DateValue(Record):
    __slots__ = ("text", "span", "year", "month", "day", "complete", "valid", "error")  # noqa: RUF023 - the fields in order
    _defaults = {"error": None}

    text: str
    span: Span
    year: int | None
    month: int | None
    day: int | None
    complete: bool  # day, month and year all given
    valid: bool  # parsed and exists on the calendar (as far as given)
    error: str | None  # why it is not valid

    def __init__(
        self,
        text: str,
        span: Span,
        year: int | None,
        month: int | None,
        day: int | None,
        complete: bool,
        valid: bool,
        error: str | None = None,
    ) -> None:
        self.text = text
        self.span = span
        self.year = year
        self.month = month
        self.day = day
        self.complete = complete
        self.valid = valid
        self.error = error


class Duration(Record):
    __slots__ = (  # noqa: RUF023 - the fields in order
        "text",
        "span",
        "has_number",
        "low",
        "high",
        "unit",
        "unit_text",
        "minutes_low",
        "minutes_high",
        "number_span",
        "unit_span",
    )
    _defaults = {
        "low": None,
        "high": None,
        "unit": None,
        "unit_text": None,
        "minutes_low": None,
        "minutes_high": None,
        "number_span": None,
        "unit_span": None,
    }

    text: str
    span: Span
    has_number: bool
    low: float | None
    high: float | None  # == low unless a range
    unit: str | None  # canonical unit name from the pack
    unit_text: str | None  # the unit as written (known or not)
    minutes_low: float | None  # in working minutes (unit known)
    minutes_high: float | None
    number_span: Span | None
    unit_span: Span | None

    def __init__(
        self,
        text: str,
        span: Span,
        has_number: bool,
        low: float | None = None,
        high: float | None = None,
        unit: str | None = None,
        unit_text: str | None = None,
        minutes_low: float | None = None,
        minutes_high: float | None = None,
        number_span: Span | None = None,
        unit_span: Span | None = None,
    ) -> None:
        self.text = text
        self.span = span
        self.has_number = has_number
        self.low = low
        self.high = high
        self.unit = unit
        self.unit_text = unit_text
        self.minutes_low = minutes_low
        self.minutes_high = minutes_high
        self.number_span = number_span
        self.unit_span = unit_span


class StepRef(Record):
    __slots__ = ("text", "span", "target")  # noqa: RUF023 - the fields in order

    text: str
    span: Span
    target: int | None  # the step number referred to; None when unreadable

    def __init__(self, text: str, span: Span, target: int | None) -> None:
        self.text = text
        self.span = span
        self.target = target


class Nip(Record):
    __slots__ = ("text", "span", "digits")  # noqa: RUF023 - the fields in order

    text: str
    span: Span
    digits: str  # the digits only

    def __init__(self, text: str, span: Span, digits: str) -> None:
        self.text = text
        self.span = span
        self.digits = digits


class Role(Record):
    __slots__ = ("alias", "name", "span", "alias_span", "name_span", "item")  # noqa: RUF023 - the fields in order

    alias: str  # the short name steps use; the full name when none is given
    name: str  # the full name
    span: Span  # the item's text
    alias_span: Span
    name_span: Span
    item: Item

    def __init__(self, alias: str, name: str, span: Span, alias_span: Span, name_span: Span, item: Item) -> None:
        self.alias = alias
        self.name = name
        self.span = span
        self.alias_span = alias_span
        self.name_span = name_span
        self.item = item


class RoleRef(Record):
    __slots__ = ("text", "span", "role")  # noqa: RUF023 - the fields in order

    text: str
    span: Span
    role: Role | None  # the declared role it names, matched ignoring case/spaces

    def __init__(self, text: str, span: Span, role: Role | None) -> None:
        self.text = text
        self.span = span
        self.role = role


class Citation(Record):
    """A Dasar Hukum entry read as a regulation citation."""

    __slots__ = (  # noqa: RUF023 - the fields in order
        "text",
        "span",
        "kind",
        "kind_text",
        "number",
        "year",
        "title",
        "year_span",
        "number_in_old_style",
        "truncated_year",
    )
    _defaults = {"year_span": None, "number_in_old_style": False, "truncated_year": False}

    text: str
    span: Span
    kind: str | None  # the canonical regulation type key from the pack
    kind_text: str | None  # the type as written
    number: str | None
    year: int | None
    title: str | None
    year_span: Span | None
    number_in_old_style: bool  # e.g. `Per/21/M.PAN/11/2008`
    truncated_year: bool  # `Tahun 20..`

    def __init__(
        self,
        text: str,
        span: Span,
        kind: str | None,
        kind_text: str | None,
        number: str | None,
        year: int | None,
        title: str | None,
        year_span: Span | None = None,
        number_in_old_style: bool = False,
        truncated_year: bool = False,
    ) -> None:
        self.text = text
        self.span = span
        self.kind = kind
        self.kind_text = kind_text
        self.number = number
        self.year = year
        self.title = title
        self.year_span = year_span
        self.number_in_old_style = number_in_old_style
        self.truncated_year = truncated_year


class Step(Record):
    __slots__ = (  # noqa: RUF023 - the fields in order
        "index",
        "number",
        "number_span",
        "activity",
        "activity_span",
        "item",
        "fields",
        "other_subs",
        "performers",
        "duration",
        "decision",
        "yes",
        "no",
        "next",
        "terminator",
    )
    _defaults = {
        "fields": list,
        "other_subs": list,
        "performers": list,
        "duration": None,
        "decision": None,
        "yes": None,
        "no": None,
        "next": None,
        "terminator": False,
    }

    index: int  # 0-based position in the procedure
    number: int | None  # the number the author wrote
    number_span: Span
    activity: str
    activity_span: Span
    item: Item
    fields: list[Field]
    other_subs: list[Item]  # sub-items not `Key: Value`
    performers: list[RoleRef]
    duration: Duration | None
    decision: str | None
    yes: StepRef | None
    no: StepRef | None
    next: StepRef | None
    terminator: bool  # the whole activity is Mulai/Selesai/Start/End

    def __init__(
        self,
        index: int,
        number: int | None,
        number_span: Span,
        activity: str,
        activity_span: Span,
        item: Item,
        fields: list[Field] | None = None,
        other_subs: list[Item] | None = None,
        performers: list[RoleRef] | None = None,
        duration: Duration | None = None,
        decision: str | None = None,
        yes: StepRef | None = None,
        no: StepRef | None = None,
        next: StepRef | None = None,
        terminator: bool = False,
    ) -> None:
        self.index = index
        self.number = number
        self.number_span = number_span
        self.activity = activity
        self.activity_span = activity_span
        self.item = item
        self.fields = [] if fields is None else fields
        self.other_subs = [] if other_subs is None else other_subs
        self.performers = [] if performers is None else performers
        self.duration = duration
        self.decision = decision
        self.yes = yes
        self.no = no
        self.next = next
        self.terminator = terminator

    def focus_span(self) -> Span:
        """Where a finding about the whole step points: its activity text, or its number when that is empty."""
        return self.activity_span if self.activity else self.number_span

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


class Identity(Record):
    __slots__ = ("section", "fields", "dates", "nip", "time_limit")  # noqa: RUF023 - the fields in order
    _defaults = {"fields": list, "dates": dict, "nip": None, "time_limit": None}

    section: Section
    fields: list[Field]
    dates: dict[str, DateValue]  # by canonical key
    nip: Nip | None
    time_limit: Duration | None

    def __init__(
        self,
        section: Section,
        fields: list[Field] | None = None,
        dates: dict[str, DateValue] | None = None,
        nip: Nip | None = None,
        time_limit: Duration | None = None,
    ) -> None:
        self.section = section
        self.fields = [] if fields is None else fields
        self.dates = {} if dates is None else dates
        self.nip = nip
        self.time_limit = time_limit

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


class Sop(Record):
    __slots__ = (  # noqa: RUF023 - the fields in order
        "title",
        "title_span",
        "sections",
        "identity",
        "roles",
        "steps",
        "citations",
        "comments",
        "suppressions",
        "intro",
        "line_ending",
        "bom",
    )
    _defaults = {
        "sections": list,
        "identity": None,
        "roles": list,
        "steps": list,
        "citations": list,
        "comments": list,
        "suppressions": list,
        "intro": list,
        "line_ending": "\n",
        "bom": False,
    }

    title: str | None
    title_span: Span | None
    sections: list[Section]
    identity: Identity | None
    roles: list[Role]
    steps: list[Step]
    citations: list[Citation]
    comments: list[Comment]
    suppressions: list[Suppression]
    intro: list[Item]  # text between title and first section
    line_ending: str
    bom: bool

    def __init__(
        self,
        title: str | None,
        title_span: Span | None,
        sections: list[Section] | None = None,
        identity: Identity | None = None,
        roles: list[Role] | None = None,
        steps: list[Step] | None = None,
        citations: list[Citation] | None = None,
        comments: list[Comment] | None = None,
        suppressions: list[Suppression] | None = None,
        intro: list[Item] | None = None,
        line_ending: str = "\n",
        bom: bool = False,
    ) -> None:
        self.title = title
        self.title_span = title_span
        self.sections = [] if sections is None else sections
        self.identity = identity
        self.roles = [] if roles is None else roles
        self.steps = [] if steps is None else steps
        self.citations = [] if citations is None else citations
        self.comments = [] if comments is None else comments
        self.suppressions = [] if suppressions is None else suppressions
        self.intro = [] if intro is None else intro
        self.line_ending = line_ending
        self.bom = bom

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
