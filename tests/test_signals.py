"""Ctrl-C and SIGTERM in the middle of `import` and `render` of 2,000 files (issue 15,
point 3): exit 130/143 with one line, no temporary file left, every file written whole.
The `check`, `format` and `check --fix` cases are in test_hostile.py."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sop_lint.parser import parse_text

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "fixtures" / "good" / "complete.sop.md").read_bytes()
SIGNALS = [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
FILES = 2000

# A text extraction of an SOP (the form of the seeds): the importer's cheapest input.
TEXT_SOP = (
    "Nomor SOP\t{index}/SOP/2024\nNama SOP\tUji Impor {index}\n"
    "No\tKegiatan\tPelaksana\t\tWaktu\tOutput\n\t\tKabag\tStaf\t\t\n"
    "1\tMenyurati\t\t\t5 menit\tSurat\n2\tMengarsipkan\t\t\t1 jam\tArsip\n"
)


def _wait_for_outputs(process: subprocess.Popen[str], out: Path, suffix: str, started: int) -> None:
    """Return once `started` outputs exist, so that the signal lands mid-run however slow
    the machine is (generous limits: CI shares two cores)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and sum(1 for p in out.iterdir() if p.name.endswith(suffix)) >= started:
            break
        time.sleep(0.005)


def _run_and_stop(args: list[str], out: Path, suffix: str, signal_number: int) -> tuple[int, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "sop_lint", *args],
        stdout=subprocess.DEVNULL,  # a full pipe nobody reads would stall it before the signal
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    _wait_for_outputs(process, out, suffix, started=20)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def _no_temporary_file(out: Path, suffix: str) -> list[Path]:
    """The folder's files, after checking that each is an output (a name the run gives)."""
    found = sorted(out.rglob("*"))
    assert [p.name for p in found if not (p.is_file() and p.name.endswith(suffix) and not p.name.startswith("."))] == []
    return found


@pytest.mark.parametrize(("signal_number", "code", "word"), SIGNALS)
def test_a_signal_during_import_of_2000_files_leaves_only_whole_sop_files(
    signal_number: int, code: int, word: str, tmp_path: Path
) -> None:
    sources, out = tmp_path / "arsip", tmp_path / "sop"
    sources.mkdir()
    for index in range(FILES):
        (sources / f"sop-{index:04}.txt").write_text(TEXT_SOP.format(index=index), encoding="utf-8")
    returncode, stderr = _run_and_stop(["import", str(sources), "--out-dir", str(out)], out, ".sop.md", signal_number)
    assert returncode == code, stderr
    assert stderr == f"sop-lint: {word}\n"  # one line: no summary, no traceback
    written = _no_temporary_file(out, ".sop.md")
    assert 0 < len(written) < FILES  # it really was stopped part-way
    for path in written:
        index = int(path.name.removeprefix("sop-").removesuffix(".sop.md"))
        result = parse_text(path.read_text(encoding="utf-8"))
        assert result.sop is not None, (path, result.problem)
        assert result.sop.title == f"Uji Impor {index}"  # whole: its own title, its steps
        assert [step.number for step in result.sop.steps] == [1, 2]
    assert sorted(p.name for p in sources.iterdir()) == [f"sop-{index:04}.txt" for index in range(FILES)]


@pytest.mark.parametrize(("signal_number", "code", "word"), SIGNALS)
def test_a_signal_during_render_of_2000_files_leaves_only_whole_pages(
    signal_number: int, code: int, word: str, tmp_path: Path
) -> None:
    sources, out = tmp_path / "sops", tmp_path / "html"
    sources.mkdir()
    for index in range(FILES):
        (sources / f"sop-{index:04}.sop.md").write_bytes(GOOD)
    # --with-findings: more work per page, so that the signal finds it mid-run; the default
    # --jobs (one worker a core) so that forked workers are stopped with the run.
    args = ["render", str(sources), "-o", str(out), "--with-findings"]
    returncode, stderr = _run_and_stop(args, out, ".html", signal_number)
    assert returncode == code, stderr
    assert stderr == f"sop-lint: {word}\n"
    written = _no_temporary_file(out, ".html")
    assert 0 < len(written) < FILES
    # The workers are stopped with the run: nothing is written after it has exited.
    time.sleep(1)
    assert sorted(out.rglob("*")) == written
    for path in written:
        page = path.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n"), path
        assert page.count("</html>") == 1
