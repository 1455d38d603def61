"""The flow graph (`sop_lint.flow`) and step references (`sop_lint.values.refs`)."""

from __future__ import annotations

import pytest

from sop_lint.flow import Flow, build_flow, decision_problem, label_list
from sop_lint.model import Sop, Span
from sop_lint.parser import parse_text
from sop_lint.values.refs import parse_step_ref

from .conftest import FIXTURES, codes, lint

SPAN = Span(1, 1, 1, 2)


def parsed(prosedur: str) -> Sop:
    result = parse_text("# T\n\n## Prosedur\n\n" + prosedur)
    assert result.sop is not None, result.problem
    return result.sop


def flow_of(prosedur: str) -> Flow:
    return build_flow(parsed(prosedur))


# --- references ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("7", 7),
        ("7.", 7),
        ("langkah 7", 7),
        ("Langkah 7", 7),
        ("ke langkah 2", 2),
        ("kembali ke langkah 2", 2),
        ("langkah ke-7", 7),
        ("ke-7", 7),
        ("step 12", 12),
        ("No. 3", 3),
        ("7 (Menandatangani)", 7),
        (" 4 ", 4),
        ("langkah -1", None),
        ("Selesai", None),
        ("", None),
        ("1234567890", None),  # ten digits: no step has that number
        ("2 atau 3", None),
    ],
)
def test_step_references(text: str, target: int | None) -> None:
    assert parse_step_ref(text, SPAN).target == target


# --- building the graph -------------------------------------------------------------------


def test_default_flow_goes_to_the_next_written_step_and_the_last_ends() -> None:
    flow = flow_of("1. a\n2. b\n3. c\n")
    assert flow.successors == [[1], [2], [3]]
    assert flow.end == 3
    assert flow.unknown == [False, False, False]


def test_decision_and_lanjut_follow_the_written_numbers() -> None:
    flow = flow_of("1. a\n   - Keputusan: ok?\n   - Ya: 3\n   - Tidak: langkah 2\n2. b\n   - Lanjut: ke langkah 1\n3. c\n")
    assert flow.successors == [[2, 1], [0], [3]]
    assert [[(b.key, b.target, b.used) for b in bs] for bs in flow.branches] == [
        [("Ya", 2, True), ("Tidak", 1, True)],
        [("Lanjut", 0, True)],
        [],
    ]


def test_a_reference_names_the_first_step_with_that_written_number() -> None:
    # numbers 1, 2, 9, 3, 9: `9` is the third written step (index 2)
    flow = flow_of("1. a\n   - Lanjut: 9\n2. b\n9. c\n3. d\n9. e\n")
    assert flow.successors[0] == [2]


def test_a_decisions_lanjut_is_not_part_of_the_flow() -> None:
    flow = flow_of("1. a\n   - Keputusan: ok?\n   - Ya: 2\n   - Tidak: 2\n   - Lanjut: 1\n2. b\n")
    assert flow.successors[0] == [1]
    assert [b.used for b in flow.branches[0]] == [True, True, False]


@pytest.mark.parametrize(
    "prosedur",
    [
        "1. a\n   - Lanjut: 14\n2. b\n",  # no such step
        "1. a\n   - Lanjut: langkah -1\n2. b\n",  # unreadable
        "1. a\n   - Keputusan: ok?\n   - Ya: 2\n2. b\n",  # no Tidak
        "1. a\n   - Keputusan: ok?\n   - Ya: 2\n   - Tidak: 9\n2. b\n",  # broken branch
        "1. a\n   - Ya: 2\n2. b\n",  # Ya without Keputusan
    ],
)
def test_unknown_flow_may_go_anywhere(prosedur: str) -> None:
    flow = flow_of(prosedur + "3. c\n   - Lanjut: 3\n")  # 3 loops on itself
    assert flow.unknown[0] and flow.successors[0] == []
    assert flow.reachable() == [True, True, True]
    assert flow.reaches_end()[0]


def test_decision_problem() -> None:
    sop = parsed(
        "1. a\n   - Keputusan: ok?\n2. b\n   - Keputusan: ok?\n   - Tidak: 1\n"
        "3. c\n   - Keputusan: ok?\n   - Ya: 1\n4. d\n   - Tidak: 1\n5. e\n   - Keputusan: ok?\n   - Ya: 1\n   - Tidak: 4\n6. f\n"
    )
    assert [decision_problem(step) for step in sop.steps] == ["neither", "no-yes", "no-no", "not-a-decision", None, None]


# --- reachability and loops ----------------------------------------------------------------


def test_reachable_and_reaches_end() -> None:
    # 1 -> 3 skips 2; 3 <-> 4 loop with no exit; 5 unreachable
    flow = flow_of("1. a\n   - Lanjut: 3\n2. b\n3. c\n4. d\n   - Lanjut: 3\n5. e\n")
    assert flow.reachable() == [True, False, True, True, False]
    assert flow.reaches_end() == [False, False, False, False, True]  # 2 falls into the loop
    assert flow.reachable({3: 4}) == [True, False, True, True, True]


def test_dead_loops_reports_only_the_loop_nothing_leaves() -> None:
    # {1, 2} leaves only into {3, 4}, which nothing leaves
    flow = flow_of("1. a\n2. b\n   - Keputusan: ok?\n   - Ya: 1\n   - Tidak: 3\n3. c\n4. d\n   - Lanjut: 3\n5. e\n")
    loops = flow.dead_loops()
    assert [(loop.members, loop.source, loop.closing.key, loop.closing.target) for loop in loops] == [([2, 3], 3, "Lanjut", 2)]
    assert flow.dead_loops() is loops  # computed once


