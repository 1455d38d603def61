"""Regenerate `sop_lint/_record_inits.py`, the `__init__` of every record shape.

    python -m sop_lint.build_records           # rewrite the module
    python -m sop_lint.build_records --check   # exit 1 if it is stale

A record (`sop_lint.records`) declares its fields once; its `__init__` is
taken from this generated module, by the record's shape, so that nothing is
compiled when sop-lint starts. The shapes are those of every record class
in the package: each module of `sop_lint` is imported to find them.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import records

PACKAGE = Path(__file__).resolve().parent
MODULE = PACKAGE / "_record_inits.py"
# Not imported to find records: generated modules, and this one's own run.
_SKIP = {"sop_lint._record_inits", "sop_lint._sop_parser", "sop_lint.__main__", "sop_lint.build_records"}

HEADER = '''\
# ruff: noqa
# mypy: ignore-errors
"""The `__init__` of each record shape (see sop_lint/records.py): generated, do not edit.

Regenerate with `python -m sop_lint.build_records` after adding or changing a record's fields.
"""

'''


def shapes() -> dict[str, tuple[tuple[str, ...], dict[str, Callable[[], Any]]]]:
    """Every record shape declared in the package."""
    import sop_lint

    for module in pkgutil.walk_packages(sop_lint.__path__, "sop_lint."):
        if module.name not in _SKIP:
            importlib.import_module(module.name)
    return dict(records.SHAPES)


def generate() -> str:
    found = shapes()
    functions: list[str] = []
    entries: list[str] = []
    for key in sorted(found):
        fields, fresh = found[key]
        # Named by the shape, not by position: a new record adds one function and renames none.
        name = "_init_" + hashlib.sha256(key.encode()).hexdigest()[:10]
        functions.append(records.init_source(name, fields, fresh))
        entries.append(f"    {key!r}: {name},\n")
    return HEADER + "\n\n".join(functions) + "\n\nINITS = {\n" + "".join(entries) + "}\n"


def main(argv: list[str] | None = None) -> int:
    from .generated import generator_main

    return generator_main(MODULE, generate, "sop_lint.build_records", "the records", argv)


if __name__ == "__main__":
    sys.exit(main())
