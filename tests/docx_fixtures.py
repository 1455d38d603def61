"""A generator of .docx SOPs in the official layout (PermenPAN-RB 35/2012), built with
python-docx, for the importer's tests: from a `Procedure` to the Word file an agency
would have, with the flowchart drawn one of several ways Word files draw it.

Styles (how the symbol of a step is stored):
- `anchored`: a DrawingML shape (`mc:AlternateContent`, `wps:wsp` with a `prstGeom`, and
  a VML fallback) anchored in the performer's cell, `layoutInCell="1"` — what
  `render --format docx` writes (import-render.md §2);
- `floating`: the same shape anchored in the Kegiatan cell and moved into the
  performer's column by its horizontal offset;
- `group`: the whole flowchart as one `wpg:wgp` group anchored in the first step's row,
  each symbol placed by its offset inside the group (rows have exact heights);
- `canvas`: the same flowchart on a drawing canvas (`wpc:wpc`) instead of a group;
- `typed`: a typed mark (✓, X, ●) in the performer's cell;
- `vml`: VML only, as Word 2007 and older write it.

Connectors (arrows) are drawn between the symbols in the `anchored` and `group` styles:
the importer must not read them as performers.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Twips
from lxml import etree  # type: ignore[import-untyped]

from sop_lint.importers.procedure import Procedure, StepRecord

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)
EMU = 635  # per twip
SHAPE_W, SHAPE_H = 900, 420  # twips
ROW_H = 900  # twips, exact (group style)
NUMBER_W, ACTIVITY_W, ROLE_W, MUTU_W, KET_W = 500, 2600, 1100, 1200, 1300
MARKS = ["✓", "X", "●"]
PRESETS = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision"}
VML_TYPES = {"terminator": ("116", "#_x0000_t116"), "process": ("109", "#_x0000_t109"), "decision": ("110", "#_x0000_t110")}

_ids = [100]


def _next_id() -> int:
    _ids[0] += 1
    return _ids[0]


def _kind(step: StepRecord, index: int) -> str:
    if step.decision is not None:
        return "decision"
    return "terminator" if index == 0 else "process"


def _wsp(kind: str, x: int, y: int, cx: int, cy: int, in_group: bool, label: str = "") -> str:
    """A `wps:wsp` shape (offsets in EMU, inside a group when `in_group`)."""
    xfrm = (
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        if in_group
        else f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    )
    text = f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:txbxContent></wps:txbx>" if label else ""
    head = f'<wps:cNvPr id="{_next_id()}" name="Shape"/>' if in_group else ""
    return (
        f'<wps:wsp>{head}<wps:cNvSpPr/><wps:spPr>{xfrm}<a:prstGeom prst="{PRESETS[kind]}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'  # noqa: E501
        f"</wps:spPr>{text}<wps:bodyPr/></wps:wsp>"
    )


def _connector(x: int, y: int, cx: int, cy: int, in_group: bool) -> str:
    head = f'<wps:cNvPr id="{_next_id()}" name="Connector"/>' if in_group else ""
    return (
        f'<wps:wsp>{head}<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'  # noqa: E501
        '<a:tailEnd type="triangle"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    )


def _anchor(graphic: str, uri: str, x_twips: int, y_twips: int, cx: int, cy: int, in_cell: bool) -> str:
    return (
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{_next_id()}" behindDoc="0" '
        f'locked="0" layoutInCell="{1 if in_cell else 0}" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{x_twips * EMU}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y_twips * EMU}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{_next_id()}" name="Symbol {_ids[0]}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{uri}">{graphic}</a:graphicData></a:graphic></wp:anchor>'
    )


def _vml_shape(kind: str, left_twips: int, top_twips: int) -> str:
    number, type_ref = VML_TYPES[kind]
    return (
        f'<v:shape id="s{_next_id()}" type="{type_ref}" o:spt="{number}" '
        f'style="position:absolute;margin-left:{left_twips / 20:.1f}pt;margin-top:{top_twips / 20:.1f}pt;'
        f"width:{SHAPE_W / 20:.1f}pt;height:{SHAPE_H / 20:.1f}pt;mso-position-horizontal-relative:text;"
        'mso-position-vertical-relative:text"/>'
    )


def _run(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:r {NSDECL}>{xml}</w:r>")


def shape_run(kind: str, x_twips: int, y_twips: int, in_cell: bool = True, with_fallback: bool = True) -> etree._Element:
    """A run holding one symbol: DrawingML in `mc:Choice`, VML in `mc:Fallback`."""
    cx, cy = SHAPE_W * EMU, SHAPE_H * EMU
    choice = _anchor(
        _wsp(kind, 0, 0, cx, cy, False),
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        x_twips,
        y_twips,
        cx,
        cy,
        in_cell,
    )
    fallback = f"<mc:Fallback><w:pict>{_vml_shape(kind, x_twips, y_twips)}</w:pict></mc:Fallback>" if with_fallback else ""
    return _run(
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{choice}</w:drawing></mc:Choice>{fallback}</mc:AlternateContent>'  # noqa: E501
    )


def connector_run(x_twips: int, y_twips: int, length: int) -> etree._Element:
    cx, cy = 1, length * EMU
    xml = _anchor(
        _connector(0, 0, cx, cy, False),
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        x_twips,
        y_twips,
        cx,
        cy,
        True,
    )
    return _run(f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{xml}</w:drawing></mc:Choice></mc:AlternateContent>')


def vml_run(kind: str, x_twips: int) -> etree._Element:
    return _run(f"<w:pict>{_vml_shape(kind, x_twips, 100)}</w:pict>")


def canvas_run(children: list[str], cx: int, cy: int, x_twips: int = 0, y_twips: int = 0) -> etree._Element:
    """The shapes on a drawing canvas: their offsets are EMU from the canvas' corner."""
    ns = 'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
    canvas = f"<wpc:wpc {ns}><wpc:bg/><wpc:whole/>{''.join(children)}</wpc:wpc>"
    uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
    xml = _anchor(canvas, uri, x_twips, y_twips, cx, cy, True)
    return _run(f'<mc:AlternateContent><mc:Choice Requires="wpc"><w:drawing>{xml}</w:drawing></mc:Choice></mc:AlternateContent>')


