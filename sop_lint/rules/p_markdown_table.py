"""P010 — a procedure written as a Markdown table (its own module: the importer's rule)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..model import Sop
from ..rule import Context, Finding, Rule

_TABLE_ROW = re.compile(r"^\|.*\|.*\|")


class MarkdownTableProcedure(Rule):
    """
    ## What it does
    Reports a `## Prosedur` written as a Markdown table (`| No | Kegiatan |
    Pelaksana | … |`), the natural transcription of the procedure matrix,
    and says how to convert it: `sop-lint import FILE.sop.md` rewrites the
    table as numbered steps in place, keeping the rest of the file.

    ## Why is this bad?
    sop-lint reads steps from numbered items with `Key: Value` sub-items; a
    table is one paragraph to it, so none of its steps would be checked —
    no numbering, no Pelaksana, no Waktu — and the file would look clean
    where it is not.

    ## Example
    ```markdown
    ## Prosedur

    | No | Kegiatan | Pelaksana | Waktu |
    |---|---|---|---|
    | 1 | Menyurati bagian terkait | Kabag | 20 menit |
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menyurati bagian terkait
       - Pelaksana: Kabag
       - Waktu: 20 menit
    ```
    """

    code = "P010"
    name = "markdown-table-procedure"
    severity = "error"
    summary = "a Prosedur written as a Markdown table"
    summary_id = "Prosedur ditulis sebagai tabel Markdown"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `## Prosedur` yang ditulis sebagai tabel Markdown (`| No |
    Kegiatan | Pelaksana | … |`), yaitu salinan wajar dari matriks prosedur,
    dan menyebut cara mengubahnya: `sop-lint import FILE.sop.md` menulis
    ulang tabel itu menjadi langkah bernomor di berkas yang sama, dan bagian
    lain berkas tetap.

    ## Mengapa ini masalah?
    sop-lint membaca langkah dari butir bernomor dengan sub-butir `Kunci:
    Isi`; baginya tabel hanyalah satu paragraf, sehingga tidak satu pun
    langkahnya diperiksa — baik penomoran, Pelaksana, maupun Waktu — dan
    berkas itu tampak bersih padahal tidak.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Prosedur is a Markdown table (lines {first}-{last}), which is not read as steps:"
            " run `sop-lint import` on this file to convert it to numbered steps in place",
            "Prosedur berupa tabel Markdown (baris {first}-{last}) yang tidak terbaca sebagai langkah:"
            " jalankan `sop-lint import` pada berkas ini untuk mengubahnya menjadi langkah bernomor",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        section = sop.section("Prosedur")
        if section is None:
            return
        for item in section.items:
            if not item.marker and _TABLE_ROW.match(item.text.lstrip()):
                yield self.report(item.span, first=item.span.line, last=item.span.end_line)
                return