def test_dead_loop_closing_reference_prefers_another_step_over_itself() -> None:
    flow = flow_of("1. a\n2. b\n   - Keputusan: ok?\n   - Ya: 2\n   - Tidak: 1\n3. c\n")
    (loop,) = flow.dead_loops()
    assert loop.members == [0, 1] and loop.closing.key == "Tidak" and not loop.self_only


def test_a_step_pointing_at_itself_is_a_self_only_loop() -> None:
    (loop,) = flow_of("1. a\n2. b\n   - Lanjut: 2\n3. c\n").dead_loops()
    assert loop.members == [1] and loop.self_only


def test_a_loop_with_an_exit_is_not_dead() -> None:
    good = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    result = parse_text(good)
    assert result.sop is not None
    flow = build_flow(result.sop)
    assert flow.dead_loops() == []
    assert all(flow.reachable()) and all(flow.reaches_end())


# --- longest path ------------------------------------------------------------------------


def test_longest_path_takes_the_heavier_branch_and_counts_a_loop_once() -> None:
    # 1 -> 2 (decision: Ya 4, Tidak 3) ; 3 -> back to 2 ; 4 ends
    flow = flow_of("1. a\n2. b\n   - Keputusan: ok?\n   - Ya: 4\n   - Tidak: 3\n3. c\n   - Lanjut: 2\n4. d\n")
    assert flow.longest_path([1, 10, 100, 1000]) == 1011  # the loop 2 -> 3 -> 2 is not walked
    flow = flow_of("1. a\n   - Keputusan: ok?\n   - Ya: 2\n   - Tidak: 3\n2. b\n   - Lanjut: 4\n3. c\n4. d\n")
    assert flow.longest_path([1, 10, 100, 1000]) == 1101


def test_longest_path_lets_an_unknown_step_end() -> None:
    flow = flow_of("1. a\n2. b\n   - Lanjut: 99\n3. c\n")
    assert flow.longest_path([1, 10, 100]) == 11


def test_longest_path_is_none_when_nothing_reaches_the_end() -> None:
    assert flow_of("1. a\n2. b\n   - Lanjut: 1\n").longest_path([1, 1]) is None
    assert build_flow(Sop(title=None, title_span=None)).longest_path([]) is None


def test_label_list_shortens_long_loops() -> None:
    sop = parsed("".join(f"{i}. a\n" for i in range(1, 21)))
    assert label_list(sop.steps[:3]) == "1, 2, 3"
    assert label_list(sop.steps) == "1, 2, 3, 4, 5, 6, 7, 8, … 20 (20)"


# --- size: no recursion, linear time ---------------------------------------------------------


def _chain(n: int) -> str:
    return "".join(f"{i}. a\n   - Lanjut: {i + 1}\n" for i in range(1, n)) + f"{n}. a\n"


def test_3000_step_lanjut_chain_has_no_recursion_error() -> None:
    flow = flow_of(_chain(3000))
    assert all(flow.reachable()) and all(flow.reaches_end())
    assert flow.dead_loops() == []
    assert flow.longest_path([1.0] * 3000) == 3000


def test_3000_step_loop_with_no_exit_is_one_dead_loop() -> None:
    text = "".join(f"{i}. a\n   - Lanjut: {i + 1}\n" for i in range(1, 3000)) + "3000. a\n   - Lanjut: 1\n"
    flow = flow_of(text)
    (loop,) = flow.dead_loops()
    assert len(loop.members) == 3000 and loop.source == 2999 and loop.closing.target == 0


def test_3000_step_chain_through_backward_references() -> None:
    # 1 -> 2999 -> 2998 -> … -> 2 -> 3000 -> END: every reference but two points back
    text = "1. a\n   - Lanjut: 2999\n2. a\n   - Lanjut: 3000\n"
    text += "".join(f"{i}. a\n   - Lanjut: {i - 1}\n" for i in range(3, 3000)) + "3000. a\n"
    flow = flow_of(text)
    assert all(flow.reachable()) and all(flow.reaches_end())
    assert flow.dead_loops() == []
    assert flow.longest_path([1.0] * 3000) == 3000


def test_2000_step_sop_lints_without_recursion_or_cascades() -> None:
    good = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
    head = good[: good.index("## Prosedur\n")].replace("Batas Waktu: 10 hari kerja", "Batas Waktu: 1 hari kerja")
    steps = "".join(
        f"{i}. Memeriksa berkas\n   - Pelaksana: KARO, KABAG, KASUBBAG, Arsiparis\n   - Kelengkapan: Dokumen\n"
        f"   - Waktu: 5 menit\n   - Output: Berkas\n"
        + (f"   - Keputusan: Lengkap?\n   - Ya: {i + 1}\n   - Tidak: {max(i - 5, 1)}\n" if i % 10 == 5 else "")
        for i in range(1, 2001)
    )
    text = head + "## Prosedur\n\n" + steps
    findings = lint(text)
    assert [c for c in codes(findings) if c[0][0] in "SD"] == [("D506", 16, 16)]


def test_3000_step_chain_lints_without_flow_findings() -> None:
    findings = lint("# T\n\n## Prosedur\n\n" + _chain(3000))
    assert [c for c in codes(findings) if c[0].startswith("S")] == []