def group_run(children: list[str], cx: int, cy: int, x_twips: int = 0, y_twips: int = 0) -> etree._Element:
    """One group of shapes, anchored `x_twips`/`y_twips` from its cell; its extent is the
    bounding box of its children, as Word writes it (LibreOffice rescales otherwise)."""
    group = (
        f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>{"".join(children)}</wpg:wgp>'
    )
    xml = _anchor(group, "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", x_twips, y_twips, cx, cy, True)
    return _run(f'<mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing>{xml}</w:drawing></mc:Choice></mc:AlternateContent>')


# The document ---------------------------------------------------------------------------


def _set_widths(table: object, widths: list[int]) -> None:
    grid = table._tbl.tblGrid  # type: ignore[attr-defined]
    for col, width in zip(grid.findall(f"{{{W_NS}}}gridCol"), widths, strict=True):
        col.set(f"{{{W_NS}}}w", str(width))
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Twips(width)


def _identity(document: object, procedure: Procedure, agency: list[str]) -> None:
    rows = [(k, v) for k, v in procedure.identity if k not in ("Instansi", "Unit", "Nama Pengesah", "NIP Pengesah")]
    rows.append(("Nama SOP", procedure.title))
    table = document.add_table(rows=len(rows), cols=3)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    values = dict(procedure.identity)
    for index, (key, value) in enumerate(rows):
        table.cell(index, 1).text = key
        if key.casefold() == "disahkan oleh":
            value = f"{value}\n\n\n{values.get('Nama Pengesah', '')}\nNIP. {values.get('NIP Pengesah', '')}"
        table.cell(index, 2).text = value
    merged = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    merged.text = "\n".join(agency)
    _set_widths(table, [3500, 2200, 4500])


