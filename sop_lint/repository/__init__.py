"""Several files at once: the repository rules (X) and what they read.

The per-file pass reads each file's facts (`facts.facts_of`) beside its
findings; they are cached and sent back by workers with the findings. Then
`repository_findings` runs the repository rules over the facts of the whole
set and returns, per file, the findings they make — with selection,
severities, per-file ignores, suppression comments and messages applied as
the engine applies them to any rule — for the caller to add to the file's
own findings. Changing one file changes its facts, and so the findings of
the others (X702 on both files of a shared Nomor).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .facts import Facts

if TYPE_CHECKING:
    from pathlib import Path

    from ..engine import Linter
    from ..rule import Finding, Rule
    from .shards import Shard, ShardRun

RELATED_RULE = "X701"  # runs only over a directory, with `check-related = true`


def repository_rules(linter: Linter, directory: bool) -> list[type[Rule]]:
    """The repository rules this run runs: the selected ones; X701 only when a
    directory is linted and `check-related` is on."""
    chosen = []
    for rule in linter.active:
        if not getattr(rule, "repository", False):
            continue
        if rule.code == RELATED_RULE and not (directory and linter.settings.check_related):
            continue
        chosen.append(rule)
    return chosen


def repository_findings(linter: Linter, files: Sequence[tuple[str, Facts]], directory: bool) -> list[list[Finding]]:
    """The repository rules' findings for each of `files` (path, facts), in their order.

    `directory`: a directory was linted (not only files named one by one, as a
    pre-commit hook names them): X701 may run, and a suppression of a repository
    rule that suppressed nothing is reported (P006) — with a few files named,
    the file it is about may simply not be among them.
    """
    from ..engine import selector_matches
    from .index import Repository

    rules = repository_rules(linter, directory)
    result: list[list[Finding]] = [[] for _ in files]
    if not rules:
        return result
    repo = Repository(files, linter.pack)
    found: dict[int, list[Finding]] = {}
    for rule_class in rules:
        rule = rule_class()
        try:
            for index, finding in rule.check_repository(repo):  # type: ignore[attr-defined]
                found.setdefault(index, []).append(finding)
        except Exception as error:  # one failed rule is reported, the run goes on
            linter.internal_errors.append(f"repository rule {rule_class.code} failed: {type(error).__name__}: {error}")
    judge_suppressions = directory and "P006" in {rule.code for rule in linter.active}
    others = [rule for rule in linter.active if not getattr(rule, "repository", False)]
    for index, (path, facts) in enumerate(files):
        findings = found.get(index, [])
        if not findings and not (judge_suppressions and facts.disables):
            continue
        ignored = linter._ignored_for(path)
        if ignored:
            findings = [f for f in findings if not any(selector_matches(s, linter.rules[f.code]) for s in ignored)]
        kept, used = _suppress(linter, findings, facts)
        if judge_suppressions and not any(selector_matches(s, linter.rules["P006"]) for s in ignored):
            kept.extend(_unused(linter, facts, used, rules, others))
        for finding in kept:
            _finish(linter, finding, path, facts)
        result[index] = kept
    return result


def _suppress(linter: Linter, findings: list[Finding], facts: Facts) -> tuple[list[Finding], set[tuple[int, str]]]:
    from ..engine import selector_matches

    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        rule = linter.rules[finding.code]
        suppressed = False
        for number, disable in enumerate(facts.disables):
            if not disable.file_wide and (disable.target is None or not disable.target.contains_line(finding.span.line)):
                continue
            for selector in disable.codes:
                if selector_matches(selector, rule):
                    used.add((number, selector))
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept, used


def _unused(
    linter: Linter, facts: Facts, used: set[tuple[int, str]], ran: list[type[Rule]], others: list[type[Rule]]
) -> list[Finding]:
    """P006 for a selector of repository rules only (the per-file pass leaves those
    to this pass) that suppressed none of their findings."""
    from ..engine import selector_matches

    unused = []
    for number, disable in enumerate(facts.disables):
        for selector in disable.codes:
            if (number, selector) in used or any(selector_matches(selector, rule) for rule in others):
                continue
            if any(selector_matches(selector, rule) for rule in ran):
                unused.append(linter.rules["P006"]().report(disable.span, "default", code=selector))
    return unused


def _finish(linter: Linter, finding: Finding, path: str, facts: Facts) -> None:
    """What the engine does to every finding: severity, path, message, source line."""
    rule = linter.rules[finding.code]
    finding.severity = linter.settings.severity.get(finding.code, rule.severity)
    finding.path = path
    finding.text = rule.render(finding, linter.settings.lang)
    finding.source_line = _line_at(facts, finding.span.line)


def _line_at(facts: Facts, line: int) -> str:
    for located in (facts.title, facts.number, *facts.related, *facts.disables):
        if located is not None and located.span.line == line:
            return located.line
    return ""


def add_repository_findings(
    linter: Linter, results: Sequence[tuple[str, list[Finding]]], facts: Sequence[Facts], directory: bool
) -> list[Finding]:
    """Every finding of a run: each file's own (`results`, in order) with the repository
    rules' findings over `facts` (one per result) merged in, in line order."""
    extra = repository_findings(linter, [(path, fact) for (path, _), fact in zip(results, facts, strict=True)], directory)
    merged: list[Finding] = []
    for (_, own), more in zip(results, extra, strict=True):
        if more:
            own = sorted([*own, *more], key=lambda f: (f.span.line, f.span.column, f.code))
        merged.extend(own)
    return merged


