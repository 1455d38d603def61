"""render → import: what `render --format docx` writes (symbols anchored in the
performer's cell, `Ya:`/`Tidak:` written beside them, the question under the
activity, off-page connector rows between pages) imports back to the same steps.
Runs where the renderer is part of the package (the `render` branch of issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sop_lint.importers import read_procedures
from sop_lint.pack import builtin_pack
from sop_lint.parser import parse_text

from .conftest import FIXTURES

word = pytest.importorskip("sop_lint.renderers.word", reason="the renderer (render --format docx) is not in this tree")
build_layout = pytest.importorskip("sop_lint.renderers.layout").build_layout
build_flow = pytest.importorskip("sop_lint.flow").build_flow

SOURCES = [*sorted((FIXTURES / "seeds").glob("*.sop.md")), FIXTURES / "good" / "complete.sop.md"]


def _value(step: object, key: str) -> str:
    found = step.field(key)  # type: ignore[attr-defined]
    return " ".join(found.value.split()) if found is not None and found.value else ""


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_rendered_docx_imports_to_the_same_steps(source: Path, tmp_path: Path) -> None:
    sop = parse_text(source.read_text(encoding="utf-8"), builtin_pack()).sop
    assert sop is not None
    docx = tmp_path / "rendered.docx"
    docx.write_bytes(word.render_docx(sop, build_layout(sop, build_flow(sop), 7)))
    [procedure] = read_procedures(docx, builtin_pack())
    assert len(procedure.steps) == len(sop.steps)
    for written, read in zip(sop.steps, procedure.steps, strict=True):
        assert read.number == str(written.number)
        assert read.activity == " ".join(written.activity.split())
        if not written.terminator and written.performers and all(ref.role for ref in written.performers):
            # The columns are headed by the roles' aliases; an undeclared role (R301) has no column of its own.
            assert set(read.performers) == {ref.role.alias for ref in written.performers if ref.role}
        for key in ("Kelengkapan", "Output", "Keterangan"):
            assert read.fields.get(key, "") == _value(written, key), (written.number, key)
        assert read.fields.get("Waktu", "") == (written.duration.text if written.duration else "")
        assert read.decision == (" ".join(written.decision.split()) if written.decision else None)
        assert read.yes == (written.yes.text if written.yes else None)
        assert read.no == (written.no.text if written.no else None)
