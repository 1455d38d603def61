"""Rule packs: the data the parser and the rules read (section names,
keys and their aliases, units, regulations). The built-in pack ships in
`rules/builtin.json`; an organisation adds its own on top from its config.

Loading is plain JSON; schema validation (jsonschema, slow to import) runs
only for packs whose validity is not already known — the built-in pack is
validated by the test suite instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._resources import data_path
from .files import read_source
from .messages import Told, reason
from .names import fold
from .records import Record, field
from .values.regulation_types import Vocabulary


class PackError(Told):
    """A pack that cannot be used; the message names the file and the key (a catalog key)."""


class KeySpec(Record):
    """A section or a field key: its name, aliases and what it holds."""

    name: str
    aliases: list[str]
    type: str = "text"
    required: bool = False
    dash_allowed: bool = False
    branch: str | None = None  # a `step` field: the Step attribute it fills (`yes`, `no`, `next`)
    reads: str | None = None  # a section: what the parser reads from it (`identity`, `roles`, `citations`, `steps`)


_PLAIN = re.compile(r"[A-Za-z0-9 ,/'-]*")  # regex characters that stand for themselves
_QUANTIFIERS = "?*{"


def _alternatives_at_top(pattern: str) -> bool:
    """Whether `pattern` has a `|` outside every group and class."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":  # `[]…]`: a literal `]` first
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth <= 0:
            return True
        index += 1
    return False


def literal_prefix(pattern: str) -> str:
    """The text (case-folded) every match of `pattern` starts with; "" when that is not clear."""
    if _alternatives_at_top(pattern):
        return ""
    plain = _PLAIN.match(pattern)
    prefix = plain[0] if plain else ""
    if pattern[len(prefix) : len(prefix) + 1] in tuple(_QUANTIFIERS):  # `kepp?res`: the `p` is optional
        prefix = prefix[:-1]
    return prefix.casefold()


class RegulationType:
    """A kind of regulation and the pattern that recognises its name.

    The pattern is compiled on first use, and only tried on a text that starts
    with one of its alternatives' literal prefixes: a run compiles the few a
    file's citations need, not all of them (compiling is most of start-up).
    """

    __slots__ = ("_compiled", "includes", "key", "label", "numbered", "patterns", "prefixes")

    def __init__(self, key: str, label: str, patterns: list[str], numbered: bool = True, includes: tuple[str, ...] = ()) -> None:
        self.key = key
        self.label = label
        self.patterns = patterns
        self.numbered = numbered  # False for the constitution (`UUD 1945` has a year, no number)
        self.includes = includes  # narrower types a generic one may stand for (`permen` -> `permendagri`)
        prefixes = [literal_prefix(alternative) for alternative in patterns]
        self.prefixes: tuple[str, ...] | None = None if "" in prefixes else tuple(prefixes)
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(r"(?:" + "|".join(self.patterns) + r")\b\.?", re.IGNORECASE)
        return self._compiled

    def match(self, text: str, start: int) -> re.Match[str] | None:
        """`pattern.match(text, start)`, without compiling it for a text it cannot match."""
        if self.prefixes is not None:
            head = text[start : start + max(map(len, self.prefixes))].casefold()
            if not head.startswith(self.prefixes):
                return None
        return self.pattern.match(text, start)

    def __repr__(self) -> str:
        return f"RegulationType({self.key!r}, {self.label!r}, {self.patterns!r}, {self.numbered!r}, {self.includes!r})"


