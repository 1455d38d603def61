"""`sop-lint report`: the site over fixtures/ lists every file with check's counts;
its tables read without script; screenshots in headless Chromium match the
goldens (tests/golden/report/) within a tolerance."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import html5lib  # type: ignore[import-untyped]
import pytest

from sop_lint.files import collect

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES, ROOT, need_program

GOLDEN = ROOT / "tests" / "golden" / "report"
UPDATE = os.environ.get("SOP_LINT_UPDATE_GOLDENS") == "1"  # rewrite the golden screenshots
NS = {"h": "http://www.w3.org/1999/xhtml"}
FAMILIES = "PMCRSDLX"
# Screenshots may differ from the goldens in this many pixels (pixelmatch already
# ignores anti-aliasing and slight colour shifts): one digit changed is some 60.
TOLERANCE = 20


@pytest.fixture(scope="module")
def fixtures_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """`report fixtures/` and `check fixtures/ --output-format json`, run from the project's root."""
    site = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        env = {**os.environ, "NO_COLOR": "1"}
        command = [str(Path(sys.executable).with_name("sop-lint"))]
        report = subprocess.run([*command, "report", "fixtures", "-o", str(site)], capture_output=True, text=True, env=env)
        assert report.returncode == 0, report.stderr
        checked = subprocess.run(
            [*command, "check", "fixtures", "--output-format", "json"], capture_output=True, text=True, env=env
        )
        assert checked.returncode == 1, checked.stderr
    return site, json.loads(checked.stdout)


def test_the_index_lists_every_file_with_checks_counts(fixtures_site: tuple[Path, dict[str, Any]]) -> None:
    site, checked = fixtures_site
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        files = [str(path) for path in collect(["fixtures"])]
    assert [record["path"] for record in index["sops"]] == files
    assert index["summary"]["sop"] == checked["summary"]["files"] == len(files)
    severities: dict[str, Counter[str]] = {path: Counter() for path in files}
    families: dict[str, Counter[str]] = {path: Counter() for path in files}
    for finding in checked["findings"]:
        severities[finding["path"]][finding["severity"]] += 1
        families[finding["path"]][finding["code"][0]] += 1
    for record in index["sops"]:
        path = record["path"]
        assert (record["galat"], record["peringatan"], record["info"]) == (
            severities[path]["error"],
            severities[path]["warning"],
            severities[path]["info"],
        ), path
        assert {family: record[family] for family in FAMILIES} == {family: families[path][family] for family in FAMILIES}
        sesuai = severities[path]["error"] == severities[path]["warning"] == 0
        assert record["penilaian"] == ("Sesuai" if sesuai else "Perlu perbaikan")
        assert (site / record["page"]).is_file()
    assert sum(r["galat"] + r["peringatan"] + r["info"] for r in index["sops"]) == checked["summary"]["findings"]


def test_the_csv_is_the_index(fixtures_site: tuple[Path, dict[str, Any]]) -> None:
    site, _ = fixtures_site
    data = (site / "index.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))["sops"]
    assert [row["path"] for row in rows] == [record["path"] for record in index]
    assert [int(row["galat"]) for row in rows] == [record["galat"] for record in index]
    assert list(rows[0])[:6] == ["path", "page", "instansi", "unit", "nomor", "nama_sop"]


def _html(path: Path) -> Any:
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=True)


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def test_the_index_table_reads_without_script(fixtures_site: tuple[Path, dict[str, Any]]) -> None:
    site, _ = fixtures_site
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))["sops"]
    document = _html(site / "index.html")
    table = document.find(".//h:table[@class='index']", NS)
    headings = [_text(cell) for cell in table.findall("./h:thead/h:tr/h:th", NS)]
    assert headings == [
        "No", "Instansi", "Unit", "Nomor", "Nama SOP", "Tgl Pembuatan", "Tgl Revisi", "Tgl Efektif",
        "Langkah", "Waktu terpanjang", "Galat", "Peringatan", "Info", *FAMILIES, "Penilaian",
    ]  # fmt: skip
    rows = table.findall("./h:tbody/h:tr", NS)
    assert len(rows) == len(index)
    for row, record in zip(rows, index, strict=True):
        cells = [_text(cell) for cell in row.findall("./h:td", NS)]
        assert cells[1:5] == [record["instansi"], record["unit"], record["nomor"], record["nama_sop"]]
        assert cells[8] == str(record["langkah"]) and cells[9] == record["waktu_terpanjang"]
        assert [int(c) for c in cells[10:13]] == [record["galat"], record["peringatan"], record["info"]]
        assert cells[-1] == record["penilaian"]
        assert row.find(".//h:a", NS).get("href") == record["page"]
    agencies = document.findall(".//h:table[@class='agencies']/h:tbody/h:tr", NS)
    by_agency = Counter(record["instansi"] or "(tanpa Instansi)" for record in index)
    assert {_text(row.find("./h:td", NS)): int(_text(row.findall("./h:td", NS)[1])) for row in agencies} == by_agency
    charts = document.findall(".//h:section[@class='charts']/{http://www.w3.org/2000/svg}svg", NS)
    assert len(charts) == 2
    assert document.find(".//h:div[@class='controls']", NS) is not None  # shown only where script runs (CSS)


