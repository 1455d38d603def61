"""The regulation pack (`rules/regulations.json`): its data is sourced and
valid, its vocabulary reads the types real documents write, and a pack's own
patterns are refused when they could make matching slow."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from sop_lint.model import Span
from sop_lint.pack import PackError, builtin_pack, load_pack, pattern_problem
from sop_lint.values.citations import parse_citation

from .cli_runner import invoke, one_error_line
from .conftest import ROOT, need_shared

REGULATIONS = ROOT / "rules" / "regulations.json"


def data() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(REGULATIONS.read_text(encoding="utf-8"))
    return loaded


def test_the_regulation_pack_validates_against_the_pack_schema() -> None:
    schema = json.loads((ROOT / "rules" / "pack.schema.json").read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data())
    ]
    assert errors == []


def test_every_regulation_has_a_source_of_high_or_medium_confidence() -> None:
    rows = data()["regulations"]
    assert isinstance(rows, list) and len(rows) >= 50
    for row in rows:
        assert row["confidence"] in ("high", "medium"), row["label"]
        assert all(part.strip().startswith("http") for part in row["source"].split(" ; ")), row["label"]
        if row["status"] == "revoked":
            assert row["replaced_by"], row["label"]


def test_every_type_key_of_a_regulation_is_a_form_and_issuer_of_the_vocabulary() -> None:
    vocabulary = builtin_pack().vocabulary
    assert vocabulary is not None
    for row in data()["regulations"]:  # type: ignore[attr-defined]
        form, _, issuer = row["kind"].partition(".")
        assert form in vocabulary.forms, row["kind"]
        assert not issuer or issuer in vocabulary.issuers, row["kind"]


def test_issuers_and_forms_have_sources() -> None:
    for key in ("regulation_forms", "regulation_issuers"):
        for entry in data()[key]:  # type: ignore[attr-defined]
            assert entry["source"].startswith("http"), entry["key"]


def kind(text: str) -> str | None:
    return parse_citation(text, Span(1, 1, 1, 1 + len(text)), builtin_pack()).kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Undang - Undang Nomor 25 Tahun 2009", "uu"),
        ("UNDANG UNDANG Nomor 25 Tahun 2009", "uu"),
        ("PermenPAN-RB Nomor 35 Tahun 2012", "permen.kemenpanrb"),
        ("Permen PAN & RB No. 35 Th. 2012", "permen.kemenpanrb"),
        ("Peraturan Mendagri Nomor 86 Tahun 2017", "permen.kemendagri"),
        ("Kep.Men.PAN No. 63/KEP/M.PAN/7/2003", "kepmen.kemenpanrb"),
        ("PMK Nomor 132/PMK.01/2012", "permen.kemenkeu"),
        ("Peraturan BKN Nomor 24 Tahun 2017", "perlem.bkn"),
        ("Perka BKN Nomor 22 Tahun 2007", "perlem.bkn"),
        ("Surat Edaran Kepala BAKN Nomor 01/SE/1977", "se.bkn"),
        ("SE Menpan-RB Nomor 1 Tahun 2020", "se.kemenpanrb"),
        ("Perkap Nomor 16 Tahun 2010", "perlem.polri"),
        ("Peraturan Komisi Informasi Nomor 1 Tahun 2021", "perlem.kip"),
        ("Peraturan Menteri Nomor 5 Tahun 2020", "permen"),  # no issuer: the generic form
        ("Peraturan Nagari Nomor 2 Tahun 2019", "perdes"),
        ("Peraturan Rektor Nomor 3 Tahun 2021", "perrektor"),
        ("Sekretaris Daerah Nomor 3 Tahun 2021", None),  # `SE` ends no word here
    ],
)
def test_the_vocabulary_reads_forms_and_issuers(text: str, expected: str | None) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "number", "year"),
    [
        ("Peraturan Menteri PAN-RB Nomor : 35 Tahun 2012", "35", 2012),
        ("UU No.23 Th.2014 tentang Pemerintahan Daerah", "23", 2014),
        ("Peraturan Daerah Nomor 6A Tahun 2019", "6A", 2019),
        ("Peraturan Kepala Badan SAR Nasional Nomor PK. 4 Tahun 2016", "PK.4", 2016),
        ("Peraturan Menteri Negara BUMN Nomor : PER - 03/MBU/2011", "PER-03/MBU/2011", 2011),
        ("Surat Edaran Menteri Dalam Negeri Nomor 120/253/SJ tanggal 16 Januari 2015", "120/253/SJ", 2015),
        ("Permendagri 86 Tahun 2017", "86", 2017),  # no `Nomor`
    ],
)
def test_numbers_with_letters_dots_and_slashes(text: str, number: str, year: int) -> None:
    citation = parse_citation(text, Span(1, 1, 1, 1 + len(text)), builtin_pack())
    assert (citation.number, citation.year) == (number, year)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(a+)+b", "repeats without a small bound"),
        ("perka[a-z]*", "repeats without a small bound"),
        ("((ab?){3}){3}", "repeats a group that itself repeats"),
        ("(per)\\1", "uses a backreference"),
        ("(?=per)peraturan", "uses a lookaround"),
        ("peraturan (", "is not a regular expression"),
    ],
)
def test_unsafe_pack_patterns_are_refused(pattern: str, problem: str) -> None:
    found = pattern_problem(pattern)
    assert found is not None and found.startswith(problem)


@pytest.mark.parametrize("pattern", ["peraturan menteri", "kepp?res", "perwal(?:i|kot)?", "undang[- ]?undang", "per(?:ka)? bkn"])
def test_bounded_pack_patterns_are_accepted(pattern: str) -> None:
    assert pattern_problem(pattern) is None


def test_the_hostile_pack_is_refused_at_load_time_naming_file_and_key(tmp_path: Path) -> None:
    hostile = need_shared("hostile-inputs/pack-regulation-pattern-redos.json")
    with pytest.raises(PackError) as raised:
        load_pack([hostile])
    message = str(raised.value)
    assert message.startswith(f"{hostile}: invalid rule pack at `regulation_types/0/patterns`: pattern '(a+)+b' repeats")
    assert "\n" not in message


def test_the_hostile_pack_is_one_error_line_from_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(need_shared("hostile-inputs/pack-regulation-pattern-redos.json"), tmp_path / "evil.json")
    shutil.copy(need_shared("hostile-inputs/pack-regulation-pattern-redos.sop.md"), tmp_path / "x.sop.md")
    (tmp_path / "sop-lint.toml").write_text('packs = ["evil.json"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(invoke(capsys, "check", "x.sop.md"))
    assert "evil.json: invalid rule pack at `regulation_types/0/patterns`" in line
