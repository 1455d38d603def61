"""The command line. It only wires: options -> settings -> engine -> report.

Every failure of the run itself is one line on standard error and exit 2;
never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TextIO

import click

from . import __version__

if TYPE_CHECKING:
    from .cache import Cache
    from .config import Config
    from .engine import Linter
    from .fixing import FileFix
    from .pipeline import Pipeline
    from .repository.facts import Facts
    from .repository.shards import Shard
    from .rule import Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_P = ParamSpec("_P")

OUTPUT_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")  # the reporters of sop_lint.output
PROGRESS_MIN_FILES = 200  # a progress bar from this many files on (only on a terminal)

# The language of what the run says (`--lang`, else the configuration's once it is read):
# the lines that end a run are said in it too.
_LANG = ["en"]
_LANG_GIVEN = [False]  # `--lang` was on the command line: no configuration changes it


def _say(key: str, /, **args: object) -> str:
    from .messages import say

    return say(_LANG[0], key, **args)


def _count(number: int, noun: str) -> str:
    from .messages import count

    return count(_LANG[0], number, noun)


def _echo_error(message: str) -> None:
    click.echo(_say("run.error", message=message), err=True)


class RunError(Exception):
    """A failure of the run itself: one line, exit 2."""


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that it unwinds as on Ctrl-C."""


class Interrupted(BaseException):
    """Ctrl-C (SIGINT), taken from click before it prints a blank line of its own."""


