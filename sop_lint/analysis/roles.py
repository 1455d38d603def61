"""The roles of one SOP as the R rules read them (`Facts.roles`).

Which spellings are declared, which step references resolve, what a
near-miss most likely means, and which declarations collide. It is linear in
the steps and roles, bar the near-miss search, which runs once per distinct
unresolved name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Role, RoleRef, Sop, Span, Step
from ..names import closest, edit_distance, fold, squash
from ..records import Record, field

if TYPE_CHECKING:
    from ..pack import Pack

# How far apart two declared names may be and still look like one role
# spelt twice (R304), and how long both must be (short names like `Kabag`
# and `Kabid` are distinct offices that happen to look alike).
_SIMILAR_EDITS = 2
_SIMILAR_MIN_LENGTH = 6
# Names up to this long go through the deletion index; longer ones (rare)
# are compared pairwise within a length window.
_INDEXED_LENGTH = 64
# Up to this many spellings, every pair of similar length is compared (an index costs more).
_PAIRWISE_ENTRIES = 40
# Bounds for a file no one wrote by hand (10^5 roles `Role n, Bagian n`, all alike): the
# first spellings only are compared, the candidate pairs stop at a budget, and R304 reports
# the first pairs (docs/reliability.md). A real SOP declares tens of roles.
_MAX_ENTRIES = 2_000
_MAX_CANDIDATES = 20_000
_MAX_PAIRS = 100

_SEPARATOR = re.compile(r"[,;]")  # what splits a step's Pelaksana (parser `_LIST_SPLIT`)
_CONJUNCTION = re.compile(r"\s+(?:dan|serta|&)\s+", re.IGNORECASE)


class Undeclared(Record):
    """An R301: a step's reference (possibly several comma-parts) to no declared role."""

    span: Span
    text: str
    message: str  # "default", "suggest" or "conjunction"
    suggestion: str | None = None
    roles: list[Role] = field(default_factory=list)  # the roles it most likely means


class RolePair(Record):
    """Two declared roles that collide (R305) or look alike (R304)."""

    later: Role
    earlier: Role
    span: Span  # the later role's spelling that collides
    text: str  # that spelling as written
    other: str  # the earlier role's spelling it collides with


