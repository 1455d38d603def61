"""Reading a file's bytes into text: UTF-8 (with or without BOM), or an
encoding problem that names the likely encoding."""

from __future__ import annotations

from .model import Span
from .rule import EncodingProblem

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str | None, EncodingProblem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        start = error.start
    good = data[:start].decode("utf-8", errors="replace")
    line = good.count("\n") + 1
    column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", errors="replace")) + 1
    return None, EncodingProblem(Span(line, column, line, column + 1), _guess(data))


def _guess(data: bytes) -> str | None:
    if data.startswith(_UTF16_BOMS) or (len(data) > 1 and data[1:2] == b"\x00" and data[0:1] != b"\x00"):
        return "UTF-16"
    if b"\x00" in data:
        return None  # binary
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    if controls > len(sample) // 100:
        return None
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return "ISO-8859-1 (Latin-1)"
    return "Windows-1252"
