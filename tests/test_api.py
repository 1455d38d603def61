"""The library API: `sop_lint.parse` and `sop_lint.lint`, the pydantic models
made from the dataclasses, the checked-in JSON Schema, and that neither
`import sop_lint` nor the command line pays for pydantic."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

import sop_lint
from sop_lint import api
from sop_lint import model as dataclass_model
from sop_lint.config import ConfigError
from sop_lint.engine import SelectionError, Settings
from sop_lint.parser import parse_text

from .conftest import FIXTURES, ROOT

SCHEMA_PATH = ROOT / "schemas" / "sop.schema.json"


@pytest.fixture
def good_text() -> str:
    return (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")


# --- parse ----------------------------------------------------------------------------------------


def test_parse_gives_pydantic_models(good_text: str) -> None:
    sop = sop_lint.parse(good_text)
    assert type(sop) is api.Sop and issubclass(api.Sop, BaseModel)  # not isinstance: it would hide the fields from mypy
    assert sop.title == "Pengumpulan Data Kinerja"
    step = sop.steps[2]
    assert (type(step), type(step.item), type(step.yes)) == (api.Step, api.Item, api.StepRef)
    assert (step.yes.target, step.no.target, step.decision) == (4, 2, "Data sudah sesuai?")
    assert type(sop.identity.dates["Tanggal Pembuatan"]) is api.DateValue
    assert sop.steps[4].performers[1].role.alias == "KASUBBAG"


def test_parsed_model_holds_everything_the_dataclasses_hold(good_text: str) -> None:
    inner = parse_text(good_text).sop
    assert inner is not None
    assert sop_lint.parse(good_text).model_dump() == dataclasses.asdict(inner)


def test_helper_methods_come_along(good_text: str) -> None:
    sop = sop_lint.parse(good_text)
    assert sop.section("Prosedur") is sop.sections[-1]
    assert sorted(sop.step_numbers()) == [1, 2, 3, 4, 5]
    assert sop.steps[0].field("Waktu").value == "20 menit"
    assert sop.identity.field("Nomor").value == "065/3/DP-B"
    assert sop.title_span.contains_line(1) and not sop.title_span.contains_line(2)


def test_shared_nodes_are_copies_and_json_round_trips(good_text: str) -> None:
    sop = sop_lint.parse(good_text)
    ref = sop.steps[0].performers[0]
    assert ref.role == sop.roles[0] and ref.role is not sop.roles[0]  # a nested copy, no cycle
    again = api.Sop.model_validate_json(sop.model_dump_json())
    assert again == sop


def test_span_model_is_frozen_like_the_dataclass(good_text: str) -> None:
    span = sop_lint.parse(good_text).title_span
    with pytest.raises(ValueError, match="frozen"):
        span.line = 2
    assert hash(span) == hash(api.Span(line=1, column=3, end_line=1, end_column=27))


def test_parse_error_says_where_and_why() -> None:
    with pytest.raises(api.ParseError) as caught:
        sop_lint.parse("# A\n\n# B\n")
    error = caught.value
    assert (error.line, error.column, error.end_line, error.end_column) == (3, 1, 3, 4)
    assert error.message.startswith("a second `# ` title")
    assert str(error).startswith("line 3, column 1: a second")
    assert isinstance(error, ValueError)


# --- the models are derived, not written out ----------------------------------------------------


def test_every_dataclass_has_a_model_with_the_same_fields() -> None:
    classes = [
        value
        for name, value in vars(dataclass_model).items()
        if not name.startswith("_") and isinstance(value, type) and value.__module__ == dataclass_model.__name__
    ]
    assert all(dataclasses.is_dataclass(cls) for cls in classes)  # they answer dataclasses.fields()
    assert sorted(api.MODELS) == sorted(c.__name__ for c in classes)
    for cls in classes:
        made = api.MODELS[cls.__name__]
        assert list(made.model_fields) == [f.name for f in dataclasses.fields(cls)], cls.__name__
        assert getattr(api, cls.__name__) is made


def test_field_types_point_at_the_models() -> None:
    fields = api.Step.model_fields
    assert fields["item"].annotation is api.Item
    # The models are made at run time, so their generic forms are spelt as what `X | None`, `list[X]` make.
    assert fields["duration"].annotation == typing.Union.__getitem__((api.Duration, None))  # how pydantic stores it
    assert fields["performers"].annotation == types.GenericAlias(list, (api.RoleRef,))
    assert api.Identity.model_fields["dates"].annotation == types.GenericAlias(dict, (str, api.DateValue))
    assert api.Item.model_fields["subs"].annotation == types.GenericAlias(list, (api.Item,))
    assert api.Item.model_fields["line_starts"].annotation == list[tuple[int, int, int]]
    assert api.Item.model_fields["indent"].default == ""
    assert api.Step.model_fields["fields"].default_factory is list


GENERIC_MODULE = '''
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Where:
    line: int


@dataclass(slots=True)
class Node:
    """A node of a tree."""

    name: str
    where: Where
    children: list[Node] = field(default_factory=list)
    parent: str | None = None
    by_key: dict[str, Where] = field(default_factory=dict)
    pair: tuple[int, int] = (0, 0)
    maybe: Where | None = None

    def shout(self) -> str:
        return self.name.upper()
'''


def test_models_are_made_from_any_dataclass_module(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("sop_lint_api_test_module")
    monkeypatch.setitem(sys.modules, module.__name__, module)  # get_type_hints looks the module up
    exec(compile(GENERIC_MODULE, module.__name__, "exec"), module.__dict__)
    made = api._make_models(module)
    assert sorted(made) == ["Node", "Where"]
    leaf = module.Node("leaf", module.Where(2), by_key={"k": module.Where(3)})
    tree = module.Node("root", module.Where(1), children=[leaf], maybe=module.Where(4))
    copy: Any = made["Node"].model_validate(tree, from_attributes=True)  # a model made at run time: fields unknown to mypy
    assert copy.children[0].by_key["k"].line == 3 and copy.maybe.line == 4 and copy.pair == (0, 0)
    assert copy.shout() == "ROOT"
    schema = made["Node"].model_json_schema()  # recursive: the top level refers into $defs
    assert schema["$defs"]["Node"]["description"] == "A node of a tree."
    assert schema["$defs"]["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert "description" not in schema["$defs"]["Where"]  # no signature passed off as a docstring


# --- the JSON Schema ----------------------------------------------------------------------------


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == api.schema_text(), (
        "schemas/sop.schema.json is stale: run `python -m sop_lint.api > schemas/sop.schema.json`"
    )


def test_schema_is_valid_and_describes_parsed_documents(good_text: str) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for text in (good_text, "# T\n\n## Lampiran\n\n- x\n  - y\n", ""):
        validator.validate(json.loads(sop_lint.parse(text).model_dump_json()))
    assert list(validator.iter_errors({"title": None})), "a document without its fields must not validate"
    assert api.Sop.model_json_schema()["title"] == "Sop"


# --- lint -------------------------------------------------------------------------------------


def test_lint_clean_text(good_text: str) -> None:
    assert sop_lint.lint(good_text) == []


def test_lint_gives_finding_models(good_text: str) -> None:
    text = good_text.replace("   - Waktu: 30 menit", "   - Wakt: 30 menit")
    [finding] = sop_lint.lint(text, path="sop/data.sop.md")
    assert isinstance(finding, api.Finding)
    assert finding.model_dump() == {
        "path": "sop/data.sop.md",
        "code": "P003",
        "name": "unknown-key",
        "severity": "warning",
        "message": "unknown key `Wakt`; did you mean `Waktu`?",
        "line": 76,
        "column": 6,
        "end_line": 76,
        "end_column": 10,
    }
    assert sop_lint.lint(text)[0].path == "<string>"


def test_lint_bytes_that_are_not_utf8() -> None:
    [finding] = sop_lint.lint("# Judul é\n".encode("cp1252"))
    assert (finding.code, finding.line, finding.column) == ("P005", 1, 9)


def test_lint_with_a_configuration_table(good_text: str) -> None:
    text = good_text.replace("   - Waktu: 30 menit", "   - Wakt: 30 menit")
    assert sop_lint.lint(text, config={"ignore": ["P003"]}) == []
    [finding] = sop_lint.lint(text, config={"severity": {"P003": "error"}, "lang": "id"})
    assert finding.severity == "error" and finding.message == "kunci `Wakt` tidak dikenal; maksud Anda `Waktu`?"


def test_lint_with_a_configuration_file(good_text: str, tmp_path: Path) -> None:
    text = good_text.replace("   - Waktu: 30 menit", "   - Wakt: 30 menit")
    path = tmp_path / "sop-lint.toml"
    path.write_text('select = ["S"]\n', encoding="utf-8")
    assert sop_lint.lint(text, config=path) == []
    assert sop_lint.lint(text, config=str(path)) == []


def test_lint_with_engine_settings(good_text: str) -> None:
    text = good_text.replace("   - Waktu: 30 menit", "   - Wakt: 30 menit")
    assert [f.code for f in sop_lint.lint(text, config=Settings(select=["P003"]))] == ["P003"]
    assert sop_lint.lint(text, config=Settings(select=["D"])) == []


def test_lint_rejects_a_bad_configuration(good_text: str) -> None:
    with pytest.raises(ConfigError, match="selct"):
        sop_lint.lint(good_text, config={"selct": ["P"]})
    with pytest.raises(SelectionError):
        sop_lint.lint(good_text, config=Settings(select=["Q999"]))


# --- start-up cost ------------------------------------------------------------------------------


HEAVY = ("pydantic", "pydantic_core", "jsonschema")
PROBE = "import sys; {code}; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))"


def loaded_after(code: str, cwd: Path | None = None) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"'))
    return loaded


def test_import_and_cli_do_not_load_pydantic_or_jsonschema() -> None:
    assert loaded_after("import sop_lint, sop_lint.cli") == []


def test_the_check_path_does_not_load_pydantic_or_jsonschema(tmp_path: Path) -> None:
    sop = tmp_path / "data.sop.md"
    sop.write_bytes((FIXTURES / "good" / "complete.sop.md").read_bytes())
    code = f"from sop_lint.cli import run; code = run(['check', '--isolated', '--no-cache', '-q', {str(sop)!r}])"
    assert loaded_after(code, cwd=tmp_path) == []


def test_the_probe_can_see_pydantic() -> None:
    # The two tests above would pass vacuously if the probe could not see an import.
    assert "pydantic" in loaded_after("import sop_lint; sop_lint.parse")
