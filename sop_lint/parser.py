"""The parser front end: text -> `Sop`.

Two stages. Lark's LALR parser, with one token per line and the structure
built by callbacks while it parses (no parse tree, no position propagation),
turns the text into titles, sections and items. Then `_ModelBuilder` reads
those with the rule pack's vocabulary: which section is which, which key,
which role, and parses the values (dates, durations, citations …).

Nothing here knows of rules or findings: a text that cannot be parsed comes
back as a `SyntaxProblem`, which the engine reports.
"""

from __future__ import annotations

import bisect
import re
from sys import intern
from typing import TYPE_CHECKING, Any

from .lines import COMMENT, Layout, build_layout, directive, node_spans
from .model import (
    Citation,
    Comment,
    Field,
    Identity,
    Item,
    Role,
    RoleRef,
    Section,
    Sop,
    Span,
    Step,
    Suppression,
)
from .names import closest, fold
from .pack import Pack, builtin_pack
from .records import Record
from .values.citations import parse_citation
from .values.dates import parse_date
from .values.durations import parse_duration
from .values.keys import resolve_key
from .values.nip import parse_nip
from .values.refs import parse_step_ref

if TYPE_CHECKING:
    from ._sop_parser import Lark

    class Token(str):
        """What the parser hands the callbacks: one line (or run of lines) of the text."""

        type: str
        line: int


class SyntaxProblem(Record):
    """Why the text could not be parsed, and where."""

    span: Span
    message: str
    message_id: str = ""  # the same in Indonesian (P001 with --lang id); "" when none was written


class ParseResult(Record):
    sop: Sop | None
    problem: SyntaxProblem | None
    # The line tree of the text (`sop_lint.lines`), when parsing needed it (a suppression
    # directive's target); the formatter reads it rather than building it again.
    layout: Layout | None = None


_ITEM_HEAD = re.compile(r"([ \t]*)([-*+]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$", re.DOTALL)
_LIST_SPLIT = re.compile(r"\s*[,;]\s*")
_H1_LINE = re.compile(r"^#(?:[ \t]|\r?$)", re.MULTILINE)


# --- stage 1: structure ------------------------------------------------------


class _Structure:
    """Builds items and sections from the parser's reductions."""

    def __init__(self) -> None:
        self.comments: list[Comment] = []

    # Lark calls these by rule name with the rule's children.
    def start(self, children: list[Any]) -> list[Any]:
        return children

    def title(self, children: list[Any]) -> tuple[str, Token, list[Item]]:
        return ("title", children[0], children[1:])

    def section(self, children: list[Any]) -> tuple[str, Token, list[Item]]:
        return ("section", children[0], children[1:])

    def _item(self, children: list[Any]) -> Item:
        head: Token = children[0]
        kind = head.type
        line = head.line
        if kind == "PARA":  # blank and comment lines, then the paragraph's first line
            blank, _, raw = head.rstrip("\n").rpartition("\n")
            _own_line_comments(blank, line, self.comments)
            line += blank.count("\n") + 1
            raw = raw.rstrip("\r")
        else:
            raw = head.rstrip("\r\n")
        match = _ITEM_HEAD.match(raw) if kind == "ITEM" or kind == "SUB" else None
        if match:
            indent, marker, digits, gap, first_text = match.groups()
            if indent:
                indent = intern(indent)  # one string for every sub-item's `   `: a big file has thousands
            number = int(digits) if digits else None
            marker_column = len(indent) + 1
            text_column = marker_column + len(marker) + (len(gap) if gap else 0)
            first_text = first_text.rstrip() if first_text else ""
            marker_span = Span(line, marker_column, line, marker_column + len(marker))
        else:
            indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
            marker, number = "", None
            marker_column = text_column = len(indent) + 1
            first_text = raw[len(indent) :].rstrip()
            marker_span = Span(line, text_column, line, text_column)
        # The grammar puts continuation lines before sub-items: when the second child
        # is an item, all the rest are.
        if "<!--" not in first_text and (len(children) == 1 or type(children[1]) is Item):
            # One line of text, perhaps with sub-items, no comment: most items, built directly.
            text_end = text_column + len(first_text)
            text_start = text_end - len(first_text.lstrip())
            if len(children) == 1:
                subs: list[Item] = []
                span = Span(line, marker_column, line, text_end)
            else:
                subs = children[1:]
                last = subs[-1].span
                span = Span(line, marker_column, last.end_line, last.end_column)
            return Item(marker, number, first_text, span, Span(line, text_start, line, text_end), marker_span, subs, indent)
        segments = [(first_text, line, text_column)]  # each line's text, where it starts
        end_line, end_column = line, text_column + len(first_text)
        subs = []
        for child in children[1:]:
            if isinstance(child, Item):
                subs.append(child)
                end_line, end_column = child.span.end_line, child.span.end_column
                continue
            text = str(child).rstrip("\r\n")
            stripped = text.strip()
            column = len(text) - len(text.lstrip(" \t")) + 1
            segments.append((stripped, child.line, column))
            end_line, end_column = child.line, column + len(stripped)
        line_count = len(segments)
        parts: list[str] = []
        positions: list[tuple[int, int]] = []
        masked_lines = _mask_comments(segments, self.comments)
        for masked, (text, segment_line, column) in zip(masked_lines, segments, strict=True):
            lead = len(masked) - len(masked.lstrip())
            parts.append(text if masked == text else " ".join(masked.split()))
            positions.append((segment_line, column + lead))
        # The text span leaves out comments before and after the first line's text.
        first = masked_lines[0]
        text_start = text_column + len(first) - len(first.lstrip()) if first.strip() else text_column
        text_end = max(text_start, text_column + len(first.rstrip()))
        return Item(
            marker=marker,
            number=number,
            text=" ".join(part for part in parts if part),
            span=Span(line, marker_span.column, end_line, end_column),
            text_span=Span(line, text_start, line, text_end),
            marker_span=marker_span,
            subs=subs,
            indent=indent,
            line_count=line_count,
            line_starts=_line_starts(parts, positions) if line_count > 1 else [],
        )

    item = sub = para = lead = _item  # Lark calls these by rule name

    def gap_token(self, token: Token) -> Token:
        """Collects the comments of a run of blank and comment-only lines."""
        _own_line_comments(str(token), token.line, self.comments)
        return token


