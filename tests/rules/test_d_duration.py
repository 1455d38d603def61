"""D — durations and Mutu Baku: exact findings for the edge cases of D501–D512."""

from __future__ import annotations

import pytest

from sop_lint.rule import Finding

from ..conftest import FIXTURES, codes, lint

COMPLETE = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")
HEAD = COMPLETE[: COMPLETE.index("## Prosedur\n")]
FIRST_STEP_LINE = HEAD.count("\n") + 3
BATAS_WAKTU_LINE = COMPLETE[: COMPLETE.index("- Batas Waktu:")].count("\n") + 1
BATAS_WAKTU_COLUMN = len("- Batas Waktu: ") + 1
WAKTU_COLUMN = len("   - Waktu: ") + 1


def step(number: int, activity: str = "Memeriksa berkas", /, **fields: str | None) -> str:
    """A step with a full Mutu Baku; a field given as None is left out, others replace or add."""
    subs: dict[str, str | None] = {"Pelaksana": "KARO", "Kelengkapan": "Dokumen", "Waktu": "10 menit", "Output": "Dokumen"}
    subs.update(fields)
    return f"{number}. {activity}\n" + "".join(
        f"   - {key}: {value}".rstrip() + "\n" for key, value in subs.items() if value is not None
    )


def sop(*steps: str, batas_waktu: str | None = "10 hari kerja") -> str:
    head = HEAD
    if batas_waktu is None:
        head = head.replace("- Batas Waktu: 10 hari kerja\n", "")
    else:
        head = head.replace("Batas Waktu: 10 hari kerja", f"Batas Waktu: {batas_waktu}")
    return head + "## Prosedur\n\n" + "".join(steps)


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def d(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """The D findings only."""
    return [c for c in codes(findings) if c[0].startswith("D")]


def messages(findings: list[Finding], code: str) -> list[str]:
    return [f.text for f in findings if f.code == code]


# --- D501 missing-duration -------------------------------------------------------------------


def test_d501_no_waktu_on_the_activity() -> None:
    text = sop(step(1), step(2, "Menandatangani", Waktu=None))
    findings = lint(text)
    assert d(findings) == [("D501", line_of(text, "2. Menandatangani"), 4)]
    assert messages(findings, "D501") == ["step 2 has no Waktu: add e.g. `- Waktu: 15 menit`"]


def test_d501_empty_waktu_on_the_key() -> None:
    text = sop(step(1, Waktu=""))
    findings = lint(text)
    assert d(findings) == [("D501", line_of(text, "- Waktu:"), 6)]
    assert messages(findings, "D501") == ["the Waktu of step 1 is empty: give a duration, e.g. `15 menit`"]


def test_d501_alias_durasi_counts() -> None:
    assert d(lint(sop(step(1, Waktu=None, Durasi="5 menit")))) == []


def test_d501_a_keyless_duration_is_p003s_not_d501s() -> None:
    text = sop(step(1, Waktu=None) + "   - 5 menit\n")
    findings = lint(text)
    assert d(findings) == []
    assert "P003" in {f.code for f in findings}


def test_d501_seed_002a_step_6() -> None:
    path = FIXTURES / "seeds" / "002a-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md"
    text = path.read_text(encoding="utf-8")
    line = line_of(text, "6. Menganalisa")
    findings = lint(text)
    assert [c for c in d(findings) if c[1] == line] == [("D501", line, 4), ("D511", line, 4), ("D512", line, 4)]


# --- D502 unquantified-duration ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["Sesuai dengan waktu yang ditentukan", "segera", "-"])
def test_d502_no_number(value: str) -> None:
    text = sop(step(1, Waktu=value))
    findings = lint(text)
    assert d(findings) == [("D502", line_of(text, "- Waktu:"), WAKTU_COLUMN)]
    assert messages(findings, "D502") == [f"Waktu `{value}` gives no amount of time: write a number and a unit, e.g. `2 hari`"]


def test_d502_quantified_phrase_is_fine() -> None:
    assert d(lint(sop(step(1, Waktu="Paling lambat 2 hari kerja")))) == []


def test_d502_batas_waktu_on_its_value() -> None:
    findings = lint(sop(step(1), batas_waktu="Sesuai ketentuan"))
    assert d(findings) == [("D502", BATAS_WAKTU_LINE, BATAS_WAKTU_COLUMN)]
    assert messages(findings, "D502")[0].startswith("Batas Waktu `Sesuai ketentuan` gives no amount of time")


def test_d502_seed_000() -> None:
    path = FIXTURES / "seeds" / "000-kalbar-pengumpulan-data-kinerja.sop.md"
    text = path.read_text(encoding="utf-8")
    line = line_of(text, "Sesuai dengan waktu yang ditentukan")
    assert ("D502", line, WAKTU_COLUMN) in d(lint(text))


# --- D503 duration-without-unit ---------------------------------------------------------------


def test_d503_bare_number_on_the_number() -> None:
    text = sop(step(1, Waktu="15"))
    findings = lint(text)
    assert d(findings) == [("D503", line_of(text, "- Waktu:"), WAKTU_COLUMN)]
    assert messages(findings, "D503") == ["Waktu `15` has no unit: did you mean `15 menit`?"]
    span = findings[[f.code for f in findings].index("D503")].span
    assert span.end_column == WAKTU_COLUMN + 2


def test_d503_seed_002b_each_bare_number() -> None:
    path = FIXTURES / "seeds" / "002b-waykanan-mekanisme-pengumpulan-data-kinerja.sop.md"
    text = path.read_text(encoding="utf-8")
    bare = [
        i for i, line in enumerate(text.split("\n"), start=1) if line.strip() in ("- Waktu: 15", "- Waktu: 30", "- Waktu: 480")
    ]
    found = [c for c in d(lint(text)) if c[0] == "D503"]
    assert bare and all(("D503", line, WAKTU_COLUMN) in found for line in bare)


# --- D504 unknown-duration-unit -----------------------------------------------------------------


def test_d504_unknown_unit_on_the_unit() -> None:
    text = sop(step(1, Waktu="3 lembar"))
    findings = lint(text)
    assert d(findings) == [("D504", line_of(text, "- Waktu:"), WAKTU_COLUMN + 2)]
    assert messages(findings, "D504") == [
        "unknown time unit `lembar` in Waktu `3 lembar`: use detik, menit, jam, hari, minggu, bulan or tahun"
    ]


def test_d504_misspelt_unit_suggests_the_known_one() -> None:
    findings = lint(sop(step(1, Waktu="20 mennit")))
    assert messages(findings, "D504") == ["unknown time unit `mennit` in Waktu `20 mennit`; did you mean `menit`?"]


@pytest.mark.parametrize(
    "value", ["20 Menit", "1 Jam", "2 hari kerja", "1 jam 30 menit", "30 mnt", "2 x 24 jam", "1 (satu) hari"]
)
def test_d504_known_units(value: str) -> None:
    assert d(lint(sop(step(1, Waktu=value)))) == []


# --- D505 invalid-duration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0 menit", "Waktu `0 menit` is zero: every step takes some time"),
        ("0", "Waktu `0` is zero: every step takes some time"),
        ("-1 jam", "Waktu `-1 jam` is negative"),
        ("2-1 jam", "Waktu `2-1 jam` ends below its start: did you mean `1-2 jam`?"),
        ("1e309 hari", "Waktu `1e309 hari` is too large to be a duration"),
        ("0 lembar", "Waktu `0 lembar` is zero: every step takes some time"),
    ],
)
def test_d505_only_d505(value: str, message: str) -> None:
    text = sop(step(1, Waktu=value))
    findings = lint(text)
    assert d(findings) == [("D505", line_of(text, "- Waktu:"), WAKTU_COLUMN)]
    assert messages(findings, "D505") == [message]


