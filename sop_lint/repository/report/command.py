"""The `report` command: lint like `check DIR`, then write the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ...cli import EXIT_CLEAN, EXIT_ERROR, Command, _configuration, _say, fail
from ...messages import reason


@click.command("report", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", required=True, metavar="SITE", help="The folder to write the site into.")
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def report(
    paths: tuple[str, ...], output: str, config_file: str | None, isolated: bool, no_cache: bool, jobs: int | None, quiet: bool
) -> None:
    """A reviewer's static site over the SOPs of DIR (default: .): index, per-agency summary, a page per SOP."""
    from ...config import ConfigError, Overrides, excluded, settings_for
    from ...engine import Linter, SelectionError
    from ...files import PathError, collect
    from ...pack import PackError
    from ...writer import create_atomic
    from .entries import entry_of, lint_repository, page_names
    from .site import index_csv, index_json, index_page, layout_name, layout_page, sop_page

    config = _configuration(paths[0] if paths else ".", config_file, isolated)
    try:
        linter = Linter(settings_for(config, Overrides()))
        files = [path for path in collect(paths or (".",)) if not excluded(path, config)]
    except (ConfigError, SelectionError, PackError, PathError) as error:
        fail(error)
    site = Path(output)
    if site.exists() and not site.is_dir():
        fail(_say("report.not_directory", path=site))
    results, unreadable = lint_repository(linter, files, paths or (".",), jobs, cache=not no_cache)
    for problem in unreadable:
        click.echo(f"sop-lint: error: {problem}", err=True)
    root = paths[0] if len(paths) == 1 and Path(paths[0]).is_dir() else "."
    pages = page_names([path for path, _ in results], root)
    entries = []
    for (path, found), page in zip(results, pages, strict=True):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            click.echo(f"sop-lint: error: {path}: cannot read: {error.strerror or error}", err=True)
            unreadable.append(path)
            continue
        entries.append(entry_of(path, page, data, found, linter.pack))
    hours = linter.pack.hours_per_day
    source = " ".join(paths) or "."
    try:
        (site / "sop").mkdir(parents=True, exist_ok=True)
        create_atomic(site / "index.html", index_page(entries, source, hours).encode("utf-8"), replace=True)
        create_atomic(site / "index.json", index_json(entries, hours).encode("utf-8"), replace=True)
        # With a byte-order mark: spreadsheet programs then read the CSV as UTF-8.
        create_atomic(site / "index.csv", index_csv(entries, hours).encode("utf-8-sig"), replace=True)
        for entry in entries:
            layout = layout_page(entry, linter.pack)  # the official layout, when the renderers are installed
            if layout is not None:
                create_atomic(site / layout_name(entry), layout.encode("utf-8"), replace=True)
            page = sop_page(entry, linter.rules, hours, layout=layout is not None)
            create_atomic(site / entry.page, page.encode("utf-8"), replace=True)
    except OSError as error:
        fail(_say("run.cannot_write", path=error.filename or site, reason=reason(error)))
    for problem in linter.internal_errors:
        click.echo(f"sop-lint: internal error: {problem}", err=True)
    if not quiet:
        sesuai = sum(1 for entry in entries if entry.sesuai)
        click.echo(
            f"Wrote {site}/index.html: {len(entries)} SOPs, {sesuai} Sesuai, {len(entries) - sesuai} Perlu perbaikan.", err=True
        )
    sys.exit(EXIT_ERROR if unreadable or linter.internal_errors else EXIT_CLEAN)
