"""The procedure matrix as pages of rows and role columns, with its flowchart routed.

The layout is fixed by the regulation: step i is a row, the role that does it
is the column. What is computed here is everything else the flowchart needs:

- the symbol of each step (terminator capsule, process rectangle, decision
  diamond) in its first performer's column, the other performers marked;
  a `Mulai` capsule row before the first step and a `Selesai` row after the
  last, unless the procedure writes them as steps itself;
- the arrows of the flow graph (`sop_lint.flow.build_flow`: the default next
  step, `Lanjut`, both branches of a decision, loops back), each routed
  orthogonally through the cells as segments in cell coordinates;
- pages of N steps, and for every arrow that crosses a page a lettered pair
  of off-page connectors: one in a row at the bottom of the sender's page, in
  the sender's column, its twin in a row at the top of the receiver's page.

Coordinates of a segment are percentages of its cell (x from the left, y from
the top), so the drawing follows whatever height the browser gives a row.
Routing: an arrow to the next row leaves the bottom of its symbol, turns in
the lower part of its row (`TURN`), runs across and enters the next symbol
from the top. Every other arrow (jumps, loops back, a decision's second
branch, which leaves a side vertex) runs in a *lane*: a vertical track in the
gutter of a column, beside the symbols, chosen by interval colouring over the
rows it spans so that no two arrows share a lane; it enters its target from
the top after a run across the upper part of the target's row (`ENTER`).
Horizontal runs stay in their own rows above or below the symbols, so no
arrow crosses another step's symbol.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from ..flow import Flow, step_label
from ..model import Sop, Step
from ..records import Record

START: Final = "start"
END_NODE: Final = "end"
TURN = 88.0  # y (%) where an arrow leaving the bottom of a symbol turns
ENTER = 12.0  # y (%) where an arrow from a lane runs to its target's top
CENTRE = 50.0
# Lane positions (x, %) in a column's right and left gutters, nearest the edge first:
# the symbols are at most half a column wide (25%..75%).
LANES_RIGHT = (96.0, 91.0, 86.0, 81.0)
LANES_LEFT = (4.0, 9.0, 14.0, 19.0)
DEFAULT_STEPS_PER_PAGE = 8

SymbolKind = Literal["terminator", "process", "decision", "offpage"]
RowKind = Literal["start", "step", "end", "in", "out"]
Node = int | Literal["start", "end"]


# A straight piece of one arrow inside one cell: (x1, y1, x2, y2, the arrow's `Edge.key`),
# in percent of the cell. A plain tuple: a page has a thousand of them.
Segment = tuple[float, float, float, float, str]


class Edge(Record):
    """An arrow of the flow graph between two nodes (step indices, START, END)."""

    __slots__ = ("key", "source", "target", "label", "back", "letter")  # noqa: RUF023 - the fields in order
    _defaults = {"letter": None}

    key: str  # `3>2` (written step labels; `mulai`, `selesai`), unique in the layout
    source: Node
    target: Node
    label: str  # "Ya", "Tidak" or "" (the default next step, Lanjut)
    back: bool  # goes to the same or an earlier step (a loop)
    letter: str | None  # the off-page connector pair's letter when it crosses a page

    def __init__(self, key: str, source: Node, target: Node, label: str, back: bool, letter: str | None = None) -> None:
        self.key = key
        self.source = source
        self.target = target
        self.label = label
        self.back = back
        self.letter = letter


class Row(Record):
    """One row of a page of the matrix: a step, a capsule, or an off-page connector."""

    __slots__ = ("kind", "step", "column", "symbol", "text", "marks", "edge", "other_page", "cells", "entered", "exits")  # noqa: RUF023
    _defaults = {"marks": list, "edge": None, "other_page": None, "cells": list, "entered": False, "exits": dict}

    kind: RowKind
    step: Step | None
    column: int  # the role column holding the symbol
    symbol: SymbolKind
    text: str  # the capsule's word, the connector's letter; "" for a step
    marks: list[int]  # the columns of a step's other performers
    edge: Edge | None  # a connector row: the arrow it carries over the page
    other_page: int | None  # a connector row: the page (0-based) of its twin
    cells: list[list[Segment]]  # per role column, the arrow segments drawn in it
    entered: bool  # some arrow ends at the symbol (it gets an arrowhead on top)
    exits: dict[str, tuple[str, str]]  # edge key -> (label, "bottom"/"left"/"right"): where Ya/Tidak are written

    def __init__(
        self,
        kind: RowKind,
        step: Step | None,
        column: int,
        symbol: SymbolKind,
        text: str = "",
        marks: list[int] | None = None,
        edge: Edge | None = None,
        other_page: int | None = None,
        cells: list[list[Segment]] | None = None,
        entered: bool = False,
        exits: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.kind = kind
        self.step = step
        self.column = column
        self.symbol = symbol
        self.text = text
        self.marks = [] if marks is None else marks
        self.edge = edge
        self.other_page = other_page
        self.cells = [] if cells is None else cells
        self.entered = entered
        self.exits = {} if exits is None else exits


class Page(Record):
    __slots__ = ("number", "rows")

    number: int  # 0-based
    rows: list[Row]

    def __init__(self, number: int, rows: list[Row]) -> None:
        self.number = number
        self.rows = rows


class Layout(Record):
    __slots__ = ("columns", "pages", "edges", "crowded")  # noqa: RUF023 - the fields in order
    _defaults = {"crowded": False}

    columns: list[str]  # the role columns' headings (aliases), in declaration order
    pages: list[Page]
    edges: list[Edge]
    crowded: bool  # some lane had to be shared: more parallel arrows than gutters

    def __init__(
        self,
        columns: list[str],
        pages: list[Page],
        edges: list[Edge],
        crowded: bool = False,
    ) -> None:
        self.columns = columns
        self.pages = pages
        self.edges = edges
        self.crowded = crowded


def is_decision(step: Step) -> bool:
    """Drawn as a diamond: a `Keputusan`, or a Ya/Tidak written without one (S403 says so)."""
    return step.decision is not None or step.yes is not None or step.no is not None


def _columns(sop: Sop) -> tuple[list[str], list[int | None], list[list[int]]]:
    """Column headings, each step's symbol column (None: no declared performer), its marks."""
    columns = [role.alias for role in sop.roles] or ["Pelaksana"]
    position = {id(role): i for i, role in enumerate(sop.roles)}
    main: list[int | None] = []
    marks: list[list[int]] = []
    for step in sop.steps:
        found: list[int] = []
        for ref in step.performers:
            if ref.role is not None and position[id(ref.role)] not in found:
                found.append(position[id(ref.role)])
        main.append(found[0] if found else None)
        marks.append(found[1:])
    # A step with no performer (a written Mulai/Selesai, or R301's mistake) sits
    # in the column of its nearest neighbour that has one, else the first.
    filled: list[int | None] = list(main)
    for i, column in enumerate(main):
        if column is None:
            around = [main[j] for j in (*range(i + 1, len(main)), *range(i - 1, -1, -1)) if main[j] is not None]
            filled[i] = around[0] if around else 0
    return columns, filled, marks


