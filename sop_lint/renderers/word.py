"""The official layout as a Word document (`render --format docx`), with python-docx.

The same layout as the HTML page, as tables: the identity table, the six
boxes, then one procedure matrix table per page of steps (`layout.Page`),
its first three rows repeated as header rows on every printed page, a page
break between them. A4 landscape, 10 mm margins.

Each symbol is a native Word shape in its performer's cell, an inline
`wps:wsp` with its preset geometry inside `mc:AlternateContent`, with the
same shape in VML as the `mc:Fallback` (Word 2007, LibreOffice). The exact
XML is documented in docs/render.md ("The Word file"), because the importer
reads it back: keep the two in step. Arrows are not drawn in the Word file:
the flow is written as text beside a symbol (`Ya: …`, `Tidak: …`,
`Lanjut: …`, as the SOP text has them), and the default next step is the
next row.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..model import Item, Sop, Step
from .html import BOXES, MUTU_BAKU, ROW_HEIGHT, WIDTH_ACTIVITY, WIDTH_NO, WIDTH_ROLES, WIDTH_TAIL
from .layout import Layout, Page, Row
from .visible import visible

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 297, 210, 10
EMU_PER_PX = 9525
# DrawingML preset and VML shape type of each symbol (docs/render.md, design §2's table).
PRESETS = {
    "process": ("flowChartProcess", 109),
    "decision": ("flowChartDecision", 110),
    "terminator": ("flowChartTerminator", 116),
    "offpage": ("flowChartOffpageConnector", 177),
}
HEIGHTS_PX = {"process": 22, "decision": 26, "terminator": 20, "offpage": 20}
ROW_HEIGHT_TWIPS = {kind: px * 15 for kind, px in ROW_HEIGHT.items()}  # 1 px = 15 twips
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def _shape_text(text: str) -> str:
    """A shape's text as a text-box paragraph (centred, 7 pt)."""
    return (
        '<w:txbxContent><w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="14"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(visible(text))}</w:t></w:r></w:p></w:txbxContent>'
    )


