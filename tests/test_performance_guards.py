"""Guards for what makes sop-lint fast — none of them measures time.

- what a plain one-file `sop-lint check --no-cache FILE` imports: nothing it
  does not need (`benchmarks/run.py` measures the time itself);
- the stand-alone parser is what `grammar/sop.lark` gives today;
- worker processes and the results cache change nothing: the same findings
  in the same order with `--jobs 1`, `--jobs 2`, the cache on and off, and a
  corrupt cache;
- the model classes keep the dataclass contract `sop_lint.api` relies on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint import build_parser, build_records, model, parallel
from sop_lint.cache import FOLDER, Cache, decode, encode
from sop_lint.engine import Linter, Settings
from sop_lint.model import Span
from sop_lint.records import Record
from sop_lint.rule import Edit, Finding, Fix

from .conftest import FIXTURES, TODAY

ROOT = FIXTURES.parent

# --- what a one-file run loads ------------------------------------------------------------

# Heavy or needless on a plain check of one clean file: the library API and JSON Schema
# (pydantic, jsonschema), the Lark package (the stand-alone parser replaces it), a terminal
# toolkit, diff and similarity machinery (only for a misspelt name, a fix, a diff), worker
# processes and their plumbing, hashing (only the cache), and what the stdlib drags in.
NOT_ON_THE_CHECK_PATH = (
    "pydantic",
    "pydantic_core",
    "jsonschema",
    "lark",
    "rich",
    "difflib",
    "multiprocessing",
    "concurrent",
    "selectors",
    "pickle",
    "hashlib",
    "tempfile",
    "shutil",
    "logging",
    "pkgutil",
    "calendar",
    "dataclasses",
    "sqlite3",
    "sop_lint.api",
    "sop_lint.cache",
    "sop_lint.fixes",
    "sop_lint.formatter",
    "sop_lint.build_parser",
    "sop_lint.build_records",
    "sop_lint.parser_driver",
)

PROBE = """
import json, sys
from sop_lint.cli import run
code = run(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump(sorted(sys.modules), out)
"""


def modules_loaded(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.json"
    environment = {key: value for key, value in os.environ.items() if key != "SOP_LINT_CACHE_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(listing), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert listing.exists(), done.stderr
    return set(json.loads(listing.read_text()))


def heavy(loaded: set[str]) -> list[str]:
    return sorted(name for name in loaded if name in NOT_ON_THE_CHECK_PATH or name.split(".")[0] in NOT_ON_THE_CHECK_PATH)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a configuration file and one clean SOP."""
    (tmp_path / "sop-lint.toml").write_text('select = ["P", "M", "C", "R", "S", "D", "L"]\nlang = "id"\n', encoding="utf-8")
    (tmp_path / "data.sop.md").write_bytes((FIXTURES / "good" / "complete.sop.md").read_bytes())
    return tmp_path


def test_a_plain_check_of_one_file_loads_only_what_it_needs(project: Path) -> None:
    loaded = modules_loaded(project, "check", "--no-cache", "data.sop.md")
    assert "sop_lint.rules.s_flow" in loaded and "tomllib" in loaded  # the probe sees the run's imports
    assert "sop_lint._sop_parser" in loaded  # the stand-alone parser, not the lark package
    assert heavy(loaded) == []


def test_the_default_run_with_the_cache_stays_light_too(project: Path) -> None:
    loaded = modules_loaded(project, "check", "data.sop.md")
    assert "sop_lint.cache" in loaded
    assert heavy(loaded) == ["sop_lint.cache"]  # and nothing it could drag in (hashlib, shutil …)
    assert (project / FOLDER / "CACHEDIR.TAG").exists()


def test_the_probe_sees_a_heavy_import(project: Path) -> None:
    # The tests above would pass vacuously if the probe could not see one.
    (project / "bad.sop.md").write_text("# Judul\n\n## Identitass\n", encoding="utf-8")
    loaded = modules_loaded(project, "check", "--no-cache", "bad.sop.md")
    assert "difflib" in heavy(loaded)  # a did-you-mean for the misspelt section


# --- the stand-alone parser --------------------------------------------------------------------


def test_the_standalone_parser_is_generated_from_the_current_grammar() -> None:
    text = build_parser.MODULE.read_text(encoding="utf-8")
    digest = hashlib.sha256(build_parser.GRAMMAR.read_bytes()).hexdigest()
    assert f"# grammar sha256: {digest}\n" in text, (
        "sop_lint/_sop_parser.py is stale: grammar/sop.lark changed; run `python -m sop_lint.build_parser`"
    )


def test_the_standalone_parser_is_exactly_what_the_generator_writes() -> None:
    pytest.importorskip("lark")
    assert build_parser.MODULE.read_text(encoding="utf-8") == build_parser.generate(), (
        "sop_lint/_sop_parser.py differs from what `python -m sop_lint.build_parser` writes: regenerate it"
    )


def test_the_fused_driver_is_copied_from_its_module_and_importing_that_changes_nothing() -> None:
    lalr_parser = pytest.importorskip("lark.parsers.lalr_parser")
    generic = lalr_parser._Parser.parse_from_state
    from sop_lint import _sop_parser, parser_driver

    assert lalr_parser._Parser.parse_from_state is generic  # the real module installs nothing
    assert build_parser.driver_text() in build_parser.MODULE.read_text(encoding="utf-8")
    installed = _sop_parser._Parser.parse_from_state
    assert installed.__qualname__ == parser_driver._sop_parse_from_state.__qualname__ == "_sop_parse_from_state"
    assert installed.__doc__ == parser_driver._sop_parse_from_state.__doc__


def test_the_record_initialisers_are_exactly_what_the_generator_writes() -> None:
    assert build_records.MODULE.read_text(encoding="utf-8") == build_records.generate(), (
        "sop_lint/_record_inits.py differs from what `python -m sop_lint.build_records` writes: regenerate it"
    )


def test_no_record_of_the_model_compiles_its_initialiser_at_start_up() -> None:
    records = [value for value in vars(model).values() if isinstance(value, type) and issubclass(value, Record)]
    assert len(records) > 10
    for record in records:
        if record is not Record:
            assert record.__init__.__code__.co_filename == str(build_records.MODULE), record


def test_the_generated_tables_do_not_depend_on_hash_seeds() -> None:
    pytest.importorskip("lark")
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", "from sop_lint.build_parser import generate; print(generate(), end='')"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            timeout=120,
        )
        digests.add(hashlib.sha256(done.stdout).hexdigest())
    assert len(digests) == 1


