"""PDF with a text layer (what e-SOP portals publish), read with pdfplumber.

Per page: the table rules (thin rectangles and lines whose both ends meet another rule:
a connector's free end meets a symbol, not a rule, so connectors fall away) give the
grid; a missing rule between two grid cells merges them. Words go to the cell holding
their centre, unless they sit inside a symbol (its label). Symbols are classified by
geometry: a rectangle is a process, a rounded outline a terminator, a 4-corner outline a
decision, a 5- or 6-corner one an off-page connector; the cell holding a symbol's centre
is its performer's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pack import Pack
from . import ImportFailure
from .layout import Block, Cell, Mark, Table

TOLERANCE = 1.5  # points: how far apart two rules may be and still meet
MAX_PAGES = 200


@dataclass
class _Segment:
    vertical: bool
    at: float  # x of a vertical rule, y of a horizontal one
    start: float
    end: float


SOFT_BREAK = "\u00ad"  # a line end that may fall inside a word
ENCRYPTED = "the PDF is encrypted (password protected): save it without a password first"


def _failure(error: Exception) -> ImportFailure:
    """pdfplumber wraps pdfminer's errors: say what the wrapped one means."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in type(inner).__name__.lower():
        return ImportFailure(ENCRYPTED)
    return ImportFailure(f"not a readable PDF ({type(inner).__name__})")


