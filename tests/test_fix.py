"""`sop-lint check --fix` / `--diff`: each fixable rule's fix, what it declines,
and that every reference keeps pointing at the same step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sop_lint.engine import Linter, Settings
from sop_lint.fixes import fixable_codes
from sop_lint.fixing import fix_text
from sop_lint.model import Sop
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text
from sop_lint.values.refs import parse_step_ref

from .cli_runner import invoke
from .conftest import FIXTURES, TODAY, lint

PACK = builtin_pack()
SEED_003 = FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md"


def fix(text: str, **settings: object) -> tuple[str, list[str]]:
    options: dict[str, object] = {"preview": True, "today": TODAY}
    options.update(settings)
    result = fix_text(Linter(Settings(**options)), text, "test.sop.md")  # type: ignore[arg-type]
    assert result.problem is None, result.problem
    return result.text, result.declined


def parsed(text: str) -> Sop:
    sop = parse_text(text, PACK).sop
    assert sop is not None
    return sop


def references(sop: Sop) -> list[tuple[str, str, str | None]]:
    """Each reference as (the activity of the step it is on, key, the activity of the step it names)."""
    by_number = sop.step_numbers()
    out = []
    for step in sop.steps:
        for f in step.fields:
            if f.key in ("Ya", "Tidak", "Lanjut"):
                target = parse_step_ref(f.value, f.value_span).target
                named = by_number.get(target) if target is not None else None
                out.append((step.activity, f.key, named.activity if named else None))
    return out


# S401 and S409 -----------------------------------------------------------------------------


def test_seed_003_becomes_activities_1_to_10_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / SEED_003.name
    path.write_bytes(SEED_003.read_bytes())
    result = invoke(capsys, "check", "--fix", "--no-show-source", str(path))
    assert result.code == 1  # other findings remain (D511, M101 …)
    assert "Fixed 3 findings in 1 file." in result.err
    assert " S401 " not in result.out and " S409 " not in result.out
    sop = parsed(path.read_text(encoding="utf-8"))
    assert [step.number for step in sop.steps] == list(range(1, 11))
    assert [step.activity.split()[0] for step in sop.steps] == [
        "Menyiapkan", "Penandatanganan", "Penomoran", "Menggandakan/memperbanyak", "Menunggu",
        "Setelah", "Reviu", "Analisis", "Menyiapkan", "Pengarsipan",
    ]  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert "10. Pengarsipan\n    - Pelaksana: STAF\n    - Waktu: 2 Jam\n" in text
    procedure = text.split("## Prosedur")[1]
    assert "Mulai" not in procedure and "Selesai" not in procedure
    # Everything else is as it was: the fix does not format.
    assert "## DASAR HUKUM\n" in text and "- Tgl Pembuatan: Januari 2022\n" in text
    again = invoke(capsys, "check", "--fix", "--no-show-source", str(path))
    assert "Fixed" not in again.err
    assert path.read_text(encoding="utf-8") == text


DECISIONS = """\
# Verifikasi

## Prosedur

1. Mulai
2. Menerima berkas
   - Lanjut: 9
5. Mencatat berkas
9. Memeriksa kelengkapan
   - Keputusan: Lengkap?
   - Ya: ke langkah 12
   - Tidak: langkah 2
12. Menelaah isi
   - Keputusan: Sesuai?
   - Ya: 14 (Menandatangani)
   - Tidak: kembali ke langkah 5
- Memperbaiki isi
   - Lanjut: 12
