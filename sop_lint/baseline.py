"""Baselines: adopting sop-lint on a repository of old SOPs.

`--write-baseline FILE` records today's findings; `--baseline FILE` then
reports only findings not recorded there. A finding is keyed by its file
(relative to the baseline's folder, so the baseline works from any working
directory), its code and the offending line's text — not its line number, so
editing above a known finding does not bring it back. Each key carries a
count: a second identical finding on another identical line is new. A
recorded finding that has since been fixed is simply not matched.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .files import read_source
from .messages import Told, Words, reason
from .records import Record
from .rule import Finding

FORMAT = "sop-lint-baseline"
VERSION = 1
TEXT_LIMIT = 300  # characters of the offending line kept in a key

Key = tuple[str, str, str]  # (path, code, offending text)


class BaselineError(Told):
    """A baseline that cannot be read or written; the message is one line (a catalog key)."""


def _display(path: Path) -> str:
    from .config import display

    return display(path)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).absolute(), root)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).absolute().as_posix()


def key(finding: Finding, root: Path) -> Key:
    # Leading and trailing blanks do not matter: re-indenting a step keeps its findings known.
    # A huge line is cut, so that the baseline stays readable.
    return (_relative(finding.path, root), finding.code, finding.source_line.strip()[:TEXT_LIMIT])


class Baseline(Record):
    path: Path
    counts: Counter[Key]

    @property
    def root(self) -> Path:
        return self.path.absolute().parent

    def new_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not account for, in their order."""
        budget = Counter(self.counts)
        fresh: list[Finding] = []
        for finding in findings:
            k = key(finding, self.root)
            if budget[k] > 0:
                budget[k] -= 1
            else:
                fresh.append(finding)
        return fresh


def document(findings: Sequence[Finding], path: Path) -> dict[str, Any]:
    root = path.absolute().parent
    counts = Counter(key(f, root) for f in findings)
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": f"sop-lint {__version__}",
        "findings": [{"path": p, "code": code, "text": text, "count": n} for (p, code, text), n in sorted(counts.items())],
    }


def write(findings: Sequence[Finding], path: Path) -> int:
    """Record the findings in `path`; returns how many were recorded."""
    text = json.dumps(document(findings, path), indent=2, ensure_ascii=False) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BaselineError("baseline.cannot_write", path=_display(path), reason=reason(error)) from None
    return len(findings)


def load(path: Path) -> Baseline:
    where = _display(path)
    try:
        raw = read_source(path).decode("utf-8")
    except FileNotFoundError:
        raise BaselineError("baseline.no_file", path=where) from None
    except OSError as error:
        raise BaselineError("baseline.cannot_read", path=where, reason=reason(error)) from None
    except UnicodeDecodeError:
        raise BaselineError("baseline.not_baseline", path=where, problem=Words("baseline.not_utf8")) from None
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise BaselineError("baseline.not_baseline", path=where, problem=Words("baseline.not_json", reason=error)) from None

    def bad(key: str, **fields: object) -> BaselineError:
        return BaselineError("baseline.not_baseline", path=where, problem=Words(key, **fields))

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad("baseline.format", format=FORMAT)
    if data.get("version") != VERSION:
        raise bad("baseline.version", found=repr(data.get("version")), version=VERSION)
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise bad("baseline.findings_list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise bad("baseline.entry_object", index=index)
        fields = (entry.get("path"), entry.get("code"), entry.get("text"))
        count = entry.get("count", 1)
        if not all(isinstance(value, str) for value in fields):
            raise bad("baseline.entry_fields", index=index)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise bad("baseline.entry_count", index=index)
        counts[(str(fields[0]), str(fields[1]), str(fields[2]))] += count
    return Baseline(path, counts)
