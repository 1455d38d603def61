"""The CI budget of the fuzzing harness (benchmarks/fuzz.py): a fixed number of
generated and mutated SOPs, from a fixed seed, through parse, lint, format, fix
and the command line, with every property held. `python -m benchmarks.fuzz
--minutes N` runs longer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import benchmarks.fuzz as harness
from benchmarks.fuzz import MUTATIONS, Fuzzer, PropertyFailed, fuzz, generate, make_input
from sop_lint.engine import Linter, Settings

from .conftest import TODAY


def test_a_generated_sop_is_valid_and_clean_of_errors() -> None:
    linter = Linter(Settings(today=TODAY))
    for seed in range(30):
        findings = linter.lint_bytes(generate(random.Random(seed)).encode(), "generated.sop.md")
        assert [f for f in findings if f.severity == "error"] == [], (seed, findings)


def test_every_mutation_changes_some_input() -> None:
    rng = random.Random(7)
    for mutation in MUTATIONS:
        inputs = [generate(rng).split("\n") for _ in range(10)]  # most are small: some have one step only
        assert any(mutation(rng, list(lines)) != lines for lines in inputs), mutation.__name__


def test_the_properties_catch_a_broken_formatter(monkeypatch: pytest.MonkeyPatch) -> None:
    # A formatter that drops the last lines loses words: the harness must say so.
    monkeypatch.setattr(harness, "format_bytes", lambda data, pack, today: b"\n".join(data.split(b"\n")[:-3]) + b"\n")
    with pytest.raises(PropertyFailed, match="format"):
        Fuzzer().check(generate(random.Random(3)).encode())


def test_the_ci_budget_finds_nothing(tmp_path: Path) -> None:
    stats = fuzz(seconds=600, seed=20261203, save=tmp_path, limit=600)
    assert stats.inputs == 600
    assert stats.parsed > 300 and stats.formatted > 300 and stats.fixed > 20 and stats.cli_runs >= 3
    assert stats.rendered > 10  # one parsed input in 25 is rendered to HTML
    assert stats.imported + stats.import_refused == 600 // 50 and stats.imported > 0  # one input in 50 imported
    saved = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert dict(stats.failures) == {}, saved


def test_inputs_are_reproducible_from_the_seed() -> None:
    assert make_input(random.Random(5)) == make_input(random.Random(5))
