"""`sop-lint roles DIR [--write-registry FILE]`: every pelaksana name a repository
uses — declared under Pelaksana, or named by steps without being declared —
how often and where, grouped by similarity with R304's rules (at most two
edits apart without case, dots and spaces, both at least six characters, and
not different offices by a whole word or by the abbreviations of different
offices). `--write-registry` writes a role registry for R306: per group the
most used spelling as the name, the others as its aliases, for the reviewer
to edit; R306 then reports each other spelling with its name.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..analysis.roles import _SIMILAR_EDITS, _SIMILAR_MIN_LENGTH, _deletions, _distinct_offices  # R304's own rules
from ..cli import EXIT_CLEAN, EXIT_ERROR, Command, _configuration, _say, fail
from ..messages import reason
from ..names import edit_distance, fold, squash
from ..records import Record
from .facts import read_facts


class Spelling(Record):
    """One way a role name is written, with every place it is used."""

    __slots__ = ("name", "files", "steps", "places")  # noqa: RUF023 - the fields in order

    name: str  # as first written
    files: int  # files that declare it or name it in a step
    steps: int  # steps that name it
    places: list[str]  # path:line:column of each declaration or first undeclared use

    def __init__(self, name: str, files: int = 0, steps: int = 0, places: list[str] | None = None) -> None:
        self.name = name
        self.files = files
        self.steps = steps
        self.places = [] if places is None else places

    @property
    def uses(self) -> int:
        return self.files + self.steps


def spellings(paths: Sequence[Path], pack: object) -> list[Spelling]:
    """Every role name of the files, one per spelling (case and runs of spaces ignored)."""
    from ..pack import Pack

    assert isinstance(pack, Pack)
    found: dict[str, Spelling] = {}
    for path in paths:
        facts = read_facts(path.read_bytes(), pack)
        seen: set[str] = set()
        for use in facts.roles:
            key = fold(use.name)
            if not key or key in pack.placeholders:
                continue
            spelling = found.setdefault(key, Spelling(use.name))
            if key not in seen:
                seen.add(key)
                spelling.files += 1
            spelling.steps += use.steps
            spelling.places.append(f"{path}:{use.span.line}:{use.span.column}")
    return list(found.values())


def _similar(a: str, b: str, offices: dict[str, str]) -> bool:
    key_a, key_b = squash(a), squash(b)
    if min(len(key_a), len(key_b)) < _SIMILAR_MIN_LENGTH:
        return False
    return edit_distance(key_a, key_b, _SIMILAR_EDITS) <= _SIMILAR_EDITS and not _distinct_offices(a, b, offices)


def groups(names: list[Spelling], offices: dict[str, str]) -> list[list[Spelling]]:
    """Spellings of one office together (linked by similar pairs), the most used first;
    groups in order of their first spelling's name."""
    parent = list(range(len(names)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    index: dict[str, list[int]] = {}
    for n, spelling in enumerate(names):
        key = squash(spelling.name)
        if len(key) < _SIMILAR_MIN_LENGTH:
            continue
        candidates: set[int] = set()
        for variant in _deletions(key) if len(key) <= 64 else {key}:
            bucket = index.setdefault(variant, [])
            candidates.update(bucket)
            bucket.append(n)
        for m in sorted(candidates):
            if root(m) != root(n) and _similar(names[m].name, spelling.name, offices):
                parent[root(n)] = root(m)
    grouped: dict[int, list[Spelling]] = {}
    for n, spelling in enumerate(names):
        grouped.setdefault(root(n), []).append(spelling)
    result = [sorted(members, key=lambda s: (-s.uses, fold(s.name))) for members in grouped.values()]
    return sorted(result, key=lambda members: fold(members[0].name))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(found: list[list[Spelling]]) -> str:
    lines: list[str] = []
    for members in found:
        files, steps = sum(s.files for s in members), sum(s.steps for s in members)
        lines.append(f"{members[0].name}: {_count(len(members), 'spelling')}, {_count(files, 'file')}, {_count(steps, 'step')}")
        for spelling in members:
            counts = f"{_count(spelling.files, 'file')}, {_count(spelling.steps, 'step')}"
            lines.append(f"  {spelling.name}: {counts}: {', '.join(spelling.places)}")
    return "\n".join(lines) + ("\n" if lines else "")


def registry_text(found: list[list[Spelling]], source: str) -> str:
    """A role registry (TOML) for R306: the most used spelling of each group, the others its aliases."""
    out = [
        f"# Daftar peran organisasi untuk R306, dibuat oleh `sop-lint roles {source} --write-registry`.",
        "# Satu nama baku per jabatan (ejaan yang paling sering dipakai), ejaan lain sebagai `aliases`:",
        '# periksa dan sunting, lalu pakai dengan `roles = "<berkas ini>"` di sop-lint.toml.',
        "roles = [",
    ]
    for members in found:
        name = json.dumps(members[0].name, ensure_ascii=False)
        if len(members) == 1:
            out.append(f"    {name},")
        else:
            aliases = ", ".join(json.dumps(s.name, ensure_ascii=False) for s in members[1:])
            out.append(f"    {{ name = {name}, aliases = [{aliases}] }},")
    out.append("]")
    return "\n".join(out) + "\n"


@click.command("roles", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("--write-registry", default=None, metavar="FILE", help="Write a role registry (TOML) for R306 to FILE.")
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def roles(paths: tuple[str, ...], write_registry: str | None, config_file: str | None, isolated: bool) -> None:
    """Every role name used in the SOPs of DIR (default: .), grouped by similarity."""
    from ..config import ConfigError, Overrides, excluded, settings_for
    from ..files import PathError, collect
    from ..pack import PackError, load_pack

    config = _configuration(paths[0] if paths else ".", config_file, isolated)
    try:
        settings = settings_for(config, Overrides())
        pack = load_pack(settings.packs, settings.hours_per_day)
        files = [path for path in collect(paths or (".",)) if not excluded(path, config)]
    except (ConfigError, PackError, PathError) as error:
        fail(error)
    try:
        names = spellings(files, pack)
    except OSError as error:
        fail(_say("run.cannot_read", path=error.filename, reason=reason(error)))
    offices = {word: name for name, words in pack.word_lists.items() if name.startswith("office:") for word in words}
    found = groups(names, offices)
    sys.stdout.write(render(found))
    if write_registry is not None:
        from ..writer import create_atomic

        target = Path(write_registry)
        try:
            create_atomic(target, registry_text(found, " ".join(paths) or ".").encode("utf-8"))
        except FileExistsError:
            fail(_say("roles.exists", path=target))
        except OSError as error:
            click.echo(f"sop-lint: error: {target}: cannot write: {error.strerror or error}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"Wrote {target}: {_count(len(found), 'role')}.", err=True)
    sys.exit(EXIT_CLEAN)
