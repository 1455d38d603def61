"""One lint of one version of a document, and the linters it is made with.

Each document is linted with the settings `check` would use for it: the
configuration file nearest the document (read again when it changes), the
packs and role registry it names. Repository rules (X7xx) need the other
files of the repository and are left to `check`.

Everything here runs on the server's one worker thread: the parser keeps
state in its module, so the engine is never entered from two threads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ConfigError, find, settings_for
from ..config import build as build_config
from ..engine import Linter, LintResult, SelectionError, Settings
from ..pack import PackError
from .positions import split_lines

if TYPE_CHECKING:
    from ..model import Sop
    from ..rule import Finding

SERVER_SKIPS = "X7"  # repository rules: `check` runs them over the whole tree


@dataclass(slots=True)
class Analysis:
    """What the features read: the text as linted, its findings and its model."""

    uri: str
    version: int | None
    generation: int  # the server's configuration generation it was made under
    text: str
    path: str
    linter: Linter
    findings: list[Finding]
    sop: Sop | None = None  # None when the text does not parse
    result: LintResult | None = None  # the engine's own record of this lint (fix-all starts from it)
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = split_lines(self.text)


def _stamp(path: Path | None) -> tuple[str, int, int] | None:
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), status.st_mtime_ns, status.st_size)


@dataclass(slots=True)
class _Entry:
    files: list[Path]  # the configuration file, its packs and role registry
    stamps: list[tuple[str, int, int] | None]
    linter: Linter
    problem: str | None  # why the configuration could not be used (the defaults are)


class Linters:
    """A linter per configuration file, made again when the file (or a pack or role
    registry it names) changes. A configuration that cannot be used gives the
    defaults and a problem the server shows."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._default: Linter | None = None

    def clear(self) -> None:
        self._entries.clear()

    def for_path(self, path: str | None) -> tuple[Linter, str | None]:
        try:
            found = find(Path(path) if path else Path.cwd())
        except ConfigError as error:
            return self.defaults(), str(error)
        if found is None:
            return self.defaults(), None
        config_path, table = found
        entry = self._entries.get(str(config_path))
        if entry is not None and entry.stamps == [_stamp(p) for p in entry.files]:
            return entry.linter, entry.problem
        files = [config_path]
        problem: str | None = None
        try:
            config = build_config(table, config_path)
            files += [*config.packs, *([config.roles] if config.roles is not None else [])]
            linter = _linter(settings_for(config))
        except (ConfigError, SelectionError, PackError) as error:
            linter, problem = self.defaults(), str(error)
        self._entries[str(config_path)] = _Entry(files, [_stamp(p) for p in files], linter, problem)
        return linter, problem

    def defaults(self) -> Linter:
        if self._default is None:
            self._default = _linter(Settings())
        return self._default


def _linter(settings: Settings) -> Linter:
    settings.check_related = False
    linter = Linter(settings)
    linter.active = [rule for rule in linter.active if not rule.code.startswith(SERVER_SKIPS)]
    return linter


def analyse(
    uri: str, version: int | None, generation: int, text: str, path: str, linters: Linters
) -> tuple[Analysis, str | None]:
    """Lint `text` as the file at `path` would be linted: the findings and the model of one parse."""
    linter, problem = linters.for_path(path or None)
    # Internal errors of rules are kept by the linter: the server reports them as it goes.
    linter.internal_errors.clear()
    result = linter.lint(text, path or "<buffer>")
    return Analysis(uri, version, generation, text, path, linter, result.findings, result.sop, result), problem


def document_path(uri: str) -> str:
    """The file system path of a `file:` URI ("" for an unsaved buffer)."""
    if not uri.startswith("file:"):
        return ""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]
    return path