def shape_run(
    kind: str, width_px: float, height_px: float, shape_id: int, name: str, text: str = "", dashed: bool = False
) -> Any:
    """`<w:r>` holding one symbol: DrawingML `wps:wsp` (Choice) with its VML twin (Fallback)."""
    preset, vml_type = PRESETS[kind]
    cx, cy = round(width_px * EMU_PER_PX), round(height_px * EMU_PER_PX)
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    body = f"<wps:txbx>{_shape_text(text)}</wps:txbx>" if text else ""
    inset = ' lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"' if text else ""
    vml_dash = '<v:stroke dashstyle="dash"/>' if dashed else ""
    vml_text = f'<v:textbox inset="0,0,0,0">{_shape_text(text)}</v:textbox>' if text else ""
    width_pt, height_pt = width_px * 0.75, height_px * 0.75
    xml = (
        f"<w:r {NAMESPACES}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name={quoteattr(name)}/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:cNvSpPr/><wps:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{dash}</a:ln>'
        f"</wps:spPr>{body}<wps:bodyPr{inset}/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t{vml_type}" o:spt="{vml_type}" '
        f'style="width:{width_pt:.2f}pt;height:{height_pt:.2f}pt" fillcolor="white" strokecolor="black" strokeweight="1pt">'
        f"{vml_dash}{vml_text}</v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    return parse_xml(xml)


def _label(step: Step) -> str:
    return str(step.number) if step.number is not None else f"#{step.index + 1}"


class _Word:
    def __init__(self, sop: Sop, layout: Layout) -> None:
        self.sop, self.layout = sop, layout
        self.document: Any = Document()
        self.next_shape_id = 1
        roles = max(1, len(layout.columns))
        usable_mm = PAGE_WIDTH_MM - 2 * MARGIN_MM
        column_px = usable_mm / 25.4 * 96 * WIDTH_ROLES / 100 / roles
        self.symbol_width = min(60.0, column_px * 0.5)
        self.widths_mm = [usable_mm * w / 100 for w in (WIDTH_NO, WIDTH_ACTIVITY, *([WIDTH_ROLES / roles] * roles), *WIDTH_TAIL)]

    def build(self) -> bytes:
        document = self.document
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        normal = document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(8)
        normal.paragraph_format.space_after = Pt(0)
        self.identity()
        document.add_paragraph()
        self.boxes()
        for page in self.layout.pages:
            document.add_page_break()
            self.matrix(page)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    # --- helpers -----------------------------------------------------------------------

    def _table(self, rows: int, widths_mm: Sequence[float]) -> Any:
        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
            col.set(qn("w:w"), str(round(width / 25.4 * 1440)))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    @staticmethod
    def _write(
        cell: Any, text: str, bold: bool = False, italic: bool = False, centre: bool = False, size: float | None = None
    ) -> Any:
        paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs else cell.add_paragraph()
        run = paragraph.add_run(visible(text))  # XML admits no control characters
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = Pt(size)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def _items(self, cell: Any, items: Sequence[Item], depth: int = 0) -> None:
        for position, item in enumerate(items, start=1):
            marker = f"{item.number if item.number is not None else position}." if len(items) > 1 or item.number else "-"
            paragraph = self._write(cell, f"{'   ' * depth}{marker} {item.text}")
            paragraph.paragraph_format.left_indent = Mm(3 + 4 * depth)
            paragraph.paragraph_format.first_line_indent = Mm(-3)
            self._items(cell, item.subs, depth + 1)

    def _field(self, key: str) -> str:
        identity = self.sop.identity
        field = identity.field(key) if identity is not None else None
        return field.value if field is not None else ""

    # --- parts -------------------------------------------------------------------------

    def identity(self) -> None:
        rows = [
            ("Nomor SOP", "Nomor"),
            ("Tanggal Pembuatan", "Tanggal Pembuatan"),
            ("Tanggal Revisi", "Tanggal Revisi"),
            ("Tanggal Efektif", "Tanggal Efektif"),
            ("Disahkan oleh", "Disahkan Oleh"),
            ("Nama SOP", ""),
        ]
        if self._field("Batas Waktu"):
            rows.insert(4, ("Batas Waktu", "Batas Waktu"))
        usable = PAGE_WIDTH_MM - 2 * MARGIN_MM
        table = self._table(len(rows), [usable * 0.45, usable * 0.22, usable * 0.33])
        agency = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
        lines = [self._field("Instansi"), *[part.strip() for part in self._field("Unit").split(",")]]
        for line in [line for line in lines if line]:
            self._write(agency, line, bold=True, centre=True, size=10)
        for i, (heading, key) in enumerate(rows):
            self._write(table.cell(i, 1), heading, bold=True)
            value = table.cell(i, 2)
            if heading == "Disahkan oleh":
                self._write(value, self._field("Disahkan Oleh"))
                self._write(value, "")
                self._write(value, "")
                self._write(value, self._field("Nama Pengesah"), bold=True)
                self._write(value, f"NIP. {self._field('NIP Pengesah')}")
            elif heading == "Nama SOP":
                self._write(value, self.sop.title or "", bold=True, size=10)
            else:
                self._write(value, self._field(key))

    def boxes(self) -> None:
        usable = PAGE_WIDTH_MM - 2 * MARGIN_MM
        table = self._table(len(BOXES), [usable / 2, usable / 2])
        for r, pair in enumerate(BOXES):
            for c, kind in enumerate(pair):
                cell = table.cell(r, c)
                self._write(cell, f"{kind}:", bold=True)
                section = self.sop.section(kind)
                if section is not None:
                    self._items(cell, section.items)

    def matrix(self, page: Page) -> None:
        columns = self.layout.columns
        roles = len(columns)
        count = 2 + roles + 4
        table = self._table(3 + len(page.rows), self.widths_mm)
        caption = table.cell(0, 0).merge(table.cell(0, count - 1))
        number = self._field("Nomor")
        text = f"{self.sop.title or ''}" + (f" · Nomor {number}" if number else "")
        self._write(caption, f"{text} · Halaman {page.number + 1} dari {len(self.layout.pages)}", bold=True)
        heads: list[tuple[int, int, int, int, str]] = [
            (1, 0, 2, 0, "No"),
            (1, 1, 2, 1, "Kegiatan"),
            (1, 2, 1, 1 + roles, "Pelaksana"),
            (1, 2 + roles, 1, 4 + roles, "Mutu Baku"),
            (1, 5 + roles, 2, 5 + roles, "Keterangan"),
        ]
        for top, left, bottom, right, title in heads:
            cell = (
                table.cell(top, left).merge(table.cell(bottom, right))
                if (top, left) != (bottom, right)
                else table.cell(top, left)
            )
            self._write(cell, title, bold=True, centre=True)
        for i, name in enumerate([*columns, *MUTU_BAKU]):
            self._write(table.cell(2, 2 + i), name, bold=True, centre=True, size=7 if i < roles else None)
        for r in range(3):
            properties = table.rows[r]._tr.get_or_add_trPr()
            properties.append(parse_xml(f"<w:tblHeader {NAMESPACES.split(' ')[0]}/>"))
        for offset, row in enumerate(page.rows):
            self.row(table, 3 + offset, row, page)
        w = NAMESPACES.split(" ")[0]
        for position, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            properties.append(parse_xml(f"<w:cantSplit {w}/>"))
            if position >= 3:  # room for the symbol and the text under it, as the HTML rows have
                height = ROW_HEIGHT_TWIPS[page.rows[position - 3].kind]
                properties.append(parse_xml(f'<w:trHeight {w} w:val="{height}" w:hRule="atLeast"/>'))
                for cell in row.cells[2 : 2 + roles]:
                    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    def row(self, table: Any, index: int, row: Row, page: Page) -> None:
        roles = len(self.layout.columns)
        cells = table.rows[index].cells
        step = row.step
        if step is not None:
            self._write(cells[0], _label(step), centre=True)
            self._write(cells[1], step.activity)
            if step.decision is not None and step.decision.strip() and step.decision.strip() != step.activity.strip():
                self._write(cells[1], step.decision, italic=True)
            tail = [
                step.field("Kelengkapan"),
                None,
                step.field("Output"),
                step.field("Keterangan"),
            ]
            waktu = step.duration.text if step.duration is not None else ""
            values = [tail[0].value if tail[0] else "", waktu, tail[2].value if tail[2] else "", tail[3].value if tail[3] else ""]
            for offset, value in enumerate(values):
                if value:
                    self._write(cells[2 + roles + offset], value)
        elif row.other_page is not None:
            where = "bersambung ke" if row.kind == "out" else "sambungan dari"
            self._write(cells[1], f"{where} halaman {row.other_page + 1} ({row.text})", italic=True)
        self._symbol(cells[2 + row.column], row, order=1)
        for order, column in enumerate(row.marks, start=2):  # the other performers, in the order written
            if column != row.column:
                self._symbol(cells[2 + column], row, order=order)
        if step is not None:
            refs = [("Ya", step.yes), ("Tidak", step.no), ("Lanjut", step.next)]
            for key, ref in refs:
                if ref is not None:
                    self._write(cells[2 + row.column], f"{key}: {ref.text}", centre=True, size=6.5)

    def _symbol(self, cell: Any, row: Row, order: int) -> None:
        """The symbol in `cell`: order 1 is the step's own (first performer), 2… the dashed marks."""
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        width = min(22.0, self.symbol_width) if row.symbol == "offpage" else self.symbol_width
        if row.step is not None:
            name = f"Langkah {_label(row.step)}" + (f" pelaksana {order}" if order > 1 else "")
        elif row.symbol == "offpage":
            name = f"Penghubung {row.text}"
        else:
            name = row.text
        text = row.text if row.symbol in ("terminator", "offpage") else ""
        run = shape_run(row.symbol, width, HEIGHTS_PX[row.symbol], self.next_shape_id, name, text, dashed=order > 1)
        self.next_shape_id += 1
        paragraph._p.append(run)


def render_docx(sop: Sop, layout: Layout) -> bytes:
    """The .docx file's bytes."""
    return _Word(sop, layout).build()


__all__ = ["render_docx", "shape_run"]
