"""`sop-lint render`: the official layout of each SOP as HTML, PDF or Word.

    sop-lint render FILE|DIR ... [-o OUT] [--format html|pdf|docx]
                    [--with-findings] [--print-findings] [--steps-per-page N]

Each SOP gives one file named after it (`x.sop.md` -> `x.html`), beside it,
or in the directory OUT; with one input file OUT may name the file itself
(its suffix then gives the format when --format is not given). A file that
cannot be read or parsed is named on one line and skipped (exit 2 at the
end); no output file is ever half-written.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from ..cli import Command
from ..files import SOP_SUFFIXES
from ..flow import build_flow
from ..reading import Document, InputError, Inputs, read_document
from ..writer import write_atomic
from .layout import DEFAULT_STEPS_PER_PAGE, build_layout

if TYPE_CHECKING:
    from ..engine import Linter
    from ..rule import Finding

FORMATS = ("html", "pdf", "docx")


class RenderError(Exception):
    """One file could not be rendered: one line."""


def output_stem(path: Path) -> str:
    name = path.name
    for suffix in SOP_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)] or name
    return path.stem


def _target(path: Path, out: Path | None, single_file: bool, extension: str, root: Path | None) -> Path:
    """Beside the input; in OUT (as OUT itself for one file with a suffix), keeping the
    inputs' folders below their common folder `root` so that two `x.sop.md` never collide."""
    if out is not None and single_file and out.suffix.lower() in (".html", ".htm", ".pdf", ".docx") and not out.is_dir():
        return out
    if out is None:
        folder = path.parent
    elif root is not None:
        folder = out / path.parent.resolve().relative_to(root)
    else:
        folder = out
    return folder / f"{output_stem(path)}.{extension}"


def render_document(
    document: Document,
    inputs: Inputs,
    out_format: str,
    target: Path,
    findings: list[Finding] | None,
    print_findings: bool,
    steps_per_page: int,
) -> None:
    """Render one SOP to `target` (`findings`: the badges of --with-findings). Raises RenderError."""
    from .html import render_html

    sop = document.sop
    assert sop is not None
    layout = build_layout(sop, build_flow(sop), steps_per_page)
    name = output_stem(document.path)
    try:
        _make_folder(target.parent)
        if out_format == "docx":
            from .word import render_docx

            write_atomic(target, render_docx(sop, layout), durable=False)
            return
        page = render_html(sop, layout, findings, print_findings, name=name)
        if out_format == "html":
            write_atomic(target, page.encode("utf-8"), durable=False)
            return
        from .browser import INSTALL_HINT, BrowserError, find_browser, print_pdf

        browser = find_browser()
        if browser is None:
            fallback = target.with_suffix(".html")
            write_atomic(fallback, page.encode("utf-8"), durable=False)
            raise RenderError(f"{INSTALL_HINT}; wrote the HTML to {fallback}")
        with tempfile.TemporaryDirectory(prefix="sop-lint-render-") as work:
            html_file = Path(work) / f"{name}.html"
            html_file.write_text(page, encoding="utf-8")
            try:
                pdf = print_pdf(html_file, browser)
            except BrowserError as error:
                raise RenderError(f"{document.path}: {error}") from None
        write_atomic(target, pdf, durable=False)
    except OSError as error:
        raise RenderError(f"{target}: cannot write: {error.strerror or error}") from None


_MADE: set[Path] = set()


def _make_folder(folder: Path) -> None:
    """The output folder, made once per run (most pages of a run share one)."""
    if folder not in _MADE:
        folder.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)


class Job:
    """What the command line asks of every file; the workers' copy is forked."""

    def __init__(
        self,
        inputs: Inputs,
        out_format: str,
        out: Path | None,
        single: bool,
        root: Path | None,
        with_findings: bool,
        print_findings: bool,
        steps_per_page: int,
    ) -> None:
        self.inputs, self.out_format, self.out, self.single, self.root = inputs, out_format, out, single, root
        self.with_findings, self.print_findings, self.steps_per_page = with_findings, print_findings, steps_per_page
        self._linter: Linter | None = None  # made on the first file that needs it

    def run(self, path: Path) -> tuple[Path | None, str | None]:
        """Render one file: (the file written, None) or (None, the error line)."""
        document = read_document(path, self.inputs.pack)
        if document.sop is None:
            return None, f"{document.error}; not rendered"
        target = _target(path, self.out, self.single, self.out_format, self.root)
        findings = None
        if self.with_findings:
            if self._linter is None:
                from ..engine import Linter

                self._linter = Linter(self.inputs.settings)
            findings = self._linter.lint_text(document.text, str(document.path))
        try:
            render_document(document, self.inputs, self.out_format, target, findings, self.print_findings, self.steps_per_page)
        except RenderError as error:
            return None, str(error)
        except Exception as error:  # this file's failure, not the run's: the others are still rendered
            return None, f"{path}: internal error: {type(error).__name__}: {error}; not rendered"
        return target, None


