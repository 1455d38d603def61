"""`sop-lint import FILE|DIR ... [-o OUT | --out-dir DIR] [--force]`.

Every file is imported on its own: a file that cannot be read is one line on standard
error and the others are still written; the run then exits 2. Nothing existing is
overwritten without --force, and every file is written atomically.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ..cli import Command
from . import SUFFIXES, ImportFailure, read_procedures
from .procedure import GUESS_PREFIX, Procedure

if TYPE_CHECKING:
    from ..pack import Pack

EXIT_CLEAN, EXIT_ERROR = 0, 2
MAX_INPUT_BYTES = 200 * 1024 * 1024  # no SOP is bigger; a bigger file is refused before it is read


def _inputs(paths: tuple[str, ...]) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.lower().endswith(".sop.md")
                and not p.name.startswith(".")
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append((name, "no such file or directory"))
    return files, problems


def _stem(source: Path) -> str:
    base = source.name
    for suffix in (".sop.md", *SUFFIXES):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


def output_paths(source: Path, count: int, out: Path | None, out_dir: Path | None, keep_suffix: bool = False) -> list[Path]:
    """Where the procedures of `source` go: `-o OUT`, else `--out-dir`, else beside the
    source; `NAME.sop.md` for one procedure, `NAME-1.sop.md`, `NAME-2.sop.md` … for more
    (`NAME-pdf.sop.md` when another input of the run has the same name). A `.sop.md`
    source is converted in place."""
    if out is not None:
        base, directory = out.name.removesuffix(".sop.md").removesuffix(".md"), out.parent
    else:
        base = _stem(source)
        if keep_suffix and not source.name.lower().endswith(".sop.md"):
            base = f"{base}-{source.suffix.lstrip('.').lower()}"
        directory = out_dir if out_dir is not None else source.parent
    if count == 1:
        return [out if out is not None else directory / f"{base}.sop.md"]
    return [directory / f"{base}-{number}.sop.md" for number in range(1, count + 1)]


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (the project's writers: a new file appears whole
    or not at all, with the permissions a plain `open` would give it)."""
    from ..writer import create_atomic, write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        create_atomic(path, data)  # FileExistsError if another run made it meanwhile: not overwritten
        return
    write_atomic(path, data)


def _guess_lines(text: str) -> list[tuple[int, str]]:
    found = []
    marker = f"<!-- {GUESS_PREFIX}"
    for number, line in enumerate(text.split("\n"), 1):
        start = line.find(marker)
        while start >= 0:
            end = line.find("-->", start)
            found.append((number, line[start + len(marker) : end].strip()))
            start = line.find(marker, end)
    return found


@click.command(name="import", cls=Command)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="The file to write (one input file only)."
)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), help="Write the SOP files into this folder.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line.")
def import_command(paths: tuple[str, ...], out: Path | None, out_dir: Path | None, force: bool, quiet: bool) -> None:
    """Import Word (.docx/.doc), PDF, Excel, text-extracted (.txt) or Markdown-table (.md) SOPs."""
    from ..cli import Progress, _say
    from ..pack import builtin_pack
    from .output import NotParsable, render_procedure

    if out is not None and out_dir is not None:
        _fail(_say("import.out_and_out_dir"))
    files, problems = _inputs(paths)
    if out is not None and (len(files) != 1 or any(Path(p).is_dir() for p in paths)):
        _fail(_say("import.out_one_file"))
    if not files and not problems:
        _fail(_say("import.no_files", suffixes=", ".join(SUFFIXES), paths=", ".join(paths)))
    pack = builtin_pack()
    progress = Progress(len(files), sys.stderr) if len(files) > 1 and _terminal(sys.stderr) and not quiet else None
    imported = with_guesses = 0
    # Inputs that would write the same file (a.pdf and a.docx into one folder) keep their kind in the name.
    places: dict[tuple[Path, str], int] = {}
    for source in files:
        key = ((out_dir or source.parent).resolve(), _stem(source).casefold())
        places[key] = places.get(key, 0) + 1
    for source in files:
        shared = places[((out_dir or source.parent).resolve(), _stem(source).casefold())] > 1
        try:
            guessed = _import_one(source, pack, out, out_dir, force, quiet, render_procedure, shared)
        except _Skipped as skipped:
            problems.append((str(source), str(skipped)))
        except ImportFailure as failure:
            problems.append((str(source), str(failure)))
        except NotParsable as error:  # never written: a bug of the importer, said as such
            problems.append((str(source), f"the importer wrote text that does not parse ({error}); nothing written"))
        except (MemoryError, RecursionError):
            problems.append((str(source), "too large or too deeply nested to import"))
        except Exception as error:  # a reader library failing on a malformed file
            problems.append((str(source), f"cannot be read ({type(error).__name__}: {_short(str(error))})"))
        else:
            imported += 1
            with_guesses += guessed
        if progress is not None:
            progress.step()
    if progress is not None:
        progress.close()
    for name, reason in problems:
        click.echo(f"{name}: {reason}", err=True)
    summary = f"{_count(imported, 'file')} imported, {_count(with_guesses, 'procedure')} with guesses"
    if problems:
        named = ", ".join(Path(name).name for name, _ in problems[:3]) + (", …" if len(problems) > 3 else "")
        summary += f", {_count(len(problems), 'file')} skipped: {named}"
    click.echo(summary + ".", err=True)
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)


class _Skipped(Exception):
    pass


def _import_one(
    source: Path,
    pack: Pack,
    out: Path | None,
    out_dir: Path | None,
    force: bool,
    quiet: bool,
    render: Callable[[Procedure, Pack], str],
    shared: bool = False,
) -> int:
    """Import one file; the number of its procedures with guesses."""
    if source.stat().st_size > MAX_INPUT_BYTES:
        raise ImportFailure(
            f"{source.stat().st_size // (1024 * 1024)} MB: too big for an SOP (at most {MAX_INPUT_BYTES // (1024 * 1024)} MB)"
        )
    in_place = source.name.lower().endswith(".sop.md")
    if in_place:  # a `.sop.md` whose Prosedur is a Markdown table: converted, the rest kept
        from .markdown import convert_in_place
        from .output import canonical

        converted = convert_in_place(source.read_text(encoding="utf-8", errors="replace"), pack)
        if converted is None:
            raise ImportFailure("no Markdown table in its `## Prosedur`: nothing to convert")
        texts = [canonical(converted, pack)]
    else:
        procedures = read_procedures(source, pack)
        if not procedures:
            raise ImportFailure("no SOP found (no identity table, information boxes or procedure table)")
        texts = [render(procedure, pack) for procedure in procedures]
    targets = output_paths(source, len(texts), out, out_dir, keep_suffix=shared)
    for target in targets:
        if target.exists() and not force and not (in_place and target.resolve() == source.resolve()):
            raise _Skipped(f"{target} exists: not overwritten (use --force)")
    guessed = 0
    for target, text in zip(targets, texts, strict=True):
        write_new(target, text.encode("utf-8"))
        guesses = _guess_lines(text)
        if guesses:
            guessed += 1
        if not quiet:
            click.echo(
                f"{source} -> {target}" + (f" ({len(guesses)} guess{'es' if len(guesses) != 1 else ''})" if guesses else "")
            )
            for line, guess in guesses:
                click.echo(f"  {target}:{line}: {guess}")
    return guessed


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _fail(message: str) -> NoReturn:
    click.echo(f"sop-lint import: {message}", err=True)
    sys.exit(EXIT_ERROR)
