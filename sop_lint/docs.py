"""Rule documentation from the rules themselves: the page `sop-lint explain`
prints, the table `sop-lint rules` prints, and `docs/rules.md`.

Regenerate the checked-in catalog (a test fails while it is stale):

    python -m sop_lint.docs > docs/rules.md
"""

from __future__ import annotations

import re
import sys
from typing import Any

from .rule import Rule

FAMILIES: dict[str, tuple[str, str]] = {
    "P": ("Parsing and structure", "Penguraian dan struktur"),
    "M": ("Identity (Identitas)", "Identitas"),
    "C": ("Completeness of the information sections", "Kelengkapan bagian informasi"),
    "R": ("Roles (Pelaksana)", "Pelaksana"),
    "S": ("Steps and flow", "Langkah dan alur"),
    "D": ("Durations and Mutu Baku", "Waktu dan Mutu Baku"),
    "L": ("Legal basis (Dasar Hukum)", "Dasar Hukum"),
    "X": ("Repository (several files at once)", "Repositori (beberapa berkas sekaligus)"),
}

_WORDS = {
    "en": {
        "severity": "Severity",
        "fix": "Fix",
        "tier": "Tier",
        "stable": "stable",
        "preview": "preview (runs with --preview)",
        "always": "always available (--fix)",
        "sometimes": "sometimes available (--fix)",
        "none": "not available",
        "columns": ("code", "name", "severity", "fix", "preview", "summary"),
        "yes": "yes",
    },
    "id": {
        "severity": "Tingkat",
        "fix": "Perbaikan",
        "tier": "Tahap",
        "stable": "stabil",
        "preview": "pratinjau (berjalan dengan --preview)",
        "always": "selalu tersedia (--fix)",
        "sometimes": "kadang tersedia (--fix)",
        "none": "tidak tersedia",
        "columns": ("kode", "nama", "tingkat", "perbaikan", "pratinjau", "ringkasan"),
        "yes": "ya",
    },
}

_HEADING = re.compile(r"^(#+) ", re.MULTILINE)


def family(rule: type[Rule]) -> str:
    return rule.code[0]


def catalog_order(rules: dict[str, type[Rule]]) -> list[type[Rule]]:
    """Rules by family in the catalog's order (P, M, C, R, S, D, L, X), then by code."""
    order = list(FAMILIES)
    return sorted(rules.values(), key=lambda r: (order.index(family(r)) if family(r) in order else len(order), r.code))


def summary(rule: type[Rule], lang: str = "en") -> str:
    return rule.summary_id if lang == "id" else rule.summary


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def anchor(rule: type[Rule]) -> str:
    """The rule's anchor in docs/rules.md (GitHub's slug of its heading)."""
    return f"{rule.code.lower()}-{rule.name}"


def _shift_headings(text: str, by: int) -> str:
    """Deepen Markdown headings outside fenced code blocks (examples hold SOP headings)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = _HEADING.sub(lambda m: "#" * (len(m[1]) + by) + " ", line, count=1)
        out.append(line)
    return "\n".join(out)


def doc_page(rule: type[Rule], lang: str = "en", level: int = 1) -> str:
    """A rule's page: a `level` heading, its metadata and summary, then its docstring."""
    words = _WORDS[lang]
    heading = "#" * level + f" {rule.code} {rule.name}"
    facts = (
        f"**{words['severity']}:** {rule.severity} · **{words['fix']}:** {words[rule.fix]} · "
        f"**{words['tier']}:** {words['preview'] if rule.preview else words['stable']}"
    )
    other = "id" if lang == "en" else "en"
    summaries = f"{_sentence(summary(rule, lang))} *({_sentence(summary(rule, other))})*"
    body = _shift_headings(rule.doc(), level - 1)
    return f"{heading}\n\n{facts}\n\n{summaries}\n\n{body}\n"


def rule_record(rule: type[Rule]) -> dict[str, Any]:
    """A rule as data (`sop-lint rules --output-format json`)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": family(rule),
        "severity": rule.severity,
        "fix": rule.fix,
        "preview": rule.preview,
        "summary": rule.summary,
        "summary_id": rule.summary_id,
    }


def table_rows(rules: list[type[Rule]], lang: str = "en") -> list[tuple[str, ...]]:
    words = _WORDS[lang]
    return [
        (
            rule.code,
            rule.name,
            rule.severity,
            "" if rule.fix == "none" else rule.fix,
            str(words["yes"]) if rule.preview else "",
            summary(rule, lang),
        )
        for rule in rules
    ]


def text_table(rules: list[type[Rule]], lang: str = "en") -> str:
    """The catalog as an aligned plain-text table."""
    header: tuple[str, ...] = tuple(_WORDS[lang]["columns"])
    rows = [header, *table_rows(rules, lang)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalog_markdown(rules: list[type[Rule]] | None = None) -> str:
    """docs/rules.md: a table per family, then every rule's page."""
    if rules is None:
        from .rules import all_rules

        rules = list(all_rules().values())
    parts = [
        "# sop-lint rules\n",
        "<!-- Generated from the rules' own docs by `python -m sop_lint.docs > docs/rules.md`; do not edit by hand. -->\n",
        "Every rule has a stable code, a kebab-case name, a default severity and a doc page; "
        "`sop-lint explain CODE` prints the page, `sop-lint rules` the table. Preview rules run only with "
        "`--preview` (or `preview = true`).\n",
    ]
    for letter, (title, title_id) in FAMILIES.items():
        members = [rule for rule in rules if family(rule) == letter]
        if not members:
            continue
        parts.append(f"## {letter} — {title}\n\n*{title_id}*\n")
        table = ["| code | name | severity | fix | preview | summary |", "|---|---|---|---|---|---|"]
        for rule in members:
            table.append(
                f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity} | "
                f"{'' if rule.fix == 'none' else rule.fix} | {'yes' if rule.preview else ''} | {_markdown_cell(rule.summary)} |"
            )
        parts.append("\n".join(table) + "\n")
        parts.extend(doc_page(rule, "en", level=3) for rule in members)
    unknown = [rule for rule in rules if family(rule) not in FAMILIES]
    if unknown:
        parts.append("## Other rules\n")
        parts.extend(doc_page(rule, "en", level=3) for rule in unknown)
    return "\n".join(parts)


def main() -> None:
    # Bytes, not text: the file is UTF-8 with \n line ends whatever the console's encoding.
    sys.stdout.buffer.write(catalog_markdown().encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