def _own_line_comments(raw: str, line: int, comments: list[Comment]) -> None:
    """Record the comments of `raw`: whole blank or comment-only lines starting at `line`."""
    if "<!--" not in raw:
        return
    position, line_start = 0, 0  # walked forward once: a long run stays linear
    for match in COMMENT.finditer(raw):
        spans: list[tuple[int, int]] = []
        for offset in (match.start(), match.end()):
            newlines = raw.count("\n", position, offset)
            if newlines:
                line += newlines
                line_start = raw.rfind("\n", position, offset) + 1
            position = offset
            spans.append((line, offset - line_start + 1))
        (start_line, start_column), (end_line, end_column) = spans
        comments.append(Comment(match[1], Span(start_line, start_column, end_line, end_column), own_line=True))


def _mask_comments(segments: list[tuple[str, int, int]], comments: list[Comment]) -> list[str]:
    """Each line's text (given with the line and column it starts at) with its
    `<!-- … -->` comments blanked out by spaces, so that columns stay true; records
    each comment. (One that runs over several lines was blanked out before
    parsing, by `_blank_out_spanning_comments`.)"""
    masked: list[str] = []
    for text, line, column in segments:
        if "<!--" in text:
            for match in COMMENT.finditer(text):
                span = Span(line, column + match.start(), line, column + match.end())
                comments.append(Comment(match[1], span, own_line=False))
            text = COMMENT.sub(lambda match: " " * len(match[0]), text)
        masked.append(text)
    return masked


