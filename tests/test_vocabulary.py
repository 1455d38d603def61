"""The parser's vocabulary is the rule pack's: month and weekday names, the words of
a step reference, the decision keys and the sections the model is read from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sop_lint.model import Span
from sop_lint.pack import Pack, builtin_pack, load_pack
from sop_lint.parser import parse_text
from sop_lint.values.dates import date_problem, format_date, month_name, parse_date
from sop_lint.values.refs import parse_step_ref

SPAN = Span(1, 1, 1, 2)


def pack_with(tmp_path: Path, data: dict[str, object]) -> Pack:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_pack([path])


FAMILY: dict[str, object] = {"step_references": {"leads": ["lanjut ke", "menuju", "menuju ke"]}}


@pytest.mark.parametrize(
    ("text", "builtin", "family"),
    [
        ("kembali ke langkah 2", 2, 2),
        ("kembali  ke\tlangkah   2", 2, 2),
        ("ke-4", 4, 4),
        ("langkah ke-4", 4, 4),
        ("langkah ke - 4", 4, 4),
        ("no. 4", 4, 4),
        # The built-in pack reads the natural leads too (issue 13, point 1).
        ("lanjut ke langkah 4", 4, 4),
        ("Lanjut ke Langkah 4", 4, 4),
        ("menuju langkah 4", 4, 4),
        ("menuju ke langkah 4", 4, 4),
        ("lanjut ke no. 4 (Menandatangani)", 4, 4),
        ("lanjut langkah 4", None, None),  # `lanjut` alone leads nothing
        ("menuju", None, None),
        ("ke langkah", None, None),
    ],
)
def test_the_family_of_natural_step_references_is_data(
    text: str, builtin: int | None, family: int | None, tmp_path: Path
) -> None:
    assert parse_step_ref(text, SPAN).target == builtin
    assert parse_step_ref(text, SPAN, pack_with(tmp_path, FAMILY)).target == family


def test_a_pack_adds_step_reference_words(tmp_path: Path) -> None:
    assert parse_step_ref("balik ke tahap 3", SPAN).target is None
    pack = pack_with(tmp_path, {"step_references": {"leads": ["balik ke"], "words": ["tahap"]}})
    assert parse_step_ref("balik ke tahap 3", SPAN, pack).target == 3
    assert parse_step_ref("kembali ke langkah 2", SPAN, pack).target == 2  # the built-in words stay


def test_a_long_run_of_spaces_in_a_reference_is_read_in_linear_time() -> None:
    assert parse_step_ref("ke" + " " * 200_000 + "langkah" + " " * 200_000 + "x", SPAN).target is None


def test_the_calendar_is_the_packs() -> None:
    pack = builtin_pack()
    assert pack.month_names[0] == "Januari" and pack.month_names_en[7] == "August" and len(pack.month_names) == 12
    assert (pack.months["agt"], pack.months["pebruari"], pack.months["may"]) == (8, 2, 5)
    assert pack.weekdays["jum’at"] == 4 and pack.weekday_names[6] == "Minggu"
    assert month_name(11) == "November"
    assert parse_date("Senin, 4 Jan. 2021", SPAN).valid
    assert date_problem("Selasa, 4 Januari 2021") == (
        "4 Januari 2021 is a Monday (Senin), not a Selasa",
        "4 Januari 2021 jatuh pada hari Senin, bukan Selasa",
    )
    assert date_problem("4 Nopember 2021") is None
    assert date_problem("4 Nopemberr 2021") is not None


def test_a_pack_adds_month_and_weekday_spellings(tmp_path: Path) -> None:
    import datetime

    pack = pack_with(
        tmp_path,
        {"months": [{"name": "Januari", "aliases": ["djan"]}], "weekdays": [{"name": "Senin", "aliases": ["sen"]}]},
    )
    value = parse_date("sen, 4 djan 2021", SPAN, pack)
    assert (value.valid, value.year, value.month, value.day) == (True, 2021, 1, 4)
    assert not parse_date("4 djan 2021", SPAN).valid  # the built-in pack does not know it
    assert len(pack.month_names) == 12 and format_date(datetime.date(2021, 1, 4), pack) == "4 Januari 2021"


STEPS = """\
# T

## Pelaksana

- Staf

## Prosedur

1. a
   - Pelaksana: Staf
   - Keputusan: Lengkap?
   - Ya: 2
   - Tidak: kembali ke langkah 1
