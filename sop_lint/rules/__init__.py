"""The rules, one family per module (`p_structure`, `m_identity`, …).

Defining a `Rule` subclass registers it; `all_rules()` imports every module
of this package, so a new rule needs no list to be kept by hand.
"""

from __future__ import annotations

import importlib
import os

from ..rule import Rule

_LOADED = False


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by code, in code order."""
    global _LOADED
    if not _LOADED:
        for name in _module_names():
            importlib.import_module(f"{__name__}.{name}")
        _LOADED = True
    return dict(sorted(Rule.registry.items()))


def _module_names() -> list[str]:
    """The family modules beside this file (a directory listing: `pkgutil` costs more to import)."""
    names: set[str] = set()
    for folder in __path__:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        names.update(entry[:-3] for entry in entries if entry.endswith(".py") and not entry.startswith("_"))
    if not names:  # not plain files (a zip, bytecode only): ask the import system
        import pkgutil

        names.update(module.name for module in pkgutil.iter_modules(__path__))
    return sorted(names)
