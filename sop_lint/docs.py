"""Rule documentation from the rules themselves: the page `sop-lint explain`
prints, the table `sop-lint rules` prints, and `docs/rules.md`.

Regenerate the checked-in catalog (a test fails while it is stale):

    python -m sop_lint.docs > docs/rules.md
"""

from __future__ import annotations

import re
import sys
from typing import Any

from .messages import say
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
    """A rule's page: a `level` heading, its metadata and summary, then its doc (`doc_id`
    for Indonesian: see `indonesian_doc`)."""
    heading = "#" * level + f" {rule.code} {rule.name}"
    tier = say(lang, "docs.preview") if rule.preview else say(lang, "docs.stable")
    severity, fix = say(lang, f"severity.{rule.severity}"), say(lang, f"docs.fix.{rule.fix}")
    facts = " · ".join(
        f"**{say(lang, key)}:** {value}" for key, value in (("docs.severity", severity), ("docs.fix", fix), ("docs.tier", tier))
    )
    # The English page also gives the Indonesian summary; the Indonesian page is Indonesian only.
    summaries = _sentence(summary(rule, lang)) + (f" *({_sentence(rule.summary_id)})*" if lang == "en" else "")
    body = _shift_headings(rule.doc() if lang != "id" else indonesian_doc(rule), level - 1)
    return f"{heading}\n\n{facts}\n\n{summaries}\n\n{body}\n"


_FENCE = re.compile(r"^```markdown\n.*?^```$", re.MULTILINE | re.DOTALL)


def examples(rule: type[Rule]) -> list[str]:
    """The fenced SOP examples of the rule's doc, in order (the bad one, then the good one):
    the two languages share them."""
    return _FENCE.findall(rule.doc())


def indonesian_doc(rule: type[Rule]) -> str:
    """The Indonesian body of a rule's page: what it reports (its Indonesian summary and
    messages, the fields shown as `…`) and the doc's own examples, shared."""
    lines = [f"## {say('id', 'docs.messages')}"]
    lines += [f"- {_FIELD.sub('…', indonesian)}" for _, indonesian in rule.messages.values()]
    shown = examples(rule)
    if shown:
        lines += ["", f"## {say('id', 'docs.example')}", shown[0]]
        for example in shown[1:]:
            lines += ["", say("id", "docs.use_instead"), example]
    return "\n".join(lines)


_FIELD = re.compile(r"\{[a-z_]+\}")


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
    return [
        (
            rule.code,
            rule.name,
            say(lang, f"severity.{rule.severity}"),
            "" if rule.fix == "none" else say(lang, f"docs.fix_short.{rule.fix}"),
            say(lang, "docs.yes") if rule.preview else "",
            summary(rule, lang),
        )
        for rule in rules
    ]


def text_table(rules: list[type[Rule]], lang: str = "en") -> str:
    """The catalog as an aligned plain-text table."""
    header = tuple(say(lang, "docs.columns").split("|"))
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
