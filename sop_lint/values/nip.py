"""The NIP (Nomor Induk Pegawai, Peraturan Kepala BKN 22/2007): 18 digits,
`yyyymmdd yyyymm g nnn` — birth date, TMT (month of appointment), gender
(1 man, 2 woman) and a serial number.

Written by hand, the digits are grouped with spaces (sometimes dots or
hyphens); `nip_reason` says in English and Indonesian why a NIP cannot be
real, `grouped` gives the canonical spelling.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Nip, Span
from ..pack import Pack, builtin_pack
from .dates import days_in_month

GROUPS = (8, 6, 1, 3)  # yyyymmdd yyyymm g nnn
_GROUP_NAMES = (
    ("birth date, yyyymmdd", "tanggal lahir, yyyymmdd"),
    ("TMT, yyyymm", "TMT, yyyymm"),
    ("gender digit", "digit jenis kelamin"),
    ("serial number, nnn", "nomor urut, nnn"),
)
_ORDINALS = (("first", "pertama"), ("second", "kedua"), ("third", "ketiga"), ("fourth", "keempat"))
_SEPARATORS = re.compile(r"[\s.\-–]+")


def _label_pattern(pack: Pack | None) -> re.Pattern[str]:
    """A label before the number (the pack's `nip_labels`: `NIP`), with its dot, colon or dash."""
    pack = pack or builtin_pack()
    pattern: re.Pattern[str] | None = pack.compiled.get("nip")
    if pattern is None:
        labels = "|".join(re.escape(word) for word in sorted(pack.nip_labels, key=len, reverse=True))
        pattern = pack.compiled["nip"] = re.compile(rf"(?:{labels})(?![^\W\d_])\s*[.:]?\s*[-:]?\s*", re.IGNORECASE)
    return pattern


def parse_nip(text: str, span: Span) -> Nip:
    return Nip(text, span, "".join(ch for ch in text if ch.isdigit()))


def grouped(digits: str) -> str:
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def well_grouped(nip: Nip) -> bool:
    """Written `yyyymmdd yyyymm g nnn` (runs of spaces count as one), with no label."""
    return len(nip.digits) == 18 and " ".join(nip.text.split()) == grouped(nip.digits)


def label(nip: Nip, pack: Pack | None = None) -> str | None:
    """The `NIP.` label written before the number, if any (`NIP.-1968…`)."""
    match = _label_pattern(pack).match(nip.text.strip())
    return match[0].strip() if match else None


def nip_problem(nip: Nip, today: date | None = None, pack: Pack | None = None) -> str | None:
    """Why this NIP cannot be real (in English), or None when it can."""
    reason = nip_reason(nip, today, pack)
    return reason[0] if reason else None


def nip_reason(nip: Nip, today: date | None = None, pack: Pack | None = None) -> tuple[str, str] | None:
    """Why this NIP cannot be real, in English and Indonesian; None when it can.

    With `today`, a birth date after it is impossible too.
    """
    text = nip.text.strip()
    label = _label_pattern(pack).match(text)
    if label:  # `NIP. 1979…` copied from the signature block: the number may still be good
        text = text[label.end() :]
    stray = next((ch for ch in text if not (ch.isdigit() or _SEPARATORS.fullmatch(ch))), None)
    if stray is not None:
        return (f"it holds `{stray}`; a NIP is 18 digits", f"memuat `{stray}`; NIP terdiri atas 18 angka")
    digits = nip.digits
    if len(digits) != 18:
        return _length_reason(text, digits)
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not (year >= 1900 and 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
        return (f"its birth date `{digits[:8]}` is not a date", f"tanggal lahirnya `{digits[:8]}` bukan tanggal")
    if today is not None and date(year, month, day) > today:
        return (f"its birth date `{digits[:8]}` is in the future", f"tanggal lahirnya `{digits[:8]}` ada di masa depan")
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not (tmt_year >= 1900 and 1 <= tmt_month <= 12):
        return (f"its TMT `{digits[8:14]}` is not a year and month", f"TMT-nya `{digits[8:14]}` bukan tahun dan bulan")
    if (tmt_year, tmt_month) < (year + 18, month):
        return (
            f"its TMT {digits[8:14]} is before the holder's 18th birthday ({digits[:8]})",
            f"TMT-nya {digits[8:14]} sebelum pemiliknya berusia 18 tahun ({digits[:8]})",
        )
    if digits[14] not in "12":
        return (
            f"its gender digit is {digits[14]}; it must be 1 or 2",
            f"digit jenis kelaminnya {digits[14]}; seharusnya 1 atau 2",
        )
    if digits[15:] == "000":
        return ("its serial number is 000", "nomor urutnya 000")
    return None


def _length_reason(text: str, digits: str) -> tuple[str, str]:
    english = f"it has {len(digits)} digits; a NIP has 18"
    indonesian = f"terdiri atas {len(digits)} angka; NIP terdiri atas 18 angka"
    groups = [group for group in _SEPARATORS.split(text) if group]
    if len(groups) == len(GROUPS):
        # Written in the four groups: name the one that is too short or long.
        for index, (group, size) in enumerate(zip(groups, GROUPS, strict=True)):
            if len(group) != size:
                ordinal, name = _ORDINALS[index], _GROUP_NAMES[index]
                group = group if len(group) <= 20 else group[:19] + "…"
                english += f" (the {ordinal[0]} group `{group}`, the {name[0]}, has {len(group)} digits, not {size})"
                indonesian += f" (kelompok {ordinal[1]} `{group}`, {name[1]}, {len(group)} angka, bukan {size})"
                break
    return english, indonesian
