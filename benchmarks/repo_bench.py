"""Measure the repository rules at scale (issue 11): a repository of 10^5 SOPs
lints, with X701/X702 on (`check-related = true`), in time per file within
1.3x of a repository of 10^3, and in less than 500 MB.

    python benchmarks/repo_bench.py                  # 1,000 and 100,000 SOPs (a while: run it with nice)
    python benchmarks/repo_bench.py --large 10000    # a quicker look
    python benchmarks/repo_bench.py --steps 10       # smaller SOPs

Both repositories are written by `benchmarks/corpus.py` (deterministic) into
`.benchmarks/repo-N/` with a `sop-lint.toml` that turns the repository rules
on. Every file names two SOPs in Keterkaitan that no file has (the corpus
titles end in a number), so every file gets two X701 findings with a
did-you-mean: the rules' slowest path, and 2N findings held and printed.
Each run is `sop-lint check --no-cache -q DIR` on all cores, its output
thrown away; the smaller one runs three times (the median counts), the larger
once. Wall time is the target; CPU time (workers included) is printed beside
it, since on a shared machine the wall time of one long run swings with the
load. Peak memory is the operating system's account of the main process
(wait4), which holds every file's findings and facts; a worker holds a batch.
Uses only the standard library.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402 - beside this script
from run import SOP_LINT, WORK, Run, run_once  # noqa: E402

CONFIG = "check-related = true\n"
TIME_LIMIT = 1.3  # time per file at the large size / at the small size
MEMORY_LIMIT_MB = 500.0


def write_repository(files: int, steps: int) -> Path:
    folder = WORK / f"repo-{files}-{steps}"
    written = folder / ".complete"
    if not written.exists():  # the same arguments always give the same bytes: write once
        bulk = folder / "sop"
        bulk.mkdir(parents=True, exist_ok=True)
        for index in range(files):
            path = bulk / f"{index // 1000:03}" / f"sop-{index:06}.sop.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(corpus.sop(index, steps), encoding="utf-8")
        (folder / "sop-lint.toml").write_text(CONFIG, encoding="utf-8")
        written.write_text("", encoding="utf-8")
    return folder


def lint(folder: Path) -> Run:
    return run_once([*SOP_LINT, "check", "--no-cache", "-q", "sop"], folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=corpus.BULK_STEPS)
    parser.add_argument("--runs", type=int, default=3, help="runs of the small repository (median)")
    options = parser.parse_args()
    small, large = write_repository(options.small, options.steps), write_repository(options.large, options.steps)
    print(f"corpus: {options.small} and {options.large} SOPs of {options.steps} steps in {WORK}", flush=True)
    lint(small)  # warm the disk cache and the byte-compiled package
    small_runs = [lint(small) for _ in range(options.runs)]
    small_wall = statistics.median(run.wall for run in small_runs)
    large_run = lint(large)
    per_small = small_wall / options.small * 1e3
    per_large = large_run.wall / options.large * 1e3
    ratio = per_large / per_small
    peak = large_run.peak_mb
    small_cpu = statistics.median(run.cpu for run in small_runs)
    cpu_small, cpu_large = small_cpu / options.small * 1e3, large_run.cpu / options.large * 1e3
    small_peak = max(run.peak_mb for run in small_runs)
    for count, wall, per_file, cpu, most in (
        (options.small, small_wall, per_small, cpu_small, small_peak),
        (options.large, large_run.wall, per_large, cpu_large, peak),
    ):
        print(f"{count:>7} SOPs: {wall:8.2f} s wall, {per_file:.3f} ms/file; {cpu:.3f} ms CPU/file; peak {most:.0f} MB")
    cpu_ratio = cpu_large / cpu_small
    print(f"time per file, {options.large} vs {options.small}: {ratio:.2f}x wall (limit {TIME_LIMIT}x), {cpu_ratio:.2f}x CPU")
    print(f"peak memory at {options.large}: {peak:.0f} MB (limit {MEMORY_LIMIT_MB:.0f} MB)")
    met = ratio <= TIME_LIMIT and peak < MEMORY_LIMIT_MB
    print("targets met" if met else "TARGETS NOT MET")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
