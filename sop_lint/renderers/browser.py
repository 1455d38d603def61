"""A Chromium-family browser found on the machine: PDF printing and screenshots.

Looked for, in order: `$SOP_LINT_BROWSER`; on PATH Debian's `chromium`,
`chromium-browser`, Google Chrome, Microsoft Edge; a Chromium that Playwright
already installed (`~/.cache/ms-playwright`, or `$PLAYWRIGHT_BROWSERS_PATH`).
Nothing is ever downloaded. Each run gets a fresh profile directory and the
flags that keep a headless browser off the network and out of the user's
profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
)
INSTALL_HINT = (
    "no Chromium-family browser found to print the PDF: install one "
    "(Debian/Ubuntu: `apt install chromium`; or Google Chrome / Microsoft Edge), "
    "or set SOP_LINT_BROWSER to its path"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
TIMEOUT = 180  # seconds for one page


class BrowserError(Exception):
    """No browser, or it failed: one line for the user."""


def _playwright_chromium() -> str | None:
    roots = [Path(os.environ["PLAYWRIGHT_BROWSERS_PATH"])] if os.environ.get("PLAYWRIGHT_BROWSERS_PATH") else []
    roots.append(Path.home() / ".cache" / "ms-playwright")
    for root in roots:
        for candidate in sorted(root.glob("chromium-*/chrome-linux*/chrome"), reverse=True):
            if os.access(candidate, os.X_OK):
                return str(candidate)
    return None


def find_browser() -> str | None:
    chosen = os.environ.get("SOP_LINT_BROWSER")
    if chosen:
        return shutil.which(chosen) or (chosen if os.access(chosen, os.X_OK) else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return _playwright_chromium()


def _run(browser: str, arguments: list[str], page: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="sop-lint-browser-") as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", *arguments, page.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise BrowserError(f"{browser} failed: {error}") from error
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise BrowserError(f"{browser} exited with {done.returncode}: {last}")


def print_pdf(html_file: Path, browser: str | None = None) -> bytes:
    """The PDF of a page as the browser prints it (A4 landscape from its `@page`)."""
    browser = browser or find_browser()
    if browser is None:
        raise BrowserError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="sop-lint-pdf-") as work:
        out = Path(work) / "page.pdf"
        _run(browser, ["--no-pdf-header-footer", f"--print-to-pdf={out}"], html_file)
        if not out.exists() or out.stat().st_size == 0:
            raise BrowserError(f"{browser} wrote no PDF")
        return out.read_bytes()


def screenshot(html_file: Path, width: int, height: int, browser: str | None = None) -> bytes:
    """A PNG of the page's top `width` × `height` pixels at device scale 1."""
    browser = browser or find_browser()
    if browser is None:
        raise BrowserError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="sop-lint-shot-") as work:
        out = Path(work) / "page.png"
        _run(browser, [f"--window-size={width},{height}", f"--screenshot={out}"], html_file)
        if not out.exists():
            raise BrowserError(f"{browser} wrote no screenshot")
        return out.read_bytes()
