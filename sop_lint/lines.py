"""The text's lines, and what owns each: the line tree, and how comments sit.

Comments (`<!-- … -->`) may stand inside a line, fill lines of their own, or
run over several lines; a suppression directive is a comment of one form.
The parser, the formatter and the writer's safety check all read comments
and directives through this module: one comment pattern, one directive
pattern (linear-time on any input), one way to mask comments out of a line.

`build_layout` gives the line tree of a parsed text: which line starts
which node (title, section heading, item, sub-item), which continuation,
blank and comment lines each node owns (its *body*, and its *gap* before
it), which lines hold only comments, and where a comment is open at a
line's start. The renderers (`sop_lint.formatter`) walk it.
"""

from __future__ import annotations

import re

from .model import Item, Section, Sop, Span
from .records import Record, field

# An HTML comment; group 1 is what stands between the markers.
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# The grammar's blanks (sop.lark: `[ \t]*\r?\n` is a blank line; a CR before the LF ends
# the line): str.strip() would also take U+2028, U+0085, a vertical tab or a form feed,
# which to the parser are text, so a line of one is no blank line.
BLANKS = " \t\r"
# `sop-lint: disable=CODES` / `disable-file=CODES` (the text of a comment). The code list
# is matched as one greedy class up to the end, with no optional space beside it that it
# could trade characters with: a failing match backtracks once over it, not quadratically.
_DIRECTIVE = re.compile(r"\s*sop-lint\s*:\s*(disable-file|disable)\s*=([\w\s,-]*)$", re.IGNORECASE)
_CODE_SEPARATORS = re.compile(r"[\s,]+")


class Directive(Record, frozen=True):
    """A suppression directive read from a comment's text."""

    file_wide: bool  # `disable-file=`
    codes: list[str]


def directive(comment_text: str) -> Directive | None:
    """The directive `comment_text` (what stands between `<!--` and `-->`) holds, if any."""
    match = _DIRECTIVE.match(comment_text)
    if match is None:
        return None
    codes = [code for code in _CODE_SEPARATORS.split(match[2]) if code]
    return Directive(match[1].lower() == "disable-file", codes)


class FormatError(Exception):
    """The text cannot be laid out (it should not happen for a text that parsed)."""


class Node(Record):
    """A title, section heading or item, with the lines it owns."""

    kind: str  # "title", "section" or "item"
    line: int  # the (1-based) line it starts on
    item: Item | None = None
    section: Section | None = None
    children: list[Node] = field(default_factory=list)
    body: list[int] = field(default_factory=list)  # continuation lines, with the comment and blank lines among them
    gap: list[int] = field(default_factory=list)  # the blank and comment lines before it


class Layout(Record):
    """The line tree: every line of the text, owned by the node it belongs to (or the tail)."""

    lines: list[str]
    final_newline: bool
    title: Node | None
    sections: list[Node]
    tail: list[int]  # blank and comment lines after the last node
    trail: list[int]  # comment lines after the title, kept with it when the sections move
    comment_lines: set[int]  # lines holding only comments or parts of comments (a blank line inside one too)
    open_at: list[bool]  # by line number: a comment is open where the line starts


