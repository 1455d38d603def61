"""R — roles (Pelaksana).

The rules share one reading of the roles (`_Roles`, built once per file and
kept in `ctx.memo`): which spellings are declared, which step references
resolve, what a near-miss most likely means, and which declarations
collide. It is linear in the steps and roles, bar the near-miss search,
which runs once per distinct unresolved name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..model import Role, RoleRef, Sop, Span, Step
from ..names import closest, edit_distance, fold, squash
from ..records import Record
from ..rule import Context, Finding, Rule

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
# A role name longer than this is not looked for at the start of an activity.
_ACTOR_MAX_LENGTH = 200

_SEPARATOR = re.compile(r"[,;]")  # what splits a step's Pelaksana (parser `_LIST_SPLIT`)
_CONJUNCTION = re.compile(r"\s+(?:dan|serta|&)\s+", re.IGNORECASE)


class _Undeclared(Record):
    """An R301: a step's reference (possibly several comma-parts) to no declared role."""

    __slots__ = ("span", "text", "message", "suggestion", "roles")  # noqa: RUF023 - the fields in order
    _defaults = {"suggestion": None, "roles": list}

    span: Span
    text: str
    message: str  # "default", "suggest" or "conjunction"
    suggestion: str | None
    roles: list[Role]  # the roles it most likely means

    def __init__(
        self,
        span: Span,
        text: str,
        message: str,
        suggestion: str | None = None,
        roles: list[Role] | None = None,
    ) -> None:
        self.span = span
        self.text = text
        self.message = message
        self.suggestion = suggestion
        self.roles = [] if roles is None else roles


class _Pair(Record):
    """Two declared roles that collide (R305) or look alike (R304)."""

    __slots__ = ("later", "earlier", "span", "text", "other")  # noqa: RUF023 - the fields in order

    later: Role
    earlier: Role
    span: Span  # the later role's spelling that collides
    text: str  # that spelling as written
    other: str  # the earlier role's spelling it collides with

    def __init__(self, later: Role, earlier: Role, span: Span, text: str, other: str) -> None:
        self.later = later
        self.earlier = earlier
        self.span = span
        self.text = text
        self.other = other


