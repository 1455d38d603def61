"""The repository rules (X701, X702): fixtures/repos/<case>/ with exact findings,
the same findings with any number of workers and with or without the cache,
a cached repository whose one edited file changes another file's findings,
shards merged back into one run, and misspelt subcommands."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from sop_lint.rules import all_rules

from .cli_runner import invoke, one_error_line
from .conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # type: ignore[import-not-found]  # the benchmarks' deterministic SOPs

REPOS = sorted(path for path in (FIXTURES / "repos").iterdir() if path.is_dir())


def check(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    result = invoke(capsys, "check", "--no-show-source", "-q", *args)
    assert result.code in (0, 1), result.err
    assert result.err == ""
    return result.out.splitlines()


@pytest.mark.parametrize("case", REPOS, ids=lambda path: path.name)
def test_repository_fixture_gives_exactly_its_findings(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert check(capsys, "--no-cache", ".") == expected
    assert check(capsys, ".") == expected  # writes the cache
    assert check(capsys, ".") == expected  # reads it
    assert check(capsys, "--jobs", "2", "--no-cache", ".") == expected


def test_the_fixtures_cover_both_rules_and_their_suppressions() -> None:
    found = "\n".join((case / "expected.txt").read_text(encoding="utf-8") for case in REPOS)
    assert {"X701", "X702", "P006"} <= set(re.findall(r" ([A-Z]\d{3}) \[", found))
    assert any((case / "expected.txt").read_text() == "" for case in REPOS)  # and cases that find nothing


# --- workers and cache ---------------------------------------------------------------------


def make_repository(folder: Path, files: int) -> list[Path]:
    """Corpus SOPs; every fifth shares its Nomor with the one before, and each names
    the next one's title (and a missing one) in Keterkaitan."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    texts = [corpus.sop(index, 6) for index in range(files)]
    titles = [text.splitlines()[0][2:] for text in texts]
    numbers = [re.search(r"- Nomor: (.*)", text)[1] for text in texts]  # type: ignore[index]
    for index, text in enumerate(texts):
        if index % 5 == 4:
            text = text.replace(numbers[index], numbers[index - 1])
        related = f"1. SOP {titles[(index + 1) % files]}\n2. SOP Yang Tidak Ada {index}\n"
        text = re.sub(r"## Keterkaitan\n\n(?:\d\. .*\n)+", f"## Keterkaitan\n\n{related}", text)
        path = folder / f"sop-{index:03}.sop.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (folder / "sop-lint.toml").write_text("check-related = true\n", encoding="utf-8")
    return paths


def test_jobs_and_cache_give_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repository(tmp_path / "repo", 40)
    monkeypatch.chdir(tmp_path / "repo")
    serial = check(capsys, "--no-cache", "--jobs", "1", ".")
    codes = [line.split()[1] for line in serial]
    assert codes.count("X702") == 16 and codes.count("X701") == 40  # 8 pairs; one missing name per file
    assert check(capsys, "--no-cache", "--jobs", "2", ".") == serial
    assert check(capsys, "--jobs", "2", ".") == serial  # fills the cache in the workers
    assert check(capsys, "--jobs", "1", ".") == serial  # every file from the cache
    assert check(capsys, "--jobs", "2", ".") == serial


def test_editing_one_cached_file_changes_another_files_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_repository(tmp_path / "repo", 12)
    monkeypatch.chdir(tmp_path / "repo")
    first, second = paths[0], paths[1]  # Nomor of their own (the pairs are 3-4, 8-9)

    def x702_on_first() -> list[str]:
        return [line for line in check(capsys, "--select", "X", ".") if line.startswith(first.name) and " X702 " in line]

    assert x702_on_first() == []
    number = re.search(r"- Nomor: (.*)", first.read_text(encoding="utf-8"))[1]  # type: ignore[index]
    original = second.read_text(encoding="utf-8")
    second.write_text(re.sub(r"- Nomor: .*", f"- Nomor: {number}", original), encoding="utf-8")
    line_first, line_second = (nomor_line(path) for path in (first, second))
    message = f"Nomor `{number}` is also the Nomor of `{second.name}:{line_second}`"
    assert x702_on_first() == [f"{first.name}:{line_first}:10: X702 [error] {message}"]
    second.write_text(original, encoding="utf-8")  # the first file never changed: its entry is cached
    assert x702_on_first() == []


def nomor_line(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("- Nomor:"))


# --- the rules' doc pages ------------------------------------------------------------------

_BLOCK = re.compile(r"```markdown\n(.*?)```", re.DOTALL)
_FILE = re.compile(r"^<!-- file: (\S+) -->\n", re.MULTILINE)


def write_example(block: str, folder: Path) -> None:
    folder.mkdir()
    parts = _FILE.split(block)[1:]
    for name, text in zip(parts[::2], parts[1::2], strict=True):
        (folder / name).write_text(text.strip() + "\n", encoding="utf-8")
    (folder / "sop-lint.toml").write_text('select = ["X"]\ncheck-related = true\n', encoding="utf-8")


