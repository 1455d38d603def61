"""Write the pictures of docs/render.md: each seed, and the 30-step SOP of the tests,
rendered to HTML and photographed by headless Chromium.

    python docs/render/make_pictures.py          # from the top of the repository

Needs a Chromium-family browser (`sop_lint.renderers.browser.find_browser`).
The PNGs go beside this script; commit them with the change that altered the drawing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from sop_lint.flow import build_flow  # noqa: E402 - after the path is set
from sop_lint.parser import parse_text  # noqa: E402
from sop_lint.renderers.browser import find_browser, screenshot  # noqa: E402
from sop_lint.renderers.html import render_html  # noqa: E402
from sop_lint.renderers.layout import build_layout  # noqa: E402
from tests.render_samples import STEPS_PER_PAGE, thirty_steps  # noqa: E402

WIDTH, TALL = 1100, 4000


def pictures() -> dict[str, str]:
    """Picture name -> the SOP text it shows."""
    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.sop.md"))
    chosen = {path.name.removesuffix(".sop.md"): path.read_text(encoding="utf-8") for path in seeds}
    chosen["thirty-steps"] = thirty_steps()
    return chosen


def main() -> None:
    browser = find_browser()
    if browser is None:
        raise SystemExit("no Chromium-family browser found: install chromium")
    for name, text in pictures().items():
        result = parse_text(text)
        assert result.sop is not None, name
        page = render_html(result.sop, build_layout(result.sop, build_flow(result.sop), STEPS_PER_PAGE))
        with tempfile.TemporaryDirectory() as work:
            html_file = Path(work) / "page.html"
            html_file.write_text(page, encoding="utf-8")
            png = Path(work) / "shot.png"
            png.write_bytes(screenshot(html_file, WIDTH, TALL, browser))
            image = Image.open(png).convert("RGB")
        box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
        assert box is not None, name
        image = image.crop((0, 0, WIDTH, min(TALL, box[3] + 8)))
        target = HERE / f"{name}.png"
        image.quantize(colors=64).save(target, optimize=True)
        print(f"{target.relative_to(ROOT)}: {image.width}x{image.height}")


if __name__ == "__main__":
    main()
