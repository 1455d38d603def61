"""The yardstick for the bulk and big targets: a bare Lark LALR parse.

    python benchmarks/bare_parse.py PATH...

One process, one core: imports Lark, builds an LALR parser from
grammar/sop.lark (Lark's defaults otherwise: the contextual lexer, a parse
tree), then reads and parses every `*.sop.md` file under the given paths. No
model, no rules, no output: what any Lark-based tool must at least spend.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lark import Lark

GRAMMAR = Path(__file__).resolve().parent.parent / "grammar" / "sop.lark"


def files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(sorted(path.rglob("*.sop.md")) if path.is_dir() else [path])
    return found


def main() -> None:
    parser = Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr")
    count = 0
    for path in files(sys.argv[1:]):
        text = path.read_text(encoding="utf-8")
        parser.parse(text if text.endswith("\n") else text + "\n")
        count += 1
    if count == 0:
        sys.exit("bare_parse: no files")


if __name__ == "__main__":
    main()
