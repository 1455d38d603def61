"""`sop-lint format`: the canonical form, the command line, and the Markdown it
renders (pymarkdownlnt and a CommonMark renderer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.fixes import split_text
from sop_lint.formatter import format_text
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text

from .cli_runner import invoke
from .conftest import FIXTURES, ROOT, TODAY, codes, lint

PACK = builtin_pack()


def fmt(text: str) -> str:
    return format_text(text, PACK, TODAY)


# The canonical form ---------------------------------------------------------------------


def test_canonical_names_spacing_blank_lines_and_markers() -> None:
    text = (
        "# Pengumpulan Data\n"
        "## IDENTITAS SOP\n"
        "* Nomor SOP :  065/3/DP-B   \n"
        "* Tgl Pembuatan:4 Januari 2021\n"
        "+ NIP: 197912082000032002\n"
        "## dasar   hukum:\n\n\n"
        "3) Peraturan Daerah Nomor 8 Tahun 2016\n"
        "7) Peraturan Gubernur Nomor 1 Tahun 2020\n"
    )
    assert fmt(text) == (
        "# Pengumpulan Data\n"
        "\n"
        "## Identitas\n"
        "\n"
        "- Nomor: 065/3/DP-B\n"
        "- Tanggal Pembuatan: 4 Januari 2021\n"
        "- NIP Pengesah: 19791208 200003 2 002\n"
        "\n"
        "## Dasar Hukum\n"
        "\n"
        "1. Peraturan Daerah Nomor 8 Tahun 2016\n"
        "2. Peraturan Gubernur Nomor 1 Tahun 2020\n"
    )


def test_steps_renumbered_with_references_and_sub_items_at_the_content_column() -> None:
    steps = "".join(f"{n}. Langkah {n}\n - Waktu: 5 menit\n" for n in (1, 2, 3, 4, 5, 6, 7, 8, 12))
    text = (
        "# T\n\n## Prosedur\n\n"
        + steps
        + "13. Memeriksa\n\t- Keputusan: Lengkap?\n\t- Ya: ke langkah 14\n\t- Tidak: langkah 12\n14. Mengarsipkan\n"
    )
    out = fmt(text)
    assert "8. Langkah 8\n   - Waktu: 5 menit\n9. Langkah 12\n   - Waktu: 5 menit\n" in out
    assert "10. Memeriksa\n    - Keputusan: Lengkap?\n    - Ya: ke langkah 11\n    - Tidak: langkah 9\n11. Mengarsipkan\n" in out
    assert not [c for c in codes(lint(out)) if c[0] in ("S401", "S402")]


def test_lazy_and_indented_continuation_lines_go_to_the_content_column() -> None:
    text = "# T\n\n## Prosedur\n\n10. Menyurati Bagian-Bagian\nterkait permintaan data\n        dan informasi\n"
    text += "    - Waktu: 5 menit\n"
    assert fmt(text).endswith("1. Menyurati Bagian-Bagian\n   terkait permintaan data\n   dan informasi\n   - Waktu: 5 menit\n")


def test_sections_sorted_stably_with_unknown_sections_travelling_with_the_known_one_before() -> None:
    text = (
        "# T\n\n## Prosedur\n\n1. a\n\n## Lampiran\n\n- L\n\n<!-- about Identitas -->\n## Identitas\n\n- Nomor: 1\n\n"
        "## Catatan Awal\n\n- c\n"
    )
    out = fmt(text)
    headings = re.findall(r"^## (.*)$", out, re.MULTILINE)
    assert headings == ["Identitas", "Catatan Awal", "Prosedur", "Lampiran"]
    assert "<!-- about Identitas -->\n\n## Identitas" in out


def test_unknown_section_before_every_known_one_stays_first() -> None:
    out = fmt("# T\n\n## Pendahuluan\n\nTeks.\n\n## Prosedur\n\n1. a\n\n## Identitas\n\n- Nomor: 1\n")
    assert re.findall(r"^## (.*)$", out, re.MULTILINE) == ["Pendahuluan", "Identitas", "Prosedur"]


def test_misspelt_names_and_terminators_are_left_to_fix() -> None:
    text = "# T\n\n## Peringatn\n\n- Jika tidak, gagal.\n\n## Prosedur\n\n1. Mulai\n2. Menerima\n   - Wakt: 5 menit\n3. Selesai\n"
    out = fmt(text)
    assert "## Peringatn\n" in out and "- Wakt: 5 menit" in out and "1. Mulai\n" in out and "3. Selesai\n" in out


def test_comments_stay_before_their_node_and_inside_the_list() -> None:
    text = (
        "# T\n\n## Prosedur\n\n"
        "1. Menerima <!-- inline -->\n   - Waktu: 5 menit\n"
        "<!-- sop-lint: disable=D511 -->\n"
        "2. Mencatat\n<!-- before the sub-item -->\n     - Waktu: 5 menit\n"
    )
    out = fmt(text)
    assert out.endswith(
        "1. Menerima <!-- inline -->\n"
        "   - Waktu: 5 menit\n"
        "     <!-- sop-lint: disable=D511 -->\n"
        "2. Mencatat\n"
        "   <!-- before the sub-item -->\n"
        "   - Waktu: 5 menit\n"
    )
    # The suppression still applies to step 2 (its target is the next node, as before).
    old, new = parse_text(text, PACK).sop, parse_text(out, PACK).sop
    assert old is not None and new is not None
    assert old.suppressions[0].target is not None and new.suppressions[0].target is not None
    assert text.split("\n")[old.suppressions[0].target.line - 1] == "2. Mencatat"
    assert out.split("\n")[new.suppressions[0].target.line - 1] == "2. Mencatat"


def test_file_comment_under_the_title_stays_there_when_sections_move() -> None:
    text = "# T\n\n<!-- Seed: transcribed from Word -->\n\n## Prosedur\n\n1. a\n\n## Identitas\n\n- Nomor: 1\n"
    assert fmt(text).startswith("# T\n\n<!-- Seed: transcribed from Word -->\n\n## Identitas\n")


def test_suppressed_rules_are_not_formatted_away() -> None:
    text = "# T\n\n<!-- sop-lint: disable-file=P008,S401 -->\n\n## Prosedur\n\n3. a\n\n## Identitas\n\n- Nomor: 1\n"
    out = fmt(text)
    assert re.findall(r"^## (.*)$", out, re.MULTILINE) == ["Prosedur", "Identitas"]
    assert "3. a\n" in out


def test_bullets_only_procedure_stays_bulleted() -> None:
    assert fmt("# T\n\n## Prosedur\n\n* a\n* b\n").endswith("- a\n- b\n")


def test_paragraph_line_that_would_become_a_heading_keeps_its_indentation() -> None:
    text = "# T\n\n## Peringatan\n   # bukan judul\n- b\n"
    out = fmt(text)
    assert "\n   # bukan judul\n" in out
    assert fmt(out) == out


def test_format_never_wraps_and_keeps_words(good_sop: str) -> None:
    long_line = "1. " + " ".join(["kata"] * 400)
    text = good_sop.replace("## Prosedur\n\n1. ", f"## Prosedur\n\n{long_line}\n   - Waktu: 5 menit\n2. ", 1)
    out = fmt(text)
    assert long_line in out.split("\n")


def test_complete_fixture_is_already_canonical(good_sop: str) -> None:
    assert fmt(good_sop) == good_sop


def test_text_that_does_not_parse_raises() -> None:
    from sop_lint.writer import ParseFailure

    with pytest.raises(ParseFailure, match="second `# ` title"):
        fmt("# A\n# B\n")


# Markdown rendering -----------------------------------------------------------------------

# pymarkdownlnt rules turned off: line length, and duplicate or several top headings.
DISABLED = ("md013", "md024", "md025")
# What the formatter cannot change without changing the author's text (docs/format.md, "Known limits").
KNOWN = {
    "rules/P007:fail": {"md041"},  # no `# ` title: nothing to put on the first line
    "rules/C203:fail": {"md022"},  # `- -`: an empty nested list, after which pymarkdownlnt miscounts blank lines
}


def _formatted_fixtures() -> list[tuple[str, str]]:
    from .rule_cases import fixture_documents

    out = []
    for name, data in fixture_documents().items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        body = split_text(text)[0]
        if parse_text(body, PACK).sop is not None:
            out.append((name, fmt(body)))
    return out


FORMATTED = _formatted_fixtures()


@pytest.mark.parametrize(("name", "text"), FORMATTED, ids=[name for name, _ in FORMATTED])
def test_formatted_fixture_passes_pymarkdownlnt(name: str, text: str) -> None:
    api_module = pytest.importorskip("pymarkdown.api")
    api = api_module.PyMarkdownApi()
    for rule in DISABLED:
        api.disable_rule_by_identifier(rule)
    result = api.scan_string(text)
    failures = [f"{f.line_number}:{f.column_number} {f.rule_id} {f.rule_description}" for f in result.scan_failures]
    allowed = KNOWN.get(name, set())
    assert [f for f in failures if f.split()[1].lower() not in allowed] == []


def test_pymarkdownlnt_catches_what_format_fixes() -> None:
    """The lint test above can fail: the seed as written breaks MD029 (numbering)."""
    api_module = pytest.importorskip("pymarkdown.api")
    api = api_module.PyMarkdownApi()
    for rule in DISABLED:
        api.disable_rule_by_identifier(rule)
    seed = (FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md").read_text(encoding="utf-8")
    assert {f.rule_id for f in api.scan_string(seed).scan_failures} == {"MD029"}
    assert api.scan_string(fmt(seed)).scan_failures == []


def _render(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").render(text))


def test_sub_items_of_step_10_and_beyond_stay_inside_their_step() -> None:
    text = "# T\n\n## Prosedur\n\n" + "".join(f"{n}. Langkah {n}\n   - Waktu: {n} menit\n" for n in range(1, 13))
    html = _render(text)
    assert html.count("<ol") > 1  # as written: step 10's sub-items at 3 spaces break the list
    html = _render(fmt(text))
    assert html.count("<ol>") == 1 and "start=" not in html
    for n in (9, 10, 11, 12):
        assert f"<li>Langkah {n}\n<ul>\n<li>Waktu: {n} menit</li>\n</ul>\n</li>" in html


@pytest.mark.parametrize("name", ["seeds/000-kalbar-pengumpulan-data-kinerja.sop.md", "good/complete.sop.md"])
def test_every_step_renders_as_one_list_item_with_its_attributes(name: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = fmt((FIXTURES / name).read_text(encoding="utf-8"))
    sop = parse_text(text, PACK).sop
    assert sop is not None
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Prosedur")
    procedure = tokens[start:]
    lists = [t for t in procedure if t.type == "ordered_list_open"]
    assert len(lists) == 1 and lists[0].level == 0  # one list: no step breaks it
    steps = [t for t in procedure if t.type == "list_item_open" and t.level == 1]
    assert len(steps) == len(sop.steps)
    # Every bullet list (the sub-items) sits inside a step's item.
    assert all(t.level >= 2 for t in procedure if t.type == "bullet_list_open")


# The command line -------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str = "seeds/003-jambi-pengumpulan-data-kinerja.sop.md") -> Path:
    target = tmp_path / Path(name).name
    target.write_bytes((FIXTURES / name).read_bytes())
    return target


def test_check_exits_1_names_the_file_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    result = invoke(capsys, "format", "--check", str(path))
    assert result.code == 1
    assert f"Would reformat: {path}" in result.out
    assert "1 file would be reformatted, 0 files left unchanged." in result.err + result.out
    assert path.read_bytes() == before


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    result = invoke(capsys, "format", "--diff", str(path))
    assert result.code == 1
    assert result.out.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "\n-## DASAR HUKUM\n+## Dasar Hukum\n" in result.out
    assert "\n-9. Setelah LKj PD terkumpul" in result.out and "\n+7. Setelah LKj PD terkumpul" in result.out
    assert path.read_bytes() == before


def test_format_writes_then_nothing_is_left_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path)
    result = invoke(capsys, "format", str(path))
    assert result.code == 0, result.err
    assert "1 file reformatted, 0 files left unchanged." in result.out
    formatted = path.read_bytes()
    assert invoke(capsys, "format", "--check", str(path)).code == 0
    assert invoke(capsys, "format", str(path)).code == 0
    assert path.read_bytes() == formatted


def test_directories_are_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _copy(tmp_path)
    _copy(tmp_path, "good/complete.sop.md")
    result = invoke(capsys, "format", "--check", str(tmp_path))
    assert result.code == 1
    assert "1 file would be reformatted, 1 file left unchanged." in result.out


def test_a_file_that_does_not_parse_is_reported_and_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.sop.md"
    broken.write_bytes(b"# A\n\n## PROSEDUR\n\n# B\n")
    good = _copy(tmp_path)
    result = invoke(capsys, "format", str(tmp_path))
    assert result.code == 2
    assert f"sop-lint: error: {broken}:5:1: a second `# ` title" in result.err
    assert "cannot parse (P001); not formatted" in result.err
    assert broken.read_bytes() == b"# A\n\n## PROSEDUR\n\n# B\n"
    assert b"## Dasar Hukum" in good.read_bytes()  # the others are still formatted


def test_a_file_that_is_not_utf8_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.sop.md"
    path.write_bytes("# Pengesahan caf\u00e9\n".encode("cp1252"))
    result = invoke(capsys, "format", str(path))
    assert result.code == 2 and "not UTF-8 (P005); not formatted" in result.err
    assert path.read_bytes() == "# Pengesahan caf\u00e9\n".encode("cp1252")


def test_standard_input_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "format", "-", stdin=b"# T\n## PROSEDUR\n2. a\n")
    assert result.code == 0
    assert result.out == "# T\n\n## Prosedur\n\n1. a\n"
    assert invoke(capsys, "format", "--check", "-", stdin=b"# T\n").code == 0
    assert invoke(capsys, "format", "--check", "-", stdin=b"# T\n## x\n").code == 1


def test_hooks_file_declares_the_format_hook() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "sop-lint-format")
    assert hook["entry"] == "sop-lint format"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.sop(\.md)?$"
    assert re.search(hook["files"], "sop/a.sop.md") and re.search(hook["files"], "b.sop") and not re.search(hook["files"], "c.md")


@pytest.mark.integration
def test_the_format_hook_in_pre_commit(tmp_path: Path) -> None:
    """`pre-commit try-repo` with the `sop-lint-format` hook: it rewrites an SOP (and so
    fails, as formatters do), then passes on the formatted file."""
    import importlib.util
    import shutil
    import subprocess
    import sys

    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    from .test_precommit import _NOT_COPIED, _environment, _git

    env = _environment(tmp_path)
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    clone = tmp_path / "sop-lint"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(*_NOT_COPIED), symlinks=True)
    _git(clone, env, "init", "-q")
    _git(clone, env, "add", "-A")
    _git(clone, env, "commit", "-q", "-m", "working tree")
    repo = tmp_path / "sops"
    (repo / "sop").mkdir(parents=True)
    _git(repo, env, "init", "-q")
    sop = repo / "sop" / "jambi.sop.md"
    sop.write_bytes((FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md").read_bytes())
    _git(repo, env, "add", "-A")

    def hook() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(clone), "sop-lint-format", "--color", "never"]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    first = hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "## Dasar Hukum\n" in sop.read_text(encoding="utf-8")
    _git(repo, env, "add", "-A")
    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