def test_d505_a_range_from_zero_is_fine() -> None:
    assert d(lint(sop(step(1, Waktu="0-5 menit")))) == []


# --- D506 exceeds-time-limit ------------------------------------------------------------------------


def test_d506_on_batas_waktu_with_both_totals() -> None:
    text = COMPLETE.replace("Batas Waktu: 10 hari kerja", "Batas Waktu: 1 hari kerja")
    findings = lint(text)
    assert d(findings) == [("D506", BATAS_WAKTU_LINE, BATAS_WAKTU_COLUMN)]
    # 20 menit + 2 hari + 30 menit + 1,5 jam + 2 jam, the loop back to step 2 once
    assert messages(findings, "D506") == [
        "the steps take up to 2 hari 4 jam 20 menit along their longest path, more than the Batas Waktu of 1 hari"
    ]


def test_d506_loop_counts_once_and_equal_is_fine() -> None:
    # exactly 2 hari 4 jam 20 menit: 1220 minutes
    text = COMPLETE.replace("Batas Waktu: 10 hari kerja", "Batas Waktu: 1220 menit")
    assert d(lint(text)) == []
    text = COMPLETE.replace("Batas Waktu: 10 hari kerja", "Batas Waktu: 1219 menit")
    assert [c[0] for c in d(lint(text))] == ["D506"]