def pdf_blocks(path: Path, pack: Pack) -> list[Block]:
    import pdfplumber

    with open(path, "rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ImportFailure("not a PDF (no %PDF header)")
    try:
        document = pdfplumber.open(path)
    except Exception as error:
        raise _failure(error) from error
    with document:
        try:
            pages = document.pages
        except Exception as error:
            raise _failure(error) from error
        if not pages:
            raise ImportFailure("the PDF has no pages")
        if len(pages) > MAX_PAGES:
            raise ImportFailure(f"the PDF has {len(pages)} pages: more than {MAX_PAGES} is not an SOP")
        blocks: list[Block] = []
        words_seen = 0
        whole = frozenset(pack.word_lists.get("import:whole-words", []))  # never the end of a broken word
        for page in pages:
            try:
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                words_seen += len(words)
                blocks.extend(_page_blocks(page, words, whole))
            except ImportFailure:
                raise
            except Exception as error:
                raise ImportFailure(f"page {page.page_number} cannot be read ({type(error).__name__})") from error
        if not words_seen:
            raise ImportFailure(
                "the PDF has no text layer (a scanned document?): OCR is not supported, export it from Word instead"
            )
    return blocks


def _segments(page: Any) -> list[_Segment]:
    found: list[_Segment] = []
    for rect in page.rects:
        width, height = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if width < 2 <= height:
            found.append(_Segment(True, (rect["x0"] + rect["x1"]) / 2, rect["top"], rect["bottom"]))
        elif height < 2 <= width:
            found.append(_Segment(False, (rect["top"] + rect["bottom"]) / 2, rect["x0"], rect["x1"]))
        elif width >= 2 and height >= 2 and not rect.get("fill") and rect.get("stroke") and _big(rect, page):
            x0, x1, y0, y1 = rect["x0"], rect["x1"], rect["top"], rect["bottom"]  # a stroked cell outline
            found += [
                _Segment(True, x0, y0, y1),
                _Segment(True, x1, y0, y1),
                _Segment(False, y0, x0, x1),
                _Segment(False, y1, x0, x1),
            ]
    for line in page.lines:
        if abs(line["x1"] - line["x0"]) < 1:
            found.append(_Segment(True, line["x0"], line["top"], line["bottom"]))
        elif abs(line["bottom"] - line["top"]) < 1:
            found.append(_Segment(False, line["top"], line["x0"], line["x1"]))
    return _prune(found)


def _big(rect: dict[str, Any], page: Any) -> bool:
    return bool(rect["x1"] - rect["x0"] > page.width * 0.5)


def _prune(segments: list[_Segment]) -> list[_Segment]:
    """Keep the rules whose both ends meet another rule (iterated: a bent connector's
    two legs meet each other, but once one goes the other follows)."""
    current = segments
    for _ in range(6):
        vertical = [s for s in current if s.vertical]
        horizontal = [s for s in current if not s.vertical]
        lines: dict[tuple[bool, int], int] = {}
        for s in current:
            lines[(s.vertical, round(s.at))] = lines.get((s.vertical, round(s.at)), 0) + 1
        kept = [s for s in current if _is_rule(s, horizontal if s.vertical else vertical, lines)]
        if len(kept) == len(current):
            break
        current = kept
    return current


def _meets(at: float, along: float, others: list[_Segment]) -> bool:
    return any(abs(o.at - along) <= TOLERANCE and o.start - TOLERANCE <= at <= o.end + TOLERANCE for o in others)


def _is_rule(segment: _Segment, across: list[_Segment], lines: dict[tuple[bool, int], int]) -> bool:
    ends = _meets(segment.at, segment.start, across) + _meets(segment.at, segment.end, across)
    # A grid line is drawn cell by cell: many segments at one position.
    return ends == 2 or (ends == 1 and lines.get((segment.vertical, round(segment.at)), 0) >= 3)


def _coverage(segments: list[_Segment], x: float) -> float:
    """How much of its height a vertical line at `x` is drawn."""
    return sum(s.end - s.start for s in segments if s.vertical and abs(s.at - x) <= TOLERANCE * 2)


def _cluster(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOLERANCE * 2:
            out.append(value)
    return out


def _page_blocks(page: Any, words: list[dict[str, Any]], whole: frozenset[str]) -> list[Block]:
    segments = _segments(page)
    symbols = _symbols(page)
    # Tables: the bands of the page that vertical rules cover without a gap.
    bands: list[list[float]] = []
    for segment in sorted((s for s in segments if s.vertical), key=lambda s: s.start):
        if bands and segment.start <= bands[-1][1] + TOLERANCE:
            bands[-1][1] = max(bands[-1][1], segment.end)
        else:
            bands.append([segment.start, segment.end])
    blocks: list[Block] = []
    used: set[int] = set()
    for top, bottom in bands:
        inside = [s for s in segments if (s.start >= top - TOLERANCE and s.end <= bottom + TOLERANCE) if s.vertical]
        inside += [s for s in segments if not s.vertical and top - TOLERANCE <= s.at <= bottom + TOLERANCE]
        # A column rule runs down most of the table; a column of short arrows does not.
        xs = [x for x in _cluster(s.at for s in inside if s.vertical) if _coverage(inside, x) >= 0.6 * (bottom - top)]
        ys = _cluster(s.at for s in inside if not s.vertical)
        if len(xs) < 2 or len(ys) < 2:
            continue
        before = [w for i, w in enumerate(words) if i not in used and (w["top"] + w["bottom"]) / 2 < top]
        blocks.extend(_lines(before))
        used.update(i for i, w in enumerate(words) if (w["top"] + w["bottom"]) / 2 < top)
        table, taken = _table(xs, ys, inside, words, symbols, whole)
        used.update(taken)
        used.update(i for i, w in enumerate(words) if (w["top"] + w["bottom"]) / 2 <= bottom)
        blocks.append(table)
    blocks.extend(_lines([w for i, w in enumerate(words) if i not in used]))
    return blocks


def _lines(words: list[dict[str, Any]]) -> list[Block]:
    """Words outside the tables as paragraphs, one per line."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])) for line in lines]


def _covered(segments: list[_Segment], vertical: bool, at: float, middle: float) -> bool:
    return any(
        s.vertical == vertical and abs(s.at - at) <= TOLERANCE * 2 and s.start - TOLERANCE <= middle <= s.end + TOLERANCE
        for s in segments
    )


def _table(
    xs: list[float],
    ys: list[float],
    segments: list[_Segment],
    words: list[dict[str, Any]],
    symbols: list[tuple[Mark, tuple[float, float, float, float]]],
    whole: frozenset[str],
) -> tuple[Table, set[int]]:
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(columns):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c > 0 and not _covered(segments, True, xs[c], middle_y):
                parent[find(r * columns + c)] = find(r * columns + c - 1)
            if r > 0 and not _covered(segments, False, ys[r], middle_x):
                a, b = find(r * columns + c), find((r - 1) * columns + c)
                parent[max(a, b)] = min(a, b)
    # Each region's origin is its first (top-left) grid cell.
    origin: dict[int, int] = {}
    for index in range(rows * columns):
        origin.setdefault(find(index), index)
    extent: dict[int, list[float]] = {}
    for index in range(rows * columns):
        root = origin[find(index)]
        r, c = divmod(index, columns)
        box = extent.setdefault(root, [xs[c], ys[r], xs[c + 1], ys[r + 1]])
        box[0], box[1] = min(box[0], xs[c]), min(box[1], ys[r])
        box[2], box[3] = max(box[2], xs[c + 1]), max(box[3], ys[r + 1])

    def cell_of(x: float, y: float) -> int | None:
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        c = max(0, min(columns - 1, sum(1 for v in xs[1:] if v <= x)))
        r = max(0, min(rows - 1, sum(1 for v in ys[1:] if v <= y)))
        return r * columns + c

    grid = [[Cell(origin=origin[find(r * columns + c)] == r * columns + c) for c in range(columns)] for r in range(rows)]
    texts: dict[int, list[dict[str, Any]]] = {}
    taken: set[int] = set()
    for number, word in enumerate(words):
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        at = cell_of(x, y)
        if at is None:
            continue
        taken.add(number)
        symbol = next((mark for mark, box in symbols if box[0] <= x <= box[2] and box[1] <= y <= box[3]), None)
        if symbol is not None:
            symbol.label = f"{symbol.label} {word['text']}".strip()
            continue
        texts.setdefault(origin[find(at)], []).append(word)
    for mark, (left, top, right, bottom) in symbols:
        at = cell_of((left + right) / 2, (top + bottom) / 2)
        if at is not None:
            r, c = divmod(at, columns)
            grid[r][c].marks.append(mark)
    for root, found in texts.items():
        r, c = divmod(root, columns)
        grid[r][c].text = _cell_text(found, extent[root], whole)
    return Table(grid), taken


def _cell_text(words: list[dict[str, Any]], box: list[float], whole: frozenset[str]) -> str:
    """A cell's words as lines; a word broken across two lines because it did not fit
    (`Penyemp` / `urnaan`) is joined back."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][-1]["top"] - word["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    inner = max(1.0, box[2] - box[0] - 10.0)  # Word's default cell margins: about 5.4 pt a side
    out: list[str] = []
    broken = False
    for line in lines:
        ordered = sorted(line, key=lambda w: w["x0"])
        text = " ".join(w["text"] for w in ordered)
        first = ordered[0]["text"]
        # The rest of a broken word: letters, a vowel among them (`PPHD` is an abbreviation of its own).
        vowel = any(v in first.casefold() for v in "aeiou") or len(first) <= 2  # `PPHD` is a word of its own
        rest = first[:1].isalpha() and vowel and first.casefold() not in whole
        if rest and first.isupper() and out and out[-1].isupper():
            rest = len(first) <= 4  # capitals: only a short tail (`KELENGK` `APAN`), not a word (`HUKUM`)
        if broken and out and rest:
            # Perhaps one word: a soft hyphen at the break lets the reader decide (a header name
            # keeps the space, `Kepala` `Biro`; a Mutu Baku value is joined, `Penyemp` `urnaan`).
            out[-1] += SOFT_BREAK + "\n" + text
        else:
            out.append(text)
        broken = len(ordered) == 1 and (ordered[0]["x1"] - ordered[0]["x0"]) >= 0.85 * inner and ordered[0]["text"][-1:].isalpha()
    return "\n".join(out)


def _symbols(page: Any) -> list[tuple[Mark, tuple[float, float, float, float]]]:
    found: dict[tuple[int, int, int, int], Mark] = {}
    for rect in page.rects:
        width, height = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if 8 <= width <= page.width * 0.2 and 8 <= height <= page.height * 0.2:
            found.setdefault(_key(rect), Mark("process"))
    for curve in page.curves:
        width, height = curve["x1"] - curve["x0"], curve["bottom"] - curve["top"]
        if not (8 <= width <= page.width * 0.2 and 8 <= height <= page.height * 0.2):
            continue  # an arrow head, a connector
        kind = _curve_kind(curve)
        if kind is not None:
            key = _key(curve)
            if key not in found or found[key].kind == "process":
                found[key] = Mark(kind)
    return [(mark, (k[0] - 0.5, k[1] - 0.5, k[2] + 0.5, k[3] + 0.5)) for k, mark in sorted(found.items())]


def _key(shape: dict[str, Any]) -> tuple[int, int, int, int]:
    return (round(shape["x0"]), round(shape["top"]), round(shape["x1"]), round(shape["bottom"]))


def _curve_kind(curve: dict[str, Any]) -> str | None:
    points = curve.get("pts") or []
    distinct: list[tuple[float, float]] = []
    for point in points:
        if not distinct or abs(point[0] - distinct[-1][0]) > 0.5 or abs(point[1] - distinct[-1][1]) > 0.5:
            distinct.append(point)
    if len(distinct) > 1 and abs(distinct[0][0] - distinct[-1][0]) <= 0.5 and abs(distinct[0][1] - distinct[-1][1]) <= 0.5:
        distinct.pop()  # closed: the last point is the first
    corners = len(distinct)
    if corners == 4:
        x0, x1 = curve["x0"], curve["x1"]
        on_sides = sum(1 for x, _ in distinct if abs(x - x0) < 1 or abs(x - x1) < 1)
        return "decision" if on_sides == 2 else "process"
    if corners in (5, 6):
        return "offpage"
    if corners > 6:
        return "terminator"
    return None
