"""Reports: turn findings into text, JSON, SARIF … Rules know nothing of these.

Every reporter is a module here with one function of one signature:

    render(findings, files_linted, out, rules, options) -> None

`findings` in report order, `files_linted` the files read (JUnit makes a
test case of each), `out` the stream, `rules` the catalog by code, and
`options` a `ReportOptions` — each reporter reads the options it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from ..records import Record

if TYPE_CHECKING:
    from ..rule import Finding, Rule

# --output-format -> the module of this package that renders it
REPORTERS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "gitlab": "gitlab", "junit": "junit"}


class ReportOptions(Record):
    """How to report, for every reporter alike."""

    __slots__ = (  # noqa: RUF023 - the fields in order
        "lang",
        "root",
        "show_source",
        "colour",
        "summary_line",
        "statistics_format",
        "repository_url",
        "fail_on",
    )
    _defaults = {
        "lang": "en",
        "root": None,
        "show_source": True,
        "colour": False,
        "summary_line": True,
        "statistics_format": "text",
        "repository_url": None,
        "fail_on": "warning",
    }

    lang: str  # "en" or "id": messages are rendered already; the reporter's own words
    root: Path | None  # paths relative to this folder (SARIF, GitHub); None: the working directory
    show_source: bool  # text: a code frame under each finding
    colour: bool  # text: ANSI colours
    summary_line: bool  # text: the "Found …" line
    statistics_format: str  # --statistics: "json" or "text"
    repository_url: str | None  # SARIF's and the doc links' project (config `repository-url`); None: sop-lint's
    fail_on: str  # JUnit: a finding at or above this severity is a failure, below it a passed case

    def __init__(
        self,
        lang: str = "en",
        root: Path | None = None,
        show_source: bool = True,
        colour: bool = False,
        summary_line: bool = True,
        statistics_format: str = "text",
        repository_url: str | None = None,
        fail_on: str = "warning",
    ) -> None:
        self.lang = lang
        self.root = root
        self.show_source = show_source
        self.colour = colour
        self.summary_line = summary_line
        self.statistics_format = statistics_format
        self.repository_url = repository_url
        self.fail_on = fail_on


DEFAULT_OPTIONS = ReportOptions()


class Reporter(Protocol):
    """What `render` of every module of this package is."""

    def __call__(
        self,
        findings: Sequence[Finding],
        files_linted: Sequence[str | PathLike[str]],
        out: TextIO,
        rules: dict[str, type[Rule]],
        options: ReportOptions = DEFAULT_OPTIONS,
    ) -> None: ...


def reporter(name: str) -> Reporter:
    """The `render` of the reporter module `name` (a key of REPORTERS, or "statistics")."""
    import importlib

    module = importlib.import_module(f"{__name__}.{REPORTERS.get(name, name)}")
    render: Reporter = module.render
    return render
