"""The facts of every file of a run, indexed for the repository rules (X,
`sop_lint.rules.x_repository`): titles and Nomor by their comparison key,
and titles by word for a did-you-mean. Lookups are dicts, and a
did-you-mean compares an unknown name with a bounded number of titles that
share its rarest word: linear in the number of files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..names import closest, fold
from ..pack import Pack
from ..rule import Finding
from .facts import Facts

# What a repository rule yields: the index of the file in the run, and the finding.
Found = tuple[int, Finding]

_NOT_WORD = re.compile(r"[\W_]+")
_SOP_PREFIX = "sop"
# A did-you-mean compares an unknown item with at most this many titles (those that
# share its rarest word): a miss costs the same in a repository of 100 or of 100,000.
_SUGGESTION_CANDIDATES = 100
_SUGGESTION_CUTOFF = 0.75


def sop_key(text: str) -> str:
    """How titles, Nomor and Keterkaitan items are compared: case, spacing and
    punctuation ignored, and a leading `SOP` dropped (`SOP Penyusunan Renstra.`
    is `penyusunan renstra`)."""
    words = _NOT_WORD.sub(" ", text.casefold()).split()
    if len(words) > 1 and words[0] == _SOP_PREFIX:
        words = words[1:]
    return " ".join(words)


class Repository:
    """The facts of every file of a run, indexed for the repository rules."""

    def __init__(self, files: Sequence[tuple[str, Facts]], pack: Pack) -> None:
        self.files = files
        self.pack = pack
        self._titles: dict[str, int] | None = None
        self._words: dict[str, list[int]] | None = None

    def titles(self) -> dict[str, int]:
        """Title and Nomor keys -> the first file that has it."""
        if self._titles is None:
            self._titles = {}
            for index, (_, facts) in enumerate(self.files):
                for located in (facts.title, facts.number):
                    if located is not None:
                        self._titles.setdefault(sop_key(located.text), index)
        return self._titles

    def nearest_title(self, key: str) -> int | None:
        """The file whose title is closest to `key` (a did-you-mean), if one is close."""
        if self._words is None:
            self._words = {}
            for index, (_, facts) in enumerate(self.files):
                if facts.title is not None:
                    for word in set(sop_key(facts.title.text).split()):
                        self._words.setdefault(word, []).append(index)
        postings = [self._words[word] for word in set(key.split()) if word in self._words]
        if not postings:
            return None
        candidates: dict[int, None] = {}
        for posting in sorted(postings, key=len):  # the rarest words first
            for index in posting[:_SUGGESTION_CANDIDATES]:
                candidates.setdefault(index, None)
            if len(candidates) >= _SUGGESTION_CANDIDATES:
                break
        choices: dict[str, str] = {}
        by_title: dict[str, int] = {}
        for index in sorted(candidates)[:_SUGGESTION_CANDIDATES]:
            title = self.files[index][1].title
            assert title is not None
            choices.setdefault(sop_key(title.text), str(index))
            by_title.setdefault(str(index), index)
        guess, _ = closest(key, choices, cutoff=_SUGGESTION_CUTOFF, normalize=lambda text: text)
        return None if guess is None else by_title[guess]

    def is_nothing(self, text: str) -> bool:
        """A placeholder (`-`, `…`) or a statement of none (`Tidak ada`): names no SOP."""
        folded = fold(text).strip(" .")
        return (
            not folded
            or folded in self.pack.placeholders
            or folded in {fold(s) for s in self.pack.word_lists.get("none_statements", [])}
        )
