"""Every input a fuzz run saved (../shared/hostile-inputs/fuzz/, minimised copies in
tests/data/hostile/fuzz/), run again through the harness's own properties
(benchmarks/fuzz.py): the name says which one it broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fuzz import TODAY, Fuzzer
from sop_lint.engine import Linter, Settings
from sop_lint.formatter import format_bytes
from sop_lint.writer import ParseFailure

DATA = Path(__file__).resolve().parent / "data" / "hostile"
SAVED = sorted(path.name for path in (DATA / "fuzz").glob("*.sop.md"))
# The probes of ../shared/hostile-inputs/INDEX.md that format refused or needed twice for.
FORMAT_PROBES = sorted(path.name for path in DATA.glob("format-*.sop.md"))


@pytest.fixture(scope="module")
def fuzzer() -> Fuzzer:
    return Fuzzer()


def test_every_saved_kind_is_here() -> None:
    kinds = {name.split("-")[0] + "-" + name.split("-")[1] for name in SAVED}
    assert kinds == {"format-refused", "lint-changed", "not-idempotent", "words-changed"}
    assert len(SAVED) == 17


@pytest.mark.parametrize("name", SAVED)
def test_a_saved_input_holds_every_property(name: str, fuzzer: Fuzzer) -> None:
    # Lint, format (once settles it, it parses, keeps every word, lints the same), fix.
    fuzzer.check((DATA / "fuzz" / name).read_bytes())


@pytest.mark.parametrize("name", [n for n in SAVED if n.startswith("format-refused")] + FORMAT_PROBES)
def test_format_formats_what_check_lints(name: str, fuzzer: Fuzzer) -> None:
    data = (DATA / name if name in FORMAT_PROBES else DATA / "fuzz" / name).read_bytes()
    once = format_bytes(data, fuzzer.pack, TODAY)  # raised UnsafeChange before
    assert format_bytes(once, fuzzer.pack, TODAY) == once


@pytest.mark.parametrize("name", [n for n in SAVED if n.startswith("lint-changed")])
def test_format_leaves_alone_what_check_cannot_parse(name: str, fuzzer: Fuzzer) -> None:
    # Each was formatted though check said P001, and then linted otherwise.
    data = (DATA / "fuzz" / name).read_bytes()
    codes = {f.code for f in Linter(Settings(preview=True, today=TODAY)).lint_bytes(data, "x.sop.md")}
    if "P001" in codes:
        with pytest.raises(ParseFailure):
            format_bytes(data, fuzzer.pack, TODAY)
    else:
        assert format_bytes(data, fuzzer.pack, TODAY) is not None


def test_a_u2028_line_keeps_its_bytes_through_format(fuzzer: Fuzzer) -> None:
    data = (DATA / "format-refused-u2028-introduction.sop.md").read_bytes()
    assert "\u2028".encode() in data
    assert format_bytes(data, fuzzer.pack, TODAY) == b"# Pengumpulan Data Kinerja\n\n\xe2\x80\xa8\n"


def test_a_vertical_tab_line_keeps_its_bytes_through_format(fuzzer: Fuzzer) -> None:
    data = (DATA / "format-refused-vt-section.sop.md").read_bytes()
    assert data.count(b"\x0b") == 1
    assert format_bytes(data, fuzzer.pack, TODAY).count(b"\x0b") == 1
