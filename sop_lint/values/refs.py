"""Step references: `7`, `langkah 7`, `ke langkah 7`, `langkah ke-7`,
`kembali ke langkah 2`, `step 7`, `7 (Menandatangani)`.

A reference that is not one of these (`langkah -1`, `Selesai`, a number of
ten digits or more) parses with `target=None`: rule S402 reports it, and flow
analysis treats the step's flow as unknown.
"""

from __future__ import annotations

import re

from ..model import Span, StepRef

_REF = re.compile(
    r"(?:(?:kembali\s+)?ke\s+)?"  # `ke langkah 2`, `kembali ke langkah 2`
    r"(?:langkah|step|aktivitas|kegiatan|no\.?|nomor)?\s*"
    r"(?:ke\s*-?\s*)?"  # `langkah ke-7`, `ke-7`
    r"(\d{1,9})\.?"  # at most nine digits: int() on a 2 MB number is slow and pointless
    r"(?:\s*\([^()]*\))?$",  # `7 (Menandatangani)`: a note on which step that is
    re.IGNORECASE,
)


def parse_step_ref(text: str, span: Span) -> StepRef:
    match = _REF.match(text.strip())
    return StepRef(text, span, int(match[1]) if match else None)
