"""S — steps and flow: exact findings for the edge cases of S401–S409."""

from __future__ import annotations

import pytest

from sop_lint.rule import Finding
from sop_lint.sequence import longest_increasing

from ..conftest import FIXTURES, codes, lint

COMPLETE = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
# A complete SOP head (Identitas … Pelaksana), so only the steps vary.
HEAD = COMPLETE[: COMPLETE.index("## Prosedur\n")]
FIRST_STEP_LINE = HEAD.count("\n") + 3  # `## Prosedur`, a blank line, then the steps


def step(marker: str, activity: str, *extra: str) -> str:
    """A step with a full Mutu Baku and the given extra `Key: Value` sub-items."""
    subs = ["Pelaksana: KARO", "Kelengkapan: Dokumen", "Waktu: 10 menit", "Output: Dokumen", *extra]
    return f"{marker} {activity}\n" + "".join(f"   - {sub}\n" for sub in subs)


def sop(*steps: str) -> str:
    return HEAD + "## Prosedur\n\n" + "".join(steps)


def numbered(*numbers: int) -> str:
    return sop(*(step(f"{n}.", f"Aktivitas {i}") for i, n in enumerate(numbers, start=1)))


def line_of(text: str, needle: str, nth: int = 1) -> int:
    position = -1
    for _ in range(nth):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


