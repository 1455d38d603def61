"""Configuration: finding the file, checking it, and laying the command line
over it.

The file is `sop-lint.toml`, `.sop-lint.toml` or the `[tool.sop-lint]` table
of a `pyproject.toml`, found upward from the first linted path (the nearest
wins; a pyproject without the table does not count), or given with
`--config`; `--isolated` uses none.

The keys are described by `rules/config.schema.json`. sop-lint runs in every
pre-commit, and importing jsonschema costs more than linting a few files, so
the file is checked here by a small validator driven by that schema's data
(types, enums, bounds, known keys); the test suite checks that jsonschema
agrees with it. Every problem is one line naming the file, the key and what
was expected, with a did-you-mean for misspelt keys, values and rule codes.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._resources import data_path
from .files import read_source
from .messages import Told, Words
from .names import closest, fold
from .records import Record, field

if TYPE_CHECKING:
    from .engine import Settings
    from .rule import Rule, Severity

CONFIG_FILES = ("sop-lint.toml", ".sop-lint.toml", "pyproject.toml")
SCHEMA_NAME = "config.schema.json"


class ConfigError(Told):
    """A configuration that cannot be used; the message is one line (a catalog key)."""


class Config(Record):
    """One layer of settings as the user wrote them: the configuration file's values
    (paths absolute), or the command line's (`Overrides`, without a path). None or
    empty: not set, so the layer below (or the default) holds."""

    path: Path | None = None  # the file; None for the command line or no file
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)  # selector -> severity
    fail_on: Severity | None = None
    exclude: list[str] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)
    roles: Path | None = None
    hours_per_day: float | None = None
    check_related: bool | None = None
    preview: bool | None = None
    lang: str | None = None
    baseline: Path | None = None
    repository_url: str | None = None  # a fork's repository, for SARIF and the doc links

    @property
    def root(self) -> Path | None:
        """The folder that relative paths and globs in the file start from."""
        return self.path.parent if self.path is not None else None

    @property
    def name(self) -> str:
        return display(self.path) if self.path is not None else "(no configuration)"


# What the command line says is the same kind of layer (it sets select, extend_select,
# ignore, preview, fail_on and lang), laid over the file's by `settings_for`.
Overrides = Config


def display(path: Path) -> str:
    """A path as the user knows it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else relative


# --- discovery ---------------------------------------------------------------


