"""`sop-lint import`: SOPs from Word, PDF, Excel, text extractions and Markdown tables.

Each reader turns a file into blocks (paragraphs and tables, `layout`), `layout`
reads the official layout from them into `Procedure`s, and `procedure.to_text` and
`output.render` write each one as an SOP file in canonical form.
"""

from __future__ import annotations

from pathlib import Path

from ..pack import Pack
from .procedure import Procedure

SUFFIXES = (".docx", ".doc", ".pdf", ".xlsx", ".xlsm", ".txt", ".md")


class ImportFailure(Exception):
    """A file that cannot be imported: one line saying why (the caller adds the path)."""


def read_procedures(path: Path, pack: Pack) -> list[Procedure]:
    """The procedures in one file; raises `ImportFailure` with a one-line reason."""
    suffix = path.suffix.lower()
    name = path.name.split(".")[0] or path.name
    if suffix == ".txt":
        from .layout import Vocabulary, read_blocks
        from .text import text_blocks

        text = _decode(path.read_bytes())
        return read_blocks(text_blocks(text, Vocabulary(pack)), pack, name)
    if suffix == ".md":
        from .markdown import markdown_procedures

        return markdown_procedures(_decode(path.read_bytes()), pack, name)
    if suffix == ".docx":
        from .docx import docx_blocks
        from .layout import read_blocks

        return read_blocks(docx_blocks(path), pack, name)
    if suffix == ".doc":
        from .docx import doc_blocks
        from .layout import read_blocks

        return read_blocks(doc_blocks(path), pack, name)
    if suffix == ".pdf":
        from .layout import read_blocks
        from .pdf import pdf_blocks

        return read_blocks(pdf_blocks(path, pack), pack, name)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx import xlsx_procedures

        return xlsx_procedures(path, pack, name)
    raise ImportFailure(f"cannot import `{suffix or path.name}` files (known: {', '.join(SUFFIXES)})")


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