def s(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """The S findings only: other families are other modules' business."""
    return [c for c in codes(findings) if c[0].startswith("S")]


def messages(findings: list[Finding], code: str) -> list[str]:
    return [f.text for f in findings if f.code == code]


def step_line(index: int) -> int:
    """The line of the index-th step (0-based) built by `numbered`: 5 lines each."""
    return FIRST_STEP_LINE + 5 * index


# --- sequence helper ---------------------------------------------------------------------


def test_longest_increasing_keeps_the_natural_run() -> None:
    values = [1, 2, 3, 4, 5, 6, 9, 7, 8, 9, 10, 11]
    assert sorted(set(range(len(values))) - longest_increasing(values)) == [6]
    assert longest_increasing([]) == set()


# --- S401 step-numbering -------------------------------------------------------------------


def test_s401_jambi_seed_gives_one_finding_on_the_first_9() -> None:
    path = FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md"
    text = path.read_text(encoding="utf-8")
    findings = lint(text)
    first_9 = line_of(text, "\n9. ") + 1
    assert [c for c in codes(findings) if c[0] == "S401"] == [("S401", first_9, 1)]
    assert messages(findings, "S401") == ["step number 9 is out of order: expected 7"]
    # Mulai and Selesai: S409 on their activity text, nothing else on those steps
    mulai, selesai = line_of(text, "1. Mulai"), line_of(text, "11. Selesai")
    assert [c for c in codes(findings) if c[1] in (mulai, selesai, selesai + 1)] == [
        ("S409", mulai, 4),
        ("S409", selesai, 5),
    ]


def test_s401_out_of_order_has_the_span_of_the_number_marker() -> None:
    findings = lint(numbered(1, 2, 9, 3))
    assert s(findings) == [("S401", step_line(2), 1)]
    assert messages(findings, "S401") == ["step number 9 is out of order: expected 3"]
    span = findings[[f.code for f in findings].index("S401")].span
    assert (span.end_line, span.end_column) == (step_line(2), 3)


def test_s401_gap_is_reported_on_the_later_step() -> None:
    findings = lint(numbered(1, 2, 4, 5))
    assert s(findings) == [("S401", step_line(2), 1)]
    assert messages(findings, "S401") == ["step 3 is missing"]


def test_s401_several_missing_numbers_in_one_finding() -> None:
    findings = lint(numbered(1, 5, 6))
    assert s(findings) == [("S401", step_line(1), 1)]
    assert messages(findings, "S401") == ["steps 2–4 are missing"]
    assert messages(lint(numbered(1, 4)), "S401") == ["steps 2, 3 are missing"]


def test_s401_duplicate_is_reported_on_the_second() -> None:
    findings = lint(numbered(1, 2, 2, 3))
    assert s(findings) == [("S401", step_line(2), 1)]
    assert messages(findings, "S401") == [f"step number 2 is a duplicate (first used at line {step_line(1)}): expected 3"]


def test_s401_duplicate_in_place_of_the_next_number_is_one_finding() -> None:
    # 1 2 3 3 5: the second 3 should be 4; no "step 4 is missing" behind it
    findings = lint(numbered(1, 2, 3, 3, 5))
    assert s(findings) == [("S401", step_line(3), 1)]
    assert messages(findings, "S401") == [f"step number 3 is a duplicate (first used at line {step_line(2)}): expected 4"]


def test_s401_every_step_numbered_1_as_markdown_allows() -> None:
    findings = lint(numbered(1, 1, 1))
    assert s(findings) == [("S401", step_line(1), 1), ("S401", step_line(2), 1)]
    assert messages(findings, "S401") == [
        f"step number 1 is a duplicate (first used at line {step_line(0)}): expected 2",
        f"step number 1 is a duplicate (first used at line {step_line(0)}): expected 3",
    ]


def test_s401_swapped_pair_is_one_finding() -> None:
    findings = lint(numbered(1, 2, 4, 3, 5))
    assert s(findings) == [("S401", step_line(2), 1)]
    assert messages(findings, "S401") == ["step number 4 is out of order: expected 3"]


@pytest.mark.parametrize(("numbers", "first"), [((2, 3, 4), 2), ((0, 1, 2), 0)])
def test_s401_numbering_must_start_at_1(numbers: tuple[int, ...], first: int) -> None:
    findings = lint(numbered(*numbers))
    assert s(findings) == [("S401", step_line(0), 1)]
    assert messages(findings, "S401") == [f"step numbering starts at {first}: expected 1"]


def test_s401_unnumbered_step_fills_its_place() -> None:
    text = sop(step("1.", "Menerima"), step("-", "Mencatat"), step("3.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S401", step_line(1), 1)]
    assert messages(findings, "S401") == ["this step has no number: expected `2.`"]


def test_s401_terminators_count_in_the_numbering() -> None:
    text = sop("1. Mulai\n", step("2.", "Menerima"), "3. Selesai\n")
    assert [c[0] for c in s(lint(text))] == ["S409", "S409"]


# --- S402 broken-step-reference ----------------------------------------------------------


def test_s402_beyond_the_last_step_names_the_count() -> None:
    text = sop(step("1.", "Menelaah", "Keputusan: Sesuai?", "Ya: 14", "Tidak: 2"), step("2.", "Memperbaiki"))
    findings = lint(text)
    assert s(findings) == [("S402", line_of(text, "Ya: 14"), 10)]
    assert messages(findings, "S402") == ["Ya points to step 14, but the procedure has 2 steps"]


def test_s402_a_number_no_step_has() -> None:
    text = numbered(1, 2, 4)
    text = text.replace("Output: Dokumen\n", "Output: Dokumen\n   - Lanjut: 3\n", 1)
    findings = lint(text)
    assert ("S402", line_of(text, "Lanjut: 3"), 14) in s(findings)
    assert "Lanjut points to step 3, but no step has that number" in messages(findings, "S402")


def test_s402_unreadable_reference_and_no_cascade_behind_it() -> None:
    text = sop(step("1.", "Menerima", "Lanjut: langkah -1"), step("2.", "Mencatat"), step("3.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S402", line_of(text, "langkah -1"), 14)]
    assert messages(findings, "S402") == [
        "Lanjut `langkah -1` is not a step reference: write a step number, e.g. `7` or `langkah 7`"
    ]
    span = findings[[f.code for f in findings].index("S402")].span
    assert span.end_column == 14 + len("langkah -1")


def test_s402_a_broken_reference_hides_no_unreachable_step() -> None:
    # without the broken Lanjut, step 2 would be skipped; with it, the flow is unknown
    text = sop(step("1.", "Menerima", "Lanjut: 9"), step("2.", "Mencatat"), step("3.", "Mengarsipkan", "Lanjut: 3"))
    assert [c[0] for c in s(lint(text))] == ["S402", "S406"]


def test_s402_reference_to_a_duplicated_number_is_not_broken() -> None:
    text = sop(step("1.", "Menerima", "Lanjut: 2"), step("2.", "Mencatat"), step("2.", "Mengarsipkan"))
    assert [c[0] for c in s(lint(text))] == ["S401"]


# --- S403 incomplete-decision -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("branches", "message"),
    [
        (("Ya: 2",), "decision step 1 has no `Tidak` branch: add `- Tidak: <step>`"),
        (("Tidak: 2",), "decision step 1 has no `Ya` branch: add `- Ya: <step>`"),
        ((), "decision step 1 has neither `Ya` nor `Tidak`: add both branches"),
    ],
)
def test_s403_decision_missing_a_branch(branches: tuple[str, ...], message: str) -> None:
    text = sop(step("1.", "Menelaah data", "Keputusan: Sesuai?", *branches), step("2.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S403", FIRST_STEP_LINE, 4)]
    assert messages(findings, "S403") == [message]


