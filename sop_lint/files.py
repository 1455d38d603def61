"""Finding the SOP files to lint: explicit files as given, directories
walked for `*.sop.md` and `*.sop` (hidden folders skipped, `.gitignore`
and the config's `exclude` honoured)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SOP_SUFFIXES = (".sop.md", ".sop")


class PathError(Exception):
    """A path that cannot be linted; the message is one line."""


def is_sop(name: str) -> bool:
    return name.endswith(SOP_SUFFIXES)


def _gitignore_patterns(directory: Path) -> list[str]:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#") and not line.startswith("!")]


def _ignored(relative: str, name: str, is_dir: bool, patterns: list[tuple[str, str]]) -> bool:
    for base, pattern in patterns:
        if not relative.startswith(base):
            continue
        local = relative[len(base) :]
        directory_only = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        if directory_only and not is_dir:
            continue
        if "/" in pattern:
            if fnmatch.fnmatch(local, pattern.lstrip("/")) or fnmatch.fnmatch(local, pattern.lstrip("/") + "/*"):
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False


def walk(root: Path, exclude: Iterable[str] = ()) -> Iterator[Path]:
    excludes = list(exclude)
    stack: list[tuple[Path, list[tuple[str, str]]]] = [(root, [])]
    while stack:
        directory, inherited = stack.pop()
        relative_dir = "" if directory == root else directory.relative_to(root).as_posix() + "/"
        patterns = inherited + [(relative_dir, p) for p in _gitignore_patterns(directory)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            raise PathError(f"{directory}: cannot read directory: {error.strerror}") from None
        subdirectories = []
        for entry in entries:
            relative = relative_dir + entry.name
            is_dir = entry.is_dir()
            if entry.name.startswith(".") or _ignored(relative, entry.name, is_dir, patterns):
                continue
            if any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative + "/", pattern) for pattern in excludes):
                continue
            if is_dir:
                subdirectories.append((Path(entry.path), patterns))
            elif is_sop(entry.name):
                yield Path(entry.path)
        stack.extend(reversed(subdirectories))


def collect(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[Path]:
    """The files to lint, in a stable order; raises PathError for a bad path."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(walk(path, exclude))
            if not files:
                raise PathError(f"{raw}: no SOP files (*.sop.md, *.sop) in this directory")
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            raise PathError(f"{raw}: no such file or directory")
    seen: set[Path] = set()
    unique = []
    for path in found:
        if path not in seen:
            seen.add(path)
            unique.append(path)
    return unique