def fail(message: str | Exception) -> NoReturn:
    """End the run with one line: `message`, or an error said from the catalog (`Told`)
    in the run's language."""
    from .messages import Told

    raise RunError(message.said(_LANG[0]) if isinstance(message, Told) else str(message))


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def colour_wanted(stream: TextIO | None, choice: str = "auto") -> bool:
    """`--color always|never`; `auto`: never when NO_COLOR is set (no-color.org), always
    when FORCE_COLOR is (force-color.org: CI logs that show colours), else on a terminal.
    A report written to a file (`stream` None) has colour only with `always`."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return stream is not None
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A one-line progress bar on a terminal's standard error, erased when done."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done, self.drawn = total, stream, 0, 0.0

    @staticmethod
    def wanted(total: int, stream: TextIO, quiet: bool) -> bool:
        try:
            return total >= PROGRESS_MIN_FILES and not quiet and stream.isatty()
        except (AttributeError, ValueError):
            return False

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total:  # redraw at most ten times a second
            self.drawn = now
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


# Subcommands that live in modules of their own, imported only when named, so that a
# plain `check` never loads an importer, a renderer or the language server:
# name -> "module:attribute" (a click command). One line per command.
LAZY_COMMANDS: dict[str, str] = {
    "clean": "sop_lint.clean:clean",
    "import": "sop_lint.importers.command:import_command",
    "render": "sop_lint.renderers.command:render",
    "stats": "sop_lint.stats:stats",
    "lsp": "sop_lint.server.command:lsp",
    "merge-results": "sop_lint.repository.merge:merge_results",
    "init": "sop_lint.template:init",
    "roles": "sop_lint.repository.roles:roles",
    "report": "sop_lint.repository.report.command:report",
}


class DefaultGroup(click.Group):
    """`sop-lint PATHS` means `sop-lint check PATHS`; some commands load on demand."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_language(self, ctx):
            super().format_help(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = set(self.commands) | set(LAZY_COMMANDS)
        if not args or (args[0] not in known and args[0] not in ("--help", "-h", "--version")):
            if args:
                _refuse_misspelt_command(args[0], known)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        # Before click's own handling, which exits 1 without a word when the reader goes away.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise RunError(_say("run.broken_pipe")) from None
        except KeyboardInterrupt:  # click would print a blank line before our one line
            raise Interrupted from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in LAZY_COMMANDS:
            return self.commands.get(cmd_name)
        import importlib

        module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


class Command(click.Command):
    """A command whose `--help` is said in the run's language (`check --lang id --help`):
    its texts from the catalog's HELP (`sop_lint.messages.id`), click's headings
    through `_speak_click`. Every command of sop-lint, lazy ones too, is of this class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(param.name == "lang" for param in self.params):
            # Every command takes `--lang` (its errors and its help); `run()` reads it from the command line.
            self.params.append(
                click.Option(["--lang"], type=click.Choice(["en", "id"]), expose_value=False, help="Message language.")
            )

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_language(self, ctx):
            super().format_help(ctx, formatter)


@contextlib.contextmanager
def _help_in_language(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """The help texts of `command` (itself, its options, a group's commands) in the run's
    language while its help is written; the English ones back afterwards (a program may
    run sop-lint more than once). A text is found by `NAME.option`, else `option`;
    a command's by `command.NAME`."""
    if _LANG[0] == "en":
        yield
        return
    from .messages.id import HELP

    saved: list[tuple[click.Command | click.Parameter, str | None]] = []

    def swap(holder: click.Command | click.Option, key: str, *others: str) -> None:
        saved.append((holder, holder.help))
        holder.help = next((HELP[k] for k in (key, *others) if k in HELP), holder.help)
        if isinstance(holder, click.Command) and holder.short_help is None:
            holder.short_help = None  # the short help is cut from the help: it follows

    swap(command, f"command.{command.name}")
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            swap(param, f"{command.name}.{param.name}", param.name or "")
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                swap(sub, f"command.{name}")
    try:
        yield
    finally:
        for holder, text in saved:
            holder.help = text


def _speak_click() -> None:
    """Click says its own words (its headings, its errors of the command line) through
    gettext; sop-lint hands it the catalog's (`sop_lint.messages.id.CLICK`) in the run's
    language, and click's own gettext for English."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


def _click_gettext(message: str) -> str:
    import gettext

    if _LANG[0] == "en" or message == "Show this message and exit.":  # that one click keeps: HELP says it
        return gettext.gettext(message)
    from .messages.id import CLICK

    return CLICK.get(message, message)


def _click_ngettext(singular: str, plural: str, number: int) -> str:
    import gettext

    if _LANG[0] == "en":
        return gettext.ngettext(singular, plural, number)
    return _click_gettext(singular if number == 1 else plural)


def _refuse_misspelt_command(word: str, commands: set[str]) -> None:
    """`sop-lint chek` is a misspelt command, not a path to lint: a word that is no
    existing path and is close to a command's name stops the run with a suggestion.
    Words under four letters are left as paths: `sop` is a folder, not a misspelt `lsp`."""
    if len(word) < 4 or word.startswith("-") or os.path.lexists(word) or "/" in word or os.sep in word or is_sop_name(word):
        return
    from .names import closest

    guess, _ = closest(word, {name: name for name in sorted(commands)}, cutoff=0.6)
    if guess is not None:
        fail(_say("run.no_such_command", word=word, guess=guess))


def is_sop_name(word: str) -> bool:
    return word.endswith((".sop.md", ".sop"))


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sop-lint")
@click.option("--lang", type=click.Choice(["en", "id"]), expose_value=False, help="Message language.")
def main() -> None:
    """sop-lint: a linter for Standard Operating Procedures (SOP AP, PermenPAN-RB 35/2012)."""


def _configuration(first_path: str | None, config_file: str | None, isolated: bool) -> Config:
    from .config import ConfigError, discover, language_hint

    try:
        config = discover(first_path, config_file, isolated)
    except ConfigError as error:
        if not _LANG_GIVEN[0]:  # a broken configuration still says its error in its own `lang`
            _LANG[0] = language_hint(first_path, config_file, isolated) or _LANG[0]
        fail(error)
    if not _LANG_GIVEN[0] and config.lang is not None:
        _LANG[0] = config.lang
    return config


@main.command(cls=Command)
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rule codes, prefixes or names to run (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to run on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--preview/--no-preview", default=None, help="Also run preview (heuristic) rules.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 at or above this severity (default warning).",
)
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="Report format (default text; github under GitHub Actions).",
)
@click.option("--statistics", is_flag=True, help="Count findings per code instead of listing them.")
@click.option("--show-source/--no-show-source", default=True, help="A code frame under each finding.")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Message language (default: config, else en).")
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--baseline", default=None, metavar="FILE", help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", default=None, metavar="FILE", help="Record today's findings in FILE and exit 0.")
@click.option("--stdin-filename", default=None, help="The name to give standard input (PATHS = -).")
@click.option("--fix", is_flag=True, help="Apply the fixes of fixable rules, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or show) the fixes marked unsafe.")
@click.option("--show-fixes", is_flag=True, help="List the fixes made (with --fix) or available.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (errors of the run still exit 2).")
@click.option(
    "--output-file", default=None, metavar="PATH", help="Write the report to PATH (atomically) instead of standard output."
)
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour the text report (auto: on a terminal, or FORCE_COLOR; never with NO_COLOR).",
)
@click.option("--exclude", multiple=True, help="Globs of files not to lint, instead of the configuration's `exclude`.")
@click.option("--extend-exclude", multiple=True, help="Globs of files not to lint, on top of `exclude`.")
@click.option("--show-settings", is_flag=True, help="Print the settings in effect and exit.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache (.sop-lint-cache/).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes (default: one per core)."
)
@click.option(
    "--shard", default=None, metavar="I/N", help="Lint only the I-th of N shares of the files (CI matrices; see merge-results)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Say which configuration is used.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    preview: bool | None,
    fail_on: str | None,
    output_format: str | None,
    statistics: bool,
    show_source: bool,
    lang: str | None,
    config_file: str | None,
    isolated: bool,
    baseline: str | None,
    write_baseline: str | None,
    stdin_filename: str | None,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    show_fixes: bool,
    exit_zero: bool,
    output_file: str | None,
    color: str,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    show_settings: bool,
    no_cache: bool,
    jobs: int | None,
    shard: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Lint SOP files and directories (default: the current directory)."""
    from .config import ConfigError, Overrides
    from .engine import SelectionError
    from .files import PathError
    from .pack import PackError
    from .pipeline import Pipeline

    if lang is not None:
        _LANG[0] = lang
    reading_stdin = paths == ("-",) or (not paths and stdin_filename is not None)
    if "-" in paths and not reading_stdin:
        fail(_say("check.stdin_alone"))
    share = _shard(shard, reading_stdin or fix or diff)

    config = _configuration(stdin_filename if reading_stdin else (paths[0] if paths else "."), config_file, isolated)
    if lang is None and config.lang is not None:
        _LANG[0] = config.lang
    if exclude:
        config.exclude = _codes(exclude)
    config.exclude = [*config.exclude, *_codes(extend_exclude)]
    if verbose:
        click.echo(f"sop-lint: {_say('check.configuration', name=config.name)}", err=True)
    overrides = Overrides(
        select=_codes(select) if select else None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        preview=preview,
        fail_on=fail_on,  # type: ignore[arg-type]
        lang=lang,
    )
    try:
        pipeline = Pipeline.from_config(config, overrides)
    except (ConfigError, SelectionError, PackError) as error:
        fail(error)
    linter, settings = pipeline.linter, pipeline.linter.settings
    if show_settings:
        from .settings_view import show

        sys.stdout.write(show(config, pipeline))
        sys.exit(EXIT_CLEAN)
    if not settings.preview:
        # What the person selected (not the defaults the selection is resolved against).
        chosen = [*(overrides.select or config.select or []), *overrides.extend_select, *config.extend_select]
        _warn_preview_only(linter, chosen)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

    findings: list[Finding] = []
    linted: list[str] = []
    run_failed = False
    fixing = _Fixing(verbose) if fix or diff else None
    if reading_stdin and fixing is not None:
        # As ruff: the fixed text (or the diff) on standard output, what remains on standard error.
        _fix_stdin(pipeline, stdin_filename or "-", diff, unsafe_fixes, quiet, fixing)
    if reading_stdin:
        name = stdin_filename or "-"
        findings.extend(pipeline.lint(sys.stdin.buffer.read(), name).findings)
        linted.append(name)
    else:
        try:
            files = pipeline.files(paths)
        except PathError as error:
            fail(error)
        # Each file's findings and facts, for the repository rules (X) once all are in.
        from .repository import RepositoryRun

        repository = RepositoryRun(linter, paths or (".",), share)
        files = repository.files(files)
        stderr = sys.stderr
        progress = Progress(len(files), stderr) if Progress.wanted(len(files), stderr, quiet) else None
        # Without fixing: cached results for unchanged files, worker processes for many files.
        cache = None if no_cache or fixing is not None else _open_cache(linter)
        done = pipeline.check(
            files,
            fix=fixing is not None,
            write=fix and not diff,
            unsafe=unsafe_fixes,
            jobs=jobs,
            cache=cache,
            on_file=progress.step if progress else None,
            facts=repository.sink,
        )
        for report in done:
            if report.error is not None:
                if progress:
                    progress.close()
                _echo_error(report.error)
                run_failed = True
            if fixing is not None and report.fix is not None:
                fixing.add(report.path, report.fix)
            if report.linted:
                after = _facts_after_fixing(linter, report.path, report.fix) if repository.wanted else None
                repository.add(str(report.path), report.findings, after)
                linted.append(str(report.path))
            else:
                repository.skip()
        if progress:
            progress.close()
        findings = repository.findings()
    if fixing is not None:
        if diff:  # like `ruff check --diff`: the diff alone, exit 1 when something would change
            fixing.report_diff(quiet)
            if show_fixes:
                _show_fixes(fixing.made, "fix.shown_would", sys.stderr)
            sys.exit(EXIT_ERROR if run_failed else EXIT_FINDINGS if fixing.changed and not exit_zero else EXIT_CLEAN)
        fixing.report_fixed(quiet)

    from .baseline import BaselineError
    from .baseline import load as load_baseline
    from .baseline import write as save_baseline
    from .config import display

    try:
        if write_baseline is not None:
            count = save_baseline(findings, Path(write_baseline))
            if not quiet:
                click.echo(_say("baseline.written", count=_count(count, "finding"), path=write_baseline), err=True)
            _report_internal_errors(linter.internal_errors)
            sys.exit(EXIT_ERROR if run_failed or linter.internal_errors else EXIT_CLEAN)
        baseline_path = Path(baseline) if baseline is not None else config.baseline
        if baseline_path is not None:
            known = load_baseline(baseline_path)
            total = len(findings)
            findings = known.new_findings(findings)
            if verbose:
                hidden = _count(total - len(findings), "finding")
                click.echo(_say("baseline.hidden", count=hidden, path=display(baseline_path)), err=True)
    except BaselineError as error:
        fail(error)

    import io

    from .output import ReportOptions

    # A report for a file is made whole first and written atomically: a failed run
    # never leaves half a report for the CI job that reads it.
    out: TextIO = io.StringIO() if output_file is not None else sys.stdout
    options = ReportOptions(
        lang=settings.lang,
        show_source=show_source,
        colour=colour_wanted(None if output_file is not None else out, color),
        summary_line=not quiet,
        statistics_format="json" if output_format == "json" else "text",
        repository_url=config.repository_url,
        fail_on=settings.fail_on,
    )
    try:
        if share is not None and output_format == "json" and not statistics:
            repository.shard_run().render(findings, linted, out, linter.rules)  # with the facts merge-results needs
        else:
            pipeline.report(findings, linted, out, output_format, options, statistics=statistics)
    except ModuleNotFoundError:
        fail(_say("check.output_missing", format=output_format))
    if output_file is not None:
        from .writer import write_atomic

        assert isinstance(out, io.StringIO)
        try:
            Path(output_file).parent.mkdir(parents=True, exist_ok=True)  # as ruff: `reports/` need not exist
            write_atomic(Path(output_file), out.getvalue().encode("utf-8"))  # a new file is created
        except OSError as error:
            fail(_say("check.output_file", path=output_file, reason=error.strerror or error))
    if show_fixes:
        stream = sys.stdout if output_format == "text" and output_file is None else sys.stderr
        if fixing is not None:
            _show_fixes(fixing.made, "fix.shown_done", stream)
        else:
            _show_available_fixes(findings, stream)
    _report_internal_errors(linter.internal_errors)
    if run_failed or linter.internal_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if pipeline.fails(findings) and not exit_zero else EXIT_CLEAN)


def _warn_preview_only(linter: Linter, selectors: list[str]) -> None:
    """Without --preview, a selector that selects only preview rules does nothing: say so (as ruff)."""
    from .engine import selector_matches

    for selector in dict.fromkeys(selectors):
        matched = [rule for rule in linter.rules.values() if selector_matches(selector, rule)]
        if matched and all(rule.preview for rule in matched):
            click.echo(_say("run.warning", message=_say("check.preview_no_effect", selector=selector)), err=True)


def _fix_line(finding: Finding) -> str:
    from .output.text import printable

    title = finding.fix.title if finding.fix is not None else ""
    return f"  {printable(finding.path)}:{finding.span.line}:{finding.span.column}: {finding.code} {printable(title)}"


def _show_fixes(made: list[Finding], header: str, stream: TextIO) -> None:
    """`--show-fixes` with --fix or --diff: the findings fixed, one line each."""
    if not made:
        stream.write(_say("fix.shown_none") + "\n")
        return
    stream.write(_say(header, findings=_count(len(made), "finding")) + "\n")
    for finding in made:
        stream.write(_fix_line(finding) + "\n")


def _show_available_fixes(findings: list[Finding], stream: TextIO) -> None:
    """`--show-fixes` without --fix: the fixes --fix would make, then those only --unsafe-fixes makes."""
    safe = [f for f in findings if f.fix is not None and f.fix.applicability == "safe"]
    unsafe = [f for f in findings if f.fix is not None and f.fix.applicability != "safe"]
    if not safe and not unsafe:
        stream.write(_say("fix.shown_none") + "\n")
    for header, group in (("fix.shown_would", safe), ("fix.shown_unsafe", unsafe)):
        if group:
            stream.write(_say(header, findings=_count(len(group), "finding")) + "\n")
            for finding in group:
                stream.write(_fix_line(finding) + "\n")


def _fix_stdin(pipeline: Pipeline, name: str, diff: bool, unsafe: bool, quiet: bool, fixing: _Fixing) -> NoReturn:
    """`check --fix -`: the fixed text to standard output (the text as it was when nothing
    could be fixed, so that a pipe never loses it) and the findings that remain, as text, to
    standard error; `check --diff -`: the diff alone. Exit as `check` does."""
    from .output import ReportOptions

    out = _stdout()
    data = sys.stdin.buffer.read()
    outcome = pipeline.fix_source(data, name, unsafe)
    fixing.add(Path(name), outcome)
    if diff:
        out.write(outcome.diff)
        out.flush()
        if outcome.error is not None:
            _echo_error(outcome.error)
        fixing.report_diff(quiet, write=False)
        sys.exit(EXIT_ERROR if outcome.error else EXIT_FINDINGS if outcome.changed else EXIT_CLEAN)
    out.buffer.write(outcome.text.encode("utf-8") if outcome.text is not None else data)
    out.flush()
    if outcome.error is not None:
        _echo_error(outcome.error)
    fixing.report_fixed(quiet)
    if not quiet:
        options = ReportOptions(lang=pipeline.linter.settings.lang, colour=colour_wanted(sys.stderr))
        pipeline.report(outcome.findings, [name], sys.stderr, "text", options)
    _report_internal_errors(pipeline.linter.internal_errors)
    if outcome.error is not None or pipeline.linter.internal_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if pipeline.fails(outcome.findings) else EXIT_CLEAN)


