"""What a rule is: code, name, severity, summary, docs, and a check.

A rule is a small class in one of the family modules of `sop_lint.rules`,
listed by its code in the table `sop_lint.rules.RULES`. Its docstring is its documentation page,
with the headings `## What it does`, `## Why is this bad?`, `## Example`
(a failing SOP snippet in a ```markdown block) and `Use instead:` (a passing
one) — `sop-lint explain` prints it and the tests run both examples. Its
`doc_id` is the same prose in Indonesian (`sop-lint explain --lang id`).

`check(sop, ctx)` reads the model and yields `Finding`s with exact spans and a
message key; the engine — never the rule — applies selection, severities,
suppression comments and ordering, and renders the message in the user's
language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from .model import Sop, Span
from .records import Record, field

if TYPE_CHECKING:
    from .analysis import Facts
    from .lines import Layout
    from .pack import Pack
    from .parser import SyntaxProblem

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
FixAvailability = Literal["none", "sometimes", "always"]
# As ruff's: a safe fix keeps what the SOP means (`--fix` applies it); an unsafe one may not
# (only `--unsafe-fixes` applies it).
Applicability = Literal["safe", "unsafe"]
# One change a fix makes, as plain data (the cache and worker processes carry it):
# ("renumber",), ("remove", step_line), ("heading", line, name), ("key", line, key),
# ("span", line, column, end_column, text), ("order",). `sop_lint.fixes` plans them.
Change = tuple[Any, ...]

_CODE = re.compile(r"[A-Z]\d{3}$")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*$")


class Edit(Record, frozen=True):
    """Replace the text at `span` with `text` (an empty span inserts)."""

    span: Span
    text: str

    def __hash__(self) -> int:  # type: ignore[override]
        return hash((self.span, self.text))


class Fix(Record):
    """What a finding's fix does: `changes` is what `--fix` and `format` plan and check
    (`sop_lint.fixes`); `edits` is the same fix as text edits (JSON, SARIF, editors),
    rendered from the changes on the file's text, so the two cannot disagree."""

    title: str
    edits: list[Edit]
    applicability: Applicability = "safe"
    changes: tuple[Change, ...] = ()


class Finding(Record):
    code: str
    span: Span
    message: str  # the message key in the rule's MESSAGES
    args: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    # Filled by the engine:
    severity: Severity = "error"
    path: str = ""
    text: str = ""  # the rendered message
    source_line: str = ""  # the offending line's text (code frames, baselines)


class EncodingProblem(Record):
    span: Span
    encoding: str | None  # the likely encoding, when one fits


class Context(Record):
    """What a rule may know besides the model (a Context lives for one file)."""

    pack: Pack
    today: date
    syntax: SyntaxProblem | None = None
    encoding: EncodingProblem | None = None
    role_registry: list[str] | None = None  # organisation role names (config `roles`)
    facts: Facts | None = None  # the analyses of the file's model: see `facts_for`
    text: str | None = None  # what the model was parsed from: fixes render their edits on it
    # The fixes made for the file's findings (by their changes) and the reasons of those
    # declined: `sop_lint.fixes` keeps them here, so a fix shared by findings is made once.
    fixes: dict[str, Any] = field(default_factory=dict)
    # The line tree of `text` (`sop_lint.lines`): the parser's, or made by the first fix that renders.
    layout: Layout | None = None
    # The registry's other spellings: folded alias -> its canonical name (R306).
    role_aliases: dict[str, str] = field(default_factory=dict)

    def facts_for(self, sop: Sop) -> Facts:
        """The analyses of `sop` (`sop_lint.analysis`), made on first use: every rule of the file shares them."""
        if self.facts is None or self.facts.sop is not sop:
            from .analysis import Facts

            self.facts = Facts(sop, self.pack, self.today)
        return self.facts


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]  # one line, English
    summary_id: ClassVar[str]  # one line, Indonesian
    # The docstring's prose in Indonesian, section by section, without the examples (the
    # two languages share the docstring's): `sop_lint.docs.indonesian_doc` assembles the page.
    doc_id: ClassVar[str] = ""
    # message key -> (English, Indonesian) templates, formatted with the finding's args
    messages: ClassVar[dict[str, tuple[str, str]]]
    fix: ClassVar[FixAvailability] = "none"
    preview: ClassVar[bool] = False
    needs_model: ClassVar[bool] = True  # False only for rules about unparsable input
    # A repository rule (X) finds nothing in one file: `check_repository` runs over the
    # facts of every file of a run (sop_lint.repository).
    repository: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A check of the spelling only: the table `sop_lint.rules.RULES` says which rules exist.
        super().__init_subclass__(**kwargs)
        if not _CODE.match(cls.code):
            raise TypeError(f"{cls.__name__}: rule code {cls.code!r} is not like `S401`")
        if not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: rule name {cls.name!r} is not kebab-case")

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        """The fix of one of this rule's findings (None: none, or declined). The engine
        asks a rule whose `fix` is not "none", once per finding that is reported (not
        suppressed), and puts the answer on the finding."""
        return finding.fix

    def report(self, span: Span, message: str = "default", fix: Fix | None = None, **args: Any) -> Finding:
        if message not in self.messages:
            raise KeyError(f"{self.code}: no message {message!r}")
        return Finding(self.code, span, message, args, fix)

    @classmethod
    def render(cls, finding: Finding, lang: str = "en") -> str:
        english, indonesian = cls.messages[finding.message]
        template = indonesian if lang == "id" else english
        return template.format(**finding.args)

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


def shorten(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: long ones cut, so a hostile 2 MB line stays one short message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