def test_an_sop_page_has_its_text_with_findings_beside_their_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    good = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    (repo / "a.sop.md").write_text(good.replace("## Peringatan\n", "## Peringatn\n"), encoding="utf-8")  # P002 on line 42
    (repo / "b.sop.md").write_text(good.replace("065/3/DP-B", "065/4/DP-B"), encoding="utf-8")
    result = invoke(capsys, "report", str(repo), "-o", str(tmp_path / "site"), "--isolated")
    assert result.code == 0, result.err
    assert result.err == f"Wrote {tmp_path / 'site'}/index.html: 2 SOPs, 1 Sesuai, 1 Perlu perbaikan.\n"
    page = _html(tmp_path / "site" / "sop" / "a.html")
    row = page.find(".//h:tr[@id='L42']", NS)
    cells = row.findall("./h:td", NS)
    assert [_text(cells[0]), _text(cells[1])] == ["42", "## Peringatn"]
    assert _text(cells[2]).startswith("P002 peringatan: bagian `Peringatn` tidak dikenal") or "P002" in _text(cells[2])
    assert row.get("class") == "hit"
    lines = good.count("\n")
    assert len(page.findall(".//h:table[@class='source']/h:tbody/h:tr", NS)) == lines
    body = _text(page.find(".//h:body", NS))
    assert "Perlu perbaikan" in body and "Catatan (draf)" in body and "Struktur dokumen" in body
    frame = page.find(".//h:iframe", NS)  # the official layout (sop_lint.renderers), with the findings' badges
    assert frame is not None and frame.get("src") == "a.layout.html"
    assert "Peringatn" in (tmp_path / "site" / "sop" / "a.layout.html").read_text(encoding="utf-8")
    clean = _text(_html(tmp_path / "site" / "sop" / "b.html").find(".//h:body", NS))
    assert "Penilaian: Sesuai" in clean and "Tidak ada temuan" in clean


def test_the_site_folder_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    line = one_error_line(invoke(capsys, "report", str(FIXTURES / "good"), "-o", str(tmp_path / "file")))
    assert line == f"{tmp_path / 'file'}: not a directory"


# --- screenshots -----------------------------------------------------------------------------


def screenshot(chromium: str, page: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1280,1000",
            f"--screenshot={out}",
        ]
        subprocess.run([chromium, *flags, page.as_uri()], capture_output=True, timeout=120, check=True)


@pytest.mark.parametrize("name", ["index", "sop"])
def test_screenshots_match_the_goldens(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image
    from pixelmatch.contrib.PIL import pixelmatch

    chromium = need_program("chromium", "chromium-browser")
    monkeypatch.chdir(ROOT)  # the site names the repository as given: fixtures/seeds
    result = invoke(capsys, "report", "fixtures/seeds", "-o", str(tmp_path / "site"), "--isolated", "-q")
    assert result.code == 0, result.err
    page = tmp_path / "site" / ("index.html" if name == "index" else "sop/000-kalbar-pengumpulan-data-kinerja.html")
    shot = tmp_path / f"{name}.png"
    screenshot(chromium, page, shot)
    golden = GOLDEN / f"{name}.png"
    if UPDATE or not golden.exists():
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(shot.read_bytes())
        if not UPDATE:
            pytest.fail(f"no golden {golden.name} yet: written; look at it, then commit it")
    actual, expected = Image.open(shot).convert("RGBA"), Image.open(golden).convert("RGBA")
    assert actual.size == expected.size, (actual.size, expected.size)
    diff = Image.new("RGBA", actual.size)
    mismatch = pixelmatch(actual, expected, diff, threshold=0.1)
    if mismatch > TOLERANCE:
        where = tmp_path / f"{name}-diff.png"
        diff.save(where)
        pytest.fail(f"{name}: {mismatch} pixels differ from {golden} (diff image: {where}, screenshot: {shot})")