def _blank_out_spanning_comments(text: str, comments: list[Comment]) -> str:
    """`text` with every comment that runs over several lines and shares a line
    with text (`- Buku Agenda <!-- catatan … -->`) blanked out, newlines kept;
    records each. Left in, the lines inside it would read as blank lines,
    headings or items. Comments on lines of their own are the grammar's (GAP)."""
    if "<!--" not in text:
        return text
    pieces: list[str] = []
    copied = 0  # text[:copied] is in pieces
    line, line_start, counted = 1, 0, 0  # line number and start of text[counted]
    search = 0
    while (start := text.find("<!--", search)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break  # cannot happen after `_unterminated_comment`
        end += 3
        search = end
        if text.find("\n", start, end) == -1:
            continue  # on one line: the front end handles it
        first_line_start = text.rfind("\n", 0, start) + 1
        last_line_end = text.find("\n", end)
        before = text[first_line_start:start]
        after = text[end : len(text) if last_line_end == -1 else last_line_end]
        if not before.strip(" \t") and not after.strip(" \t\r"):
            continue  # on lines of its own
        newlines = text.count("\n", counted, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, start) + 1
        start_line, start_column = line, start - line_start + 1
        line += text.count("\n", start, end)
        line_start, counted = text.rfind("\n", start, end) + 1, end
        span = Span(start_line, start_column, line, end - line_start + 1)
        comments.append(Comment(text[start + 4 : end - 3], span, own_line=False))
        pieces.append(text[copied:start])
        pieces.append(re.sub(r"[^\r\n]", " ", text[start:end]))
        copied = end
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


def _line_starts(parts: list[str], positions: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Where each line's part starts in the joined text (`" ".join` of the non-empty parts)."""
    starts: list[tuple[int, int, int]] = []
    offset = 0
    for part, (line, column) in zip(parts, positions, strict=True):
        if not part:
            continue
        if starts:
            offset += 1  # the joining space
        starts.append((offset, line, column))
        offset += len(part)
    return starts


_PARSER: Lark | None = None
_STRUCTURE = _Structure()


def _lark() -> Lark:
    global _PARSER
    if _PARSER is None:
        # Lark's stand-alone parser of grammar/sop.lark (`python -m sop_lint.build_parser`):
        # its tables load in a millisecond, and the `lark` package is never imported.
        from ._sop_parser import Lark_StandAlone

        _PARSER = Lark_StandAlone(  # type: ignore[no-untyped-call]  # generated code
            transformer=_STRUCTURE, lexer_callbacks={"GAP": _STRUCTURE.gap_token}
        )
    return _PARSER


_EXPECTED = ("H1", "H2", "ITEM", "SUB", "PARA", "TEXT", "INDENTED", "$END")  # catalog `parse.token.NAME`


def _detail(lang: str, found: str | None, expected_names: list[str], title_first: bool) -> str:
    """Why the parse failed, in `lang` (the words are the message catalog's)."""
    from .messages import say

    expected = sorted(say(lang, f"parse.token.{name}") for name in expected_names)
    if found == "H1" and title_first:
        return say(lang, "parse.title_first")
    if found == "H1":
        return say(lang, "parse.second_title")
    if found == "SUB":
        return say(lang, "parse.orphan_sub")
    if found in ("TEXT", "ITEM", "PARA", "INDENTED") and "H1" in expected_names:
        return say(lang, "parse.text_before_title")
    what = say(lang, f"parse.token.{found}") if found in _EXPECTED else say(lang, "parse.token.other")
    if not expected:
        return say(lang, "parse.unexpected", what=what)
    return say(lang, "parse.unexpected_expected", what=what, expected=say(lang, "parse.or").join(expected))


def _syntax_problem(error: Exception, text: str) -> SyntaxProblem:
    line = int(getattr(error, "line", 1) or 1)
    column = int(getattr(error, "column", 1) or 1)
    token = getattr(error, "token", None)
    found = getattr(token, "type", None)
    if found == "PARA":  # point at the paragraph's text, not the blank lines before it
        line += str(token).rstrip("\n").count("\n")
        column = 1
    elif found in ("SUB", "INDENTED"):  # point at the marker or text, not the indentation
        raw = str(token)
        column += len(raw) - len(raw.lstrip(" \t"))
    lines = text.split("\n")
    end_column = len(lines[line - 1].rstrip("\r")) + 1 if line - 1 < len(lines) else column + 1
    span = Span(line, column, line, max(end_column, column + 1))
    names = [name for name in (getattr(error, "expected", None) or set()) if name in _EXPECTED]
    title_first = found == "H1" and _H1_LINE.search(text, 0, int(getattr(error, "pos_in_stream", 0) or 0)) is None
    return SyntaxProblem(span, _detail("en", found, names, title_first), _detail("id", found, names, title_first))


def _unterminated_comment(text: str) -> SyntaxProblem | None:
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            from .messages import say

            span = Span(line, column, line, column + 4)
            return SyntaxProblem(span, say("en", "parse.unterminated_comment"), say("id", "parse.unterminated_comment"))
        position = end + 3
    return None


def _cr_only(text: str) -> SyntaxProblem | None:
    """Lines ended by CR alone (classic Mac OS) read as one line: one clear problem, not
    a finding for each section that then seems missing."""
    first = text.find("\r")
    if first == -1 or "\n" in text or text.count("\r") < 2:
        return None
    return SyntaxProblem(
        Span(1, first + 1, 1, first + 2), "the lines end in CR alone (classic Mac OS): save the file with LF or CRLF line ends"
    )


def parse_text(text: str, pack: Pack | None = None) -> ParseResult:
    """Parse an SOP. Never raises: a text that cannot be parsed gives a problem."""
    from ._sop_parser import UnexpectedInput

    pack = pack or builtin_pack()
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    problem = _unterminated_comment(text) or _cr_only(text)
    if problem:
        return ParseResult(None, problem)
    source = text if text.endswith("\n") else text + "\n"
    _STRUCTURE.comments = []
    source = _blank_out_spanning_comments(source, _STRUCTURE.comments)
    try:
        parts = _lark().parse(source)
    except UnexpectedInput as error:
        return ParseResult(None, _syntax_problem(error, source))
    builder = _ModelBuilder(pack, _STRUCTURE.comments, text)
    sop = builder.build(parts)
    sop.bom = bom
    sop.line_ending = "\r\n" if "\r\n" in text else "\n"
    return ParseResult(sop, None, builder.layout)


# --- stage 2: meaning ---------------------------------------------------------


class _ModelBuilder:
    def __init__(self, pack: Pack, comments: list[Comment], text: str) -> None:
        self.pack = pack
        self.comments = comments
        self.text = text  # as parsed, comments in place, BOM removed
        self.layout: Layout | None = None  # the line tree, built for the first directive
        self.key_memo: dict[int, dict[str, tuple[str, str | None, bool, str | None] | None]] = {}  # see `_key`
        self.step_specs = {spec.name: spec for spec in pack.step_fields}
        # The longest activity that may still fold to a terminator (`Selesai .` and the like).
        self.terminator_length = 2 * max(map(len, pack.terminators), default=0) + 2

    def build(self, parts: list[tuple[str, Token, list[Item]]]) -> Sop:
        sop = Sop(title=None, title_span=None)
        for kind, heading, items in parts:
            if kind == "title":
                sop.title, sop.title_span = self._heading_text(heading, level=1)
                sop.intro = items
            else:
                sop.sections.append(self._section(heading, items))
        self._read_sections(sop)
        sop.comments = sorted(self.comments, key=lambda c: (c.span.line, c.span.column))
        sop.suppressions = self._suppressions(sop)
        return sop

    def _heading_text(self, heading: Token, level: int) -> tuple[str | None, Span]:
        raw = str(heading).rstrip("\r\n")
        # An inline comment in a heading is recorded (it may be a directive) and left out of text and span.
        body = _mask_comments([(raw[level:], heading.line, level + 1)], self.comments)[0]
        text = body.strip()
        text = " ".join(text.split()) if body != raw[level:] else text
        column = level + 1 + (len(body) - len(body.lstrip()))
        span = Span(heading.line, column, heading.line, column + len(text and body.strip()))
        return (text or None), span

    def _section(self, heading: Token, items: list[Item]) -> Section:
        title, span = self._heading_text(heading, level=2)
        title = title or ""
        name = title.rstrip(" :")
        kind = self.pack.section_names.get(fold(name))
        exact = kind is not None
        suggestion = None
        if kind is None and name:
            suggestion, unambiguous = closest(name, self.pack.section_names)
            if unambiguous:
                kind = suggestion
        end = items[-1].span if items else span
        return Section(
            title=title,
            kind=kind,
            exact=exact,
            suggestion=suggestion,
            heading_span=Span(heading.line, 1, heading.line, span.end_column),
            span=Span(heading.line, 1, end.end_line, end.end_column),
            items=items,
        )

    def _read_sections(self, sop: Sop) -> None:
        """Read the sections the pack says the model is built from (`reads`), the first of each
        kind only: a duplicate section is reported, not read twice. Steps last: they name the roles."""
        reads = self.pack.section_reads
        seen: set[str] = set()
        steps: Section | None = None
        for section in sop.sections:
            if section.kind is None or section.kind in seen:
                continue
            seen.add(section.kind)
            what = reads.get(section.kind)
            if what == "identity":
                sop.identity = self._identity(section)
            elif what == "roles":
                sop.roles = [self._role(item) for item in section.items if item.text]
            elif what == "citations":
                sop.citations = [self._citation(item) for item in section.items if item.text]
            elif what == "steps" and steps is None:
                steps = section
        if steps is not None:
            sop.steps = self._steps(steps, sop.roles)

    # Key: Value items ---------------------------------------------------------

    def _key(self, written: str, keys: dict[str, str]) -> tuple[str, str | None, bool, str | None] | None:
        """(key as written, canonical key, exact, suggestion) for the text before a colon;
        None when that is no key. Worked out once per spelling and file: every step repeats them."""
        memo = self.key_memo.get(id(keys))
        if memo is None:
            memo = self.key_memo[id(keys)] = {}
        if written in memo:
            return memo[written]
        key_text = written.strip()
        if not key_text or len(key_text) > 40:
            memo[written] = None
            return None
        key_text = intern(key_text)  # `Pelaksana`, `Waktu` …: one string each, however many steps
        key, exact, suggestion = resolve_key(key_text, keys, self.pack)
        memo[written] = resolved = (key_text, key, exact, suggestion)
        return resolved

    def _field(self, item: Item, keys: dict[str, str]) -> Field | None:
        text, text_span = item.text, item.text_span
        line, column, end_column = text_span.line, text_span.column, text_span.end_column
        first_end = end_column - column  # the first line's text is text[:first_end]
        colon_at = text.find(":", 0, first_end)
        if colon_at == -1:
            return None
        resolved = self._key(text[:colon_at], keys)
        if resolved is None:
            return None
        key_text, key, exact, suggestion = resolved
        after = text[colon_at + 1 : first_end]
        value = after.lstrip()
        value_column = column + colon_at + 1 + len(after) - len(value)
        if first_end < len(text):  # more text follows the first line's
            value = text[colon_at + 1 :].strip()
        if item.line_count > 1 and not item.subs:  # the value runs on over continuation lines
            end_line, end_column = item.span.end_line, item.span.end_column
        else:
            end_line = line
        return Field(
            key_text,
            key,
            exact,
            suggestion,
            value,
            Span(line, column, line, column + len(key_text)),
            Span(line, value_column, end_line, end_column if end_column > value_column else value_column),
            item,
        )

    def _identity(self, section: Section) -> Identity:
        identity = Identity(section=section)
        types = {spec.name: spec for spec in self.pack.identity_fields}
        for item in section.items:
            field = self._field(item, self.pack.identity_keys)
            if field is None:
                continue
            identity.fields.append(field)
            spec = types.get(field.key or "")
            if spec is None or not field.value or field.value == "-":
                continue
            if spec.type == "date":
                identity.dates.setdefault(spec.name, parse_date(field.value, field.value_span, self.pack))
            elif spec.type == "nip" and identity.nip is None:
                identity.nip = parse_nip(field.value, field.value_span)
            elif spec.type == "duration" and identity.time_limit is None:
                identity.time_limit = parse_duration(field.value, field.value_span, self.pack)
        return identity

    def _role(self, item: Item) -> Role:
        alias, colon, name = item.text.partition(":")
        span = _text_span(item, 0, len(item.text))
        if colon and alias.strip() and name.strip():
            alias = alias.strip()
            name_offset = len(item.text) - len(name.lstrip())
            name_span = _text_span(item, name_offset, len(item.text))
            alias_span = _text_span(item, 0, len(alias))
            return Role(alias, name.strip(), span, alias_span, name_span, item)
        return Role(item.text, item.text, span, span, span, item)

    def _citation(self, item: Item) -> Citation:
        return parse_citation(item.text, item.text_span, self.pack, item.line_starts)

    # Steps ----------------------------------------------------------------------

    def _steps(self, section: Section, roles: list[Role]) -> list[Step]:
        by_name: dict[str, Role] = {}
        for role in roles:
            by_name.setdefault(fold(role.alias), role)
            by_name.setdefault(fold(role.name), role)
        steps: list[Step] = []
        for item in section.items:
            if not item.marker:
                continue  # a paragraph in Prosedur is a note, not a step
            step = Step(len(steps), item.number, item.marker_span, item.text, item.text_span, item)
            # Terminators are single words: a longer activity is not folded to find out.
            text = item.text
            step.terminator = len(text) <= self.terminator_length and fold(text.rstrip(".")) in self.pack.terminators
            for sub in item.subs:
                field = self._field(sub, self.pack.step_keys)
                if field is None:
                    step.other_subs.append(sub)
                    continue
                step.fields.append(field)
                self._step_field(step, field, by_name)
            steps.append(step)
        return steps

    def _step_field(self, step: Step, field: Field, roles: dict[str, Role]) -> None:
        """Fill the step's attribute that the field's type in the pack names (the first field of each)."""
        spec = self.step_specs.get(field.key or "")
        kind = spec.type if spec is not None else "text"
        if kind == "roles" and not step.performers:
            step.performers = _role_refs(field, roles)
        elif kind == "duration" and step.duration is None:
            step.duration = parse_duration(field.value, field.value_span, self.pack)
        elif kind == "decision" and step.decision is None:
            step.decision = field.value
        elif kind == "step" and spec is not None and spec.branch is not None and getattr(step, spec.branch) is None:
            setattr(step, spec.branch, parse_step_ref(field.value, field.value_span, self.pack))

    # Suppression comments -------------------------------------------------------------

    def _suppressions(self, sop: Sop) -> list[Suppression]:
        nodes: list[Span] | None = None  # made for the first directive
        starts: list[int] = []
        result: list[Suppression] = []
        for comment in sop.comments:
            found = directive(comment.text)
            if found is None:
                continue
            if nodes is None:  # the nodes a directive may cover: headings and items, in order
                self.layout = build_layout(sop, self.text)
                nodes = node_spans(self.layout)
                starts = [span.line for span in nodes]
            codes, file_wide = found.codes, found.file_wide
            target: Span | None = None
            if not file_wide:
                if comment.own_line:
                    index = bisect.bisect_right(starts, comment.span.end_line)
                    target = nodes[index] if index < len(nodes) else None
                else:
                    target = Span(comment.span.line, 1, comment.span.line, 10**9)
            result.append(Suppression(codes, file_wide, comment.span, target))
        return result


def _text_span(item: Item, start: int, end: int) -> Span:
    """Where `item.text[start:end]` stands, cut at the end of the line it starts on
    (the text may start on a continuation line: `-` alone, then the text)."""
    starts = item.line_starts or [(0, item.text_span.line, item.text_span.column)]
    index = max(bisect.bisect_right(starts, (start, 10**9, 10**9)) - 1, 0)
    offset, line, column = starts[index]
    limit = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(item.text)  # -1: the joining space
    return Span(line, column + start - offset, line, column + max(min(end, limit), start) - offset)


def _role_refs(field: Field, roles: dict[str, Role]) -> list[RoleRef]:
    """Split `A, B` into role references; a declared name holding a comma stays whole."""
    value = field.value
    if "," not in value and ";" not in value:  # one role: most steps
        text = value.strip()
        if not text:
            return []
        span = field.value_span
        return [RoleRef(text, Span(span.line, span.column, span.line, span.column + len(text)), roles.get(fold(text)))]
    pieces: list[tuple[int, int]] = []  # offsets of each comma-separated part
    position = 0
    for match in _LIST_SPLIT.finditer(value):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, len(value)))
    refs: list[RoleRef] = []
    # A run longer than the most comma-parts a declared name holds names nothing:
    # bounding it keeps a line of many commas linear, not cubic.
    widest = max((len(_LIST_SPLIT.findall(name)) for name in roles), default=0) if len(pieces) > 1 else 0
    i = 0
    while i < len(pieces):
        end = i
        for j in range(min(len(pieces) - 1, i + widest), i, -1):  # the longest run of parts that names a role
            if fold(value[pieces[i][0] : pieces[j][1]]) in roles:
                end = j
                break
        start_offset, end_offset = pieces[i][0], pieces[end][1]
        text = value[start_offset:end_offset].strip()
        if text:
            span = field.value_span
            refs.append(
                RoleRef(
                    text,
                    Span(span.line, span.column + start_offset, span.line, span.column + start_offset + len(text)),
                    roles.get(fold(text)),
                )
            )
        i = end + 1
    return refs
