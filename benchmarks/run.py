"""Measure sop-lint against the four performance targets of issue 5.

    python benchmarks/run.py              # every target, 7 paired runs each
    python benchmarks/run.py --runs 15    # steadier figures
    python benchmarks/run.py --quick      # 3 runs, no 20,000-step file: a smoke test

Each target is a ratio against a reference measured in the same run: the
commands run in turn (A B A B …), whole processes timed from outside, and
the ratio is the median of the pairs' ratios — pairing keeps it meaningful
when the machine's speed drifts. Peak memory is the operating system's
account of the finished process (wait4).

1. cold   `sop-lint check --no-cache FILE` (one 25-step SOP, a config file
          beside it, the full rule set) against `python -c "import lark"`  ≤ 1.3
2. bulk   `sop-lint check --no-cache DIR` (1,000 such SOPs, all cores)
          against a bare single-core Lark LALR parse of the same files
          (`benchmarks/bare_parse.py`)                                      ≤ 1.0
3. warm   `sop-lint check DIR` again, every file unchanged (the results
          cache), against the bulk run of target 2                         ≤ 0.25
4. big    `sop-lint check --no-cache FILE` of a 5,000-step SOP against its
          bare parse                                                        ≤ 2.0
          linting time per line at 20,000 steps against 250 steps (in one
          process, start-up left out)                                       ≤ 1.5
          peak memory of the 20,000-step run                                < 150 MB

The corpus (`benchmarks/corpus.py`, deterministic) and the cache live in
`.benchmarks/` at the top of the repository. The package is byte-compiled
first, as an installed one is. Uses only the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402 - beside this script

WORK = ROOT / ".benchmarks"
PYTHON = sys.executable
# The console script beside this Python, as users run it; else the module.
_SCRIPT = Path(PYTHON).with_name("sop-lint.exe" if sys.platform == "win32" else "sop-lint")
SOP_LINT = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "sop_lint"]
CONFIG = """\
# A typical project configuration: present, so that finding and reading it is measured.
select = ["P", "M", "C", "R", "S", "D", "L"]
fail-on = "warning"
lang = "id"

[severity]
D511 = "info"
"""

LINES_PER_RUN = 5  # lint-time repetitions per file in the linearity harness


class Run:
    """One finished process: wall seconds, CPU seconds, peak memory (MB)."""

    def __init__(self, wall: float, cpu: float, peak_mb: float, code: int) -> None:
        self.wall, self.cpu, self.peak_mb, self.code = wall, cpu, peak_mb, code


def run_once(command: list[str], cwd: Path) -> Run:
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        # ru_maxrss: kilobytes on Linux, bytes on macOS
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    else:  # pragma: no cover - Windows: wall time only
        process.wait()
        wall = time.perf_counter() - start
        cpu, peak = float("nan"), float("nan")
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"benchmark command failed ({process.returncode}): {' '.join(command)}\n{errors.decode(errors='replace')}"
        )
    return Run(wall, cpu, peak, process.returncode)


class Pair:
    """A command measured against its reference, in turn."""

    def __init__(self, a: list[Run], b: list[Run]) -> None:
        self.a, self.b = a, b

    @property
    def a_wall(self) -> float:
        return statistics.median(run.wall for run in self.a)

    @property
    def b_wall(self) -> float:
        return statistics.median(run.wall for run in self.b)

    @property
    def ratio(self) -> float:
        return statistics.median(a.wall / b.wall for a, b in zip(self.a, self.b, strict=True))

    @property
    def a_peak(self) -> float:
        return max(run.peak_mb for run in self.a)


def paired(a: list[str], b: list[str], cwd: Path, runs: int, warmup: int = 1, before_a: list[str] | None = None) -> Pair:
    for _ in range(warmup):
        if before_a:
            run_once(before_a, cwd)
        run_once(a, cwd)
        run_once(b, cwd)
    a_runs: list[Run] = []
    b_runs: list[Run] = []
    for _ in range(runs):
        if before_a:
            run_once(before_a, cwd)
        a_runs.append(run_once(a, cwd))
        b_runs.append(run_once(b, cwd))
    return Pair(a_runs, b_runs)


def linearity(files: dict[int, Path]) -> dict[int, float]:
    """Microseconds per line to lint each file, in one process (start-up and imports left out)."""
    harness = f"""
import gc, json, statistics, sys, time
sys.path.insert(0, {str(ROOT)!r})
from sop_lint.engine import Linter, Settings
linter = Linter(Settings())
out = {{}}
for steps, path in json.loads(sys.argv[1]).items():
    data = open(path, "rb").read()
    lines = data.count(b"\\n")
    linter.lint_bytes(data, path)  # warm: lazily compiled patterns, first-use imports
    times = []
    for _ in range({LINES_PER_RUN}):
        gc.collect()
        start = time.perf_counter()
        linter.lint_bytes(data, path)
        times.append(time.perf_counter() - start)
    out[steps] = statistics.median(times) / lines * 1e6
