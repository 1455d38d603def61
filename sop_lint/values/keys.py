"""Which pack key a `Key:` label names, as identity tables and steps write them.

Labels are compared with their dots and spaces removed, so the abbreviations
real tables use are the keys they abbreviate: `No.`, `No. SOP`, `Tgl.
Pengesahan`, `Tgl.Pembuatan` (with the pack's aliases `No`, `No SOP`, `Tgl
Pengesahan`, `Tgl Pembuatan`). A label that is none of them is still that
key when it is unambiguously close to one (a misspelling), or when it starts
with the words of exactly one required key (`Tanggal Pengesahan SOP`,
`NIP Pejabat`): then it is reported once, as an unknown key with its
suggestion (P003), and the required key is not also missing (M101).
"""

from __future__ import annotations

from ..names import closest, fold, squash
from ..pack import Pack

# (id of the key table, its size) -> squashed spelling -> canonical name
_SQUASHED: dict[tuple[int, int], dict[str, str]] = {}


def _squashed(keys: dict[str, str]) -> dict[str, str]:
    marker = (id(keys), len(keys))
    table = _SQUASHED.get(marker)
    if table is None:
        table = {}
        for spelling, canonical in keys.items():
            table.setdefault(squash(spelling), canonical)
        if len(_SQUASHED) > 64:  # a long-lived process (the language server) loads packs anew
            _SQUASHED.clear()
        _SQUASHED[marker] = table
    return table


def resolve_key(key_text: str, keys: dict[str, str], pack: Pack) -> tuple[str | None, bool, str | None]:
    """(canonical key or None, exact, suggestion) for a label as written."""
    key = keys.get(fold(key_text))
    if key is not None:
        return key, True, None
    squashed = _squashed(keys)
    key = squashed.get(squash(key_text))
    if key is not None:
        return key, True, None  # `No.`, `Tgl. Pengesahan`: a known spelling with dots
    suggestion, unambiguous = closest(key_text, squashed, normalize=squash)
    if suggestion is not None:
        return (suggestion if unambiguous else None), False, suggestion
    if keys is pack.identity_keys:
        required = {spec.name for spec in pack.identity_fields if spec.required}
        started = _started_by(key_text, keys, required)
        if started is not None:
            return started, False, started
    return None, False, None


def _started_by(key_text: str, keys: dict[str, str], required: set[str]) -> str | None:
    """The one required key whose spelling the label's words begin with (the longest wins)."""
    words = fold(key_text.replace(".", " ")).split()
    best: tuple[int, str] | None = None
    names: set[str] = set()
    for spelling, canonical in keys.items():
        spelled = fold(spelling.replace(".", " ")).split()
        if len(spelled) < len(words) and words[: len(spelled)] == spelled:
            if best is None or len(spelled) > best[0]:
                best, names = (len(spelled), canonical), {canonical}
            elif len(spelled) == best[0]:
                names.add(canonical)
    if best is None or len(names) > 1 or best[1] not in required:
        return None
    return best[1]
