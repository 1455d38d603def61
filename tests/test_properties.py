"""Property tests: whatever the input, the front end and the full linter return.

`parse_text` gives a model or a syntax problem and never raises; the linter
(every rule, preview included; `lint_bytes` asserts that no rule crashed)
gives findings for arbitrary text, for text made of SOP-like lines, and for
every fixture broken in the ways files break: lines lost, repeated or
shuffled, a file cut off at any byte, stray bytes in the middle.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sop_lint.model import Span
from sop_lint.parser import parse_text

from .conftest import lint_bytes
from .rule_cases import fixture_documents

FIXTURE_BYTES: dict[str, bytes] = fixture_documents()

# Each test stays near a second or two: the whole file runs well under a minute.
CHECKS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def all_spans(root: object) -> Iterator[Span]:
    """Every Span in a model, walked without recursion (nodes refer to each other: Field.item, RoleRef.role)."""
    seen: set[int] = set()
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Span):
            yield node
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            stack.extend(getattr(node, f.name) for f in dataclasses.fields(node))


def check_parse(text: str) -> None:
    result = parse_text(text)
    assert (result.sop is None) != (result.problem is None)
    lines = text.count("\n") + 2  # a text without a final newline gets one
    if result.problem is not None:
        span = result.problem.span
        assert 1 <= span.line <= lines and span.column >= 1 and result.problem.message
        return
    for span in all_spans(result.sop):
        assert 1 <= span.line <= span.end_line <= lines, span
        assert span.column >= 1 and (span.line, span.column) <= (span.end_line, span.end_column), span


def check(data: bytes) -> None:
    """Both the front end and the whole linter take `data` without raising."""
    check_parse(data.decode("utf-8", errors="replace"))
    for finding in lint_bytes(data):  # asserts that no rule crashed
        assert finding.span.line >= 1 and finding.span.column >= 1 and finding.text


# --- arbitrary text -------------------------------------------------------------------------------


@CHECKS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check(text.encode("utf-8"))


@CHECKS
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


# Pieces of real SOP lines, near misses and broken syntax: glued together they
# reach the grammar's corners far more often than random characters do.
FRAGMENTS = [
    "# Pengumpulan Data Kinerja",
    "#",
    "# ",
    "## Identitas",
    "## Prosedur",
    "## Pelaksana",
    "## Peringatan",
    "## Dasar Hukum",
    "## Pencatataa dan Pendataan",
    "## Uraian Prosedur",
    "##",
    "### Sub",
    "- Nomor: 065/3/DP-B",
    "- Tanggal Pembuatan: 31 Februari 2021",
    "- Tanggal Efektif: 2021-13-45",
    "- Tanggal Revisi: -",
    "- NIP Pengesah: 19791208 200003 2 002",
    "- NIP: 1979",
    "- Batas Waktu: 2 hari",
    "- Nomr: 1",
    "- KARO: Kepala Biro Organisasi",
    "- Arsiparis",
    "- :",
    "-",
    "* bintang",
    "+ plus",
    "1. Menyurati Bagian-Bagian",
    "2. Selesai",
    "0. Mulai",
    "999999999. jauh",
    "3) kurung",
    "   - Pelaksana: KARO, Arsiparis",
    "   - Pelaksana:",
    "   - Waktu: 1-2 hari",
    "   - Waktu: 0 menit",
    "   - Waktu: 5 - 2 jam",
    "   - Waktu: 1e309 hari",
    "   - Keputusan: Sudah sesuai?",
    "   - Ya: langkah 2",
    "   - Tidak: ke langkah 1",
    "   - Lanjut: 99",
    "   - Lanjut: -1",
    "   - Wakt: 5",
    "   - bukan kunci",
    "\t* tab",
    "        - dalam",
    "1. Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman",
    "   Tahun 20..",
    "UU 23/2014",
    "teks biasa",
    "   teks menjorok",
    "<!--",
    "-->",
    "<!-- komentar -->",
    "<!-- a --> <!-- b -->",
    "<!-- sop-lint: disable=P003 -->",
    "<!-- sop-lint: disable-file=P008,X999 -->",
    "teks <!-- sebaris --> lagi",
    "",
    " ",
    "\t",
    "\r",
    "\ufeff# Judul",
    "\x00",
]

LINE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.tuples(st.sampled_from(["", " ", "   ", "\t"]), st.sampled_from(FRAGMENTS), st.text(max_size=8)).map("".join),
)


@CHECKS
@given(st.lists(LINE, max_size=40), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_text_made_of_sop_like_lines(lines: list[str], newline: str, final_newline: bool) -> None:
    text = newline.join(lines) + (newline if final_newline else "")
    check(text.encode("utf-8"))


# --- fixtures, broken ------------------------------------------------------------------------------

FIXTURE_NAMES = st.sampled_from(sorted(FIXTURE_BYTES))


def split_lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_with_lines_deleted(name: str, data: st.DataObject) -> None:
    lines = split_lines(FIXTURE_BYTES[name])
    doomed = data.draw(st.sets(st.integers(0, max(len(lines) - 1, 0)), max_size=6))
    check(b"".join(line for index, line in enumerate(lines) if index not in doomed))


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_with_lines_duplicated(name: str, data: st.DataObject) -> None:
    lines = split_lines(FIXTURE_BYTES[name])
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        lines[index:index] = lines[index : index + data.draw(st.integers(1, 5))]
    check(b"".join(lines))


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_with_lines_shuffled(name: str, data: st.DataObject) -> None:
    lines = split_lines(FIXTURE_BYTES[name])
    start = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    end = data.draw(st.integers(start, len(lines)))
    lines[start:end] = data.draw(st.permutations(lines[start:end]))
    check(b"".join(lines))


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_truncated_at_any_byte(name: str, data: st.DataObject) -> None:
    whole = FIXTURE_BYTES[name]
    check(whole[: data.draw(st.integers(0, len(whole)))])


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_with_random_bytes_inserted(name: str, data: st.DataObject) -> None:
    mutated = FIXTURE_BYTES[name]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(mutated)))
        mutated = mutated[:at] + data.draw(st.binary(min_size=1, max_size=8)) + mutated[at:]
    check(mutated)


@CHECKS
@given(FIXTURE_NAMES, st.data())
def test_fixture_with_random_text_inserted(name: str, data: st.DataObject) -> None:
    # Text, not bytes: stays UTF-8, so the parser and every rule see it (bytes mostly stop at P005).
    text = FIXTURE_BYTES[name].decode("utf-8", errors="replace")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(FRAGMENTS))) + text[at:]
    check(text.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(FIXTURE_BYTES))
def test_every_fixture_survives_a_few_breakages(name: str) -> None:
    """Every fixture, not just those hypothesis happens to draw, each broken a few fixed ways."""
    whole = FIXTURE_BYTES[name]
    lines = split_lines(whole)
    chance = random.Random(name)  # the same breakages every run
    variants = [whole[: chance.randint(0, len(whole))] for _ in range(3)]
    if lines:
        index = chance.randrange(len(lines))
        variants.append(b"".join(lines[:index] + lines[index + 1 :]))  # a line lost
        variants.append(b"".join(lines[: index + 1] + lines[index:]))  # a line repeated
        shuffled = lines[:]
        chance.shuffle(shuffled)
        variants.append(b"".join(shuffled))
    at = chance.randint(0, len(whole))
    variants.append(whole[:at] + bytes(chance.randrange(256) for _ in range(4)) + whole[at:])
    for variant in variants:
        check(variant)
