"""Excel (.xlsx), where some agencies draw the SOP: openpyxl for the cells and merged
ranges, the drawing part of each sheet (`xl/drawings/drawingN.xml`, parsed here with
entities off) for the flowchart: a shape's anchor (`xdr:from`/`xdr:to` with offsets)
gives its centre, and the cell holding the centre its row and performer column.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from ..pack import Pack
from . import ImportFailure
from .docx import CONNECTORS, SHAPES
from .layout import Block, Cell, Mark, Table, read_blocks
from .procedure import Procedure
from .safety import check_zip

MAX_ROWS, MAX_COLUMNS = 6000, 200
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU_PER_PIXEL = 9525
EMU_PER_POINT = 12700


MAX_MERGED_CELLS = 2_000_000  # openpyxl makes an object per merged cell: refuse before it does
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_merges(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        total = 0
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for first_col, first_row, last_col, last_row in _MERGE.findall(archive.read(name)):
                    width = _column_number(last_col) - _column_number(first_col) + 1
                    total += max(1, width) * max(1, int(last_row) - int(first_row) + 1)
                    if total > MAX_MERGED_CELLS:
                        raise ImportFailure(f"`{name}` merges {total:,} cells: refused (at most {MAX_MERGED_CELLS:,})")


def xlsx_procedures(path: Path, pack: Pack, name: str) -> list[Procedure]:
    check_zip(path, "Excel (.xlsx)")
    _check_merges(path)
    import openpyxl  # type: ignore[import-untyped]

    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except zipfile.BadZipFile as error:
        raise ImportFailure("not an Excel .xlsx workbook (not a zip archive)") from error
    except KeyError as error:
        raise ImportFailure(f"not an Excel .xlsx workbook (a part is missing: {error})") from error
    except (ValueError, TypeError, IndexError) as error:
        raise ImportFailure(f"not a readable Excel workbook ({error})") from error
    sheets = list(workbook.worksheets)
    if not sheets:
        raise ImportFailure("the workbook has no sheets")
    drawings = _drawings(path)
    blocks: list[Block] = []
    for index, sheet in enumerate(sheets):
        blocks.extend(_sheet(sheet, drawings.get(index, [])))
    return read_blocks(blocks, pack, name)


def _sheet(sheet: Any, anchors: list[Any]) -> list[Block]:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    rows = min(sheet.max_row or 0, MAX_ROWS)
    columns = min(sheet.max_column or 0, MAX_COLUMNS)
    if rows == 0 or columns == 0:
        return []
    grid = [[Cell() for _ in range(columns)] for _ in range(rows)]
    for r, values in enumerate(sheet.iter_rows(min_row=1, max_row=rows, max_col=columns, values_only=True)):
        for c, value in enumerate(values):
            if value is not None:
                grid[r][c].text = _text(value)
    for merged in sheet.merged_cells.ranges:
        for r in range(merged.min_row - 1, min(merged.max_row, rows)):
            for c in range(merged.min_col - 1, min(merged.max_col, columns)):
                if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                    grid[r][c].origin = False
                    grid[r][c].text = ""
    widths = []
    for c in range(columns):
        dimension = sheet.column_dimensions.get(get_column_letter(c + 1))
        width = dimension.width if dimension is not None and dimension.width else 8.43
        widths.append(int(width * 7 + 5) * EMU_PER_PIXEL)
    heights = []
    for r in range(rows):
        dimension = sheet.row_dimensions.get(r + 1)
        height = dimension.height if dimension is not None and dimension.height else 15.0
        heights.append(int(height * EMU_PER_POINT))
    xs, ys = _cumulative(widths), _cumulative(heights)
    for anchor in anchors:
        for mark, x, y in _anchor_marks(anchor, xs, ys):
            c = bisect.bisect_right(xs, x) - 1
            r = bisect.bisect_right(ys, y) - 1
            if 0 <= r < rows and 0 <= c < columns:
                grid[r][c].marks.append(mark)
    return [Table(grid)]


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    return str(value)


def _cumulative(sizes: list[int]) -> list[int]:
    out = [0]
    for size in sizes:
        out.append(out[-1] + size)
    return out


def _point(node: Any, xs: list[int], ys: list[int]) -> tuple[float, float]:
    def number(name: str) -> int:
        child = node.find(XDR + name)
        try:
            return int(child.text) if child is not None and child.text else 0
        except ValueError:
            return 0

    col, row = max(0, number("col")), max(0, number("row"))
    x = xs[min(col, len(xs) - 1)] + number("colOff")
    y = ys[min(row, len(ys) - 1)] + number("rowOff")
    return x, y


def _anchor_marks(anchor: Any, xs: list[int], ys: list[int]) -> list[tuple[Mark, float, float]]:
    start = anchor.find(XDR + "from")
    end = anchor.find(XDR + "to")
    extent = anchor.find(XDR + "ext")
    if start is not None:
        x0, y0 = _point(start, xs, ys)
    else:
        position = anchor.find(XDR + "pos")
        x0 = float(position.get("x", 0)) if position is not None else 0.0
        y0 = float(position.get("y", 0)) if position is not None else 0.0
    if end is not None:
        x1, y1 = _point(end, xs, ys)
    elif extent is not None:
        x1, y1 = x0 + float(extent.get("cx", 0)), y0 + float(extent.get("cy", 0))
    else:
        x1, y1 = x0, y0
    out: list[tuple[Mark, float, float]] = []
    for shape in anchor:
        for mark, x, y in _shape(shape, (x0, y0, x1, y1), None):
            # Within one column (or row) from end to end: that column, whatever the widths say.
            if start is not None and end is not None and shape.tag != XDR + "grpSp":
                x = _inside(start, end, "col", xs, x)
                y = _inside(start, end, "row", ys, y)
            out.append((mark, x, y))
    return out


def _inside(start: Any, end: Any, axis: str, edges: list[int], value: float) -> float:
    first, last = start.find(XDR + axis), end.find(XDR + axis)
    if first is None or last is None or first.text != last.text:
        return value
    try:
        index = min(max(0, int(first.text or 0)), len(edges) - 2)
    except ValueError:
        return value
    return (edges[index] + edges[index + 1]) / 2


def _shape(shape: Any, box: tuple[float, float, float, float], transform: Any) -> list[tuple[Mark, float, float]]:
    tag = shape.tag
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    if tag == XDR + "sp":
        properties = shape.find(f"{XDR}nvSpPr/{XDR}cNvSpPr")
        if properties is not None and properties.get("txBox") == "1":
            return []  # a text box (Ya / Tidak)
        geometry = shape.find(f"{XDR}spPr/{A}prstGeom")
        preset = geometry.get("prst") if geometry is not None else None
        if preset is None or CONNECTORS.match(preset):
            return []
        label = " ".join(t.text or "" for t in shape.iter(A + "t")).strip()
        kind = SHAPES.get(preset)
        if transform is not None:
            x, y = _child_centre(shape.find(f"{XDR}spPr/{A}xfrm"), box, transform, (x, y))
        if kind is None:
            return [
                (Mark("process", label, f"a `{preset}` shape is not one of the five SOP AP symbols: read as a process"), x, y)
            ]
        if kind == "connector-circle":
            return [(Mark("process", label, "an on-page circle connector is not an SOP AP symbol"), x, y)]
        return [(Mark(kind, label), x, y)]
    if tag == XDR + "pic":
        if transform is not None:
            x, y = _child_centre(shape.find(f"{XDR}spPr/{A}xfrm"), box, transform, (x, y))
        return [(Mark("picture", "", "a picture (not a shape) in this column is read as the step's symbol"), x, y)]
    if tag == XDR + "grpSp":
        group = shape.find(f"{XDR}grpSpPr/{A}xfrm")
        out: list[tuple[Mark, float, float]] = []
        for child in shape:
            out.extend(_shape(child, box, group))
        return out
    return []


def _child_centre(
    xfrm: Any, box: tuple[float, float, float, float], group: Any, default: tuple[float, float]
) -> tuple[float, float]:
    """A group child's centre: its offset in the group's child space mapped onto the anchor box."""
    if xfrm is None or group is None:
        return default
    try:
        off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
        child_off, child_ext = group.find(A + "chOff"), group.find(A + "chExt")
        cx = float(off.get("x")) + float(ext.get("cx")) / 2
        cy = float(off.get("y")) + float(ext.get("cy")) / 2
        scale_x = (box[2] - box[0]) / max(1.0, float(child_ext.get("cx")))
        scale_y = (box[3] - box[1]) / max(1.0, float(child_ext.get("cy")))
        return box[0] + (cx - float(child_off.get("x"))) * scale_x, box[1] + (cy - float(child_off.get("y"))) * scale_y
    except (AttributeError, TypeError, ValueError):
        return default


def _drawings(path: Path) -> dict[int, list[Any]]:
    """Sheet index -> the anchors of its drawing part."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    found: dict[int, list[Any]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def parse(name: str) -> Any:
            return etree.fromstring(archive.read(name), parser)

        if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
            return found
        targets = {rel.get("Id"): rel.get("Target", "") for rel in parse("xl/_rels/workbook.xml.rels")}
        sheets = parse("xl/workbook.xml").find("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheets")
        if sheets is None:
            return found
        for index, sheet in enumerate(sheets):
            target = targets.get(sheet.get(R + "id"), "")
            sheet_path = posixpath.normpath(posixpath.join("xl", target)) if not target.startswith("/") else target.lstrip("/")
            rels = posixpath.join(posixpath.dirname(sheet_path), "_rels", posixpath.basename(sheet_path) + ".rels")
            if rels not in names:
                continue
            for rel in parse(rels):
                if not rel.get("Type", "").endswith("/drawing") or rel.get("TargetMode") == "External":
                    continue  # no external references are followed
                drawing = posixpath.normpath(posixpath.join(posixpath.dirname(sheet_path), rel.get("Target", "")))
                if drawing in names:
                    found.setdefault(index, []).extend(parse(drawing))
    return found
