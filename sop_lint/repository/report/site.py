"""The pages of the reviewer's site: plain HTML that reads without script (tables,
inline SVG charts, one stylesheet inline in each page); a small inline script
makes the index sortable and filterable where a browser runs it."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from ...pack import Pack
from ...rule import Rule
from ...values.durations import format_minutes
from .catatan import catatan, criteria, message_id, tindakan
from .entries import FAMILIES, Entry

FAMILY_NAMES = {
    "P": "Struktur",
    "M": "Identitas",
    "C": "Kelengkapan",
    "R": "Pelaksana",
    "S": "Alur",
    "D": "Mutu Baku",
    "L": "Dasar Hukum",
    "X": "Antar-SOP",
}
SEVERITY_NAMES = {"error": "Galat", "warning": "Peringatan", "info": "Info"}
_COLOURS = {"error": "#b3261e", "warning": "#a15c00", "info": "#1f5fa8", "ok": "#2e7d32", "bar": "#4a6fa5"}
_TOP_CODES = 3  # the most frequent findings named per agency

STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 14px; color: #1b1b1b;
       margin: 0 auto; padding: 16px 24px; max-width: 1400px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #ccc; }
a { color: #1f4e8c; }
.muted { color: #555; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid #ccc; border-radius: 4px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.index { font-size: 12px; width: 100%; }
.wide { overflow-x: auto; }
table.index th { position: sticky; top: 0; }
.sesuai { color: #2e7d32; font-weight: bold; } .perbaikan { color: #b3261e; font-weight: bold; }
.sev-error { color: #b3261e; } .sev-warning { color: #a15c00; } .sev-info { color: #1f5fa8; }
.charts { display: flex; gap: 32px; flex-wrap: wrap; }
.controls { display: none; margin: 8px 0; gap: 8px; }
.js .controls { display: flex; }
.js th.sortable { cursor: pointer; } .js th.sortable::after { content: " \\2195"; color: #888; }
table.source { font-size: 12px; width: 100%; }
table.source td.ln { text-align: right; color: #666; width: 3em; }
table.source td.text { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre-wrap;
                       word-break: break-word; width: 55%; }
table.source tr.hit td.text { background: #fff4e5; }
table.source td.notes { width: 40%; }
table.source td.notes div { margin: 0 0 2px; }
dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.identity dt { font-weight: bold; } dl.identity dd { margin: 0; }
"""

SCRIPT = """
document.documentElement.classList.add('js');
window.addEventListener('DOMContentLoaded', function () {
  var table = document.querySelector('table.index'); if (!table) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('filter'), verdict = document.getElementById('verdict');
  function apply() {
    var words = filter.value.toLowerCase(), wanted = verdict.value, shown = 0;
    rows.forEach(function (row) {
      var ok = row.textContent.toLowerCase().indexOf(words) >= 0 && (!wanted || row.dataset.verdict === wanted);
      row.style.display = ok ? '' : 'none'; if (ok) shown++;
    });
    document.getElementById('shown').textContent = shown + ' dari ' + rows.length + ' SOP';
  }
  filter.addEventListener('input', apply); verdict.addEventListener('change', apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    cell.classList.add('sortable');
    cell.addEventListener('click', function () {
      var up = cell.dataset.order !== 'up'; cell.dataset.order = up ? 'up' : 'down';
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var p = x.dataset.sort !== undefined ? parseFloat(x.dataset.sort) : x.textContent.trim().toLowerCase();
        var q = y.dataset.sort !== undefined ? parseFloat(y.dataset.sort) : y.textContent.trim().toLowerCase();
        return (p < q ? -1 : p > q ? 1 : 0) * (up ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
});
"""


_CODE_SPAN = re.compile(r"`([^`]+)`")


def marked(text: str) -> str:
    """A message as HTML: escaped, its `quoted values` as code."""
    return _CODE_SPAN.sub(lambda match: f"<code>{match[1]}</code>", escape(text))


def _page(title: str, body: str, script: bool = False) -> str:
    tail = f"<script>{SCRIPT}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n{tail}</body>\n</html>\n"
    )


def duration_text(minutes: float | None, hours_per_day: float) -> str:
    return "" if minutes is None else format_minutes(minutes, hours_per_day)


def _verdict(entry: Entry) -> str:
    return f'<span class="{"sesuai" if entry.sesuai else "perbaikan"}">{entry.verdict}</span>'


