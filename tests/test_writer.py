"""Writing files back: atomic, with permissions, line endings and BOM kept; a
failed rename or a killed process leaves the original whole; a change that is
not the same SOP is never written."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sop_lint.fixes import Plan
from sop_lint.formatter import format_bytes
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text
from sop_lint.writer import TEMP_SUFFIX, UnsafeChange, encode, verify, write_atomic

from .cli_runner import invoke
from .conftest import FIXTURES, ROOT, TODAY

PACK = builtin_pack()
SEED = FIXTURES / "seeds" / "003-jambi-pengumpulan-data-kinerja.sop.md"


def _temporaries(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_write_replaces_the_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.md"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _temporaries(tmp_path) == []


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.sop.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.sop.md"
    link.symlink_to(real)
    write_atomic(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_format_keeps_line_endings_and_bom(bom: bool, ending: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", ending)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    new = format_bytes(data, PACK, TODAY)
    assert new.startswith(b"\xef\xbb\xbf") == bom
    body = new.removeprefix(b"\xef\xbb\xbf")
    assert b"## Dasar Hukum" in body  # it did change
    if ending == "\r\n":
        assert body.count(b"\r\n") == body.count(b"\n")
    else:
        assert b"\r" not in body
    assert format_bytes(new, PACK, TODAY) == new


def test_fix_keeps_line_endings_and_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / SEED.name
    path.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert invoke(capsys, "check", "--fix", str(path)).code == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n")
    assert b"1. Menyiapkan Nota Dinas" in data and b"Mulai\r\n" not in data


def test_encode() -> None:
    assert encode("a\nb\n", bom=True, line_ending="\r\n") == b"\xef\xbb\xbfa\r\nb\r\n"
    assert encode("a\n", bom=False, line_ending="\n") == b"a\n"


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.sop.md"
    path.write_bytes(b"original\n")

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)  # the one os module, as the writer sees it
    with pytest.raises(PermissionError):
        write_atomic(path, b"new content\n")
    assert path.read_bytes() == b"original\n"
    assert _temporaries(tmp_path) == []


def test_a_failed_rename_in_format_is_exit_2_and_the_file_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_bytes())

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)  # the one os module, as the writer sees it
    result = invoke(capsys, "format", str(path))
    assert result.code == 2
    assert f"sop-lint: error: {path}: cannot write: No space left on device" in result.err
    assert path.read_bytes() == SEED.read_bytes()
    assert _temporaries(tmp_path) == []


# A process killed while it writes ---------------------------------------------------------------

_CHILD = """
import os, sys, time
from pathlib import Path
from sop_lint import writer

mode, target = sys.argv[1], Path(sys.argv[2])
data = b"# Baru\\n" + b"x" * (8 << 20)

if mode == "exit-in-fsync":
    def dying_fsync(fd):
        os._exit(137)  # the process dies after writing, before the rename
    writer.os.fsync = dying_fsync
else:
    real_fdopen = os.fdopen
    class Slow:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, chunk):
            for start in range(0, len(chunk), 1 << 16):
                self.handle.write(chunk[start:start + (1 << 16)])
                self.handle.flush()
                if start == 1 << 20:
                    print("writing", flush=True)  # the parent kills us now
                time.sleep(0.002)
        def __getattr__(self, name):
            return getattr(self.handle, name)
    writer.os.fdopen = lambda fd, *a, **k: Slow(real_fdopen(fd, *a, **k))

writer.write_atomic(target, data)
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("mode", ["sigkill-mid-write", "exit-in-fsync"])
def test_a_process_killed_mid_write_leaves_the_original_intact(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "sop.sop.md"
    original = SEED.read_bytes()
    target.write_bytes(original)
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_CHILD), mode, str(target)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if mode == "sigkill-mid-write":
        assert child.stdout.readline() == "writing\n"
        partial = _temporaries(tmp_path)
        assert partial and 0 < partial[0].stat().st_size < (8 << 20)  # killed with the temporary file half written
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    else:
        assert child.wait(timeout=60) == 137
    assert child.stdout.read() == ""  # it never finished
    assert target.read_bytes() == original  # never truncated, never half replaced
    for stray in _temporaries(tmp_path):  # at most a stray temporary file beside it
        assert stray.name.startswith(".sop.sop.md.")


def test_without_interference_the_child_writes_everything(tmp_path: Path) -> None:
    """The harness above can fail: left alone, the same child replaces the file."""
    target = tmp_path / "sop.sop.md"
    target.write_bytes(b"old\n")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CHILD).replace('print("writing", flush=True)', "pass"), "plain", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout == "done\n", (result.stdout, result.stderr, time.monotonic() - started)
    assert target.stat().st_size == len(b"# Baru\n") + (8 << 20)
    assert _temporaries(tmp_path) == []


# The check before writing ---------------------------------------------------------------------


def _sop(text: str):  # type: ignore[no-untyped-def]
    sop = parse_text(text, PACK).sop
    assert sop is not None
    return sop


GOOD = (FIXTURES / "good" / "complete.sop.md").read_text(encoding="utf-8")


def test_verify_accepts_the_same_sop_in_another_layout() -> None:
    verify(_sop(GOOD), GOOD.replace("\n## ", "\n\n\n## "), Plan(), PACK)


@pytest.mark.parametrize(
    ("change", "part"),
    [
        (lambda t: t.replace("Menelaah dan mengoreksi", "Menelaah", 1), "sections"),
        (lambda t: t.replace("   - Ya: langkah 4\n", "   - Ya: langkah 2\n"), "sections"),
        (lambda t: t.replace("<!-- oleh Kepala Biro sendiri -->", ""), "comments"),
        (lambda t: t.replace("# Pengumpulan Data Kinerja", "# Pengumpulan Data"), "title"),
        (lambda t: t.replace("## Identitas\n", "## Identitas\n# Dua\n"), "parse"),
    ],
)
def test_verify_refuses_another_sop(change, part: str) -> None:  # type: ignore[no-untyped-def]
    changed = change(GOOD)
    assert changed != GOOD
    with pytest.raises(UnsafeChange, match=part):
        verify(_sop(GOOD), changed, Plan(), PACK)


def test_a_format_that_fails_the_check_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sop_lint.formatter as formatter

    real = formatter.render
    monkeypatch.setattr(formatter, "render", lambda *a, **k: real(*a, **k).replace("Pengarsipan", "Pengarsipan ulang"))
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_bytes())
    result = invoke(capsys, "format", str(path))
    assert result.code == 2
    assert (
        f"sop-lint: error: {path}: not formatted: the new text would not be the same SOP (its sections would differ)"
        in result.err
    )
    assert path.read_bytes() == SEED.read_bytes()
    assert _temporaries(tmp_path) == []
