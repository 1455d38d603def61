"""SOPs made for the renderer's tests and the docs' pictures.

`thirty_steps()`: 30 steps over four roles, 8 steps a page (pages end after
steps 8, 16 and 24), a decision on every page boundary, and two loops — one
on its page (8 → 3), one back over a page boundary (24 → 14) — plus a jump
forward over two boundaries (16 → 28), and a step done by two roles.
"""

from __future__ import annotations

STEPS_PER_PAGE = 8
ROLES = [("KADIS", "Kepala Dinas"), ("SEKDIS", "Sekretaris Dinas"), ("KABID", "Kepala Bidang"), ("STAF", "Staf Pelaksana")]
# step -> (question, Ya, Tidak)
DECISIONS = {
    8: ("Berkas sudah lengkap?", 9, 3),
    16: ("Perlu kajian teknis?", 17, 28),
    24: ("Konsep disetujui?", 25, 14),
}
VERBS = ["Menerima", "Memeriksa", "Menelaah", "Menyusun", "Memverifikasi", "Mengagendakan", "Menandatangani"]
OBJECTS = ["surat permohonan", "berkas persyaratan", "konsep nota dinas", "laporan bulanan", "dokumen pendukung"]
DURATIONS = ["10 menit", "15 menit", "30 menit", "1 jam", "1-2 jam", "20 menit"]


def performer(step: int) -> str:
    """Role of a step: a pattern that crosses columns both ways."""
    if step == 5:
        return "STAF, KABID"
    return ROLES[(step * 3 + step // 4) % len(ROLES)][0]


def thirty_steps() -> str:
    lines = [
        "# Penerbitan Izin Contoh Tiga Puluh Langkah",
        "",
        "## Identitas",
        "",
        "- Nomor: 800/30/ORG/2026",
        "- Instansi: Pemerintah Provinsi Contoh",
        "- Unit: Dinas Penanaman Modal dan PTSP, Bidang Perizinan",
        "- Tanggal Pembuatan: 2 Januari 2026",
        "- Tanggal Revisi: -",
        "- Tanggal Efektif: 5 Januari 2026",
        "- Disahkan Oleh: Kepala Dinas",
        "- Nama Pengesah: Dewi Lestari, S.E.",
        "- NIP Pengesah: 19800101 200501 2 001",
        "- Batas Waktu: 5 hari kerja",
        "",
        "## Dasar Hukum",
        "",
        "1. Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur"
        " Administrasi Pemerintahan",
        "",
        "## Kualifikasi Pelaksana",
        "",
        "1. Memahami ketentuan perizinan",
        "",
        "## Keterkaitan",
        "",
        "1. SOP Pelayanan Surat Masuk",
        "",
        "## Peralatan/Perlengkapan",
        "",
        "1. Komputer dan printer",
        "",
        "## Peringatan",
        "",
        "- Jika SOP tidak dilaksanakan, izin terlambat diterbitkan.",
        "",
        "## Pencatatan dan Pendataan",
        "",
        "- Buku register izin",
        "",
        "## Pelaksana",
        "",
        *[f"- {alias}: {name}" for alias, name in ROLES],
        "",
        "## Prosedur",
        "",
    ]
    for step in range(1, 31):
        activity = f"{VERBS[step % len(VERBS)]} {OBJECTS[step % len(OBJECTS)]} tahap {step}"
        lines.append(f"{step}. {activity}")
        lines.append(f"   - Pelaksana: {performer(step)}")
        if step in DECISIONS:
            question, yes, no = DECISIONS[step]
            lines += [f"   - Keputusan: {question}", f"   - Ya: langkah {yes}", f"   - Tidak: langkah {no}"]
        lines += [
            "   - Kelengkapan: Berkas",
            f"   - Waktu: {DURATIONS[step % len(DURATIONS)]}",
            "   - Output: Berkas",
        ]
    return "\n".join(lines) + "\n"