PARALLEL_MIN_FILES = 8  # fewer files are rendered in this process

Outcome = tuple[Path | None, str | None]


def run_all(job: Job, paths: list[Path], jobs: int) -> Iterator[Outcome]:
    """Each file's outcome, in the order of `paths`: in `jobs` worker processes forked
    from this one (where processes fork) for many files, else here. Worker k renders
    and writes files k, k + jobs, …, and sends its outcomes back over a pipe when done;
    a browser printing a PDF is a process of its own already."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES or not hasattr(os, "fork"):
        yield from (job.run(path) for path in paths)
        return
    jobs = min(jobs, len(paths))
    running: list[int] = []
    readers: list[BinaryIO] = []  # worker k's pipe
    results: list[list[tuple[str | None, str | None]]] = []
    try:
        for k in range(jobs):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(read_end)
                code = 0
                try:
                    outcomes = [_wire(job.run(path)) for path in paths[k::jobs]]
                    with os.fdopen(write_end, "wb") as pipe:
                        pipe.write(marshal.dumps(outcomes))
                except BaseException:
                    code = 1
                os._exit(code)  # no interpreter shutdown in a forked copy
            os.close(write_end)
            running.append(pid)
            readers.append(os.fdopen(read_end, "rb"))
        for pid, reader in zip(list(running), readers, strict=True):
            with reader:
                data = reader.read()
            _, status = os.waitpid(pid, 0)
            running.remove(pid)
            if status != 0 or not data:
                raise RenderError("a worker process failed; run again with --jobs 1 to see why")
            results.append(marshal.loads(data))
    finally:  # Ctrl-C or SIGTERM: the workers stop with the run (a page being written is finished)
        _stop(running, readers)
    for i in range(len(paths)):
        target, problem = results[i % jobs][i // jobs]
        yield (Path(target) if target is not None else None), problem


def _stop(running: list[int], pipes: list[BinaryIO]) -> None:
    """Stop the workers still running and wait for them, so that none writes after the run."""
    for pid in running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pipe in pipes:
        pipe.close()  # a worker blocked on a full pipe gets EPIPE and exits
    for pid in running:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _wire(outcome: Outcome) -> tuple[str | None, str | None]:
    target, problem = outcome
    return (str(target) if target is not None else None), problem


@click.command("render", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", default=None, metavar="OUT", help="Output directory (or file, for one input).")
@click.option("--format", "out_format", type=click.Choice(FORMATS), default=None, help="html (default), pdf or docx.")
@click.option("--with-findings", is_flag=True, help="Numbered badges for the linter's findings, and their list.")
@click.option("--print-findings", is_flag=True, help="Keep the findings when printing (hidden in print otherwise).")
@click.option(
    "--steps-per-page",
    type=click.IntRange(min=1),
    default=DEFAULT_STEPS_PER_PAGE,
    show_default=True,
    metavar="N",
    help="Steps on each page of the procedure matrix.",
)
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes (default: one per core)."
)
@click.option("-q", "--quiet", is_flag=True, help="No line per file written.")
def render(
    paths: tuple[str, ...],
    output: str | None,
    out_format: str | None,
    with_findings: bool,
    print_findings: bool,
    steps_per_page: int,
    config_file: str | None,
    isolated: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """The official SOP layout (identity block, six boxes, procedure matrix with its flowchart)."""
    from ..cli import EXIT_CLEAN, EXIT_ERROR, _say, fail
    from ..parallel import default_jobs

    if not paths:
        fail(_say("render.no_paths"))
    try:
        inputs = Inputs(paths, config_file, isolated)
    except InputError as error:
        fail(error)
    out = Path(output) if output is not None else None
    single = len(inputs.files) == 1 and Path(paths[0]).is_file()
    if out_format is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None and single else ""
        out_format = suffix if suffix in FORMATS else "html"
    if not inputs.files:
        fail(_say("render.no_sop_files", paths=", ".join(paths)))
    parents = {path.parent.resolve() for path in inputs.files}
    root = Path(os.path.commonpath(list(parents))) if len(parents) > 1 else None
    job = Job(inputs, out_format, out, single, root, with_findings, print_findings, steps_per_page)
    _MADE.clear()  # a folder made by an earlier run in this process may be gone
    failed = False
    try:
        outcomes = list(run_all(job, inputs.files, jobs or default_jobs()))
    except RenderError as error:
        fail(error)
    for target, problem in outcomes:
        if problem is not None:
            click.echo(f"sop-lint: error: {problem}", err=True)
            failed = True
        elif not quiet:
            click.echo(f"Wrote {target}", err=True)
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)
