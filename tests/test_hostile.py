"""Hostile input gives findings or a one-line error — never a traceback,
never a hang — through the real command line."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

HOSTILE: dict[str, bytes] = {
    "empty.sop.md": b"",
    "binary.sop.md": bytes(range(256)) * 16,
    "cp1252.sop.md": b"# Pengumpulan Data\n\n## Peringatan\n- Jika data terlambat, laporan tertunda \xe9\xe8\n",
    "broken.sop.md": b"## Prosedur\n1.\n   - Ya: 99\n   - Ya:\n2. x\n   - Lanjut: langkah -1\n   - Waktu: 1e309 hari\n",
    "long-chain.sop.md": ("# T\n## Prosedur\n" + "".join(f"{i}. a\n   - Lanjut: {i + 1}\n" for i in range(1, 3000))).encode(),
    "long-line.sop.md": b"# " + b"x" * 2_000_000 + b"\n",
    "comment.sop.md": b"<!-- unterminated comment\n# T\n",
    "nul.sop.md": b"# T\x00\n## Prosedur\n1. \x00\n",
    "only-sub.sop.md": b"# T\n## Prosedur\n   - Waktu: 5 menit\n",
    "crlf-mixed.sop.md": b"# T\r\n## Prosedur\r\n1. a\n   - Waktu: 5\r\n",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sop_lint", *args], capture_output=True, text=True, timeout=60, encoding="utf-8", errors="replace"
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    result = run("check", "--no-show-source", str(path))
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith(("Found", "No findings"))


def test_unreadable_path_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing.sop.md"))
    assert result.returncode == 2
    assert result.stderr == f"sop-lint: error: {tmp_path / 'missing.sop.md'}: no such file or directory\n"


def test_directory_without_sop_files_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"sop-lint: error: {tmp_path}: no SOP files (*.sop.md, *.sop) in this directory\n"


def test_bad_option_is_one_line_exit_2() -> None:
    result = run("check", "--no-such-option")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("sop-lint: error: ")


def test_unknown_selector_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.md"
    path.write_text("# T\n")
    result = run("check", "--select", "S40l", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("sop-lint: error: unknown rule code or prefix `S40l`")


# --- hostile paths: each one line, in bounded time ---------------------------------------

GOOD = (Path(__file__).resolve().parent.parent / "fixtures" / "good" / "complete.sop.md").read_bytes()
NOT_REGULAR = "cannot read: not a regular file (a pipe, socket or device)"


@pytest.mark.parametrize("command", [["check"], ["format"], ["check", "--fix"]])
def test_a_fifo_named_like_an_sop_is_one_line_not_a_hang(command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.sop.md"
    os.mkfifo(fifo)
    result = run(*command, str(fifo))
    assert result.returncode == 2
    assert f"sop-lint: error: {fifo}: {NOT_REGULAR}" in result.stderr.splitlines()


def test_a_device_linked_as_an_sop_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.sop.md"
    link.symlink_to("/dev/zero")
    result = run("check", str(link))
    assert result.returncode == 2
    assert f"sop-lint: error: {link}: {NOT_REGULAR}" in result.stderr.splitlines()


def test_a_file_past_the_size_limit_is_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.sop.md"
    big.write_bytes(GOOD + b"\n" + b"x" * (8 * 1024 * 1024))
    result = run("check", str(big))
    assert result.returncode == 2
    assert f"sop-lint: error: {big}: cannot read: larger than the size limit of 8 MiB" in result.stderr.splitlines()


def test_a_directory_named_like_an_sop_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "odd.sop.md"
    folder.mkdir()
    (folder / "inner.sop.md").write_bytes(GOOD)
    result = run("check", "--output-format", "json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_a_link_loop_and_a_link_to_a_sibling_lint_each_real_file_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.sop.md").write_bytes(GOOD)
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = run("check", "--output-format", "json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "sop-lint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.sop.md").write_bytes(GOOD)
    return tmp_path


def test_a_config_may_not_name_a_file_outside_its_project(tmp_path: Path) -> None:
    project = _project(tmp_path, 'roles = "/etc/passwd"\n')
    result = run("check", str(project))
    assert result.returncode == 2
    config = project / "sop-lint.toml"
    assert result.stderr == (
        f"sop-lint: error: {config}: `roles` names `/etc/passwd`, outside the project ({project}); name a file inside it\n"
    )
    assert "root:" not in result.stdout + result.stderr


def test_a_fifo_as_the_role_registry_is_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path, 'roles = "roles.txt"\n')
    os.mkfifo(project / "roles.txt")
    result = run("check", str(project))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "not a regular file" in result.stderr


def test_a_deeply_nested_config_names_the_file(tmp_path: Path) -> None:
    project = _project(tmp_path, "select = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("check", str(project))
    assert result.returncode == 2
    config = project / "sop-lint.toml"
    assert result.stderr == f"sop-lint: error: {config}: not a sop-lint configuration: values nested too deeply\n"


# --- faults mid-run ----------------------------------------------------------------------

UNFORMATTED = GOOD.replace(b"## Prosedur", b"##   Prosedur")


def test_unformatted_input_really_is_reformatted(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.md"
    path.write_bytes(UNFORMATTED)
    assert run("format", str(path)).returncode == 0
    assert path.read_bytes() == GOOD


# M108 fixes a NIP written without its spaces.
FIXABLE = GOOD.replace(b"19791208 200003 2 002", b"197912082000032002")


@pytest.mark.parametrize(("command", "original"), [(["format"], UNFORMATTED), (["check", "--fix"], FIXABLE)])
def test_a_read_only_file_is_not_rewritten(command: list[str], original: bytes, tmp_path: Path) -> None:
    path = tmp_path / "a.sop.md"
    path.write_bytes(original)
    path.chmod(0o444)
    result = run(*command, str(path))
    assert result.returncode == 2, result
    assert f"{path}: cannot write: the file is read-only; not rewritten" in result.stderr
    assert path.read_bytes() == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


SIGNALS = [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]


@pytest.mark.parametrize(("signal_number", "code", "word"), SIGNALS)
def test_a_signal_during_format_of_2000_files_leaves_no_half_written_file(
    signal_number: int, code: int, word: str, tmp_path: Path
) -> None:
    for index in range(2000):
        (tmp_path / f"sop-{index:04}.sop.md").write_bytes(UNFORMATTED)
    process = subprocess.Popen(
        [sys.executable, "-m", "sop_lint", "format", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # Signal it once it has rewritten some files, long before it is done.
    deadline = time.monotonic() + 60
    first = [tmp_path / f"sop-{index:04}.sop.md" for index in range(20)]
    while time.monotonic() < deadline and sum(p.read_bytes() == GOOD for p in first) < 5:
        time.sleep(0.01)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines()[-1] == f"sop-lint: {word}"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"sop-{index:04}.sop.md" for index in range(2000)]  # no temporary file left
    contents = {p.read_bytes() for p in tmp_path.iterdir()}
    assert contents <= {UNFORMATTED, GOOD}  # each file whole: as it was, or formatted
    assert UNFORMATTED in contents  # it really was stopped part-way


FIXABLE = GOOD.replace(b"## Dasar Hukum", b"## Dasar Hukm", 1)  # P002: `check --fix` renames it


@pytest.mark.parametrize(("signal_number", "code", "word"), SIGNALS)
def test_a_signal_during_check_fix_of_2000_files_leaves_no_half_written_file_or_cache_entry(
    signal_number: int, code: int, word: str, tmp_path: Path
) -> None:
    project, cache = tmp_path / "sops", tmp_path / "cache"
    project.mkdir()
    for index in range(2000):
        (project / f"sop-{index:04}.sop.md").write_bytes(FIXABLE)
    process = subprocess.Popen(
        [sys.executable, "-m", "sop_lint", "check", "--fix", str(project)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, SOP_LINT_CACHE_DIR=str(cache)),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    first = [project / f"sop-{index:04}.sop.md" for index in range(20)]
    while time.monotonic() < deadline and sum(p.read_bytes() == GOOD for p in first) < 5:
        time.sleep(0.01)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines()[-1] == f"sop-lint: {word}"
    assert sorted(p.name for p in project.iterdir()) == [f"sop-{index:04}.sop.md" for index in range(2000)]
    contents = {p.read_bytes() for p in project.iterdir()}
    assert contents <= {FIXABLE, GOOD} and FIXABLE in contents
    assert [p.name for p in cache.rglob("*.tmp")] == []


@pytest.mark.parametrize(("signal_number", "code", "word"), SIGNALS)
def test_a_signal_during_check_of_2000_files_leaves_a_cache_that_gives_the_same_findings(
    signal_number: int, code: int, word: str, tmp_path: Path
) -> None:
    project, cache = tmp_path / "sops", tmp_path / "cache"
    project.mkdir()
    for index in range(2000):  # each file its own content, so each its own cache entry
        (project / f"sop-{index:04}.sop.md").write_bytes((DEFECTIVE if index % 3 else GOOD) + f"<!-- {index} -->\n".encode())
    env = dict(os.environ, SOP_LINT_CACHE_DIR=str(cache))
    process = subprocess.Popen(
        [sys.executable, "-m", "sop_lint", "check", str(project)],
        stdout=subprocess.DEVNULL,  # a full pipe nobody reads would stall it before the signal
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and sum(1 for _ in cache.rglob("*")) < 200:
        time.sleep(0.005)  # signal it while it writes the cache's entries
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines()[-1] == f"sop-lint: {word}"
    assert [p.name for p in cache.rglob("*.tmp")] == []
    assert _cached_json(project, cache) == _cached_json(project, tmp_path / "fresh")


# --- the results cache: trusted only when it is its own ----------------------------------

HOSTILE_DATA = Path(__file__).resolve().parent / "data" / "hostile"
DEFECTIVE = GOOD.replace(b"- Waktu: 20 menit", b"- Waktu: 20", 1)


def _cached_json(project: Path, cache: Path) -> dict[str, list[str]]:
    env = dict(os.environ, SOP_LINT_CACHE_DIR=str(cache))
    done = subprocess.run(
        [sys.executable, "-m", "sop_lint", "check", "--output-format", "json", str(project)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    found: dict[str, list[str]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        found.setdefault(Path(finding["path"]).name, []).append(finding["code"])
    return found


def _two_files(tmp_path: Path) -> Path:
    project = tmp_path / "sops"
    project.mkdir()
    (project / "clean.sop.md").write_bytes(GOOD)
    (project / "defective.sop.md").write_bytes(DEFECTIVE)
    return project


def test_entries_swapped_between_files_are_not_trusted(tmp_path: Path) -> None:
    project, cache = _two_files(tmp_path), tmp_path / "cache"
    expected = _cached_json(project, cache)
    assert expected == {"defective.sop.md": ["D503"]}
    first, second = sorted(p for p in cache.glob("v*/*") if p.is_file())
    one, two = first.read_bytes(), second.read_bytes()
    first.write_bytes(two)
    second.write_bytes(one)
    assert _cached_json(project, cache) == expected


def test_a_hostile_entry_is_a_miss_that_marshal_never_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    import sop_lint.cache as cache_module
    from sop_lint.engine import Linter, Settings

    project, cache = _two_files(tmp_path), tmp_path / "cache"
    expected = _cached_json(project, cache)
    hostile = (HOSTILE_DATA / "cache-entry-huge-list.marshal").read_bytes()
    entries = [p for p in cache.glob("v*/*") if p.is_file()]
    for entry in entries:
        entry.write_bytes(hostile)
    # In process: the entry is refused before marshal sees it (marshal would allocate 2^31 items).
    for reader_name in ("load", "loads"):
        monkeypatch.setattr(marshal, reader_name, lambda data: pytest.fail("marshal read a foreign entry"))
    reader = cache_module.Cache(Linter(Settings()), cache)
    reader.folder = entries[0].parent
    assert reader.get(entries[0].name, "x.sop.md") is None
    monkeypatch.undo()
    # Through the command line: the same findings, and the entries written again.
    assert _cached_json(project, cache) == expected
    assert all(entry.read_bytes() != hostile for entry in entries)


def test_a_fifo_in_place_of_an_entry_is_a_miss(tmp_path: Path) -> None:
    project, cache = _two_files(tmp_path), tmp_path / "cache"
    expected = _cached_json(project, cache)
    for entry in [p for p in cache.glob("v*/*") if p.is_file()]:
        entry.unlink()
        os.mkfifo(entry)
    assert _cached_json(project, cache) == expected


def test_control_characters_of_an_sop_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escape\x1b[31m.sop.md"
    path.write_bytes(b"# T\x1b]0;pwned\x07\n\n## Prosedur\n\n1. Menyiapkan \x1b[2J berkas\n   - Waktu: 5\n")
    result = run("check", str(path))
    assert result.returncode == 1
    assert not any(ord(c) < 0x20 and c not in "\n" for c in result.stdout), result.stdout
    assert "1 | # T\u241b]0;pwned\u2407" in result.stdout  # shown, one picture per character
    assert f"{tmp_path}/escape\u241b[31m.sop.md:6:13: D503" in result.stdout


# --- unbounded work: each probe of benchmarks/hostile_bench.py at a smaller but telling
# size (one that took minutes, or all memory, before it was bounded); its findings exactly.

from collections import Counter  # noqa: E402

from benchmarks import hostile_bench as probes  # noqa: E402
from sop_lint.engine import Linter, Settings  # noqa: E402
from sop_lint.fixing import fix_text  # noqa: E402

from .conftest import TODAY, need_shared  # noqa: E402


def counts(data: bytes) -> dict[str, int]:
    return dict(sorted(Counter(f.code for f in Linter(Settings(today=TODAY)).lint_bytes(data, "h.sop.md")).items()))


def test_2000_own_line_suppressions_each_cover_their_item() -> None:
    # Was findings x suppressions (and a cubic diff of the fix): 1,000 took 86 s.
    data = probes.own_line_suppressions(2000)
    assert counts(data) == {"D501": 2000, "D511": 2000, "D512": 2000, "P006": 2000, "R303": 2000, "S401": 2000}
    result = fix_text(Linter(Settings(today=TODAY)), data.decode(), "h.sop.md")
    assert result.changed
    assert "S401" not in Counter(f.code for f in result.findings)
    assert result.text.count("<!-- sop-lint: disable=D503 -->\n") == 2000


def test_10000_codes_in_one_suppression_are_each_reported_unknown() -> None:
    findings = Linter(Settings(today=TODAY)).lint_bytes(probes.codes_in_one_suppression(10_000), "h.sop.md")
    assert Counter(f.code for f in findings) == {"P006": 10_000}
    assert findings[-1].text == "`NOPE9999` in a suppression comment is no rule code or name"


def test_2000_unknown_and_misspelt_sections_are_fixed_in_one_pass() -> None:
    assert counts(probes.unknown_sections(2000)) == {"C201": 9, "P002": 2000}
    text = "# Judul\n\n" + "".join(f"## Dasar Hukm\n\n- isi {i}\n\n" for i in range(2000))
    result = fix_text(Linter(Settings(today=TODAY)), text, "h.sop.md")
    assert result.text.count("## Dasar Hukum\n") == 2000 and "Hukm" not in result.text


def test_similar_roles_are_bounded_and_r304_reports_at_most_100_pairs() -> None:
    findings = Linter(Settings(today=TODAY)).lint_bytes(probes.similar_roles(3000), "h.sop.md")
    assert Counter(f.code for f in findings) == {"R304": 100, "R301": 1}
    first = next(f for f in findings if f.code == "R304")
    assert (first.span.line, first.span.column) == (56, 7)
    assert first.text.startswith("role `Role 1, Bagian 1` is very like `Role 0, Bagian 0` (line 55)")


def test_a_duration_of_10000_digits_and_a_reference_to_10_18() -> None:
    findings = Linter(Settings(today=TODAY)).lint_bytes(probes.long_duration(10_000), "h.sop.md")
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [("D505", 63, 13)]
    findings = Linter(Settings(today=TODAY)).lint_bytes(probes.huge_reference(18), "h.sop.md")
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [("S402", 73, 10)]
    assert findings[0].text.startswith("Ya `langkah 1000000000000000000` is not a step reference")


def test_nesting_100000_deep_and_20000_sections() -> None:
    assert counts(probes.deep_nesting(100_000)) == {}
    assert counts(probes.many_sections(20_000)) == {"P002": 20_000}


def test_a_suppression_directive_with_a_long_run_of_blanks_is_linear() -> None:
    # The directive's pattern backtracked quadratically: 100 KB took 46 s, 1 MB over an hour.
    assert counts(probes.redos_directive(1_000_000)) == {"C201": 9}
    assert counts(b"# T\n\n<!-- sop-lint: disable=D503 , X1 -->\n") == {"C201": 9, "P006": 2}


# --- nothing runs from data: a pack's patterns are compiled and checked when it loads ----


@pytest.mark.parametrize(
    ("pack", "where", "problem"),
    [
        (
            {"word_lists": {"keterkaitan_process_patterns": ["(a+"]}},
            "word_lists/keterkaitan_process_patterns",
            "pattern '(a+' is not a regular expression: missing ), unterminated subpattern at position 0",
        ),
        (
            {"regulation_types": [{"key": "evil", "label": "Evil", "patterns": ["(a+)+b"]}]},
            "regulation_types/0/patterns",
            "pattern '(a+)+b' repeats without a small bound (`+`, `*`, `{n,}`): "
            "write the spellings out, or use `regulation_forms`",
        ),
    ],
)
def test_a_bad_pack_pattern_is_refused_at_load(pack: dict[str, object], where: str, problem: str, tmp_path: Path) -> None:
    (tmp_path / "evil.json").write_text(json.dumps(pack), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.sop-lint]\npacks = ["evil.json"]\n', encoding="utf-8")
    (tmp_path / "a.sop.md").write_text("# T\n\n## Dasar Hukum\n\n1. " + "a" * 30 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sop_lint", "check", "--preview", "--no-cache", "a.sop.md"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"sop-lint: error: evil.json: invalid rule pack at `{where}`: {problem}\n"


def test_the_builtin_word_list_patterns_pass_the_check_and_safe_repeats_are_kept() -> None:
    import json as json_

    from sop_lint._resources import data_path
    from sop_lint.pack import backtracking_problem, word_list_patterns

    builtin = json_.loads(data_path("rules", "builtin.json").read_text(encoding="utf-8"))
    assert [p for _, p in word_list_patterns(builtin) if backtracking_problem(p)] == []
    assert [backtracking_problem(p) for p in ("(?:a+b)+", r"(?:Peraturan\s+)+", "x{1,5}")] == [None, None, None]
    for evil in ("(a*)*", "(a+)+b", r"(?:\s+\w*)+"):
        assert (
            backtracking_problem(evil) == "can backtrack catastrophically: an unbounded repeat holds another with nothing between"
        )


# --- faults mid-run -----------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers: Linux")
@pytest.mark.parametrize("fault", ["dies", "hangs"])
def test_a_worker_that_dies_or_hangs_on_one_file_names_it_and_the_others_finish(
    fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sop_lint import parallel

    linter = Linter(Settings(today=TODAY))
    real = linter.lint

    def lint(source: bytes | str, path: str = "<stdin>", parsed: object = None) -> object:
        if path == "bad.sop.md":
            if fault == "dies":
                os.kill(os.getpid(), signal.SIGKILL)
            while True:  # busy: the CPU time limit ends it
                pass
        return real(source, path)

    monkeypatch.setattr(linter, "lint", lint)
    monkeypatch.setattr(parallel, "FILE_CPU_SECONDS", 1)
    items = [(f"f{i}.sop.md", GOOD) for i in range(20)]
    items.insert(7, ("bad.sop.md", GOOD))
    results = parallel._lint_items(linter, items, 2, lambda: None)
    expected = real(GOOD, "f0.sop.md").findings
    assert len(results) == 21
    for (path, _), (findings, errors, _facts) in zip(items, results, strict=True):
        if path == "bad.sop.md":
            why = "its process was killed by SIGKILL" if fault == "dies" else "took more than the 1 s of CPU time a file may take"
            assert (findings, errors) == ([], [f"bad.sop.md: {why}; the other files were linted"])
        else:
            assert ([f.code for f in findings], errors) == ([f.code for f in expected], [])


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only_folder(*args: object, **kwargs: object) -> None:
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


# Simulated in this process (tests run as root, where a 0555 folder is still writable):
# the disk fills as the new text is flushed, or the folder refuses the temporary file.
@pytest.mark.parametrize(
    ("target", "fault", "why"),
    [("os.fsync", _no_space, "No space left on device"), ("tempfile.mkstemp", _read_only_folder, "Permission denied")],
)
@pytest.mark.parametrize("command", [["format"], ["check", "--fix", "--no-cache"]])
def test_a_full_disk_or_read_only_folder_during_a_write_keeps_the_original(
    target: str, fault: object, why: str, command: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import sop_lint.writer
    from sop_lint.cli import run as run_in_process

    module, name = target.split(".")
    monkeypatch.setattr(getattr(sop_lint.writer, module), name, fault)
    original = UNFORMATTED if command == ["format"] else FIXABLE
    path = tmp_path / "a.sop.md"
    path.write_bytes(original)
    code = run_in_process([*command, str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["a.sop.md"]
    assert len(err.splitlines()) == 1 and err.startswith("sop-lint: error: ") and str(path) in err and why in err, err


@pytest.mark.parametrize("fault", ["deleted", "unreadable"])
def test_a_file_deleted_during_the_run_or_unreadable_is_one_line_and_the_others_are_linted(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Unreadable is simulated (tests run as root, who reads a chmod 000 file): the open
    # fails as it would for another user.
    from sop_lint import files
    from sop_lint.cli import run as run_in_process

    for name in ("a.sop.md", "b.sop.md", "c.sop.md"):
        (tmp_path / name).write_bytes(DEFECTIVE)
    real = files.read_source

    def read_source(path: Path | str, limit: int = 8 << 20) -> bytes:
        if Path(path).name == "b.sop.md":
            if fault == "deleted":
                Path(path).unlink()  # between the walk and the read
            else:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, limit)

    monkeypatch.setattr("sop_lint.parallel.read_source", read_source)  # the name the reader calls
    code = run_in_process(["check", "--no-cache", "--output-format", "json", str(tmp_path)])
    out, err = capsys.readouterr()
    why = "no such file or directory" if fault == "deleted" else "permission denied"
    assert code == 2
    assert err.lower() == f"sop-lint: error: {tmp_path / 'b.sop.md'}: cannot read: {why}\n"
    paths = sorted({Path(f["path"]).name for f in json.loads(out)["findings"]})
    assert paths == ["a.sop.md", "c.sop.md"]


def test_paths_with_spaces_newlines_and_non_ascii_are_linted_and_named_exactly(tmp_path: Path) -> None:
    names = ["a b.sop.md", "new\nline.sop.md", "Surat Keluar – ñ ü 文书.sop.md"]
    for name in names:
        (tmp_path / name).write_bytes(DEFECTIVE)
    result = run("check", "--no-cache", "--output-format", "json", str(tmp_path))
    assert result.returncode == 1, result.stderr
    found = {(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {(name, "D503", 63) for name in names}
    text = run("check", "--no-cache", "--no-show-source", str(tmp_path / names[1]))
    assert text.stdout.splitlines()[0].startswith(f"{tmp_path}/new\u240aline.sop.md:63:")


def test_two_runs_at_once_on_one_tree_and_cache_give_the_same_findings(tmp_path: Path) -> None:
    project, cache = tmp_path / "sops", tmp_path / "cache"
    project.mkdir()
    for index in range(300):
        (project / f"sop-{index:03}.sop.md").write_bytes(DEFECTIVE if index % 2 else GOOD)
    env = dict(os.environ, SOP_LINT_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "sop_lint", "check", "--output-format", "json", str(project)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [process.communicate(timeout=300) for process in runs]
    assert [process.returncode for process in runs] == [1, 1], outputs
    assert outputs[0][0] == outputs[1][0] and [err for _, err in outputs] == ["", ""]
    assert [p.name for p in cache.rglob("*.tmp")] == []
    assert _cached_json(project, cache) == _cached_json(project, tmp_path / "fresh")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_p005_naming_utf16(encoding: str, tmp_path: Path) -> None:
    # It is valid UTF-8 (a NUL in every other byte): it was P001 "text before the first heading".
    path = tmp_path / "a.sop.md"
    path.write_bytes(GOOD.decode().encode(encoding))
    result = run("check", "--no-cache", str(path))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}:1:1: P005 [error] the file is not UTF-8; it looks like UTF-16: save it as UTF-8\n"
        "Found 1 finding (1 error) in 1 file.\n"
    )


def test_the_saved_utf16_probe_is_p005_and_holds_the_fuzz_properties() -> None:
    from benchmarks.fuzz import Fuzzer

    data = (HOSTILE_DATA / "utf16le-without-bom.sop.md").read_bytes()
    assert [(f.code, f.span.line, f.span.column) for f in Linter(Settings(today=TODAY)).lint_bytes(data, "u.sop.md")] == [
        ("P005", 1, 1)
    ]
    Fuzzer().check(data)


def test_cr_only_line_endings_are_one_clear_p001_and_not_formatted(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.md"
    original = (HOSTILE_DATA / "cr-only-line-endings.sop.md").read_bytes()
    path.write_bytes(original)
    result = run("check", "--no-cache", "--no-show-source", str(path))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}:1:27: P001 [error] cannot parse: the lines end in CR alone (classic Mac OS): "
        "save the file with LF or CRLF line ends\nFound 1 finding (1 error) in 1 file.\n"
    )
    formatted = run("format", str(path))
    assert formatted.returncode == 2 and path.read_bytes() == original
    assert formatted.stderr.startswith(f"sop-lint: error: {path}:1:27: the lines end in CR alone")


def test_a_stray_cr_in_a_crlf_file_check_and_format_agree(tmp_path: Path) -> None:
    # check parses the text as written (P001); format parsed it CRLF-normalised and rewrote it.
    path = tmp_path / "a.sop.md"
    original = (HOSTILE_DATA / "crlf-stray-cr-check-p001-but-format-rewrites.sop.md").read_bytes()
    path.write_bytes(original)
    checked = run("check", "--no-cache", "--no-show-source", str(path))
    assert checked.stdout.splitlines()[0] == (
        f"{path}:1:1: P001 [error] cannot parse: text before the first heading: start the file with the `# ` title (Nama SOP)"
    )
    for command in (["format"], ["check", "--fix", "--no-cache"]):
        assert run(*command, str(path)).returncode in (1, 2)
        assert path.read_bytes() == original
    assert run("format", str(path)).stderr == (
        f"sop-lint: error: {path}:1:1: text before the first heading: start the file with the `# ` title (Nama SOP): "
        "cannot parse (P001); not formatted\n"
    )


def test_run_gives_back_the_programs_own_sigterm_handler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sop_lint.cli import run as run_in_process

    before = signal.getsignal(signal.SIGTERM)
    (tmp_path / "a.sop.md").write_bytes(GOOD)
    assert run_in_process(["check", "--no-cache", str(tmp_path)]) == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_nul_inside_an_activity_is_p005_at_its_line_and_column(tmp_path: Path) -> None:
    # It passed silently. One finding per line holding a control character, at the first one.
    path = tmp_path / "a.sop.md"
    text = GOOD.decode()
    head, procedure = text.split("## Prosedur\n", 1)
    line = head.count("\n") + 1 + procedure[: procedure.index("1. ")].count("\n") + 1
    path.write_bytes((head + "## Prosedur\n" + procedure.replace("1. ", "1. Me\x00\x1b", 1)).encode())
    result = run("check", "--no-cache", "--no-show-source", str(path))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}:{line}:6: P005 [error] the text holds a control character (U+0000): remove it\n"
        "Found 1 finding (1 error) in 1 file.\n"
    )


def test_the_nul_probe_is_p005_where_the_nul_stands() -> None:
    data = need_shared("hostile-inputs/nul-byte-in-activity.sop.md").read_bytes()
    findings = Linter(Settings(today=TODAY)).lint_bytes(data, "n.sop.md")
    line = data[: data.index(b"\x00")].count(b"\n") + 1
    column = len(data[: data.index(b"\x00")].rsplit(b"\n", 1)[-1].decode()) + 1
    assert [(f.code, f.span.line, f.span.column, f.args) for f in findings] == [("P005", line, column, {"character": "U+0000"})]


@pytest.mark.parametrize(
    "name",
    [
        "format-refused-u2028-introduction.sop.md",
        "format-refused-vt-section.sop.md",
        "format-refused-u2028-then-indented-item.sop.md",
        "format-not-idempotent-comments-sections-reordered.sop.md",
    ],
)
def test_format_formats_a_u2028_or_vt_line_in_one_pass(name: str, tmp_path: Path) -> None:
    # Refused ("its introduction would differ", "would not parse") or settled only on a second pass.
    path = tmp_path / "a.sop.md"
    path.write_bytes(need_shared(f"hostile-inputs/{name}").read_bytes())
    assert run("format", str(path)).returncode == 0
    formatted = path.read_bytes()
    assert run("format", "--check", str(path)).returncode == 0
    assert path.read_bytes() == formatted
    assert run("check", "--no-cache", str(path)).returncode in (0, 1)
