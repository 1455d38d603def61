"""The command line. It only wires: options -> settings -> engine -> report.

Every failure of the run itself is one line on standard error and exit 2;
never a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class RunError(Exception):
    """A failure of the run itself: one line, exit 2."""


def fail(message: str) -> NoReturn:
    raise RunError(message)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


class DefaultGroup(click.Group):
    """`sop-lint PATHS` means `sop-lint check PATHS`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sop-lint")
def main() -> None:
    """sop-lint: a linter for Standard Operating Procedures (SOP AP, PermenPAN-RB 35/2012)."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rule codes, prefixes or names to run (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to run on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--preview", is_flag=True, help="Also run preview (heuristic) rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="Exit 1 at or above this severity (default warning).")
@click.option("--show-source/--no-show-source", default=True, help="A code frame under each finding.")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Message language.")
@click.option("--stdin-filename", default=None, help="The name to give standard input (PATHS = -).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    preview: bool,
    fail_on: str | None,
    show_source: bool,
    lang: str | None,
    stdin_filename: str | None,
    quiet: bool,
) -> None:
    """Lint SOP files and directories (default: the current directory)."""
    from .engine import Linter, SelectionError, Settings
    from .files import PathError, collect
    from .output import text as text_report

    settings = Settings(
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        preview=preview,
    )
    if fail_on:
        settings.fail_on = fail_on  # type: ignore[assignment]
    if lang:
        settings.lang = lang
    try:
        linter = Linter(settings)
    except SelectionError as error:
        fail(str(error))

    findings = []
    run_failed = False
    if paths == ("-",):
        data = sys.stdin.buffer.read()
        findings.extend(linter.lint_bytes(data, stdin_filename or "-"))
        count = 1
    else:
        try:
            files = collect(paths or (".",))
        except PathError as error:
            fail(str(error))
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                click.echo(f"sop-lint: error: {path}: cannot read: {error.strerror or error}", err=True)
                run_failed = True
                continue
            findings.extend(linter.lint_bytes(data, str(path)))
        count = len(files)

    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    out = click.get_text_stream("stdout")
    text_report.render(findings, count, out, show_source=show_source, colour=colour, lang=settings.lang, summary_line=not quiet)
    for problem in linter.internal_errors:
        click.echo(f"sop-lint: internal error: {problem}", err=True)
    if run_failed or linter.internal_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if linter.fails(findings) else EXIT_CLEAN)


def run(argv: list[str] | None = None) -> int:
    """The console script: click in non-standalone mode, every error one line."""
    try:
        main.main(args=argv, prog_name="sop-lint", standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except RunError as error:
        click.echo(f"sop-lint: error: {error}", err=True)
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("sop-lint: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as error:
        click.echo(f"sop-lint: error: {error.format_message()}", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("sop-lint: interrupted", err=True)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        click.echo(f"sop-lint: internal error: {type(error).__name__}: {error}", err=True)
        return EXIT_ERROR
    return EXIT_CLEAN


def entry() -> None:
    sys.exit(run())