def discover(first_path: str | None, config_file: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a run whose first path is `first_path`."""
    if isolated:
        if config_file is not None:
            raise ConfigError("config.isolated_and_config")
        return Config()
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError("config.no_file", path=config_file)
        table = _read_table(path)
        if table is None:
            raise ConfigError("config.no_table", path=config_file)
        return build(table, path)
    found = find(Path(first_path or "."))
    return build(found[1], found[0]) if found is not None else Config()


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above `start` (a file or a folder), with its table."""
    directory = start.absolute()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            table = _read_table(candidate)
            if table is not None:
                return candidate, table
    return None


def _read_table(path: Path) -> dict[str, Any] | None:
    """The configuration table of a file; None for a pyproject.toml without [tool.sop-lint]."""
    where = display(path)
    try:
        text = read_source(path).decode("utf-8")
    except OSError as error:
        raise ConfigError("config.cannot_read", path=where, reason=error.strerror or error) from None
    except UnicodeDecodeError:
        raise ConfigError("config.not_utf8", path=where) from None
    pyproject = path.name == "pyproject.toml"
    if pyproject and "sop-lint" not in text:  # most pyprojects: skip without parsing
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("config.not_toml", path=where, reason=error) from None
    except RecursionError:  # tomllib recurses once per level of `[[[…]]]`
        raise ConfigError("config.too_deep", path=where) from None
    if not pyproject:
        return data
    table = data.get("tool", {}).get("sop-lint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("config.not_a_table", path=where, found=_describe(table))
    return table


# --- validation --------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data_path("rules", SCHEMA_NAME).read_text(encoding="utf-8"))
    return loaded


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+$")
_TYPE_NAMES = ("string", "array", "object", "boolean", "number", "integer")  # config.type.NAME


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    raise ValueError(f"config schema: unsupported type {kind!r}")


def _describe(value: Any) -> Words | str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return Words("config.value.string", value=json.dumps(value, ensure_ascii=False))
    if isinstance(value, int | float):
        return Words("config.value.number", value=value)
    if isinstance(value, list):
        return Words("config.type.array")
    if isinstance(value, dict):
        return Words("config.type.object")
    return Words("config.value.other", kind=type(value).__name__)  # TOML dates and times


def _key_path(parts: list[str]) -> str:
    return ".".join(part if _BARE_KEY.match(part) else json.dumps(part, ensure_ascii=False) for part in parts)


class _Validator:
    """A JSON Schema subset, enough for config.schema.json: type, enum, properties,
    additionalProperties, propertyNames, items, minLength, bounds, local $ref, and
    `format: rule-selector` (a code, prefix or name of a known rule)."""

    def __init__(self, root: dict[str, Any], where: str, prefix: list[str]) -> None:
        self.root = root
        self.where = where
        self.prefix = prefix

    def fail(self, keys: list[str], problem: Words) -> ConfigError:
        return ConfigError("config.key_problem", path=self.where, key=_key_path(self.prefix + keys), problem=problem)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"config schema: unsupported $ref {ref!r}")
            merged = {k: v for k, v in node.items() if k != "$ref"}
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            node = {**target, **merged}
        return node

    def expected(self, node: dict[str, Any]) -> Words | str:
        node = self.resolve(node)
        if "enum" in node:
            return Words("config.type.one_of", values=", ".join(json.dumps(v) for v in node["enum"]))
        kind = node.get("type")
        if kind == "array" and "items" in node:
            items = self.resolve(node["items"])
            if items.get("format") == "rule-selector":
                return Words("config.type.codes")
            if items.get("type") == "string":
                return Words("config.type.strings")
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            return Words("config.type.object")
        return Words(f"config.type.{kind}") if kind in _TYPE_NAMES else str(kind)

    def check(self, value: Any, node: dict[str, Any], keys: list[str]) -> None:
        node = self.resolve(node)
        kind = node.get("type")
        if kind is not None and not _is_type(value, kind):
            raise self.fail(keys, Words("config.must_be", expected=self.expected(node), found=_describe(value)))
        if "enum" in node and value not in node["enum"]:
            choices = {str(v): str(v) for v in node["enum"]}
            guess, _ = closest(str(value), choices, cutoff=0.5) if isinstance(value, str) else (None, False)
            found = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _describe(value)
            expected = self.expected(node)
            if guess:
                raise self.fail(keys, Words("config.must_be_guess", expected=expected, found=found, guess=json.dumps(guess)))
            raise self.fail(keys, Words("config.must_be", expected=expected, found=found))
        if isinstance(value, str):
            if len(value) < node.get("minLength", 0):
                raise self.fail(keys, Words("config.not_empty"))
            if node.get("format") == "rule-selector":
                self.check_selector(value, keys)
            if "pattern" in node and re.match(node["pattern"], value) is None:
                # The schema's `pattern-description` is a catalog key (config.form.NAME).
                wanted = Words(node["pattern-description"]) if "pattern-description" in node else node["pattern"]
                raise self.fail(keys, Words("config.must_be", expected=wanted, found=json.dumps(value, ensure_ascii=False)))
        if _is_type(value, "number"):
            self.check_bounds(value, node, keys)
        if isinstance(value, list) and "items" in node:
            kind = self.resolve(node["items"]).get("type")
            for item in value:
                if kind is not None and not _is_type(item, kind):
                    raise self.fail(keys, Words("config.must_hold", expected=self.expected(node), found=_describe(item)))
                self.check(item, node["items"], keys)
        if isinstance(value, dict):
            self.check_table(value, node, keys)

    def check_bounds(self, value: float, node: dict[str, Any], keys: list[str]) -> None:
        if "exclusiveMinimum" in node and not value > node["exclusiveMinimum"]:
            raise self.fail(keys, Words("config.greater", bound=node["exclusiveMinimum"], value=value))
        if "minimum" in node and not value >= node["minimum"]:
            raise self.fail(keys, Words("config.at_least", bound=node["minimum"], value=value))
        if "maximum" in node and not value <= node["maximum"]:
            raise self.fail(keys, Words("config.at_most", bound=node["maximum"], value=value))

    def check_table(self, value: dict[str, Any], node: dict[str, Any], keys: list[str]) -> None:
        properties: dict[str, Any] = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        names = node.get("propertyNames")
        for key, item in value.items():
            if names is not None:
                self.check(key, names, keys)
            if key in properties:
                self.check(item, properties[key], [*keys, key])
            elif extra is False:
                guess, _ = closest(key.replace("_", "-"), {name: name for name in properties}, cutoff=0.6)
                name = _key_path([*self.prefix, *keys, key])
                if guess:
                    raise ConfigError("config.unknown_key_guess", path=self.where, key=name, guess=guess)
                raise ConfigError("config.unknown_key", path=self.where, key=name, keys=", ".join(properties))
            elif isinstance(extra, dict):
                self.check(item, extra, [*keys, key])

    def check_selector(self, selector: str, keys: list[str]) -> None:
        from .engine import SelectionError, check_selectors
        from .rules import all_rules

        try:
            check_selectors([selector], all_rules())
        except SelectionError as error:
            raise ConfigError("config.selector", path=self.where, key=_key_path(self.prefix + keys), problem=error) from None


def validate(table: dict[str, Any], where: str, prefix: list[str] | None = None) -> None:
    """Raise ConfigError (one line) unless `table` is a valid configuration."""
    _Validator(schema(), where, prefix or []).check(table, schema(), [])


def project_root(folder: Path) -> Path:
    """The project a config belongs to: the git work tree holding its folder (so a
    monorepo's shared pack can sit above it), else the config's own folder."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def build(table: dict[str, Any], path: Path) -> Config:
    """Check a configuration table read from `path` and turn it into a Config."""
    path = path.absolute()
    prefix = ["tool", "sop-lint"] if path.name == "pyproject.toml" else []
    if not prefix and isinstance(table.get("tool"), dict) and "sop-lint" in table["tool"]:
        raise ConfigError("config.tool_key", path=display(path), name=path.name)
    validate(table, display(path), prefix)
    root = path.parent

    def strings(key: str) -> list[str]:
        return [str(item) for item in table.get(key, [])]

    def inside_project(key: str, value: str) -> Path:
        # A config names only files of its own project: a shared or downloaded config must
        # not make sop-lint read, and quote, a file of the machine (docs/reliability.md).
        named = root / value
        project = project_root(root)
        try:
            outside = not named.resolve().is_relative_to(project.resolve())
        except (OSError, RuntimeError):  # a link loop
            outside = True
        if outside:
            raise ConfigError("config.outside", path=display(path), key=key, value=value, project=display(project))
        # Relative to the working directory when inside it: messages name files as the user sees them.
        return Path(display(named))

    def path_of(key: str) -> Path | None:
        return inside_project(key, str(table[key])) if key in table else None

    return Config(
        path=path,
        select=strings("select") if "select" in table else None,
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        per_file_ignores={str(pattern): [str(c) for c in codes] for pattern, codes in table.get("per-file-ignores", {}).items()},
        severity=dict(table.get("severity", {})),
        fail_on=table.get("fail-on"),
        exclude=strings("exclude"),
        packs=[inside_project("packs", p) for p in strings("packs")],
        roles=path_of("roles"),
        hours_per_day=float(table["hours-per-day"]) if "hours-per-day" in table else None,
        check_related=table.get("check-related"),
        preview=table.get("preview"),
        lang=table.get("lang"),
        baseline=path_of("baseline"),
        repository_url=str(table["repository-url"]).rstrip("/") if "repository-url" in table else None,
    )


# --- the role registry -------------------------------------------------------


def load_roles(path: Path, config: Config | None = None) -> list[str]:
    """A role registry's names: TOML with `roles = [...]`, or one role name a line (`#` comments)."""
    return load_registry(path, config)[0]


def load_registry(path: Path, config: Config | None = None) -> tuple[list[str], dict[str, str]]:
    """A role registry: its canonical names, and its aliases (folded) -> canonical name.

    TOML `roles = [...]` whose entries are names or `{ name = "…", aliases = ["…"] }`
    (what `sop-lint roles --write-registry` writes), or one role name a line.
    """
    where = f"{config.name}: `roles`: " if config is not None and config.path is not None else ""
    try:
        text = read_source(path).decode("utf-8-sig")
    except OSError as error:
        raise ConfigError("config.roles_cannot_read", where=where, path=display(path), reason=error.strerror or error) from None
    except UnicodeDecodeError:
        raise ConfigError("config.roles_not_utf8", where=where, path=display(path)) from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError("config.not_toml", path=display(path), reason=error) from None
        roles = data.get("roles")
        if not isinstance(roles, list):
            raise ConfigError("config.roles_not_list", path=display(path))
        expected = Words("config.roles_entries", path=display(path))
        unknown = sorted(set(data) - {"roles"})
        if unknown:
            raise ConfigError("config.roles_unknown_key", path=display(path), key=unknown[0])
        names: list[str] = []
        aliases: dict[str, str] = {}
        for entry in roles:
            if isinstance(entry, str) and entry.strip():
                names.append(entry.strip())
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                raise ConfigError(expected)
            others = entry.get("aliases", [])
            if set(entry) - {"name", "aliases"} or not isinstance(others, list):
                raise ConfigError(expected)
            if not all(isinstance(alias, str) and alias.strip() for alias in others):
                raise ConfigError(expected)
            names.append(entry["name"].strip())
            for alias in others:
                aliases.setdefault(fold(alias), entry["name"].strip())
        return names, aliases
    lines = [line.strip() for line in text.splitlines()]
    return [name for name in lines if name and not name.startswith("#")], {}


# --- from the file and the command line to engine settings --------------------


def _specificity(selectors: list[str], rule: type[Rule]) -> int:
    from .engine import _specificity as specificity

    return specificity(selectors, rule)


def resolve_selection(
    config: Config, cli: Overrides, rules: dict[str, type[Rule]]
) -> tuple[list[str] | None, list[str], list[str]]:
    """(select, extend_select, ignore) for the engine: the command line overrides the file.

    A `--select` on the command line replaces the file's whole selection (ruff's rule);
    `--extend-select` / `--ignore` alone adjust what the file selected, so they win over
    the file's `ignore` / `select` even when the file names a rule more specifically.
    """
    from .engine import check_selectors

    for selectors in (cli.select or [], cli.extend_select, cli.ignore):
        check_selectors(selectors, rules)
    if cli.select is not None:
        return cli.select, cli.extend_select, cli.ignore
    if not cli.extend_select and not cli.ignore:
        return config.select, config.extend_select, config.ignore
    from .engine import DEFAULT_FAMILIES

    base = config.select if config.select is not None else list(DEFAULT_FAMILIES)
    chosen: list[str] = []
    for code, rule in rules.items():
        selected = max(_specificity(base, rule), _specificity(config.extend_select, rule)) > _specificity(config.ignore, rule)
        added, removed = _specificity(cli.extend_select, rule), _specificity(cli.ignore, rule)
        if added >= 0 or removed >= 0:
            selected = added > removed
        if selected:
            chosen.append(code)
    return chosen, [], []


def resolve_severity(overrides: dict[str, Severity], rules: dict[str, type[Rule]]) -> dict[str, Severity]:
    """Per-code severities from selectors: the most specific selector wins."""
    result: dict[str, Severity] = {}
    for code, rule in rules.items():
        best = -1
        for selector, severity in overrides.items():
            specificity = _specificity([selector], rule)
            if specificity > best:
                best, result[code] = specificity, severity
    return result


def settings_for(config: Config, cli: Overrides | None = None) -> Settings:
    """Engine settings from the file with the command line laid over it.

    Raises ConfigError for a bad role registry and SelectionError for an
    unknown rule code on the command line.
    """
    from .engine import Settings
    from .rules import all_rules

    cli = cli or Overrides()
    rules = all_rules()
    for pack in config.packs:
        if not pack.is_file():
            raise ConfigError("config.no_pack", path=config.name, pack=pack)
    select, extend_select, ignore = resolve_selection(config, cli, rules)
    registry, aliases = load_registry(config.roles, config) if config.roles is not None else (None, {})
    return Settings(
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        severity=resolve_severity(config.severity, rules),
        per_file_ignores=config.per_file_ignores,
        fail_on=cli.fail_on or config.fail_on or "warning",
        preview=cli.preview if cli.preview is not None else bool(config.preview),
        lang=cli.lang or config.lang or "en",
        packs=config.packs,
        hours_per_day=config.hours_per_day,
        role_registry=registry,
        check_related=bool(config.check_related),
        project_root=config.root,
        role_aliases=aliases,
    )


def excluded(path: Path, config: Config) -> bool:
    """Whether the file's `exclude` globs (relative to the file's folder; with no file, the
    working directory's) cover `path`. `--exclude` replaces the file's globs, `--extend-exclude` adds.

    A glob without `/` matches any file or folder name (`arsip`, `*.draft.sop.md`);
    one with `/` matches from the configuration's folder (`sop/arsip/**`).
    """
    if not config.exclude:
        return False
    # Without a configuration file (globs from --exclude alone): from the working directory.
    root = config.root if config.root is not None else Path.cwd()
    try:
        relative = Path(os.path.relpath(path.absolute(), root)).as_posix()
    except ValueError:
        return False
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in config.exclude:
        pattern = pattern.removeprefix("./").rstrip("/")
        if "/" in pattern:
            if any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


# --- the language, before the configuration is valid -------------------------

_LANG_LINE = re.compile(r"""^[ \t]*lang[ \t]*=[ \t]*["'](en|id)["'][ \t]*(?:#.*)?$""", re.MULTILINE)
_TABLE_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def language_hint(first_path: str | None, config_file: str | None = None, isolated: bool = False) -> str | None:
    """The `lang` of the configuration a run would use, read even when that file is
    broken (bad TOML, an unknown key), so that its error is said in the file's own
    language: the line `lang = "id"` among the file's top-level keys (in a
    pyproject.toml, under `[tool.sop-lint]`). None when there is no such line."""
    if isolated:
        return None
    if config_file is not None:
        candidates = [Path(config_file)]
    else:
        directory = Path(first_path or ".").absolute()
        if not directory.is_dir():
            directory = directory.parent
        candidates = [folder / name for folder in (directory, *directory.parents) for name in CONFIG_FILES]
    for candidate in candidates:
        try:
            text = read_source(candidate).decode("utf-8", "replace")
        except OSError:
            continue
        if candidate.name == "pyproject.toml":
            start = re.search(r"^[ \t]*\[tool\.sop-lint\][ \t]*$", text, re.MULTILINE)
            if start is None:
                continue  # a pyproject without sop-lint's table is not the configuration
            text = text[start.end() :]
        end = _TABLE_LINE.search(text)
        found = _LANG_LINE.search(text[: end.start()] if end is not None else text)
        return found[1] if found is not None else None
    return None
