"""Writing SOP files back, safely (as black does it).

Two guards stand before every write:

1. `verify`: the new text is parsed again and its model compared with the
   old one as the plan says it must be: the same title, the same sections
   (in the planned order) with the same items, the same steps in the same
   order with the same attributes and the same flow graph, the same
   comments and suppressions. The flow graph is compared by the steps'
   identity — which activity leads to which — not by their numbers, with
   the terminators removed contracted into the step they led to, and with
   the numbers written in a reference the parser does not read
   (`lihat langkah 4`) taken as the steps they would name: a
   renumbering that leaves such a reference naming another step fails.
   The lines an item removed owns (its comments go with it) are read from
   the old text's line tree (`sop_lint.lines`), the one the renderer used.
   A text that does not parse, or parses to another SOP, raises
   `UnsafeChange`: nothing is written.
2. `write_atomic`: the bytes go to a temporary file in the file's own
   directory, are flushed to disk (fsync), get the file's permissions, and
   replace the file in one rename (`os.replace`). Killed at any moment, the
   original is either untouched or wholly replaced; at worst a stray
   temporary file (`.NAME.*.sop-lint.tmp`) is left beside it.

Line endings (LF or CRLF) and a BOM are kept: `encode` writes the text
back with the ones the file had.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fixes import Plan, step_map
from .flow import build_flow
from .lines import Layout, Node, directive, split_keepends
from .model import Field, Item, Sop, Span, Step, StepRef
from .parser import ParseResult, parse_text
from .values.refs import parse_step_ref

if TYPE_CHECKING:
    from .pack import Pack
    from .parser import SyntaxProblem

TEMP_SUFFIX = ".sop-lint.tmp"


class UnsafeChange(Exception):
    """The new text is not the same SOP as the old one; nothing is written."""


class ParseFailure(Exception):
    """The file does not parse: it is never rewritten."""

    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(f"{problem.span.line}:{problem.span.column}: {problem.message}")
        self.problem = problem


# The check ----------------------------------------------------------------------------


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _item(item: Item, spans: dict[int, list[tuple[int, int, str]]] | None = None) -> tuple[Any, ...]:
    text = _respanned(item.text, item.text_span, item.line_starts, spans) if spans else item.text
    return (bool(item.marker), _norm(text), tuple(_item(sub, spans) for sub in item.subs))


def _respanned(
    text: str, start: Span, line_starts: list[tuple[int, int, int]], spans: dict[int, list[tuple[int, int, str]]]
) -> str:
    """`text` (which begins at `start`) with the plan's in-line span edits made: what the
    old model's text becomes when a fix replaces part of it (a unit, a role, a year)."""
    starts = line_starts or [(0, start.line, start.column)]
    for offset, line, column in sorted(starts, reverse=True):  # the last line first: earlier offsets hold
        for begin, end, new in sorted(spans.get(line, []), reverse=True):
            at = offset + begin - column
            if at >= offset and begin >= column:
                text = text[:at] + new + text[at + end - begin :]
    return text


