"""The NIP (Nomor Induk Pegawai, Peraturan Kepala BKN 22/2007): 18 digits,
`yyyymmdd yyyymm g nnn` — birth date, TMT (month of appointment), gender
(1 man, 2 woman) and a serial number."""

from __future__ import annotations

import calendar

from ..model import Nip, Span


def parse_nip(text: str, span: Span) -> Nip:
    return Nip(text, span, "".join(ch for ch in text if ch.isdigit()))


def grouped(digits: str) -> str:
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def nip_problem(nip: Nip) -> str | None:
    """Why this NIP cannot be real, or None when it can."""
    digits = nip.digits
    stray = [ch for ch in nip.text if not (ch.isdigit() or ch in " .")]
    if stray:
        return f"it holds `{stray[0]}`; a NIP is 18 digits"
    if len(digits) != 18:
        return f"it has {len(digits)} digits; a NIP has 18"
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return f"its birth date `{digits[:8]}` is not a date"
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not (1900 <= tmt_year <= 2100 and 1 <= tmt_month <= 12):
        return f"its TMT `{digits[8:14]}` is not a year and month"
    if (tmt_year, tmt_month) < (year + 18, month):
        return f"its TMT {digits[8:14]} is before the holder's 18th birthday ({digits[:8]})"
    if digits[14] not in "12":
        return f"its gender digit is {digits[14]}; it must be 1 or 2"
    if digits[15:] == "000":
        return "its serial number is 000"
    return None