def _boxes(document: object, procedure: Procedure) -> None:
    table = document.add_table(rows=(len(procedure.boxes) + 1) // 2, cols=2)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for index, box in enumerate(procedure.boxes):
        cell = table.cell(index // 2, index % 2)
        cell.paragraphs[0].add_run(box.heading).bold = True
        for number, item in enumerate(box.items, 1):
            cell.add_paragraph(f"{number}. {item}" if box.numbered else item)


def _matrix_header(table: object, roles: list[str]) -> None:
    count = len(roles)
    first, second = table.rows[0].cells, table.rows[1].cells  # type: ignore[attr-defined]
    last = 2 + count + 3
    table.cell(0, 0).merge(table.cell(1, 0)).text = "No"  # type: ignore[attr-defined]
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Kegiatan"  # type: ignore[attr-defined]
    table.cell(0, 2).merge(table.cell(0, 1 + count)).text = "Pelaksana"  # type: ignore[attr-defined]
    table.cell(0, 2 + count).merge(table.cell(0, 4 + count)).text = "Mutu Baku"  # type: ignore[attr-defined]
    table.cell(0, last).merge(table.cell(1, last)).text = "Keterangan"  # type: ignore[attr-defined]
    del first, second
    for index, role in enumerate(roles):
        table.cell(1, 2 + index).text = role  # type: ignore[attr-defined]
    for offset, name in enumerate(("Kelengkapan", "Waktu", "Output")):
        table.cell(1, 2 + count + offset).text = name  # type: ignore[attr-defined]


def _matrix(document: object, procedure: Procedure, steps: list[tuple[int, StepRecord]], style: str) -> None:
    roles = procedure.roles
    count = len(roles)
    table = document.add_table(rows=2 + len(steps), cols=count + 6)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    _matrix_header(table, roles)
    widths = [NUMBER_W, ACTIVITY_W] + [ROLE_W] * count + [MUTU_W] * 3 + [KET_W]
    _set_widths(table, widths)
    for row in table.rows:
        row.height = Twips(ROW_H if style in ("group", "canvas") else 700)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if style in ("group", "canvas") else WD_ROW_HEIGHT_RULE.AT_LEAST
    role_left = [sum(widths[: 2 + j]) for j in range(count)]
    children: list[tuple[str, int, int]] = []  # (kind, x, y) in twips from the first role cell's corner
    for offset, (index, step) in enumerate(steps):
        cells = table.rows[2 + offset].cells
        cells[0].text = step.number or ""
        cells[1].text = step.activity
        for position, key in enumerate(("Kelengkapan", "Waktu", "Output", "Keterangan")):
            cells[2 + count + position].text = step.fields.get(key, "")
        kind = _kind(step, index)
        for role in step.performers:
            column = roles.index(role)
            centre = (ROLE_W - SHAPE_W) // 2 - 108
            if style == "anchored":
                paragraph = cells[2 + column].paragraphs[0]._p
                paragraph.append(shape_run(kind, centre, 100))
                if index + 1 < len(procedure.steps):
                    paragraph.append(connector_run(ROLE_W // 2 - 108, 100 + SHAPE_H, 300))
            elif style == "floating":
                paragraph = cells[1].paragraphs[0]._p
                x = role_left[column] - NUMBER_W + (ROLE_W - SHAPE_W) // 2 - 108
                paragraph.append(shape_run(kind, x, 100, in_cell=False))
            elif style == "typed":
                cells[2 + column].text = MARKS[(index + column) % len(MARKS)]
            elif style == "vml":
                cells[2 + column].paragraphs[0]._p.append(vml_run(kind, centre))
            elif style in ("group", "canvas"):
                x = role_left[column] - role_left[0] + (ROLE_W - SHAPE_W) // 2 - 108
                y = offset * ROW_H + (ROW_H - SHAPE_H) // 2
                children.append((kind, x, y))
    if style in ("group", "canvas") and children:
        left, top = min(x for _, x, _ in children), min(y for _, _, y in children)
        right, bottom = max(x for _, x, _ in children) + SHAPE_W, max(y for _, _, y in children) + SHAPE_H
        shapes: list[str] = []
        for kind, x, y in children:
            x, y = (x - left) * EMU, (y - top) * EMU
            shapes.append(_wsp(kind, x, y, SHAPE_W * EMU, SHAPE_H * EMU, True))
            if y + SHAPE_H * EMU < (bottom - top) * EMU:  # an arrow down to the next row
                shapes.append(_connector(x + SHAPE_W * EMU // 2, y + SHAPE_H * EMU, 1, (ROW_H - SHAPE_H) * EMU, True))
        make = group_run if style == "group" else canvas_run
        run = make(shapes, (right - left) * EMU, (bottom - top) * EMU, left, top)
        table.rows[2].cells[2].paragraphs[0]._p.append(run)


def build_docx(procedure: Procedure, path: Path, style: str, agency: list[str], split_at: int | None = None) -> Path:
    """Write `procedure` as a Word file in the official layout; `split_at`: the matrix
    continues in a second table (header repeated) from that step on."""
    document = Document()
    _identity(document, procedure, agency)
    document.add_paragraph("")
    _boxes(document, procedure)
    document.add_paragraph("")
    numbered = list(enumerate(procedure.steps))
    parts = [numbered[:split_at], numbered[split_at:]] if split_at else [numbered]
    for number, part in enumerate(parts):
        if number:
            document.add_page_break()  # type: ignore[no-untyped-call]  # python-docx: untyped
        _matrix(document, procedure, part, style)
    document.add_paragraph("")  # a Word body never ends on a table (LibreOffice's .doc export drops one that does)
    document.save(str(path))
    return path