def test_s403_ya_without_keputusan() -> None:
    text = sop(step("1.", "Menelaah data", "Ya: 2", "Tidak: 2"), step("2.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S403", FIRST_STEP_LINE, 4)]
    assert messages(findings, "S403") == ["step 1 has `Ya`/`Tidak` but no `Keputusan`: add the question (`- Keputusan: …?`)"]


def test_s403_hides_unreachable_steps_behind_it() -> None:
    # Ya jumps over step 2; the missing Tidak might have led there
    text = sop(step("1.", "Menelaah", "Keputusan: Sesuai?", "Ya: 3"), step("2.", "Memperbaiki"), step("3.", "Mengarsipkan"))
    assert [c[0] for c in s(lint(text))] == ["S403"]


# --- S404 unreachable-step -------------------------------------------------------------------


def test_s404_step_jumped_over_by_lanjut() -> None:
    text = sop(step("1.", "Menerima", "Lanjut: 3"), step("2.", "Mencatat"), step("3.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S404", line_of(text, "2. Mencatat"), 1)]
    assert messages(findings, "S404") == ["step 2 is never reached: step 1 jumps over it (`Lanjut: 3`)"]


def test_s404_one_finding_per_unreachable_step() -> None:
    text = sop(
        step("1.", "Menelaah", "Keputusan: Sesuai?", "Ya: 4", "Tidak: 4"),
        step("2.", "Memperbaiki"),
        step("3.", "Memeriksa"),
        step("4.", "Mengarsipkan"),
    )
    findings = lint(text)
    assert s(findings) == [("S404", line_of(text, "2. Memperbaiki"), 1), ("S404", line_of(text, "3. Memeriksa"), 1)]
    assert messages(findings, "S404") == [
        "step 2 is never reached: no path from the first step leads to it",
        "step 3 is never reached: no path from the first step leads to it",
    ]


def test_s404_step_reached_only_through_a_backward_reference_is_reached() -> None:
    text = sop(
        step("1.", "Menerima", "Lanjut: 3"),
        step("2.", "Memperbaiki"),
        step("3.", "Memeriksa", "Keputusan: Sesuai?", "Ya: 4", "Tidak: 2"),
        step("4.", "Mengarsipkan"),
    )
    assert s(lint(text)) == []


def test_s404_unreachable_terminator_is_s409_only() -> None:
    text = sop(step("1.", "Menerima", "Lanjut: 3"), "2. Selesai\n", step("3.", "Mengarsipkan"))
    assert [c[0] for c in s(lint(text))] == ["S409"]


# --- S405 no-exit --------------------------------------------------------------------------------


def test_s405_one_finding_on_the_closing_reference_naming_the_loop() -> None:
    text = sop(
        step("1.", "Menyusun"),
        step("2.", "Memeriksa"),
        step("3.", "Memperbaiki"),
        step("4.", "Memaraf", "Lanjut: ke langkah 2"),
        step("5.", "Mengarsipkan"),
    )
    findings = lint(text)
    # no S404 on step 5: the loop is assumed to leave where it is written
    assert s(findings) == [("S405", line_of(text, "ke langkah 2"), 14)]
    assert messages(findings, "S405") == [
        "steps 2, 3, 4 loop with no way to the end: `Lanjut` of step 4 leads back to step 2 and no step in the loop leaves it"
    ]


def test_s405_decision_loop_with_an_exit_is_fine() -> None:
    assert s(lint(COMPLETE)) == []


def test_s405_decision_whose_both_branches_go_back() -> None:
    text = sop(
        step("1.", "Menyusun"),
        step("2.", "Memeriksa", "Keputusan: Sesuai?", "Ya: 1", "Tidak: 2"),
        step("3.", "Mengarsipkan"),
    )
    findings = lint(text)
    # the Tidak pointing at itself is S406; the loop 1-2 is closed by Ya
    assert s(findings) == [("S405", line_of(text, "Ya: 1"), 10), ("S406", line_of(text, "Tidak: 2"), 13)]