def bar_chart(title: str, bars: Sequence[tuple[str, Sequence[tuple[int, str]]]], legend: Sequence[tuple[str, str]] = ()) -> str:
    """A horizontal bar chart as inline SVG: per bar a label and stacked (value, colour) parts."""
    label_width, bar_width, row, top = 300, 300, 22, 26
    peak = max((sum(value for value, _ in parts) for _, parts in bars), default=0) or 1
    height = top + row * len(bars) + (22 if legend else 6)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 60}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-size="14" font-weight="bold" fill="#1b1b1b">{escape(title)}</text>',
    ]
    for index, (label, parts) in enumerate(bars):
        y = top + index * row
        shown = label if len(label) <= 44 else label[:43] + "…"
        out.append(f'<text x="0" y="{y + 14}" font-size="11" fill="#1b1b1b">{escape(shown)}</text>')
        x = float(label_width)
        for value, colour in parts:
            width = bar_width * value / peak
            if width > 0:
                out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" fill="{colour}"/>')
            x += width
        total = sum(value for value, _ in parts)
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="12" fill="#1b1b1b">{total}</text>')
    if legend:
        x, y = label_width, top + row * len(bars) + 14
        for name, colour in legend:
            out.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{colour}"/>')
            out.append(f'<text x="{x + 14}" y="{y}" font-size="12" fill="#1b1b1b">{escape(name)}</text>')
            x += 24 + 8 * len(name)
    out.append("</svg>")
    return "\n".join(out)


def agencies(entries: Sequence[Entry]) -> list[tuple[str, list[Entry]]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.agency or "(tanpa Instansi)", []).append(entry)
    return sorted(grouped.items(), key=lambda item: item[0].casefold())


def index_page(entries: Sequence[Entry], source: str, hours_per_day: float) -> str:
    findings = [finding for entry in entries for finding in entry.findings]
    severities = Counter(finding.severity for finding in findings)
    families = Counter(finding.code[0] for finding in findings)
    sesuai = sum(1 for entry in entries if entry.sesuai)
    share = f"{100 * sesuai / len(entries):.0f}%" if entries else "-"
    parts = [
        "<header>",
        "<h1>Laporan Reviu SOP</h1>",
        f'<p class="muted">Repositori <code>{escape(source)}</code>: {len(entries)} SOP diperiksa dengan sop-lint.'
        " Penilaian <em>Sesuai</em> bila tidak ada lagi temuan setingkat peringatan atau galat;"
        ' selain itu <em>Perlu perbaikan</em>. Unduh indeks: <a href="index.csv">CSV</a>, <a href="index.json">JSON</a>.</p>',
        "</header>",
        '<div class="cards">',
        f'<div class="card">SOP<b>{len(entries)}</b></div>',
        f'<div class="card">Sesuai<b class="sesuai">{sesuai} ({share})</b></div>',
        f'<div class="card">Perlu perbaikan<b class="perbaikan">{len(entries) - sesuai}</b></div>',
    ]
    for severity in ("error", "warning", "info"):
        parts.append(f'<div class="card">{SEVERITY_NAMES[severity]}<b class="sev-{severity}">{severities[severity]}</b></div>')
    parts.append("</div>")
    family_bars = [(f"{code} {FAMILY_NAMES[code]}", [(families[code], _COLOURS["bar"])]) for code in FAMILIES]
    grouped = agencies(entries)
    agency_bars = [
        (
            name,
            [
                (sum(1 for e in members if e.sesuai), _COLOURS["ok"]),
                (sum(1 for e in members if not e.sesuai), _COLOURS["error"]),
            ],
        )
        for name, members in grouped
    ]
    parts += [
        '<section class="charts">',
        bar_chart("Temuan per keluarga aturan", family_bars),
        bar_chart("SOP per instansi", agency_bars, [("Sesuai", _COLOURS["ok"]), ("Perlu perbaikan", _COLOURS["error"])]),
        "</section>",
        "<h2>Ringkasan per instansi</h2>",
        '<table class="agencies"><thead><tr><th>Instansi</th><th>SOP</th><th>Sesuai</th>'
        "<th>Temuan terbanyak</th></tr></thead><tbody>",
    ]
    for name, members in grouped:
        ok = sum(1 for e in members if e.sesuai)
        codes = Counter(finding.code for entry in members for finding in entry.findings).most_common(_TOP_CODES)
        top = ", ".join(f"{code} ×{count}" for code, count in codes) or "-"
        parts.append(
            f'<tr><td>{escape(name)}</td><td class="n">{len(members)}</td>'
            f'<td class="n" data-sort="{ok / len(members):.4f}">{ok} ({100 * ok / len(members):.0f}%)</td><td>{top}</td></tr>'
        )
    parts += [
        "</tbody></table>",
        "<h2>Indeks SOP</h2>",
        '<div class="controls"><input id="filter" type="search" placeholder="Saring: instansi, nomor, judul …" size="40">'
        '<select id="verdict"><option value="">Semua penilaian</option><option>Sesuai</option>'
        '<option>Perlu perbaikan</option></select><span id="shown" class="muted"></span></div>',
        '<div class="wide"><table class="index"><thead><tr>',
    ]
    headings = ["No", "Instansi", "Unit", "Nomor", "Nama SOP", "Tgl Pembuatan", "Tgl Revisi", "Tgl Efektif"]
    headings += ["Langkah", "Waktu terpanjang", "Galat", "Peringatan", "Info", *FAMILIES, "Penilaian"]
    parts.append("".join(f"<th>{escape(h)}</th>" for h in headings))
    parts.append("</tr></thead><tbody>")
    for number, entry in enumerate(entries, 1):
        counts, by_family = entry.severities(), entry.families()
        cells = [
            f'<td class="n" data-sort="{number}">{number}</td>',
            f"<td>{escape(entry.agency)}</td>",
            f"<td>{escape(entry.unit)}</td>",
            f"<td>{escape(entry.number)}</td>",
            f'<td><a href="{escape(entry.page)}">{escape(entry.title)}</a></td>',
            f"<td>{escape(entry.made)}</td>",
            f"<td>{escape(entry.revised)}</td>",
            f"<td>{escape(entry.effective)}</td>",
            f'<td class="n" data-sort="{entry.steps}">{entry.steps}</td>',
            f'<td class="n" data-sort="{entry.longest or 0:.0f}">{escape(duration_text(entry.longest, hours_per_day))}</td>',
        ]
        cells += [f'<td class="n sev-{s}" data-sort="{counts[s]}">{counts[s]}</td>' for s in ("error", "warning", "info")]
        cells += [f'<td class="n" data-sort="{by_family[f]}">{by_family[f] or ""}</td>' for f in FAMILIES]
        cells.append(f"<td>{_verdict(entry)}</td>")
        parts.append(f'<tr data-verdict="{entry.verdict}">{"".join(cells)}</tr>')
    parts.append("</tbody></table></div>")
    return _page("Laporan Reviu SOP", "\n".join(parts), script=True)


