"""docs/rules.md and docs/id/aturan.md are generated from the rules' own docs and kept in step."""

from __future__ import annotations

import subprocess
import sys
from typing import ClassVar

from sop_lint.docs import anchor, catalog_markdown, doc_page
from sop_lint.rule import Rule
from sop_lint.rules import all_rules

from .conftest import ROOT

RULES_MD = ROOT / "docs" / "rules.md"
REGENERATE = "python -m sop_lint.docs > docs/rules.md"


def test_rules_md_is_up_to_date() -> None:
    assert RULES_MD.exists(), f"docs/rules.md is missing: run `{REGENERATE}`"
    assert RULES_MD.read_text(encoding="utf-8") == catalog_markdown(), f"docs/rules.md is stale: run `{REGENERATE}`"


def test_the_module_prints_the_catalog() -> None:
    result = subprocess.run([sys.executable, "-m", "sop_lint.docs"], cwd=ROOT, capture_output=True, check=True)
    assert result.stdout.decode("utf-8") == catalog_markdown()


ATURAN_MD = ROOT / "docs" / "id" / "aturan.md"
REGENERATE_ID = "python -m sop_lint.docs --lang id > docs/id/aturan.md"


def test_aturan_md_is_up_to_date() -> None:
    assert ATURAN_MD.exists(), f"docs/id/aturan.md is missing: run `{REGENERATE_ID}`"
    assert ATURAN_MD.read_text(encoding="utf-8") == catalog_markdown(lang="id"), (
        f"docs/id/aturan.md is stale: run `{REGENERATE_ID}`"
    )


def test_the_module_prints_the_indonesian_catalog_and_refuses_another_language() -> None:
    result = subprocess.run([sys.executable, "-m", "sop_lint.docs", "--lang", "id"], cwd=ROOT, capture_output=True, check=True)
    assert result.stdout.decode("utf-8") == catalog_markdown(lang="id")
    wrong = subprocess.run([sys.executable, "-m", "sop_lint.docs", "--lang", "fr"], cwd=ROOT, capture_output=True)
    assert wrong.returncode == 2 and wrong.stdout == b"" and b"invalid choice: 'fr'" in wrong.stderr


def test_the_indonesian_catalog_is_indonesian_and_linked_from_the_guide() -> None:
    text = catalog_markdown(lang="id")
    assert text.startswith("# Aturan sop-lint\n")
    assert "## S — Langkah dan alur\n\n| kode | nama | tingkat | perbaikan | pratinjau | ringkasan |\n" in text
    for rule in all_rules().values():
        assert f"\n### {rule.code} {rule.name}\n" in text and doc_page(rule, "id", level=3) in text
    assert "| [S401](#s401-step-numbering) | step-numbering | galat | kadang |  | nomor langkah tidak berurutan" in text
    assert "#### Apa yang diperiksa\n" in text and "What it does" not in text and "Use instead" not in text
    guide = (ROOT / "docs" / "id" / "panduan.md").read_text(encoding="utf-8")
    assert "(aturan.md)" in guide


def test_every_rule_has_a_section_and_a_table_row() -> None:
    text = catalog_markdown()
    for rule in all_rules().values():
        assert f"\n### {rule.code} {rule.name}\n" in text
        assert f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity} |" in text
        assert rule.summary in text and rule.summary_id[1:] in text  # the Indonesian one capitalised


class _Example(Rule):
    """
    ## What it does
    Something.

    ## Why is this bad?
    Because.

    ## Example
    ```markdown
    # Judul

    ## Prosedur
    ```

    Use instead:
    ```markdown
    ## Identitas
    ```
    """

    code = "Z999"
    name = "docs-example"
    severity = "info"
    summary = "an example"
    summary_id = "sebuah contoh"
    messages: ClassVar[dict[str, tuple[str, str]]] = {"default": ("x", "x")}
    fix = "sometimes"
    preview = True


def test_doc_page_shifts_headings_but_not_the_examples() -> None:
    page = doc_page(_Example, level=3)
    assert page.startswith("### Z999 docs-example\n\n")
    assert "**Severity:** info · **Fix:** sometimes available (--fix) · **Tier:** preview (runs with --preview)" in page
    assert "An example. *(Sebuah contoh.)*" in page
    assert "#### What it does\n" in page and "#### Example\n" in page
    assert "```markdown\n# Judul\n\n## Prosedur\n```" in page  # SOP headings inside examples untouched
    indonesian = doc_page(_Example, "id")
    assert indonesian.startswith("# Z999 docs-example\n")
    # Indonesian only (issue 13, point 5): no English summary beside it, the examples shared.
    assert "**Tingkat:** info · **Perbaikan:** kadang tersedia (--fix) · **Tahap:** pratinjau" in indonesian
    assert "\n\nSebuah contoh.\n\n## Pesan\n- x\n" in indonesian and "An example" not in indonesian
    assert "## Contoh\n```markdown\n# Judul\n\n## Prosedur\n```" in indonesian


def test_catalog_groups_rules_by_family() -> None:
    text = catalog_markdown([_Example, *all_rules().values()])
    families = [line for line in text.splitlines() if line.startswith("## ") and (" — " in line or line == "## Other rules")]
    assert families[-1] == "## Other rules"
    assert families[0].startswith("## P ")
