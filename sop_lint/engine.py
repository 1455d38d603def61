"""The engine: runs the selected rules over a parsed SOP and owns all the
bookkeeping rules must not do — selection, severities, suppression comments
(and P006 for the unused ones), per-file ignores, ordering, messages, and
asking the fixable rules for the fix of each finding that is reported.

`Linter.lint` hands on what it parsed: a `LintResult` holds the text, the
model and the findings, so that fixing, reporting and an editor need not
parse the file again."""

from __future__ import annotations

import fnmatch
import gc
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .lines import Layout
from .messages import Told
from .model import Sop, Suppression
from .pack import Pack, load_pack
from .parser import ParseResult, parse_text
from .records import Record, field
from .rule import SEVERITIES, Context, Finding, Rule, Severity
from .rules import all_rules
from .source import decode


class SelectionError(Told, ValueError):
    """A selector (code, prefix or name) that names no rule."""


class Settings(Record):
    """What the engine runs with: every setting resolved (the layers of `Config`
    laid over each other by `config.settings_for`, or given by a library caller).
    None here means the default named beside the field, never "not set"."""

    select: list[str] | None = None  # None: every stable rule
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: Severity = "warning"
    preview: bool = False
    lang: str = "en"
    packs: list[Path] = field(default_factory=list)
    hours_per_day: float | None = None  # None: the pack's
    role_registry: list[str] | None = None  # organisation role names (config `roles`); None: none given
    today: date | None = None  # None: the day of the run
    check_related: bool = False  # config `check-related` (X701)
    project_root: Path | None = None  # the config file's folder: per-file-ignores globs start there
    # The role registry's other spellings: folded alias -> canonical name.
    role_aliases: dict[str, str] = field(default_factory=dict)


DEFAULT_FAMILIES = ("P", "M", "C", "R", "S", "D", "L")


class LintResult(Record):
    """One file linted: what was read, what it parsed to, and what was found."""

    path: str
    text: str | None  # the decoded text; None when the bytes are not UTF-8 (P005)
    sop: Sop | None  # the model; None when the text does not parse (P001) or was not decoded
    findings: list[Finding]  # in file order, each fixable one with its fix
    declined: list[str] = field(default_factory=list)  # fixes the rules declined for findings reported here, and why
    layout: Layout | None = None  # the text's line tree, when the parser or a fix made it


def selector_matches(selector: str, rule: type[Rule]) -> bool:
    selector = selector.strip()
    return selector == "ALL" or rule.code.startswith(selector.upper()) or selector.lower() == rule.name


def check_selectors(selectors: Iterable[str], rules: dict[str, type[Rule]]) -> None:
    for selector in selectors:
        if not any(selector_matches(selector, rule) for rule in rules.values()):
            from .names import closest

            choices = {code.casefold(): code for code in rules} | {rule.name: rule.name for rule in rules.values()}
            guess, _ = closest(selector, choices, cutoff=0.6)
            if guess:
                raise SelectionError("selection.unknown_guess", selector=selector, guess=guess)
            raise SelectionError("selection.unknown", selector=selector)


def _specificity(selectors: Iterable[str], rule: type[Rule]) -> int:
    """How specifically the selectors name this rule (-1: not at all)."""
    best = -1
    for selector in selectors:
        if selector_matches(selector, rule):
            best = max(best, 99 if selector.lower() == rule.name else 0 if selector == "ALL" else len(selector))
    return best


def select_rules(settings: Settings, rules: dict[str, type[Rule]]) -> list[type[Rule]]:
    """The rules to run: selected (ruff-style, the most specific selector wins), preview only on request."""
    select = settings.select if settings.select is not None else list(DEFAULT_FAMILIES)
    # `check-related = true` adds the repository rules (X), as `extend-select = ["X"]` would.
    extend = [*settings.extend_select, "X"] if settings.check_related else settings.extend_select
    chosen: list[type[Rule]] = []
    for rule in rules.values():
        if rule.preview and not settings.preview:
            continue
        wanted = max(_specificity(select, rule), _specificity(extend, rule))
        if wanted >= 0 and wanted > _specificity(settings.ignore, rule):
            chosen.append(rule)
    return chosen


