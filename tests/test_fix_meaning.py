"""A fix never changes what the SOP means (issue 8, point 2).

The property: fix a text, and its activity graph — which activity can lead to
which, by the steps' identity, not their numbers — is what it was. The graph is
worked out here on its own (not with the writer's check): terminators
(`Mulai`, `Selesai`) are contracted into where they lead, since S409's fix removes
them, and a number written in a reference the parser does not read (`lanjut ke
langkah 4`) counts as naming the step with that number — a reader reads it so.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sop_lint.engine import Linter, Settings
from sop_lint.fixing import fix_text
from sop_lint.flow import build_flow
from sop_lint.model import Sop
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text
from sop_lint.values.refs import parse_step_ref

from .conftest import TODAY
from .rule_cases import fixture_documents

PACK = builtin_pack()
LINTER = Linter(Settings(preview=True, today=TODAY))
END = "END"

# The seed-003 case: a `Mulai` step to remove, and a reference the parser does not read.
SEED_003_STYLE = """\
# Pengumpulan Data

## Prosedur

1. Mulai
2. Menerima berkas
3. Memeriksa berkas
   - Keputusan: Lengkap?
   - Ya: lihat langkah 4
   - Tidak: 2
4. Menandatangani
5. Mengarsipkan
6. Selesai
"""


def activity_graph(sop: Sop) -> dict[Any, Any]:
    """Each step that is not a terminator, as (activity, which occurrence), with the
    steps it may lead to (`*`: anywhere) and the steps its unread references name."""
    flow = build_flow(sop)
    steps = sop.steps
    identity: dict[int, tuple[str, int]] = {}
    seen: dict[str, int] = {}
    for step in steps:
        if not step.terminator:
            activity = " ".join(step.activity.split())
            seen[activity] = seen.get(activity, 0) + 1
            identity[step.index] = (activity, seen[activity])

    def leads(index: int, visiting: frozenset[int] = frozenset()) -> frozenset[Any]:
        if index >= len(steps):
            return frozenset([END])
        if index in identity:
            return frozenset([identity[index]])
        if index in visiting or flow.unknown[index]:
            return frozenset(["*"])
        out: frozenset[Any] = frozenset()
        for target in flow.successors[index]:
            out |= leads(target, visiting | {index})
        return out

    by_number = sop.step_numbers()
    graph: dict[Any, Any] = {}
    for index, name in identity.items():
        step = steps[index]
        targets: frozenset[Any] = frozenset(["*"]) if flow.unknown[index] else frozenset()
        for target in [] if flow.unknown[index] else flow.successors[index]:
            targets |= leads(target)
        unread = []
        for f in step.fields:
            if f.key in ("Ya", "Tidak", "Lanjut") and parse_step_ref(f.value, f.value_span).target is None:
                numbers = [int(n) for n in re.findall(r"\d{1,9}", f.value)]
                unread.append(tuple(leads(by_number[n].index) if n in by_number else ("no step", n) for n in numbers))
        graph[name] = (targets, tuple(unread))
    return graph


def parsed(text: str) -> Sop:
    sop = parse_text(text, PACK).sop
    assert sop is not None
    return sop


def check_meaning_kept(text: str) -> str:
    result = fix_text(LINTER, text, "generated.sop.md")
    assert result.problem is None, result.problem  # the planner declines; the safety check is the last guard
    assert activity_graph(parsed(result.text)) == activity_graph(parsed(text))
    return result.text


# Generated procedures: numbers out of order, terminators, decisions, jumps, and references
# written as a number, as `langkah N` and as text the parser does not read.
_ACTIVITIES = ("Menerima berkas", "Memeriksa berkas", "Mencatat", "Menandatangani", "Mengarsipkan", "Mencatat")
_REF_FORMS = ("{n}", "langkah {n}", "ke langkah {n}", "lanjut ke langkah {n}", "kembali ke {n}", "{n} (lihat)", "Selesai")


@st.composite
def procedures(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=1, max_value=7))
    numbers = draw(st.lists(st.integers(min_value=1, max_value=9), min_size=count, max_size=count))
    if draw(st.booleans()):
        numbers = list(range(1, count + 1))
    lines = ["# Prosedur Uji", "", "## Prosedur", ""]
    if draw(st.booleans()):
        lines.append("1. Mulai")
        numbers = [n + 1 for n in numbers]
    ref = st.builds(lambda form, n: form.format(n=n), st.sampled_from(_REF_FORMS), st.integers(min_value=1, max_value=10))
    for number in numbers:
        lines.append(f"{number}. {draw(st.sampled_from(_ACTIVITIES))}")
        kind = draw(st.sampled_from(("plain", "plain", "decision", "jump")))
        if kind == "decision":
            lines += ["   - Keputusan: Lengkap?", f"   - Ya: {draw(ref)}", f"   - Tidak: {draw(ref)}"]
        elif kind == "jump":
            lines.append(f"   - Lanjut: {draw(ref)}")
    if draw(st.booleans()):
        lines.append(f"{max(numbers, default=0) + 1}. Selesai")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(procedures())
@example(SEED_003_STYLE)
@example("# T\n\n## Prosedur\n\n1. Mulai\n2. a\n   - Lanjut: lihat langkah 3\n3. b\n")
@example("# T\n\n## Prosedur\n\n2. a\n   - Keputusan: ok?\n   - Ya: kembali ke 2\n   - Tidak: langkah 3 atau 4\n4. b\n")
def test_fix_keeps_the_activity_graph_of_generated_sops(text: str) -> None:
    check_meaning_kept(text)


def test_seed_003_style_keeps_mulai_and_says_why() -> None:
    fixed = check_meaning_kept(SEED_003_STYLE)
    assert "1. Mulai\n" in fixed and "   - Ya: lihat langkah 4\n   - Tidak: 2\n4. Menandatangani\n" in fixed
    assert "Selesai" not in fixed  # the end needs no renumbering: it goes
    declined = fix_text(LINTER, SEED_003_STYLE, "t.sop.md").declined
    assert declined == [
        "S401: `Ya: lihat langkah 4` is not read as a step reference, and after renumbering its 4 would name another step",
        "S409: step 1 (`Mulai`) stays: the steps cannot be renumbered",
    ]


def test_the_safety_check_compares_steps_not_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the planner's decline, the writer's check catches the reference that
    would name another step: the text is kept, and says why."""
    import sop_lint.fixes as fixes

    monkeypatch.setattr(fixes, "_moved_mention", lambda *args: None)
    result = fix_text(LINTER, SEED_003_STYLE, "t.sop.md")
    assert result.problem == "the new text would not be the same SOP (its flow graph would differ)"
    assert not result.changed and result.text == SEED_003_STYLE


def test_a_number_that_keeps_its_step_does_not_stop_renumbering() -> None:
    text = "# T\n\n## Prosedur\n\n1. a\n   - Lanjut: lihat langkah 1\n2. b\n4. c\n"
    fixed = check_meaning_kept(text)
    assert "3. c\n" in fixed and "lihat langkah 1" in fixed


def _fixtures() -> dict[str, str]:
    found = {}
    for name, data in fixture_documents().items():
        try:
            text = data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
        if parse_text(text, PACK).sop is not None:
            found[name] = text
    return found


FIXTURE_TEXTS = _fixtures()


@pytest.mark.parametrize("name", sorted(FIXTURE_TEXTS))
def test_fix_keeps_the_activity_graph_of_fixtures(name: str) -> None:
    check_meaning_kept(FIXTURE_TEXTS[name])
