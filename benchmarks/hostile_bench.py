"""Time and peak memory of sop-lint on the big hostile inputs of issue 15.

    python -m benchmarks.hostile_bench            # every probe at its full size
    python -m benchmarks.hostile_bench --scale 0.1 --only roles

Each probe is a generated SOP (the generators are shared with
tests/test_hostile.py, which runs smaller but telling sizes and asserts the
findings) and a command; the command runs as its own process, timed from
outside, its peak memory the operating system's account of it (wait4). A
probe is meant to take time linear in its size and memory bounded by the
size limit (docs/reliability.md). Uses only the standard library.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = (ROOT / "fixtures" / "good" / "complete.sop.md").read_bytes()
STEP = (
    b"1. Menelaah dan mengoreksi data kinerja yang dikirim oleh bagian terkait\n"
    b"   - Pelaksana: KABAG\n   - Waktu: 30 menit\n   - Output: Draft data kinerja\n"
)


def own_line_suppressions(n: int) -> bytes:
    """n own-line `disable=` comments, each over an item (findings x suppressions before)."""
    return COMPLETE + b"".join(b"<!-- sop-lint: disable=D503 -->\n- x\n" for _ in range(n))


def unknown_sections(n: int) -> bytes:
    """n unknown `##` sections: P002's fix plan looped findings x sections."""
    return b"# Judul\n\n" + b"".join(b"## Bagian %d\n\n- isi\n\n" % i for i in range(n))


def similar_roles(n: int) -> bytes:
    """n declared roles `- Rn: Role n, Bagian n`, each within two edits of many others (R304)."""
    roles = b"".join(b"- R%d: Role %d, Bagian %d\n" % (i, i, i) for i in range(n))
    return COMPLETE.replace(b"- Arsiparis\n", roles, 1)


def codes_in_one_suppression(n: int) -> bytes:
    """One file-wide suppression naming n codes, none of them a rule's."""
    codes = b",".join(b"NOPE%d" % i for i in range(n))
    return COMPLETE.replace(b"## Identitas", b"<!-- sop-lint: disable-file=" + codes + b" -->\n\n## Identitas", 1)


def long_duration(n: int) -> bytes:
    """A step's duration with n digits."""
    return COMPLETE.replace(b"- Waktu: 20 menit", b"- Waktu: " + b"7" * n + b" menit", 1)


def huge_reference(n: int) -> bytes:
    """A decision's reference to step 10^n."""
    return COMPLETE.replace(b"- Ya: langkah 4", b"- Ya: langkah 1" + b"0" * n, 1)


def deep_nesting(n: int) -> bytes:
    """Nesting n deep as the format can write it (its lists hold two levels): an item of n
    list markers (`- - - … x`, a Markdown list n deep), n `>` quote markers, and n
    comment openers on one line closed by n closers."""
    nested = b"- " * n + b"x\n" + b"- " + b">" * n + b" x\n" + b"<!--" * n + b" x " + b"-->" * n + b"\n"
    return COMPLETE.replace(b"## Pencatatan dan Pendataan", nested + b"\n## Pencatatan dan Pendataan", 1)


def many_sections(n: int) -> bytes:
    """A complete SOP and n more (unknown) sections after it."""
    return COMPLETE + b"".join(b"\n## Bagian %d\n\n- isi\n" % i for i in range(n))


def redos_directive(n: int) -> bytes:
    """A suppression directive with n blanks before a stray `!` (the pattern backtracked)."""
    return b"# T\n\n<!-- sop-lint: disable=D503" + b" " * n + b"! -->\n"


def many_steps(n: int) -> bytes:
    """A valid SOP of n steps."""
    return COMPLETE.partition(b"## Prosedur\n")[0] + b"## Prosedur\n\n" + STEP * n


class Probe:
    def __init__(self, name: str, make: Callable[[int], bytes], size: int, args: tuple[str, ...]) -> None:
        self.name = name
        self.make = make
        self.size = size
        self.args = args


PROBES = [
    Probe("suppressions-1e4-check", own_line_suppressions, 10**4, ("check",)),
    Probe("suppressions-1e4-fix", own_line_suppressions, 10**4, ("check", "--fix")),
    Probe("unknown-sections-1e4-fix", unknown_sections, 10**4, ("check", "--fix")),
    Probe("unknown-sections-1e5-fix", unknown_sections, 10**5, ("check", "--fix")),
    Probe("roles-8000-check", similar_roles, 8000, ("check",)),
    Probe("roles-1e5-check", similar_roles, 10**5, ("check",)),
    Probe("codes-1e4-in-one-suppression", codes_in_one_suppression, 10**4, ("check",)),
    Probe("duration-1e4-digits", long_duration, 10**4, ("check",)),
    Probe("duration-1e4-digits-fix", long_duration, 10**4, ("check", "--fix")),
    Probe("reference-1e18", huge_reference, 18, ("check",)),
    Probe("nesting-1e5", deep_nesting, 10**5, ("check",)),
    Probe("nesting-1e5-format", deep_nesting, 10**5, ("format",)),
    Probe("sections-1e5", many_sections, 10**5, ("check",)),
    Probe("sections-1e5-format", many_sections, 10**5, ("format",)),
    Probe("redos-directive-1MB", redos_directive, 10**6, ("check",)),
    Probe("steps-1e6-over-the-limit", many_steps, 10**6, ("check",)),
    Probe("steps-50000", many_steps, 50_000, ("check",)),
]


def measure(args: list[str], cwd: Path, timeout: float) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and exit code (or `killed`, past the timeout) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, "killed" if code == -9 else str(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (not the reference's digits)")
    parser.add_argument("--only", default="", help="run the probes whose name holds this")
    parser.add_argument("--timeout", type=float, default=600, help="kill a probe after this many seconds")
    options = parser.parse_args(argv)
    print(f"{'probe':32} {'size':>9} {'bytes':>11} {'seconds':>8} {'peak MB':>8} exit")
    with tempfile.TemporaryDirectory() as folder:
        for probe in PROBES:
            if options.only not in probe.name:
                continue
            size = probe.size if probe.make is huge_reference else max(1, int(probe.size * options.scale))
            path = Path(folder) / f"{probe.name}.sop.md"
            data = probe.make(size)
            path.write_bytes(data)
            length = len(data)
            del data  # a forked child's peak memory counts this process's pages until it execs
            command = [sys.executable, "-m", "sop_lint", *probe.args, "--no-cache", path.name]
            if probe.args[0] == "format":
                command.remove("--no-cache")
            seconds, peak, code = measure(command, Path(folder), options.timeout)
            print(f"{probe.name:32} {size:>9} {length:>11} {seconds:>8.2f} {peak:>8.0f} {code}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
