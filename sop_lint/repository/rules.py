"""X — the repository rules: they read the facts of every file of a run.

Each is a `Rule` like any other (code, name, docs, messages, catalog,
selection, severities, suppressions, baselines); its per-file `check` finds
nothing, and `check_repository` runs once over the whole set after the
per-file pass (`sop_lint.repository.repository_findings`). Both are linear
in the number of files: a Nomor or a Keterkaitan item is looked up in a
dict, and a did-you-mean for an unknown one compares it with a bounded
number of titles that share its rarest word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import ClassVar

from ..model import Sop
from ..names import closest, fold
from ..pack import Pack
from ..rule import Context, Finding, Rule, shorten
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


class UnknownRelatedSop(Rule):
    """
    ## What it does
    When a directory is linted with `check-related = true`, reports a
    Keterkaitan item that names an SOP no file of the run has: the item is
    compared with every file's title (Nama SOP) and Nomor, ignoring case,
    spacing, punctuation and a leading `SOP`. The message names the title
    that comes closest, if one does. Placeholders (`-`) and `Tidak ada` are
    not looked up.

    ## Why is this bad?
    Keterkaitan tells the reader which other SOPs this one hands over to; a
    name that matches none of them (misspelt, renamed, or never written)
    sends the reader nowhere, and the reviewers' criterion *sinergi satu
    dengan lainnya* cannot be checked.

    ## Example
    ```markdown
    <!-- file: pengumpulan.sop.md -->
    # Pengumpulan Data Kinerja

    ## Keterkaitan

    1. SOP Perbaikan Data Kinerja

    <!-- file: perbaikan.sop.md -->
    # Perbaikan Data Kinerja Pegawai
    ```

    Use instead:
    ```markdown
    <!-- file: pengumpulan.sop.md -->
    # Pengumpulan Data Kinerja

    ## Keterkaitan

    1. SOP Perbaikan Data Kinerja Pegawai

    <!-- file: perbaikan.sop.md -->
    # Perbaikan Data Kinerja Pegawai
    ```
    """

    code = "X701"
    name = "unknown-related-sop"
    severity = "warning"
    summary = "a Keterkaitan item that names no SOP of the linted set"
    summary_id = "butir Keterkaitan yang tidak menyebut SOP mana pun dalam himpunan yang diperiksa"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Keterkaitan names `{text}`, but no SOP linted has that title or Nomor",
            "Keterkaitan menyebut `{text}`, tetapi tidak ada SOP yang diperiksa dengan judul atau Nomor itu",
        ),
        "suggest": (
            "Keterkaitan names `{text}`, but no SOP linted has that title or Nomor; did you mean `{title}` ({path})?",
            "Keterkaitan menyebut `{text}`, tetapi tidak ada SOP yang diperiksa dengan judul atau Nomor itu;"
            " maksud Anda `{title}` ({path})?",
        ),
    }
    repository = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        return iter(())  # a repository rule: see check_repository

    def check_repository(self, repo: Repository) -> Iterator[Found]:
        titles = repo.titles()
        suggestions: dict[str, int | None] = {}  # the same unknown name comes back in many files
        for index, (_, facts) in enumerate(repo.files):
            for item in facts.related:
                key = sop_key(item.text)
                if not key or key in titles or repo.is_nothing(item.text):
                    continue
                if key not in suggestions:
                    suggestions[key] = repo.nearest_title(key)
                nearest = suggestions[key]
                if nearest is None:
                    yield index, self.report(item.span, text=shorten(item.text, 60))
                    continue
                path, other = repo.files[nearest]
                assert other.title is not None
                yield index, self.report(item.span, "suggest", text=shorten(item.text, 60), title=other.title.text, path=path)


class DuplicateSopNumber(Rule):
    """
    ## What it does
    Reports a Nomor that another file of the run also has (compared
    ignoring case, spacing and punctuation), on each of the files, naming
    all the others. A Nomor that is only a placeholder (`-`, `...`) is
    M101's, not a duplicate.

    ## Why is this bad?
    The Nomor is how an SOP is cited in decrees, in Keterkaitan and in the
    monitoring table: two SOPs under one number make every such reference
    ambiguous. It is usually a copied file whose Nomor was not changed.

    ## Example
    ```markdown
    <!-- file: surat-masuk.sop.md -->
    # Pelayanan Surat Masuk

    ## Identitas

    - Nomor: 065/3/DP-B

    <!-- file: surat-keluar.sop.md -->
    # Pelayanan Surat Keluar

    ## Identitas

    - Nomor: 065/3/DP-B
    ```

    Use instead:
    ```markdown
    <!-- file: surat-masuk.sop.md -->
    # Pelayanan Surat Masuk

    ## Identitas

    - Nomor: 065/3/DP-B

    <!-- file: surat-keluar.sop.md -->
    # Pelayanan Surat Keluar

    ## Identitas

    - Nomor: 065/4/DP-B
    ```
    """

    code = "X702"
    name = "duplicate-sop-number"
    severity = "error"
    summary = "two files share a Nomor"
    summary_id = "dua berkas memakai Nomor yang sama"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Nomor `{number}` is also the Nomor of {others}",
            "Nomor `{number}` juga Nomor dari {others}",
        ),
        "many": (
            "Nomor `{number}` is also the Nomor of {others} and {more} more files",
            "Nomor `{number}` juga Nomor dari {others} dan {more} berkas lain",
        ),
    }
    repository = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        return iter(())  # a repository rule: see check_repository

    def check_repository(self, repo: Repository) -> Iterator[Found]:
        groups: dict[str, list[int]] = {}
        for index, (_, facts) in enumerate(repo.files):
            number = facts.number
            if number is None or repo.is_nothing(number.text):
                continue
            key = sop_key(number.text)
            if key:
                groups.setdefault(key, []).append(index)
        for members in groups.values():
            if len(members) < 2:
                continue
            for index in members:
                number = repo.files[index][1].number
                assert number is not None
                others = [other for other in members if other != index]
                named = ", ".join(f"`{repo.files[other][0]}:{_line(repo.files[other][1])}`" for other in others[:_NAMED])
                if len(others) > _NAMED + 1:  # "and 1 more file" would be longer than its name
                    yield (
                        index,
                        self.report(
                            number.span, "many", number=shorten(number.text, 60), others=named, more=len(others) - _NAMED
                        ),
                    )
                else:
                    yield index, self.report(number.span, number=shorten(number.text, 60), others=named)


_NAMED = 5  # X702 names this many other files, then counts the rest (a Nomor copied into 500 files)


def _line(facts: Facts) -> int:
    return facts.number.span.line if facts.number is not None else 0