def test_d506_ranges_count_with_their_upper_bound() -> None:
    text = sop(step(1, Waktu="1-3 jam"), step(2, Waktu="1 jam"), batas_waktu="3 jam")
    assert messages(lint(text), "D506") == [
        "the steps take up to 4 jam along their longest path, more than the Batas Waktu of 3 jam"
    ]


def test_d506_takes_the_longer_branch_of_a_decision() -> None:
    text = sop(
        step(1, Waktu="1 jam", Keputusan="Lengkap?", Ya="2", Tidak="3"),
        step(2, Waktu="1 jam", Lanjut="4"),
        step(3, Waktu="5 jam"),
        step(4, Waktu="1 jam"),
        batas_waktu="6 jam",
    )
    assert messages(lint(text), "D506") == [
        "the steps take up to 7 jam along their longest path, more than the Batas Waktu of 6 jam"
    ]


def test_d506_unknown_durations_count_nothing() -> None:
    text = sop(step(1, Waktu="segera"), step(2, Waktu="15"), step(3, Waktu="1 jam"), batas_waktu="1 jam")
    assert [c[0] for c in d(lint(text))] == ["D502", "D503"]


def test_d506_working_time_is_configurable() -> None:
    text = sop(step(1, Waktu="1 hari"), batas_waktu="7 jam")
    assert messages(lint(text), "D506") == [
        "the steps take up to 1 hari along their longest path, more than the Batas Waktu of 7 jam"
    ]
    assert d(lint(text, hours_per_day=7)) == []


def test_d506_needs_a_usable_batas_waktu() -> None:
    assert d(lint(sop(step(1, Waktu="3 hari"), batas_waktu=None))) == []
    assert [c[0] for c in d(lint(sop(step(1, Waktu="3 hari"), batas_waktu="1 lembar")))] == ["D504"]


# --- D511 missing-requirements, D512 missing-output ----------------------------------------------------


@pytest.mark.parametrize(("key", "code", "what"), [("Kelengkapan", "D511", "needs"), ("Output", "D512", "produces")])
def test_d511_d512_absent_on_the_activity(key: str, code: str, what: str) -> None:
    text = sop(step(1), step(2, "Mengarsipkan", **{key: None}))
    findings = lint(text)
    assert d(findings) == [(code, line_of(text, "2. Mengarsipkan"), 4)]
    assert messages(findings, code)[0].startswith(f"step 2 has no {key}: name what the step {what}")


@pytest.mark.parametrize(("key", "code"), [("Kelengkapan", "D511"), ("Output", "D512")])
def test_d511_d512_empty_on_the_key(key: str, code: str) -> None:
    text = sop(step(1, **{key: ""}))
    findings = lint(text)
    assert d(findings) == [(code, line_of(text, f"- {key}:"), 6)]
    assert messages(findings, code)[0].startswith(f"the {key} of step 1 is empty")


@pytest.mark.parametrize(("key", "alias"), [("Kelengkapan", "Persyaratan"), ("Output", "Keluaran")])
def test_d511_d512_aliases_and_an_explicit_dash(key: str, alias: str) -> None:
    assert d(lint(sop(step(1, **{key: None, alias: "Dokumen"})))) == []
    assert d(lint(sop(step(1, **{key: "-"})))) == []


def test_d_rules_skip_terminators() -> None:
    text = sop("1. Mulai\n", step(2), "3. Selesai\n   - Waktu: -\n")
    assert d(lint(text)) == []