class Pack(Record):
    sections: list[KeySpec] = field(default_factory=list)
    identity_fields: list[KeySpec] = field(default_factory=list)
    step_fields: list[KeySpec] = field(default_factory=list)
    units: dict[str, dict[str, Any]] = field(default_factory=dict)  # canonical -> spec
    unit_aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical
    hours_per_day: float = 8
    placeholders: set[str] = field(default_factory=set)
    terminators: set[str] = field(default_factory=set)
    regulation_types: list[RegulationType] = field(default_factory=list)  # an organisation's own, read by pattern
    vocabulary: Vocabulary | None = None  # the regulation forms and issuers, read by spelling (made by `add`)
    revoked: list[dict[str, Any]] = field(default_factory=list)
    known: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    word_lists: dict[str, list[str]] = field(default_factory=dict)  # heuristic vocabularies (C204, C205)
    # Lookup tables: folded spelling -> canonical name.
    section_names: dict[str, str] = field(default_factory=dict)
    identity_keys: dict[str, str] = field(default_factory=dict)
    step_keys: dict[str, str] = field(default_factory=dict)
    section_reads: dict[str, str] = field(default_factory=dict)  # canonical section -> what the parser reads
    # The calendar: names by number (months from 1, weekdays from 0 as `date.weekday()`),
    # every spelling (casefolded) -> number, and the full names a did-you-mean may offer.
    month_names: list[str] = field(default_factory=list)
    month_names_en: list[str] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)
    month_choices: dict[str, str] = field(default_factory=dict)
    weekday_names: list[str] = field(default_factory=list)
    weekday_names_en: list[str] = field(default_factory=list)
    weekdays: dict[str, int] = field(default_factory=dict)
    # The words of a step reference (`kembali ke langkah 2`), see `sop_lint.values.refs`.
    step_ref_leads: list[str] = field(default_factory=list)
    step_ref_words: list[str] = field(default_factory=list)
    step_ref_ordinals: list[str] = field(default_factory=list)
    step_ref_ends: list[str] = field(default_factory=list)  # a branch target meaning the end (`Selesai`)
    # Words that may stand in a date (`Tanggal`, `hari`, `bulan`, `Tahun`), by their place.
    date_words: dict[str, list[str]] = field(default_factory=dict)
    # The words between the two numbers of a duration's range (`1 s.d. 2 jam`, `1 sampai 2 jam`).
    duration_ranges: list[str] = field(default_factory=list)
    # The labels a NIP may be written after (`NIP. 1979…`, copied from a signature block).
    nip_labels: list[str] = field(default_factory=list)
    compiled: dict[str, Any] = field(default_factory=dict)  # patterns made from the words, on first use

    def field_branches(self) -> dict[str, str]:
        """The step fields that fill a step's branches: the field's name (`Ya`, `Tidak`,
        `Lanjut` in the built-in pack) -> the `Step` attribute it fills (`yes`, `no`, `next`)."""
        return {spec.name: spec.branch for spec in self.step_fields if spec.branch is not None}

    def step_ref_keys(self) -> set[str]:
        """The names of the step fields that name a step (`type: step`): what renumbering rewrites."""
        return {spec.name for spec in self.step_fields if spec.type == "step"}

    def section_order(self) -> list[str]:
        return [spec.name for spec in self.sections]

    def unit_minutes(self, unit: str) -> float:
        spec = self.units[unit]
        if "minutes" in spec:
            return float(spec["minutes"])
        return float(spec["working_days"]) * self.hours_per_day * 60

    def add(self, data: dict[str, Any], source: str) -> None:
        """Lay a pack's data over what is loaded: same names replace, new ones add."""
        self.sources.append(source)
        for attr, table, key in (
            ("sections", self.section_names, "sections"),
            ("identity_fields", self.identity_keys, "identity_fields"),
            ("step_fields", self.step_keys, "step_fields"),
        ):
            specs: list[KeySpec] = getattr(self, attr)
            for raw in data.get(key, []):
                spec = KeySpec(
                    name=raw["name"],
                    aliases=list(raw.get("aliases", [])),
                    type=raw.get("type", "text"),
                    required=bool(raw.get("required", False)),
                    dash_allowed=bool(raw.get("dash_allowed", False)),
                    branch=raw.get("branch"),
                    reads=raw.get("reads"),
                )
                specs[:] = [s for s in specs if s.name != spec.name] + [spec]
                for spelling in [spec.name, *spec.aliases]:
                    table[fold(spelling)] = spec.name
        self.section_reads = {spec.name: spec.reads for spec in self.sections if spec.reads}
        _add_calendar(data.get("months", []), self.month_names, self.month_names_en, self.months, self.month_choices, 1)
        _add_calendar(data.get("weekdays", []), self.weekday_names, self.weekday_names_en, self.weekdays, None, 0)
        references = data.get("step_references", {})
        for words, key in (
            (self.step_ref_leads, "leads"),
            (self.step_ref_words, "words"),
            (self.step_ref_ordinals, "ordinals"),
            (self.step_ref_ends, "ends"),
        ):
            words.extend(word for word in references.get(key, []) if word not in words)
        for place, words in data.get("date_words", {}).items():
            known = self.date_words.setdefault(place, [])
            known.extend(word for word in words if word not in known)
        for words, key in ((self.duration_ranges, "duration_ranges"), (self.nip_labels, "nip_labels")):
            words.extend(word for word in data.get(key, []) if word not in words)
        self.compiled.clear()  # the words changed
        for unit in data.get("units", []):
            self.units[unit["name"]] = unit
            for spelling in [unit["name"], *unit.get("aliases", [])]:
                self.unit_aliases[fold(spelling)] = unit["name"]
        if "hours_per_day" in data:
            self.hours_per_day = float(data["hours_per_day"])
        self.placeholders.update(fold(p) for p in data.get("placeholders", []))
        self.terminators.update(fold(t) for t in data.get("terminators", []))
        for raw in data.get("regulation_types", []):
            self.regulation_types.append(
                RegulationType(
                    raw["key"],
                    raw["label"],
                    list(raw["patterns"]),
                    bool(raw.get("numbered", True)),
                    tuple(raw.get("includes", [])),
                )
            )
        if self.vocabulary is None:
            self.vocabulary = Vocabulary()
        self.vocabulary.add(data.get("regulation_forms", []), data.get("regulation_issuers", []))
        self.revoked.extend(data.get("revoked_regulations", []))
        self.known.extend(data.get("known_regulations", []))
        for row in data.get("regulations", []):
            # One row per regulation; the rules read the revoked ones and all
            # of them (for their years and titles) as before.
            self.known.append(row)
            if row.get("status") == "revoked":
                self.revoked.append(row)
        for name, words in data.get("word_lists", {}).items():
            self.word_lists.setdefault(name, []).extend(words)


