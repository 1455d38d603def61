"""`sop-lint render` to HTML: every fixture renders to valid HTML5, and the
drawing read back from the page is the flow graph — per step its symbol kind
and column, every arrow (Ya, Tidak, Lanjut, the next step, loops back) and
every off-page connector pair."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.flow import build_flow
from sop_lint.model import Sop
from sop_lint.parser import parse_text
from sop_lint.renderers.html import render_html
from sop_lint.renderers.layout import build_layout

from .cli_runner import invoke
from .conftest import FIXTURES
from .render_reading import Matrix, Symbol, arrows, parse_strict, read_matrix
from .render_samples import DECISIONS, STEPS_PER_PAGE, performer, thirty_steps

RENDERED_FIXTURES = sorted((FIXTURES / "seeds").rglob("*.sop.md")) + sorted((FIXTURES / "good").glob("*.sop.md"))


def _parse(text: str) -> Sop:
    result = parse_text(text)
    assert result.sop is not None, result.problem
    return result.sop


def _page(sop: Sop, steps_per_page: int = 8) -> str:
    return render_html(sop, build_layout(sop, build_flow(sop), steps_per_page))


def _node(symbol: Symbol) -> str:
    """How the tests name what a symbol stands for: a step label, Mulai/Selesai, or `>A`/`A>` for connectors."""
    if symbol.kind == "offpage":
        return f"offpage:{symbol.letter}"
    if symbol.step is not None:
        return symbol.step
    return symbol.text


def expected_arrows(sop: Sop) -> set[tuple[str, str, str]]:
    """(from, to, label) for every arrow the flow graph has, from `build_flow` directly."""
    flow = build_flow(sop)
    steps = sop.steps
    n = len(steps)

    def name(index: int) -> str:
        return "Selesai" if index == n else str(index + 1)

    edges = {("Mulai", name(0), "")} if steps and not steps[0].terminator else set()
    for step in steps:
        if step.decision is not None:
            for branch in flow.branches[step.index]:
                if branch.key in ("Ya", "Tidak") and branch.target is not None:
                    edges.add((name(step.index), name(branch.target), branch.key))
        else:
            for target in flow.successors[step.index]:
                if target == n and steps[-1].terminator:
                    continue  # a written `Selesai` is the end capsule itself
                edges.add((name(step.index), name(target), ""))
    return edges


def drawn_arrows(matrix: Matrix) -> set[tuple[str, str, str]]:
    """The arrows on the page, each off-page pair joined into the arrow it carries."""
    pieces = arrows(matrix)
    drawn: set[tuple[str, str, str]] = set()
    into: dict[str, tuple[str, str]] = {}  # letter -> (from, label) at the sender's page
    out_of: dict[str, str] = {}  # letter -> to, at the receiver's page
    for _key, source, target, label in pieces:
        if target.kind == "offpage":
            assert target.letter not in into, f"letter {target.letter} sent twice"
            into[target.letter or ""] = (_node(source), label)
        elif source.kind == "offpage":
            assert source.letter not in out_of, f"letter {source.letter} received twice"
            out_of[source.letter or ""] = _node(target)
        else:
            drawn.add((_node(source), _node(target), label))
    assert set(into) == set(out_of), "every off-page connector has its twin"
    for letter, (sender, label) in into.items():
        drawn.add((sender, out_of[letter], label))
    return drawn


def check_symbols(sop: Sop, matrix: Matrix) -> None:
    """Per step: one symbol of the right kind in its first performer's column, marks in the others'."""
    aliases = [role.alias for role in sop.roles]
    assert matrix.columns == aliases
    for step in sop.steps:
        label = str(step.index + 1)
        mine = [s for s in matrix.symbols if s.step == label and not s.mark]
        assert len(mine) == 1, f"step {label}: {len(mine)} symbols"
        kind = "terminator" if step.terminator else "decision" if step.decision is not None else "process"
        assert mine[0].kind == kind, f"step {label}"
        performers = [aliases.index(ref.role.alias) for ref in step.performers if ref.role is not None]
        if performers:
            assert mine[0].column == performers[0], f"step {label} is drawn in {matrix.columns[mine[0].column]}"
            marks = sorted(s.column for s in matrix.symbols if s.step == label and s.mark)
            assert marks == sorted(set(performers[1:]) - {performers[0]}), f"step {label}: marks"


def check_no_crossings(matrix: Matrix) -> None:
    """No arrow runs through another step's symbol; two arrows share a stretch of line
    only on their way into the same symbol."""
    main = [s for s in matrix.symbols if not s.mark]
    for line in matrix.lines:
        for symbol in main:
            if symbol.page != line.page:
                continue
            cx, cy = symbol.centre
            left, right, top, bottom = cx - 0.25, cx + 0.25, cy - 0.2, cy + 0.2
            touches = min(line.x1, line.x2) <= right and max(line.x1, line.x2) >= left
            touches = touches and min(line.y1, line.y2) <= bottom and max(line.y1, line.y2) >= top
            if touches:
                ends = {(round(line.x1, 6), round(line.y1, 6)), (round(line.x2, 6), round(line.y2, 6))}
                assert (round(cx, 6), round(cy, 6)) in ends, f"{line.edge} crosses the symbol of {_node(symbol)}"
    pieces = {(target.page, key): target for key, _source, target, _label in arrows(matrix)}
    by_track: dict[tuple[int, str, float], list[tuple[float, float, str]]] = {}
    for line in matrix.lines:
        if line.x1 == line.x2:
            by_track.setdefault((line.page, "x", round(line.x1, 6)), []).append(
                (min(line.y1, line.y2), max(line.y1, line.y2), line.edge)
            )
        else:
            by_track.setdefault((line.page, "y", round(line.y1, 6)), []).append(
                (min(line.x1, line.x2), max(line.x1, line.x2), line.edge)
            )
    for (page, _axis, _at), runs in by_track.items():
        for i, (a1, b1, e1) in enumerate(runs):
            for a2, b2, e2 in runs[i + 1 :]:
                if e1 != e2 and a1 < b2 - 1e-9 and a2 < b1 - 1e-9:
                    same_target = pieces[(page, e1)] == pieces[(page, e2)]
                    assert same_target, f"page {page + 1}: {e1} and {e2} share a lane"


@pytest.mark.parametrize("path", RENDERED_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_renders_to_valid_html5_with_its_flow_graph(path: Path) -> None:
    sop = _parse(path.read_text(encoding="utf-8"))
    page = _page(sop)
    root = parse_strict(page)  # raises on any HTML5 parse error
    matrix = read_matrix(root)
    check_symbols(sop, matrix)
    assert drawn_arrows(matrix) == expected_arrows(sop)
    check_no_crossings(matrix)
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_the_seed_000_matrix_is_drawn_as_the_agency_drew_it() -> None:
    """Hand-checked against seed 000: who does what, and its two decisions."""
    sop = _parse((FIXTURES / "seeds" / "000-kalbar-pengumpulan-data-kinerja.sop.md").read_text(encoding="utf-8"))
    matrix = read_matrix(parse_strict(_page(sop)))
    assert matrix.columns == ["Karo Organisasi", "Bagian-Bagian", "Pelaksana", "Kasubbag TU", "Kabag Tatalaksana", "Arsiparis"]
    where = {s.step: (s.kind, matrix.columns[s.column]) for s in matrix.symbols if s.step and not s.mark}
    assert where["1"] == ("process", "Karo Organisasi")
    assert where["6"] == ("decision", "Kabag Tatalaksana")
    assert where["7"] == ("decision", "Karo Organisasi")
    assert where["10"] == ("process", "Arsiparis")
    drawn = drawn_arrows(matrix)
    assert ("6", "7", "Ya") in drawn and ("6", "5", "Tidak") in drawn
    assert ("7", "8", "Ya") in drawn and ("7", "6", "Tidak") in drawn
    assert ("Mulai", "1", "") in drawn and ("10", "Selesai", "") in drawn
    assert ("8", "9", "") in drawn  # over the page boundary (8 steps a page)
    assert matrix.pages == 2


def test_thirty_steps_two_loops_and_a_decision_on_every_page_boundary() -> None:
    sop = _parse(thirty_steps())
    page = _page(sop, STEPS_PER_PAGE)
    matrix = read_matrix(parse_strict(page))
    assert matrix.pages == 4
    check_symbols(sop, matrix)
    for number in (8, 16, 24):
        symbol = next(s for s in matrix.symbols if s.step == str(number) and not s.mark)
        assert symbol.kind == "decision"
        assert matrix.columns[symbol.column] == performer(number)
    drawn = drawn_arrows(matrix)
    assert drawn == expected_arrows(sop)
    for number, (_question, yes, no) in DECISIONS.items():
        assert (str(number), str(yes), "Ya") in drawn
        assert (str(number), str(no), "Tidak") in drawn
    assert ("8", "3", "Tidak") in drawn and ("24", "14", "Tidak") in drawn  # the two loops
    check_no_crossings(matrix)

    # Every arrow that crosses a page has its lettered pair: the sender's at the bottom of
    # its page in its column, the receiver's at the top of the next page in its column.
    page_of = {str(i): (i - 1) // STEPS_PER_PAGE for i in range(1, 31)}
    crossing = {(a, b, label) for a, b, label in drawn if a in page_of and b in page_of and page_of[a] != page_of[b]}
    assert crossing == {("8", "9", "Ya"), ("16", "17", "Ya"), ("16", "28", "Tidak"), ("24", "25", "Ya"), ("24", "14", "Tidak")}
    pieces = arrows(matrix)
    pairs: dict[str, dict[str, Symbol]] = {}
    for _key, source, target, _label in pieces:
        if target.kind == "offpage":
            pairs.setdefault(target.letter or "", {})["out"] = target
            assert target.column == source.column, "the sender's connector is in the sender's column"
            assert page_of[source.step or ""] == target.page
        if source.kind == "offpage":
            pairs.setdefault(source.letter or "", {})["in"] = source
            assert source.column == target.column, "the receiver's connector is in the receiver's column"
            assert page_of[target.step or ""] == source.page
    assert sorted(pairs) == ["A", "B", "C", "D", "E"]
    for letter, ends in pairs.items():
        out, into = ends["out"], ends["in"]
        rows_out = [r for (p, r), kind in matrix.row_kinds.items() if p == out.page]
        rows_in = [r for (p, r), kind in matrix.row_kinds.items() if p == into.page and kind in ("step", "end")]
        assert matrix.row_kinds[(out.page, out.row)] == "out" and out.row > max(
            r for r in rows_out if matrix.row_kinds[(out.page, r)] in ("step", "end")
        ), f"{letter}: the sender's connector is at the bottom of its page"
        assert matrix.row_kinds[(into.page, into.row)] == "in" and into.row < min(rows_in), f"{letter}: at the top"
    # The text beside each pair names the other page.
    assert "bersambung ke halaman 2 (A)" in page and "sambungan dari halaman 1 (A)" in page
    assert "bersambung ke halaman 2 (E)" in page and "sambungan dari halaman 3 (E)" in page  # 24 -> 14, back a page


def test_a_step_with_two_performers_is_marked_in_the_second_column() -> None:
    sop = _parse((FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8"))
    matrix = read_matrix(parse_strict(_page(sop)))
    step5 = sorted((s.mark, matrix.columns[s.column]) for s in matrix.symbols if s.step == "5")
    assert step5 == [(False, "Arsiparis"), (True, "KASUBBAG")]


def test_terminator_steps_are_the_capsules() -> None:
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    text = text.replace("1. Menyurati", "1. Mulai\n2. Menyurati", 1)
    sop = _parse(text)
    matrix = read_matrix(parse_strict(_page(sop)))
    capsules = [(s.step, s.text) for s in matrix.symbols if s.kind == "terminator"]
    assert capsules == [("1", "Mulai"), (None, "Selesai")]  # no second Mulai before the written one


def test_render_command_writes_one_page_per_sop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in RENDERED_FIXTURES:
        (tmp_path / "in" / path.parent.name).mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / path.parent.name / path.name).write_bytes(path.read_bytes())
    result = invoke(capsys, "render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--isolated")
    assert result.code == 0, result.err
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    assert written == sorted(f"{p.parent.name}/{p.name.removesuffix('.sop.md')}.html" for p in RENDERED_FIXTURES)
    assert result.err.count("Wrote ") == len(RENDERED_FIXTURES)


def test_render_one_file_to_a_named_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "good" / "complete.sop.md"
    result = invoke(capsys, "render", str(source), "-o", str(tmp_path / "x.html"), "-q", "--isolated")
    assert result.code == 0, result.err
    assert result.err == ""
    parse_strict((tmp_path / "x.html").read_text(encoding="utf-8"))


def test_a_file_that_does_not_parse_is_named_and_not_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sop.md"
    bad.write_text("# Judul\n\n<!-- never closed\n", encoding="utf-8")
    good = tmp_path / "good.sop.md"
    good.write_bytes((FIXTURES / "good" / "complete.sop.md").read_bytes())
    result = invoke(capsys, "render", str(tmp_path), "-q", "--isolated")
    assert result.code == 2
    reason = "unterminated comment: `<!--` is never closed with `-->`"
    assert result.err == f"sop-lint: error: {bad}:3:1: cannot parse (P001): {reason}; not rendered\n"
    assert not (tmp_path / "bad.html").exists()
    assert (tmp_path / "good.html").exists()


def test_render_without_paths_or_with_a_missing_path_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "render")
    assert result.code == 2 and result.err == "sop-lint: error: render needs a file or a directory\n"
    result = invoke(capsys, "render", str(tmp_path / "nope.sop.md"), "--isolated")
    assert result.code == 2 and result.err.startswith("sop-lint: error: ") and result.err.count("\n") == 1


def test_with_findings_numbered_badges_and_their_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    text = text.replace("   - Waktu: 30 menit\n", "   - Waktu: 30\n")  # D503 on step 3's Waktu
    source = tmp_path / "x.sop.md"
    source.write_text(text, encoding="utf-8")
    result = invoke(capsys, "render", str(source), "--with-findings", "-q", "--isolated")
    assert result.code == 0, result.err
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    root = parse_strict(page)
    items = [li for li in root.iter("li") if li.get("data-finding")]
    codes = [li.find("code").text for li in items]  # type: ignore[union-attr]
    assert "D503" in codes
    number = str(codes.index("D503") + 1)
    step3 = next(tr for tr in root.iter("tr") if tr.get("data-step") == "3")
    waktu = step3.findall("td")[2 + 4 + 1]  # No, Kegiatan, 4 roles, Kelengkapan, *Waktu*
    assert [b.text for b in waktu.iter("span") if b.get("class") == "badge"] == [number]
    assert "@media print { .badge, .findings { display: none; } }" in page
    result = invoke(capsys, "render", str(source), "--with-findings", "--print-findings", "-q", "--isolated")
    assert result.code == 0
    assert "display: none" not in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_without_findings_there_are_no_badges() -> None:
    sop = _parse((FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8"))
    page = _page(sop)
    assert 'class="badge"' not in page and 'class="findings"' not in page


def test_identity_block_and_boxes() -> None:
    sop = _parse((FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8"))
    root = parse_strict(_page(sop))
    identity = next(t for t in root.iter("table") if t.get("class") == "identity")
    cells = {th.text: td for tr in identity.iter("tr") for th, td in [(tr.find("th"), tr.findall("td")[-1])] if th is not None}
    assert "".join(cells["Nomor SOP"].itertext()) == "065/3/DP-B"
    assert "".join(cells["Tanggal Revisi"].itertext()) == "2021-02-01"
    signed = " ".join("".join(div.itertext()) for div in cells["Disahkan oleh"].iter("div") if "".join(div.itertext()))
    assert signed == "Kepala Biro Organisasi Rita Hastarita, S.Sos, M.Si NIP. 19791208 200003 2 002"
    agency = [span.text for span in identity.iter("span") if span.get("class") == "line"]
    assert agency == ["Pemerintah Provinsi Kalimantan Barat", "Sekretariat Daerah", "Biro Organisasi", "Bagian Tatalaksana"]
    boxes = [td.get("data-box") for td in root.iter("td") if td.get("data-box")]
    assert boxes == [
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
    ]
    heads = [re.sub(r"\s+", " ", "".join(th.itertext())) for th in root.iter("th")]
    for heading in ("No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan"):
        assert heading in heads


def test_the_docs_show_every_seed_rendered() -> None:
    docs = (FIXTURES.parent / "docs" / "render.md").read_text(encoding="utf-8")
    for seed in sorted((FIXTURES / "seeds").glob("*.sop.md")):
        picture = f"render/{seed.name.removesuffix('.sop.md')}.png"
        assert f"({picture})" in docs, f"docs/render.md does not show {picture}"
        assert (FIXTURES.parent / "docs" / picture).is_file(), f"docs/{picture} is missing: python docs/render/make_pictures.py"


def test_many_files_render_alike_in_workers_and_in_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in"
    source.mkdir()
    good = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    for i in range(10):
        (source / f"s{i}.sop.md").write_text(good.replace("# Pengumpulan Data Kinerja", f"# SOP {i}"), encoding="utf-8")
    (source / "s5.sop.md").write_text("# x\n<!-- open\n", encoding="utf-8")
    one = invoke(capsys, "render", str(source), "-o", str(tmp_path / "one"), "-j", "1", "--isolated")
    two = invoke(capsys, "render", str(source), "-o", str(tmp_path / "two"), "-j", "2", "--isolated")
    assert one.code == two.code == 2
    assert two.err.replace(str(tmp_path / "two"), "OUT") == one.err.replace(str(tmp_path / "one"), "OUT")
    assert one.err.count("Wrote ") == 9 and "s5.sop.md:2:1: cannot parse (P001)" in one.err
    for i in range(10):
        if i != 5:
            assert (tmp_path / "one" / f"s{i}.html").read_bytes() == (tmp_path / "two" / f"s{i}.html").read_bytes()
    assert not (tmp_path / "two" / "s5.html").exists()


def test_control_characters_are_shown_not_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A NUL or an escape in an activity (hostile inputs) is shown as its Control Picture:
    HTML5 and Word's XML admit neither."""
    text = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    text = text.replace("Menandatangani data kinerja", "Menandatangani\x00data\x1b[31m kinerja\ufffe")
    source = tmp_path / "odd.sop.md"
    source.write_text(text, encoding="utf-8")
    for out_format in ("html", "docx"):
        result = invoke(capsys, "render", str(source), "--format", out_format, "-q", "--isolated")
        assert result.code == 0, result.err
    page = (tmp_path / "odd.html").read_text(encoding="utf-8")
    parse_strict(page)
    assert "Menandatangani\u2400data\u241b[31m kinerja\ufffd" in page
    from docx import Document

    cells = [cell.text for table in Document(str(tmp_path / "odd.docx")).tables for row in table.rows for cell in row.cells]
    assert "Menandatangani\u2400data\u241b[31m kinerja\ufffd" in cells
