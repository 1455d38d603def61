"""`sop-lint render --format docx`: the layout as Word tables, each symbol a native
shape (DrawingML with its VML fallback) in its performer's cell, and a file
LibreOffice opens and converts to PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from sop_lint.flow import build_flow
from sop_lint.parser import parse_text
from sop_lint.renderers.layout import build_layout

from .cli_runner import invoke
from .conftest import FIXTURES, need_program
from .render_samples import STEPS_PER_PAGE, performer, thirty_steps

RENDERED_FIXTURES = sorted((FIXTURES / "seeds").rglob("*.sop.md")) + sorted((FIXTURES / "good").glob("*.sop.md"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
V = "{urn:schemas-microsoft-com:vml}"
KINDS = {
    "flowChartProcess": ("process", "#_x0000_t109"),
    "flowChartDecision": ("decision", "#_x0000_t110"),
    "flowChartTerminator": ("terminator", "#_x0000_t116"),
    "flowChartOffpageConnector": ("offpage", "#_x0000_t177"),
}


def _render(source: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    result = invoke(capsys, "render", str(source), "--format", "docx", "-o", str(out), "-q", "--isolated", *extra)
    assert result.code == 0, result.err


def shapes(path: Path) -> list[tuple[int, int, str, str, bool, str]]:
    """(matrix table, grid column, kind, shape name, dashed, text) of every symbol in the matrix tables."""
    document = Document(str(path))
    found = []
    for number, table in enumerate(document.tables[2:]):  # after the identity table and the boxes
        for row in table.rows:
            seen: set[int] = set()
            for column, cell in enumerate(row.cells):
                if id(cell._tc) in seen:
                    continue  # a merged cell repeats
                seen.add(id(cell._tc))
                for content in cell._tc.iter(f"{MC}AlternateContent"):
                    choice = content.find(f"{MC}Choice")
                    fallback = content.find(f"{MC}Fallback")
                    assert choice is not None and choice.get("Requires") == "wps"
                    assert fallback is not None
                    geometry = choice.find(f".//{A}prstGeom")
                    assert geometry is not None
                    kind, vml_type = KINDS[geometry.get("prst", "")]
                    vml = fallback.find(f".//{V}shape")
                    assert vml is not None and vml.get("type") == vml_type, "the VML twin has the same shape"
                    doc_pr = choice.find(f".//{WP}docPr")
                    assert doc_pr is not None
                    dashed = choice.find(f".//{A}prstDash") is not None
                    text = "".join(t.text or "" for t in choice.iter(f"{W}t"))
                    found.append((number, column, kind, doc_pr.get("name", ""), dashed, text))
    return found


@pytest.mark.parametrize("path", RENDERED_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_renders_to_docx_with_each_symbol_in_its_performers_column(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    _render(path, out, capsys)
    result = parse_text(path.read_text(encoding="utf-8"))
    assert result.sop is not None
    sop = result.sop
    aliases = [role.alias for role in sop.roles]
    drawn = shapes(out)
    for step in sop.steps:
        label = str(step.number) if step.number is not None else f"#{step.index + 1}"
        mine = [d for d in drawn if d[3] == f"Langkah {label}"]
        if sum(1 for s in sop.steps if s.number == step.number) > 1:
            continue  # a number written twice (seed 003): its shapes share a name
        assert len(mine) == 1, f"step {label}"
        kind = "terminator" if step.terminator else "decision" if step.decision is not None else "process"
        assert mine[0][2] == kind
        assert not mine[0][4], "the step's own symbol is solid"
        performers = [aliases.index(ref.role.alias) for ref in step.performers if ref.role is not None]
        if performers:
            assert mine[0][1] == 2 + performers[0], f"step {label} in grid column {mine[0][1]}"
            marks = sorted(d[1] for d in drawn if d[3].startswith(f"Langkah {label} pelaksana "))
            assert marks == sorted(2 + p for p in set(performers[1:]) - {performers[0]})
            assert all(d[4] for d in drawn if d[3].startswith(f"Langkah {label} pelaksana "))
    capsules = [d[5] for d in drawn if d[2] == "terminator" and not d[3].startswith("Langkah")]
    assert capsules == [c for c in ("Mulai", "Selesai") if c in capsules]


def test_thirty_steps_in_word_pages_connectors_and_header_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "thirty.sop.md"
    source.write_text(thirty_steps(), encoding="utf-8")
    out = tmp_path / "thirty.docx"
    _render(source, out, capsys, "--steps-per-page", str(STEPS_PER_PAGE))
    document = Document(str(out))
    assert len(document.tables) == 2 + 4
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height, "landscape"
    for table in document.tables[2:]:
        rows = table._tbl.findall(f"{W}tr")
        headers = [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert headers == rows[:3], "caption and the two header rows repeat on every page"
    drawn = shapes(out)
    decisions = {d[3]: d for d in drawn if d[2] == "decision"}
    assert sorted(decisions) == ["Langkah 16", "Langkah 24", "Langkah 8"]
    aliases = ["KADIS", "SEKDIS", "KABID", "STAF"]
    for number in (8, 16, 24):
        assert decisions[f"Langkah {number}"][1] == 2 + aliases.index(performer(number))
    connectors = sorted((d[0], d[5]) for d in drawn if d[2] == "offpage")
    # A–E, each once at the bottom of the sender's page and once at the top of the receiver's.
    assert sorted(text for _page, text in connectors) == ["A", "A", "B", "B", "C", "C", "D", "D", "E", "E"]
    assert {(page, text) for page, text in connectors} == {
        (0, "A"),
        (1, "A"),
        (1, "B"),
        (2, "B"),
        (1, "C"),
        (3, "C"),
        (2, "D"),
        (3, "D"),
        (2, "E"),
        (1, "E"),
    }
    text = "\n".join(cell.text for table in document.tables[2:] for row in table.rows for cell in row.cells)
    assert "Ya: langkah 9" in text and "Tidak: langkah 3" in text


@pytest.mark.parametrize("name", ["complete", "thirty-steps"])
def test_libreoffice_opens_the_docx_and_converts_it_to_pdf(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    soffice = need_program("soffice", "libreoffice")
    import pdfplumber

    source = tmp_path / f"{name}.sop.md"
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8") if name == "complete" else thirty_steps()
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    _render(source, out, capsys)
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / f"{name}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode("utf-8", "replace")
    with pdfplumber.open(pdf) as converted:
        pages = converted.pages
        expected_pages = 2 if name == "complete" else 1 + 4
        assert len(pages) == expected_pages
        for page in pages:
            assert page.width > page.height, "A4 landscape"
        matrix_text = "\n".join(page.extract_text() or "" for page in pages[1:])
        assert "Pelaksana" in matrix_text and "Mutu Baku" in matrix_text
        # The shapes survive: LibreOffice draws each (fill and outline) as rects and curves,
        # of which the identity page, with none, has none.
        assert len(pages[0].curves) + len(pages[0].rects) == 0
        sop = parse_text(text).sop
        assert sop is not None
        layout = build_layout(sop, build_flow(sop), STEPS_PER_PAGE)
        for page, drawn in zip(pages[1:], layout.pages, strict=True):
            symbols = sum(1 + len(row.marks) for row in drawn.rows)
            assert len(page.curves) + len(page.rects) >= symbols
