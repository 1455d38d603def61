"""What the report knows about each SOP: identity, size, duration, findings, verdict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ...engine import Linter
from ...model import Sop, Step
from ...pack import Pack
from ...records import Record
from ...rule import SEVERITIES, Finding

FAMILIES = ("P", "M", "C", "R", "S", "D", "L", "X")
# A verdict of *Sesuai* when nothing at or above this remains.
BLOCKING = SEVERITIES.index("warning")


class Entry(Record):
    """One SOP of the index."""

    __slots__ = (  # noqa: RUF023 - the fields in order
        "path",
        "page",
        "text",
        "title",
        "agency",
        "unit",
        "number",
        "made",
        "revised",
        "effective",
        "steps",
        "longest",
        "findings",
    )

    path: str  # as collected
    page: str  # the SOP's page, relative to the site
    text: str | None  # the file's text (None: not UTF-8)
    title: str
    agency: str
    unit: str
    number: str
    made: str
    revised: str
    effective: str
    steps: int
    longest: float | None  # working minutes along the longest path
    findings: list[Finding]

    def __init__(
        self,
        path: str,
        page: str,
        text: str | None,
        title: str,
        agency: str,
        unit: str,
        number: str,
        made: str,
        revised: str,
        effective: str,
        steps: int,
        longest: float | None,
        findings: list[Finding],
    ) -> None:
        self.path = path
        self.page = page
        self.text = text
        self.title = title
        self.agency = agency
        self.unit = unit
        self.number = number
        self.made = made
        self.revised = revised
        self.effective = effective
        self.steps = steps
        self.longest = longest
        self.findings = findings

    def severities(self) -> Counter[str]:
        return Counter(finding.severity for finding in self.findings)

    def families(self) -> Counter[str]:
        return Counter(finding.code[0] for finding in self.findings)

    @property
    def sesuai(self) -> bool:
        """Nothing at warning or above remains."""
        return all(SEVERITIES.index(finding.severity) < BLOCKING for finding in self.findings)

    @property
    def verdict(self) -> str:
        return "Sesuai" if self.sesuai else "Perlu perbaikan"


def lint_repository(
    linter: Linter, files: list[Path], paths: Sequence[str], jobs: int | None, cache: bool
) -> tuple[list[tuple[str, list[Finding]]], list[str]]:
    """Every file's findings as `check PATHS` finds them (repository rules included),
    and the files that could not be read."""
    from ...parallel import lint_paths
    from .. import RepositoryRun

    store = None
    if cache:
        from ...cache import Cache

        store = Cache(linter)
    run = RepositoryRun(linter, paths)
    unreadable: list[str] = []
    for path, found, why in lint_paths(linter, files, jobs, store, None, run.sink):
        if found is None:
            run.skip()
            unreadable.append(f"{path}: cannot read: {why}")
            continue
        run.add(str(path), found)
    by_path: dict[str, list[Finding]] = {path: [] for path, _ in run.results}
    for finding in run.findings():
        by_path[finding.path].append(finding)
    return [(path, by_path[path]) for path, _ in run.results], unreadable


def entry_of(path: str, page: str, data: bytes, findings: list[Finding], pack: Pack) -> Entry:
    from ...parser import parse_text
    from ...source import decode

    text, _ = decode(data)
    sop = parse_text(text, pack).sop if text is not None else None
    entry = Entry(path, page, text, "", "", "", "", "", "", "", 0, None, findings)
    if sop is not None:
        _read_model(entry, sop)
    if not entry.title:
        entry.title = Path(path).name
    return entry


def _read_model(entry: Entry, sop: Sop) -> None:
    from ...flow import build_flow

    entry.title = sop.title or ""
    if sop.identity is not None:
        for key, attribute in (
            ("Instansi", "agency"),
            ("Unit", "unit"),
            ("Nomor", "number"),
            ("Tanggal Pembuatan", "made"),
            ("Tanggal Revisi", "revised"),
            ("Tanggal Efektif", "effective"),
        ):
            field = sop.identity.field(key)
            if field is not None:
                setattr(entry, attribute, field.value.strip())
    steps = [step for step in sop.steps if not step.terminator]
    entry.steps = len(steps)
    if sop.steps:
        weights = [_minutes(step) for step in sop.steps]
        longest = build_flow(sop).longest_path(weights)
        entry.longest = longest if longest else None


def _minutes(step: Step) -> float:
    """A step's weight: the upper bound of its Waktu when it has a number and a known unit."""
    duration = step.duration
    if step.terminator or duration is None or duration.minutes_high is None:
        return 0.0
    return max(0.0, duration.minutes_high)


def page_names(paths: Sequence[str], root: str) -> list[str]:
    """A page name per SOP (`sop/<folders>--<name>.html`), unique, from its path under `root`."""
    import os
    import re

    names: list[str] = []
    taken: set[str] = set()
    for path in paths:
        try:
            relative = Path(os.path.relpath(path, root)).as_posix()
        except ValueError:
            relative = Path(path).name
        stem = relative.removesuffix(".sop.md").removesuffix(".sop").replace("/", "--")
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "sop"
        name, counter = stem, 1
        while name.casefold() in taken:
            counter += 1
            name = f"{stem}-{counter}"
        taken.add(name.casefold())
        names.append(f"sop/{name}.html")
    return names