def layout_page(entry: Entry, pack: Pack) -> str | None:
    """The official layout with the findings' badges (`render --with-findings`), or None when
    the renderers are not installed or the SOP cannot be laid out (it is shown as text)."""
    if entry.text is None:
        return None
    try:
        from ...flow import build_flow
        from ...parser import parse_text
        from ...renderers.html import render_html
        from ...renderers.layout import build_layout
    except ImportError:
        return None
    sop = parse_text(entry.text, pack).sop
    if sop is None or not sop.steps:
        return None
    try:
        return render_html(sop, build_layout(sop, build_flow(sop)), entry.findings, name=entry.title)
    except Exception:  # a layout the renderer refuses: the page keeps the text view
        return None


def layout_name(entry: Entry) -> str:
    """The file of the SOP's official layout, beside its page."""
    return entry.page.removesuffix(".html") + ".layout.html"


def sop_page(entry: Entry, rules: dict[str, type[Rule]], hours_per_day: float, layout: bool = False) -> str:
    counts = entry.severities()
    identity = [
        ("Instansi", entry.agency),
        ("Unit", entry.unit),
        ("Nomor", entry.number),
        ("Tanggal Pembuatan", entry.made),
        ("Tanggal Revisi", entry.revised),
        ("Tanggal Efektif", entry.effective),
        ("Langkah", str(entry.steps)),
        ("Waktu terpanjang", duration_text(entry.longest, hours_per_day) or "-"),
        ("Berkas", entry.path),
    ]
    summary = ", ".join(f"{counts[s]} {SEVERITY_NAMES[s].lower()}" for s in ("error", "warning", "info"))
    parts = [
        '<p><a href="../index.html">← Indeks SOP</a></p>',
        f"<h1>{escape(entry.title)}</h1>",
        f"<p>Penilaian: {_verdict(entry)} — {len(entry.findings)} temuan ({summary}).</p>",
        '<dl class="identity">',
        *(f"<dt>{escape(key)}</dt><dd>{escape(value) or '-'}</dd>" for key, value in identity),
        "</dl>",
        "<h2>Catatan (draf)</h2>",
    ]
    notes = catatan(entry.findings, rules)
    if notes:
        parts.append("<ol>")
        for part, lines in notes:
            items = "".join(f"<li>{marked(line)}</li>" for line in lines)
            parts.append(f"<li><b>{escape(part)}</b><ul>{items}</ul></li>")
        parts.append("</ol>")
    else:
        parts.append("<p>Tidak ada temuan: SOP telah sesuai dengan kaidah yang diperiksa.</p>")
    actions = tindakan(entry.findings)
    if actions:
        parts.append("<h2>Tindakan (draf)</h2><ol>" + "".join(f"<li>{escape(a)}</li>" for a in actions) + "</ol>")
    parts.append(
        '<h2>Kriteria evaluasi</h2><table class="criteria"><thead><tr><th>Kriteria</th><th>Bukti</th></tr></thead><tbody>'
    )
    for criterion, met in criteria(entry.findings):
        shown = '<span class="sesuai">terpenuhi</span>' if met else '<span class="perbaikan">belum</span>'
        parts.append(f"<tr><td>{escape(criterion)}</td><td>{shown}</td></tr>")
    parts.append("</tbody></table>")
    parts.append("<h2>Teks SOP dan temuan</h2>")
    parts.append(source_table(entry, rules))
    if layout:
        shown = escape(layout_name(entry).removeprefix("sop/"))
        parts.append(
            "<h2>Tata letak resmi dengan temuan</h2>"
            f'<p><a href="{shown}">Buka tata letak resmi</a> (sop-lint render --with-findings).</p>'
            f'<iframe src="{shown}" title="Tata letak resmi" style="width:100%;height:900px;border:1px solid #bbb"></iframe>'
        )
    return _page(entry.title, "\n".join(parts))