14. Menandatangani
15. Selesai
"""


def test_decisions_and_jumps_keep_pointing_at_the_same_steps() -> None:
    before = references(parsed(DECISIONS))
    text, declined = fix(DECISIONS)
    assert declined == []
    sop = parsed(text)
    assert [s.number for s in sop.steps] == [1, 2, 3, 4, 5, 6]
    assert references(sop) == before
    assert "   - Ya: ke langkah 4\n   - Tidak: langkah 1\n" in text
    assert "   - Ya: 6 (Menandatangani)\n   - Tidak: kembali ke langkah 2\n" in text
    assert "5. Memperbaiki isi\n   - Lanjut: 4\n" in text
    assert not [f for f in lint(text) if f.code in fixable_codes()]


def test_reference_to_a_removed_mulai_goes_to_the_step_it_led_to() -> None:
    decision = "   - Keputusan: Lengkap?\n   - Ya: 4\n   - Tidak: 1\n"
    text, _ = fix(f"# T\n\n## Prosedur\n\n1. Mulai\n2. Menerima\n3. Memeriksa\n{decision}4. Mengarsipkan\n")
    assert text.endswith("1. Menerima\n2. Memeriksa\n   - Keputusan: Lengkap?\n   - Ya: 3\n   - Tidak: 1\n3. Mengarsipkan\n")


def test_lanjut_to_the_final_selesai_from_the_new_last_step_is_dropped() -> None:
    text, _ = fix("# T\n\n## Prosedur\n\n1. Menerima\n   - Waktu: 5 menit\n   - Lanjut: 2\n2. Selesai\n")
    assert text.endswith("## Prosedur\n\n1. Menerima\n   - Waktu: 5 menit\n")


@pytest.mark.parametrize(
    ("procedure", "reason"),
    [
        ("1. a\n   - Keputusan: ok?\n   - Ya: 2\n   - Tidak: 3\n2. b\n3. Selesai\n", "`Tidak` of step 1 refers to it"),
        ("1. a\n   - Lanjut: 4\n2. b\n3. c\n4. Selesai\n", "`Lanjut` of step 1 refers to it"),
        ("1. a\n2. Selesai\n   - Lanjut: 1\n", "has branches of its own"),
        ("1. Mulai\n2. Selesai\n", "holds only terminators"),
    ],
)
def test_a_terminator_that_cannot_go_stays(procedure: str, reason: str) -> None:
    text = "# T\n\n## Prosedur\n\n" + procedure
    fixed, declined = fix(text)
    assert any(reason in d for d in declined), declined
    assert "Selesai" in fixed
    assert references(parsed(fixed)) == references(parsed(text))


def test_renumbering_that_would_give_a_broken_reference_a_target_is_declined() -> None:
    text = "# T\n\n## Prosedur\n\n1. a\n   - Lanjut: 3\n2. b\n4. c\n"
    fixed, declined = fix(text)
    assert fixed == text
    assert declined == ["S401: `Lanjut: 3` names no step, but step 3 would exist after renumbering"]


def test_broken_reference_that_stays_broken_does_not_stop_renumbering() -> None:
    fixed, declined = fix("# T\n\n## Prosedur\n\n1. a\n   - Lanjut: 99\n2. b\n4. c\n")
    assert declined == [] and "3. c\n" in fixed and "Lanjut: 99" in fixed


def test_marker_width_change_moves_the_sub_items_and_keeps_the_rest() -> None:
    steps = "".join(f"{n}. a{n}\n   - Waktu :  5 menit\n" for n in range(1, 10))
    text = "# T\n\n## Prosedur\n\n" + steps.replace("9. a9", "- a0\n   * Waktu: 1 menit\n9. a9")
    fixed, _ = fix(text)
    assert fixed.endswith("9. a0\n   * Waktu: 1 menit\n10. a9\n    - Waktu :  5 menit\n")  # odd spacing and `*` kept


# P002, P003, M108, P008 ---------------------------------------------------------------------


def test_misspelt_heading_and_keys_are_renamed(good_sop: str) -> None:
    text = good_sop.replace("## Peringatan\n", "## Peringatn\n").replace("- Waktu: 20 menit", "- Wakt: 20 menit")
    text = text.replace("- Nomor: 065", "- Nomr: 065")
    assert {f.code for f in lint(text)} == {"P002", "P003"}
    fixed, _ = fix(text)
    assert fixed == good_sop


def test_unknown_heading_without_a_suggestion_is_not_renamed(good_sop: str) -> None:
    text = good_sop.replace("## Peringatan\n", "## Peringatan\n\n- Jika tidak, gagal.\n\n## Lampiran\n", 1)
    fixed, _ = fix(text)
    assert "## Lampiran\n" in fixed


def test_nip_is_grouped(good_sop: str) -> None:
    text = good_sop.replace("19791208 200003 2 002", "NIP. 197912082000032002")
    fixed, _ = fix(text)
    assert fixed == good_sop


def test_sections_are_put_in_order(good_sop: str) -> None:
    head, rest = good_sop.split("## Identitas\n", 1)
    identity, after = rest.split("## Dasar Hukum\n", 1)
    text = head + "## Dasar Hukum\n" + after.rstrip("\n") + "\n\n## Identitas\n" + identity.rstrip("\n") + "\n"
    assert {f.code for f in lint(text)} == {"P008"}
    fixed, _ = fix(text)
    assert fixed == good_sop


# Selection and suppression ---------------------------------------------------------------------


def test_only_reported_findings_are_fixed() -> None:
    text = "# T\n\n## Peringatn\n\n- Jika tidak, gagal.\n\n## Prosedur\n\n1. Mulai\n<!-- sop-lint: disable=S409 -->\n3. Selesai\n"
    fixed, _ = fix(text, select=["S401"])
    assert "## Peringatn\n" in fixed  # P002 not selected
    assert "2. Selesai\n" in fixed and "1. Mulai\n" in fixed  # renumbered; S409 not selected
    fixed, _ = fix(text)
    assert "## Peringatan\n" in fixed
    assert "Mulai" not in fixed and "<!-- sop-lint: disable=S409 -->\n1. Selesai\n" in fixed  # suppressed: kept


# The command line ------------------------------------------------------------------------------


def _file(tmp_path: Path, text: str, name: str = "sop.sop.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, DECISIONS)
    result = invoke(capsys, "check", "--diff", str(path))
    assert result.code == 1
    assert result.out.startswith(f"--- {path}\n+++ {path}\n")
    assert "\n-1. Mulai\n" in result.out and "\n+   - Ya: ke langkah 4\n" in result.out
    assert "Would fix" in result.err
    assert path.read_text(encoding="utf-8") == DECISIONS
    clean = _file(tmp_path, (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8"), "clean.sop.md")
    result = invoke(capsys, "check", "--diff", str(clean))
    assert (result.code, result.out) == (0, "")


def test_fix_reports_what_remains_in_the_chosen_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, DECISIONS)
    result = invoke(capsys, "check", "--fix", "--output-format", "json", str(path))
    document = json.loads(result.out)  # the fix message goes to standard error, not into the JSON
    remaining = {finding["code"] for finding in document["findings"]}
    assert not remaining & set(fixable_codes())
    fixable = [f for f in lint(DECISIONS) if f.code in fixable_codes()]
    assert len(fixable) > 3
    assert f"Fixed {len(fixable)} findings in 1 file." in result.err


STDIN_TEXT = "# T\n\n## Peringatn\n\n- Jika tidak, gagal.\n\n## Prosedur\n\n1. Mulai\n3. Menerima\n"
STDIN_FIXED = "# T\n\n## Peringatan\n\n- Jika tidak, gagal.\n\n## Prosedur\n\n1. Menerima\n"


def test_fix_of_standard_input_writes_the_fixed_text_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "check", "--isolated", "--fix", "-", stdin=STDIN_TEXT.encode("utf-8"))
    assert result.out == STDIN_FIXED  # as ruff: the text alone on standard output
    assert result.code == 1  # what remains (C201 …) fails the run
    assert result.err.startswith("Fixed 3 findings in 1 file.\n")
    assert "-:1:3: C201 [error] required section `Identitas` is missing" in result.err
    assert " S401 " not in result.err and " P002 " not in result.err


def test_fix_of_standard_input_keeps_line_endings_and_returns_an_unfixable_text_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    crlf = STDIN_TEXT.replace("\n", "\r\n").encode("utf-8")
    result = invoke(capsys, "check", "--isolated", "--fix", "-q", "-", stdin=crlf)
    assert result.out == STDIN_FIXED.replace("\n", "\r\n") and result.err == ""
    broken = b"# A\n\n## Prosedur\n\n2. a\n\n# B\n"  # does not parse: never rewritten
    result = invoke(capsys, "check", "--isolated", "--fix", "--stdin-filename", "x.sop.md", "-", stdin=broken)
    assert result.out == broken.decode("utf-8") and "x.sop.md:7:1: P001 " in result.err and result.code == 1


def test_diff_of_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "check", "--isolated", "--diff", "--stdin-filename", "t.sop.md", "-", stdin=STDIN_TEXT.encode())
    assert result.code == 1
    assert result.out.startswith("--- t.sop.md\n+++ t.sop.md\n") and "\n-## Peringatn\n+## Peringatan\n" in result.out
    assert result.err == "Would fix 3 findings in 1 file.\n"
    clean = (FIXTURES / "good" / "complete.sop.md").read_bytes()
    assert invoke(capsys, "check", "--isolated", "--diff", "-", stdin=clean) == type(result)(0, "", "")


@pytest.mark.parametrize("args", [["format", "-"], ["check", "--isolated", "--fix", "-"], ["check", "--isolated", "--diff", "-"]])
@pytest.mark.parametrize("stdout", ["closed", "broken pipe"])
def test_standard_output_closed_or_gone_is_one_line_and_exit_2(args: list[str], stdout: str) -> None:
    import os
    import subprocess
    import sys

    command = [sys.executable, "-m", "sop_lint", *args]
    # More than a pipe's buffer holds, and misnumbered: there is something to fix.
    stdin = ("# T\n\n## Prosedur\n\n" + "".join(f"{n}. Langkah ke {n}\n" for n in range(2, 6000))).encode()
    if stdout == "closed":
        done = subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                              preexec_fn=lambda: os.close(1))  # fmt: skip
        err = done.stderr
        expected = b"sop-lint: error: cannot write to standard output: it is closed\n"
    else:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.close()  # the reader is gone before the first byte
        _, err = process.communicate(stdin, timeout=120)
        done = subprocess.CompletedProcess(command, process.returncode)
        expected = b"sop-lint: error: cannot write to standard output: broken pipe\n"
    assert (done.returncode, err) == (2, expected)


def test_a_file_that_does_not_parse_is_reported_not_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, "# A\n\n## Prosedur\n\n2. a\n\n# B\n")
    result = invoke(capsys, "check", "--fix", str(path))
    assert result.code == 1 and " P001 " in result.out and "Fixed" not in result.err
    assert path.read_text(encoding="utf-8") == "# A\n\n## Prosedur\n\n2. a\n\n# B\n"


def test_a_fix_that_fails_the_safety_check_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sop_lint.formatter import render as real

    def losing_a_line(*args: Any, **kwargs: Any) -> str:
        return real(*args, **kwargs).replace("   - Lanjut: 4\n", "", 1)

    monkeypatch.setattr("sop_lint.fixing.render", losing_a_line)  # the name the fixer calls
    path = _file(tmp_path, DECISIONS)
    result = invoke(capsys, "check", "--fix", "--no-show-source", str(path))
    assert result.code == 2
    assert f"sop-lint: error: {path}: not fixed: the new text would not be the same SOP (its sections would differ)" in result.err
    assert " S401 " in result.out  # the findings of the file as it is
    assert path.read_text(encoding="utf-8") == DECISIONS


def test_ambiguous_or_commented_names_are_declined_and_said_with_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], good_sop: str
) -> None:
    text = good_sop.replace("- Disahkan Oleh: Kepala", "- Pengesahan: Kepala")  # `Pengesah` or `Tgl Pengesahan`?
    text = text.replace("- Nama Pengesah: Rita", "- Nama <!-- lengkap --> Pengesa: Rita")
    fixed, declined = fix(text)
    assert "- Pengesahan: Kepala" in fixed and "- Nama <!-- lengkap --> Pengesa: Rita" in fixed
    # The ambiguous rename is an UNSAFE fix now (issue 13, point 2): not made by --fix, not declined.
    assert declined == ["P003: `Nama Pengesa` is not renamed: a comment stands in the key"]
    path = _file(tmp_path, text)
    result = invoke(capsys, "check", "--fix", "-v", str(path))
    assert f"sop-lint: {path}: not fixed: P003: `Nama Pengesa` is not renamed: a comment stands in the key" in result.err
    assert path.read_text(encoding="utf-8") == text
    result = invoke(capsys, "check", "--fix", "--unsafe-fixes", str(path))
    assert "- Disahkan Oleh: Kepala" in path.read_text(encoding="utf-8")


def test_the_line_tree_is_built_once_for_each_lint_of_a_fix_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """A round's lint makes one tree (for the fixes its findings carry); rendering and
    the safety check of that round reuse it, and so does `--fix` after the lint."""
    import sop_lint.fixing
    import sop_lint.formatter
    import sop_lint.lines

    real = sop_lint.lines.build_layout
    built: list[int] = []

    def counting(sop: Sop, text: str) -> sop_lint.lines.Layout:
        built.append(len(text))
        return real(sop, text)

    for module in (sop_lint.lines, sop_lint.fixing, sop_lint.formatter):
        monkeypatch.setattr(module, "build_layout", counting)
    linter = Linter(Settings(preview=True, today=TODAY))
    text = SEED_003.read_text(encoding="utf-8")
    assert "sop-lint:" not in text  # no suppression directive: the parser makes no tree of its own
    result = fix_text(linter, text, SEED_003.name)
    assert result.changed and result.rounds == 1
    # The lint of the text (its S401/S409 fixes rendered) and the lint of the fixed text (no fix left to render).
    assert built == [len(text)]