def _edges(sop: Sop, flow: Flow, has_start: bool, has_end: bool) -> list[Edge]:
    steps = sop.steps
    n = len(steps)

    def key(node: Node) -> str:
        if node == START:
            return "mulai"
        if node == END_NODE:
            return "selesai"
        assert isinstance(node, int)
        return step_label(steps[node])

    edges: list[Edge] = []
    names: set[str] = set()

    def add(source: Node, target: Node, label: str) -> None:
        if target == n:
            if not has_end:
                return
            target = END_NODE
        back = isinstance(source, int) and isinstance(target, int) and target <= source
        base = f"{key(source)}>{key(target)}"
        name, count = base, 1
        while name in names:  # `Ya` and `Tidak` to one step, duplicate numbers
            count += 1
            name = f"{base}#{count}"
        names.add(name)
        edges.append(Edge(name, source, target, label, back))

    if has_start and n:
        add(START, 0, "")
    for step in steps:
        i = step.index
        branches = flow.branches[i]
        if is_decision(step):
            drawn = [b for b in branches if b.key in ("Ya", "Tidak") and b.target is not None]
            for branch in drawn:
                assert branch.target is not None
                add(i, branch.target, branch.key)
            if drawn or any(b.key in ("Ya", "Tidak") for b in branches):
                continue  # a branch to no step (S402) is not drawn
        elif any(b.key == "Lanjut" for b in branches):
            for branch in branches:
                if branch.key == "Lanjut" and branch.target is not None:
                    add(i, branch.target, "")
            continue
        if not (step.terminator and _is_end_word(step) and i == n - 1):
            add(i, i + 1, "")
    return edges