class RoleFacts:
    """What the R rules know about one SOP's roles (each part worked out on first use)."""

    def __init__(self, sop: Sop, pack: Pack) -> None:
        self.sop = sop
        self.placeholders = pack.placeholders
        # Office abbreviations that name different offices (Kabid / Kabag) although a
        # couple of letters apart: pack word lists `office:<name>`.
        self.offices = {word: name for name, words in pack.word_lists.items() if name.startswith("office:") for word in words}
        self.section = sop.section("Pelaksana")
        self.roles = [role for role in sop.roles if not self.is_placeholder(role.name)]
        # R301 and friends only run against a Pelaksana that declares something:
        # absent is C201, empty is C202.
        self.declared = self.section is not None and bool(self.roles)
        self.steps = [step for step in sop.steps if not step.terminator]
        self.by_fold: dict[str, Role] = {}  # as the parser resolves references
        self.by_spelling: dict[str, Role] = {}  # the spelling as written -> its role
        self.squashed: dict[str, str] = {}  # squashed spelling -> the spelling as written
        for role in self.roles:
            for spelling in spellings(role):
                self.by_fold.setdefault(fold(spelling), role)
                self.by_spelling.setdefault(spelling, role)
                self.squashed.setdefault(squash(spelling), spelling)
        # How many comma-parts a declared name spans, so a near-miss of
        # `Kasubag Perencanaan, Keu. dan Pelaporan` is read as one reference.
        self.max_separators = max((len(_SEPARATOR.findall(s)) for s in self.by_spelling), default=0)
        self._guesses: dict[str, str | None] = {}
        self._performers: dict[int, list[RoleRef]] = {}  # by step index
        self._undeclared: list[Undeclared] | None = None
        self._duplicates: list[RolePair] | None = None
        self._similar: list[RolePair] | None = None

    def is_placeholder(self, text: str) -> bool:
        return fold(text) in self.placeholders

    def performers(self, step: Step) -> list[RoleRef]:
        """The step's role references, placeholders (`-`, `TBD`) left out."""
        refs = self._performers.get(step.index)
        if refs is None:
            refs = self._performers[step.index] = [ref for ref in step.performers if not self.is_placeholder(ref.text)]
        return refs

    def guess(self, text: str) -> str | None:
        """The declared spelling `text` most likely means, comparing without dots, spaces or case."""
        key = squash(text)
        if key not in self._guesses:
            best, _ = closest(text, self.squashed, normalize=squash)
            self._guesses[key] = best
        return self._guesses[key]

    # R301 -------------------------------------------------------------------------

    def undeclared(self) -> list[Undeclared]:
        if self._undeclared is None:
            self._undeclared = []
            if self.declared:
                for step in self.steps:
                    self._undeclared.extend(self._step_undeclared(step))
        return self._undeclared

    def _step_undeclared(self, step: Step) -> Iterator[Undeclared]:
        refs = self.performers(step)
        pelaksana = step.field("Pelaksana")
        i = 0
        while i < len(refs):
            ref = refs[i]
            if ref.role is not None:
                i += 1
                continue
            # The parser split the value at commas; a near-miss of a declared
            # name that holds commas comes back in parts: try them joined.
            run_end = i
            while run_end + 1 < len(refs) and refs[run_end + 1].role is None:
                run_end += 1
            if pelaksana is not None and self.max_separators and run_end > i:
                start = ref.span.column - pelaksana.value_span.column
                for j in range(min(run_end, i + self.max_separators), i, -1):
                    end = refs[j].span.end_column - pelaksana.value_span.column
                    joined = pelaksana.value[start:end]
                    suggestion = self.guess(joined)
                    if suggestion is not None and _SEPARATOR.search(suggestion):
                        span = Span(ref.span.line, ref.span.column, refs[j].span.end_line, refs[j].span.end_column)
                        yield Undeclared(span, joined, "suggest", suggestion, [self.by_spelling[suggestion]])
                        i = j + 1
                        break
                else:
                    yield self._one(ref)
                    i += 1
                continue
            yield self._one(ref)
            i += 1

    def _one(self, ref: RoleRef) -> Undeclared:
        parts = _CONJUNCTION.split(ref.text)
        if len(parts) > 1 and all(fold(part) in self.by_fold for part in parts):
            # `Arsiparis dan KASUBBAG`: two declared roles joined with `dan`.
            roles = [self.by_fold[fold(part)] for part in parts]
            return Undeclared(ref.span, ref.text, "conjunction", ", ".join(p.strip() for p in parts), roles)
        suggestion = self.guess(ref.text)
        if suggestion is None:
            return Undeclared(ref.span, ref.text, "default")
        return Undeclared(ref.span, ref.text, "suggest", suggestion, [self.by_spelling[suggestion]])

    # R302 / R307 --------------------------------------------------------------------

    def unused(self) -> list[Role]:
        """Declared roles no step names (directly or by a near-miss R301 reports)."""
        if not self.declared or not self.steps:
            return []
        used: set[int] = set()
        for step in self.steps:
            refs = self.performers(step)
            if not refs:
                return []  # R303: any role may be the one that step lacks
            used.update(id(ref.role) for ref in refs if ref.role is not None)
        for problem in self.undeclared():
            if problem.message == "default":
                return []  # R301 with no guess: any role may be the one it means
            used.update(id(role) for role in problem.roles)
        covered: set[int] = set()
        for pair in self.duplicates():
            covered.add(id(pair.later))  # R305 reports it
            if id(pair.later) in used:
                covered.add(id(pair.earlier))
        for pair in self.similar():  # R304 reports the pair: one of them is likely a stray copy
            if id(pair.earlier) in used:
                covered.add(id(pair.later))
            if id(pair.later) in used:
                covered.add(id(pair.earlier))
        return [role for role in self.roles if id(role) not in used and id(role) not in covered]

    # R305 ---------------------------------------------------------------------------

    def duplicates(self) -> list[RolePair]:
        """Later roles that declare an alias or full name again (folded); one per later role."""
        if self._duplicates is None:
            self._duplicates = []
            first: dict[str, tuple[Role, str]] = {}
            for role in self.roles:
                pair: RolePair | None = None
                for spelling, span in spelling_spans(role):
                    key = fold(spelling)
                    earlier = first.get(key)
                    if pair is None and earlier is not None and earlier[0] is not role:
                        pair = RolePair(role, earlier[0], span, spelling, earlier[1])
                    first.setdefault(key, (role, spelling))
                if pair is not None:
                    self._duplicates.append(pair)
        return self._duplicates

    # R304 ---------------------------------------------------------------------------

    def similar(self) -> list[RolePair]:
        """Pairs of roles with names at most two edits apart (without dots, spaces, case)."""
        if self._similar is None:
            self._similar = self._find_similar()
        return self._similar

    def _find_similar(self) -> list[RolePair]:
        order = {id(role): index for index, role in enumerate(self.roles)}
        collided = {(id(p.later), id(p.earlier)) for p in self.duplicates()}
        # Every spelling long enough: (squashed, role index, spelling, span).
        entries: list[tuple[str, int, str, Span]] = []
        for role in self.roles:
            for spelling, span in spelling_spans(role):
                key = squash(spelling)
                if len(key) >= _SIMILAR_MIN_LENGTH:
                    entries.append((key, order[id(role)], spelling, span))
        del entries[_MAX_ENTRIES:]
        candidates: set[tuple[int, int]] = set()  # pairs of entry indexes, lower first
        if len(entries) <= _PAIRWISE_ENTRIES:
            # Few names (every real SOP): each pair of similar length is a candidate. Building
            # the deletion index below costs more than comparing them all.
            lengths = [len(entry[0]) for entry in entries]
            candidates.update(
                (m, n)
                for m in range(len(entries))
                for n in range(m + 1, len(entries))
                if abs(lengths[m] - lengths[n]) <= _SIMILAR_EDITS
            )
            entries_to_index: list[tuple[str, int, str, Span]] = []
        else:
            entries_to_index = entries
        index: dict[str, list[int]] = {}
        long_entries: list[int] = []
        for n, (key, _, _, _) in enumerate(entries_to_index):
            if len(key) <= _INDEXED_LENGTH:
                # Two strings at most 2 edits apart (insert, delete, substitute,
                # swap) share a string left after deleting at most 2 characters
                # from each: one index probe replaces a loop over all pairs.
                for variant in _deletions(key):
                    bucket = index.setdefault(variant, [])
                    if len(candidates) < _MAX_CANDIDATES:
                        candidates.update((m, n) for m in bucket if m != n)
                    bucket.append(n)
            if len(key) >= _INDEXED_LENGTH - _SIMILAR_EDITS + 1:
                long_entries.append(n)
        long_entries.sort(key=lambda n: len(entries[n][0]))
        for a, m in enumerate(long_entries):  # long names are rare: a length-windowed pairwise pass
            for n in long_entries[a + 1 :]:
                if len(entries[n][0]) - len(entries[m][0]) > _SIMILAR_EDITS:
                    break
                candidates.add((min(m, n), max(m, n)))
        best: dict[tuple[int, int], tuple[int, int, int]] = {}  # role pair -> (distance, later entry, earlier entry)
        # An edit changes the set of letters used by at most two: names whose sets differ
        # by more than twice the edits allowed are not compared (most pairs, cheaply).
        letters = [frozenset(entry[0]) for entry in entries]
        for m, n in candidates:
            (key_m, role_m, spelling_m, _), (key_n, role_n, spelling_n, _) = entries[m], entries[n]
            if role_m == role_n or len(letters[m] ^ letters[n]) > 2 * _SIMILAR_EDITS:
                continue  # one role's own alias and name; or too far apart
            if fold(spelling_m) == fold(spelling_n):
                continue  # an R305 duplicate
            later, earlier = (m, n) if role_m > role_n else (n, m)
            roles = (entries[later][1], entries[earlier][1])
            if (id(self.roles[roles[0]]), id(self.roles[roles[1]])) in collided:
                continue  # R305 reports the pair
            distance = edit_distance(key_m, key_n, _SIMILAR_EDITS)
            if distance > _SIMILAR_EDITS or _distinct_offices(spelling_m, spelling_n, self.offices):
                continue
            found = (distance, later, earlier)
            if roles not in best or found < best[roles]:
                best[roles] = found
        pairs: list[RolePair] = []
        for (later_role, earlier_role), (_, later, earlier) in sorted(best.items())[:_MAX_PAIRS]:
            pairs.append(
                RolePair(
                    self.roles[later_role], self.roles[earlier_role], entries[later][3], entries[later][2], entries[earlier][2]
                )
            )
        return pairs


