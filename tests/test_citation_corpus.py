"""The corpus of real Dasar Hukum entries (`tests/data/citations/entries.txt`):
every labelled citation is read with its type, number and year; every
non-citation is L601; L602, L605 and L606 fire exactly where the labels say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.model import Span
from sop_lint.pack import builtin_pack
from sop_lint.values.citations import number_key, parse_citation

from .conftest import lint

CORPUS = Path(__file__).parent / "data" / "citations" / "entries.txt"
CHECKED = {"L601", "L602", "L605", "L606"}


class Entry:
    def __init__(self, line: int, source: str, label: str, text: str) -> None:
        self.line, self.source, self.text = line, source, text
        self.reason: str | None = None
        self.kind = self.number = None
        self.year: int | None = None
        self.codes: set[str] = set()
        if label.startswith("!"):
            self.reason = label[1:].strip()
            self.codes = {"L601"}
            return
        form, issuer, number, year, *codes = label.split()
        self.kind = form if issuer == "-" else f"{form}.{issuer}"
        self.number = None if number == "-" else number
        self.year = None if year == "-" else int(year)
        self.codes = set(codes)

    def __repr__(self) -> str:
        return f"entries.txt:{self.line}"


def read_corpus() -> list[Entry]:
    entries: list[Entry] = []
    source = ""
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@ "):
            source = line[2:].strip()
        elif " :: " in line and not line.startswith("#"):
            label, text = line.split(" :: ", 1)
            entries.append(Entry(number, source, label.strip(), text))
    return entries


ENTRIES = read_corpus()
CITATIONS = [e for e in ENTRIES if e.reason is None]


def test_the_corpus_is_large_and_sourced() -> None:
    assert len(ENTRIES) >= 300
    assert all(re.match(r"https?://", e.source) for e in ENTRIES)
    assert len({e.source for e in ENTRIES}) >= 60
    assert sum(e.reason is not None for e in ENTRIES) >= 20


@pytest.mark.parametrize("entry", CITATIONS, ids=repr)
def test_each_citation_is_read_as_labelled(entry: Entry) -> None:
    citation = parse_citation(entry.text, Span(1, 1, 1, 1 + len(entry.text)), builtin_pack())
    assert citation.kind == entry.kind, entry.text
    if entry.number is None:
        assert citation.number is None, entry.text
    else:
        assert citation.number is not None and number_key(citation.number) == number_key(entry.number), entry.text
    assert citation.year == entry.year, entry.text


def _dasar_hukum_only(good_sop: str, entry: str) -> str:
    start = good_sop.index("## Dasar Hukum")
    end = good_sop.index("\n## ", start + 1)
    return good_sop[:start] + f"## Dasar Hukum\n\n1. {entry}\n" + good_sop[end:]


@pytest.mark.parametrize("entry", ENTRIES, ids=repr)
def test_legal_findings_are_the_labelled_ones(good_sop: str, entry: Entry) -> None:
    findings = lint(_dasar_hukum_only(good_sop, entry.text), preview=True)
    assert {f.code for f in findings if f.code in CHECKED} == entry.codes, entry.text
