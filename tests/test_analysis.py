"""The analyses (`sop_lint.analysis`): per file, computed on first use and once,
shared by the rules of the file, and plain enough to pickle."""

from __future__ import annotations

import pickle

import pytest

from sop_lint.analysis import Facts
from sop_lint.analysis.durations import step_minutes, usable_limit
from sop_lint.analysis.placeholders import is_blank, is_placeholder
from sop_lint.flow import build_flow
from sop_lint.model import Sop
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text
from sop_lint.rule import Context
from sop_lint.rules import all_rules

from .conftest import FIXTURES, TODAY

SEED = FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md"


def parsed(text: str) -> Sop:
    sop = parse_text(text, builtin_pack()).sop
    assert sop is not None
    return sop


@pytest.fixture
def seed() -> Sop:
    return parsed(SEED.read_text(encoding="utf-8"))


def test_a_fact_is_computed_on_first_use_and_kept(seed: Sop) -> None:
    facts = Facts(seed, builtin_pack(), TODAY)
    assert (facts._roles, facts._flow, facts._citations, facts._durations) == (None, None, None, None)
    roles = facts.roles
    assert facts.roles is roles and facts._flow is None  # only what was asked for
    assert facts.flow is facts.flow
    assert facts.flow == build_flow(seed)
    assert facts.citations is facts.citations and facts.durations is facts.durations


def test_the_rules_of_one_file_share_one_facts(seed: Sop) -> None:
    ctx = Context(builtin_pack(), TODAY)
    rules = all_rules()
    for code in ("R301", "R302", "S404", "S405", "D502", "D506", "L601", "L603"):
        list(rules[code]().check(seed, ctx))
    facts = ctx.facts
    assert facts is not None and facts.sop is seed
    assert None not in (facts._roles, facts._flow, facts._citations, facts._durations)
    assert ctx.facts_for(seed) is facts
    other = parsed(SEED.read_text(encoding="utf-8"))
    assert ctx.facts_for(other) is not facts and ctx.facts_for(other).sop is other  # a new model: new facts


def test_the_facts_of_the_seed(seed: Sop) -> None:
    facts = Facts(seed, builtin_pack(), TODAY)
    assert [role.alias for role in facts.roles.roles] == [role.alias for role in seed.roles]
    assert facts.roles.undeclared() == [] and facts.roles.duplicates() == []
    assert [key for key, _, _ in facts.durations].count("Waktu") == len([s for s in seed.steps if not s.terminator])
    assert all(problem is None for _, _, problem in facts.durations)
    assert [entry.citation for entry in facts.citations] == seed.citations


def test_facts_are_plain_records_that_pickle(seed: Sop) -> None:
    facts = Facts(seed, builtin_pack(), TODAY)
    roles = facts.roles
    roles.undeclared(), roles.unused(), roles.similar(), roles.duplicates()
    flow = facts.flow
    flow.dead_loops()
    for fact in (flow, facts.citations, facts.durations):
        assert pickle.loads(pickle.dumps(fact)) == fact
    copy = pickle.loads(pickle.dumps(roles))
    assert copy.sop == roles.sop and copy.by_spelling == roles.by_spelling and copy.similar() == roles.similar()


def test_placeholders_and_blanks() -> None:
    pack = builtin_pack()
    assert [is_placeholder(text, pack) for text in ("-", "TBD", "(isi)", ".....", "Buku Agenda")] == [
        True,
        True,
        True,
        True,
        False,
    ]
    sop = parsed("# Judul\n\n## Peringatan\n\n- \n- Jika lalai, data hilang.\n")
    section = sop.section("Peringatan")
    assert section is not None
    assert [is_blank(item) for item in section.items] == [True, False]


def test_usable_minutes_and_limit() -> None:
    sop = parsed(
        "# Judul\n\n## Identitas\n\n- Batas Waktu: 2 hari\n\n## Prosedur\n\n"
        "1. Mulai\n2. Menghimpun data\n   - Waktu: 1-2 jam\n3. Menelaah data\n   - Waktu: sebentar\n"
        "4. Menandatangani\n   - Waktu: 30 menit\n"
    )
    assert [step_minutes(step) for step in sop.steps] == [None, (60.0, 120.0), None, (30.0, 30.0)]
    limit = usable_limit(sop)
    assert limit is not None and limit.minutes_high == 2 * 8 * 60  # working days of the pack's 8 hours
    assert usable_limit(parsed("# Judul\n\n## Identitas\n\n- Batas Waktu: segera\n")) is None
    assert usable_limit(parsed("# Judul\n")) is None
