"""Hostile input gives findings or a one-line error — never a traceback,
never a hang — through the real command line."""

from __future__ import annotations

import subprocess
import sys
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
