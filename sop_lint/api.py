"""The library API: `parse(text) -> Sop` and `lint(text, path, config) -> list[Finding]`.

The document comes back as pydantic models, with a JSON Schema
(`Sop.model_json_schema()`, checked in as `schemas/sop.schema.json`). The
models are not written out a second time: they are made, when this module is
first imported, from the dataclasses of `sop_lint.model` — every field with its
type and default, nested dataclasses as nested models, and the dataclasses'
helper methods (`Sop.section`, `Step.field` …). Inside, the linter keeps the
plain dataclasses: importing pydantic costs more than linting a few files, so
`import sop_lint` and the command line never load this module.

A node that the dataclasses share (the `Item` of a step and of its section, the
`Role` a `RoleRef` names) is a separate, equal copy in the models: the models
are a tree that serialises to JSON, with no cycles.

To a type checker the generated models are `Any`; at run time they are pydantic
classes, reachable as attributes of this module (`sop_lint.api.Step`).
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as ModelField

from . import model as _model
from .parser import parse_text

if TYPE_CHECKING:
    from .config import Config
    from .engine import Settings

__all__ = ["Finding", "LintError", "ParseError", "Sop", "lint", "parse", "schema"]

# --- the models, derived from the dataclasses -----------------------------------------------


def _dataclasses(module: types.ModuleType) -> list[type]:
    """The public dataclasses defined in `module` (or classes that answer `dataclasses.fields()`)."""
    return [
        value
        for name, value in vars(module).items()
        # Asked last: a class may work out its fields only when asked (sop_lint.model does).
        if not name.startswith("_")
        and isinstance(value, type)
        and value.__module__ == module.__name__
        and dataclasses.is_dataclass(value)
    ]


def _annotation(hint: Any) -> Any:
    """A field's type, with each dataclass in it replaced by a forward reference to its model.

    Forward references (resolved by `model_rebuild`) keep self-reference
    (`Item.subs: list[Item]`) and mutual reference from recursing here.
    """
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return typing.ForwardRef(hint.__name__)
    origin = get_origin(hint)
    if origin is None:
        return hint
    args = tuple(_annotation(arg) for arg in get_args(hint))
    if origin in (types.UnionType, Union):
        return Union[args]  # noqa: UP007 - `|` does not take forward references
    return origin[args]  # list[...], dict[...], tuple[...]


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return ModelField(default_factory=field.default_factory)
    return ...


def _doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    # A dataclass without a docstring gets its signature as one: not worth a schema description.
    if not doc or doc.startswith(f"{cls.__name__}("):
        return None
    return inspect.cleandoc(doc)


def _make_model(cls: type) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)  # resolves the string annotations in the model module
    fields: dict[str, Any] = {f.name: (_annotation(hints[f.name]), _default(f)) for f in dataclasses.fields(cls)}
    methods = {name: value for name, value in vars(cls).items() if inspect.isfunction(value) and not name.startswith("__")}
    frozen = bool(getattr(cls, "__dataclass_params__").frozen)  # noqa: B009 - not in typeshed
    base = type(
        f"_{cls.__name__}Base",
        (BaseModel,),
        {
            "__module__": __name__,
            "model_config": ConfigDict(from_attributes=True, extra="forbid", frozen=frozen),
            **methods,
        },
    )
    return create_model(cls.__name__, __base__=base, __module__=__name__, __doc__=_doc(cls), **fields)


def _make_models(module: types.ModuleType = _model) -> dict[str, type[BaseModel]]:
    """A pydantic model for each dataclass defined in `module`, by class name."""
    made = {cls.__name__: _make_model(cls) for cls in _dataclasses(module)}
    for made_model in made.values():
        made_model.model_rebuild(_types_namespace=made)
    return made


MODELS: dict[str, type[BaseModel]] = _make_models()

if TYPE_CHECKING:
    Sop: TypeAlias = Any
else:
    Sop = MODELS["Sop"]


def __getattr__(name: str) -> type[BaseModel]:
    """The other models by name: `sop_lint.api.Step`, `sop_lint.api.Span` …"""
    if name in MODELS:
        return MODELS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def schema() -> dict[str, Any]:
    """The JSON Schema of `Sop`, as checked in at `schemas/sop.schema.json`."""
    body = Sop.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "description": (
            "The document model of one SOP, as `sop_lint.parse(text)` returns it. Every node carries its source "
            "span: 1-based line and column, end_column exclusive (the column just after the last character)."
        ),
        **body,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


# --- parse ---------------------------------------------------------------------------------------


class ParseError(ValueError):
    """The text cannot be parsed (what `sop-lint` reports as P001), with where and why."""

    def __init__(self, message: str, line: int, column: int, end_line: int, end_column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.message = message
        self.line, self.column, self.end_line, self.end_column = line, column, end_line, end_column


def parse(text: str) -> Sop:
    """Parse an SOP into the document model (pydantic models); raise ParseError if it cannot be parsed."""
    result = parse_text(text)
    if result.sop is None:
        assert result.problem is not None  # parse_text gives one or the other
        span = result.problem.span
        raise ParseError(result.problem.message, span.line, span.column, span.end_line, span.end_column)
    return Sop.model_validate(result.sop, from_attributes=True)


# --- lint ----------------------------------------------------------------------------------------


class Finding(BaseModel):
    """One finding, as `sop-lint --output-format json` reports it (without fixes: an
    editor that wants them uses `sop_lint.pipeline.Pipeline`, whose findings carry them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    message: str
    line: int
    column: int
    end_line: int
    end_column: int


class LintError(RuntimeError):
    """A rule failed on this text (a bug in sop-lint); the message names the rule."""


ConfigLike: TypeAlias = "Settings | Config | Mapping[str, Any] | str | os.PathLike[str] | None"


def lint(text: str | bytes, path: str = "<string>", config: ConfigLike = None) -> list[Finding]:
    """Lint one SOP; the findings in file order.

    `text` may be bytes, as read from a file (then a file that is not UTF-8 gives
    P005). `path` names the file in the findings and for `per-file-ignores`.
    `config` is None (the defaults: every stable rule), a configuration table
    with the keys of `sop-lint.toml` (`{"select": ["S", "D"], "preview": True}`),
    the path of a configuration file, or a `sop_lint.config.Config` or
    `sop_lint.engine.Settings`. A bad configuration raises
    `sop_lint.config.ConfigError`; an unknown rule code,
    `sop_lint.engine.SelectionError`.
    """
    from .engine import Linter
    from .pipeline import Pipeline

    pipeline = Pipeline(Linter(_settings(config)))
    linter = pipeline.linter
    found = pipeline.lint(text, path).findings
    if linter.internal_errors:
        raise LintError("; ".join(linter.internal_errors))
    return [
        Finding(
            path=finding.path,
            code=finding.code,
            name=linter.rules[finding.code].name,
            severity=finding.severity,
            message=finding.text,
            line=finding.span.line,
            column=finding.span.column,
            end_line=finding.span.end_line,
            end_column=finding.span.end_column,
        )
        for finding in found
    ]


def _settings(config: ConfigLike) -> Settings:
    from .config import Config, build, discover, settings_for
    from .engine import Settings

    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, Config):
        return settings_for(config)
    if isinstance(config, Mapping):
        # A table given in code: named `<config>` in messages; relative paths start at the working directory.
        return settings_for(build(dict(config), Path("<config>")))
    return settings_for(discover(None, config_file=os.fspath(config)))


if __name__ == "__main__":  # `python -m sop_lint.api > schemas/sop.schema.json`
    print(schema_text(), end="")
