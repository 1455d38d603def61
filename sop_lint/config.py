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
from .names import closest, fold
from .records import Record, field

if TYPE_CHECKING:
    from .engine import Settings
    from .rule import Rule, Severity

CONFIG_FILES = ("sop-lint.toml", ".sop-lint.toml", "pyproject.toml")
SCHEMA_NAME = "config.schema.json"


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line."""


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
            raise ConfigError("--config and --isolated cannot be used together")
        return Config()
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: no such configuration file")
        table = _read_table(path)
        if table is None:
            raise ConfigError(f"{config_file}: has no [tool.sop-lint] table")
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
        raise ConfigError(f"{where}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: not UTF-8 text") from None
    pyproject = path.name == "pyproject.toml"
    if pyproject and "sop-lint" not in text:  # most pyprojects: skip without parsing
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:  # tomllib recurses once per level of `[[[…]]]`
        raise ConfigError(f"{where}: not a sop-lint configuration: values nested too deeply") from None
    if not pyproject:
        return data
    table = data.get("tool", {}).get("sop-lint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: `tool.sop-lint` must be a table, not {_describe(table)}")
    return table


# --- validation --------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data_path("rules", SCHEMA_NAME).read_text(encoding="utf-8"))
    return loaded


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+$")
_TYPE_NAMES = {
    "string": "a string",
    "array": "a list",
    "object": "a table",
    "boolean": "true or false",
    "number": "a number",
    "integer": "an integer",
}


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


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"a string ({json.dumps(value, ensure_ascii=False)})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"  # TOML dates and times


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

    def fail(self, keys: list[str], problem: str) -> ConfigError:
        return ConfigError(f"{self.where}: `{_key_path(self.prefix + keys)}` {problem}")

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

    def expected(self, node: dict[str, Any]) -> str:
        node = self.resolve(node)
        if "enum" in node:
            return "one of " + ", ".join(json.dumps(v) for v in node["enum"])
        kind = node.get("type")
        if kind == "array" and "items" in node:
            items = self.resolve(node["items"])
            if items.get("format") == "rule-selector":
                return "a list of rule codes"
            if items.get("type") == "string":
                return "a list of strings"
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            return "a table"
        return _TYPE_NAMES.get(str(kind), str(kind))

    def check(self, value: Any, node: dict[str, Any], keys: list[str]) -> None:
        node = self.resolve(node)
        kind = node.get("type")
        if kind is not None and not _is_type(value, kind):
            raise self.fail(keys, f"must be {self.expected(node)}, not {_describe(value)}")
        if "enum" in node and value not in node["enum"]:
            choices = {str(v): str(v) for v in node["enum"]}
            guess, _ = closest(str(value), choices, cutoff=0.5) if isinstance(value, str) else (None, False)
            hint = f"; did you mean {json.dumps(guess)}?" if guess else ""
            found = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _describe(value)
            raise self.fail(keys, f"must be {self.expected(node)}, not {found}{hint}")
        if isinstance(value, str):
            if len(value) < node.get("minLength", 0):
                raise self.fail(keys, "must not be empty")
            if node.get("format") == "rule-selector":
                self.check_selector(value, keys)
            if "pattern" in node and re.match(node["pattern"], value) is None:
                wanted = node.get("pattern-description", f"of the form {node['pattern']}")
                raise self.fail(keys, f"must be {wanted}, not {json.dumps(value, ensure_ascii=False)}")
        if _is_type(value, "number"):
            self.check_bounds(value, node, keys)
        if isinstance(value, list) and "items" in node:
            kind = self.resolve(node["items"]).get("type")
            for item in value:
                if kind is not None and not _is_type(item, kind):
                    raise self.fail(keys, f"must be {self.expected(node)}, but holds {_describe(item)}")
                self.check(item, node["items"], keys)
        if isinstance(value, dict):
            self.check_table(value, node, keys)

    def check_bounds(self, value: float, node: dict[str, Any], keys: list[str]) -> None:
        if "exclusiveMinimum" in node and not value > node["exclusiveMinimum"]:
            raise self.fail(keys, f"must be greater than {node['exclusiveMinimum']}, not {value}")
        if "minimum" in node and not value >= node["minimum"]:
            raise self.fail(keys, f"must be at least {node['minimum']}, not {value}")
        if "maximum" in node and not value <= node["maximum"]:
            raise self.fail(keys, f"must be at most {node['maximum']}, not {value}")

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
                hint = f"; did you mean `{guess}`?" if guess else f"; expected one of: {', '.join(properties)}"
                raise ConfigError(f"{self.where}: unknown key `{_key_path([*self.prefix, *keys, key])}`{hint}")
            elif isinstance(extra, dict):
                self.check(item, extra, [*keys, key])

    def check_selector(self, selector: str, keys: list[str]) -> None:
        from .engine import SelectionError, check_selectors
        from .rules import all_rules

        try:
            check_selectors([selector], all_rules())
        except SelectionError as error:
            raise ConfigError(f"{self.where}: `{_key_path(self.prefix + keys)}`: {error}") from None


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
        hint = f"in {path.name} the keys stand at the top level, without [tool.sop-lint]"
        raise ConfigError(f"{display(path)}: unknown key `tool`; {hint}")
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
            where = f"{display(path)}: `{key}` names `{value}`"
            raise ConfigError(f"{where}, outside the project ({display(project)}); name a file inside it")
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
        raise ConfigError(f"{where}cannot read role registry {display(path)}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}role registry {display(path)} is not UTF-8 text") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{display(path)}: not valid TOML: {error}") from None
        roles = data.get("roles")
        if not isinstance(roles, list):
            raise ConfigError(f"{display(path)}: `roles` must be a list of role names")
        expected = f"{display(path)}: `roles` must be a list of role names or {{ name = …, aliases = […] }} tables"
        unknown = sorted(set(data) - {"roles"})
        if unknown:
            raise ConfigError(f"{display(path)}: unknown key `{unknown[0]}`; a role registry has only `roles`")
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
            raise ConfigError(f"{config.name}: `packs`: no such rule pack {pack}")
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
