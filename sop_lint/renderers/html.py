"""The official layout as one self-contained HTML page (inline CSS and SVG, no script).

Page 1: the identity block and the six boxes. Then the procedure matrix, one
table per page of steps (`layout.Page`), each with its header rows (repeated
by the browser should a page still overflow) and `break-before: page`.

The flowchart is drawn in *tiles*: every role cell holds one absolutely
positioned `<svg width="100%" height="100%">`; arrow segments use percentages
of the cell, so they follow the height the browser gives the row, and the
symbols are fixed-size nested SVGs at the cell centre, drawn after the lines
with a white fill. Only presentation attributes, so every engine prints it
alike. The table is 277 mm wide (A4 landscape less 10 mm margins) on screen
and paper, so the role columns' width — and the symbols' — is known here.

Machine-readable attributes, for tests and tools: a symbol is
`<svg class="symbol" data-kind=… data-step=… data-position=…>` (the written
number, and the 1-based position, which differ when a number is written twice;
`data-mark="1"` on the
other performers' marks, `data-letter` on connectors), an arrow segment is a
`<line data-edge="3>2">` whose key is `Edge.key`, each row has
`data-row-kind` (start, step, end, in, out).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

from ..model import Item, Sop, Step
from ..rule import Finding
from .layout import CENTRE, Layout, Page, Row, Segment
from .placing import Target, place
from .visible import visible

TABLE_WIDTH_PX = 1047  # 277 mm at 96 px per inch
# Column widths (% of the table): No, Kegiatan, the roles together, Kelengkapan, Waktu, Output, Keterangan.
WIDTH_NO, WIDTH_ACTIVITY, WIDTH_ROLES = 3.5, 23.0, 40.0
WIDTH_TAIL = (10.5, 7.5, 8.5, 7.0)
STROKE = "#000"
STROKE_WIDTH = "1.3"
ROW_HEIGHT = {"step": 48, "start": 40, "end": 40, "in": 38, "out": 38}  # px, the least (symbols fit above TURN)
BOXES = (
    ("Dasar Hukum", "Kualifikasi Pelaksana"),
    ("Keterkaitan", "Peralatan/Perlengkapan"),
    ("Peringatan", "Pencatatan dan Pendataan"),
)
MUTU_BAKU = ("Kelengkapan", "Waktu", "Output")

CSS = """
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0; padding: 8px 0; font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: 8.5pt; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { padding: 0; } .sheet { width: auto; margin: 0; } }
.sheet { width: 277mm; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td, th { border: 1px solid #000; padding: 2px 4px; vertical-align: top; overflow-wrap: break-word; }
th { font-weight: bold; text-align: center; vertical-align: middle; background: #f2f2f2; }
.identity td, .identity th { padding: 3px 6px; }
.identity th { text-align: left; width: 22%; background: none; }
.identity .agency { width: 45%; text-align: center; vertical-align: middle; font-weight: bold; font-size: 10pt; }
.identity .agency .line { display: block; }
.identity .title { font-weight: bold; font-size: 10pt; }
.identity .signature { height: 14mm; }
.boxes { margin-top: 4mm; }
.boxes td { width: 50%; padding: 3px 6px 6px; }
.boxes .heading { font-weight: bold; margin-bottom: 2px; }
.boxes ol, .boxes ul { margin: 0; padding-left: 18px; }
.page { break-before: page; }
@media screen { .page { margin-top: 8mm; } }
.matrix thead { display: table-header-group; }
.matrix tr { break-inside: avoid; }
.matrix .caption th { text-align: left; font-weight: normal; background: none; }
.matrix td.no { text-align: center; }
.matrix td.role { position: relative; padding: 0; }
.matrix svg.tile { position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }
.matrix th.role-name { font-size: 7pt; overflow-wrap: anywhere; hyphens: auto; padding: 2px 1px; }
.matrix tr.connector td.activity { font-style: italic; color: #333; vertical-align: middle; }
.matrix .question { font-style: italic; }
.badge { display: inline-block; min-width: 14px; padding: 0 3px; margin: 0 1px; border-radius: 7px;
  background: #c62828; color: #fff; font-size: 7pt; font-weight: bold; line-height: 14px; text-align: center;
  font-style: normal; vertical-align: top; }
td.role .badges { position: absolute; top: 1px; right: 1px; z-index: 1; }
.findings { margin-top: 4mm; }
.findings h2 { font-size: 10pt; margin: 0 0 2px; }
.findings ol { margin: 0; padding-left: 22px; }
.findings code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
"""
HIDE_FINDINGS_IN_PRINT = "@media print { .badge, .findings { display: none; } }\n"


# A page repeats a few coordinates and keys thousands of times: format each once.
@functools.cache
def _pct(value: float) -> str:
    return f"{value:g}%"


@functools.cache
def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


_SPECIAL = re.compile(r"[&<>\"']").search


def escape(text: str) -> str:
    """`html.escape` of the text as shown (`visible`); most texts of a page need neither."""
    text = visible(text)
    return html.escape(text) if _SPECIAL(text) else text


_escape_key = functools.cache(escape)


class _Sizes:
    """Symbol sizes (px) for the role columns' width: at most half a column wide."""

    def __init__(self, columns: int) -> None:
        column_px = TABLE_WIDTH_PX * WIDTH_ROLES / 100 / max(1, columns)
        self.width = min(60.0, column_px * 0.5)
        self.height = {"process": 22.0, "decision": 26.0, "terminator": 20.0, "offpage": 20.0}

    def box(self, kind: str) -> tuple[float, float]:
        if kind == "offpage":
            return min(22.0, self.width), self.height[kind]
        return self.width, self.height[kind]


@functools.cache
def _shape(kind: str, width: float, height: float, dashed: bool) -> str:
    w, h = width / 2, height / 2
    paint = f'fill="#fff" stroke="{STROKE}" stroke-width="{STROKE_WIDTH}"'
    if dashed:
        paint += ' stroke-dasharray="3 2"'
    if kind == "process":
        return f'<rect x="{_num(-w)}" y="{_num(-h)}" width="{_num(width)}" height="{_num(height)}" {paint}/>'
    if kind == "terminator":
        box = f'x="{_num(-w)}" y="{_num(-h)}" width="{_num(width)}" height="{_num(height)}"'
        return f'<rect {box} rx="{_num(h)}" ry="{_num(h)}" {paint}/>'
    if kind == "decision":
        return f'<polygon points="{_num(-w)},0 0,{_num(-h)} {_num(w)},0 0,{_num(h)}" {paint}/>'
    # off-page connector: a pentagon pointing down
    points = f"{_num(-w)},{_num(-h)} {_num(w)},{_num(-h)} {_num(w)},{_num(h / 3)} 0,{_num(h)} {_num(-w)},{_num(h / 3)}"
    return f'<polygon points="{points}" {paint}/>'


def _text(x: float, y: float, text: str, anchor: str = "middle", size: float = 8, edge: str | None = None) -> str:
    label_of = f' data-label-of="{escape(edge)}"' if edge is not None else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}"{label_of} text-anchor="{anchor}" font-size="{_num(size)}" '
        f'font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" fill="#000">{escape(text)}</text>'
    )


def _step_attr(row: Row) -> str:
    if row.step is not None:
        return f' data-step="{escape(_label(row.step))}" data-position="{row.step.index + 1}"'
    return ""


def _label(step: Step) -> str:
    return str(step.number) if step.number is not None else f"#{step.index + 1}"


def _symbol(row: Row, sizes: _Sizes, mark: bool) -> str:
    width, height = sizes.box(row.symbol)
    exits = tuple((key, label, where) for key, (label, where) in row.exits.items() if label) if not mark else ()
    return _symbol_markup(row.symbol, width, height, mark, row.entered and not mark, row.text, exits, _step_attr(row))


@functools.cache  # the same symbols recur from page to page and file to file
def _symbol_markup(
    kind: str,
    width: float,
    height: float,
    mark: bool,
    entered: bool,
    text: str,
    exits: tuple[tuple[str, str, str], ...],
    step: str,
) -> str:
    attributes = f' data-kind="{kind}"{step}'
    if mark:
        attributes += ' data-mark="1"'
    if kind == "offpage":
        attributes += f' data-letter="{escape(text)}"'
    parts = [f'<svg class="symbol" x="50%" y="50%" overflow="visible"{attributes}>', _shape(kind, width, height, dashed=mark)]
    if entered:
        top = -height / 2
        parts.append(f'<polygon points="-3.5,{_num(top - 6)} 3.5,{_num(top - 6)} 0,{_num(top)}" fill="{STROKE}"/>')
    if not mark and kind in ("terminator", "offpage") and text:
        size = 8.0 if kind == "terminator" else 9.0
        parts.append(_text(0, 3.0 if kind == "terminator" else 1.5, text, size=size))
    for key, label, where in exits:
        if where == "bottom":
            parts.append(_text(3, height / 2 + 8, label, anchor="start", size=7.5, edge=key))
        elif where == "right":
            parts.append(_text(width / 2 + 1, -3, label, anchor="start", size=7.5, edge=key))
        else:
            parts.append(_text(-width / 2 - 1, -3, label, anchor="end", size=7.5, edge=key))
    parts.append("</svg>")
    return "".join(parts)


@functools.cache  # segments recur too: the same few coordinates, the same step keys
def _line(segment: Segment) -> str:
    x1, y1, x2, y2, edge = segment
    return f'<line x1="{_pct(x1)}" y1="{_pct(y1)}" x2="{_pct(x2)}" y2="{_pct(y2)}" data-edge="{escape(edge)}"/>'


def _tile(row: Row, column: int, sizes: _Sizes, badges: list[int]) -> str:
    segments = row.cells[column]
    main = row.column == column
    marked = column in row.marks
    if not segments and not main and not marked:
        return '<td class="role"></td>'
    # The lines take stroke from their group: presentation attributes, inherited.
    lines = "".join([_line(segment) for segment in segments])
    parts = [
        '<td class="role"><svg class="tile" width="100%" height="100%" overflow="visible">',
        f'<g stroke="{STROKE}" stroke-width="{STROKE_WIDTH}">{lines}</g>' if lines else "",
    ]
    if marked:
        parts.append(_symbol(row, sizes, mark=True))
    if main:
        parts.append(_symbol(row, sizes, mark=False))
    parts.append("</svg>")
    if main and badges:
        parts.append(f'<span class="badges">{_badges(badges)}</span>')
    parts.append("</td>")
    return "".join(parts)


def _badges(numbers: Sequence[int]) -> str:
    return "".join(f'<span class="badge" data-finding="{n}">{n}</span>' for n in numbers)


def _field_value(step: Step, key: str) -> str:
    field = step.field(key)
    return field.value if field is not None else ""


def _items(items: Sequence[Item]) -> str:
    if not items:
        return ""
    numbered = all(item.number is not None for item in items)
    tag = "ol" if numbered or len(items) > 1 else "ul"
    parts = [f"<{tag}>"]
    for item in items:
        parts.append(f"<li>{escape(item.text)}{_items(item.subs)}</li>")
    parts.append(f"</{tag}>")
    return "".join(parts)


class HtmlPage:
    """Builds the page of one SOP."""

    def __init__(
        self,
        sop: Sop,
        layout: Layout,
        findings: Sequence[Finding] | None = None,
        print_findings: bool = False,
        name: str = "",
    ) -> None:
        self.sop, self.layout, self.name = sop, layout, name
        self.with_findings = findings is not None
        self.numbered, self.badges = place(sop, findings or [])
        self.print_findings = print_findings
        self.sizes = _Sizes(len(layout.columns))

    def badge(self, target: Target) -> str:
        numbers = self.badges.get(target) if self.badges else None
        return _badges(numbers) if numbers else ""

    def render(self) -> str:
        title = self.sop.title or self.name or "SOP"
        css = CSS + ("" if self.print_findings else HIDE_FINDINGS_IN_PRINT)
        parts = [
            "<!DOCTYPE html>\n",
            '<html lang="id">\n<head>\n<meta charset="utf-8">\n',
            f"<title>{escape(title)}</title>\n",
            f'<style>{css}</style>\n</head>\n<body>\n<main class="sheet">\n',
            self.identity(),
            self.boxes(),
        ]
        for page in self.layout.pages:
            parts.append(self.matrix(page))
        if self.with_findings:
            parts.append(self.findings_list())
        parts.append("</main>\n</body>\n</html>\n")
        return "".join(parts)

    def _identity_value(self, key: str) -> str:
        identity = self.sop.identity
        field = identity.field(key) if identity is not None else None
        value = escape(field.value) if field is not None else ""
        return value + self.badge(("identity", key))

    def identity(self) -> str:
        identity = self.sop.identity
        agency = identity.field("Instansi") if identity is not None else None
        unit = identity.field("Unit") if identity is not None else None
        lines = ([agency.value] if agency is not None and agency.value else []) + (
            [part.strip() for part in unit.value.split(",") if part.strip()] if unit is not None else []
        )
        agency_cell = "".join(f'<span class="line">{escape(line)}</span>' for line in lines)
        office = self._identity_value("Disahkan Oleh")
        signer = self._identity_value("Nama Pengesah")
        nip = self._identity_value("NIP Pengesah")
        title = escape(self.sop.title or "") + self.badge(("document",))
        rows = [
            ("Nomor SOP", self._identity_value("Nomor")),
            ("Tanggal Pembuatan", self._identity_value("Tanggal Pembuatan")),
            ("Tanggal Revisi", self._identity_value("Tanggal Revisi")),
            ("Tanggal Efektif", self._identity_value("Tanggal Efektif")),
            (
                "Disahkan oleh",
                f'<div class="office">{office}</div><div class="signature"></div>'
                f'<div class="signer"><b>{signer}</b></div><div class="nip">NIP. {nip}</div>',
            ),
            ("Nama SOP", f'<span class="title">{title}</span>'),
        ]
        limit = identity.field("Batas Waktu") if identity is not None else None
        if limit is not None:
            rows.insert(4, ("Batas Waktu", self._identity_value("Batas Waktu")))
        parts = ['<table class="identity">\n<tbody>\n']
        for i, (heading, value) in enumerate(rows):
            parts.append("<tr>")
            if i == 0:
                parts.append(f'<td class="agency" rowspan="{len(rows)}">{agency_cell}</td>')
            parts.append(f"<th>{heading}</th><td>{value}</td></tr>\n")
        parts.append("</tbody>\n</table>\n")
        return "".join(parts)

    def boxes(self) -> str:
        parts = ['<table class="boxes">\n<tbody>\n']
        for pair in BOXES:
            parts.append("<tr>")
            for kind in pair:
                section = self.sop.section(kind)
                body = _items(section.items) if section is not None else ""
                heading = escape(kind) + self.badge(("section", kind))
                parts.append(f'<td data-box="{escape(kind)}"><div class="heading">{heading}:</div>{body}</td>')
            parts.append("</tr>\n")
        parts.append("</tbody>\n</table>\n")
        return "".join(parts)

    def colgroup(self) -> str:
        roles = len(self.layout.columns)
        widths = [WIDTH_NO, WIDTH_ACTIVITY, *([WIDTH_ROLES / roles] * roles), *WIDTH_TAIL]
        return "<colgroup>" + "".join(f'<col style="width:{w:.3f}%">' for w in widths) + "</colgroup>"

    def matrix(self, page: Page) -> str:
        columns = self.layout.columns
        total = len(self.layout.pages)
        span = 2 + len(columns) + 4
        identity = self.sop.identity
        number = identity.field("Nomor") if identity is not None else None
        caption = f"<b>{escape(self.sop.title or '')}</b>"
        if number is not None and number.value:
            caption += f" &#183; Nomor {escape(number.value)}"
        caption += f" &#183; Halaman {page.number + 1} dari {total}"
        parts = [
            f'<section class="page" data-page="{page.number + 1}">\n<table class="matrix">',
            self.colgroup(),
            f'\n<thead>\n<tr class="caption"><th colspan="{span}">{caption}</th></tr>\n',
            f'<tr><th rowspan="2">No</th><th rowspan="2">Kegiatan</th><th colspan="{len(columns)}">Pelaksana</th>'
            f'<th colspan="3">Mutu Baku</th><th rowspan="2">Keterangan</th></tr>\n<tr>',
        ]
        parts.extend(f'<th class="role-name">{escape(name)}</th>' for name in columns)
        parts.extend(f"<th>{name}</th>" for name in MUTU_BAKU)
        parts.append("</tr>\n</thead>\n<tbody>\n")
        for row in page.rows:
            parts.append(self.row(row))
        parts.append("</tbody>\n</table>\n</section>\n")
        return "".join(parts)

    def row(self, row: Row) -> str:
        height = ROW_HEIGHT[row.kind]
        step = row.step
        cells: list[str] = []
        index = step.index if step is not None else -1
        if step is not None:
            cells.append(f'<td class="no">{escape(_label(step))}{self.badge(("step", index, "no"))}</td>')
            activity = escape(step.activity)
            if step.decision is not None and step.decision.strip() and step.decision.strip() != step.activity.strip():
                activity += f'<br><span class="question">{escape(step.decision)}</span>'
            cells.append(f'<td class="activity">{activity}{self.badge(("step", index, "activity"))}</td>')
        else:
            cells.append('<td class="no"></td>')
            cells.append(f'<td class="activity">{self._connector_text(row)}</td>')
        symbol_badges = self.badges.get(("step", index, "symbol"), []) if step is not None and self.badges else []
        marks = row.marks
        for column, segments in enumerate(row.cells):
            if segments or column == row.column or column in marks:
                cells.append(_tile(row, column, self.sizes, symbol_badges))
            else:
                cells.append('<td class="role"></td>')
        for key in (*MUTU_BAKU, "Keterangan"):
            if step is None:
                cells.append("<td></td>")
                continue
            value = (
                escape(step.duration.text) if key == "Waktu" and step.duration is not None else escape(_field_value(step, key))
            )
            cells.append(f"<td>{value}{self.badge(('step', index, key))}</td>")
        kind_class = "connector" if row.kind in ("in", "out") else row.kind
        attributes = f' class="{kind_class}" data-row-kind="{row.kind}"{_step_attr(row)}'
        return f'<tr{attributes} style="height:{height}px">{"".join(cells)}</tr>\n'

    def _connector_text(self, row: Row) -> str:
        if row.kind == "out" and row.other_page is not None:
            return f"bersambung ke halaman {row.other_page + 1} ({escape(row.text)})"
        if row.kind == "in" and row.other_page is not None:
            return f"sambungan dari halaman {row.other_page + 1} ({escape(row.text)})"
        return ""

    def findings_list(self) -> str:
        parts = ['<section class="findings">\n<h2>Temuan sop-lint</h2>\n']
        if not self.numbered:
            parts.append("<p>Tidak ada temuan.</p>\n")
        else:
            parts.append("<ol>\n")
            for number, finding, _target in self.numbered:
                where = f"{finding.span.line}:{finding.span.column}"
                parts.append(
                    f'<li value="{number}" data-finding="{number}"><code>{escape(finding.code)}</code> '
                    f"[{escape(finding.severity)}] {where} {escape(finding.text or finding.message)}</li>\n"
                )
            parts.append("</ol>\n")
        parts.append("</section>\n")
        return "".join(parts)


def render_html(
    sop: Sop, layout: Layout, findings: Sequence[Finding] | None = None, print_findings: bool = False, name: str = ""
) -> str:
    """The page as text (UTF-8 when written)."""
    return HtmlPage(sop, layout, findings, print_findings, name).render()


__all__ = ["CENTRE", "render_html"]
