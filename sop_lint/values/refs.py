"""Step references: `7`, `langkah 7`, `ke langkah 7`, `step 7`."""

from __future__ import annotations

import re

from ..model import Span, StepRef

_REF = re.compile(r"(?:ke\s+)?(?:langkah|step|aktivitas|kegiatan|no\.?|nomor)?\s*(\d{1,6})\.?$", re.IGNORECASE)


def parse_step_ref(text: str, span: Span) -> StepRef:
    match = _REF.match(text.strip())
    return StepRef(text, span, int(match[1]) if match else None)
