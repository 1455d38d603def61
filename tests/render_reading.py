"""Reading a rendered page back: the matrix as the browser would lay it out, in
grid coordinates, for the structural tests.

Only what is on the page is used: the table cells (their position in their
row and table), the `<svg class="symbol">` elements in them and the `<line>`
segments with their `data-edge` key, in cell percentages. A point of the
drawing is (column + x/100, row + y/100) on its page, so pieces of one arrow
in neighbouring cells meet exactly where they should.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import html5lib  # type: ignore[import-untyped]  # no stubs published

SVG = "{http://www.w3.org/2000/svg}"


def parse_strict(text: str) -> Element:
    """The page as html5lib's strict parser reads it: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: Element = parser.parse(text)
    return root


@dataclass
class Symbol:
    page: int
    row: int
    column: int
    kind: str
    step: str | None  # the position (1-based) of the step it stands for
    mark: bool
    letter: str | None
    text: str
    labels: dict[str, str]  # edge key -> "Ya"/"Tidak" written beside this symbol
    arrowhead: bool

    @property
    def centre(self) -> tuple[float, float]:
        return (self.column + 0.5, self.row + 0.5)


@dataclass
class Line:
    page: int
    edge: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Matrix:
    columns: list[str]
    symbols: list[Symbol] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    row_kinds: dict[tuple[int, int], str] = field(default_factory=dict)
    pages: int = 0


def _pct(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1]) / 100


def read_matrix(root: Element) -> Matrix:
    sections = [s for s in root.iter("section") if "page" in (s.get("class") or "").split()]
    matrix: Matrix | None = None
    for page_index, section in enumerate(sections):
        table = section.find(".//table")
        assert table is not None
        names = [th.text or "" for th in table.iter("th") if th.get("class") == "role-name"]
        if matrix is None:
            matrix = Matrix(names)
        assert names == matrix.columns, "every page repeats the same role columns"
        tbody = table.find("tbody")
        assert tbody is not None
        for row_index, tr in enumerate(tbody.findall("tr")):
            matrix.row_kinds[(page_index, row_index)] = tr.get("data-row-kind") or ""
            cells = tr.findall("td")
            assert len(cells) == 2 + len(names) + 4, "No, Kegiatan, the roles, Mutu Baku x3, Keterangan"
            for column, td in enumerate(cells[2 : 2 + len(names)]):
                tile = td.find(f"{SVG}svg")
                if tile is None:
                    continue
                for line in tile.iter(f"{SVG}line"):
                    x1, y1 = column + _pct(line.get("x1", "")), row_index + _pct(line.get("y1", ""))
                    x2, y2 = column + _pct(line.get("x2", "")), row_index + _pct(line.get("y2", ""))
                    matrix.lines.append(Line(page_index, line.get("data-edge", ""), x1, y1, x2, y2))
                for symbol in tile.findall(f"{SVG}svg"):
                    texts = symbol.findall(f"{SVG}text")
                    labels = {t.get("data-label-of", ""): t.text or "" for t in texts if t.get("data-label-of")}
                    plain = " ".join(t.text or "" for t in texts if not t.get("data-label-of"))
                    matrix.symbols.append(
                        Symbol(
                            page_index,
                            row_index,
                            column,
                            symbol.get("data-kind", ""),
                            symbol.get("data-position"),
                            symbol.get("data-mark") == "1",
                            symbol.get("data-letter"),
                            plain,
                            labels,
                            any(p.get("fill") == "#000" for p in symbol.findall(f"{SVG}polygon")),
                        )
                    )
    assert matrix is not None, "no procedure matrix"
    matrix.pages = len(sections)
    return matrix


def _point(x: float, y: float) -> tuple[float, float]:
    return (round(x, 6), round(y, 6))


def arrows(matrix: Matrix) -> list[tuple[str, Symbol, Symbol, str]]:
    """Every drawn arrow piece: (key, from symbol, to symbol, label), found from the geometry.

    The segments of one key on one page must form one connected path whose two
    ends are symbol centres; the end entered from above is the target (every
    arrow enters its symbol from the top).
    """
    found: list[tuple[str, Symbol, Symbol, str]] = []
    by_key: dict[tuple[int, str], list[Line]] = {}
    for line in matrix.lines:
        assert line.x1 == line.x2 or line.y1 == line.y2, f"{line} is not orthogonal"
        by_key.setdefault((line.page, line.edge), []).append(line)
    main = {(s.page, _point(*s.centre)): s for s in matrix.symbols if not s.mark}
    for (page, key), lines in sorted(by_key.items()):
        neighbours: dict[tuple[float, float], set[tuple[float, float]]] = {}
        for line in lines:
            a, b = _point(line.x1, line.y1), _point(line.x2, line.y2)
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
        ends = [point for point in neighbours if (page, point) in main]
        assert len(ends) == 2, f"page {page + 1}: arrow {key} must join two symbols, joins {ends}"
        seen = {ends[0]}
        stack = [ends[0]]
        while stack:
            for other in neighbours[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        assert seen == set(neighbours), f"page {page + 1}: arrow {key} is not one connected path"
        entered = [p for p in ends if any(q[0] == p[0] and q[1] < p[1] for q in neighbours[p])]
        assert len(entered) == 1, f"page {page + 1}: arrow {key} must enter exactly one symbol from above"
        target = main[(page, entered[0])]
        source = main[(page, next(p for p in ends if p != entered[0]))]
        found.append((key, source, target, source.labels.get(key, "")))
    return found
