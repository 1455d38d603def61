"""`Record`: the base of sop-lint's plain data classes, each field declared once.

A record lists its fields as annotations, in order, with their defaults::

    class Step(Record):
        index: int
        number: int | None
        fields: list[Field] = field(default_factory=list)  # a new empty list each time
        decision: str | None = None

and gets, from that one declaration, `__slots__`, an `__init__` taking the
fields in order (positionally or by name), a dataclass's `==` (field by
field, same class only) and `repr`. `class Span(Record, frozen=True)` marks
a record immutable by contract (mypy holds code to it; nothing checks at run
time). A `field(default_factory=…)` argument may also be given as None,
which stands for a new empty one.

Why not dataclasses: creating a dataclass costs a third of a millisecond at
every start of the command line (its methods are generated and compiled
then), and sop-lint has dozens — together more than linting a small file.
Here nothing is compiled at start-up: each record's `__init__` is a plain
function of the generated module `sop_lint/_record_inits.py` (byte-compiled
like any module), chosen by the record's shape (its field names, which of
them are made fresh). `python -m sop_lint.build_records` regenerates it; a
record whose shape it lacks still works (its `__init__` is compiled when the
class is made), and `tests/test_performance_guards.py` fails until the module
is regenerated.

Records answer `dataclasses.fields()` (built on first use, from the
annotations and `_defaults`), which `sop_lint.api` uses to mirror the model
as pydantic models.

A record that spells out `__slots__` and `__init__` itself (with
`_defaults`, `_frozen`; only `sop_lint.output.ReportOptions` still does) works unchanged.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, dataclass_transform

_T = TypeVar("_T")

# What a fresh default is written as in a generated `__init__`.
_FRESH: dict[Any, str] = {list: "[]", dict: "{}", set: "set()"}


class _Fresh:
    """The class-body marker of `field(default_factory=…)`."""

    __slots__ = ("factory",)

    def __init__(self, factory: Callable[[], Any]) -> None:
        if factory not in _FRESH:
            raise TypeError(f"a record field's default_factory must be list, dict or set, not {factory!r}")
        self.factory = factory


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A field whose default is a new empty `list`, `dict` or `set` for each record."""
    return _Fresh(default_factory)  # type: ignore[return-value]  # replaced by the metaclass


def shape(fields: tuple[str, ...], fresh: dict[str, Callable[[], Any]]) -> str:
    """The key of a generated `__init__`: the field names in order, `name=[]` for a fresh one."""
    return " ".join(f"{name}={_FRESH[fresh[name]]}" if name in fresh else name for name in fields)


def init_source(function: str, fields: tuple[str, ...], fresh: dict[str, Callable[[], Any]]) -> str:
    """The text of an `__init__` for these fields (written to the generated module, or compiled)."""
    parameters = ", ".join(["self", *fields])
    body = [
        f"    self.{name} = {_FRESH[fresh[name]]} if {name} is None else {name}" if name in fresh else f"    self.{name} = {name}"
        for name in fields
    ]
    return f"def {function}({parameters}):\n" + ("\n".join(body) or "    pass") + "\n"


def _generated() -> dict[str, Callable[..., None]]:
    try:
        from ._record_inits import INITS
    except ImportError:  # while the module is first generated
        return {}
    return INITS  # type: ignore[return-value]  # generated, untyped


_INITS: dict[str, Callable[..., None]] | None = None
# Every shape declared in the package (not elsewhere, as in tests), for the generator.
SHAPES: dict[str, tuple[tuple[str, ...], dict[str, Callable[[], Any]]]] = {}
_PACKAGE = __name__.rpartition(".")[0] + "."


def _make_init(
    module: str, qualname: str, fields: tuple[str, ...], fresh: dict[str, Callable[[], Any]], defaults: tuple[Any, ...]
) -> Callable[..., None]:
    global _INITS
    if _INITS is None:
        _INITS = _generated()
    key = shape(fields, fresh)
    if module.startswith(_PACKAGE):
        SHAPES[key] = (fields, fresh)
    template = _INITS.get(key)
    if template is None:  # not generated yet: compiled now, slower to start
        namespace: dict[str, Any] = {}
        exec(init_source("__init__", fields, fresh), namespace)  # our own text, made of field names
        template = namespace["__init__"]
    init = types.FunctionType(template.__code__, template.__globals__, "__init__", defaults or None)
    init.__qualname__ = f"{qualname}.__init__"
    return init


@dataclass_transform(field_specifiers=(field,))
class Declared(type):
    """Makes a record from its annotated fields; answers `__dataclass_fields__` /
    `__dataclass_params__` on first use, so that records are dataclasses to
    `dataclasses.fields()` and `sop_lint.api` without paying for it at import."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], frozen: bool = False) -> Declared:
        if "__slots__" not in namespace and bases:  # declared once, by annotations
            annotations: dict[str, Any] = namespace.get("__annotations__", {})
            fields = tuple(
                key for key, value in annotations.items() if not (isinstance(value, str) and value.startswith("ClassVar"))
            )
            defaults: dict[str, Any] = {}
            fresh: dict[str, Callable[[], Any]] = {}
            for key in fields:
                if key in namespace:
                    value = namespace.pop(key)  # a slot and a class attribute cannot share a name
                    if isinstance(value, _Fresh):
                        fresh[key] = value.factory
                        value = None
                    defaults[key] = value
                elif defaults:
                    raise TypeError(f"{name}: field {key!r} without a default follows one with a default")
            namespace["__slots__"] = fields
            namespace["_defaults"] = {key: fresh.get(key, value) for key, value in defaults.items()}
            if frozen:
                namespace["_frozen"] = True
            if "__init__" not in namespace:
                qualname = namespace.get("__qualname__", name)
                module = namespace.get("__module__", "")
                namespace["__init__"] = _make_init(module, qualname, fields, fresh, tuple(defaults.values()))
        return super().__new__(mcs, name, bases, namespace)

    def __getattr__(cls, name: str) -> Any:
        if name not in ("__dataclass_fields__", "__dataclass_params__"):
            raise AttributeError(name)
        import dataclasses
        import inspect

        specs: list[tuple[str, Any, Any]] = []
        annotations = inspect.get_annotations(cls)
        defaults: dict[str, Any] = cls.__dict__.get("_defaults", {})
        for slot in cls.__dict__.get("__slots__", ()):
            if slot not in defaults:
                specs.append((slot, annotations[slot], dataclasses.field()))
            elif defaults[slot] in (list, dict, set):  # a fresh empty one each time
                specs.append((slot, annotations[slot], dataclasses.field(default_factory=defaults[slot])))
            else:
                specs.append((slot, annotations[slot], dataclasses.field(default=defaults[slot])))
        frozen = bool(cls.__dict__.get("_frozen", False))
        shadow = dataclasses.make_dataclass(cls.__name__, specs, frozen=frozen, init=False, repr=False, eq=False)
        type.__setattr__(cls, "__dataclass_fields__", getattr(shadow, "__dataclass_fields__"))  # noqa: B009
        type.__setattr__(cls, "__dataclass_params__", getattr(shadow, "__dataclass_params__"))  # noqa: B009
        return type.__getattribute__(cls, name)


class Record(metaclass=Declared):
    """`==` and `repr` over the fields, as a dataclass has them."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], Any]]
    _defaults: ClassVar[dict[str, Any]] = {}  # field -> default (`list`, `dict`, `set`: a new empty one)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.__dict__.get("__slots__", ())
        cls._values = attrgetter(*names) if names else (lambda record: ())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = type(self)._values
        return bool(values(self) == values(other))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"