# --- parallel and cached runs give the same findings ------------------------------------------


def check_json(*args: str, cwd: Path = ROOT, cache: Path | None = None) -> list[dict[str, object]]:
    environment = dict(os.environ)
    if cache is not None:
        environment["SOP_LINT_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-m", "sop_lint", "check", "--isolated", "--preview", "--output-format", "json", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    findings: list[dict[str, object]] = json.loads(done.stdout)["findings"]
    return findings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Many small SOPs with findings: the documents of the rule cases, and the seeds."""
    from .rule_cases import all_cases

    folder = tmp_path_factory.mktemp("corpus")
    for case in all_cases():
        (folder / f"{case.rule}-{case.name}.sop.md").write_bytes(case.data)
    for seed in (FIXTURES / "seeds").glob("*.sop.md"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return str(folder)


@pytest.fixture(scope="module")
def serial(corpus: str) -> list[dict[str, object]]:
    findings = check_json("--no-cache", "--jobs", "1", corpus)
    assert len({f["path"] for f in findings}) > parallel.PARALLEL_MIN_FILES  # enough files to go parallel
    return findings


def test_two_workers_report_what_one_does(serial: list[dict[str, object]], corpus: str) -> None:
    assert check_json("--no-cache", "--jobs", "2", corpus) == serial


def test_the_cache_reports_what_linting_does(serial: list[dict[str, object]], corpus: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert check_json("--jobs", "2", corpus, cache=cache) == serial  # fills it
    entries = list(cache.glob("v*/*"))
    assert len(entries) > parallel.PARALLEL_MIN_FILES
    assert check_json("--jobs", "1", corpus, cache=cache) == serial  # reads it
    assert check_json("--jobs", "2", corpus, cache=cache) == serial


def test_a_corrupt_cache_is_ignored_and_rebuilt(serial: list[dict[str, object]], corpus: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check_json(corpus, cache=cache)
    entries = sorted(path for path in cache.glob("v*/*") if path.is_file())
    for number, entry in enumerate(entries):  # truncated, garbage, empty, or another format
        entry.write_bytes([entry.read_bytes()[:7], b"\x00garbage", b"", b"{}"][number % 4])
    assert check_json(corpus, cache=cache) == serial
    assert all(entry.read_bytes()[:1] not in (b"", b"\x00", b"{") for entry in entries)  # written again


def test_a_cache_that_cannot_be_written_is_no_cache(serial: list[dict[str, object]], corpus: str, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    assert check_json("--jobs", "1", corpus, cache=blocker) == serial


# --- the cache in-process ----------------------------------------------------------------------


def finding() -> Finding:
    edit = Edit(Span(3, 1, 3, 5), "Waktu")
    return Finding(
        "D503", Span(3, 9, 3, 11), "default", {"value": "15", "n": 2}, Fix("add a unit", [edit]), "warning", "", "x", "y"
    )


def test_findings_survive_encoding() -> None:
    original = finding()
    assert decode(encode(original)) == original
    assert decode(json.loads(json.dumps(encode(original)))) == original  # lists for tuples are fine too


def linter(**settings: object) -> Linter:
    return Linter(Settings(today=TODAY, **settings))  # type: ignore[arg-type]


def test_the_key_follows_content_settings_and_per_file_ignores(tmp_path: Path) -> None:
    data = (FIXTURES / "good" / "complete.sop.md").read_bytes()
    base = Cache(linter(), tmp_path)
    key = base.key(data, "a.sop.md")
    assert base.key(data, "renamed.sop.md") == key  # the path alone does not matter
    assert base.key(data + b"\n", "a.sop.md") != key
    assert Cache(linter(select=["S"]), tmp_path).key(data, "a.sop.md") != key
    assert Cache(linter(lang="id"), tmp_path).key(data, "a.sop.md") != key
    ignoring = Cache(linter(per_file_ignores={"draft/*": ["C"]}), tmp_path)
    assert ignoring.key(data, "draft/a.sop.md") != ignoring.key(data, "final/a.sop.md")


def test_entries_round_trip_and_take_the_current_path(tmp_path: Path) -> None:
    cache = Cache(linter(), tmp_path)
    cache.put("k", [encode(finding())])
    found = cache.get("k", "here.sop.md")
    assert found is not None and [f.path for f in found] == ["here.sop.md"]
    assert cache.get("missing", "here.sop.md") is None
    (cache.folder / "k").write_bytes(b"\x00\x01")
    assert cache.get("k", "here.sop.md") is None


def test_unreadable_files_are_reported_in_order(tmp_path: Path) -> None:
    good = FIXTURES / "good" / "complete.sop.md"
    paths = [good, tmp_path / "gone.sop.md", good]
    results = list(parallel.lint_paths(linter(), paths, jobs=1))
    assert [(path, found is None, why is not None) for path, found, why in results] == [
        (good, False, False),
        (tmp_path / "gone.sop.md", True, True),
        (good, False, False),
    ]


# --- the model keeps the dataclass contract ----------------------------------------------------


RECORDS = [
    value for value in vars(model).values() if isinstance(value, type) and issubclass(value, Record) and value is not Record
]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_defaults_agree_with_the_constructor(cls: type[Record]) -> None:
    fields = dataclasses.fields(cls)
    assert [f.name for f in fields] == list(cls.__slots__)
    required = {f.name: object() for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    made = cls(**required)
    for f in fields:
        if f.name in required:
            continue
        expected = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]  # not MISSING here
        assert getattr(made, f.name) == expected, f.name


def test_records_compare_and_print_like_dataclasses() -> None:
    assert Span(1, 2, 3, 4) == Span(1, 2, 3, 4) != Span(1, 2, 3, 5)
    assert hash(Span(1, 2, 3, 4)) == hash(Span(1, 2, 3, 4))
    assert repr(Span(1, 2, 3, 4)) == "Span(line=1, column=2, end_line=3, end_column=4)"
    assert Span(1, 2, 3, 4) != (1, 2, 3, 4)
    with pytest.raises(TypeError):
        hash(model.Comment("x", Span(1, 1, 1, 2), True))  # mutable: unhashable, as with dataclass(eq=True)


# --- the worker pools, directly -----------------------------------------------------------------


def fixture_items() -> list[tuple[str, bytes]]:
    from .rule_cases import all_cases

    return [(f"{case.rule}-{case.name}.sop.md", case.data) for case in all_cases()[:24]]


def as_records(results: list[parallel.Result]) -> list[tuple[list[tuple[object, ...]], list[str]]]:
    return [([encode(finding) for finding in findings], errors) for findings, errors, _ in results]


def test_forked_workers_return_what_this_process_finds() -> None:
    if not parallel._can_fork():
        pytest.skip("no fork here")
    items = fixture_items()
    serial = [parallel.lint_one(linter(), path, data) for path, data in items]
    counted: list[int] = []
    forked = parallel._forked(linter(), items, 2, lambda: counted.append(1))
    assert as_records(forked) == as_records(serial)
    assert len(counted) == len(items)


def test_work_a_dead_worker_left_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel._can_fork():
        pytest.skip("no fork here")
    items = fixture_items()
    serial = [parallel.lint_one(linter(), path, data) for path, data in items]
    monkeypatch.setattr(parallel, "_worker", lambda *args: os._exit(3))  # every worker dies at once
    assert as_records(parallel._forked(linter(), items, 2, lambda: None)) == as_records(serial)


def test_the_process_pool_of_other_systems_returns_the_same() -> None:
    items = fixture_items()
    serial = [parallel.lint_one(linter(), path, data) for path, data in items]
    assert as_records(parallel._pooled(linter().settings, items, 2, lambda: None)) == as_records(serial)


def test_only_its_own_old_folders_are_removed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"  # a folder that is not sop-lint's, given as the cache folder
    for name in ("venv", "vendor", "v1-0123456789abcdef"):
        (shared / name).mkdir(parents=True)
    cache = Cache(linter(), shared)
    cache.put("k", [])
    assert cache.get("k", "x.sop.md") == []  # it works there
    assert all((shared / name).is_dir() for name in ("venv", "vendor", "v1-0123456789abcdef"))  # and touches nothing
    assert not (shared / "CACHEDIR.TAG").exists()
    own = tmp_path / "own"
    Cache(linter(), own).put("k", [])  # sop-lint's own folder: tagged
    assert (own / "CACHEDIR.TAG").exists() and (own / ".gitignore").read_text().endswith("*\n")
    (own / "v1-0123456789abcdef").mkdir()  # an older build's entries
    (own / "vendor").mkdir()
    Cache(linter(), own).put("k", [])
    assert not (own / "v1-0123456789abcdef").exists()
    assert (own / "vendor").exists()
