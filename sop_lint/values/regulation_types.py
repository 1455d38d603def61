"""The regulation vocabulary: the kinds of Indonesian legislation and
administrative rules (the JDIH categories) and the ministries and agencies
that issue them, as the pack describes them (`regulation_forms`,
`regulation_issuers` in `rules/regulations.json`).

A type is recognised by comparing *squashed* text: case-folded, letters and
digits only. So `Undang - Undang`, `undang-undang` and `UNDANG UNDANG` are
one spelling, as are `PermenPAN-RB`, `Permenpan RB` and `Permen PAN & RB`.
A match must end where a word ends (`SE` is not the start of `Sekretaris`).

A type is a form (`permen`, Peraturan Menteri) and, for the forms issued by
a ministry or an agency, the issuer: `permen.kemendagri`. The issuer is
named after the form (`Peraturan Menteri Dalam Negeri`), glued to its short
form (`Permendagri`, `Kepmenpan`), after a bare `Peraturan`/`Keputusan`/
`Surat Edaran` by its minister or head (`Peraturan Mendagri`, `Surat Edaran
Kepala BKN`), or by a short form of its own (`PMK`, `Perkap`).

Matching walks dictionaries of squashed phrases, longest first: no user
regular expression is involved, so a hostile pack cannot make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# How far into an entry a type and its issuer can reach (in letters).
_MAX_SQUASHED = 120


_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")


def squashed(text: str) -> str:
    """`Undang - Undang` -> `undangundang`: letters and digits only, case-folded."""
    return _NOT_ALNUM.sub("", text.casefold())


class Kind:
    """What the rules need to know of a type key (`permen.kemendagri`)."""

    __slots__ = ("form", "issuer", "label", "numbered")

    def __init__(self, form: str, issuer: str | None, label: str, numbered: bool) -> None:
        self.form = form
        self.issuer = issuer
        self.label = label
        self.numbered = numbered


class TypeMatch:
    """A type recognised at the start of an entry: its key and where its name ends."""

    __slots__ = ("end", "form", "issuer")

    def __init__(self, form: str, issuer: str | None, end: int) -> None:
        self.form = form
        self.issuer = issuer
        self.end = end

    @property
    def key(self) -> str:
        return self.form if self.issuer is None else f"{self.form}.{self.issuer}"


_SEEN_LIMIT = 4096  # readings remembered (a hostile file of distinct entries stays bounded)
_UNSEEN: Any = object()

# A first-stage entry: (form, issuer table to read next or None, issuer required, fixed issuer)
_Entry = tuple[str, str | None, bool, str | None]


class Vocabulary:
    """The forms and issuers of a pack, with the lookup tables built on first use."""

    def __init__(self) -> None:
        self.forms: dict[str, dict[str, Any]] = {}
        self.issuers: dict[str, dict[str, Any]] = {}
        self._built = False
        self._kinds: dict[str, Kind | None] = {}
        self._first: dict[str, list[_Entry]] = {}
        self._first_lengths: dict[str, list[int]] = {}
        self._tables: dict[str, dict[str, str]] = {}
        self._table_lengths: dict[str, list[int]] = {}
        self._seen: dict[str, tuple[str, str | None, int] | None] = {}  # what match() read before

    def add(self, forms: Iterable[Mapping[str, Any]], issuers: Iterable[Mapping[str, Any]]) -> None:
        """Lay a pack's forms and issuers over these: the same key replaces."""
        for form in forms:
            self.forms[form["key"]] = dict(form)
        for issuer in issuers:
            self.issuers[issuer["key"]] = dict(issuer)
        self._built = False
        self._kinds = {}
        self._seen = {}

    def __bool__(self) -> bool:
        return bool(self.forms)

    # Building -------------------------------------------------------------

    def _build(self) -> None:
        """The first-stage table (form spellings and issuers' own short forms);
        the issuer tables are built when a reading first needs one."""
        first: dict[str, list[_Entry]] = {}

        def put_first(phrase: str, entry: _Entry) -> None:
            key = squashed(phrase)
            if key:
                entries = first.setdefault(key, [])
                if entry not in entries:
                    entries.append(entry)

        for issuer in self.issuers.values():
            for form_key, spellings in issuer.get("short_forms", {}).items():
                for phrase in spellings:
                    put_first(phrase, (form_key, None, False, issuer["key"]))
        for form in self.forms.values():
            key, kind = form["key"], form.get("issuers")
            for phrase in form.get("spellings", []):
                put_first(phrase, (key, f"names:{kind}" if kind else None, False, None))
            if kind:
                for phrase in form.get("glued", []):
                    put_first(phrase, (key, "stems", True, None))
                for phrase in form.get("lead", []):
                    put_first(phrase, (key, f"titles:{kind}", True, None))
        self._first = first
        # The lengths worth trying, by the first three letters (two for `pp`, `uu`, `se`).
        lengths: dict[str, set[int]] = {}
        for phrase in first:
            lengths.setdefault(phrase[:3], set()).add(len(phrase))
        self._first_lengths = {prefix: sorted(found, reverse=True) for prefix, found in lengths.items()}
        self._tables = {}
        self._table_lengths = {}
        self._built = True

    def _table(self, name: str) -> dict[str, str]:
        """An issuer table: squashed phrase -> issuer key. `names:ministry` holds
        what follows `Peraturan Menteri` (`Dalam Negeri`, `PAN-RB`), `titles:…`
        what follows a bare `Peraturan` (`Menteri Dalam Negeri`, `Mendagri`,
        `Kepala BKN`, `Kapolri`), `stems` what is glued to `Permen` (`dagri`)."""
        table = self._tables.get(name)
        if table is not None:
            return table
        what, _, kind = name.partition(":")
        if kind == "any":
            table = {**self._table(f"{what}:agency"), **self._table(f"{what}:ministry")}
        else:
            table = {}
            for issuer in self.issuers.values():
                if (name == "stems" and issuer.get("class") == "ministry") or issuer.get("class", "agency") == kind:
                    for phrase in _issuer_phrases(issuer, what):
                        key = squashed(phrase)
                        if key:
                            table.setdefault(key, issuer["key"])
        self._tables[name] = table
        self._table_lengths[name] = sorted({len(k) for k in table}, reverse=True)
        return table

    # Matching -------------------------------------------------------------

    def match(self, text: str, start: int) -> TypeMatch | None:
        """The type named at `text[start:]`, if any: the longest reading that
        ends at the end of a word, preferring one that names its issuer."""
        if not self._built:
            self._build()
        window = text[start : start + 3 * _MAX_SQUASHED]
        digit = _DIGIT.search(window)
        if digit is not None:
            window = window[: digit.start()]  # types have no digits: the number has begun
        # The reading depends on the window and on the letter after it (a word ends there
        # or not), nothing else: a repository cites the same few types again and again.
        seen = text[start : start + len(window) + 1]
        known = self._seen.get(seen, _UNSEEN)
        if known is _UNSEEN:
            read = self._read(text, start, window)
            known = None if read is None else (read.form, read.issuer, read.end - start)
            if len(self._seen) < _SEEN_LIMIT:
                self._seen[seen] = known
        return None if known is None else TypeMatch(known[0], known[1], start + known[2])

    def _read(self, text: str, start: int, window: str) -> TypeMatch | None:
        if window.isascii():
            squash = _NOT_ALNUM.sub("", window).lower()[:_MAX_SQUASHED]
        else:  # case-folding may change the length of a letter: keep it one for one
            squash = "".join(char.lower()[:1] for char in window if char.isalnum())[:_MAX_SQUASHED]
        where: list[int] = []  # the index in `text` of each squashed letter, worked out when asked

        def boundary(count: int) -> bool:
            if not where:
                where.extend(start + index for index, char in enumerate(window) if char.isalnum())
            after = where[count - 1] + 1
            return after >= len(text) or not text[after].isalnum()

        best: tuple[bool, int, str, str | None] | None = None
        candidates = self._first_lengths.get(squash[:3], [])
        if len(squash) >= 3 and squash[:2] in self._first_lengths:
            candidates = [*candidates, *self._first_lengths[squash[:2]]]  # two-letter types come last: they are shortest
        for length in candidates:
            if length > len(squash):
                continue
            entries = self._first.get(squash[:length])
            if not entries:
                continue
            for form, table, required, fixed in entries:
                found: tuple[bool, int, str, str | None] | None = None
                if table is None:
                    if boundary(length):
                        found = (fixed is not None, length, form, fixed)
                else:
                    issuer = self._issuer(squash, length, table, boundary)
                    if issuer is not None:
                        found = (True, issuer[1], form, issuer[0])
                    elif not required and boundary(length):
                        found = (False, length, form, None)
                if found is not None and (best is None or found[:2] > best[:2]):
                    best = found
            # Longest first: a reading that names its issuer, or a whole type
            # that takes none (`Peraturan Pemerintah`), is not beaten by a
            # shorter one (only a generic `Peraturan Menteri` looks on).
            if best is not None and (best[0] or self.forms.get(best[2], {}).get("issuers") is None):
                break
        if best is None:
            return None
        boundary(best[1])  # `where` is known from here on
        return TypeMatch(best[2], best[3], where[best[1] - 1] + 1)

    def _issuer(self, squash: str, offset: int, table: str, boundary: Any) -> tuple[str, int] | None:
        names = self._table(table)
        for length in self._table_lengths[table]:
            end = offset + length
            if end > len(squash):
                continue
            issuer = names.get(squash[offset:end])
            if issuer is not None and boundary(end):
                return issuer, end
        return None

    def near_miss(self, text: str) -> str | None:
        """The label of a form whose name `text` almost starts with (`Instuksi
        Presiden` -> `Instruksi Presiden`): one slip in a short name, two in a long one."""
        from ..names import edit_distance

        squash = squashed(text[: 2 * _MAX_SQUASHED])
        best: tuple[int, int, str] | None = None
        near = [(squashed(phrase), form["key"]) for form in self.forms.values() for phrase in form.get("spellings", [])]
        for phrase, form in near:
            if len(phrase) < 6:
                continue
            if squash[:1] != phrase[:1]:
                continue
            limit = 1 if len(phrase) < 12 else 2
            for length in range(len(phrase) - limit, len(phrase) + limit + 1):
                if length <= 0 or length > len(squash):
                    continue
                distance = edit_distance(squash[:length], phrase, limit)
                if 0 < distance <= limit and (best is None or (distance, -len(phrase)) < best[:2]):
                    best = (distance, -len(phrase), form)
        return self.forms[best[2]]["label"] if best else None

    # Describing -----------------------------------------------------------

    def kind(self, key: str) -> Kind | None:
        """The form, issuer, label and numbering of a type key (`permen.kemendagri`)."""
        if key in self._kinds:
            return self._kinds[key]
        described = self._describe(key)
        if len(self._kinds) < 4096:
            self._kinds[key] = described
        return described

    def _describe(self, key: str) -> Kind | None:
        form_key, _, issuer_key = key.partition(".")
        form = self.forms.get(form_key)
        if form is None:
            return None
        issuer = self.issuers.get(issuer_key) if issuer_key else None
        label = str(form["label"])
        if issuer is not None:  # `Peraturan` + `Menteri Dalam Negeri`
            label = f"{form.get('label_before_issuer', label)} {issuer['label']}"
        return Kind(form_key, issuer_key or None, label, bool(form.get("numbered", True)))


def _issuer_phrases(issuer: Mapping[str, Any], what: str) -> list[str]:
    """The phrases that name an issuer in a table of kind `what` (`names`, `titles`, `stems`)."""
    names = list(issuer.get("names", []))
    abbreviations = list(issuer.get("abbreviations", []))
    stems = list(issuer.get("stems", []))
    if what == "stems":
        return stems
    if issuer.get("class") == "ministry":
        if what == "names":
            return [*names, *stems, *abbreviations]
        return [
            *("men" + stem for stem in stems),
            *("menteri " + phrase for phrase in (*names, *stems)),
            *("menteri negara " + phrase for phrase in (*names, *stems)),
            *abbreviations,
        ]
    if what == "names":
        return [*names, *abbreviations]
    return [*names, *abbreviations, *("kepala " + phrase for phrase in (*names, *abbreviations)), *issuer.get("titles", [])]