class _Roles:
    """What the R rules know about one SOP's roles."""

    def __init__(self, sop: Sop, ctx: Context) -> None:
        self.sop = sop
        self.placeholders = ctx.pack.placeholders
        # Office abbreviations that name different offices (Kabid / Kabag) although a
        # couple of letters apart: pack word lists `office:<name>`.
        self.offices = {word: name for name, words in ctx.pack.word_lists.items() if name.startswith("office:") for word in words}
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
            for spelling in _spellings(role):
                self.by_fold.setdefault(fold(spelling), role)
                self.by_spelling.setdefault(spelling, role)
                self.squashed.setdefault(squash(spelling), spelling)
        # How many comma-parts a declared name spans, so a near-miss of
        # `Kasubag Perencanaan, Keu. dan Pelaporan` is read as one reference.
        self.max_separators = max((len(_SEPARATOR.findall(s)) for s in self.by_spelling), default=0)
        self._guesses: dict[str, str | None] = {}
        self._performers: dict[int, list[RoleRef]] = {}  # by step index
        self._undeclared: list[_Undeclared] | None = None
        self._duplicates: list[_Pair] | None = None
        self._similar: list[_Pair] | None = None

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

    def undeclared(self) -> list[_Undeclared]:
        if self._undeclared is None:
            self._undeclared = []
            if self.declared:
                for step in self.steps:
                    self._undeclared.extend(self._step_undeclared(step))
        return self._undeclared

    def _step_undeclared(self, step: Step) -> Iterator[_Undeclared]:
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
                        yield _Undeclared(span, joined, "suggest", suggestion, [self.by_spelling[suggestion]])
                        i = j + 1
                        break
                else:
                    yield self._one(ref)
                    i += 1
                continue
            yield self._one(ref)
            i += 1

    def _one(self, ref: RoleRef) -> _Undeclared:
        parts = _CONJUNCTION.split(ref.text)
        if len(parts) > 1 and all(fold(part) in self.by_fold for part in parts):
            # `Arsiparis dan KASUBBAG`: two declared roles joined with `dan`.
            roles = [self.by_fold[fold(part)] for part in parts]
            return _Undeclared(ref.span, ref.text, "conjunction", ", ".join(p.strip() for p in parts), roles)
        suggestion = self.guess(ref.text)
        if suggestion is None:
            return _Undeclared(ref.span, ref.text, "default")
        return _Undeclared(ref.span, ref.text, "suggest", suggestion, [self.by_spelling[suggestion]])

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

    def duplicates(self) -> list[_Pair]:
        """Later roles that declare an alias or full name again (folded); one per later role."""
        if self._duplicates is None:
            self._duplicates = []
            first: dict[str, tuple[Role, str]] = {}
            for role in self.roles:
                pair: _Pair | None = None
                for spelling, span in _spelling_spans(role):
                    key = fold(spelling)
                    earlier = first.get(key)
                    if pair is None and earlier is not None and earlier[0] is not role:
                        pair = _Pair(role, earlier[0], span, spelling, earlier[1])
                    first.setdefault(key, (role, spelling))
                if pair is not None:
                    self._duplicates.append(pair)
        return self._duplicates

    # R304 ---------------------------------------------------------------------------

    def similar(self) -> list[_Pair]:
        """Pairs of roles with names at most two edits apart (without dots, spaces, case)."""
        if self._similar is None:
            self._similar = self._find_similar()
        return self._similar

    def _find_similar(self) -> list[_Pair]:
        order = {id(role): index for index, role in enumerate(self.roles)}
        collided = {(id(p.later), id(p.earlier)) for p in self.duplicates()}
        # Every spelling long enough: (squashed, role index, spelling, span).
        entries: list[tuple[str, int, str, Span]] = []
        for role in self.roles:
            for spelling, span in _spelling_spans(role):
                key = squash(spelling)
                if len(key) >= _SIMILAR_MIN_LENGTH:
                    entries.append((key, order[id(role)], spelling, span))
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
        pairs: list[_Pair] = []
        for (later_role, earlier_role), (_, later, earlier) in sorted(best.items()):
            pairs.append(
                _Pair(self.roles[later_role], self.roles[earlier_role], entries[later][3], entries[later][2], entries[earlier][2])
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


def _analysis(sop: Sop, ctx: Context) -> _Roles:
    """The roles analysis of this SOP, computed once per file for all R rules."""
    cached = ctx.memo.get(__name__)
    if isinstance(cached, _Roles) and cached.sop is sop:
        return cached
    roles = _Roles(sop, ctx)
    ctx.memo[__name__] = roles
    return roles


def _spellings(role: Role) -> list[str]:
    return [role.alias] if role.alias == role.name else [role.alias, role.name]


def _spelling_spans(role: Role) -> list[tuple[str, Span]]:
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


def _names(refs: list[RoleRef]) -> str:
    return ", ".join(f"`{ref.text}`" for ref in refs)


class UndeclaredRole(Rule):
    """
    ## What it does
    Reports a role in a step's `Pelaksana` that is not declared under
    `## Pelaksana`, with the declared role it most likely means. A step
    names a role by its alias or full name, ignoring case and runs of
    spaces, nothing else: a near-miss (`Ka.Subbag TU`, `Kasubag TU` for
    `Kasubbag TU`) is reported, never silently taken for the declared role.
    The guess compares names without dots, spaces or case.

    Only checked when `## Pelaksana` declares at least one role (a missing
    or empty section is C201/C202).

    ## Why is this bad?
    The procedure matrix has one column per declared role: a step whose
    performer matches no column has no place in it, and readers cannot tell
    whether `Kasubag` is the `Kasubbag` above or another office.

    ## Example
    ```markdown
    ## Pelaksana

    - KASUBBAG: Kasubbag TU

    ## Prosedur

    1. Menghimpun data kinerja
       - Pelaksana: Kasubag TU
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KASUBBAG: Kasubbag TU

    ## Prosedur

    1. Menghimpun data kinerja
       - Pelaksana: Kasubbag TU
    ```
    """

    code = "R301"
    name = "undeclared-role"
    severity = "error"
    summary = "a step names a role not declared under Pelaksana"
    summary_id = "langkah menyebut pelaksana yang tidak dideklarasikan di bagian Pelaksana"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is not declared under Pelaksana",
            "pelaksana `{role}` tidak dideklarasikan di bagian Pelaksana",
        ),
        "suggest": (
            "role `{role}` is not declared under Pelaksana; did you mean `{suggestion}`?",
            "pelaksana `{role}` tidak dideklarasikan di bagian Pelaksana; maksud Anda `{suggestion}`?",
        ),
        "conjunction": (
            "`{role}` is not one declared role; separate the roles with commas: `{suggestion}`",
            "`{role}` bukan satu pelaksana yang dideklarasikan; pisahkan pelaksana dengan koma: `{suggestion}`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for problem in _analysis(sop, ctx).undeclared():
            yield self.report(problem.span, problem.message, role=problem.text, suggestion=problem.suggestion)


class UnusedRole(Rule):
    """
    ## What it does
    Reports a role declared under `## Pelaksana` that no step names.

    A role a step names by a near-miss (reported by R301 with this role as
    the guess) counts as used. Stays silent while the procedure has no
    steps, while a step has no Pelaksana (R303) or names a role R301 cannot
    guess — the unused role may be the one that step means — and for a role
    that R304/R305 already pair with a used one.

    ## Why is this bad?
    A declared role that performs nothing is either left over from an older
    version or a sign that a step names the wrong performer; either way the
    procedure matrix gets an empty column.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    2. Mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    ```
    """

    code = "R302"
    name = "unused-role"
    severity = "warning"
    summary = "a declared role no step uses"
    summary_id = "pelaksana yang dideklarasikan tetapi tidak dipakai langkah mana pun"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is declared but no step names it",
            "pelaksana `{role}` dideklarasikan tetapi tidak disebut langkah mana pun",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for role in _analysis(sop, ctx).unused():
            yield self.report(role.span, role=role.alias)


class MissingPerformer(Rule):
    """
    ## What it does
    Reports a step with no `Pelaksana`: the key is absent, empty, or only a
    placeholder such as `-`. A terminator step (`Mulai`, `Selesai`) needs
    none (S409 reports it).

    ## Why is this bad?
    Every activity of an SOP is done by someone: a step without a performer
    has no place in the procedure matrix and nobody is accountable for it.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah dan mengoreksi data kinerja
       - Waktu: 30 menit
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah dan mengoreksi data kinerja
       - Pelaksana: KABAG
       - Waktu: 30 menit
    ```
    """

    code = "R303"
    name = "missing-performer"
    severity = "error"
    summary = "a step with no Pelaksana"
    summary_id = "langkah tanpa Pelaksana"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("step {number} has no Pelaksana", "langkah {number} tidak memiliki Pelaksana"),
        "empty": ("step {number} has an empty Pelaksana", "Pelaksana langkah {number} kosong"),
        "placeholder": (
            "step {number} has no Pelaksana: `{value}` is only a placeholder",
            "langkah {number} tidak memiliki Pelaksana: `{value}` hanya pengisi tempat",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = _analysis(sop, ctx)
        for step in roles.steps:
            if roles.performers(step):
                continue
            span = step.focus_span()
            number = step.number if step.number is not None else step.index + 1
            pelaksana = step.field("Pelaksana")
            if pelaksana is None:
                yield self.report(span, number=number)
            elif pelaksana.value:
                yield self.report(span, "placeholder", number=number, value=pelaksana.value)
            else:
                yield self.report(span, "empty", number=number)


class SimilarRoleNames(Rule):
    """
    ## What it does
    Reports two declared roles whose names (or aliases) differ only
    slightly: at most 2 edits (insert, delete, substitute, swap) apart once
    case, dots and spaces are ignored, both at least 6 characters long. One
    finding per pair, on the later declaration. Names that are the same
    apart from case and spaces are R305.

    ## Why is this bad?
    `Kasubag Perencanaan` and `Kasubbag Perencanaan` are almost always one
    office spelt two ways: the procedure matrix then splits one performer
    into two columns, and steps pick either at random.

    ## Example
    ```markdown
    ## Pelaksana

    - Kasubag Perencanaan
    - Kasubbag Perencanaan
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - Kabag Perencanaan
    - Kasubbag Perencanaan
    ```
    """

    code = "R304"
    name = "similar-role-names"
    severity = "warning"
    summary = "two declared roles whose names differ only slightly"
    summary_id = "dua pelaksana yang namanya hanya sedikit berbeda"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is very like `{other}` (line {line}): one role spelt two ways?",
            "pelaksana `{role}` sangat mirip dengan `{other}` (baris {line}): satu pelaksana ditulis dua cara?",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for pair in _analysis(sop, ctx).similar():
            yield self.report(pair.span, role=pair.text, other=pair.other, line=pair.earlier.span.line)


class DuplicateRole(Rule):
    """
    ## What it does
    Reports a role declared under `## Pelaksana` whose alias or full name
    (ignoring case and runs of spaces) is already declared — also when one
    role's alias is another's full name.

    ## Why is this bad?
    A step that names it could mean either declaration: only the first is
    read, and the second one's column in the procedure matrix stays empty.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis
    - KARO: Kepala Biro Umum
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis
    - KAROUM: Kepala Biro Umum
    ```
    """

    code = "R305"
    name = "duplicate-role"
    severity = "error"
    summary = "the same alias or full name declared twice"
    summary_id = "alias atau nama lengkap pelaksana yang sama dideklarasikan dua kali"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is declared again (as `{other}` at line {line})",
            "pelaksana `{role}` dideklarasikan lagi (sebagai `{other}` di baris {line})",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for pair in _analysis(sop, ctx).duplicates():
            yield self.report(pair.span, role=pair.text, other=pair.other, line=pair.earlier.span.line)


class RoleNotInRegistry(Rule):
    """
    ## What it does
    Reports a declared role whose full name (ignoring case and runs of
    spaces) is not in the organisation's role registry (config `roles`),
    with the registry name it most likely means — or, for a spelling the
    registry lists among a name's `aliases`, with that name. Silent when no
    registry is configured.

    ## Why is this bad?
    Across a repository of SOPs one office should carry one name: a
    registry keeps `Kasubbag TU`, `Kasubag TU` and `Kepala Sub Bagian TU`
    from becoming three performers in reports and search.

    ## Example
    With `roles = ["Kepala Biro Organisasi", "Kasubbag TU"]` in the config:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - KASUBBAG: Kasubag TU
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - KASUBBAG: Kasubbag TU
    ```
    """

    code = "R306"
    name = "role-not-in-registry"
    severity = "warning"
    summary = "a role absent from the organisation's role registry"
    summary_id = "pelaksana yang tidak ada di daftar peran organisasi"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is not in the organisation's role registry",
            "pelaksana `{role}` tidak ada di daftar peran organisasi",
        ),
        "suggest": (
            "role `{role}` is not in the organisation's role registry; did you mean `{suggestion}`?",
            "pelaksana `{role}` tidak ada di daftar peran organisasi; maksud Anda `{suggestion}`?",
        ),
        "alias": (
            "role `{role}` is another spelling of `{canonical}` in the organisation's role registry; write `{canonical}`",
            "pelaksana `{role}` adalah ejaan lain dari `{canonical}` di daftar peran organisasi; tulis `{canonical}`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if not ctx.role_registry:
            return
        registry = {fold(name) for name in ctx.role_registry}
        choices: dict[str, str] = {}
        for name in ctx.role_registry:
            choices.setdefault(squash(name), name.strip())
        roles = _analysis(sop, ctx)
        repeated = {id(pair.later) for pair in roles.duplicates()}  # R305's
        for role in roles.roles:
            if id(role) in repeated or fold(role.name) in registry:
                continue
            canonical = ctx.role_aliases.get(fold(role.name))
            if canonical is not None:  # a spelling the registry lists as another's
                yield self.report(role.name_span, "alias", role=role.name, canonical=canonical)
                continue
            suggestion, _ = closest(role.name, choices, normalize=squash)
            if suggestion is None:
                yield self.report(role.name_span, role=role.name)
            else:
                yield self.report(role.name_span, "suggest", role=role.name, suggestion=suggestion)


class SinglePerformer(Rule):
    """
    ## What it does
    Reports a procedure of two or more steps that one role performs alone.
    Reported on the `## Pelaksana` heading. Silent while a step lacks a
    performer or names an undeclared one, or a declared role is unused
    (R301, R302, R303 come first).

    ## Why is this bad?
    An SOP Administrasi Pemerintahan describes work that passes between
    pelaksana (PermenPAN-RB 35/2012); a procedure one person does from start
    to end is a work instruction, or its hand-overs are missing.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi

    ## Prosedur

    1. Menelaah data kinerja
       - Pelaksana: KARO
    2. Menandatangani data kinerja
       - Pelaksana: KARO
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    2. Mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    ```
    """

    code = "R307"
    name = "single-performer"
    severity = "info"
    summary = "only one role performs every step"
    summary_id = "hanya satu pelaksana yang melakukan semua langkah"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{role}` performs all {steps} steps alone: an SOP AP involves more than one pelaksana",
            "`{role}` melakukan seluruh {steps} langkah sendiri: SOP AP melibatkan lebih dari satu pelaksana",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = _analysis(sop, ctx)
        if roles.section is None or not roles.declared or len(roles.steps) < 2:
            return
        performers: set[int] = set()
        only: Role | None = None
        for step in roles.steps:
            refs = roles.performers(step)
            if not refs:
                return  # R303
            for ref in refs:
                if ref.role is None:
                    return  # R301: the step may name a second role
                performers.add(id(ref.role))
                only = ref.role
            if len(performers) > 1:
                return
        if only is None or roles.unused():
            return  # R302 names the roles that could share the work
        yield self.report(roles.section.heading_span, role=only.alias, steps=len(roles.steps))


class ActivityNamesOtherRole(Rule):
    """
    ## What it does
    Reports a step whose activity text opens with a declared role as its
    actor (`Kabid menerima …`; the role's alias or full name, whole words,
    any case) while the step's `Pelaksana` names other roles only.

    ## Why is this bad?
    The activity and the procedure matrix then disagree about who does the
    step; one of them is wrong, and readers follow either.

    ## Example
    ```markdown
    ## Pelaksana

    - KABAG: Kabag Tatalaksana
    - Arsiparis

    ## Prosedur

    1. Arsiparis mengarsipkan data kinerja
       - Pelaksana: KABAG
    2. Menelaah data kinerja
       - Pelaksana: Arsiparis
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KABAG: Kabag Tatalaksana
    - Arsiparis

    ## Prosedur

    1. Arsiparis mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    2. Menelaah data kinerja
       - Pelaksana: KABAG
    ```
    """

    code = "R308"
    name = "activity-names-other-role"
    severity = "warning"
    summary = "the activity text opens with a role other than the step's Pelaksana"
    summary_id = "teks kegiatan diawali pelaksana lain daripada Pelaksana langkah"
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "the activity opens with `{actor}` as its actor, but the step's Pelaksana is {performers}",
            "kegiatan diawali `{actor}` sebagai pelakunya, tetapi Pelaksana langkah ini {performers}",
        )
    }
    preview = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = _analysis(sop, ctx)
        if not roles.declared:
            return
        spellings = sorted((s for s in roles.by_spelling if len(s) <= _ACTOR_MAX_LENGTH), key=len, reverse=True)
        if not spellings:
            return
        # The longest spelling first, each as whole words with any spacing.
        opening = re.compile(
            "(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in spellings) + r")(?!\w)", re.IGNORECASE
        )
        for step in roles.steps:
            refs = roles.performers(step)
            if not refs or any(ref.role is None for ref in refs):
                continue  # R303 / R301 come first
            match = opening.match(step.activity)
            if match is None:
                continue
            actor = roles.by_fold.get(fold(match[0]))
            if actor is None or any(ref.role is actor for ref in refs):
                continue
            span = step.activity_span
            end = min(span.column + match.end(), span.end_column)
            yield self.report(Span(span.line, span.column, span.line, end), actor=match[0], performers=_names(refs))
