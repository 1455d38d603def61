"""`check --shard I/N` and what `merge-results` reads back.

A shard takes the files whose path (as collected, with `/` separators)
hashes to it — the same files on every runner of a CI matrix, whatever the
runner, and a file keeps its shard when others are added. Its JSON report
(`--output-format json`) is the usual document plus a `shard` object: for
each file linted, its path, its place in the whole run's order and its facts.
The repository rules do not run in a shard (they need every file):
`merge-results` runs them over the joined facts.
"""

from __future__ import annotations

import binascii
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..messages import Told
from .facts import Facts, to_wire

if TYPE_CHECKING:
    from ..rule import Finding, Rule

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


class ShardError(Told, ValueError):
    """A `--shard` value that is not `I/N` with 1 <= I <= N."""


class Shard:
    def __init__(self, index: int, count: int) -> None:
        self.index, self.count = index, count  # 1-based, as written

    def takes(self, path: Path | str) -> bool:
        posix = Path(path).as_posix()
        return binascii.crc32(posix.encode("utf-8", "surrogateescape")) % self.count == self.index - 1


def parse_shard(text: str) -> Shard:
    match = _SHARD.fullmatch(text)
    if match is None:
        raise ShardError("shard.form", value=text)
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise ShardError("shard.range", value=text)
    return Shard(index, count)


class ShardRun:
    """What a shard linted: (place in the whole run, path) and facts, per file."""

    def __init__(self, shard: Shard, files: Sequence[tuple[int, str]], facts: Sequence[Facts], directory: bool) -> None:
        self.shard, self.files, self.facts, self.directory = shard, files, facts, directory

    def section(self) -> dict[str, Any]:
        return {
            "index": self.shard.index,
            "count": self.shard.count,
            "directory": self.directory,
            "files": [
                {"path": path, "order": order, "facts": to_wire(facts)}
                for (order, path), facts in zip(self.files, self.facts, strict=True)
            ],
        }

    def render(self, findings: Sequence[Finding], linted: Sequence[str], out: TextIO, rules: dict[str, type[Rule]]) -> None:
        from ..output.json_format import document

        doc = document(findings, linted, rules)
        doc["shard"] = self.section()
        json.dump(doc, out, indent=2)
        out.write("\n")