class Linter:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.rules = all_rules()
        for selectors in (self.settings.select or [], self.settings.extend_select, self.settings.ignore):
            check_selectors(selectors, self.rules)
        self.active = select_rules(self.settings, self.rules)
        self.pack: Pack = load_pack(self.settings.packs, self.settings.hours_per_day)
        self.today = self.settings.today or date.today()
        self.internal_errors: list[str] = []
        self._selected: dict[str, frozenset[str]] = {}

    def lint(self, source: bytes | str, path: str = "<stdin>", parsed: ParseResult | None = None) -> LintResult:
        """Lint one file's bytes (P005 when they are not UTF-8) or decoded text.
        `parsed`: the text's parse, when the caller has it already (a fix round)."""
        if isinstance(source, bytes):
            text, problem = decode(source)
            if text is None:
                ctx = Context(self.pack, self.today, encoding=problem)
                findings = self._run(Sop(title=None, title_span=None), ctx, "", path, parsed=False)
                return LintResult(path, None, None, findings)
        else:
            text = source
        # Parsing and checking allocate many objects and free them all when done (no
        # cycles): a collection meanwhile only walks them. It costs a third of a big file's time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = parsed if parsed is not None else parse_text(text, self.pack)
            ctx = Context(
                self.pack,
                self.today,
                result.problem,
                role_registry=self.settings.role_registry,
                text=text,
                layout=result.layout,
                role_aliases=self.settings.role_aliases,
            )
            sop = result.sop or Sop(title=None, title_span=None)
            findings = self._run(sop, ctx, text, path, parsed=result.sop is not None)
            return LintResult(path, text, result.sop, findings, self._declined(ctx, findings), ctx.layout)
        finally:
            if collecting:
                gc.enable()

    def lint_bytes(self, data: bytes, path: str = "<stdin>") -> list[Finding]:
        return self.lint(data, path).findings

    def lint_text(self, text: str, path: str = "<stdin>") -> list[Finding]:
        return self.lint(text, path).findings

    def _run(self, sop: Sop, ctx: Context, text: str, path: str, parsed: bool) -> list[Finding]:
        ignored = self._ignored_for(path)
        active = [rule for rule in self.active if not any(selector_matches(s, rule) for s in ignored)] if ignored else self.active
        findings: list[Finding] = []
        instances: dict[str, Rule] = {}
        for rule_class in active:
            if rule_class.needs_model and not parsed:
                continue
            try:
                rule = instances[rule_class.code] = rule_class()
                findings.extend(rule.check(sop, ctx))
            except Exception as error:
                self.internal_errors.append(f"{path}: rule {rule_class.code} failed: {type(error).__name__}: {error}")
        findings = self._apply_suppressions(findings, sop.suppressions, active)
        lines = text.split("\n") if text and findings else []
        for finding in findings:
            rule_class = self.rules[finding.code]
            if rule_class.fix != "none" and parsed and finding.code in instances:
                try:  # the fix rides on the finding: only the ones reported get one
                    finding.fix = instances[finding.code].make_fix(finding, sop, ctx)
                except Exception as error:
                    self.internal_errors.append(f"{path}: rule {finding.code} failed: {type(error).__name__}: {error}")
            finding.severity = self.settings.severity.get(finding.code, rule_class.severity)
            finding.path = path
            finding.text = rule_class.render(finding, self.settings.lang)
            if 0 < finding.span.line <= len(lines):
                finding.source_line = lines[finding.span.line - 1].rstrip("\r")
        findings.sort(key=lambda f: (f.span.line, f.span.column, f.code))
        return findings

    @staticmethod
    def _declined(ctx: Context, findings: list[Finding]) -> list[str]:
        if not ctx.fixes:  # no fix was made: do not load the fixer
            return []
        from .fixes import declined

        reported = {finding.code for finding in findings}
        return list(dict.fromkeys(reason for code, reason in declined(ctx) if code in reported))

    def _ignored_for(self, path: str) -> list[str]:
        ignored: list[str] = []
        if not self.settings.per_file_ignores:
            return ignored
        candidates = [Path(path).as_posix(), Path(path).name]
        if self.settings.project_root is not None:
            try:
                relative = Path(os.path.relpath(Path(path).absolute(), self.settings.project_root)).as_posix()
            except ValueError:  # another drive (Windows)
                relative = ""
            if relative and not relative.startswith("../"):
                candidates.append(relative)
        for pattern, codes in self.settings.per_file_ignores.items():
            if any(fnmatch.fnmatch(candidate, pattern.removeprefix("./")) for candidate in candidates):
                ignored.extend(codes)
        return ignored

    def _matching(self, selector: str) -> frozenset[str]:
        """The codes of the rules a selector names (memoised: a suppression may repeat it 10^4 times)."""
        codes = self._selected.get(selector)
        if codes is None:
            codes = self._selected[selector] = frozenset(
                code for code, rule in self.rules.items() if selector_matches(selector, rule)
            )
        return codes

    def _apply_suppressions(
        self, findings: list[Finding], suppressions: list[Suppression], active: list[type[Rule]]
    ) -> list[Finding]:
        """Drop the findings a suppression covers and report (P006) its selectors that
        cover none. Linear: each suppression looks up only the findings on its lines
        (by bisection), and only by their code."""
        if not suppressions:
            return findings
        from bisect import bisect_left, bisect_right

        order = sorted(range(len(findings)), key=lambda i: findings[i].span.line)
        lines = [findings[i].span.line for i in order]
        suppressed: set[int] = set()
        used: set[tuple[int, str]] = set()
        for index, suppression in enumerate(suppressions):
            if suppression.file_wide:
                low, high = 0, len(order)
            elif suppression.target is None:
                continue
            else:
                low = bisect_left(lines, suppression.target.line)
                high = bisect_right(lines, suppression.target.end_line)
            if low == high:
                continue
            selectors: dict[str, list[str]] = {}  # code -> the selectors here that name it
            for selector in dict.fromkeys(suppression.codes):
                for code in self._matching(selector):
                    selectors.setdefault(code, []).append(selector)
            for position in range(low, high):
                named = selectors.get(findings[order[position]].code)
                if named:
                    suppressed.add(order[position])
                    used.update((index, selector) for selector in named)
        kept = [finding for i, finding in enumerate(findings) if i not in suppressed]
        unused_rule = self.rules.get("P006")
        if unused_rule is None or unused_rule not in active:
            return kept
        active_codes = {rule.code for rule in active if not rule.repository}
        for index, suppression in enumerate(suppressions):
            for selector in suppression.codes:
                if (index, selector) in used:
                    continue
                codes = self._matching(selector)
                if not codes:
                    kept.append(unused_rule().report(suppression.span, "unknown", code=selector))
                elif not codes.isdisjoint(active_codes):
                    # (a selector of repository rules only is judged after they ran: sop_lint.repository)
                    kept.append(unused_rule().report(suppression.span, "default", code=selector))
        return kept

    def fails(self, findings: Iterable[Finding]) -> bool:
        threshold = SEVERITIES.index(self.settings.fail_on)
        return any(SEVERITIES.index(f.severity) >= threshold for f in findings)
