"""`sop-lint merge-results SHARD.json …`: the shards of `check --shard I/N` joined
into the report one unsharded run gives — each shard's findings, in the whole
run's file order, with the repository rules run over the joined facts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, OUTPUT_FORMATS, Command, _configuration, fail
from ..model import Span
from ..rule import Edit, Finding, Fix
from .facts import Facts, from_wire


class ShardFile:
    """One file of a shard: its place in the whole run, path, findings and facts."""

    def __init__(self, order: int, path: str, findings: list[Finding], facts: Facts) -> None:
        self.order, self.path, self.findings, self.facts = order, path, findings, facts


def _finding(record: dict[str, Any]) -> Finding:
    fix = None
    if record["fix"] is not None:
        edits = [Edit(_span(edit), edit["text"]) for edit in record["fix"]["edits"]]
        fix = Fix(record["fix"]["title"], edits)
    return Finding(record["code"], _span(record), "", {}, fix, record["severity"], record["path"], record["message"], "")


def _span(record: dict[str, Any]) -> Span:
    return Span(int(record["line"]), int(record["column"]), int(record["end_line"]), int(record["end_column"]))


def read_shards(paths: tuple[str, ...]) -> tuple[list[ShardFile], bool]:
    """Every file of the shards in the whole run's order, and whether a directory was
    linted; raises ValueError (one line) for a document that is not a whole set of shards."""
    files: list[ShardFile] = []
    seen: dict[int, str] = {}
    count: int | None = None
    directory = False
    for name in paths:
        try:
            document = json.loads(Path(name).read_text(encoding="utf-8"))
            shard = document["shard"]
            index, total = int(shard["index"]), int(shard["count"])
            by_path: dict[str, list[Finding]] = {}
            for record in document["findings"]:
                by_path.setdefault(record["path"], []).append(_finding(record))
            for entry in shard["files"]:
                path = str(entry["path"])
                files.append(ShardFile(int(entry["order"]), path, by_path.get(path, []), from_wire(entry["facts"])))
            directory = directory or bool(shard["directory"])
        except OSError as error:
            raise ValueError(f"{name}: cannot read: {error.strerror or error}") from None
        except (ValueError, KeyError, TypeError) as error:
            why = (
                "not JSON"
                if isinstance(error, json.JSONDecodeError)
                else "not the JSON of `check --shard I/N --output-format json`"
            )
            raise ValueError(f"{name}: {why}") from None
        if count is not None and total != count:
            raise ValueError(f"{name}: shard {index}/{total}, but another file is a shard of {count}")
        if index in seen:
            raise ValueError(f"{name}: shard {index}/{total} is also {seen[index]}")
        count, seen[index] = total, name
    missing = sorted(set(range(1, (count or 0) + 1)) - set(seen))
    if missing:
        raise ValueError(f"shard {missing[0]}/{count} is missing")
    files.sort(key=lambda file: file.order)
    return files, directory


@click.command("merge-results", cls=Command)
@click.argument("shards", nargs=-1, required=True)
@click.option(
    "--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", help="Report format of the joined run (default text)."
)
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file (as the shards did).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--baseline", default=None, metavar="FILE", help="Hide repository findings recorded in FILE.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
def merge_results(
    shards: tuple[str, ...],
    output_format: str,
    config_file: str | None,
    isolated: bool,
    baseline: str | None,
    exit_zero: bool,
    quiet: bool,
) -> None:
    """Join the JSON reports of `check --shard I/N` and run the repository rules (X) over all their files."""
    from ..baseline import BaselineError
    from ..baseline import load as load_baseline
    from ..config import ConfigError, Overrides, settings_for
    from ..engine import Linter, SelectionError
    from ..pack import PackError
    from . import repository_findings

    try:
        files, directory = read_shards(shards)
    except ValueError as error:
        fail(error)
    config = _configuration(".", config_file, isolated)
    try:
        linter = Linter(settings_for(config, Overrides()))
    except (ConfigError, SelectionError, PackError) as error:
        fail(error)
    extra = repository_findings(linter, [(file.path, file.facts) for file in files], directory)
    baseline_path = Path(baseline) if baseline is not None else config.baseline
    if baseline_path is not None:
        try:
            known = load_baseline(baseline_path)
        except BaselineError as error:
            fail(error)
        extra = [known.new_findings(more) if more else more for more in extra]
    findings: list[Finding] = []
    for file, more in zip(files, extra, strict=True):
        own = file.findings
        if more:
            own = sorted([*own, *more], key=lambda f: (f.span.line, f.span.column, f.code))
        findings.extend(own)
    linted = [file.path for file in files]
    from ..output import ReportOptions, reporter

    # No code frames: the shards' JSON does not carry the lines.
    options = ReportOptions(lang=linter.settings.lang, show_source=False, summary_line=not quiet)
    reporter(output_format)(findings, linted, sys.stdout, linter.rules, options)
    for problem in linter.internal_errors:
        click.echo(f"sop-lint: internal error: {problem}", err=True)
    if linter.internal_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if linter.fails(findings) and not exit_zero else EXIT_CLEAN)