def _is_end_word(step: Step) -> bool:
    return step.activity.strip().casefold() in ("selesai", "end")


def _letters(count: int) -> list[str]:
    """A … Z, AA, AB …"""
    letters: list[str] = []
    for i in range(count):
        text, k = "", i
        while True:
            text = chr(ord("A") + k % 26) + text
            k = k // 26 - 1
            if k < 0:
                break
        letters.append(text)
    return letters


def build_layout(sop: Sop, flow: Flow, steps_per_page: int = DEFAULT_STEPS_PER_PAGE) -> Layout:
    steps = sop.steps
    n = len(steps)
    columns, column_of, marks = _columns(sop)
    has_start = bool(n) and not (steps[0].terminator and not _is_end_word(steps[0]))
    has_end = bool(n) and not (steps[-1].terminator and _is_end_word(steps[-1]))
    edges = _edges(sop, flow, has_start, has_end)
    per_page = max(1, steps_per_page)
    page_count = max(1, -(-n // per_page))

    def page_of(node: Node) -> int:
        if node == START:
            return 0
        if node == END_NODE:
            return page_count - 1
        assert isinstance(node, int)
        return node // per_page

    def column(node: Node) -> int:
        if node == START:
            return column_of[0] or 0
        if node == END_NODE:
            return column_of[-1] or 0
        assert isinstance(node, int)
        return column_of[node] or 0

    pages_of = {edge.key: (page_of(edge.source), page_of(edge.target)) for edge in edges}
    crossing = [e for e in edges if pages_of[e.key][0] != pages_of[e.key][1]]
    for edge, letter in zip(crossing, _letters(len(crossing)), strict=True):
        edge.letter = letter

    layout = Layout(columns, [], edges)
    for number in range(page_count):
        rows: list[Row] = []
        row_of: dict[Node, int] = {}
        if number == 0 and has_start:
            row_of[START] = len(rows)
            rows.append(Row("start", None, column(START), "terminator", "Mulai"))
        incoming = {}
        for edge in crossing:
            if pages_of[edge.key][1] == number:
                incoming[edge.key] = len(rows)
                rows.append(
                    Row(
                        "in", None, column(edge.target), "offpage", edge.letter or "", edge=edge, other_page=pages_of[edge.key][0]
                    )
                )
        for i in range(number * per_page, min(n, (number + 1) * per_page)):
            row_of[i] = len(rows)
            step = steps[i]
            symbol: SymbolKind = "terminator" if step.terminator else "decision" if is_decision(step) else "process"
            text = step.activity.strip() if step.terminator else ""
            rows.append(Row("step", step, column(i), symbol, text, marks=marks[i]))
        if number == page_count - 1 and has_end:
            row_of[END_NODE] = len(rows)
            rows.append(Row("end", None, column(END_NODE), "terminator", "Selesai"))
        outgoing = {}
        for edge in crossing:
            if pages_of[edge.key][0] == number:
                outgoing[edge.key] = len(rows)
                rows.append(
                    Row(
                        "out",
                        None,
                        column(edge.source),
                        "offpage",
                        edge.letter or "",
                        edge=edge,
                        other_page=pages_of[edge.key][1],
                    )
                )
        local: list[tuple[int, int, Edge]] = []
        for edge in edges:
            source_page, target_page = pages_of[edge.key]
            if source_page == target_page == number:
                local.append((row_of[edge.source], row_of[edge.target], edge))
            elif source_page == number:
                local.append((row_of[edge.source], outgoing[edge.key], edge))
            elif target_page == number:
                local.append((incoming[edge.key], row_of[edge.target], edge))
        for row in rows:
            row.cells = [[] for _ in columns]
        layout.crowded |= _route(rows, local, len(columns))
        layout.pages.append(Page(number, rows))
    return layout


# --- routing -----------------------------------------------------------------------------


def _hline(rows: list[Row], row: int, c1: int, x1: float, c2: int, x2: float, y: float, key: str) -> None:
    """A horizontal run in one row from (column c1, x1) to (c2, x2), cut at the cell edges."""
    if (c1, x1) > (c2, x2):
        c1, x1, c2, x2 = c2, x2, c1, x1
    for c in range(c1, c2 + 1):
        a = x1 if c == c1 else 0.0
        b = x2 if c == c2 else 100.0
        if a != b:
            rows[row].cells[c].append((a, y, b, y, key))


def _vline(rows: list[Row], column: int, x: float, r1: int, y1: float, r2: int, y2: float, key: str) -> None:
    """A vertical run in one column from (row r1, y1) to (r2, y2), cut at the row edges."""
    if (r1, y1) > (r2, y2):
        r1, y1, r2, y2 = r2, y2, r1, y1
    for r in range(r1, r2 + 1):
        a = y1 if r == r1 else 0.0
        b = y2 if r == r2 else 100.0
        if a != b:
            rows[r].cells[column].append((x, a, x, b, key))


def _lane_preferences(source: int, target: int, columns: int) -> list[tuple[int, float]]:
    """Lane slots (column, x) in the order tried: the right gutter of the rightmost
    column the arrow touches and further right, then to the left."""
    right, left = max(source, target), min(source, target)
    slots: list[tuple[int, float]] = []
    for c in range(right, columns):
        slots += [(c, x) for x in LANES_RIGHT]
        if c + 1 < columns:
            slots += [(c + 1, x) for x in LANES_LEFT]
    for c in range(left, -1, -1):
        slots += [(c, x) for x in LANES_LEFT]
        if c - 1 >= 0:
            slots += [(c - 1, x) for x in LANES_RIGHT]
    return slots


def _label(row: Row, edge: Edge) -> str:
    """Ya/Tidak is written beside the decision only, not beside a connector carrying its arrow."""
    return edge.label if row.kind == "step" else ""


def _route(rows: list[Row], local: Sequence[tuple[int, int, Edge]], columns: int) -> bool:
    """Draw a page's arrows into its cells; True when some lane had to be shared."""
    by_source: dict[int, list[tuple[int, int, Edge]]] = {}
    for item in local:
        by_source.setdefault(item[0], []).append(item)
    direct: list[tuple[int, int, Edge]] = []
    laned: list[tuple[int, int, Edge, bool]] = []  # (…, leaves by a side vertex)
    for source, items in by_source.items():
        # The branch to the next row leaves the bottom (Ya first); a second one leaves a side.
        items.sort(key=lambda item: (item[1] != source + 1, item[2].label != "Ya"))
        for position, (s, t, edge) in enumerate(items):
            side = position > 0
            if not side and t == s + 1:
                direct.append((s, t, edge))
            else:
                laned.append((s, t, edge, side))
    for s, t, edge in direct:
        cs, ct = rows[s].column, rows[t].column
        rows[s].exits[edge.key] = (_label(rows[s], edge), "bottom")
        if cs == ct:
            _vline(rows, cs, CENTRE, s, CENTRE, t, CENTRE, edge.key)
        else:
            _vline(rows, cs, CENTRE, s, CENTRE, s, TURN, edge.key)
            _hline(rows, s, cs, CENTRE, ct, CENTRE, TURN, edge.key)
            _vline(rows, ct, CENTRE, s, TURN, t, CENTRE, edge.key)
        rows[t].entered = True
    taken: dict[tuple[int, float], list[tuple[int, int]]] = {}
    crowded = False
    laned.sort(key=lambda item: (min(item[0], item[1]), max(item[0], item[1])))
    for s, t, edge, side in laned:
        cs, ct = rows[s].column, rows[t].column
        low, high = min(s, t), max(s, t)
        preferences = _lane_preferences(cs, ct, columns)
        free = next((slot for slot in preferences if all(b < low or a > high for a, b in taken.get(slot, ()))), None)
        if free is None:
            crowded = True
        lane_column, lane_x = free or preferences[0]
        taken.setdefault((lane_column, lane_x), []).append((low, high))
        if side:
            towards_right = (lane_column, lane_x) > (cs, CENTRE)
            rows[s].exits[edge.key] = (_label(rows[s], edge), "right" if towards_right else "left")
            start_y = CENTRE
        else:
            rows[s].exits[edge.key] = (_label(rows[s], edge), "bottom")
            _vline(rows, cs, CENTRE, s, CENTRE, s, TURN, edge.key)
            start_y = TURN
        _hline(rows, s, cs, CENTRE, lane_column, lane_x, start_y, edge.key)
        _vline(rows, lane_column, lane_x, s, start_y, t, ENTER, edge.key)
        _hline(rows, t, lane_column, lane_x, ct, CENTRE, ENTER, edge.key)
        _vline(rows, ct, CENTRE, t, ENTER, t, CENTRE, edge.key)
        rows[t].entered = True
    return crowded
