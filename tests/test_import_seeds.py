"""The four seeds' text extractions (../shared/seeds/*.txt) import into SOP files whose
findings, by code and count, are those of the hand transcriptions in fixtures/seeds/ —
apart from the findings about performers (R3xx), which the text extraction lost: a text
extraction has no flowchart, so no step has a Pelaksana (R303 on each step), where the
hand transcription assigned one from the activity text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sop_lint.importers import read_procedures
from sop_lint.importers.output import render_procedure
from sop_lint.pack import builtin_pack

from .conftest import FIXTURES, lint_bytes, need_shared

# seed text -> its hand transcriptions (002 holds two procedures), and the performer
# findings each side has that the other has not (docs/import.md lists them).
SEEDS: dict[str, list[tuple[str, dict[str, int], dict[str, int]]]] = {
    "000_959eca75d1cbc353.txt": [("000-kalbar-pengumpulan-data-kinerja.sop.md", {"R303": 10}, {})],
    "002_a99aa8b540c7cf42.txt": [
        ("002a-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md", {"R303": 6}, {"R304": 1}),
        ("002b-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md", {"R303": 7}, {"R301": 2}),
    ],
    "003_66a5644a45e749d6.txt": [("003-jambi-pengumpulan-data-kinerja.sop.md", {"R303": 10}, {})],
    "004_b75c7b7834110a2d.txt": [("004-pesisirselatan-pengumpulan-data-kinerja.sop.md", {"R303": 13}, {"R301": 6})],
}


def _imported(name: str) -> list[str]:
    pack = builtin_pack()
    return [render_procedure(p, pack) for p in read_procedures(need_shared(f"seeds/{name}"), pack)]


def _counts(data: bytes) -> Counter[str]:
    return Counter(f.code for f in lint_bytes(data, preview=False))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_imports_with_the_hand_transcriptions_findings(seed: str) -> None:
    texts = _imported(seed)
    assert len(texts) == len(SEEDS[seed])
    for text, (hand, only_imported, only_hand) in zip(texts, SEEDS[seed], strict=True):
        imported = _counts(text.encode("utf-8"))
        transcribed = _counts((FIXTURES / "seeds" / hand).read_bytes())
        assert "P001" not in imported
        same = {code: n for code, n in imported.items() if not code.startswith("R")}
        assert same == {code: n for code, n in transcribed.items() if not code.startswith("R")}, hand
        assert {c: n for c, n in imported.items() if c.startswith("R")} == only_imported
        assert {c: n for c, n in transcribed.items() if c.startswith("R")} == only_hand


def test_the_same_text_gives_the_same_bytes() -> None:
    assert _imported("003_66a5644a45e749d6.txt") == _imported("003_66a5644a45e749d6.txt")


def test_two_procedures_in_one_document_are_two_files_with_the_shared_header() -> None:
    first, second = _imported("002_a99aa8b540c7cf42.txt")
    for text in (first, second):
        assert "- Nomor: 900 / UR. F / V.03. WA / 2022" in text
        assert "## Pencatataa dan Pendataan" in text  # misspelt as in the source: P002's
    assert "- Ka Badan BPNAD" in second and "- Ka Badan BPNAD" not in first


def test_what_the_text_extraction_lost_is_said_once_under_the_title(tmp_path: Path) -> None:
    text = _imported("000_959eca75d1cbc353.txt")[0]
    lines = text.splitlines()
    assert lines[2].startswith("<!-- import: a text extraction: the flowchart symbols")
    assert "Pelaksana:" not in text
    assert "- Nama Pengesah: Rita Hastarita, S.Sos, M.Si" in lines
    assert "- NIP Pengesah: 19791208 200003 2 002" in lines


def test_a_picture_in_the_approver_cell_is_a_guess_not_a_value() -> None:
    text = _imported("003_66a5644a45e749d6.txt")[0]
    assert (
        "- Disahkan Oleh: <!-- import: the `Disahkan Oleh` cell holds a picture ([image: ]): its text is not readable -->" in text
    )