def source_table(entry: Entry, rules: dict[str, type[Rule]]) -> str:
    """The SOP's text line by line, each line's findings beside it."""
    by_line: dict[int, list[str]] = {}
    for finding in entry.findings:
        note = (
            f'<div class="sev-{finding.severity}"><b>{finding.code}</b> {SEVERITY_NAMES[finding.severity].lower()}:'
            f" {marked(message_id(finding, rules))}</div>"
        )
        by_line.setdefault(finding.span.line, []).append(note)
    rows = ['<table class="source"><thead><tr><th>Baris</th><th>Teks</th><th>Temuan</th></tr></thead><tbody>']
    if 0 in by_line or entry.text is None:
        rows.append(
            f'<tr class="hit"><td class="ln"></td><td class="text"></td><td class="notes">{"".join(by_line.get(0, []))}</td></tr>'
        )
    lines = (entry.text or "").removeprefix("\ufeff").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        notes = by_line.get(number, [])
        css = ' class="hit"' if notes else ""
        rows.append(
            f'<tr{css} id="L{number}"><td class="ln">{number}</td><td class="text">{escape(line.rstrip(chr(13)))}</td>'
            f'<td class="notes">{"".join(notes)}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def index_records(entries: Sequence[Entry], hours_per_day: float) -> list[dict[str, Any]]:
    records = []
    for entry in entries:
        counts, by_family = entry.severities(), entry.families()
        records.append(
            {
                "path": entry.path,
                "page": entry.page,
                "instansi": entry.agency,
                "unit": entry.unit,
                "nomor": entry.number,
                "nama_sop": entry.title,
                "tanggal_pembuatan": entry.made,
                "tanggal_revisi": entry.revised,
                "tanggal_efektif": entry.effective,
                "langkah": entry.steps,
                "waktu_terpanjang_menit": None if entry.longest is None else round(entry.longest, 2),
                "waktu_terpanjang": duration_text(entry.longest, hours_per_day),
                "galat": counts["error"],
                "peringatan": counts["warning"],
                "info": counts["info"],
                **{family: by_family[family] for family in FAMILIES},
                "penilaian": entry.verdict,
            }
        )
    return records


def index_json(entries: Sequence[Entry], hours_per_day: float) -> str:
    records = index_records(entries, hours_per_day)
    sesuai = sum(1 for entry in entries if entry.sesuai)
    document = {"sops": records, "summary": {"sop": len(entries), "sesuai": sesuai, "perlu_perbaikan": len(entries) - sesuai}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def index_csv(entries: Sequence[Entry], hours_per_day: float) -> str:
    import csv
    import io

    records = index_records(entries, hours_per_day)
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
    return out.getvalue()
