"""Checks before a zipped Office file (.docx, .xlsx) is handed to its library.

A zip bomb is refused from its directory (declared sizes and ratios, before anything is
decompressed; `zipfile` never reads a member past its declared size), and an XML part
with a DOCTYPE (entity expansion, external entities) is refused before it is parsed:
Office never writes one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from . import ImportFailure

MAX_MEMBER = 64 * 1024 * 1024  # bytes, uncompressed
MAX_TOTAL = 256 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed / compressed for members above 1 MB


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Office 97-2003, or an encrypted Office file


def check_zip(path: Path, kind: str) -> None:
    with open(path, "rb") as handle:
        if handle.read(8) == OLE_MAGIC:
            raise ImportFailure(
                f"not {_article(kind)} {kind} zip but an OLE compound file: an encrypted (password protected) Office file,"
                " or an Office 97-2003 file renamed; save it unprotected as .docx/.xlsx"
            )
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ImportFailure(f"not {_article(kind)} {kind} file (not a zip archive)") from error
    except OSError as error:
        raise ImportFailure(f"cannot be read ({error.strerror or error})") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFailure(f"{_article(kind)} {kind} with {len(members)} parts: refused (at most {MAX_MEMBERS})")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MAX_MEMBER or total > MAX_TOTAL:
                raise ImportFailure(
                    f"`{member.filename}` unpacks to {member.file_size // (1024 * 1024)} MB: refused (a zip bomb?)"
                )
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(1, member.compress_size):
                ratio = member.file_size // max(1, member.compress_size)
                raise ImportFailure(f"`{member.filename}` is compressed {ratio} to 1: refused (a zip bomb?)")
            if member.flag_bits & 0x1:
                raise ImportFailure(f"the {kind} is encrypted (password protected): save it without a password first")
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                try:
                    with archive.open(member) as handle:
                        head = handle.read(4096)
                except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as error:
                    raise ImportFailure(f"`{member.filename}` is damaged ({type(error).__name__})") from error
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    raise ImportFailure(f"`{member.filename}` declares a DOCTYPE (XML entities): refused")


def _article(kind: str) -> str:
    return "an" if kind[:1] in "AEIOU" else "a"
