"""What counts as no content: a placeholder item (`-`, `TBD`, `(isi)`) and a blank one.

Shared by the families that must agree on it — C202 and S408 on "empty",
C203, C204, C205 and the L rules on "only holds the place of content".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..names import fold

if TYPE_CHECKING:
    from ..model import Item
    from ..pack import Pack

_WRAPPERS = " \t()[]<>\"'`*_"
_FILLER_LIMIT = 200  # nor a run of filler: a hostile 2 MB item is not looked at again and again
_FILLER = frozenset("-–—.…_/ ")  # an item of nothing but these is a placeholder too (`--`, `.....`)
_FILLER_CHARS = "".join(_FILLER) + _WRAPPERS


def _placeholder_limit(pack: Pack) -> int:
    """Longer than this, no placeholder word of the pack, however wrapped (`(belum ada)`), fits."""
    return max(map(len, pack.placeholders), default=0) + 2 * len(_WRAPPERS)


def is_placeholder(text: str, pack: Pack) -> bool:
    """An item that only holds the place of content: `-`, `...`, `TBD`, `(isi)`."""
    if len(text) > _placeholder_limit(pack):
        # No placeholder word is this long: only a run of filler (`-----`) can still be one.
        return len(text) <= _FILLER_LIMIT and not text.strip(_FILLER_CHARS)
    folded = fold(text).strip(_WRAPPERS)
    if not folded:
        return bool(text.strip())  # `( )`, `""`: wrapping with nothing inside
    return folded in pack.placeholders or folded.rstrip(".") in pack.placeholders or set(folded) <= _FILLER


def is_blank(item: Item) -> bool:
    """No text in the item or any of its sub-items (comments do not count)."""
    pending = [item]
    while pending:
        current = pending.pop()
        if current.text.strip():
            return False
        pending.extend(current.subs)
    return True