def split_keepends(text: str) -> list[str]:
    """`text` cut after each LF, the ends kept: the front end's lines (str.splitlines()
    would also cut at U+2028, U+0085, a VT, an FF or a lone CR, which are text to it)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def mask_line(line: str, open_: bool) -> tuple[str, bool]:
    """The line with every comment (or part of one) blanked out, length kept; and
    whether a comment is still open at its end (`open_`: one is open at its start)."""
    out: list[str] = []
    position = 0
    while position < len(line):
        if open_:
            end = line.find("-->", position)
            if end == -1:
                out.append(" " * (len(line) - position))
                return "".join(out), True
            out.append(" " * (end + 3 - position))
            position, open_ = end + 3, False
        else:
            start = line.find("<!--", position)
            if start == -1:
                out.append(line[position:])
                break
            out.append(line[position:start] + "    ")
            position, open_ = start + 4, True
    return "".join(out), open_


def build_layout(sop: Sop, text: str) -> Layout:
    """Which line belongs to which node. `text`: LF line ends, no BOM (what was parsed)."""
    lines = text.split("\n")
    final_newline = text.endswith("\n")
    if final_newline:
        lines.pop()
    # A line is a comment line when nothing but comments (or parts of one running over
    # several lines) stands on it, or it is a blank line inside a comment: to the
    # grammar such lines are blank or comment lines, never text.
    comment_lines: set[int] = set()
    open_at = [False] * (len(lines) + 2)
    open_ = False
    for number, raw in enumerate(lines, 1):
        open_at[number] = open_
        masked, after = mask_line(raw, open_)
        if (raw.strip(BLANKS) and not masked.strip(BLANKS)) or (open_ and not raw.strip(BLANKS)):
            comment_lines.add(number)
        open_ = after
    node_at: dict[int, Node] = {}

    def add(node: Node) -> Node:
        if node.line in node_at:
            raise FormatError(f"line {node.line}: two nodes start on one line")
        node_at[node.line] = node
        return node

    def item_node(item: Item) -> Node:
        node = add(Node("item", item.span.line, item=item))
        node.children = [item_node(sub) for sub in item.subs]  # sub-items hold no sub-items: depth 2 at most
        return node

    title: Node | None = None
    if sop.title_span is not None:
        title = add(Node("title", sop.title_span.line))
        title.children = [item_node(item) for item in sop.intro]
    sections = []
    for section in sop.sections:
        node = add(Node("section", section.heading_span.line, section=section))
        node.children = [item_node(item) for item in section.items]
        sections.append(node)
    current: Node | None = None
    pending: list[int] = []

    def keep_open_comment() -> None:
        """Lines that end a comment begun on the node before stay with that node."""
        nonlocal pending
        split = 0
        while split < len(pending) and open_at[pending[split]]:
            split += 1
        if split and current is not None:
            current.body.extend(pending[:split])
            pending = pending[split:]

    for number in range(1, len(lines) + 1):
        starting = node_at.get(number)
        if starting is not None:
            keep_open_comment()
            starting.gap, pending, current = pending, [], starting
            continue
        if number in comment_lines or not lines[number - 1].strip(BLANKS):
            pending.append(number)
            continue
        if current is None or current.kind != "item":
            raise FormatError(f"line {number}: text that belongs to no item")
        current.body.extend(pending)
        current.body.append(number)
        pending = []
    keep_open_comment()
    layout = Layout(lines, final_newline, title, sections, pending, [], comment_lines, open_at)
    # Comments between a title with no introduction and the first section describe the
    # file: they stay under the title when the sections are sorted (unless one of them
    # is a suppression, which must stay before the heading it applies to).
    if title is not None and not title.children and sections:
        first = sections[0]
        gap_comments = [n for n in first.gap if n in comment_lines]
        lines_of_gap = set(gap_comments)
        directives = any(
            (found := directive(c.text)) is not None and not found.file_wide for c in sop.comments if c.span.line in lines_of_gap
        )  # read from the comments: the parser builds the tree before it lists the suppressions
        if gap_comments and not directives:
            last = gap_comments[-1]
            layout.trail = [n for n in first.gap if n <= last]
            first.gap = [n for n in first.gap if n > last]
    return layout


def node_spans(layout: Layout) -> list[Span]:
    """Every node's span, in the order of the text: a heading's whole line, an item's span
    (sub-items included). What a suppression directive on a line of its own may cover."""
    spans: list[Span] = []

    def add(node: Node) -> None:
        if node.item is not None:
            spans.append(node.item.span)
        else:
            line = layout.lines[node.line - 1].rstrip("\r")
            spans.append(Span(node.line, 1, node.line, len(line) + 1))
        for child in node.children:
            add(child)

    for top in ([layout.title] if layout.title is not None else []) + layout.sections:
        add(top)
    return sorted(spans, key=lambda span: (span.line, span.column))