2. b
"""


def test_decision_keys_fill_the_attribute_their_pack_entry_names(tmp_path: Path) -> None:
    sop = parse_text(STEPS).sop
    assert sop is not None
    first = sop.steps[0]
    assert (first.decision, first.yes and first.yes.target, first.no and first.no.target) == ("Lengkap?", 2, 1)
    assert [ref.text for ref in first.performers] == ["Staf"] and first.performers[0].role is sop.roles[0]
    # A pack that swaps the branches: the words are data, not code.
    swapped = pack_with(
        tmp_path,
        {
            "step_fields": [
                {"name": "Ya", "aliases": ["Jika Ya"], "type": "step", "branch": "no"},
                {"name": "Tidak", "aliases": ["Jika Tidak"], "type": "step", "branch": "yes"},
            ]
        },
    )
    sop = parse_text(STEPS, swapped).sop
    assert sop is not None
    assert (sop.steps[0].yes and sop.steps[0].yes.target, sop.steps[0].no and sop.steps[0].no.target) == (1, 2)


def test_the_sections_the_model_is_read_from_are_the_packs(tmp_path: Path) -> None:
    sop = parse_text(STEPS).sop
    assert sop is not None and [role.name for role in sop.roles] == ["Staf"] and len(sop.steps) == 2
    # Without `reads`, Pelaksana is a section like any other: no roles are read from it.
    plain = pack_with(tmp_path, {"sections": [{"name": "Pelaksana", "aliases": ["Peran"], "type": "information"}]})
    sop = parse_text(STEPS, plain).sop
    assert sop is not None and sop.roles == [] and len(sop.steps) == 2
    assert builtin_pack().section_reads == {
        "Identitas": "identity",
        "Dasar Hukum": "citations",
        "Pelaksana": "roles",
        "Prosedur": "steps",
    }


def test_the_words_around_a_date_are_the_packs(tmp_path: Path) -> None:
    for text in ("Tanggal 4 Januari 2021", "Tgl. 4 Jan 2021", "Hari Senin, 4 Januari 2021", "4 Januari Tahun. 2021"):
        assert parse_date(text, SPAN).complete, text
    assert (parse_date("Bulan Januari 2022", SPAN).month, parse_date("Thn. 2022", SPAN).year) == (1, 2022)
    assert not parse_date("Per 4 Januari 2021", SPAN).valid
    pack = pack_with(tmp_path, {"date_words": {"date": ["per"], "year": ["th"]}})
    value = parse_date("Per 4 Januari th. 2021", SPAN, pack)
    assert (value.valid, value.year, value.month, value.day) == (True, 2021, 1, 4)
    assert parse_date("Tanggal 4 Januari Tahun 2021", SPAN, pack).complete  # the built-in words stay


NEXT_WORD = """\
# T

## Pelaksana

- Staf

## Prosedur

2. a
   - Pelaksana: Staf
   - Berikutnya: 6
4. b
   - Pelaksana: Staf
6. c
   - Pelaksana: Staf
"""


def test_the_flow_and_the_renumbering_read_the_step_fields_of_the_pack(tmp_path: Path) -> None:
    from sop_lint.engine import Linter, Settings
    from sop_lint.fixing import fix_text
    from sop_lint.flow import build_flow

    path = tmp_path / "next.json"
    path.write_text(json.dumps({"step_fields": [{"name": "Berikutnya", "aliases": [], "type": "step", "branch": "next"}]}))
    pack = load_pack([path])
    assert pack.field_branches() == {"Ya": "yes", "Tidak": "no", "Lanjut": "next", "Berikutnya": "next"}
    assert "Berikutnya" in pack.step_ref_keys() and "Berikutnya" not in builtin_pack().step_ref_keys()
    sop = parse_text(NEXT_WORD, pack).sop
    assert sop is not None and sop.steps[0].next is not None and sop.steps[0].next.target == 6
    flow = build_flow(sop)  # the branch is named by the field written, not by a word in the code
    assert [(b.key, b.branch, b.target, b.used) for b in flow.branches[0]] == [("Berikutnya", "next", 2, True)]
    assert flow.successors == [[2], [2], [3]]
    # The renumbering rewrites the pack's reference field, and the check of its meaning passes.
    result = fix_text(Linter(Settings(packs=[path], select=["S401"])), NEXT_WORD, "t.sop.md")
    assert result.changed
    assert "1. a\n   - Pelaksana: Staf\n   - Berikutnya: 3\n2. b\n" in result.text and "\n3. c\n" in result.text


def test_the_words_of_a_duration_range_and_the_nip_labels_are_the_packs(tmp_path: Path) -> None:
    from sop_lint.model import Nip
    from sop_lint.values.durations import parse_duration
    from sop_lint.values.nip import label, nip_reason

    builtin = builtin_pack()
    for text in ("1 s.d. 2 jam", "1 sd 2 jam", "1 s. d. 2 jam", "1 s/d 2 jam", "1 sampai  dengan 2 jam", "1 hingga 2 jam"):
        duration = parse_duration(text, SPAN, builtin)
        assert (duration.low, duration.high, duration.unit) == (1, 2, "jam"), text
    unread = parse_duration("1 sampai ke 2 jam", SPAN, builtin)  # `1` of an unknown unit `sampai`
    assert (unread.low, unread.high, unread.unit, unread.unit_text) == (1, 1, None, "sampai")
    pack = pack_with(tmp_path, {"duration_ranges": ["sampai ke"], "nip_labels": ["NIP/NRP"]})
    duration = parse_duration("1 sampai ke 2 jam", SPAN, pack)
    assert (duration.low, duration.high, duration.unit) == (1, 2, "jam")
    assert parse_duration("1 s.d. 2 jam", SPAN, pack).high == 2  # the built-in words stay
    nip = Nip("NIP/NRP. 19680904 199308 1 001", SPAN, "196809041993081001")
    assert label(nip) == "NIP" and nip_reason(nip) is not None  # then `/NRP.` stands in the number
    assert label(nip, pack) == "NIP/NRP." and nip_reason(nip, None, pack) is None
    assert label(Nip("NIP. 19680904 199308 1 001", SPAN, "196809041993081001"), pack) == "NIP."