class RepositoryRun:
    """What `check` (or any run over many files) hands the repository rules: each file's
    findings and facts as they come, then every finding of the run.

    `check` needs four calls: `files` (the shard's share, when sharding), `sink`
    (the list `lint_paths` appends facts to), `add` per file, `findings` at the end.
    """

    def __init__(self, linter: Linter, paths: Sequence[str], shard: Shard | None = None) -> None:
        from pathlib import Path

        self.linter = linter
        self.directory = any(Path(path).is_dir() for path in paths)
        self.shard = shard
        self.wanted = shard is not None or bool(repository_rules(linter, self.directory))
        self.results: list[tuple[str, list[Finding]]] = []
        self.facts: list[Facts] = []
        self.order: dict[str, int] = {}
        # `lint_paths` appends a file's facts here just before it yields the file.
        self.sink: list[Facts | None] | None = [] if self.wanted else None

    def files(self, files: list[Path]) -> list[Path]:
        """The files this run lints: a shard's share, or all."""
        if self.shard is None:
            return files
        self.order = {str(path): number for number, path in enumerate(files)}
        return [path for path in files if self.shard.takes(path)]

    def add(self, path: str, findings: list[Finding], facts: Facts | None = None) -> None:
        """A file's own findings; its facts from `sink`, unless given."""
        if self.sink:
            facts = self.sink.pop() if facts is None else facts
            self.sink.clear()
        self.results.append((path, findings))
        if self.wanted:
            kept = facts if facts is not None else Facts()
            kept.roles = []  # the `roles` command's: a run over 100,000 files holds every file's facts
            self.facts.append(kept)

    def skip(self) -> None:
        """A file that could not be read: its place in `sink` is dropped."""
        if self.sink:
            self.sink.pop()

    def findings(self) -> list[Finding]:
        """Every finding of the run, the repository rules' merged in (not in a shard: they need every file)."""
        if self.wanted and self.shard is None:
            return add_repository_findings(self.linter, self.results, self.facts, self.directory)
        return [finding for _, found in self.results for finding in found]

    def shard_run(self) -> ShardRun:
        from .shards import ShardRun

        assert self.shard is not None
        files = [(self.order[path], path) for path, _ in self.results]
        return ShardRun(self.shard, files, self.facts, self.directory)