def _add_calendar(
    entries: list[dict[str, Any]],
    names: list[str],
    english: list[str],
    spellings: dict[str, int],
    choices: dict[str, str] | None,
    first: int,
) -> None:
    """Lay a pack's months or weekdays over the known ones: an entry of a known name
    adds its spellings to it, a new name comes next in order."""
    for raw in entries:
        name = raw["name"]
        if name not in names:
            names.append(name)
            english.append(raw.get("english", name))
        number = names.index(name) + first
        full = [name, english[number - first], *raw.get("old_spellings", [])]
        for spelling in [*full, *raw.get("aliases", [])]:
            spellings[spelling.casefold()] = number
        if choices is not None:
            choices.update((spelling.casefold(), name) for spelling in full)


def read_pack_file(path: Path) -> dict[str, Any]:
    try:
        text = read_source(path).decode("utf-8")
    except OSError as error:
        raise PackError("pack.cannot_read", path=path, reason=reason(error)) from None
    except UnicodeDecodeError:
        raise PackError("pack.not_utf8", path=path) from None
    try:
        if path.suffix == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        else:
            data = json.loads(text)
    except ValueError as error:
        raise PackError("pack.not_valid", path=path, kind="TOML" if path.suffix == ".toml" else "JSON", reason=error) from None
    if not isinstance(data, dict):
        raise PackError("pack.not_object", path=path)
    return data


