"""Finding the SOP files to lint and reading them safely.

Explicit files are taken as given; directories are walked for `*.sop.md` and
`*.sop` (hidden folders skipped, `.gitignore` and the config's `exclude`
honoured, each real file once however many links lead to it, link loops
ignored). Every file is read through `read_source`, which refuses what is not
a regular file (a FIFO would block for ever, `/dev/zero` never ends) and what
is larger than the size limit, without reading more than the limit.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .messages import Told, Words, reason

SOP_SUFFIXES = (".sop.md", ".sop")


# Real SOPs are tens of kilobytes; a file past this is not an SOP someone wrote,
# and reading it whole would cost memory for nothing (docs/reliability.md).
MAX_FILE_BYTES = 8 * 1024 * 1024
_CHUNK = 1024 * 1024


class PathError(Told):
    """A path that cannot be linted; the message is one line (a catalog key)."""


class UnreadableFile(OSError):
    """A file that is not read: not a regular file, or too large. An OSError, so that
    every caller's one-line `cannot read: …` handling covers it."""


def read_source(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Opened without blocking
    (a FIFO), checked on the open descriptor (no race with a swapped path), and read
    in chunks up to the limit (a file that grows while read is still bounded)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile(Words("files.is_directory"))
        if not stat.S_ISREG(mode):
            raise UnreadableFile(Words("files.not_regular"))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnreadableFile(Words("files.too_large", limit=limit // (1024 * 1024)))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


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


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def walk(root: Path, exclude: Iterable[str] = ()) -> Iterator[Path]:
    excludes = list(exclude)
    stack: list[tuple[Path, list[tuple[str, str]]]] = [(root, [])]
    # Directories by device and inode: a link back up the tree (a loop) or to a
    # sibling folder is walked once, not for ever or twice.
    seen_directories: set[tuple[int, int] | None] = {_identity(root)}
    while stack:
        directory, inherited = stack.pop()
        relative_dir = "" if directory == root else directory.relative_to(root).as_posix() + "/"
        patterns = inherited + [(relative_dir, p) for p in _gitignore_patterns(directory)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            raise PathError("files.cannot_read_directory", path=directory, reason=reason(error)) from None
        subdirectories = []
        for entry in entries:
            relative = relative_dir + entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link loop or a vanished entry: not a folder to walk
                is_dir = False
            if entry.name.startswith(".") or _ignored(relative, entry.name, is_dir, patterns):
                continue
            if any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative + "/", pattern) for pattern in excludes):
                continue
            if is_dir:
                identity = _identity(entry.path)
                if identity is not None and identity not in seen_directories:
                    seen_directories.add(identity)
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
                raise PathError("files.no_sop_files", path=raw)
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            raise PathError("files.no_such_path", path=raw)
    # Each real file once: the same path twice, or two links to one file.
    seen: set[object] = set()
    unique = []
    for path in found:
        identity = _identity(path) or path
        if identity not in seen:
            seen.add(identity)
            unique.append(path)
    return unique