def test_s405_only_the_loop_nothing_leaves() -> None:
    # {1, 2} leaves only into {3, 4}: fixing the second fixes both
    text = sop(
        step("1.", "Menyusun"),
        step("2.", "Memeriksa", "Keputusan: Sesuai?", "Ya: 1", "Tidak: 3"),
        step("3.", "Memperbaiki"),
        step("4.", "Memaraf", "Lanjut: 3"),
        step("5.", "Mengarsipkan"),
    )
    assert s(lint(text)) == [("S405", line_of(text, "Lanjut: 3"), 14)]


def test_s405_two_separate_dead_loops() -> None:
    text = sop(
        step("1.", "Menerima", "Keputusan: Lengkap?", "Ya: 2", "Tidak: 4"),
        step("2.", "Mencatat"),
        step("3.", "Memeriksa", "Lanjut: 2"),
        step("4.", "Mengembalikan"),
        step("5.", "Memberi tahu", "Lanjut: 4"),
        step("6.", "Mengarsipkan"),
    )
    findings = lint(text)
    assert s(findings) == [("S405", line_of(text, "Lanjut: 2"), 14), ("S405", line_of(text, "Lanjut: 4"), 14)]


# --- S406 self-reference ---------------------------------------------------------------------


def test_s406_self_reference_is_s406_only() -> None:
    text = sop(step("1.", "Menerima"), step("2.", "Mencatat", "Lanjut: 2"), step("3.", "Mengarsipkan"))
    findings = lint(text)
    assert s(findings) == [("S406", line_of(text, "Lanjut: 2"), 14)]
    assert messages(findings, "S406") == ["`Lanjut` of step 2 points at step 2 itself"]


def test_s406_on_a_decision_branch() -> None:
    text = sop(step("1.", "Menelaah", "Keputusan: Sesuai?", "Ya: 2", "Tidak: 1"), step("2.", "Mengarsipkan"))
    assert s(lint(text)) == [("S406", line_of(text, "Tidak: 1"), 13)]


# --- S407 empty-activity -------------------------------------------------------------------------


def test_s407_empty_activity_on_the_number() -> None:
    text = sop(step("1.", "Menerima"), step("2.", "<!-- kosong -->"))
    findings = lint(text)
    assert s(findings) == [("S407", step_line(1), 1)]
    assert messages(findings, "S407") == ["step 2 has no activity: say what is done (e.g. `2. Menerima surat masuk`)"]


# --- S408 no-steps ---------------------------------------------------------------------------------


def test_s408_paragraph_instead_of_steps() -> None:
    text = HEAD + "## Prosedur\n\nSurat diterima, dicatat, lalu diarsipkan.\n"
    findings = lint(text)
    assert s(findings) == [("S408", line_of(text, "## Prosedur"), 1)]
    assert messages(findings, "S408") == ["Prosedur has no numbered steps: write each step as `1. activity`"]


def test_s408_bullets_only_is_one_finding_not_one_per_step() -> None:
    text = sop(step("-", "Menerima"), step("-", "Mencatat"))
    assert s(lint(text)) == [("S408", line_of(text, "## Prosedur"), 1)]


def test_s408_empty_prosedur_is_c202s() -> None:
    findings = lint(HEAD + "## Prosedur\n")
    assert s(findings) == []
    assert "C202" in {f.code for f in findings}


# --- S409 numbered-terminator ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Mulai", "Selesai", "selesai.", "Start", "END"])
def test_s409_terminator_only_s409(word: str) -> None:
    text = sop(step("1.", "Menerima"), f"2. {word}\n")
    findings = lint(text)
    # nothing else on the terminator step (no D501, R303, D511, D512, S404 …)
    assert [c for c in codes(findings) if c[1] == step_line(1)] == [("S409", step_line(1), 4)]
    assert messages(findings, "S409") == [
        f"`{word}` is a terminator, not an activity: remove this step (the flowchart draws start and end)"
    ]


def test_s409_an_activity_starting_with_mulai_is_an_activity() -> None:
    assert s(lint(sop(step("1.", "Mulai menyusun laporan")))) == []


def test_s409_has_an_always_available_fix() -> None:
    from sop_lint.rules import all_rules

    assert all_rules()["S409"].fix == "sometimes"
    assert all_rules()["S409"].severity == "warning"