print(json.dumps(out))
"""
    argument = json.dumps({str(steps): str(path) for steps, path in files.items()})
    done = subprocess.run([PYTHON, "-c", harness, argument], capture_output=True, text=True, check=True)
    return {int(steps): value for steps, value in json.loads(done.stdout).items()}


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f", load {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    return f"{model}, {cores} cores{load}; Python {platform.python_version()} on {platform.system()} {platform.release()}"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=7, help="paired runs per target (default 7)")
    options.add_argument("--quick", action="store_true", help="3 runs, and no 20,000-step file")
    options.add_argument("--json", type=Path, help="also write the figures to this file")
    args = options.parse_args()
    runs = 3 if args.quick else args.runs

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "sop_lint")], check=True, stdout=subprocess.DEVNULL)
    WORK.mkdir(exist_ok=True)
    print(f"machine: {machine()}")
    if hasattr(os, "getloadavg") and os.getloadavg()[0] > 0.5:
        print("warning: the machine is busy (load above 0.5): parallel figures will be low")

    # The corpus: written once, rewritten only where it differs.
    bulk = WORK / "bulk"
    corpus.write_bulk(bulk)
    sizes = (250, 1000, 5000) if args.quick else corpus.BIG_STEPS
    big = corpus.write_big(WORK / "big", sizes)
    single = WORK / "single"
    single.mkdir(exist_ok=True)
    (single / "sop-lint.toml").write_text(CONFIG, encoding="utf-8")
    one = single / "pengumpulan-data.sop.md"
    one.write_text(corpus.sop(7, corpus.BULK_STEPS), encoding="utf-8")
    cache = WORK / ".sop-lint-cache"  # where a run in WORK keeps it
    bare = [PYTHON, str(ROOT / "benchmarks" / "bare_parse.py")]
    results: list[tuple[str, str, float, float, str, bool]] = []

    def report(name: str, detail: str, value: float, limit: float, unit: str = "×") -> None:
        ok = value < limit if unit == "MB" else value <= limit
        results.append((name, detail, value, limit, unit, ok))
        print(f"  {name:<8} {value:8.3f}{unit:<3} (limit {limit}{unit})  {'ok' if ok else 'MISSED'}  {detail}")

    print(f"\n1. cold: one {corpus.BULK_STEPS}-step SOP, config present, full rule set")
    pair = paired([*SOP_LINT, "check", "--no-cache", one.name], [PYTHON, "-c", "import lark"], single, runs)
    report("cold", f"sop-lint {pair.a_wall * 1e3:.0f} ms vs import lark {pair.b_wall * 1e3:.0f} ms", pair.ratio, 1.3)

    print(f"\n2. bulk: {corpus.BULK_FILES} SOPs of {corpus.BULK_STEPS} steps, all cores")
    bulk_pair = paired([*SOP_LINT, "check", "--no-cache", "--isolated", "bulk"], [*bare, "bulk"], WORK, runs)
    report("bulk", f"sop-lint {bulk_pair.a_wall:.3f} s vs bare parse {bulk_pair.b_wall:.3f} s", bulk_pair.ratio, 1.0)

    print("\n3. warm: the same files again, through the results cache")
    shutil.rmtree(cache, ignore_errors=True)
    run_once([*SOP_LINT, "check", "--isolated", "bulk"], WORK)  # fill the cache
    warm = paired(
        [*SOP_LINT, "check", "--isolated", "bulk"], [*SOP_LINT, "check", "--no-cache", "--isolated", "bulk"], WORK, runs
    )
    report("warm", f"cached {warm.a_wall:.3f} s vs uncached {warm.b_wall:.3f} s", warm.ratio, 0.25)

    print("\n4. big: one large SOP")
    five = big[5000]
    pair = paired([*SOP_LINT, "check", "--no-cache", "--isolated", str(five)], [*bare, str(five)], WORK, runs)
    report("big", f"5,000 steps: sop-lint {pair.a_wall:.3f} s vs bare parse {pair.b_wall:.3f} s", pair.ratio, 2.0)
    per_line = linearity(big)
    smallest, largest = min(per_line), max(per_line)
    shown = ", ".join(f"{steps}: {value:.1f} µs" for steps, value in sorted(per_line.items()))
    report("linear", f"µs per line {shown}", per_line[largest] / per_line[smallest], 1.5)
    peak_run = run_once([*SOP_LINT, "check", "--no-cache", "--isolated", str(big[largest])], WORK)
    report("memory", f"{largest:,} steps: {peak_run.wall:.2f} s", peak_run.peak_mb, 150.0, unit="MB")

    missed = [name for name, *_, ok in results if not ok]
    print("\nall targets met" if not missed else f"\nmissed: {', '.join(missed)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "runs": runs,
                    "results": [
                        {"target": name, "detail": detail, "value": value, "limit": limit, "unit": unit, "met": ok}
                        for name, detail, value, limit, unit, ok in results
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
