from __future__ import annotations

from ..model import Span


def sub_span(span: Span, start: int, end: int) -> Span:
    """The span of `text[start:end]` when `text` starts at `span`.

    Offsets past the first line of a multi-line value fall back to the whole
    span: values are single-line in practice, and a finding must still point
    somewhere true.
    """
    if span.line != span.end_line and end > span.end_column:  # pragma: no cover - rare
        return span
    return Span(span.line, span.column + start, span.line, span.column + max(end, start + 1))
