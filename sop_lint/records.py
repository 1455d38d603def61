"""`Record`: the base of sop-lint's plain data classes.

The document model and the engine's small records are classes with
`__slots__` and a hand-written `__init__`, not dataclasses: creating a
dataclass costs a third of a millisecond at every start of the command line
(its methods are generated and compiled then), and sop-lint has dozens —
together more than linting a small file. `Record` gives them a dataclass's
`==` (field by field, same class only) and `repr`, and lets them answer
`dataclasses.fields()` (built on first use, from the annotations and
`_defaults`), which `sop_lint.api` uses to mirror the model as pydantic
models.

A subclass lists its fields, in order, in `__slots__`, annotates each, and
declares in `_defaults` the default of each optional one (`list` or `dict`:
a new empty one each time) — the same defaults as its `__init__`.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar


class Declared(type):
    """Answers `__dataclass_fields__` / `__dataclass_params__` on first use, from
    the annotations and `_defaults`: the classes are dataclasses to
    `dataclasses.fields()` and `sop_lint.api` without paying for it at import."""

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
    """`==` and `repr` over the slots, as a dataclass has them."""

    __slots__: tuple[str, ...] = ()
    _values: ClassVar[Callable[[Any], Any]]
    _defaults: ClassVar[dict[str, Any]] = {}  # slot -> default (`list`, `dict`, `set`: a new empty one)

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
