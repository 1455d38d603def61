"""The command line the generators share (`python -m sop_lint.build_parser`,
`python -m sop_lint.build_records`): write the module when it differs, or with
`--check` exit 1 when it is stale."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def generator_main(module: Path, generate: Callable[[], str], command: str, source: str, argv: list[str] | None) -> int:
    """`source`: what the module is made from (for the --check help)."""
    options = argparse.ArgumentParser(prog=f"python -m {command}", description=f"Regenerate {module.name} from {source}.")
    options.add_argument("--check", action="store_true", help=f"exit 1 if the module is not what {source} gives")
    args = options.parse_args(argv)
    text = generate()
    current = module.read_text(encoding="utf-8") if module.exists() else ""
    if args.check:
        if current != text:
            print(f"{module.name} is stale: run `python -m {command}`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        module.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {module.relative_to(module.parent.parent)}")
    return 0