def validate_pack(data: dict[str, Any], path: Path) -> None:
    """Check a pack against `rules/pack.schema.json`; raise PackError naming the key."""
    import jsonschema

    schema = json.loads(data_path("rules", "pack.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise PackError("pack.invalid", path=path, where=where, problem=error.message)
    for index, raw in enumerate(data.get("regulation_types", [])):
        for pattern in raw.get("patterns", []):
            problem = pattern_problem(pattern)
            if problem is not None:
                where = f"regulation_types/{index}/patterns"
                raise PackError("pack.bad_pattern", path=path, where=where, pattern=repr(pattern), problem=problem)
    for where, pattern in word_list_patterns(data):
        problem = backtracking_problem(pattern)
        if problem is not None:
            raise PackError("pack.bad_pattern", path=path, where=where, pattern=repr(pattern), problem=problem)


# Beyond this many repetitions a pattern is no longer checked to be cheap.
_MAX_REPEAT = 8


def pattern_problem(pattern: str) -> str | None:
    """Why a pack's regular expression may not be used, or None.

    Patterns run on every Dasar Hukum entry, so they must stay linear: no
    unbounded repetition (`+`, `*`, `{2,}`), no repetition over more than a
    few characters' choice, no backreferences or lookarounds. Such patterns
    match a bounded text, which a regular expression engine cannot get lost
    in (`(a+)+b` is refused: it backtracks for minutes on `aaaa…`). The
    vocabulary (`regulation_forms`) needs no pattern at all.
    """
    import importlib

    # The standard library's own parser of regular expressions (typeshed has no stub for it).
    sre_parse: Any = importlib.import_module("re._parser")

    try:
        parsed = sre_parse.parse(pattern)
    except re.error as error:
        return f"is not a regular expression: {error}"
    return _subpattern_problem(parsed, sre_parse)


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _subpattern_problem(parsed: Any, sre_parse: Any) -> str | None:
    for op, value in parsed:
        name = str(op)
        if name in _REPEATS:
            _, high, body = value
            if high is sre_parse.MAXREPEAT or high > _MAX_REPEAT:
                return "repeats without a small bound (`+`, `*`, `{n,}`): write the spellings out, or use `regulation_forms`"
            if _contains(body, _REPEATS) or (high > 1 and _contains(body, ("BRANCH", "IN"))):
                return "repeats a group that itself repeats or offers a choice: write the spellings out"
        elif name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "uses a backreference"
        elif name in ("ASSERT", "ASSERT_NOT"):
            return "uses a lookaround"
        for inner in _children(name, value):
            problem = _subpattern_problem(inner, sre_parse)
            if problem:
                return problem
    return None


def _children(name: str, value: Any) -> list[Any]:
    """The sub-patterns of one parsed item."""
    if name in _REPEATS:
        return [value[2]]
    if name == "SUBPATTERN":
        return [value[-1]]
    if name == "BRANCH":
        return list(value[1])
    if name == "ATOMIC_GROUP":
        return [value]
    return []


def _contains(parsed: Any, names: tuple[str, ...]) -> bool:
    for op, value in parsed:
        name = str(op)
        if name in names or any(_contains(inner, names) for inner in _children(name, value)):
            return True
    return False


def word_list_patterns(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The strings of a pack's word lists that become regular expressions (the lists
    named `…_patterns`), with where they stand."""
    for key, words in data.get("word_lists", {}).items():
        if key.endswith("_patterns"):
            for pattern in words:
                yield f"word_lists/{key}", pattern


def backtracking_problem(pattern: str) -> str | None:
    """Why a word list's pattern is refused: it does not compile, or it can backtrack
    catastrophically — an unbounded repeat of something that itself repeats without
    bound, with nothing that must match between (`(a+)+b`, `(a*)*`, `(\\s+\\w*)+`): on a
    text that almost matches, the time doubles with each character."""
    import importlib

    _parser: Any = importlib.import_module("re._parser")  # the standard parser: its tree

    try:
        re.compile(pattern)
        tree = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"is not a regular expression: {error}"
    if _nested_repeat(list(tree)):
        return "can backtrack catastrophically: an unbounded repeat holds another with nothing between"
    return None


_UNBOUNDED = 16  # a repeat up to more times than this counts as unbounded


def _nested_repeat(items: list[Any], inside: bool = False) -> bool:
    """Whether, among the parsed `items`, an unbounded repeat holds another one with no
    character that must match beside it (`inside`: already under an unbounded repeat)."""
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            _, high, body = argument
            unbounded = high > _UNBOUNDED
            if unbounded and inside:
                return True
            if _nested_repeat(list(body), inside or (unbounded and not _has_required_char(list(body)))):
                return True
        elif name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT"):
            if _nested_repeat(list(argument[-1]), inside):
                return True
        elif name == "BRANCH" and any(_nested_repeat(list(branch), inside) for branch in argument[1]):
            return True
    return False


def _has_required_char(items: list[Any]) -> bool:
    """Whether the items hold a literal character or class that must match once (not under a repeat)."""
    for op, argument in items:
        name = str(op)
        if name in ("LITERAL", "IN", "ANY", "NOT_LITERAL"):
            return True
        if name == "SUBPATTERN" and _has_required_char(list(argument[-1])):
            return True
    return False


_BUILTIN: Pack | None = None


# The built-in pack: the vocabulary of SOPs, and the regulations (types,
# issuers and the regulations SOPs cite) in a file of their own.
BUILTIN_FILES = ("builtin.json", "regulations.json")


def _add_builtin(pack: Pack) -> None:
    for name in BUILTIN_FILES:
        path = data_path("rules", name)
        pack.add(read_pack_file(path), str(path))


def builtin_pack() -> Pack:
    global _BUILTIN
    if _BUILTIN is None:
        pack = Pack()
        _add_builtin(pack)
        _BUILTIN = pack
    return _BUILTIN


def load_pack(extra: list[Path] = (), hours_per_day: float | None = None) -> Pack:  # type: ignore[assignment]
    """The built-in pack with the given extra packs (validated) laid over it."""
    if not extra and hours_per_day is None:
        return builtin_pack()
    pack = Pack()
    _add_builtin(pack)
    for extra_path in extra:
        data = read_pack_file(extra_path)
        validate_pack(data, extra_path)
        pack.add(data, str(extra_path))
    if hours_per_day is not None:
        pack.hours_per_day = hours_per_day
    return pack
