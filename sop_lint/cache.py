"""The results cache: a file whose content, settings, rule packs and sop-lint
are unchanged since the last run is not linted again.

An entry is keyed by a hash of everything its findings depend on: the file's
bytes, the settings (selection, severities, language, preview, "today", the
role registry …), the per-file ignores that apply to its path, the rule
packs' contents, and the tool (version, Python, and the size and time of
every module and data file of the installed package, so an edited checkout
never reads stale results). The path itself is not in the key: a renamed or
copied file still hits; the findings are given its path when read.

Layout: `.sop-lint-cache/` next to the configuration file (else in the
working directory), or — when that cannot be written — the user's cache
folder. Under it one folder per tool build (older builds' folders are
removed), and one small file per entry, written to a temporary name and
renamed into place, so parallel runs never see half an entry. An entry that
cannot be read or does not look right is a miss and is written again: a
corrupt cache is ignored and rebuilt, never an error.

Entries are `marshal` data (built in: no import, fast to load) behind a
header that names the entry's own key and a digest of the data: an entry is
trusted only when both match, so a truncated, corrupt or foreign file — or an
entry copied over another file's — is a miss, and marshal never reads bytes
it did not write (a 22-byte hostile entry can make it allocate 2^31 items).
The data: the findings, and the file's facts for the repository rules when
the run read them (a run that needs facts treats an entry without them as a
miss). Findings whose arguments marshal cannot store, and files whose rules
failed, are not cached.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .files import read_source
from .model import Span
from .rule import Edit, Finding, Fix

if TYPE_CHECKING:
    from .engine import Linter

FOLDER = ".sop-lint-cache"
ENV_FOLDER = "SOP_LINT_CACHE_DIR"  # where to keep the cache, overriding both defaults
FORMAT = 4  # 3: a fix carries its applicability and changes; 4: entries carry the file's facts (sop_lint.repository)
_MAGIC = f"sop-lint-cache-{FORMAT}".encode()
_MAX_ENTRY = 16 * 1024 * 1024  # far above any real entry; a larger file is not an entry
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# sop-lint's results cache: https://bford.info/cachedir/\n"

_BUILD_FOLDER = re.compile(r"v\d+-[0-9a-f]{16}")  # one tool build's entries

# A finding as plain data: the values of its slots in order, a Span as a
# 4-tuple, a Fix as (title, [edits], applicability, changes), an Edit as (span, text).
Record = tuple[Any, ...]


def _hasher() -> Any:
    try:  # the built-in blake2: `hashlib` would load OpenSSL, slow to import
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(digest_size=20)


def _digest(payload: bytes) -> bytes:
    hasher = _hasher()
    hasher.update(payload)
    return str(hasher.hexdigest()).encode()


def _span(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def encode(finding: Finding) -> Record:
    """A finding as plain data (for the cache and for worker processes)."""
    values: list[Any] = []
    for name in Finding.__slots__:
        value = getattr(finding, name)
        if isinstance(value, Span):
            value = _span(value)
        elif isinstance(value, Fix):
            value = (value.title, [(_span(edit.span), edit.text) for edit in value.edits], value.applicability, value.changes)
        values.append(value)
    return tuple(values)


def decode(record: Record) -> Finding:
    values: list[Any] = []
    for name, value in zip(Finding.__slots__, record, strict=True):
        if name == "span":
            value = Span(*value)
        elif name == "fix" and value is not None:
            title, edits, applicability, changes = value
            value = Fix(title, [Edit(Span(*span), text) for span, text in edits], applicability, tuple(changes))
        values.append(value)
    return Finding(*values)


def _tool_fingerprint() -> bytes:
    """The tool build: version, Python, and every package file's size and time."""
    from ._resources import data_path

    parts = [__version__, sys.version, sys.implementation.cache_tag or ""]
    package = Path(__file__).resolve().parent
    for folder in (package, package / "rules", package / "values", data_path("rules"), data_path("grammar")):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".json", ".lark", ".toml")) and entry.is_file():
                stat = entry.stat()
                parts.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
    hasher = _hasher()
    hasher.update("\n".join(parts).encode("utf-8", "surrogateescape"))
    return bytes(hasher.digest())


def _settings_fingerprint(linter: Linter) -> bytes:
    """Everything but the file that the findings depend on."""
    hasher = _hasher()
    # repr of the settings dataclass: every field, so a new setting is keyed without a change here.
    hasher.update(repr(linter.settings).encode("utf-8", "surrogateescape"))
    hasher.update(repr(linter.today).encode())
    hasher.update(repr([rule.code for rule in linter.active]).encode())
    for pack in linter.settings.packs:
        try:
            hasher.update(Path(pack).read_bytes())
        except OSError:
            hasher.update(b"\0unreadable")
    return bytes(hasher.digest())


