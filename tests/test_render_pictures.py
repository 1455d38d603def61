"""The rendered page as headless Chromium shows and prints it.

Screenshots of the seeds, the complete fixture and the 30-step SOP are compared
with the golden PNGs in `tests/golden_png/` by pixelmatch (threshold 0.1,
anti-aliased pixels not counted) with a tolerance of `MAX_DIFF_PIXELS`: a
heavier stroke passes, one symbol moved by one column fails (both tested).
On a failure the diff image is written to `tests/golden_png/_diff/` (ignored
by git) and named in the message. After an intended change of the drawing:
`SOP_LINT_UPDATE_GOLDEN=1 pytest tests/test_render_pictures.py`, then look at
the new PNGs before committing them.

The printed PDF of the 30-step SOP: A4 landscape, one page for the identity
block and the boxes, then one page per 8 steps, each with the header rows.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from sop_lint.flow import build_flow
from sop_lint.model import Sop
from sop_lint.parser import parse_text
from sop_lint.renderers import html as html_module
from sop_lint.renderers.browser import print_pdf, screenshot
from sop_lint.renderers.html import render_html
from sop_lint.renderers.layout import Layout, build_layout

from .conftest import FIXTURES, ROOT, need_program
from .render_samples import STEPS_PER_PAGE, thirty_steps

GOLDEN = ROOT / "tests" / "golden_png"
DIFFS = GOLDEN / "_diff"
WIDTH, TALL = 1100, 4000  # the window; the picture is cropped to the page's content
MAX_DIFF_PIXELS = 120
THRESHOLD = 0.1
UPDATE = os.environ.get("SOP_LINT_UPDATE_GOLDEN") == "1"

SEEDS = sorted((FIXTURES / "seeds").glob("*.sop.md"))


def _reader(path: Path) -> Callable[[], str]:
    return lambda: path.read_text(encoding="utf-8")


CASES: dict[str, Callable[[], str]] = {
    **{path.name.removesuffix(".sop.md"): _reader(path) for path in SEEDS},
    "complete": _reader(FIXTURES / "good" / "complete.sop.md"),
    "thirty-steps": thirty_steps,
}


def _layout(text: str) -> tuple[Sop, Layout]:
    result = parse_text(text)
    assert result.sop is not None
    return result.sop, build_layout(result.sop, build_flow(result.sop), STEPS_PER_PAGE)


def _shot(page: str, work: Path, browser: str) -> Image.Image:
    html_file = work / "page.html"
    html_file.write_text(page, encoding="utf-8")
    png = work / "shot.png"
    png.write_bytes(screenshot(html_file, WIDTH, TALL, browser))
    image = Image.open(png).convert("RGB")
    # Crop to the content (the page is white around it), with a margin.
    box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    assert box is not None, "a blank screenshot"
    assert box[3] < TALL - 8, "the page is taller than the window: raise TALL"
    return image.crop((0, 0, WIDTH, min(TALL, box[3] + 8)))


def mismatch(golden: Image.Image, actual: Image.Image, diff_path: Path | None) -> int:
    """Pixels that differ beyond anti-aliasing (pixelmatch), the diff image written when asked."""
    from pixelmatch.contrib.PIL import pixelmatch

    if golden.size != actual.size:
        return golden.size[0] * golden.size[1]
    box = ImageChops.difference(golden, actual).getbbox()
    if box is None:
        return 0
    # pixelmatch is pure Python: compare only the region that differs (plus a margin for its anti-aliasing test).
    left, top, right, bottom = (
        max(0, box[0] - 3),
        max(0, box[1] - 3),
        min(golden.width, box[2] + 3),
        min(golden.height, box[3] + 3),
    )
    a = golden.crop((left, top, right, bottom)).convert("RGBA")
    b = actual.crop((left, top, right, bottom)).convert("RGBA")
    diff = Image.new("RGBA", a.size)
    count = int(pixelmatch(a, b, diff, threshold=THRESHOLD, includeAA=False))
    if diff_path is not None and count > MAX_DIFF_PIXELS:
        diff_path.parent.mkdir(parents=True, exist_ok=True)
        full = actual.convert("RGBA")
        full.paste(diff, (left, top))
        full.save(diff_path)
    return count


@pytest.mark.parametrize("name", sorted(CASES))
def test_screenshot_matches_the_golden(name: str, tmp_path: Path) -> None:
    browser = need_program("chromium", "chromium-browser", "google-chrome")
    sop, layout = _layout(CASES[name]())
    actual = _shot(render_html(sop, layout), tmp_path, browser)
    golden_path = GOLDEN / f"{name}.png"
    if UPDATE or not golden_path.exists():
        if not UPDATE:
            pytest.fail(f"no golden {golden_path.relative_to(ROOT)}: run with SOP_LINT_UPDATE_GOLDEN=1 and look at it")
        GOLDEN.mkdir(exist_ok=True)
        actual.save(golden_path, optimize=True)
        return
    golden = Image.open(golden_path).convert("RGB")
    diff_path = DIFFS / f"{name}.diff.png"
    count = mismatch(golden, actual, diff_path)
    assert golden.size == actual.size, f"{name}: {actual.size} against the golden's {golden.size}"
    assert count <= MAX_DIFF_PIXELS, f"{name}: {count} pixels differ from the golden; diff in {diff_path}"


def test_the_tolerance_passes_a_heavier_stroke_and_catches_a_moved_symbol(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = need_program("chromium", "chromium-browser", "google-chrome")
    golden_path = GOLDEN / "complete.png"
    if not golden_path.exists():
        pytest.fail("no golden complete.png")
    golden = Image.open(golden_path).convert("RGB")
    sop, layout = _layout(CASES["complete"]())

    with monkeypatch.context() as patch:
        patch.setattr(html_module, "STROKE_WIDTH", "1.5")  # every line a little heavier: only anti-aliasing changes
        heavier = _shot(render_html(sop, layout), tmp_path, browser)
    assert ImageChops.difference(golden, heavier).getbbox() is not None, "the heavier stroke changed no pixel"
    assert mismatch(golden, heavier, None) <= MAX_DIFF_PIXELS

    row = next(r for page in layout.pages for r in page.rows if r.step is not None and r.step.number == 4)
    row.column = 1  # step 4's rectangle one column to the right, the arrows where they were
    moved = _shot(render_html(sop, layout), tmp_path, browser)
    assert mismatch(golden, moved, None) > MAX_DIFF_PIXELS


def test_the_printed_thirty_step_sop(tmp_path: Path) -> None:
    browser = need_program("chromium", "chromium-browser", "google-chrome")
    pdftoppm = need_program("pdftoppm")
    import pdfplumber

    sop, layout = _layout(thirty_steps())
    html_file = tmp_path / "thirty.html"
    html_file.write_text(render_html(sop, layout), encoding="utf-8")
    pdf = tmp_path / "thirty.pdf"
    pdf.write_bytes(print_pdf(html_file, browser))
    with pdfplumber.open(pdf) as document:
        pages = document.pages
        assert len(pages) == 1 + 4, "the identity page, then 30 steps at 8 a page"
        for page in pages:
            assert (round(float(page.width)), round(float(page.height))) == (842, 595), "A4 landscape"
        assert "Nama SOP" in (pages[0].extract_text() or "")
        for number, page in enumerate(pages[1:], start=1):
            text = page.extract_text() or ""
            for heading in ("No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan"):
                assert heading in text, f"page {number + 1} lacks the header {heading}"
            assert f"Halaman {number} dari 4" in text
            assert "KADIS" in text and "STAF" in text
            first, last = (number - 1) * 8 + 1, min(30, number * 8)
            assert f"tahap {first}\n" in text + "\n" or f"tahap {first} " in text
            assert f"tahap {last}" in text
            assert f"tahap {last + 1}\n" not in text + "\n"
    # The pages rasterise (poppler), each picture not blank.
    subprocess.run([pdftoppm, "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, capture_output=True)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert len(pictures) == 5
    for picture in pictures:
        image = Image.open(picture).convert("L")
        assert image.width > image.height
        assert ImageChops.invert(image).getbbox() is not None
