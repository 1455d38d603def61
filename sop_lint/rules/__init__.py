"""The rules, one family per module (`p_structure`, `m_identity`, …).

Defining a `Rule` subclass registers it; `all_rules()` imports every module
of this package, so a new rule needs no list to be kept by hand.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..rule import Rule

_LOADED = False


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by code, in code order."""
    global _LOADED
    if not _LOADED:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _LOADED = True
    return dict(sorted(Rule.registry.items()))