def _shard(value: str | None, single: bool) -> Shard | None:
    """`--shard I/N` (sop_lint.repository.shards), or None."""
    if value is None:
        return None
    from .repository.shards import ShardError, parse_shard

    try:
        share = parse_shard(value)
    except ShardError as error:
        fail(error)
    if single:
        fail(_say("shard.single"))
    return share


def _facts_after_fixing(linter: Linter, path: Path, fixed: FileFix | None) -> Facts | None:
    """The facts of a file as --fix or --diff leaves it (its fixed text, else the file);
    None without fixing: the lint read them."""
    if fixed is None:
        return None
    from .files import read_source
    from .repository.facts import Facts, read_facts

    if fixed.text is not None:
        return read_facts(fixed.text.encode("utf-8"), linter.pack)
    try:
        return read_facts(read_source(path), linter.pack)
    except OSError:
        return Facts()


def _stdout() -> TextIO:
    """Standard output, or a one-line error when it is closed (`>&-`)."""
    if sys.stdout is None:
        fail(_say("run.stdout_closed"))
    return sys.stdout


class _Fixing:
    """`check --fix` / `--diff`: what was fixed, said at the end."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.fixed = self.changed = 0
        self.diffs: list[str] = []
        self.made: list[Finding] = []  # the findings fixed (or that would be): --show-fixes

    def add(self, path: Path, outcome: FileFix) -> None:
        if self.verbose:
            for reason in outcome.declined:
                click.echo(f"sop-lint: {_say('fix.declined', path=path, reason=reason)}", err=True)
        if outcome.changed:
            self.changed += 1
            self.fixed += outcome.fixed
            self.diffs.append(outcome.diff)
            self.made.extend(outcome.made)

    def report_diff(self, quiet: bool, write: bool = True) -> None:
        if write:
            sys.stdout.write("".join(self.diffs))
        if not quiet and self.changed:
            click.echo(_say("fix.would", findings=_count(self.fixed, "finding"), files=_count(self.changed, "file")), err=True)

    def report_fixed(self, quiet: bool) -> None:
        if not quiet and self.changed:
            click.echo(_say("fix.done", findings=_count(self.fixed, "finding"), files=_count(self.changed, "file")), err=True)


def _open_cache(linter: Linter) -> Cache | None:
    from .cache import Cache

    return Cache(linter)


def _report_internal_errors(problems: list[str]) -> None:
    for problem in problems:
        click.echo(_say("run.internal", message=problem), err=True)


def _language(lang: str | None) -> str:
    """--lang, else the configuration's; a broken configuration must not hide the catalog its fix needs."""
    from .config import ConfigError, discover

    if lang is not None:
        return lang
    try:
        return discover(".").lang or "en"
    except ConfigError:
        return "en"


