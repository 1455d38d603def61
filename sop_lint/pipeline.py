"""The pipeline: paths → files → lint → fix → report, one object that the
command line, the library API (`sop_lint.api`) and the language server share.

    pipeline = Pipeline.from_config(config)            # or Pipeline(linter, config)
    for done in pipeline.check(pipeline.files(["sop/"]), fix=True, write=True):
        ...                                             # a FileReport per file, in order
    pipeline.report(findings, linted, sys.stdout, "text", ReportOptions())

`lint` and `fix_source` work on one text in memory (an editor's buffer,
standard input); `check` walks files — without fixing through the results
cache and the worker processes (`sop_lint.parallel`), with fixing one file
at a time. Nothing here prints: failures come back as one-line messages in
the `FileReport`s, for the caller to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .engine import Linter, LintResult
from .records import Record

if TYPE_CHECKING:
    from .cache import Cache
    from .config import Config, Overrides
    from .fixing import FileFix
    from .output import ReportOptions
    from .repository.facts import Facts as RepositoryFacts
    from .rule import Finding


class FileReport(Record):
    """One file through the pipeline."""

    path: Path
    findings: list[Finding]  # what is reported for it (after fixing, what remains)
    linted: bool  # False: it could not be read (then `error` says why)
    fix: FileFix | None = None  # what fixing did, when fixing
    error: str | None = None  # one line: cannot read, not fixed, cannot write


class Pipeline:
    def __init__(self, linter: Linter, config: Config | None = None) -> None:
        self.linter = linter
        self.config = config  # for `exclude` and the baseline; None: nothing excluded

    @classmethod
    def from_config(cls, config: Config, overrides: Overrides | None = None) -> Pipeline:
        """Raises ConfigError, SelectionError or PackError (each a one-line message)."""
        from .config import settings_for

        return cls(Linter(settings_for(config, overrides)), config)

    # paths → files ------------------------------------------------------------------------

    def files(self, paths: Sequence[str]) -> list[Path]:
        """The SOP files under `paths` (default: the current directory), less the excluded
        ones. Raises `sop_lint.files.PathError` for a path that does not exist."""
        from .config import excluded
        from .files import collect

        found = collect(paths or (".",))
        return [path for path in found if self.config is None or not excluded(path, self.config)]

    # one text ------------------------------------------------------------------------------

    def lint(self, source: bytes | str, path: str = "<stdin>") -> LintResult:
        """Lint one text (bytes as read, or decoded): the model, the findings (each fixable
        one with its fix) and the fixes declined."""
        return self.linter.lint(source, path)

    def fix_source(self, data: bytes, path: str = "<stdin>", unsafe: bool = False) -> FileFix:
        """Fix one text in memory, checked; `FileFix.text` is the fixed text when it changed."""
        from .fixing import fix_source

        return fix_source(self.linter, data, path, unsafe)

    # files ----------------------------------------------------------------------------------

    def check(
        self,
        files: Sequence[Path],
        *,
        fix: bool = False,
        write: bool = False,
        unsafe: bool = False,
        jobs: int | None = None,
        cache: Cache | None = None,
        on_file: Callable[[], None] | None = None,
        facts: list[RepositoryFacts | None] | None = None,
    ) -> Iterator[FileReport]:
        """Each file linted — and fixed with `fix` (written back with `write`) — in order.
        `on_file` is called once per file as it is done (a progress bar). `facts`: without
        fixing, each file's facts for the repository rules are appended to it before the
        file's report (`sop_lint.repository.RepositoryRun.sink`)."""
        if not fix:
            from .parallel import lint_paths

            for path, found, unreadable in lint_paths(self.linter, list(files), jobs, cache, on_file, facts):
                if found is None:
                    yield FileReport(path, [], False, error=f"{path}: cannot read: {unreadable}")
                else:
                    yield FileReport(path, found, True)
            return
        from .files import read_source
        from .fixing import fix_file

        for path in files:
            try:
                data = read_source(path)
            except OSError as error:
                yield FileReport(path, [], False, error=f"{path}: cannot read: {error.strerror or error}")
            else:
                outcome = fix_file(self.linter, path, data, write, unsafe)
                yield FileReport(path, outcome.findings, True, outcome, outcome.error)
            if on_file is not None:
                on_file()

    # report ---------------------------------------------------------------------------------

    def report(
        self,
        findings: Sequence[Finding],
        files_linted: Sequence[str],
        out: TextIO,
        output_format: str = "text",
        options: ReportOptions | None = None,
        statistics: bool = False,
    ) -> None:
        """Write the report (`statistics`: the counts per code, in `options.statistics_format`)."""
        from .output import DEFAULT_OPTIONS, reporter

        render = reporter("statistics" if statistics else output_format)
        render(findings, files_linted, out, self.linter.rules, options or DEFAULT_OPTIONS)

    def fails(self, findings: Sequence[Finding]) -> bool:
        """Whether the findings reach the `fail-on` severity (exit 1)."""
        return self.linter.fails(findings)