class _Digest:
    """What must not change, in a comparable form. For the old model, `plan` says
    what the fix meant to change (steps removed, references renumbered)."""

    def __init__(self, sop: Sop, plan: Plan | None, pack: Pack, layout: Layout | None = None) -> None:
        self.sop = sop
        self.layout = layout  # the old text's line tree: which lines the items removed own
        self.pack = pack
        self.references = pack.step_ref_keys()
        self.plan = plan or Plan()
        self.removed = self.plan.removed
        self.dropped = {line for line, number in self.plan.refs.items() if number is None}
        self.mapping = step_map(sop, self.plan)  # old index -> index after the plan
        self.by_number = sop.step_numbers()
        self.removed_steps = {step.index for step in sop.steps if step.item.span.line in self.removed}
        self.steps = {id(step.item): step for step in sop.steps}

    def parts(self) -> dict[str, Any]:
        sop = self.sop
        order = self.plan.order or list(range(len(sop.sections)))
        reads = self.pack.section_reads
        prosedur = next((s for s in sop.sections if s.kind is not None and reads.get(s.kind) == "steps"), None)
        sections = []
        for index in order:
            section = sop.sections[index]
            key = section.kind or self.plan.headings.get(section.heading_span.line) or ("?", _norm(section.title))
            if section is prosedur:
                listed: list[tuple[Any, ...]] = []
                for item in section.items:
                    step = self.steps.get(id(item))
                    if step is None:
                        listed.append(_item(item, self.plan.spans))
                    elif item.span.line not in self.removed:
                        listed.append(self._step(step))
                items = tuple(listed)
            elif sop.identity is not None and section is sop.identity.section:
                fields = {id(f.item): f for f in sop.identity.fields}
                items = tuple(self._field(fields[id(i)]) if id(i) in fields else _item(i, self.plan.spans) for i in section.items)
            else:
                items = tuple(_item(item, self.plan.spans) for item in section.items)
            sections.append((key, items))
        comments, suppressions = self._comments()
        return {
            "title": _norm(sop.title),
            "introduction": tuple(_item(item) for item in sop.intro),
            "sections": tuple(sections),
            "flow graph": activity_graph(sop, self.pack, self.removed_steps),
            "comments": comments,
            "suppressions": suppressions,
        }

    def _step(self, step: Step) -> tuple[Any, ...]:
        fields = {id(f.item): f for f in step.fields}
        subs = tuple(
            self._field(fields[id(sub)]) if id(sub) in fields else _item(sub)
            for sub in step.item.subs
            if sub.span.line not in self.dropped
        )
        return ("step", _norm(step.activity), step.terminator, subs)

    def _field(self, f: Field) -> tuple[Any, ...]:
        key = f.key or self.plan.keys.get(f.item.span.line) or ("?", _norm(f.key_text))
        subs = tuple(_item(sub) for sub in f.item.subs)
        if f.key in self.references:
            return (key, "step", self._target(f), subs)
        nip = self.sop.identity.nip if self.sop.identity is not None else None
        if nip is not None and _inside(nip.span, f.value_span):  # grouped anew by M108's fix
            return (key, "nip", nip.digits, subs)
        value = _respanned(f.value, f.value_span, [], self.plan.spans) if self.plan.spans else f.value
        return (key, _norm(value), subs)

    def _target(self, f: Field) -> Any:
        """The step a reference names, as its index after the plan (`end`: the end)."""
        ref = parse_step_ref(f.value, f.value_span, self.pack)
        if ref.end:
            return "end"
        target = self.by_number.get(ref.target) if ref.target is not None else None
        if target is None:
            return ("names no step", _norm(f.value))
        index = target.index
        while index < len(self.sop.steps) and index in self.removed_steps:
            index += 1
        return self.mapping.get(index, "end")

    def _comments(self) -> tuple[tuple[str, ...], tuple[tuple[bool, tuple[str, ...]], ...]]:
        gone = self._lines_removed()

        def lost(line: int) -> bool:
            return line in gone

        own_line = {c.span for c in self.sop.comments if c.own_line}
        comments: list[str] = []
        for comment in self.sop.comments:
            # A suppression written on the line of an item removed goes with it.
            if not comment.own_line and lost(comment.span.line) and _is_node_directive(comment.text):
                continue
            comments.append(_norm(comment.text) or "")
        suppressions = [
            (s.file_wide, tuple(s.codes))
            for s in self.sop.suppressions
            if s.file_wide or s.span in own_line or not lost(s.span.line)
        ]
        return tuple(sorted(comments)), tuple(sorted(suppressions))

    def _lines_removed(self) -> set[int]:
        """The lines the items the plan removes (steps, fields) own, read from the line tree."""
        starts = self.removed | self.dropped
        if not starts:
            return set()
        if self.layout is None:
            raise ValueError("verify: a plan that removes items needs the line tree of the old text")
        gone: set[int] = set()

        def owned(node: Node) -> None:
            gone.add(node.line)
            gone.update(node.body)
            for child in node.children:
                gone.update(child.gap)
                owned(child)

        def walk(node: Node) -> None:
            if node.item is not None and node.line in starts:
                owned(node)
            else:
                for child in node.children:
                    walk(child)

        for top in ([self.layout.title] if self.layout.title is not None else []) + self.layout.sections:
            walk(top)
        return gone


_NUMBER = re.compile(r"\d{1,9}")


def activity_graph(sop: Sop, pack: Pack, removed: set[int] | frozenset[int] = frozenset()) -> tuple[Any, ...]:
    """The flow graph by the steps' identity: each step (its activity, and which
    occurrence of that activity it is) with the steps it may go to (`END`; `*` when its
    flow is unknown) and the steps the numbers in its unread references name. The
    steps in `removed` (terminators a fix removes) are contracted into the step they
    lead to."""
    flow = build_flow(sop)
    ref_keys = pack.step_ref_keys()
    steps = sop.steps
    end = len(steps)
    identity: dict[int, tuple[str | None, int]] = {}
    occurrences: dict[str | None, int] = {}
    for step in steps:
        if step.index not in removed:
            activity = _norm(step.activity)
            occurrences[activity] = occurrences.get(activity, 0) + 1
            identity[step.index] = (activity, occurrences[activity])

    def named(index: int) -> Any:
        while index < end and index in removed:
            index += 1
        return "END" if index >= end else identity[index]

    by_number = sop.step_numbers()
    nodes: list[tuple[Any, ...]] = []
    for step in steps:
        if step.index in removed:
            continue
        targets: Any = "*" if flow.unknown[step.index] else tuple(sorted({repr(named(t)) for t in flow.successors[step.index]}))
        mentions = tuple(
            (f.key, tuple(repr(named(by_number[n].index)) if n in by_number else f"no step {n}" for n in _numbers(f.value)))
            for f in step.fields
            if f.key in ref_keys and _unread(parse_step_ref(f.value, f.value_span, pack))
        )
        nodes.append((repr(identity[step.index]), targets, mentions))
    return tuple(sorted(nodes))


