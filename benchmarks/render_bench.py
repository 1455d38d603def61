"""Rendering against linting: `sop-lint render DIR -o OUT` (HTML) of 1,000 25-step
SOPs against `sop-lint check --no-cache DIR` of the same files.

    python benchmarks/render_bench.py            # 5 paired runs
    python benchmarks/render_bench.py --runs 9   # steadier figures

Target (issue 10): rendering takes no longer than linting, ratio ≤ 1.0.
Both commands use every core (their default) and the same configuration
(`--isolated`); the corpus is `benchmarks/corpus.py`'s (deterministic),
written to `.benchmarks/render/`. As in `benchmarks/run.py`, the two run in
turn (A B A B …) as whole processes and the ratio is the median of the
pairs' ratios. The output folder is emptied before each render, so every
page is written anew. Uses only the standard library.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402 - beside this script
from run import SOP_LINT, machine, run_once  # noqa: E402 - beside this script

WORK = ROOT / ".benchmarks" / "render"
LIMIT = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    bulk = WORK / "bulk"
    if not bulk.is_dir() or len(list(bulk.glob("*.sop.md"))) != corpus.BULK_FILES:
        corpus.write_bulk(bulk, corpus.BULK_FILES, corpus.BULK_STEPS)
    out = WORK / "html"
    render = [*SOP_LINT, "render", str(bulk), "-o", str(out), "-q", "--isolated"]
    lint = [*SOP_LINT, "check", "--no-cache", "--isolated", "-q", str(bulk)]

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    renders, lints = [], []
    for attempt in range(options.runs + 1):  # the first pair warms the disk cache and is dropped
        fresh()
        r = run_once(render, ROOT)
        lint_run = run_once(lint, ROOT)
        if attempt:
            renders.append(r)
            lints.append(lint_run)
    written = len(list(out.glob("*.html")))
    if written != corpus.BULK_FILES:
        raise SystemExit(f"render wrote {written} pages, not {corpus.BULK_FILES}")
    ratio = statistics.median(r.wall / lint_run.wall for r, lint_run in zip(renders, lints, strict=True))
    render_wall = statistics.median(r.wall for r in renders)
    lint_wall = statistics.median(lint_run.wall for lint_run in lints)
    cpu_ratio = statistics.median(r.cpu / lint_run.cpu for r, lint_run in zip(renders, lints, strict=True))
    print(machine())
    print(
        f"render DIR (HTML), {corpus.BULK_FILES} x {corpus.BULK_STEPS}-step SOPs: {render_wall:.3f} s (median of {options.runs})"
    )
    print(f"check --no-cache DIR, the same files:              {lint_wall:.3f} s")
    print(f"CPU time (user + system, all processes): render / check = {cpu_ratio:.3f}x")
    verdict = "met" if ratio <= LIMIT else "MISSED"
    print(f"ratio {ratio:.3f}x (limit {LIMIT}x): {verdict}")
    sys.exit(0 if ratio <= LIMIT else 1)


if __name__ == "__main__":
    main()
