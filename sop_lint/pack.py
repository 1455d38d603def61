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
from .names import fold
from .records import Record


class PackError(Exception):
    """A pack that cannot be used; the message names the file and the key."""


class KeySpec(Record):
    __slots__ = ("name", "aliases", "type", "required", "dash_allowed")  # noqa: RUF023 - the fields in order
    _defaults = {"type": "text", "required": False, "dash_allowed": False}

    name: str
    aliases: list[str]
    type: str
    required: bool
    dash_allowed: bool

    def __init__(
        self,
        name: str,
        aliases: list[str],
        type: str = "text",
        required: bool = False,
        dash_allowed: bool = False,
    ) -> None:
        self.name = name
        self.aliases = aliases
        self.type = type
        self.required = required
        self.dash_allowed = dash_allowed


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
    __slots__ = (  # noqa: RUF023 - the fields in order
        "sections",
        "identity_fields",
        "step_fields",
        "units",
        "unit_aliases",
        "hours_per_day",
        "placeholders",
        "terminators",
        "regulation_types",
        "revoked",
        "known",
        "sources",
        "word_lists",
        "section_names",
        "identity_keys",
        "step_keys",
    )
    _defaults = {
        "sections": list,
        "identity_fields": list,
        "step_fields": list,
        "units": dict,
        "unit_aliases": dict,
        "hours_per_day": 8,
        "placeholders": set,
        "terminators": set,
        "regulation_types": list,
        "revoked": list,
        "known": list,
        "sources": list,
        "word_lists": dict,
        "section_names": dict,
        "identity_keys": dict,
        "step_keys": dict,
    }

    sections: list[KeySpec]
    identity_fields: list[KeySpec]
    step_fields: list[KeySpec]
    units: dict[str, dict[str, Any]]  # canonical -> spec
    unit_aliases: dict[str, str]  # folded alias -> canonical
    hours_per_day: float
    placeholders: set[str]
    terminators: set[str]
    regulation_types: list[RegulationType]
    revoked: list[dict[str, Any]]
    known: list[dict[str, Any]]
    sources: list[str]
    word_lists: dict[str, list[str]]  # heuristic vocabularies (C204, C205)
    # Lookup tables: folded spelling -> canonical name.
    section_names: dict[str, str]
    identity_keys: dict[str, str]
    step_keys: dict[str, str]

    def __init__(
        self,
        sections: list[KeySpec] | None = None,
        identity_fields: list[KeySpec] | None = None,
        step_fields: list[KeySpec] | None = None,
        units: dict[str, dict[str, Any]] | None = None,
        unit_aliases: dict[str, str] | None = None,
        hours_per_day: float = 8,
        placeholders: set[str] | None = None,
        terminators: set[str] | None = None,
        regulation_types: list[RegulationType] | None = None,
        revoked: list[dict[str, Any]] | None = None,
        known: list[dict[str, Any]] | None = None,
        sources: list[str] | None = None,
        word_lists: dict[str, list[str]] | None = None,
        section_names: dict[str, str] | None = None,
        identity_keys: dict[str, str] | None = None,
        step_keys: dict[str, str] | None = None,
    ) -> None:
        self.sections = [] if sections is None else sections
        self.identity_fields = [] if identity_fields is None else identity_fields
        self.step_fields = [] if step_fields is None else step_fields
        self.units = {} if units is None else units
        self.unit_aliases = {} if unit_aliases is None else unit_aliases
        self.hours_per_day = hours_per_day
        self.placeholders = set() if placeholders is None else placeholders
        self.terminators = set() if terminators is None else terminators
        self.regulation_types = [] if regulation_types is None else regulation_types
        self.revoked = [] if revoked is None else revoked
        self.known = [] if known is None else known
        self.sources = [] if sources is None else sources
        self.word_lists = {} if word_lists is None else word_lists
        self.section_names = {} if section_names is None else section_names
        self.identity_keys = {} if identity_keys is None else identity_keys
        self.step_keys = {} if step_keys is None else step_keys

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
                )
                specs[:] = [s for s in specs if s.name != spec.name] + [spec]
                for spelling in [spec.name, *spec.aliases]:
                    table[fold(spelling)] = spec.name
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
        self.revoked.extend(data.get("revoked_regulations", []))
        self.known.extend(data.get("known_regulations", []))
        for name, words in data.get("word_lists", {}).items():
            self.word_lists.setdefault(name, []).extend(words)


def read_pack_file(path: Path) -> dict[str, Any]:
    try:
        text = read_source(path).decode("utf-8")
    except OSError as error:
        raise PackError(f"{path}: cannot read rule pack: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise PackError(f"{path}: rule pack is not UTF-8 text") from None
    try:
        if path.suffix == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        else:
            data = json.loads(text)
    except ValueError as error:
        raise PackError(f"{path}: rule pack is not valid {'TOML' if path.suffix == '.toml' else 'JSON'}: {error}") from None
    if not isinstance(data, dict):
        raise PackError(f"{path}: a rule pack must be an object of keys")
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
        raise PackError(f"{path}: invalid rule pack at `{where}`: {error.message}")
    for where, pattern in pack_patterns(data):
        problem = pattern_problem(pattern)
        if problem is not None:
            raise PackError(f"{path}: invalid rule pack at `{where}`: bad pattern {pattern!r}: {problem}")


def pack_patterns(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every string of a pack that becomes a regular expression, with where it stands:
    each `patterns` list (regulation types) and each word list named `…_patterns`."""
    for index, raw in enumerate(data.get("regulation_types", [])):
        for pattern in raw.get("patterns", []) if isinstance(raw, dict) else []:
            yield f"regulation_types/{index}/patterns", pattern
    for key, words in data.get("word_lists", {}).items():
        if key.endswith("_patterns"):
            for pattern in words:
                yield f"word_lists/{key}", pattern


def pattern_problem(pattern: str) -> str | None:
    """Why a pack's pattern is refused: it does not compile, or it can backtrack
    catastrophically — an unbounded repeat of something that itself repeats without
    bound, with nothing that must match between (`(a+)+b`, `(a*)*`, `(\\s+\\w*)+`): on a
    text that almost matches, the time doubles with each character."""
    from re import _parser  # the standard parser: its tree

    try:
        re.compile(pattern)
        tree = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return str(error)
    return "nested unbounded repeats (catastrophic backtracking)" if _nested_repeat(list(tree)) else None


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
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


def builtin_pack() -> Pack:
    global _BUILTIN
    if _BUILTIN is None:
        path = data_path("rules", "builtin.json")
        pack = Pack()
        pack.add(read_pack_file(path), str(path))
        _BUILTIN = pack
    return _BUILTIN


def load_pack(extra: list[Path] = (), hours_per_day: float | None = None) -> Pack:  # type: ignore[assignment]
    """The built-in pack with the given extra packs (validated) laid over it."""
    if not extra and hours_per_day is None:
        return builtin_pack()
    path = data_path("rules", "builtin.json")
    pack = Pack()
    pack.add(read_pack_file(path), str(path))
    for extra_path in extra:
        data = read_pack_file(extra_path)
        validate_pack(data, extra_path)
        pack.add(data, str(extra_path))
    if hours_per_day is not None:
        pack.hours_per_day = hours_per_day
    return pack