@main.command(cls=Command)
@click.argument("selectors", nargs=-1)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", help="A table, or JSON for tools.")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Summary language (default: config, else en).")
def rules(selectors: tuple[str, ...], output_format: str, lang: str | None) -> None:
    """The rule catalog: code, name, severity, fix, preview, summary (optionally only SELECTORS)."""
    import json

    from .docs import catalog_order, rule_record, text_table
    from .engine import SelectionError, check_selectors, selector_matches
    from .rules import all_rules

    catalog = all_rules()
    wanted = _codes(selectors)
    try:
        check_selectors(wanted, catalog)
    except SelectionError as error:
        fail(error)
    chosen = [rule for rule in catalog_order(catalog) if not wanted or any(selector_matches(s, rule) for s in wanted)]
    out = sys.stdout
    if output_format == "json":
        json.dump([rule_record(rule) for rule in chosen], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(text_table(chosen, _language(lang)))


@main.command(cls=Command)
@click.argument("rule")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Language of the page's header.")
def explain(rule: str, lang: str | None) -> None:
    """A rule's doc page, by code (D503) or name (duration-without-unit)."""
    from .docs import doc_page
    from .names import closest
    from .rules import all_rules

    _LANG[0] = _language(lang)
    catalog = all_rules()
    by_name = {r.name: r for r in catalog.values()}
    found = catalog.get(rule.strip().upper()) or by_name.get(rule.strip().lower())
    if found is None:
        choices = {code.casefold(): code for code in catalog} | {name: name for name in by_name}
        guess, _ = closest(rule, choices, cutoff=0.6)
        fail(_say("explain.unknown_guess", rule=rule, guess=guess) if guess else _say("explain.unknown", rule=rule))
    sys.stdout.write(doc_page(found, _LANG[0]))


@main.command("format", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("--check", "check_only", is_flag=True, help="Change nothing; name each file that would change (exit 1).")
@click.option("--diff", is_flag=True, help="Change nothing; print a unified diff of what would change.")
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def format_command(
    paths: tuple[str, ...], check_only: bool, diff: bool, config_file: str | None, isolated: bool, quiet: bool
) -> None:
    """Rewrite SOP files in canonical form (`-`: standard input to standard output).

    Exit 0 when done (or nothing would change), 1 with --check or --diff when
    a file would change, 2 when a file could not be formatted: it does not
    parse (P001), is not UTF-8 (P005), or the result failed the safety check;
    such a file is never written.
    """
    from datetime import date

    from .config import ConfigError, Overrides, excluded, settings_for
    from .files import PathError, collect, read_source
    from .formatter import FormatError, NotUtf8, format_bytes
    from .pack import PackError, load_pack
    from .writer import ParseFailure, UnsafeChange, unified_diff, write_atomic

    if "-" in paths and paths != ("-",):
        fail(_say("check.stdin_alone"))
    config = _configuration(paths[0] if paths and paths != ("-",) else ".", config_file, isolated)
    try:
        settings = settings_for(config, Overrides())
        pack = load_pack(settings.packs, settings.hours_per_day)
    except (ConfigError, PackError) as error:
        fail(error)
    today = settings.today or date.today()
    if not _LANG_GIVEN[0]:
        _LANG[0] = settings.lang

    def formatted(data: bytes, name: str) -> bytes | None:
        try:
            return format_bytes(data, pack, today)
        except ParseFailure as error:
            _echo_error(_say("format.not_parsed", path=name, where=error))
        except NotUtf8 as error:
            _echo_error(_say("format.not_utf8", path=name, reason=error))
        except (UnsafeChange, FormatError) as error:
            _echo_error(_say("format.unsafe", path=name, reason=error))
        return None

    if paths == ("-",):
        data = sys.stdin.buffer.read()
        new = formatted(data, "-")
        if new is None:
            sys.exit(EXIT_ERROR)
        out = _stdout()
        if diff:
            out.write(unified_diff(data.decode("utf-8"), new.decode("utf-8"), "-"))
        elif not check_only:
            out.buffer.write(new)
        out.flush()
        sys.exit(EXIT_FINDINGS if (check_only or diff) and new != data else EXIT_CLEAN)

    try:
        files = [path for path in collect(paths or (".",)) if not excluded(path, config)]
    except PathError as error:
        fail(error)
    changed = unchanged = failed = 0
    for path in files:
        try:
            data = read_source(path)
        except OSError as error:
            _echo_error(_say("run.cannot_read", path=path, reason=error.strerror or error))
            failed += 1
            continue
        new = formatted(data, str(path))
        if new is None:
            failed += 1
            continue
        if new == data:
            unchanged += 1
            continue
        changed += 1
        if diff:
            sys.stdout.write(unified_diff(data.decode("utf-8"), new.decode("utf-8"), str(path)))
        elif check_only:
            click.echo(_say("format.would", path=path))
        else:
            try:
                write_atomic(path, new)
            except OSError as error:
                _echo_error(_say("run.cannot_write", path=path, reason=error.strerror or error))
                changed -= 1
                failed += 1
    if not quiet:
        summary = _format_summary(changed, unchanged, failed, check_only or diff)
        click.echo(summary, err=diff)
    sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if changed and (check_only or diff) else EXIT_CLEAN)


def _format_summary(changed: int, unchanged: int, failed: int, dry: bool) -> str:
    parts = [
        _say("format.changed_dry" if dry else "format.changed", files=_count(changed, "file")),
        _say("format.unchanged", files=_count(unchanged, "file")),
    ]
    if failed:
        parts.append(_say("format.failed", files=_count(failed, "file")))
    return ", ".join(parts) + "."


def _gc_paused(function: Callable[_P, int]) -> Callable[_P, int]:
    """Run without the cyclic garbage collector: a run allocates objects that live
    until its end (modules, rules, models) and makes no cycles to collect, so
    every collection is wasted work (a tenth of a large file's time)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> int:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


@_gc_paused
def run(argv: list[str] | None = None) -> int:
    """The console script: click in non-standalone mode, every error one line."""
    import signal

    def terminated(signum: int, frame: object) -> NoReturn:
        raise Terminated

    # SIGTERM unwinds like Ctrl-C: every `finally` runs, so no temporary file is left.
    # The program's own handler comes back afterwards (a test runner or an editor that calls run()).
    previous: Any = None
    with contextlib.suppress(ValueError):  # not the main thread (an embedding program)
        previous = signal.signal(signal.SIGTERM, terminated)
    try:
        return _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None) -> int:
    import signal

    given = _argv_language(sys.argv[1:] if argv is None else argv)
    _LANG[0], _LANG_GIVEN[0] = given or "en", given is not None
    _speak_click()
    try:
        main.main(args=argv, prog_name="sop-lint", standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except Terminated:
        click.echo(_say("run.terminated"), err=True)
        return 128 + signal.SIGTERM
    except Interrupted:
        with contextlib.suppress(AttributeError, ValueError):
            if sys.stderr.isatty():
                click.echo(err=True)  # ends the line of the terminal's `^C`
        click.echo(_say("run.interrupted"), err=True)
        return 128 + signal.SIGINT
    except RunError as error:
        _echo_error(str(error))
        return EXIT_ERROR
    except click.exceptions.Abort:  # click's word for Ctrl-C (sop-lint asks no questions)
        click.echo(_say("run.interrupted"), err=True)
        return 128 + signal.SIGINT
    except click.ClickException as error:
        _echo_error(error.format_message())
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`| head`)
        _say_once(_say("run.error", message=_say("run.broken_pipe")))
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo(_say("run.interrupted"), err=True)
        return 130
    except Exception as error:  # the last line of defence: never a traceback
        click.echo(_say("run.internal", message=f"{type(error).__name__}: {error}"), err=True)
        return EXIT_ERROR
    return EXIT_CLEAN


def _argv_language(argv: list[str]) -> str | None:
    """`--lang` as written on the command line, read before click parses it, so that an
    error of the command line itself is said in that language."""
    for position, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and position + 1 < len(argv):
            value = argv[position + 1]
        if value in ("en", "id"):
            return value
    return None


def entry() -> None:
    code = run()
    # Leave at once, as mypy does: an interpreter's shutdown (freeing every module and
    # object one by one) takes longer than linting a file. Nothing is left to clean up.
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):  # the reader went away before the last of the output
        if code != EXIT_ERROR:
            _say_once(_say("run.error", message=_say("run.broken_pipe")))
        code = EXIT_ERROR
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):  # nothing more can be said
        code = code or EXIT_ERROR
    os._exit(code)


def _say_once(line: str) -> None:
    """One line on standard error, if it is there at all."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
