"""A draft of the reviewer's notes (catatan) and actions (tindakan), in Indonesian,
from an SOP's findings — grouped by the part of the SOP they are about, as the
monitoring table of PermenPAN-RB 35/2012 records them — and the evaluation
criteria the findings give evidence for."""

from __future__ import annotations

from collections.abc import Sequence

from ...rule import Finding, Rule

# Rule family -> (the part of the SOP, what to do about its findings).
PARTS: dict[str, tuple[str, str]] = {
    "P": ("Struktur dokumen", "Rapikan struktur dokumen: judul, nama dan urutan bagian."),
    "M": ("Identitas", "Lengkapi dan perbaiki Identitas SOP (Nomor, tanggal, pengesah, NIP)."),
    "C": ("Bagian informasi", "Lengkapi bagian informasi yang kosong atau masih berisi pengisi tempat."),
    "R": ("Pelaksana", "Samakan nama pelaksana pada langkah dengan daftar Pelaksana."),
    "S": ("Prosedur dan alur", "Perbaiki penomoran langkah, cabang keputusan dan alur prosedur."),
    "D": ("Mutu Baku", "Lengkapi Mutu Baku setiap langkah: Kelengkapan, Waktu (angka dan satuan), Output."),
    "L": ("Dasar Hukum", "Perbaiki rujukan Dasar Hukum: jenis, nomor, tahun, dan peraturan yang masih berlaku."),
    "X": ("Keterkaitan antar-SOP", "Selaraskan dengan SOP lain: Nomor yang unik dan Keterkaitan yang menyebut SOP yang ada."),
}
_SEVERITY = {"error": "galat", "warning": "peringatan", "info": "info"}
_SHOWN = 5  # findings quoted per part; the rest are counted

# Evaluation criteria (PermenPAN-RB 35/2012) the findings can give evidence for:
# (criterion, the codes that count against it).
CRITERIA: list[tuple[str, frozenset[str]]] = [
    ("Semua orang dapat menjalankan perannya: setiap langkah punya pelaksana yang dinyatakan", frozenset({"R301", "R303"})),
    ("Mudah dilaksanakan: setiap langkah punya Waktu yang terukur", frozenset({"D501", "D502", "D503", "D504", "D505"})),
    (
        "Mudah dipahami: setiap keputusan punya dua cabang dan alurnya sampai ke akhir",
        frozenset({"S402", "S403", "S404", "S405"}),
    ),
    ("Sinergi satu dengan lainnya: Keterkaitan menyebut SOP yang ada, Nomor unik", frozenset({"X701", "X702"})),
    ("Nama pelaksana konsisten", frozenset({"R304", "R305", "R306"})),
]


def message_id(finding: Finding, rules: dict[str, type[Rule]]) -> str:
    """The finding's message in Indonesian (whatever the run's language)."""
    rule = rules.get(finding.code)
    if rule is None or finding.message not in rule.messages:
        return finding.text
    try:
        return rule.render(finding, "id")
    except (KeyError, IndexError, ValueError):
        return finding.text


def catatan(findings: Sequence[Finding], rules: dict[str, type[Rule]]) -> list[tuple[str, list[str]]]:
    """(part, notes) per part of the SOP with findings, in the catalog's family order."""
    notes: list[tuple[str, list[str]]] = []
    for family, (part, _) in PARTS.items():
        mine = [f for f in findings if f.code.startswith(family)]
        if not mine:
            continue
        lines = []
        for finding in mine[:_SHOWN]:
            where = f"baris {finding.span.line}" if finding.span.line else "seluruh berkas"
            lines.append(f"{message_id(finding, rules)} ({where}; {finding.code}, {_SEVERITY[finding.severity]}).")
        if len(mine) > _SHOWN:
            lines.append(f"Dan {len(mine) - _SHOWN} temuan lain pada bagian ini.")
        notes.append((part, lines))
    return notes


def tindakan(findings: Sequence[Finding]) -> list[str]:
    """What the writer must do, part by part; the fixes `--fix` can make first."""
    actions: list[str] = []
    fixable = sum(1 for f in findings if f.fix is not None)
    if fixable:
        actions.append(f"Jalankan `sop-lint check --fix` untuk memperbaiki {fixable} temuan secara otomatis.")
    families = {f.code[0] for f in findings}
    actions.extend(action for family, (_, action) in PARTS.items() if family in families)
    return actions


def criteria(findings: Sequence[Finding]) -> list[tuple[str, bool]]:
    """(criterion, met) for each criterion the findings speak to."""
    codes = {finding.code for finding in findings}
    return [(criterion, not (against & codes)) for criterion, against in CRITERIA]
