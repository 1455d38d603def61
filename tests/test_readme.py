"""The README's example SOP is a good SOP: it lints clean."""

from __future__ import annotations

import re

from .conftest import ROOT, codes, lint


def test_readme_example_lints_clean() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```markdown\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    assert codes(lint(example[1])) == []
