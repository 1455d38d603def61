"""Records declare each field once: slots, `__init__`, defaults, `==`, `repr` and
`dataclasses.fields()` all come from the annotations."""

from __future__ import annotations

import dataclasses

import pytest

from sop_lint.model import Item, Sop, Span, Step
from sop_lint.records import Record, field


class _Pair(Record):
    left: int
    right: list[int] = field(default_factory=list)
    note: str | None = None


def test_fields_become_slots_and_init_parameters_in_order() -> None:
    assert _Pair.__slots__ == ("left", "right", "note")
    pair = _Pair(1, [2], "x")
    assert (pair.left, pair.right, pair.note) == (1, [2], "x")
    assert _Pair(left=3, note="y") == _Pair(3, [], "y")
    with pytest.raises(AttributeError):
        pair.other = 1  # type: ignore[attr-defined]  # slotted: no other attribute


def test_a_fresh_default_is_new_for_each_record_and_none_stands_for_it() -> None:
    first, second = _Pair(1), _Pair(2)
    first.right.append(5)
    assert second.right == []
    assert _Pair(1, None).right == []  # type: ignore[arg-type]  # None: a new empty one, as before


def test_equality_and_repr_are_field_by_field() -> None:
    assert _Pair(1, [2]) == _Pair(1, [2])
    assert _Pair(1, [2]) != _Pair(1, [3])
    assert repr(_Pair(1)) == "_Pair(left=1, right=[], note=None)"


def test_a_field_without_default_may_not_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="'late' without a default"):

        class _Bad(Record):
            early: int = 0
            late: int  # type: ignore[misc]  # what mypy reports too


def test_only_list_dict_and_set_are_fresh_defaults() -> None:
    with pytest.raises(TypeError, match="list, dict or set"):
        field(default_factory=tuple)


def test_records_answer_dataclasses_fields_with_their_defaults() -> None:
    fields = {f.name: f for f in dataclasses.fields(Step)}
    assert list(fields)[:3] == ["index", "number", "number_span"]
    assert fields["fields"].default_factory is list
    assert fields["terminator"].default is False
    assert fields["index"].default is dataclasses.MISSING
    assert getattr(Span, "__dataclass_params__").frozen  # noqa: B009
    assert not getattr(Sop, "__dataclass_params__").frozen  # noqa: B009


def test_the_model_keeps_its_defaults() -> None:
    span = Span(1, 1, 1, 2)
    item = Item("-", None, "x", span, span, span)
    assert (item.subs, item.indent, item.line_count, item.line_starts) == ([], "", 1, [])
    sop = Sop(None, None)
    assert (sop.line_ending, sop.bom, sop.steps) == ("\n", False, [])
    assert hash(Span(1, 2, 3, 4)) == hash(Span(1, 2, 3, 4))
