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


# The sections of a rule's doc and their headings in its `doc_id`, which holds the same
# sections in the same order. `## Example` is the shared examples: `doc_id` has a `## Contoh`
# only when the English one has words of its own besides `Use instead:` (P005's captions),
# and there a line `{contoh}` stands for each shared example in turn.
SECTIONS_ID: dict[str, str] = {
    "What it does": "Apa yang diperiksa",
    "Why is this bad?": "Mengapa ini masalah?",
    "Example": "Contoh",
    "Fix": "Perbaikan",
}
EXAMPLE = "Example"
EXAMPLE_HERE = "{contoh}"


def sections(text: str) -> list[tuple[str, str]]:
    """A doc's `## ` sections as (heading, body), headings inside fenced blocks (the
    examples' SOP headings) not counted; text before the first heading has heading ""."""
    found: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append((line[3:].strip(), []))
            continue
        found[-1][1].append(line)
    parts = [(heading, "\n".join(body).strip("\n")) for heading, body in found]
    return parts if parts[0][1] else parts[1:]


def indonesian_doc(rule: type[Rule]) -> str:
    """The Indonesian body of a rule's page, in the English page's order: the `doc_id`
    sections before the doc's examples, what the rule reports (its messages, the fields
    shown as `…`), the doc's own examples (shared), then the remaining `doc_id` sections
    (such as `## Perbaikan`)."""
    import inspect

    english = [heading for heading, _ in sections(rule.doc())]
    own = sections(inspect.cleandoc(rule.doc_id))
    at = english.index(EXAMPLE) if EXAMPLE in english else len(english)
    parts = [_section(heading, body) for heading, body in own[:at]]
    parts.append(_section(say("id", "docs.messages"), "\n".join(f"- {_FIELD.sub('…', t)}" for _, t in rule.messages.values())))
    rest, shown = own[at:], examples(rule)
    if rest and rest[0][0] == SECTIONS_ID[EXAMPLE]:
        parts.append(_section(rest[0][0], _place_examples(rest[0][1], shown)))
        rest = rest[1:]
    elif shown:
        body = [shown[0]] + [f"\n{say('id', 'docs.use_instead')}\n{example}" for example in shown[1:]]
        parts.append(_section(say("id", "docs.example"), "\n".join(body)))
    parts += [_section(heading, body) for heading, body in rest]
    return "\n\n".join(parts)


def _section(heading: str, body: str) -> str:
    return f"## {heading}\n{body}" if heading else body


def _place_examples(text: str, shown: list[str]) -> str:
    """A `## Contoh` of `doc_id` with its `{contoh}` lines replaced by the shared examples."""
    pending = iter(shown)
    return "\n".join(next(pending, line) if line == EXAMPLE_HERE else line for line in text.split("\n"))


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


# The catalog's own words: (title, the note that it is generated, introduction, "other rules").
_CATALOG: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "sop-lint rules",
        "Generated from the rules' own docs by `python -m sop_lint.docs > docs/rules.md`; do not edit by hand.",
        "Every rule has a stable code, a kebab-case name, a default severity and a doc page; "
        "`sop-lint explain CODE` prints the page, `sop-lint rules` the table. Preview rules run only with "
        "`--preview` (or `preview = true`).",
        "Other rules",
    ),
    "id": (
        "Aturan sop-lint",
        "Dibuat dari dokumentasi aturan oleh `python -m sop_lint.docs --lang id > docs/id/aturan.md`; jangan disunting langsung.",
        "Setiap aturan memiliki kode yang tetap, nama, tingkat bawaan, dan halaman penjelasan; "
        "`sop-lint explain KODE --lang id` menampilkan halamannya, `sop-lint rules --lang id` tabelnya. "
        "Aturan pratinjau hanya berjalan dengan `--preview` (atau `preview = true`). "
        "Contoh SOP di setiap halaman sama dengan contoh di [../rules.md](../rules.md).",
        "Aturan lain",
    ),
}


def catalog_markdown(rules: list[type[Rule]] | None = None, lang: str = "en") -> str:
    """docs/rules.md (docs/id/aturan.md with `lang="id"`): a table per family, then every rule's page."""
    if rules is None:
        from .rules import all_rules

        rules = list(all_rules().values())
    title, note, introduction, other = _CATALOG[lang]
    parts = [
        f"# {title}\n",
        f"<!-- {note} -->\n",
        f"{introduction}\n",
    ]
    columns = say(lang, "docs.columns").split("|")
    for letter, (title_en, title_id) in FAMILIES.items():
        members = [rule for rule in rules if family(rule) == letter]
        if not members:
            continue
        parts.append(f"## {letter} — {title_en}\n\n*{title_id}*\n" if lang == "en" else f"## {letter} — {title_id}\n")
        table = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for rule in members:
            code, name, *cells = (_markdown_cell(cell) for cell in _catalog_row(rule, lang))
            table.append(f"| [{code}](#{anchor(rule)}) | {name} | " + " | ".join(cells) + " |")
        parts.append("\n".join(table) + "\n")
        parts.extend(doc_page(rule, lang, level=3) for rule in members)
    unknown = [rule for rule in rules if family(rule) not in FAMILIES]
    if unknown:
        parts.append(f"## {other}\n")
        parts.extend(doc_page(rule, lang, level=3) for rule in unknown)
    return "\n".join(parts)


def _catalog_row(rule: type[Rule], lang: str) -> tuple[str, ...]:
    """A rule's row of the catalog: the English one names severity and fix as the config does."""
    if lang != "en":
        return table_rows([rule], lang)[0]
    return (
        rule.code,
        rule.name,
        rule.severity,
        "" if rule.fix == "none" else rule.fix,
        "yes" if rule.preview else "",
        rule.summary,
    )


def main(argv: list[str] | None = None) -> None:
    import argparse

    options = argparse.ArgumentParser(prog="python -m sop_lint.docs", description="Print the rule catalog (Markdown).")
    options.add_argument("--lang", choices=sorted(_CATALOG), default="en", help="en: docs/rules.md; id: docs/id/aturan.md")
    args = options.parse_args(argv)
    # Bytes, not text: the file is UTF-8 with \n line ends whatever the console's encoding.
    sys.stdout.buffer.write(catalog_markdown(lang=args.lang).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
