"""sop-lint: a linter for Standard Operating Procedures of Indonesian
government bodies (SOP AP, Peraturan Menteri PAN-RB 35/2012).

The library API (`parse`, `lint`) is loaded on first use, so that the
command line does not pay for pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
# The project's repository: SARIF's informationUri and every rule doc link start here
# (the one place; a fork sets `repository-url` in its configuration instead).
REPOSITORY_URL = "https://github.com/sop-lint/sop-lint"
__all__ = ["__version__", "lint", "parse"]

if TYPE_CHECKING:
    from .api import lint, parse


def __getattr__(name: str) -> Any:
    if name in ("parse", "lint"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'sop_lint' has no attribute {name!r}")
