"""Indonesian step references and ends (issue 13, point 1): every form the issue
names is read, `Selesai` as a branch target is the end, and the whole family is
pack data (rules/builtin.json `step_references`), documented in docs/format.md."""

from __future__ import annotations

import json
import re

import pytest

from sop_lint.model import Span
from sop_lint.pack import builtin_pack
from sop_lint.values.refs import parse_step_ref

from .conftest import ROOT, codes, lint

SPAN = Span(1, 1, 1, 2)

ISSUE_FORMS = [
    ("lanjut ke langkah 4", 4),
    ("Lanjut ke 4", 4),
    ("menuju langkah 4", 4),
    ("diteruskan ke langkah 4", 4),
    ("kembali ke langkah 2", 2),
    ("ke-4", 4),
    ("langkah ke-4", 4),
    ("no. 4", 4),
    ("Dilanjutkan ke langkah 4 (Menandatangani)", 4),
    ("teruskan ke no. 4", 4),
    ("lanjutkan ke langkah ke-4", 4),
]


@pytest.mark.parametrize(("text", "target"), ISSUE_FORMS)
def test_every_form_of_the_issue_names_its_step(text: str, target: int) -> None:
    ref = parse_step_ref(text, SPAN)
    assert (ref.target, ref.end) == (target, False)


@pytest.mark.parametrize(
    "text", ["Selesai", "selesai", "Selesai (proses berakhir)", "Selesai.", "lanjut ke Selesai", "Proses selesai", "Akhir"]
)
def test_selesai_as_a_branch_target_is_the_end(text: str) -> None:
    ref = parse_step_ref(text, SPAN)
    assert (ref.target, ref.end) == (None, True)


@pytest.mark.parametrize("text", ["lihat langkah 4", "Selesai dulu lalu 4", "selesaikan", "lanjut langkah 4"])
def test_what_is_not_a_reference_stays_unread(text: str) -> None:
    ref = parse_step_ref(text, SPAN)
    assert (ref.target, ref.end) == (None, False)


def test_the_words_are_pack_data_not_code() -> None:
    words = json.loads((ROOT / "rules" / "builtin.json").read_text(encoding="utf-8"))["step_references"]
    assert {"diteruskan ke", "lanjut ke", "menuju", "kembali ke"} <= set(words["leads"])
    assert "selesai" in words["ends"]
    assert builtin_pack().step_ref_ends == words["ends"]
    source = (ROOT / "sop_lint" / "values" / "refs.py").read_text(encoding="utf-8")
    assert '"diteruskan' not in source and '"selesai"' not in source.lower()  # as code: no literal word


DECISION = """\
# T

## Prosedur

1. Memeriksa berkas
   - Keputusan: Berkas lengkap?
   - Ya: Selesai (proses berakhir)
   - Tidak: diteruskan ke langkah 2
2. Melengkapi berkas
   - Lanjut: kembali ke langkah 1
"""


def test_a_decision_that_ends_the_procedure_lints_clean_of_the_flow_rules() -> None:
    assert codes(lint(DECISION, select=["S"], preview=True)) == []


def test_a_lanjut_to_selesai_jumps_over_the_steps_after_it() -> None:
    text = "# T\n\n## Prosedur\n\n1. a\n2. b\n   - Lanjut: Selesai\n3. c\n"
    findings = lint(text, select=["S404"])
    assert [(f.code, f.span.line, f.text) for f in findings] == [
        ("S404", 8, "step 3 is never reached: step 2 jumps over it (`Lanjut: Selesai`)")
    ]


def test_an_unread_target_is_still_s402() -> None:
    text = "# T\n\n## Prosedur\n\n1. a\n   - Lanjut: lihat langkah 2\n2. b\n"
    assert [(f.code, f.span.line, f.text) for f in lint(text, select=["S402"])] == [
        ("S402", 6, "Lanjut `lihat langkah 2` is not a step reference: write a step number, e.g. `7` or `langkah 7`")
    ]


def test_renumbering_keeps_selesai_and_rewrites_the_new_forms() -> None:
    from sop_lint.engine import Linter, Settings
    from sop_lint.fixing import fix_text

    text = "# T\n\n## Prosedur\n\n1. a\n   - Keputusan: ok?\n   - Ya: Selesai\n   - Tidak: diteruskan ke langkah 4\n4. b\n"
    fixed = fix_text(Linter(Settings(select=["S401"])), text, "t.sop.md").text
    assert fixed == text.replace("langkah 4", "langkah 2").replace("4. b", "2. b")


def test_docs_format_lists_every_accepted_form() -> None:
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for text, _ in ISSUE_FORMS[:8]:
        assert f"`{text}`" in doc, text
    assert "`Selesai (proses berakhir)`" in doc
    words = json.loads((ROOT / "rules" / "builtin.json").read_text(encoding="utf-8"))["step_references"]
    for group in ("leads", "words", "ends"):
        for word in words[group]:
            pattern = r"\s+".join(re.escape(part) for part in word.split())  # a line may break between words
            assert re.search(f"`{pattern}`", doc, re.IGNORECASE), word
