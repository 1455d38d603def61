"""Where the grammar and the rule packs live: inside the installed wheel
(`sop_lint/_data/`, put there by the build) or, in a source checkout, at the
top of the repository (`grammar/`, `rules/`)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    installed = _PACKAGE.joinpath("_data", *parts)
    if installed.exists():
        return installed
    return _PACKAGE.parent.joinpath(*parts)
