"""Word (.docx) with python-docx and its lxml tree; `.doc` through LibreOffice.

Tables are read by their grid (`w:tblGrid`, `w:gridBefore`, `w:gridSpan`, `w:vMerge`),
not by cell order. A flowchart symbol is a DrawingML shape (`mc:Choice`: `wp:anchor` or
`wp:inline` holding `wps:wsp`, a group `wpg:wgp` or a canvas `wpc:wpc`), or in older files
only VML (`mc:Fallback` / `w:pict`): the fallback is read only when there is no choice,
so no shape counts twice. A shape's column is where its centre falls on the table's
grid: the left edge of the cell it is anchored in, plus the cell margin, plus its offset.
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ImportFailure
from .layout import Block, Cell, Mark, Table
from .safety import check_zip

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
W = f"{{{NS['w']}}}"
EMU_PER_TWIP = 635
CELL_MARGIN = 108  # twips: Word's default left cell margin
MAX_COLUMNS = 200  # grid columns of a table: far more than any procedure matrix

SHAPES = {  # DrawingML preset -> symbol (import-render.md §2)
    "flowChartTerminator": "terminator",
    "flowChartAlternateProcess": "terminator",
    "roundRect": "terminator",
    "ellipse": "terminator",
    "flowChartProcess": "process",
    "rect": "process",
    "flowChartDecision": "decision",
    "diamond": "decision",
    "flowChartOffpageConnector": "offpage",
    "homePlate": "offpage",
    "pentagon": "offpage",
    "flowChartConnector": "connector-circle",
}
CONNECTORS = re.compile(r"^(straightConnector1|bentConnector[2-5]|curvedConnector[2-5]|line|.*Arrow)$")
VML_TYPES = {
    "116": "terminator",
    "176": "terminator",
    "109": "process",
    "110": "decision",
    "4": "decision",
    "177": "offpage",
    "15": "offpage",
    "120": "connector-circle",
}
VML_TAGS = {"roundrect": "terminator", "oval": "terminator", "rect": "process", "line": "connector"}


@dataclass
class _Placed:
    mark: Mark
    row: int
    x: float | None  # twips from the table's left edge (None: the anchoring cell)
    column: int  # the anchoring cell's grid column
    below: float  # twips below the top of the anchoring row (vertical offset of the centre)


def docx_blocks(path: Path) -> list[Block]:
    check_zip(path, "Word (.docx)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError as error:
        raise ImportFailure("not a Word document (no word/document.xml)") from error
    except KeyError as error:
        raise ImportFailure(f"not a Word document (a part is missing: {error})") from error
    except ValueError as error:
        raise ImportFailure(f"not a Word .docx document ({error})") from error
    except (AttributeError, TypeError, IndexError) as error:  # a package python-docx cannot make sense of
        raise ImportFailure(f"not a readable Word document ({type(error).__name__})") from error
    body = document.element.body
    blocks: list[Block] = []
    for child in body.iterchildren():
        if child.tag == W + "p":
            text = _paragraph_text(child)
            if text.strip():
                blocks.append(text)
        elif child.tag == W + "tbl":
            blocks.append(_table(child))
        elif child.tag == W + "sdt":
            for inner in child.iter(W + "tbl"):
                blocks.append(_table(inner))
    return blocks


def doc_blocks(path: Path) -> list[Block]:
    """`.doc` (Word 97–2003): converted by LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ImportFailure(
            "a Word 97-2003 .doc: install LibreOffice (Debian: libreoffice-writer-nogui) to import it, or save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="sop-lint-doc-") as folder:
        converted = convert_with_soffice(soffice, path, Path(folder), "docx")
        return docx_blocks(converted)


def convert_with_soffice(soffice: str, path: Path, folder: Path, target: str) -> Path:
    """`soffice --headless --convert-to TARGET` with its own user profile (parallel runs
    must not share one)."""
    profile = folder / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(folder),
        str(path.resolve()),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired as error:
        raise ImportFailure("LibreOffice took more than 2 minutes to convert it") from error
    converted = folder / f"{path.stem}.{target}"
    if not converted.exists():
        raise ImportFailure(f"LibreOffice could not convert it to .{target}")
    return converted


# Text -----------------------------------------------------------------------------------


def _paragraph_text(paragraph: Any) -> str:
    """The paragraph's own text: runs and hyperlinks, not the text inside its shapes."""
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if _inside_shape(node, paragraph):
            continue
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _inside_shape(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        tag = parent.tag
        if tag in (W + "txbxContent", W + "drawing", W + "pict") or tag.endswith("}AlternateContent"):
            return True
        parent = parent.getparent()
    return False


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iter(W + "p") if not _inside_shape(p, tc))


# Tables ---------------------------------------------------------------------------------


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def _table(tbl: Any) -> Table:
    widths = [_int(col.get(W + "w")) for col in tbl.findall(f"{W}tblGrid/{W}gridCol")][:MAX_COLUMNS]
    rows: list[list[Cell]] = []
    placed: list[_Placed] = []
    heights: list[int | None] = []
    for tr in tbl.findall(W + "tr"):
        properties = tr.find(W + "trPr")
        before = 0
        height: int | None = None
        if properties is not None:
            node = properties.find(W + "gridBefore")
            before = _int(node.get(W + "val")) if node is not None else 0
            node = properties.find(W + "trHeight")
            if node is not None and node.get(W + "hRule") in ("exact", "atLeast", None):
                height = _int(node.get(W + "val")) or None
        row: list[Cell] = [Cell(origin=False) for _ in range(min(before, MAX_COLUMNS))]
        for tc in tr.findall(W + "tc"):
            span = 1
            merge = None
            tc_properties = tc.find(W + "tcPr")
            if tc_properties is not None:
                node = tc_properties.find(W + "gridSpan")
                span = max(1, _int(node.get(W + "val"), 1)) if node is not None else 1
                node = tc_properties.find(W + "vMerge")
                if node is not None:
                    merge = node.get(W + "val") or "continue"
            span = min(span, MAX_COLUMNS - len(row))  # a hostile gridSpan: no wider than any SOP
            if span <= 0:
                break
            column = len(row)
            continued = merge == "continue"
            row.append(Cell("" if continued else _cell_text(tc), origin=not continued))
            row.extend(Cell(origin=False) for _ in range(span - 1))
            placed.extend(_shapes(tc, len(rows), column))
        rows.append(row)
        heights.append(height)
    width = max([len(widths)] + [len(r) for r in rows])
    for row in rows:
        row.extend(Cell(origin=False) for _ in range(width - len(row)))
    if len(widths) < width:
        widths += [widths[-1] if widths else 1440] * (width - len(widths))
    edges = [0]
    for w in widths:
        edges.append(edges[-1] + w)
    for item in placed:
        _place(item, rows, edges, heights)
    return Table(rows)


def _place(item: _Placed, rows: list[list[Cell]], edges: list[int], heights: list[int | None]) -> None:
    column = item.column
    if item.x is not None:
        x = edges[min(item.column, len(edges) - 1)] + CELL_MARGIN + item.x
        column = max(0, min(len(edges) - 2, bisect.bisect_right(edges, x) - 1))
    row = item.row
    below = item.below
    if below > 0:
        if all(h is not None for h in heights[row:]):
            while row + 1 < len(rows) and below > (heights[row] or 0):
                below -= heights[row] or 0
                row += 1
        elif below > 1440:  # more than an inch below its anchor: a row cannot be known
            item.mark.guess = (
                item.mark.guess
                or f"a {item.mark.kind} drawn {below / 567:.1f} cm below the row it is anchored in: taken as in that row"
            )
    rows[row][column].marks.append(item.mark)


# Shapes ---------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _shapes(tc: Any, row: int, column: int) -> list[_Placed]:
    found: list[_Placed] = []

    def walk(node: Any) -> None:
        for child in node.iterchildren():
            tag = _local(child.tag) if isinstance(child.tag, str) else ""
            if tag == "AlternateContent":
                choice = child.find(f"{{{NS['mc']}}}Choice")
                chosen = choice if choice is not None and len(choice) else child.find(f"{{{NS['mc']}}}Fallback")
                if chosen is not None:
                    walk(chosen)
            elif tag == "drawing":
                found.extend(_drawing(child, row, column))
            elif tag == "pict":
                found.extend(_vml(child, row, column))
            elif tag in ("txbxContent",):
                continue
            else:
                walk(child)

    walk(tc)
    return found


def _emu(node: Any, name: str) -> float:
    return float(_int(node.get(name))) if node is not None else 0.0


def _drawing(drawing: Any, row: int, column: int) -> list[_Placed]:
    out: list[_Placed] = []
    for frame in drawing:
        kind = _local(frame.tag)
        extent = frame.find(f"{{{NS['wp']}}}extent")
        cx, cy = _emu(extent, "cx"), _emu(extent, "cy")
        left: float | None = None
        top = 0.0
        if kind == "anchor":
            horizontal = frame.find(f"{{{NS['wp']}}}positionH")
            vertical = frame.find(f"{{{NS['wp']}}}positionV")
            left = _offset(horizontal, cx)
            top_offset = _offset(vertical, cy)
            top = top_offset if top_offset is not None else 0.0
        data = frame.find(f".//{{{NS['a']}}}graphicData")
        if data is None:
            continue
        for content in data:
            name = _local(content.tag)
            if name == "wsp":
                mark = _shape_mark(content)
                if mark is not None:
                    out.append(_at(mark, row, column, left, cx / 2, top + cy / 2))
            elif name in ("wgp", "wpc"):
                for mark, x, y in _group(content, cx, cy):
                    out.append(_at(mark, row, column, left, x, top + y))
            elif name == "pic":
                out.append(_at(Mark("picture"), row, column, left, cx / 2, top + cy / 2))
    return out


def _at(mark: Mark, row: int, column: int, left: float | None, x: float, y: float) -> _Placed:
    """A mark at `x` EMU right of the frame's left edge; `left`: the frame's offset from
    the anchoring cell (None: inline, in that cell)."""
    if left is None:
        return _Placed(mark, row, None, column, max(0.0, y / EMU_PER_TWIP))
    return _Placed(mark, row, (left + x) / EMU_PER_TWIP, column, max(0.0, y / EMU_PER_TWIP))


def _offset(position: Any, size: float) -> float | None:
    """The frame's offset (EMU) from its reference (the column or paragraph of the cell)."""
    if position is None:
        return None
    offset = position.find(f"{{{NS['wp']}}}posOffset")
    if offset is not None and offset.text:
        return float(_int(offset.text.strip()))
    align = position.find(f"{{{NS['wp']}}}align")
    if align is not None and align.text in ("center", "centre"):
        return None  # centred in the cell: as if inline
    return 0.0


def _shape_mark(wsp: Any) -> Mark | None:
    geometry = wsp.find(f"{{{NS['wps']}}}spPr/{{{NS['a']}}}prstGeom")
    preset = geometry.get("prst") if geometry is not None else None
    label = " ".join(t.text or "" for t in wsp.iter(W + "t")).strip()
    if wsp.find(f"{{{NS['wps']}}}cNvCnPr") is not None or (preset and CONNECTORS.match(preset)):
        return None  # an arrow: the flow, not a performer
    if preset is None:
        if label and wsp.find(f"{{{NS['wps']}}}txbx") is not None:
            return None  # a text box (a Ya/Tidak label)
        return None
    kind = SHAPES.get(preset)
    if kind is None:
        if wsp.find(f"{{{NS['wps']}}}txbx") is not None and label.casefold() in ("ya", "tidak", "y", "t", "yes", "no"):
            return None
        return Mark("process", label, f"a `{preset}` shape is not one of the five SOP AP symbols: read as a process")
    if kind == "connector-circle":
        return Mark("process", label, "an on-page circle connector is not an SOP AP symbol: read as the step's symbol")
    return Mark(kind, label)


def _group(group: Any, cx: float, cy: float) -> list[tuple[Mark, float, float]]:
    """Every shape of a group or canvas, with its centre in EMU from the frame's corner."""
    transform = group.find(f"{{{NS['wpg']}}}grpSpPr/{{{NS['a']}}}xfrm")
    if transform is not None:
        child_offset = transform.find(f"{{{NS['a']}}}chOff")
        child_extent = transform.find(f"{{{NS['a']}}}chExt")
        ox, oy = _emu(child_offset, "x"), _emu(child_offset, "y")
        ex, ey = _emu(child_extent, "cx") or cx, _emu(child_extent, "cy") or cy
    else:
        ox = oy = 0.0
        ex, ey = cx, cy
    sx, sy = (cx / ex if ex else 1.0), (cy / ey if ey else 1.0)
    out: list[tuple[Mark, float, float]] = []
    for child in group:
        name = _local(child.tag)
        if name == "wsp":
            mark = _shape_mark(child)
            xfrm = child.find(f"{{{NS['wps']}}}spPr/{{{NS['a']}}}xfrm")
            if mark is None or xfrm is None:
                continue
            off, ext = xfrm.find(f"{{{NS['a']}}}off"), xfrm.find(f"{{{NS['a']}}}ext")
            x = _emu(off, "x") + _emu(ext, "cx") / 2
            y = _emu(off, "y") + _emu(ext, "cy") / 2
            out.append((mark, (x - ox) * sx, (y - oy) * sy))
        elif name == "grpSp":
            inner = child.find(f"{{{NS['wpg']}}}grpSpPr/{{{NS['a']}}}xfrm")
            if inner is None:
                continue
            off, ext = inner.find(f"{{{NS['a']}}}off"), inner.find(f"{{{NS['a']}}}ext")
            inner_cx, inner_cy = _emu(ext, "cx"), _emu(ext, "cy")
            wrapper = _Wrapper(child)
            for mark, x, y in _group(wrapper, inner_cx, inner_cy):
                out.append((mark, (_emu(off, "x") + x - ox) * sx, (_emu(off, "y") + y - oy) * sy))
    return out


class _Wrapper:
    """A nested `wpg:grpSp` seen as a group: its `wpg:grpSpPr` and its children."""

    def __init__(self, node: Any) -> None:
        self.node = node

    def find(self, path: str) -> Any:
        return self.node.find(path)

    def __iter__(self) -> Any:
        return iter(self.node)


# VML (files from Word 2007 and older; the fallback of newer ones) ------------------------

_STYLE = re.compile(r"([a-z-]+)\s*:\s*([^;]+)")


def _length(value: str | None) -> float:
    """A VML style length in twips."""
    if not value:
        return 0.0
    match = re.match(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px)?", value)
    if not match:
        return 0.0
    number = float(match[1])
    unit = match[2] or "px"
    return number * {"pt": 20, "in": 1440, "cm": 567, "mm": 56.7, "px": 15}[unit]


def _vml(pict: Any, row: int, column: int) -> list[_Placed]:
    out: list[_Placed] = []
    for node in pict.iter():
        if not isinstance(node.tag, str) or not node.tag.startswith(f"{{{NS['v']}}}"):
            continue
        name = _local(node.tag)
        kind = None
        if name == "shape":
            kind = VML_TYPES.get((node.get("type") or "").removeprefix("#").removeprefix("_x0000_t"))
        elif name in VML_TAGS:
            kind = VML_TAGS[name]
        if kind is None or kind == "connector":
            continue
        parent = node.getparent()
        if parent is not None and _local(parent.tag) == "group":
            continue  # a group's children: their positions are the group's (not read)
        style = dict(_STYLE.findall(node.get("style") or ""))
        label = " ".join(t.text or "" for t in node.iter(W + "t")).strip()
        mark = Mark("process" if kind == "connector-circle" else kind, label)
        if style.get("position") == "absolute":
            left = _length(style.get("margin-left")) + _length(style.get("width")) / 2
            top = _length(style.get("margin-top")) + _length(style.get("height")) / 2
            out.append(_Placed(mark, row, left - CELL_MARGIN, column, max(0.0, top)))
        else:
            out.append(_Placed(mark, row, None, column, 0.0))
    return out