def default_folder(project_root: Path | None) -> Path:
    """`.sop-lint-cache/` next to the configuration, else in the working directory."""
    override = os.environ.get(ENV_FOLDER)
    if override:
        return Path(override)
    return (project_root if project_root is not None else Path.cwd()) / FOLDER


def user_folder() -> Path:
    """The user's cache folder (used when the project's cannot be written)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "sop-lint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "sop-lint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sop-lint"


class Cache:
    """Reads and writes the entries of one linter's settings."""

    def __init__(self, linter: Linter, folder: Path | None = None) -> None:
        self.linter = linter
        self.root = folder if folder is not None else default_folder(linter.settings.project_root)
        tool = _tool_fingerprint()
        self.folder = self.root / f"v{FORMAT}-{tool.hex()[:16]}"
        self.settings = _settings_fingerprint(linter)
        self.ready: bool | None = None  # None: the folder not made yet; False: cannot write
        self._ignored: dict[tuple[str, ...], bytes] = {}
        self._counter = 0

    def key(self, data: bytes, path: str) -> str:
        ignored = tuple(self.linter._ignored_for(path))  # per-file-ignores depend on the path
        hasher = _hasher()
        hasher.update(self.settings)
        hasher.update(repr(ignored).encode("utf-8", "surrogateescape"))
        hasher.update(b"\0")
        hasher.update(data)
        return str(hasher.hexdigest())

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The cached findings (given `path`), or None: a miss, including an unreadable entry."""
        entry = self.get_entry(key, path)
        return None if entry is None else entry[0]

    def get_entry(self, key: str, path: str, with_facts: bool = False) -> tuple[list[Finding], Any] | None:
        """(findings given `path`, facts as plain data or None), or None: a miss —
        also when `with_facts` and the entry has none."""
        try:
            entry = read_source(self.folder / key, _MAX_ENTRY)
            magic, stored_key, digest, payload = entry.split(b"\n", 3)
            if magic != _MAGIC or stored_key != key.encode() or digest != _digest(payload):
                return None
            records, facts = marshal.loads(payload)
            if not isinstance(records, list) or not all(isinstance(r, tuple) for r in records):
                return None
            if with_facts and facts is None:
                return None
            findings = [decode(record) for record in records]
        except Exception:  # missing, truncated, foreign or corrupt: a miss
            return None
        for finding in findings:
            finding.path = path
        return findings, facts

    def put(self, key: str, records: Iterable[Record], facts: Any = None) -> None:
        """Store an entry (never raises: a cache that cannot be written is no cache)."""
        try:
            payload = marshal.dumps((list(records), facts))
        except ValueError:  # an argument marshal cannot store: not cached
            return
        data = b"\n".join((_MAGIC, key.encode(), _digest(payload), payload))
        if not self._prepare():
            return
        self._counter += 1
        temporary = self.folder / f".{key}.{os.getpid()}.{self._counter}.tmp"
        try:
            with open(temporary, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / key)
        except BaseException as error:  # also Ctrl-C or SIGTERM meanwhile: no temporary file left
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if not isinstance(error, OSError):
                raise

    def _prepare(self) -> bool:
        if self.ready is None:
            self.ready = self._make(self.root)
            if not self.ready and os.environ.get(ENV_FOLDER) is None:
                self.root = user_folder()
                self.folder = self.root / self.folder.name
                self.ready = self._make(self.root)
        return self.ready

    def _make(self, root: Path) -> bool:
        try:
            fresh = not root.exists() or not any(root.iterdir())
            self.folder.mkdir(parents=True, exist_ok=True)
            if fresh:  # a folder of its own: tag it, and keep it out of git
                (root / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
                (root / ".gitignore").write_text("# Created by sop-lint.\n*\n", encoding="utf-8")
            self._remove_old_builds(root)
            return os.access(self.folder, os.W_OK)
        except OSError:
            return False

    def _remove_old_builds(self, root: Path) -> None:
        """Other tool builds' entries can never be read again. Only folders named as this
        module names them, in a folder that is sop-lint's cache, are removed."""
        try:
            if (root / "CACHEDIR.TAG").read_text(encoding="utf-8") != _TAG:
                return
        except (OSError, UnicodeDecodeError):
            return
        for entry in os.scandir(root):
            if entry.name != self.folder.name and _BUILD_FOLDER.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
