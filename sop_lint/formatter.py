"""Rendering an SOP back to text: the canonical form (`sop-lint format`), or the
original text with only a plan's changes (`sop-lint check --fix`).

The renderer works line by line from the model and the original text: the
model says which line starts which node (title, section heading, item,
sub-item), the text gives every character the author wrote. A node owns its
first line, its continuation lines (its *body*, with the comment lines among
them) and the blank and comment lines before it (its *gap*). Nothing is
re-flowed or wrapped: a line of text stays one line, only its indentation,
its list marker and (for a `Key: Value` item) the spacing around the colon
change.

The canonical form (`sop-format.md`, and docs/format.md "Canonical form"):
one blank line after each heading and around each list or paragraph, no
blank line inside a list; `-` for bullets; ordered lists numbered 1..n and
the steps renumbered with their references (the plan); a sub-item indented
to its item's content column (3 spaces under `9. `, 4 under `10. `);
continuation lines at the content column; `- Key: Value` with canonical key
and section names; no trailing whitespace; one final newline. An own-line
comment stays before the node it precedes (a suppression comment keeps its
target); between the items of a list it is indented into the item before,
so that the list renders as one.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import TYPE_CHECKING

from .fixes import Plan, format_plan, split_text
from .lines import BLANKS, COMMENT, Layout, Node, build_layout, directive, mask_line
from .lines import FormatError as FormatError  # raised from here too
from .model import Field, Sop
from .parser import parse_text
from .source import decode
from .writer import ParseFailure, verify

if TYPE_CHECKING:
    from .pack import Pack


# A line that would not be plain text at column 1 (a heading, a list item).
_SPECIAL = re.compile(r"(?:#{1,2}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))")
_DIGITS = re.compile(r"\d+")


class _Renderer:
    def __init__(self, sop: Sop, text: str, plan: Plan, layout: Layout | None) -> None:
        self.sop = sop
        self.plan = plan
        self.layout = layout if layout is not None else build_layout(sop, text)
        self.lines = self.layout.lines
        self.fields: dict[int, Field] = {}
        if sop.identity is not None:
            self.fields.update((f.item.span.line, f) for f in sop.identity.fields)
        self.steps: dict[int, int | None] = {}  # step line -> the number it is written with
        for step in sop.steps:
            self.steps[step.item.span.line] = step.number
            self.fields.update((f.item.span.line, f) for f in step.fields)

    # What changes on a node's own lines -------------------------------------------------

    def dropped(self, node: Node) -> bool:
        return node.line in self.plan.removed or (node.line in self.plan.refs and self.plan.refs[node.line] is None)

    def first_line(self, node: Node, marker: str | None) -> tuple[str, dict[int, str]]:
        """The node's first line with the plan's changes, and changed body lines (by line).

        `marker`: the new list marker (None: as written)."""
        raw = self.lines[node.line - 1]
        changes: dict[int, str] = {}
        edits: list[tuple[int, int, str]] = []  # (start, end, text) on the raw first line
        item = node.item
        if node.kind == "section":
            name = self.plan.headings.get(node.line)
            if name is not None:
                masked, _ = mask_line(raw, self.layout.open_at[node.line])
                run = masked[2:].strip(BLANKS)
                start = masked.index(run, 2) if run else len(raw)
                if run and raw[start : start + len(run)] == run:  # no comment inside the heading's text
                    edits.append((start, start + len(run), name))
                else:
                    self.plan.declined.append(f"P002: `{run}` is not renamed: a comment stands in the heading")
        if item is not None:
            marker_start, marker_end = item.marker_span.column - 1, item.marker_span.end_column - 1
            if marker is not None and item.marker:
                edits.append((marker_start, marker_end, marker))
            f = self.fields.get(node.line)
            if f is not None:
                edits.extend(self.field_edits(node, f, raw, marker_end, changes))
        # A fix's replacement inside the line (a NIP regrouped beside a comment).
        edits.extend((start - 1, end - 1, text) for start, end, text in self.plan.spans.get(node.line, ()))
        for start, end, text in sorted(edits, reverse=True):
            raw = raw[:start] + text + raw[end:]
        return raw, changes

    def field_edits(
        self, node: Node, f: Field, raw: str, after_marker: int, changes: dict[int, str]
    ) -> list[tuple[int, int, str]]:
        edits: list[tuple[int, int, str]] = []
        masked, _ = mask_line(raw, self.layout.open_at[node.line])
        colon = masked.find(":", after_marker)
        if colon == -1:
            return edits
        key = self.plan.keys.get(node.line)
        if key is not None:
            region = masked[after_marker:colon]
            written = region.strip(BLANKS)
            if written and raw[after_marker:colon] == region:  # no comment in the key
                start = after_marker + region.index(written)
                edits.append((start, start + len(written), key))
            else:
                self.plan.declined.append(f"P003: `{f.key_text}` is not renamed: a comment stands in the key")
        value = self.plan.values.get(node.line)
        if value is not None:
            region = masked[colon + 1 :]
            written = region.strip(BLANKS)
            body_text = [n for n in node.body if n not in self.layout.comment_lines and self.lines[n - 1].strip(BLANKS)]
            if written and raw[colon + 1 :] == region and not body_text:
                start = colon + 1 + region.index(written)
                edits.append((start, start + len(written), value))
        number = self.plan.refs.get(node.line)
        if number is not None:
            digits = _DIGITS.search(masked, colon + 1)
            if digits:
                edits.append((digits.start(), digits.end(), str(number)))
            else:  # the number is on a continuation line
                for n in node.body:
                    line = changes.get(n, self.lines[n - 1])
                    masked, _ = mask_line(line, self.layout.open_at[n])
                    digits = _DIGITS.search(masked) if n not in self.layout.comment_lines else None
                    if digits:
                        changes[n] = line[: digits.start()] + str(number) + line[digits.end() :]
                        break
        return edits

    def removed_comments(self, node: Node) -> list[str]:
        """The comments of a node that is removed, each as own-line text. A suppression
        written on one of its text lines is dropped with it: it applied to that node only."""
        out: list[str] = []
        numbers = [node.line, *node.body]
        starts: list[int] = []  # offset of each line in the joined text
        offset = 0
        for n in numbers:
            starts.append(offset)
            offset += len(self.lines[n - 1]) + 1
        text = "\n".join(self.lines[n - 1] for n in numbers)
        for match in COMMENT.finditer(text):
            line = numbers[bisect.bisect_right(starts, match.start()) - 1]
            found = directive(match[1])
            if found is not None and not found.file_wide and line not in self.layout.comment_lines:
                continue
            out.extend(part.strip(BLANKS) for part in match[0].split("\n"))
        for child in node.children:
            out.extend(self.comment_block(child.gap))
            out.extend(self.removed_comments(child))
        return out

    def comment_block(self, numbers: list[int]) -> list[str]:
        """The comment lines among `numbers`, unindented: the lines inside a comment keep
        their indentation relative to its first line; blank lines between comments are dropped."""
        out: list[str] = []
        base: int | None = None
        for n in numbers:
            if n not in self.layout.comment_lines:
                continue
            raw = self.lines[n - 1]
            lead = len(raw) - len(raw.lstrip(" \t"))
            if not raw.strip(BLANKS):
                out.append("")  # a blank line inside a comment
            elif not self.layout.open_at[n] or base is None:
                base = lead
                out.append(raw.strip(BLANKS))
            else:
                out.append(raw[min(base, lead) :].rstrip(BLANKS))
        return out

    # The whole text -------------------------------------------------------------------

    def section_order(self) -> list[Node]:
        sections = self.layout.sections
        return [sections[i] for i in self.plan.order] if self.plan.order else list(sections)

    def marker_for(self, node: Node) -> str | None:
        """The canonical marker of an item: a step's number, `-`, `1.` for another
        ordered item (its caller numbers the run), None for a paragraph."""
        item = node.item
        assert item is not None
        if node.line in self.steps:
            number = self.plan.numbers.get(node.line, self.steps[node.line])
            return f"{number}." if number is not None else "-"
        if not item.marker:
            return None
        return "1." if item.marker[0].isdigit() else "-"


# Canonical form -----------------------------------------------------------------------


class _Canonical(_Renderer):
    _last_comments: list[str] | None = None  # the block `comments_block` appended last

    def render(self) -> str:
        blocks: list[list[str]] = []
        layout = self.layout
        if layout.title is not None:
            title = layout.title
            self.comments_block(blocks, title.gap)
            heading = self.lines[title.line - 1][1:].strip(BLANKS)
            blocks.append(["# " + heading if heading else "#", *self.comment_block(title.body)])
            self.comments_block(blocks, layout.trail)
            self.top_level(blocks, title.children)
        for section in self.section_order():
            self.comments_block(blocks, section.gap)
            raw, _ = self.first_line(section, None)
            heading = raw[2:].strip(BLANKS)
            blocks.append(["## " + heading if heading else "##", *self.comment_block(section.body)])
            self.top_level(blocks, section.children)
        self.comments_block(blocks, layout.tail)
        out: list[str] = []
        open_ = False
        for block in blocks:
            if out and not open_:  # a blank line between blocks, but never inside a comment
                out.append("")
            for line in block:
                out.append(line)
                _, open_ = mask_line(line, open_)
        return "\n".join(out) + ("\n" if out else "")

    def comments_block(self, blocks: list[list[str]], numbers: list[int]) -> None:
        lines = self.comment_block(numbers)
        if lines and blocks and blocks[-1] is self._last_comments:
            # Right after another run of comments (a section's moved before it): read
            # again, the two are one run, written with no blank line between.
            blocks[-1].extend(lines)
        elif lines:
            blocks.append(lines)
            self._last_comments = lines

    def kept(self, nodes: list[Node]) -> tuple[list[tuple[Node, list[str]]], list[str]]:
        """The nodes not removed, each with the comment lines before it (a removed
        node's comments go to the next one); and the comments left after the last."""
        kept: list[tuple[Node, list[str]]] = []
        carried: list[str] = []
        for node in nodes:
            if self.dropped(node):
                carried += self.comment_block(node.gap) + self.removed_comments(node)
                continue
            kept.append((node, carried + self.comment_block(node.gap)))
            carried = []
        return kept, carried

    def top_level(self, blocks: list[list[str]], children: list[Node]) -> None:
        kept, left = self.kept(children)
        run: list[str] = []
        run_kind = ""
        position = 0
        previous_column = ""
        for node, comments in kept:
            item = node.item
            assert item is not None
            marker = self.marker_for(node)
            kind = "p" if marker is None else ("o" if marker[0].isdigit() else "u")
            if kind == "p" or kind != run_kind:
                if run:
                    blocks.append(run)
                run, run_kind, position = [], kind, 0
                if comments:
                    blocks.append(comments)
            elif comments:  # inside the item before, so that the list stays one list
                run.extend(previous_column + line if line else "" for line in comments)
            position += 1
            if kind == "o" and node.line not in self.steps:
                marker = f"{position}."
            previous_column = self.item_lines(run, node, "", marker)
        if run:
            blocks.append(run)
        if left:
            blocks.append(left)

    def item_lines(self, out: list[str], node: Node, indent: str, marker: str | None) -> str:
        """Append the node's lines; return the indentation a comment after it takes
        (the content column of its last sub-item, or its own)."""
        raw, changes = self.first_line(node, marker)
        item = node.item
        assert item is not None
        if marker is None:  # a paragraph: at the margin unless that would make it something else
            text = raw.strip(BLANKS)
            out.append(indent + text if not _SPECIAL.match(text) else raw.rstrip(BLANKS))
            column = indent
        else:
            rest = raw[item.marker_span.column - 1 + len(marker) :].strip(BLANKS)
            if node.line in self.fields:
                rest = _key_value(rest)
            out.append(f"{indent}{marker} {rest}" if rest else f"{indent}{marker}")
            column = indent + " " * (len(marker) + 1)
        # A paragraph's line may go to the margin only right after a line of its text that
        # ends outside a comment: after a line the parser sees as blank it would start a new paragraph.
        plain = not mask_line(raw, self.layout.open_at[node.line])[1]
        for part in self._body_in_order(node):
            if isinstance(part, list):  # comment lines among the text: kept in place, re-indented
                out.extend(column + line if line else "" for line in self.comment_block(part))
                plain = False
                continue
            line = changes.get(part, self.lines[part - 1])
            text = line.strip(BLANKS)
            if not text:
                continue  # a blank line among the continuation lines (one inside a comment is a comment line)
            if marker is None and (_SPECIAL.match(text) or not plain):
                out.append(line.rstrip(BLANKS))  # as written: at the margin it would be something else
            else:
                out.append(column + text)
            plain = not mask_line(line, self.layout.open_at[part])[1]
        sub_column = column if marker is not None else indent + "  "
        kept, left = self.kept(node.children)
        last_column = column
        position = 0
        previous_column = sub_column
        for index, (child, comments) in enumerate(kept):
            at = sub_column if index == 0 else previous_column
            out.extend(at + line if line else "" for line in comments)
            child_marker = self.marker_for(child)
            if child_marker is not None and child_marker[0].isdigit():
                position += 1
                child_marker = f"{position}."
            else:
                position = 0
            previous_column = self.item_lines(out, child, sub_column, child_marker)
            last_column = previous_column
        out.extend(last_column + line if line else "" for line in left)
        return last_column

    def _body_in_order(self, node: Node) -> list[list[int] | int]:
        """The body as text lines and runs of comment lines, in order."""
        parts: list[list[int] | int] = []
        for n in node.body:
            if n in self.layout.comment_lines:
                if parts and isinstance(parts[-1], list):
                    parts[-1].append(n)
                else:
                    parts.append([n])
            else:
                parts.append(n)
        return parts


def _key_value(rest: str) -> str:
    """`Key : value` -> `Key: value` (unless a comment stands in the key)."""
    masked, _ = mask_line(rest, False)
    colon = masked.find(":")
    if colon <= 0 or masked[:colon] != rest[:colon]:
        return rest
    key, value = rest[:colon].strip(BLANKS), rest[colon + 1 :].strip(BLANKS)
    return f"{key}: {value}" if value else f"{key}:"


# Only the plan's changes --------------------------------------------------------------


class _Preserving(_Renderer):
    def render(self) -> str:
        out: list[str] = []
        layout = self.layout
        if layout.title is not None:
            self.node(out, layout.title, None)
            out.extend(self.lines[n - 1] for n in layout.trail)
        sections = self.section_order()
        if self.plan.order:
            if out and out[-1].strip(BLANKS):
                out.append("")
            for index, section in enumerate(sections):
                block: list[str] = []
                self.node(block, section, None)
                while block and not block[0].strip(BLANKS):
                    block.pop(0)
                if index:
                    out.append("")
                out.extend(block)
        else:
            for section in sections:
                self.node(out, section, None)
        out.extend(self.lines[n - 1] for n in layout.tail)
        return "\n".join(out) + ("\n" if layout.final_newline and out else "")

    def node(self, out: list[str], node: Node, shift: tuple[int, int] | None) -> None:
        if self.dropped(node):
            out.extend(self.lines[n - 1] for n in node.gap)
            raw = self.lines[node.line - 1]
            indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
            out.extend(indent + line if line else "" for line in self.removed_comments(node))
            return
        out.extend(_shifted(self.lines[n - 1], shift) for n in node.gap)
        marker = None
        item = node.item
        if item is not None and node.line in self.plan.numbers:
            delimiter = item.marker[-1] if item.marker[-1] in ".)" else "."
            marker = f"{self.plan.numbers[node.line]}{delimiter}"
        raw, changes = self.first_line(node, marker)
        out.append(_shifted(raw, shift))
        child_shift = shift
        if item is not None and marker is not None and marker != item.marker:
            # Keep the sub-items at the item's content column when the marker's width changes.
            old = self.lines[node.line - 1]
            after = item.marker_span.end_column - 1
            spaces = len(old[after:]) - len(old[after:].lstrip(" "))
            column = after + (spaces if 1 <= spaces <= 4 else 1)
            child_shift = (column, len(marker) - len(item.marker))
        for n in node.body:
            out.append(_shifted(changes.get(n, self.lines[n - 1]), child_shift))
        for child in node.children:
            self.node(out, child, child_shift)


def _shifted(line: str, shift: tuple[int, int] | None) -> str:
    """Keep a line of an item whose marker changed width at the item's content column:
    `shift` is (old content column, change of width). A line indented (by spaces)
    exactly to the old column moves to the new one; one indented deeper moves only as
    far as the new column; one indented less is not the item's and stays."""
    if shift is None or not shift[1]:
        return line
    column, delta = shift
    lead = len(line) - len(line.lstrip(" "))
    if lead < column or not line.strip(BLANKS):
        return line
    new = column + delta if lead == column else max(lead, column + delta)
    return " " * new + line[lead:]


# Entry points -----------------------------------------------------------------------


def render(sop: Sop, text: str, plan: Plan, canonical: bool, layout: Layout | None = None) -> str:
    """`text` (LF line ends, no BOM: what `sop` was parsed from) with the plan applied:
    in canonical form, or changing nothing else. `layout`: the text's line tree, when
    the parser made it (`ParseResult.layout`)."""
    if canonical:
        return _Canonical(sop, text, plan, layout).render()
    return _Preserving(sop, text, plan, layout).render()


def format_text(text: str, pack: Pack, today: date) -> str:
    """The canonical form of an SOP's text (LF line ends, no BOM), checked: raises
    `ParseFailure` for a text that does not parse and `UnsafeChange` (from the
    writer's check) or FormatError when the result would not be the same SOP."""

    result = parse_text(text, pack)
    if result.sop is None:
        assert result.problem is not None
        raise ParseFailure(result.problem)
    plan = format_plan(result.sop, pack, today)
    layout = result.layout if result.layout is not None else build_layout(result.sop, text)
    new = render(result.sop, text, plan, canonical=True, layout=layout)
    verify(result.sop, new, plan, pack, layout)
    return new


class NotUtf8(Exception):
    """The file is not UTF-8 (P005): it is never rewritten."""


def format_bytes(data: bytes, pack: Pack, today: date) -> bytes:
    """A file's bytes in canonical form, with its line endings and BOM kept.

    Raises `NotUtf8`, `ParseFailure` (P001), or `UnsafeChange`/`FormatError`
    when the result would not be the same SOP: in every case nothing may be written."""
    from .writer import encode

    text, _ = decode(data)
    if text is None:
        raise NotUtf8("the file is not UTF-8 (P005)")
    body, bom, ending = split_text(text)
    if ending != "\n":  # what `check` parses is the text as written: a stray CR it cannot parse is not formatted
        problem = parse_text(text, pack).problem
        if problem is not None:
            raise ParseFailure(problem)
    return encode(format_text(body, pack, today), bom, ending)