def _unread(ref: StepRef) -> bool:
    return ref.target is None and not ref.end


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (inner.end_line, inner.end_column) <= (
        outer.end_line,
        outer.end_column,
    )


def _numbers(text: str) -> list[int]:
    return [int(match[0]) for match in _NUMBER.finditer(text)]


def _is_node_directive(text: str) -> bool:
    found = directive(text)
    return found is not None and not found.file_wide


def verify(old: Sop, new_text: str, plan: Plan, pack: Pack, layout: Layout | None = None) -> ParseResult:
    """Raise `UnsafeChange` unless `new_text` parses to `old` changed as `plan` says;
    the parse of `new_text`, which the next lint may use. `layout`: the line tree of
    the text `old` was parsed from, when the caller has it (else made if needed)."""

    result = parse_text(new_text, pack)
    if result.sop is None:
        assert result.problem is not None
        span = result.problem.span
        raise UnsafeChange(f"the new text would not parse ({span.line}:{span.column}: {result.problem.message})")
    expected = _Digest(old, plan, pack, layout).parts()
    actual = _Digest(result.sop, None, pack).parts()
    for part, value in expected.items():
        if actual[part] != value:
            raise UnsafeChange(f"the new text would not be the same SOP (its {part} would differ)")
    return result


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts, as `diff -u` shows it (empty when they are equal)."""
    import difflib

    def lines(text: str) -> list[str]:
        split = split_keepends(text)
        if split and not split[-1].endswith("\n"):
            split[-1] += "\n\\ No newline at end of file\n"
        return split

    return "".join(difflib.unified_diff(lines(old), lines(new), fromfile=name, tofile=name))


# Writing ------------------------------------------------------------------------------


def encode(text: str, bom: bool, line_ending: str) -> bytes:
    """`text` (LF line ends) as the file's bytes: its line ending, its BOM."""
    if line_ending != "\n":
        text = text.replace("\n", line_ending)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace the file's content with `data` in one rename, keeping its permissions.

    A symbolic link is followed: the file it points to is replaced, the link stays.
    A file that does not exist yet is created the same way. `durable=False` skips
    the fsyncs (some milliseconds a file): for output made again from its source
    (a rendered page), which the rename still keeps whole when the process is killed.
    """
    target = Path(os.path.realpath(path))
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:  # a new file (a rendered page): the permissions a plain open() gives
        status = None
    if status is not None:
        mode = stat.S_IMODE(status.st_mode)
        # A read-only file is left alone, as black and ruff do (root could replace it anyway).
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "the file is read-only; not rewritten", str(path))
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with _signals_held():
        _write_replacing(target, data, durable, mode, status)
    if durable:
        _sync_directory(target.parent)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM during a write takes effect when it is done: between creating
    the temporary file and the `try` that removes it, a signal would leave it behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    previous = {number: signal.signal(number, hold) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for signum in received[:1]:
            signal.raise_signal(signum)  # now, with the handler the program had


def _write_replacing(target: Path, data: bytes, durable: bool, mode: int, status: os.stat_result | None) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if status is not None and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            # Keep the owner: a run as root must not hand a user's file to root.
            with contextlib.suppress(OSError):
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def create_atomic(path: Path, data: bytes, replace: bool = False) -> None:
    """Write a new file in one step: the bytes go to a temporary file beside it, flushed
    to disk, then take the name — only if nothing has it (FileExistsError), unless
    `replace`. Killed at any moment, there is either no file or the whole file."""
    directory = path.parent if str(path.parent) else Path(".")
    with _signals_held():  # no temporary file left by a signal (see write_atomic)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as open() would make it, not mkstemp's 0600
            if replace:
                os.replace(temporary, path)
            else:
                os.link(temporary, path)  # fails if the name is taken: never over another file
                os.unlink(temporary)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    _sync_directory(directory)