_WORD = re.compile(r"[^\W_]+")


def _distinct_offices(a: str, b: str, offices: dict[str, str]) -> bool:
    """Whether two close spellings still name different offices.

    `Kasubbag` / `Kasubbag TU` differ by a whole word (a unit of its own), and
    `Kabid Umum` / `Kabag Umum` by two abbreviations of different offices; a
    typo (`Kasubag` / `Kasubbag`, `Ka.Subbag` / `Kasubbag`) is neither.
    """
    from difflib import SequenceMatcher

    words_a, words_b = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    changes = [op for op in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not changes:
        return False
    if all(tag in ("insert", "delete") for tag, *_ in changes):
        return True
    for tag, a1, a2, b1, b2 in changes:
        if tag != "replace" or a2 - a1 != 1 or b2 - b1 != 1:
            return False
        office_a, office_b = offices.get(words_a[a1]), offices.get(words_b[b1])
        if office_a is None or office_b is None or office_a == office_b:
            return False
    return True


def spellings(role: Role) -> list[str]:
    return [role.alias] if role.alias == role.name else [role.alias, role.name]


def spelling_spans(role: Role) -> list[tuple[str, Span]]:
    if role.alias == role.name:
        return [(role.name, role.name_span)]
    return [(role.alias, role.alias_span), (role.name, role.name_span)]


def _deletions(key: str) -> set[str]:
    """`key` with any 0, 1 or 2 characters deleted."""
    result = {key}
    for i in range(len(key)):
        once = key[:i] + key[i + 1 :]
        result.add(once)
        for j in range(i, len(once)):
            result.add(once[:j] + once[j + 1 :])
    return result
