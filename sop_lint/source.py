"""Reading a file's bytes into text: UTF-8 (with or without BOM), or an
encoding problem that names the likely encoding."""

from __future__ import annotations

from .model import Span
from .rule import EncodingProblem

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str | None, EncodingProblem | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
    else:
        if not _utf16_without_bom(data):
            return text, None
        return None, EncodingProblem(Span(1, 1, 1, 2), "UTF-16")
    good = data[:start].decode("utf-8", errors="replace")
    line = good.count("\n") + 1
    column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", errors="replace")) + 1
    return None, EncodingProblem(Span(line, column, line, column + 1), _guess(data))


def _utf16_without_bom(data: bytes) -> bool:
    """ASCII text saved as UTF-16 without a BOM is valid UTF-8 with a NUL in every other
    byte: no real UTF-8 SOP looks like that (9 bytes in 10 of one parity NUL, none of the other)."""
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample[:2]:
        return False
    for nuls, others in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
        if nuls.count(0) * 10 >= len(nuls) * 9 and others.count(0) == 0:
            return True
    return False


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