@pytest.mark.parametrize("rule", [rule for rule in all_rules().values() if rule.repository], ids=lambda rule: rule.code)
def test_repository_rule_doc_examples(
    rule: type, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = rule.doc()  # type: ignore[attr-defined]
    failing = _BLOCK.search(doc.split("## Example", 1)[1])
    passing = _BLOCK.search(doc.split("Use instead:", 1)[1])
    assert failing and passing
    write_example(failing[1], tmp_path / "fail")
    write_example(passing[1], tmp_path / "pass")
    monkeypatch.chdir(tmp_path / "fail")
    assert rule.code in {line.split()[1] for line in check(capsys, "--no-cache", ".")}  # type: ignore[attr-defined]
    monkeypatch.chdir(tmp_path / "pass")
    assert check(capsys, "--no-cache", ".") == []


# --- shards --------------------------------------------------------------------------------


def test_three_shards_merged_are_one_unsharded_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repository(tmp_path / "repo", 30)
    (tmp_path / "repo" / "sop-lint.toml").write_text('check-related = true\nignore = ["D"]\n', encoding="utf-8")
    bad = tmp_path / "repo" / "sop-007.sop.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("## Peringatan", "## Peringatn"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    whole = invoke(capsys, "check", "--output-format", "json", ".")
    assert whole.code == 1
    names = []
    for index in (1, 2, 3):
        result = invoke(capsys, "check", "--output-format", "json", "--shard", f"{index}/3", ".")
        assert result.code in (0, 1), result.err
        document = json.loads(result.out)
        assert not any(f["code"].startswith("X") for f in document["findings"])  # left to the merge
        names.append(tmp_path / f"shard-{index}.json")
        names[-1].write_text(result.out, encoding="utf-8")
    sizes = [len(json.loads(name.read_text())["shard"]["files"]) for name in names]
    assert sum(sizes) == 30 and all(sizes)
    merged = invoke(capsys, "merge-results", "--output-format", "json", *map(str, reversed(names)))
    assert merged.code == 1, merged.err
    assert json.loads(merged.out) == json.loads(whole.out)
    assert {"P002", "X701", "X702"} <= {f["code"] for f in json.loads(whole.out)["findings"]}


def test_a_shard_is_the_same_files_every_time(tmp_path: Path) -> None:
    from sop_lint.repository.shards import parse_shard

    shards = [parse_shard(f"{index}/4") for index in range(1, 5)]
    paths = [f"sop/{agency}/sop-{number}.sop.md" for agency in ("bkd", "org") for number in range(50)]
    taken = [[path for path in paths if shard.takes(path)] for shard in shards]
    assert sorted(path for share in taken for path in share) == sorted(paths)  # each file in exactly one shard
    assert all(5 <= len(share) <= 45 for share in taken)
    assert taken[0] == [path for path in paths if parse_shard("1/4").takes(path)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0/3", "--shard `0/3`: I must be between 1 and N"),
        ("4/3", "--shard `4/3`: I must be between 1 and N"),
        ("a/b", "--shard `a/b`: expected I/N, e.g. 1/4"),
    ],
)
def test_bad_shard_values(value: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_error_line(invoke(capsys, "check", "--shard", value, str(FIXTURES / "good"))) == message


def test_merge_needs_every_shard(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "repos" / "x702-shared-number", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = invoke(capsys, "check", "--output-format", "json", "--shard", "1/2", ".")
    (tmp_path / "one.json").write_text(result.out, encoding="utf-8")
    assert one_error_line(invoke(capsys, "merge-results", str(tmp_path / "one.json"))) == "shard 2/2 is missing"
    (tmp_path / "plain.json").write_text(invoke(capsys, "check", "--output-format", "json", ".").out, encoding="utf-8")
    line = one_error_line(invoke(capsys, "merge-results", str(tmp_path / "plain.json")))
    assert line == f"{tmp_path / 'plain.json'}: not the JSON of `check --shard I/N --output-format json`"


# --- misspelt subcommands ------------------------------------------------------------------


def test_a_misspelt_command_is_an_error_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert one_error_line(invoke(capsys, "chek")) == "no such command 'chek'; did you mean 'check'?"
    assert one_error_line(invoke(capsys, "merge-result")) == "no such command 'merge-result'; did you mean 'merge-results'?"
    assert one_error_line(invoke(capsys, "qqq")) == "qqq: no such file or directory"  # near no command: a path
    assert one_error_line(invoke(capsys, "sop")) == "sop: no such file or directory"  # too short to be a misspelling
    (tmp_path / "chek").mkdir()  # an existing path is a path, however it is spelt
    (tmp_path / "chek" / "a.sop.md").write_text((FIXTURES / "good" / "complete.sop.md").read_text(), encoding="utf-8")
    assert invoke(capsys, "chek").code == 0


# --- baselines, --fix, one file at a time ------------------------------------------------------


def test_a_baseline_hides_known_repository_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "repos" / "x702-shared-number", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    written = invoke(capsys, "check", "--write-baseline", "baseline.json", ".")
    assert written.code == 0 and "2 findings" in written.err
    assert check(capsys, "--baseline", "baseline.json", ".") == []
    arsip = tmp_path / "repo" / "arsip.sop.md"
    arsip.write_text(arsip.read_text(encoding="utf-8").replace("065/4/DP-B", "065/3/DP-B"), encoding="utf-8")
    assert check(capsys, "--baseline", "baseline.json", ".") == [
        "arsip.sop.md:5:10: X702 [error] Nomor `065/3/DP-B` is also the Nomor of `surat-keluar.sop.md:5`, `surat-masuk.sop.md:5`"
    ]  # the two known ones stay hidden although their messages now name a third file: matched by line text


def test_fix_reads_the_facts_of_the_fixed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "repos" / "x702-shared-number", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    expected = (tmp_path / "repo" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert check(capsys, "--fix", ".") == expected


def test_one_file_at_a_time_finds_nothing_repository_wide(tmp_path: Path) -> None:
    from sop_lint.engine import Linter, Settings

    linter = Linter(Settings(check_related=True))
    assert {"X701", "X702"} <= {rule.code for rule in linter.active}  # selected ...
    data = (FIXTURES / "repos" / "x702-shared-number" / "surat-masuk.sop.md").read_bytes()
    assert not [f for f in linter.lint_bytes(data, "surat-masuk.sop.md") if f.code.startswith("X")]  # ... but not run
    assert linter.internal_errors == []
